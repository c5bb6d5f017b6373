"""Links carried over by a replacement (contract 4.2): exact cases worked out by hand, and a
property test against the brute-force reference on random models with chains of replacements."""

from __future__ import annotations

import json

import reference as ref
from conftest import MINI
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from interop.analysis import Scenario, what_if
from interop.analysis.links import CarriedLink, Link, carried_links, final_successors
from interop.model import model_from_data

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _swap_model(extra: list[dict] | None = None) -> object:
    """Home CAN with two fighters (A1, A2) and three candidates (B, C, D), a US partner P over L16."""
    nodes = [
        {"id": "CAN", "kind": "nation"},
        {"id": "USA", "kind": "nation"},
        {"id": "L16", "kind": "datalink"},
        {"id": "MADL", "kind": "datalink"},
        {"id": "A1", "kind": "platform", "interfaces": ["L16", "MADL"]},
        {"id": "A2", "kind": "platform", "interfaces": ["L16"]},
        {"id": "B", "kind": "platform", "status": "candidate", "interfaces": ["L16"]},
        {"id": "C", "kind": "platform", "status": "candidate", "interfaces": ["L16", "MADL"]},
        {"id": "P", "kind": "platform", "operator": "USA", "interfaces": ["L16", "MADL"]},
        {"id": "Q", "kind": "platform", "operator": "USA", "interfaces": ["L16"]},
        {"id": "Cap", "kind": "capability", "requires": ["A1", "A2"]},
    ]
    return model_from_data({"model": {"home": "CAN"}, "nodes": nodes + (extra or [])})


def test_mini_swap_carries_the_link16_pairs_not_madl(run):
    result = run("what-if", "--model", MINI, "--replace", "F-35", "--with", "Gripen", "--format", "json")
    links = json.loads(result.out)["links"]
    assert links["carried"] == [
        ["F-35A", "Gripen-E", "KC-46", "Link-16"],
        ["F-35A", "Gripen-E", "USAF-F-35A", "Link-16"],
    ]
    # v1 keys unchanged: carried links stay in lost and gained.
    assert ["F-35A", "KC-46", "Link-16"] in links["lost"]
    assert ["Gripen-E", "KC-46", "Link-16"] in links["gained"]


def test_a_scenario_without_replacement_carries_nothing(run):
    result = run("what-if", "--model", MINI, "--embargo", "USA", "--format", "json")
    assert json.loads(result.out)["links"]["carried"] == []


def test_chain_pairs_the_first_node_with_the_last():
    model = _swap_model()
    result = what_if(model, Scenario.build(replace=[("A1", "B"), ("B", "C")]))
    # A1's L16 and MADL links reach C, which speaks both; B never served, so it carries nothing.
    assert result.links_carried == (
        CarriedLink("A1", "C", "P", "L16"),
        CarriedLink("A1", "C", "P", "MADL"),
        CarriedLink("A1", "C", "Q", "L16"),
    )


def test_one_gained_link_carries_several_lost_ones():
    model = _swap_model()
    result = what_if(model, Scenario.build(replace=[("A1", "B"), ("A2", "B")]))
    assert result.links_gained == (Link("B", "P", "L16"), Link("B", "Q", "L16"))
    assert result.links_carried == (
        CarriedLink("A1", "B", "P", "L16"),
        CarriedLink("A1", "B", "Q", "L16"),
        CarriedLink("A2", "B", "P", "L16"),
        CarriedLink("A2", "B", "Q", "L16"),
    )
    # A1's MADL link has no MADL counterpart on B: lost, not carried.
    assert Link("A1", "P", "MADL") in result.links_lost


def test_a_failed_replacement_carries_nothing():
    model = _swap_model(
        [
            {"id": "Saab", "kind": "supplier", "status": "candidate"},
            {"id": "D", "kind": "platform", "status": "candidate", "requires": ["Saab"], "interfaces": ["L16"]},
        ]
    )
    assert what_if(model, Scenario.build(replace=[("A2", "D")])).links_carried == (
        CarriedLink("A2", "D", "P", "L16"),
        CarriedLink("A2", "D", "Q", "L16"),
    )
    assert what_if(model, Scenario.build(replace=[("A2", "D")], remove=["Saab"])).links_carried == ()


