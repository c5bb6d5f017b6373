"""Property tests: every core algorithm against the brute-force reference on random small models
(cycles, any_of groups, grace periods and candidates included)."""

from __future__ import annotations

import math

import reference as ref
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.analysis import (
    Scenario,
    apply_scenario,
    baseline,
    cascade,
    interoperability_links,
    minimal_cut_sets,
    what_if,
)
from interop.model import model_from_data

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _candidates_and_targets(model):
    active = [n.id for n in model if not n.is_candidate and n.kind not in ("nation",)]
    candidates = [n.id for n in model if n.is_candidate]
    return active, candidates


@SETTINGS
@given(ref.random_models(), st.data())
def test_cascade_matches_fixpoint_reference(data, draw):
    model = model_from_data(data)
    graph = baseline(model)
    removed = draw.draw(st.lists(st.sampled_from(sorted(graph.requires)), max_size=3, unique=True))
    times = cascade(graph, removed).times
    expected = ref.failure_times(ref.structure(model), set(removed))
    assert times == {n: t for n, t in expected.items() if t < math.inf}


@SETTINGS
@given(ref.random_models(), st.data())
def test_scenarios_match_reference(data, draw):
    """replace / mix / remove / embargo, then --at: failed sets, days and links all agree."""
    model = model_from_data(data)
    active, candidates = _candidates_and_targets(model)
    replace, mix = [], []
    if active and (candidates or len(active) > 1) and draw.draw(st.booleans()):
        a = draw.draw(st.sampled_from(active))
        b = draw.draw(st.sampled_from(sorted(set(candidates + active) - {a})))
        (mix if draw.draw(st.booleans()) else replace).append((a, b))
    structure = ref.structure(model, replace, mix)
    removable = sorted(set(structure) - {"H"})
    remove = draw.draw(st.lists(st.sampled_from(removable), max_size=2, unique=True))
    embargo = ["F"] if "F" in structure and draw.draw(st.booleans()) else []
    at = draw.draw(st.one_of(st.none(), st.integers(0, 12)))
    result = what_if(model, Scenario.build(replace=replace, mix=mix, remove=remove, embargo=embargo, at_days=at))

    assert set(result.graph.requires) == set(structure)
    times = ref.failure_times(structure, set(remove) | set(embargo))
    expected_failed = sorted(((t, n) for n, t in times.items() if t < math.inf and (at is None or t <= at)))
    assert [(f.at_days, f.id) for f in result.failed] == expected_failed

    base = ref.structure(model)
    base_links = ref.links(model, base, {})
    after_links = ref.links(model, structure, times, at)
    assert set(result.links_lost) == base_links - after_links
    assert set(result.links_kept) == base_links & after_links
    assert set(result.links_gained) == after_links - base_links
    capabilities = {n for n in structure if model[n].kind == "capability"}
    assert {f.id for f in result.capabilities_lost} == {n for _, n in expected_failed} & capabilities


@SETTINGS
@given(ref.random_models(max_nodes=7), st.integers(1, 3), st.booleans())
def test_cut_sets_match_subset_enumeration(data, k, restrict):
    model = model_from_data(data)
    graph = baseline(model)
    kinds = ("supplier", "component", "nation") if restrict else None
    targets = sorted(graph.requires)
    result = minimal_cut_sets(graph, targets, max_order=k, kinds=kinds)
    structure = ref.structure(model)
    for target in targets:
        eligible = {n for n in structure if n != "H" and (kinds is None or model[n].kind in kinds)}
        assert list(result[target]) == ref.minimal_cut_sets(structure, target, k, eligible), target


@SETTINGS
@given(ref.random_models(max_nodes=6, swap=True), st.data())
def test_cut_sets_after_replacement_match_reference(data, draw):
    model = model_from_data(data)
    active, candidates = _candidates_and_targets(model)
    assert active and candidates  # random_models(swap=True) guarantees both
    pair = (draw.draw(st.sampled_from(active)), draw.draw(st.sampled_from(candidates)))
    graph = apply_scenario(model, Scenario.build(replace=[pair]))
    structure = ref.structure(model, [pair])
    for target in sorted(graph.requires):
        eligible = {n for n in structure if n != "H"}
        assert list(minimal_cut_sets(graph, [target], max_order=2)[target]) == ref.minimal_cut_sets(
            structure, target, 2, eligible
        )


@SETTINGS
@given(ref.random_models())
def test_baseline_links_match_pairwise_reference(data):
    model = model_from_data(data)
    graph = baseline(model)
    assert set(interoperability_links(graph)) == ref.links(model, ref.structure(model), {})


@SETTINGS
@given(ref.random_models(max_nodes=6, swap=True), st.data())
def test_spof_changes_of_a_swap_match_brute_force(data, draw):
    """What-if's 'SPOF added/removed' equals the difference of brute-force SPOF sets."""
    model = model_from_data(data)
    active, candidates = _candidates_and_targets(model)
    assert active and candidates  # random_models(swap=True) guarantees both
    pair = (draw.draw(st.sampled_from(active)), draw.draw(st.sampled_from(candidates)))
    result = what_if(model, Scenario.build(replace=[pair]))

    def spofs(structure):
        eligible = {n for n in structure if n != "H"}
        caps = [n for n in structure if model[n].kind == "capability"]
        return {(c, s[0]) for c in caps for s in ref.minimal_cut_sets(structure, c, 1, eligible)}

    before, after = spofs(ref.structure(model)), spofs(ref.structure(model, [pair]))
    assert {(c.capability, c.node) for c in result.spof_added} == after - before
    assert {(c.capability, c.node) for c in result.spof_removed} == before - after


@SETTINGS
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.lists(st.sampled_from("abcdefgh"), max_size=3), min_size=1))
def test_components_come_dependencies_first_and_match_networkx(edges):
    import networkx as nx

    from interop.analysis.components import components_dependencies_first

    graph = {n: sorted(set(edges.get(n, []))) for n in set(edges) | {t for ts in edges.values() for t in ts}}
    found = components_dependencies_first(sorted(graph), graph.__getitem__)
    digraph = nx.DiGraph([(a, b) for a, bs in graph.items() for b in bs])
    digraph.add_nodes_from(graph)
    assert sorted(map(sorted, found)) == sorted(sorted(c) for c in nx.strongly_connected_components(digraph))
    position = {n: i for i, members in enumerate(found) for n in members}
    for a, bs in graph.items():
        for b in bs:
            assert position[b] <= position[a]  # what a node requires comes no later than the node


@SETTINGS
@given(ref.random_models(swap=True), st.data())
def test_no_longer_needed_matches_reference(data, draw):
    """Needed = upstream of some capability; 'no longer needed' = needed before, not after, still in service."""
    model = model_from_data(data)
    active, candidates = _candidates_and_targets(model)
    assert active and candidates  # random_models(swap=True) guarantees both
    pair = (draw.draw(st.sampled_from(active)), draw.draw(st.sampled_from(candidates)))

    def needed(structure):
        seen = {n for n in structure if model[n].kind == "capability"}
        stack = list(seen)
        while stack:
            for targets, _, _ in structure[stack.pop()]:
                for t in targets:
                    if t not in seen:
                        seen.add(t)
                        stack.append(t)
        return seen

    before, after = ref.structure(model), ref.structure(model, [pair])
    expected = sorted(n for n in needed(before) - needed(after) if n in after)
    assert list(what_if(model, Scenario.build(replace=[pair])).no_longer_needed) == expected
