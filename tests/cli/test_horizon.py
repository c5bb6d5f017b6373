"""interop horizon on a hand-built dated model: exact statuses by date, the dates a window opens
or closes, capabilities that hold only through a fleet leaving service, embargo days, formats."""

from __future__ import annotations

import json

from conftest import MODELS

DATED = MODELS / "dated.yaml"
SWAP = ("--replace", "F-35", "--with", "Gripen")


def _doc(run, *args):
    result = run("horizon", "--model", DATED, *args, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_year_by_year_and_on_each_window_change(run) -> None:
    doc = _doc(run, *SWAP, "--from", "2028", "--to", "2035")
    # F-35A enters 2029 (a year start anyway); CF-18 leaves after 2032-12-31; Gripen-E enters 2034.
    assert [d["on"] for d in doc["dates"]] == [f"{y}-01-01" for y in range(2028, 2036)]
    scenario = [(d["on"][:4], d["scenario"]["capabilities"]["NORAD"]) for d in doc["dates"]]
    assert scenario == [
        ("2028", "holds"),
        ("2029", "holds"),
        ("2030", "holds"),
        ("2031", "holds"),
        ("2032", "holds"),
        ("2033", "gap"),
        ("2034", "holds"),
        ("2035", "holds"),
    ]
    assert all(d["baseline"]["capabilities"]["NORAD"] == "holds" for d in doc["dates"])
    gap = doc["dates"][5]["scenario"]
    assert gap["gaps"] == ["NORAD"] and gap["gap_reasons"]["NORAD"].endswith(
        "CF-18 left service 2032-12-31, Gripen-E enters 2034"
    )
    # Until 2032 the scenario's NORAD holds only through the CF-18, which leaves within the range.
    assert doc["dates"][0]["scenario"]["holds_only_through"] == [
        {"capability": "NORAD", "node": "CF-18", "until": "2032-12-31"}
    ]
    assert doc["dates"][6]["scenario"]["holds_only_through"] == []
    assert doc["dates"][7]["scenario"]["links_by_partner"] == {"USA": 1}
    windows = {w["id"]: (w["from"], w["until"], w["baseline"], w["scenario"]) for w in doc["windows"]}
    assert windows["Gripen-E"] == ("2034-01-01", None, False, True)
    assert windows["CF-18"] == ("1982-01-01", "2032-12-31", True, True)


def test_a_date_inside_a_year_where_a_window_opens_is_listed(run, tmp_path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        "model: {home: H, as_of: 2030}\n"
        "nodes:\n"
        "  - {id: H, kind: nation}\n"
        "  - {id: Old, kind: platform, service: {until: 2031-06}}\n"
        "  - {id: New, kind: platform, service: {from: 2031-09-15}}\n"
        "  - {id: C, kind: capability, requires: [{any_of: [Old, New]}]}\n",
        encoding="utf-8",
    )
    result = run("horizon", "--model", model, "--to", "2032", "--format", "json")
    doc = json.loads(result.out)
    assert [(d["on"], d["year_start"], d["baseline"]["capabilities"]["C"]) for d in doc["dates"]] == [
        ("2030-01-01", True, "holds"),
        ("2031-01-01", True, "holds"),
        ("2031-07-01", False, "gap"),
        ("2031-09-15", False, "holds"),
        ("2032-01-01", True, "holds"),
    ]


def test_with_an_embargo_the_day_each_capability_falls(run) -> None:
    doc = _doc(run, *SWAP, "--embargo", "SWE", "--from", "2034", "--to", "2034")
    assert doc["dates"][0]["scenario"]["capabilities"] == {"NORAD": "lost day 30"}
    assert doc["dates"][0]["baseline"]["capabilities"] == {"NORAD": "holds"}


def test_text_markdown_gantt_and_svg(run) -> None:
    text = run("horizon", "--model", DATED, *SWAP, "--from", "2032", "--to", "2034").out
    assert text.splitlines()[0] == "Horizon 2032–2034: replace F-35A with Gripen-E"
    assert "NORAD          holds       GAP     holds" in text
    markdown = run("horizon", "--model", DATED, *SWAP, "--from", "2032", "--to", "2034", "-f", "markdown").out
    assert "| NORAD | holds | GAP | holds |" in markdown
    assert "```mermaid\ngantt\n" in markdown and "    Gripen-E : active, w2, 2034-01-01, 2034-12-31" in markdown
    svg = run("horizon", "--model", DATED, *SWAP, "--from", "2032", "--to", "2034", "-f", "svg").out
    assert svg.startswith("<svg") and "NORAD 2033: gap" in svg


def test_to_before_from_is_a_usage_error(run) -> None:
    result = run("horizon", "--model", DATED, "--from", "2030", "--to", "2029")
    assert result.code == 2 and "--to 2029 is before --from 2030" in result.err


def test_the_api_gives_the_same_horizon() -> None:
    import interop

    result = interop.horizon(interop.load(DATED), replace={"F-35": "Gripen"}, start=2033, end=2034)
    assert isinstance(result, interop.HorizonResult)
    assert [(p.on.year, p.scenario.status["NORAD"]) for p in result.points] == [(2033, "gap"), (2034, "holds")]
    on_2035 = interop.what_if(interop.load(DATED), replace={"F-35": "Gripen"}, embargo="SWE", on="2035")
    assert [(f.id, f.at_days) for f in on_2035.capabilities_lost] == [("NORAD", 30)]
    assert on_2035.to_dict()["scenario"]["on"] == "2035-01-01"


def test_the_png_chart_table_holds_the_windows_statuses_and_only_the_colours_drawn() -> None:
    import interop
    from interop.render.horizon import chart_dot

    model = interop.load(DATED)
    dot = chart_dot(interop.horizon(model, replace={"F-35": "Gripen"}, embargo=["SWE"], start=2032, end=2035))
    assert "Horizon 2032–2035: replace F-35A with Gripen-E; embargo SWE" in dot
    assert 'CF-18 <FONT COLOR="#555555">(1982-01-01 – 2032-12-31)</FONT>' in dot
    cf18 = dot.split("CF-18 <FONT", 1)[1].split("</TR>", 1)[0]
    assert cf18.count('BGCOLOR="#1565c0"') == 1  # 2032 only, of 2032–2035
    norad = dot.split('<TD ALIGN="LEFT">NORAD</TD>', 1)[1].split("</TR>", 1)[0]
    cells = [c.split('COLOR="white">', 1)[1].split("<", 1)[0] for c in norad.split("<TD BGCOLOR=")[1:]]
    assert cells == [" ", "GAP", "day 30", "day 30"]  # CF-18 holds 2032; no fighter 2033; Gripen-E embargoed
    # F-35A is taken out by the swap, Gripen-E brought in: both colours drawn and in the legend.
    assert "planned, taken out by the scenario" in dot and "brought in by the scenario" in dot
    baseline = chart_dot(interop.horizon(model, start=2032, end=2035))
    assert "taken out by the scenario" not in baseline and "brought in" not in baseline


def test_png_chart_is_a_deterministic_slide_sized_image(run, tmp_path) -> None:
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    for path in (first, second):
        result = run(
            "horizon", "--model", DATED, *SWAP, "--embargo", "SWE", "--from", "2026", "--to", "2040", "-o", path
        )
        assert result.code == 0, result.err
    data = first.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data == second.read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert 600 <= width <= 1600 and 200 <= height <= 1000, (width, height)
    assert run("horizon", "--model", DATED, "--format", "png").code == 2  # binary: needs -o
