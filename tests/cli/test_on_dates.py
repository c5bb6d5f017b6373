"""--on on every command that asks a question: the date in the header, gaps apart from failures
with their reason, JSON keys, and exit codes (2 for a malformed --on, 3 for what does not serve)."""

from __future__ import annotations

import json

import pytest
from conftest import MODELS

DATED = MODELS / "dated.yaml"
REASON = (
    "NORAD air sovereignty: no fighter in service on 2033-01-01: CF-18 left service 2032-12-31, Gripen-E enters 2034"
)
SWAP = ("--replace", "F-35", "--with", "Gripen")


@pytest.mark.parametrize("command", ["what-if", "spof", "exposure", "explain", "report", "diagram", "compare"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2032-13", "'2032-13': there is no month 13"),
        ("2031-02-29", "2031-02 has no day 29"),
        ("soon", "'soon' is not a date"),
        ("0999", "the year 999 is out of range"),
    ],
)
def test_a_malformed_on_is_a_usage_error(run, command: str, value: str, message: str) -> None:
    args = [command, "--model", DATED, "--on", value]
    if command == "explain":
        args.insert(1, "NORAD")
    result = run(*args)
    assert result.code == 2, result.err
    assert "Invalid value for '--on'" in result.err and message in result.err
    assert result.out == ""


def test_what_if_names_the_date_and_reports_the_gap_apart_with_its_reason(run) -> None:
    result = run("what-if", "--model", DATED, *SWAP, "--on", "2033")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[2] == "On 2033-01-01 (fleets in service on that day; --on DATE for another)"
    assert "Gaps on 2033-01-01: 1 in the scenario, 0 in the baseline" in lines
    at = lines.index("  NORAD (scenario only): no fighter in service on 2033-01-01: CF-18 left service 2032-12-31,")
    assert lines[at + 1] == "    Gripen-E enters 2034"  # wrapped at 100 columns, the gap's id first
    assert "  Gap on 2033-01-01: NORAD" in lines
    assert "Failures" not in result.out
    assert "  2034-01-01: NORAD gap → holds" in lines


def test_what_if_json_has_on_and_gaps(run) -> None:
    doc = json.loads(run("what-if", "--model", DATED, *SWAP, "--on", "2033-01", "--format", "json").out)
    assert doc["scenario"] == {"operations": [["replace", "F-35A", "Gripen-E"]], "at_days": None, "on": "2033-01-01"}
    assert doc["gaps"] == {"baseline": [], "scenario": ["NORAD"]}
    assert doc["gap_reasons"]["scenario"] == {"NORAD": REASON}
    assert doc["capabilities"] == {"lost": [], "kept": []}
    assert doc["changes"] == [
        {"on": "2034-01-01", "subject": "NORAD", "before": "gap", "after": "holds"},
        {
            "on": "2034-01-01",
            "subject": "interoperability links",
            "before": "1 lost, 0 gained",
            "after": "1 lost, 1 gained",
        },
    ]


def test_the_default_date_is_as_of_and_the_headline_names_the_dates_its_answer_changes(run) -> None:
    result = run("what-if", "--model", DATED, *SWAP)
    assert result.code == 0
    assert "On 2026-11-01 (fleets in service on that day; --on DATE for another)" in result.out
    assert "  2033-01-01: NORAD holds → gap\n  2034-01-01: NORAD gap → holds\n" in result.out
    assert "  2029-01-01: interoperability links 0 lost, 0 gained → 1 lost, 0 gained\n" in result.out
    assert (
        "  Same options with --on DATE (from 2029-01-01) for one date, or interop horizon for every year.\n"
        in result.out
    )


def test_removing_a_fleet_that_left_service_is_exit_3_naming_its_window(run) -> None:
    result = run("what-if", "--model", DATED, "--remove", "CF-18", "--on", "2033")
    assert result.code == 3
    assert result.err == (
        "interop: cannot remove CF-18: it is not in service on 2033-01-01 (left service 2032-12-31; in service "
        "1982-01-01 to 2032-12-31) — pick a node in service "
        "(a candidate enters service with --replace/--mix … --with)\n"
    )


