"""Property tests with dates: the in-service set on D, gaps, failures, links and cut sets against
the brute-force reference (tests/reference.py), whose date rules are written from the contract's
words (4.1, 4.4) and compute the gaps as a greatest fixpoint by plain iteration."""

from __future__ import annotations

import datetime
import math

import reference as ref
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.analysis import Scenario, minimal_cut_sets, what_if
from interop.analysis.scenario import apply_scenario, resolve_scenario
from interop.model import model_from_data

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAYS = st.builds(
    datetime.date, st.integers(2019, 2032), st.sampled_from([1, 6, 7]), st.sampled_from([1, 14, 15, 16, 30])
)


def _swap(model, draw):
    active = [n.id for n in model if not n.is_candidate and n.kind != "nation"]
    candidates = [n.id for n in model if n.is_candidate]
    replace, mix = [], []
    if active and (candidates or len(active) > 1) and draw.draw(st.booleans()):
        a = draw.draw(st.sampled_from(active))
        b = draw.draw(st.sampled_from(sorted(set(candidates + active) - {a})))
        (mix if draw.draw(st.booleans()) else replace).append((a, b))
    return replace, mix


@SETTINGS
@given(ref.dated_models(), DAYS, st.data())
def test_what_if_on_a_date_matches_the_reference(data, day, draw):
    """Gaps (baseline and scenario), failures with days, capabilities and links on D all agree."""
    model = model_from_data(data)
    replace, mix = _swap(model, draw)
    plan = ref.structure(model, replace, mix)
    reqs, gaps = ref.dated_structure(plan, model, day)
    base_reqs, base_gaps = ref.dated_structure(ref.structure(model), model, day)
    removable = sorted(set(reqs) - {"H"})
    remove = draw.draw(st.lists(st.sampled_from(removable), max_size=2, unique=True)) if removable else []
    embargo = ["F"] if "F" in reqs and draw.draw(st.booleans()) else []
    at = draw.draw(st.one_of(st.none(), st.integers(0, 12)))
    scenario = Scenario.build(replace=replace, mix=mix, remove=remove, embargo=embargo, at_days=at, on=day)
    result = what_if(model, scenario, with_changes=False)
    assert result.gaps_scenario == tuple(sorted(gaps))
    assert result.gaps_baseline == tuple(sorted(base_gaps))
    times = ref.failure_times(reqs, set(remove) | set(embargo))
    failed = {n: t for n, t in times.items() if t < math.inf and (at is None or t <= at)}
    assert {f.id: f.at_days for f in result.failed} == failed
    capabilities = {n for n in reqs if model[n].kind == "capability"}
    assert {f.id for f in result.capabilities_lost} == capabilities & set(failed)
    assert set(result.capabilities_kept) == capabilities - set(failed)
    assert not (set(result.capabilities_kept) | {f.id for f in result.capabilities_lost}) & gaps
    before = ref.links(model, base_reqs, {})
    after = ref.links(model, reqs, times, at)
    assert {tuple(x) for x in result.links_lost} == before - after
    assert {tuple(x) for x in result.links_gained} == after - before


@SETTINGS
@given(ref.dated_models(max_nodes=6), DAYS)
def test_cut_sets_on_a_date_match_the_reference(data, day):
    """Cut sets are computed without gaps: over the nodes supported on D only."""
    model = model_from_data(data)
    graph = apply_scenario(model, resolve_scenario(model, Scenario(on=day)))
    reqs, _ = ref.dated_structure(ref.structure(model), model, day)
    assert set(graph.requires) == set(reqs)
    found = minimal_cut_sets(graph, max_order=2)
    for capability in graph.capabilities:
        eligible = set(reqs) - {capability, "H"}
        assert found[capability] == tuple(ref.minimal_cut_sets(reqs, capability, 2, eligible))


@SETTINGS
@given(ref.random_models())
def test_without_service_keys_a_date_changes_nothing(data):
    """A model with no service keys answers the same on any date as with none (contract 4.1)."""
    model = model_from_data(data)
    plain = what_if(model, Scenario(), with_changes=False).to_dict()
    dated = what_if(model, Scenario(on=datetime.date(2030, 1, 1)), with_changes=False).to_dict()
    plain["scenario"].pop("on"), dated["scenario"].pop("on")
    assert plain == dated
