"""`interop sensitivity` end to end: formats, errors, and the shipped model's headline (golden)."""

from __future__ import annotations

import json

from conftest import MODELS


def write_model(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(
        """
nodes:
  - {id: US, kind: nation}
  - {id: Keys, kind: support, nation: US, confidence: low}
  - id: Link
    kind: datalink
    requires:
      - id: Keys
        grace_days: 30
        notes: "Illustrative assumption (keys, 30 days; range 30-90): a month held."
  - {id: Ops, kind: capability, requires: [Link]}
""",
        encoding="utf-8",
    )
    return path


def test_text_markdown_and_json(run, tmp_path):
    model = write_model(tmp_path)
    text = run("sensitivity", "--model", model, "--embargo", "US")
    assert text.code == 0, text.err
    assert text.out.splitlines()[0] == "Sensitivity: embargo US"
    assert "  keys (30 days; range 30-90)" in text.out
    assert "    at 90 days: Ops day 30 → day 90" in text.out
    assert "    without it: Ops day 30 → holds" in text.out
    md = run("sensitivity", "--model", model, "--embargo", "US", "--format", "markdown")
    assert md.code == 0 and md.out.startswith("## Sensitivity: embargo US\n")
    assert (
        "| keys (30 days; range 30-90) | 90 days | Ops day 30 → day 90 | earliest loss: day 30 (Ops) → day 90 (Ops) |"
        in md.out
    )
    data = json.loads(run("sensitivity", "--model", model, "--embargo", "US", "--format", "json").out)
    assert data["capabilities"] == {"Ops": 30}
    assert data["rests_on"] == ["grace:keys:30", "node:Keys"]


def test_unknown_id_is_exit_3_and_bad_at_is_exit_2(run, tmp_path):
    model = write_model(tmp_path)
    assert run("sensitivity", "--model", model, "--remove", "Nope").code == 3
    assert run("sensitivity", "--model", model, "--at", "-1").code == 2


def test_report_has_a_rests_on_section(run):
    result = run("report", "--model", MODELS / "mini.yaml", "--embargo", "USA")
    assert result.code == 0, result.err
    assert "## What this answer rests on" in result.out


def test_shipped_model_us_embargo_golden(run, golden):
    result = run("sensitivity", "--embargo", "USA")
    assert result.code == 0, result.err
    golden("decision/sensitivity-shipped-usa.txt", result.out)
