"""exposure and explain name the date of their question in the header (text and Markdown), as
what-if and spof do, on a model with service dates; a model without dates shows no date line."""

from __future__ import annotations

import pytest

DATED = """\
model: {home: CAN, as_of: 2026-11-01}
nodes:
  - {id: CAN, kind: nation}
  - {id: USA, kind: nation}
  - {id: Jet, kind: platform, nation: USA, service: {from: 2020, until: 2032}}
  - {id: Air-Policing, kind: capability, requires: [Jet]}
"""


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("command", [["exposure"], ["explain", "Air-Policing", "--embargo", "USA"]])
def test_header_names_the_date(run, tmp_path, command, fmt):
    model = tmp_path / "m.yaml"
    model.write_text(DATED)
    default = run(*command, "--model", model, "--format", fmt)
    later = run(*command, "--model", model, "--format", fmt, "--on", "2030-06")
    assert default.code == 0 and later.code == 0, default.err + later.err
    assert "On 2026-11-01 (fleets in service on that day; --on DATE for another)" in default.out
    assert "On 2030-06-01 (fleets in service on that day; --on DATE for another)" in later.out
    assert "2026-11-01 (fleets" not in later.out


def test_no_date_line_without_service_dates(run, tmp_path):
    model = tmp_path / "m.yaml"
    model.write_text(DATED.replace(", service: {from: 2020, until: 2032}", ""))
    for command in (["exposure"], ["explain", "Air-Policing", "--embargo", "USA"]):
        result = run(*command, "--model", model)
        assert result.code == 0, result.err
        assert "fleets in service on that day" not in result.out