def test_spof_on_a_date(run) -> None:
    doc = json.loads(run("spof", "--model", DATED, "--on", "2027", "--format", "json").out)
    assert doc["on"] == "2027-01-01"
    # 2027: the CF-18 (US-supported) is the only fighter; 2030: the F-35A serves beside it.
    assert [(c["id"], c["cut_sets"]) for c in doc["capabilities"]] == [("NORAD", [["CF-18"], ["USA"]])]
    gap = run("spof", "--model", DATED, *SWAP, "--on", "2033", "-c", "NORAD")
    assert gap.code == 3 and "NORAD is not in service: it is a gap on 2033-01-01" in gap.err
    both = json.loads(run("spof", "--model", DATED, "--on", "2030", "--format", "json").out)
    assert both["capabilities"][0]["cut_sets"] == [["USA"], ["CF-18", "F-35A"]]


def test_compare_on_several_dates_side_by_side(run) -> None:
    args = ("compare", "--model", DATED, "--replace", "F-35", "--with", "Gripen", "--with", "F-35")
    doc = json.loads(run(*args, "--on", "2033", "--on", "2027", "--format", "json").out)
    assert doc["on"] == ["2027-01-01", "2033-01-01"]
    assert [d["on"] for d in doc["by_date"]] == doc["on"]
    late = doc["by_date"][1]["options"]
    assert [(o["label"], o["capabilities"], [g["id"] for g in o["gaps"]]) for o in late] == [
        ("baseline (no change)", ["NORAD"], []),  # the baseline comes first, by default
        ("replace F-35A with Gripen-E", [], ["NORAD"]),
    ]
    text = run(*args, "--on", "2027", "--on", "2033").out
    assert text.count("Compare 2 options") == 2
    assert f"Gap: {REASON}" in " ".join(text.split())  # wrapped at the page width
    single = json.loads(run(*args, "--on", "2033", "--format", "json").out)
    assert single["on"] == "2033-01-01" and "by_date" not in single


def test_the_report_names_the_date_and_lists_gaps_apart(run, tmp_path) -> None:
    out = tmp_path / "r.md"
    assert run("report", "--model", DATED, *SWAP, "--on", "2033", "-o", out).code == 0
    text = out.read_text(encoding="utf-8")
    assert "On 2033-01-01 (fleets in service on that day; --on DATE for another)." in text
    assert "Not in service on 2033-01-01 (gaps): NORAD." in text
    assert "## Gaps on 2033-01-01" in text and f"| NORAD | scenario only | {REASON} |" in text


def test_explain_of_a_gap_explains_it_in_every_format(run) -> None:
    text = run("explain", "NORAD", "--model", DATED, *SWAP, "--on", "2033")
    assert text.code == 0, text.err
    assert "NORAD is a gap on 2033-01-01: it is not in service that day" in text.out
    assert f"At the root: {REASON}." in text.out
    markdown = run("explain", "NORAD", "--model", DATED, *SWAP, "--on", "2033", "--format", "markdown")
    assert markdown.code == 0 and "### Why, step by step" in markdown.out
    data = json.loads(run("explain", "NORAD", "--model", DATED, *SWAP, "--on", "2033", "--format", "json").out)
    assert (data["holds"], data["fails_at"], data["chain"]) == (False, None, [])
    assert data["gap"][-1]["reason"] == REASON


def _exported_ids(run, *args: str) -> list[str]:
    result = run("export", "--model", DATED, "--format", "json", *args)
    assert result.code == 0, result.err
    return sorted(node["id"] for node in json.loads(result.out)["nodes"])


def test_export_on_a_date_holds_only_what_is_in_service_that_day(run) -> None:
    everything = ["CAN", "CF-18", "E-3", "F-35A", "Gripen-E", "L16", "NORAD", "SWE", "USA"]
    assert _exported_ids(run) == everything  # the whole catalogue, as without dates
    assert _exported_ids(run, "--on", "2027") == ["CAN", "CF-18", "E-3", "L16", "NORAD", "SWE", "USA"]
    assert _exported_ids(run, "--on", "2030") == ["CAN", "CF-18", "E-3", "F-35A", "L16", "NORAD", "SWE", "USA"]
    # The swap on 2033: no fighter in service, so NORAD is a gap and leaves the export too.
    assert _exported_ids(run, *SWAP, "--on", "2033") == ["CAN", "E-3", "L16", "SWE", "USA"]
    assert run("export", "--model", DATED, "--format", "json", "--on", "2032-13").code == 2
    assert run("export", "--model", DATED, "--format", "csv", "-o", "x", "--on", "2030").code == 2


def test_api_export_on_a_date_is_the_cli_answer(run) -> None:
    import interop

    model = interop.load(DATED)
    assert interop.export(model, "json", on="2027") == run("export", "--model", DATED, "-f", "json", "--on", "2027").out
