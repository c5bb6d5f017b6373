"""Mixed fleets (`mix A with B`): exact days on hand-built models, and what_if against a naive
brute-force reference on small random models."""

from __future__ import annotations

from conftest import MINI, MODELS
from decision_models import decision_models, mixed_structure, naive_times
from hypothesis import given, settings
from hypothesis import strategies as st

from interop.analysis import Scenario, what_if
from interop.model import load_model, model_from_data

DECISION = MODELS / "decision.yaml"


def failed(result):
    return [(f.id, f.at_days) for f in result.failed]


def test_mix_on_mini_either_fleet_carries_qra():
    model = load_model(MINI)
    mixed = Scenario.build(mix=[("F-35", "Gripen")])
    graph = what_if(model, mixed).graph
    # QRA's requirement on F-35A became any_of [F-35A, Gripen-E]; F-35A stays in service.
    assert graph.requires["QRA"][0].targets == ("F-35A", "Gripen-E")
    assert graph.requires["QRA"][0].any_of
    assert "F-35A" in graph.requires and "Gripen-E" in graph.requires
    # Losing Sweden (Gripen's supplier) leaves QRA up: the F-35A fleet carries it.
    result = what_if(model, Scenario.build(mix=[("F-35", "Gripen")], embargo=["SWE"]))
    assert failed(result) == [("CC-330", 0), ("Gripen-E", 0), ("SWE", 0), ("Saab", 0)]
    assert result.capabilities_kept == ("QRA",)
    # Pratt & Whitney and GE both gone: F-35A falls on day 60, Gripen-E on day 90: QRA on day 90.
    result = what_if(model, Scenario.build(mix=[("F-35", "Gripen")], remove=["PW", "GE"]))
    assert failed(result) == [
        ("F135", 0),
        ("F414", 0),
        ("GE", 0),
        ("PW", 0),
        ("F-35A", 60),
        ("Gripen-E", 90),
        ("QRA", 90),
    ]


def test_mix_on_decision_model_exact_days():
    model = load_model(DECISION)
    # Boeing removed and France embargoed: Fighter-A day 60, Fighter-B day 0, but the radar's
    # spares (any of Boeing | Safran, grace 10) go on day 10, so both capabilities fall on day 10;
    # the Depot follows the radar after 5 days.
    scenario = Scenario.build(mix=[("FA", "Fighter-B")], remove=["Boeing"], embargo=["FRA"])
    result = what_if(model, scenario)
    assert failed(result) == [
        ("Boeing", 0),
        ("Dassault", 0),
        ("Engine-US", 0),
        ("FRA", 0),
        ("Fighter-B", 0),
        ("Safran", 0),
        ("Air-Defence", 10),
        ("Radar", 10),
        ("Surveillance", 10),
        ("Depot", 15),
        ("Fighter-A", 60),
    ]


@st.composite
def mixed_cases(draw):
    data = draw(decision_models())
    model = model_from_data(data)
    active = [n.id for n in model if not n.is_candidate and n.kind != "nation"]
    others = [n.id for n in model if n.kind != "nation"]
    a = draw(st.sampled_from(active))
    b = draw(st.sampled_from([x for x in others if x != a]))
    in_service = set(mixed_structure(data, a, b))
    pool = sorted(x for x in in_service if x != "H")
    removed = draw(st.lists(st.sampled_from(pool), max_size=3, unique=True))
    return data, model, a, b, removed


@settings(deadline=None)
@given(mixed_cases())
def test_mix_matches_brute_force(case):
    data, model, a, b, removed = case
    result = what_if(model, Scenario.build(mix=[(a, b)], remove=removed), with_spof=False)
    structure = mixed_structure(data, a, b)
    assert set(result.graph.requires) == set(structure)
    expected = naive_times(structure, set(removed))
    assert {f.id: f.at_days for f in result.failed} == expected
    capabilities = {n["id"] for n in data["nodes"] if n["kind"] == "capability"} & set(structure)
    assert {f.id for f in result.capabilities_lost} == capabilities & set(expected)
