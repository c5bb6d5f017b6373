"""Dates in the analysis (contract 4.1, 4.4), exact on hand-built models: the in-service set on a
day, gaps as a fixpoint (any_of, chains, cycles), replacements as plan changes, --on with --at,
grace and embargoes, cut sets on a date, and the preconditions (exit 3) with their reasons."""

from __future__ import annotations

import datetime

import pytest

from interop.analysis import Scenario, Study, WhatIfResult, spof, what_if
from interop.analysis.scenario import apply_scenario, baseline, resolve_scenario
from interop.errors import ScenarioError
from interop.model import Model, model_from_data
from interop.model.dates import first_day

D = datetime.date


def model(*nodes: dict[str, object], as_of: str | None = None) -> Model:
    meta: dict[str, object] = {"home": "CAN"}
    if as_of:
        meta["as_of"] = as_of
    base = [{"id": "CAN", "kind": "nation"}, {"id": "USA", "kind": "nation"}, {"id": "SWE", "kind": "nation"}]
    return model_from_data({"model": meta, "nodes": [*base, *nodes]})


def fleet(**extra: object) -> Model:
    """The issue's example: CF-18 until 2032, F-35A from 2029 (US engine), Gripen-E a candidate from 2034."""
    return model(
        {"id": "L16", "kind": "datalink"},
        {"id": "CF-18", "kind": "platform", "service": {"from": 1982, "until": 2032}, "interfaces": ["L16"]},
        {"id": "F135", "kind": "component", "nation": "USA"},
        {
            "id": "F-35A",
            "kind": "platform",
            "aliases": ["F-35"],
            "service": {"from": "2029-07"},
            "requires": [{"id": "F135", "grace_days": 60}],
            "interfaces": ["L16"],
        },
        {"id": "Saab", "kind": "supplier", "nation": "SWE", "status": "candidate"},
        {
            "id": "Gripen-E",
            "kind": "platform",
            "status": "candidate",
            "service": {"from": 2034},
            "requires": [{"id": "Saab", "grace_days": 90}],
            "interfaces": ["L16"],
        },
        {"id": "E-3", "kind": "platform", "operator": "USA", "interfaces": ["L16"]},
        {
            "id": "NORAD",
            "name": "NORAD air sovereignty",
            "kind": "capability",
            "requires": [{"any_of": ["CF-18", "F-35A"], "label": "fighter"}],
        },
        **extra,
    )


def run(m: Model, on: str | None, **ops: object) -> WhatIfResult:
    day = first_day(on) if on else None
    return what_if(m, Scenario.build(on=day, **ops))  # type: ignore[arg-type]


def test_windows_at_their_boundaries_first_and_last_day() -> None:
    m = fleet()
    assert "CF-18" in baseline(m, D(2032, 12, 31)).requires
    assert "CF-18" not in baseline(m, D(2033, 1, 1)).requires
    assert "CF-18" not in baseline(m, D(1981, 12, 31)).requires
    assert "CF-18" in baseline(m, D(1982, 1, 1)).requires
    assert "F-35A" not in baseline(m, D(2029, 6, 30)).requires  # month form: from 2029-07 is 1 July
    assert "F-35A" in baseline(m, D(2029, 7, 1)).requires
    assert baseline(m, D(2029, 6, 30)).out_of_window == ("F-35A",)


def test_gap_through_any_of_and_its_reason() -> None:
    r = run(fleet(), "2033", replace=[("F-35", "Gripen-E")])
    assert r.gaps_baseline == () and r.gaps_scenario == ("NORAD",)
    assert r.gap_reasons["scenario"]["NORAD"] == (
        "NORAD air sovereignty: no fighter in service on 2033-01-01: "
        "CF-18 left service 2032-12-31, Gripen-E enters 2034"
    )
    assert r.capabilities_lost == () and r.capabilities_kept == ()  # a gap is in neither
    assert r.failed == ()
    doc = r.to_dict()
    assert doc["scenario"]["on"] == "2033-01-01"
    assert doc["gaps"] == {"baseline": [], "scenario": ["NORAD"]}


