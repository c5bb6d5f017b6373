"""explain: exact chains on hand-built models; every chain is a valid cause path (property)."""

from __future__ import annotations

import itertools
import json

from conftest import MINI, MODELS
from decision_models import decision_models
from hypothesis import given, settings
from hypothesis import strategies as st

from interop.analysis import Scenario, what_if
from interop.analysis.explain import explain
from interop.model import load_model, model_from_data

DECISION = MODELS / "decision.yaml"


def steps(result):
    return [(s.node, s.day, s.grace, s.trigger, s.origin) for s in result.chain]


def test_decision_chain_exact():
    result = explain(load_model(DECISION), Scenario.build(embargo=["USA"]), "Surveillance")
    assert not result.holds and result.fails_at == 67
    assert steps(result) == [
        ("USA", 0, 0, None, "embargoed"),
        ("Boeing", 0, 0, "USA", None),  # nation: USA
        ("Engine-US", 0, 0, "Boeing", None),
        ("Fighter-A", 60, 60, "Engine-US", None),
        ("Surveillance", 67, 7, "Fighter-A", None),  # last airborne-picture alternative
    ]
    assert result.chain[-1].alternatives == (("Ally-AWACS", 0), ("Fighter-A", 60))


def test_holds_with_the_alternative_that_keeps_it_up():
    result = explain(load_model(DECISION), Scenario.build(embargo=["FRA"]), "Air-Defence")
    assert result.holds and result.fails_at is None and result.chain == ()
    assert [(s.requirement.describe(), s.working, s.failed) for s in result.requirements] == [
        ("Fighter-A", ("Fighter-A",), ()),
        ("Radar", ("Radar",), ()),
    ]
    assert [(s.node, s.working, s.failed) for s in result.rescues] == [("Radar", ("Boeing",), (("Safran", 0),))]


def test_holds_on_the_day_asked_but_fails_later():
    result = explain(load_model(MINI), Scenario.build(embargo=["USA"], at_days=10), "QRA")
    assert result.holds and result.fails_at == 30
    assert steps(result)[-2:] == [("Link-16", 30, 30, "Crypto", None), ("QRA", 30, 0, "Link-16", None)]


def test_removed_node_explains_itself():
    result = explain(load_model(MINI), Scenario.build(remove=["P&W"]), "pw")
    assert steps(result) == [("PW", 0, 0, None, "removed")]


@st.composite
def explain_cases(draw):
    data = draw(decision_models())
    model = model_from_data(data)
    pool = [n.id for n in model if not n.is_candidate and n.id != "H"]
    removed = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
    return model, removed


@settings(deadline=None)
@given(explain_cases())
def test_chain_is_a_valid_cause_path(case):
    model, removed = case
    scenario = Scenario.build(remove=removed)
    result = what_if(model, scenario, with_spof=False)
    times = {f.id: f.at_days for f in result.failed}
    graph = result.graph
    for node in sorted(graph.requires):
        explanation = explain(model, scenario, node)
        assert explanation.fails_at == times.get(node)
        if node not in times:
            assert explanation.chain == ()
            for support in explanation.requirements:  # no requirement failed
                assert support.working
            continue
        chain = explanation.chain
        assert chain[0].node in removed and chain[0].day == 0 and chain[0].origin == "removed"
        assert chain[-1].node == node
        for step, after in itertools.pairwise(chain):
            assert step.day == times[step.node]
            requirement = graph.requires[after.node][after.item]
            assert requirement == after.requirement and step.node in requirement.targets
            assert after.trigger == step.node
            assert after.day == step.day + requirement.grace_days
            if requirement.any_of:  # the step is the last alternative to fail
                assert step.day == max(times[t] for t in requirement.targets)


def test_explain_cli(run, golden):
    r = run("explain", "Surveillance", "--model", DECISION, "--embargo", "USA")
    assert r.code == 0, r.err
    golden("decision/explain-surveillance-usa.txt", r.out)
    r = run("explain", "Air-Defence", "--model", DECISION, "--embargo", "FRA", "--format", "markdown")
    golden("decision/explain-air-defence-fra.md", r.out)
    r = run("explain", "QRA", "--model", MINI, "--embargo", "USA", "--format", "json")
    data = json.loads(r.out)
    assert data["fails_at"] == 30 and [s["id"] for s in data["chain"]] == ["USA", "Crypto", "Link-16", "QRA"]
    assert data["chain"][2]["requirement"]["grace_days"] == 30


def test_explain_cli_errors(run):
    r = run("explain", "QRX", "--model", MINI)
    assert r.code == 3 and "did you mean 'QRA'" in r.err
    r = run("explain", "Gripen", "--model", MINI)
    assert r.code == 3 and "candidate, not in service" in r.err
    r = run("explain", "F-35", "--model", MINI, "--replace", "F-35", "--with", "Gripen")
    assert r.code == 3 and "replaces it with Gripen-E" in r.err


def test_explain_shipped_model_golden(run, golden):
    """The shipped model (regenerate with pytest --update-golden when the model changes)."""
    r = run("explain", "NORAD-Air-Sovereignty", "--embargo", "USA")
    assert r.code == 0, r.err
    golden("decision/explain-shipped-norad-usa.txt", r.out)