def test_a_link_already_held_by_the_newcomer_is_kept_not_carried():
    model = _swap_model()
    result = what_if(model, Scenario.build(replace=[("A2", "A1")]))
    assert Link("A1", "P", "L16") in result.links_kept
    assert result.links_carried == ()


def test_final_successors_follow_chains_only_through_replacements():
    assert final_successors([("A", "B"), ("B", "C"), ("C", "D"), ("X", "Y")]) == {
        "A": "D",
        "B": "D",
        "C": "D",
        "X": "Y",
    }
    # A's link reappears on B, but B was replaced in turn: A's requirements ended with C.
    assert carried_links([Link("A", "P", "s")], [Link("B", "P", "s")], [("A", "B"), ("B", "C")]) == ()
    assert carried_links([Link("A", "P", "s")], [Link("C", "P", "s")], [("A", "B"), ("B", "C")]) == (
        CarriedLink("A", "C", "P", "s"),
    )


@st.composite
def _replacement_chains(draw: st.DrawFn) -> tuple[dict, list[tuple[str, str]], list[str]]:
    """A random model and 1–3 valid replacements (chains and shared newcomers included)."""
    data = draw(ref.random_models())
    for node in data["nodes"][3:]:  # most nodes speak the data link, so links are there to carry
        if draw(st.integers(0, 4)):
            node["interfaces"] = ["D"]
    if draw(st.integers(0, 3)):  # mostly a data link that does not fail
        data["nodes"][2]["requires"] = []
    active = [n["id"] for n in data["nodes"] if n.get("status") != "candidate"]
    for i in range(draw(st.integers(1, 2))):  # newcomers that speak the link, as a swap brings in
        requires = draw(st.lists(st.sampled_from(active), max_size=2, unique=True))
        operator = draw(st.sampled_from(["H", "F"]))
        data["nodes"].append(
            {"id": f"c{i}", "kind": "platform", "status": "candidate", "operator": operator, "requires": requires}
            | {"interfaces": ["D"]}
        )
    model = model_from_data(data)
    replacements: list[tuple[str, str]] = []
    left: set[str] = set()
    for _ in range(draw(st.integers(1, 3))):
        in_service = sorted(n for n in ref.structure(model, replacements) if model[n].kind != "nation")
        if not in_service:
            break
        speakers = [n for n in in_service if model[n].interfaces]
        a = draw(st.sampled_from(speakers if speakers and draw(st.integers(0, 3)) else in_service))
        choices = sorted({n.id for n in model} - left - {a, "H", "F"})
        newcomers = [n for n in choices if model[n].is_candidate and n not in in_service]
        if newcomers and draw(st.integers(0, 3)):  # mostly a candidate entering service, as in a swap
            choices = newcomers
        if not choices:
            break
        b = draw(st.sampled_from(choices))
        replacements.append((a, b))
        left.add(a)
    structure = ref.structure(model, replacements)
    remove = draw(st.lists(st.sampled_from(sorted(set(structure) - {"H"})), max_size=1))
    return data, replacements, remove


@SETTINGS
@given(_replacement_chains())
def test_carried_links_match_the_contract_reference(case):
    data, replacements, remove = case
    model = model_from_data(data)
    assume(replacements)
    result = what_if(model, Scenario.build(replace=replacements, remove=remove), with_spof=False)
    structure = ref.structure(model, replacements)
    times = ref.failure_times(structure, set(remove))
    base_links = ref.links(model, ref.structure(model), {})
    after_links = ref.links(model, structure, times)
    expected = ref.carried_links(replacements, base_links - after_links, after_links - base_links)
    assert [tuple(c) for c in result.links_carried] == expected
    event("carried" if expected else "none carried")