def test_a_late_replacement_shows_as_a_gap_on_the_dates_between() -> None:
    m = fleet()
    assert run(m, "2032-12-31", replace=[("F-35", "Gripen-E")]).gaps_scenario == ()
    assert run(m, "2033-01-01", replace=[("F-35", "Gripen-E")]).gaps_scenario == ("NORAD",)
    assert run(m, "2033-12-31", replace=[("F-35", "Gripen-E")]).gaps_scenario == ("NORAD",)
    later = run(m, "2034-01-01", replace=[("F-35", "Gripen-E")])
    assert later.gaps_scenario == () and later.capabilities_kept == ("NORAD",)
    assert later.entered_service == ("Gripen-E", "Saab")


def test_a_replacement_that_closes_a_gap_and_a_gap_only_in_the_baseline() -> None:
    m = fleet()
    # 2028: the CF-18 serves; 2033: only the F-35A. A model where the F-35A arrives late:
    late = model(
        {"id": "Old", "kind": "platform", "service": {"until": 2030}},
        {"id": "Late", "kind": "platform", "service": {"from": 2033}},
        {"id": "Early", "kind": "platform", "status": "candidate", "service": {"from": 2028}},
        {"id": "C", "kind": "capability", "requires": [{"any_of": ["Old", "Late"]}]},
    )
    r = run(late, "2031", replace=[("Late", "Early")])
    assert r.gaps_baseline == ("C",) and r.gaps_scenario == ()
    assert r.capabilities_kept == ("C",)
    assert r.gap_reasons["baseline"]["C"] == (
        "C: none of Old, Late in service on 2031-01-01: Old left service 2030-12-31, Late enters 2033"
    )
    assert run(m, "2030").gaps_baseline == ()


def test_gaps_through_chains_and_cycles() -> None:
    m = model(
        {"id": "Gone", "kind": "supplier", "service": {"until": 2025}},
        {"id": "Part", "kind": "component", "requires": ["Gone"]},
        {"id": "Jet", "kind": "platform", "requires": [{"id": "Part", "grace_days": 365}]},
        {"id": "A", "kind": "system", "requires": [{"any_of": ["B", "Jet"]}]},
        {"id": "B", "kind": "system", "requires": [{"any_of": ["A", "Jet"]}]},
        {"id": "X", "kind": "system", "requires": ["Y"]},
        {"id": "Y", "kind": "system", "requires": ["X"]},
        {"id": "C", "kind": "capability", "requires": ["A", "X"]},
    )
    graph = baseline(m, D(2030, 1, 1))
    # Grace plays no role in gaps; the A-B cycle keeps holding (greatest fixpoint), as does X-Y.
    assert graph.gaps == ("Jet", "Part")
    assert set(graph.requires) == {"CAN", "USA", "SWE", "A", "B", "X", "Y", "C"}
    assert graph.requires["A"][0].targets == ("B",)  # the alternative out of service is cut
    assert graph.gap_reason("Jet") == "Jet: Part not in service on 2030-01-01: Part is itself a gap"
    # On this date, with Jet a gap, losing A or B alone fails C (each is the other's only support).
    assert spof(m, ["C"], scenario=Scenario(on=D(2030, 1, 1))).cut_sets["C"] == (("A",), ("B",), ("X",), ("Y",))
    # In 2020 Gone serves: C needs A directly; B matters only once Jet's supply is cut (the A-B
    # cycle alone holds itself up, so Gone alone is not a cut set).
    assert spof(m, ["C"], scenario=Scenario(on=D(2020, 1, 1))).cut_sets["C"] == (
        ("A",),
        ("X",),
        ("Y",),
        ("B", "Gone"),
        ("B", "Jet"),
        ("B", "Part"),
    )


def test_a_replacement_that_opens_a_gap_through_its_supply_chain() -> None:
    m = model(
        {"id": "Old", "kind": "platform"},
        {"id": "Kit", "kind": "component", "status": "candidate", "service": {"from": 2031}},
        {"id": "New", "kind": "platform", "status": "candidate", "requires": ["Kit"]},
        {"id": "C", "kind": "capability", "requires": ["Old"]},
    )
    r = run(m, "2030", replace=[("Old", "New")])
    assert r.gaps_scenario == ("C", "New") and r.gaps_baseline == ()
    assert r.gap_reasons["scenario"]["New"] == "New: Kit not in service on 2030-01-01: Kit enters 2031"
    assert r.gap_reasons["scenario"]["C"] == "C: New not in service on 2030-01-01: New is itself a gap"
    assert [(c.on, c.subject, c.before, c.after) for c in r.changes] == [(D(2031, 1, 1), "C", "gap", "holds")]


def test_on_with_at_days_counts_from_the_date_and_grace_applies_to_failures() -> None:
    m = fleet()
    r = run(m, "2030", embargo=["USA"], at_days=30)
    # CF-18 and F-35A both serve in 2030: the F135 embargo grounds the F-35A on day 60, the CF-18 holds.
    assert [(f.id, f.at_days) for f in r.failed] == [("F135", 0), ("USA", 0)]
    assert r.capabilities_kept == ("NORAD",)
    assert [(f.id, f.at_days) for f in run(m, "2030", embargo=["USA"]).failed] == [
        ("F135", 0),
        ("USA", 0),
        ("F-35A", 60),
    ]
    # In 2033 the F-35A is the only fighter: the embargo takes NORAD on day 60 (grace), not at once.
    lost = run(m, "2033", embargo=["USA"]).capabilities_lost
    assert [(f.id, f.at_days) for f in lost] == [("NORAD", 60)]
    assert run(m, "2033", embargo=["USA"], at_days=59).capabilities_lost == ()
    # The Gripen from 2034 under a Swedish embargo: lost on day 90.
    swe = run(m, "2035", replace=[("F-35", "Gripen-E")], embargo=["SWE"])
    assert [(f.id, f.at_days) for f in swe.capabilities_lost] == [("NORAD", 90)]


def test_links_are_computed_without_gaps_and_out_of_window_nodes() -> None:
    m = fleet()
    assert [tuple(x) for x in run(m, "2028").links_kept] == [("CF-18", "E-3", "L16")]
    r = run(m, "2033", replace=[("F-35", "Gripen-E")])
    assert [tuple(x) for x in r.links_lost] == [("E-3", "F-35A", "L16")] and r.links_gained == ()
    r = run(m, "2035", replace=[("F-35", "Gripen-E")])
    assert [tuple(x) for x in r.links_carried] == [("F-35A", "Gripen-E", "E-3", "L16")]


def test_default_date_is_as_of_and_a_model_without_service_keys_reports_it() -> None:
    plain = model(
        {"id": "P", "kind": "platform"}, {"id": "C", "kind": "capability", "requires": ["P"]}, as_of="2026-11"
    )
    r = what_if(plain, Scenario.build(remove=["P"]))
    assert r.to_dict()["scenario"]["on"] == "2026-11-01"
    assert r.to_dict()["gaps"] == {"baseline": [], "scenario": []} and r.changes == ()
    no_date = model({"id": "P", "kind": "platform", "service": {"until": 2000}})
    assert what_if(no_date, Scenario()).to_dict()["scenario"]["on"] is None  # dates play no role
    assert "P" in baseline(no_date).requires
    dated = fleet()
    assert resolve_scenario(dated, Scenario()).on is None
    with_as_of = model({"id": "P", "kind": "platform", "service": {"until": 2000}}, as_of="2026")
    assert what_if(with_as_of, Scenario()).graph.out_of_window == ("P",)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("ops", "message"),
    [
        (
            {"remove": ["CF-18"]},
            "cannot remove CF-18: it is not in service on 2033-01-01 "
            "(left service 2032-12-31; in service 1982-01-01 to 2032-12-31)",
        ),
        (
            {"replace": [("F-35", "Gripen-E")], "remove": ["NORAD"]},
            "cannot remove NORAD: it is a gap on 2033-01-01 (NORAD air sovereignty: no fighter",
        ),
        ({"remove": ["Gripen-E"]}, "cannot remove Gripen-E: it is a candidate not brought into service"),
    ],
)
def test_removing_what_does_not_serve_on_the_date_is_exit_3(ops: dict[str, object], message: str) -> None:
    with pytest.raises(ScenarioError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        run(fleet(), "2033", **ops)
    assert caught.value.exit_code == 3


def test_replacing_a_node_out_of_service_on_the_date_is_allowed() -> None:
    m = fleet()
    r = run(m, "2027", replace=[("F-35", "Gripen-E")])  # the F-35A is not yet in service: still in the plan
    assert r.left_service == ("F-35A",) and r.gaps_scenario == () and r.capabilities_kept == ("NORAD",)
    graph = apply_scenario(m, resolve_scenario(m, Scenario.build(replace=[("F-35", "Gripen-E")], on=D(2027, 1, 1))))
    assert graph.out_of_window == ("Gripen-E",) and "Saab" in graph.requires


def test_spof_on_a_gap_is_exit_3_with_why() -> None:
    with pytest.raises(ScenarioError, match="NORAD is not in service: it is a gap on 2033-01-01"):
        spof(fleet(), ["NORAD"], scenario=Scenario.build(replace=[("F-35", "Gripen-E")], on=D(2033, 1, 1)))
    single = spof(fleet(), ["NORAD"], scenario=Scenario(on=D(2027, 1, 1)))
    assert single.cut_sets["NORAD"] == (("CF-18",),)
    assert single.to_dict()["on"] == "2027-01-01"
    assert spof(fleet(), ["NORAD"], scenario=Scenario(on=D(2030, 1, 1))).cut_sets["NORAD"] == (
        ("CF-18", "F-35A"),
        ("CF-18", "F135"),
        ("CF-18", "USA"),
    )


def test_study_answer_changes_lists_each_later_date_and_is_empty_without_a_date() -> None:
    m = model(
        {"id": "Old", "kind": "platform", "service": {"until": 2033}},
        {"id": "Kit", "kind": "component", "status": "candidate", "service": {"from": 2031}},
        {"id": "New", "kind": "platform", "status": "candidate", "requires": ["Kit"]},
        {"id": "C", "kind": "capability", "requires": ["Old"]},
    )
    dated = Study.of(m, Scenario.build(replace=[("Old", "New")], on=D(2030, 1, 1)))
    assert [(c.on, c.subject, c.before, c.after) for c in dated.answer_changes] == [
        (D(2031, 1, 1), "C", "gap", "holds")
    ]
    assert dated.answer_changes is dated.answer_changes  # worked out once
    baseline_2030 = Study.of(m, Scenario(on=D(2030, 1, 1)))
    assert [(c.on, c.subject, c.before, c.after) for c in baseline_2030.answer_changes] == [
        (D(2034, 1, 1), "C", "holds", "gap")
    ]
    assert Study.of(m, Scenario.build(replace=[("Old", "New")])).answer_changes == ()


def test_explaining_a_gap_gives_the_chain_down_to_the_closed_window() -> None:
    from interop.analysis.explain import explain

    m = model(
        {"id": "Gone", "kind": "supplier", "service": {"until": 2025}},
        {"id": "Part", "kind": "component", "requires": ["Gone"]},
        {"id": "Jet", "kind": "platform", "requires": [{"id": "Part", "grace_days": 365}]},
        {"id": "C", "kind": "capability", "requires": [{"any_of": ["Jet"], "label": "fighters"}]},
    )
    result = explain(m, Scenario(on=D(2030, 1, 1)), "C")
    assert (result.holds, result.fails_at, result.chain, result.requirements) == (False, None, (), ())
    assert [(s.node, s.requirement.targets, s.reason) for s in result.gap] == [
        ("C", ("Jet",), "C: no fighters in service on 2030-01-01: Jet is itself a gap"),
        ("Jet", ("Part",), "Jet: Part not in service on 2030-01-01: Part is itself a gap"),
        ("Part", ("Gone",), "Part: Gone not in service on 2030-01-01: Gone left service 2025-12-31"),
    ]
    assert [step["id"] for step in result.to_dict()["gap"]] == ["C", "Jet", "Part"]
    # On a date when Gone still serves, C holds and there is no gap chain.
    held = explain(m, Scenario(on=D(2020, 1, 1)), "C")
    assert held.holds and held.gap == () and held.to_dict()["gap"] == []
    # A node outside its own window is still not explainable (exit 3 with why).
    with pytest.raises(ScenarioError, match="Gone is not in service: it is not in service on 2030-01-01"):
        explain(m, Scenario(on=D(2030, 1, 1)), "Gone")
