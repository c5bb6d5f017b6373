"""what-if --timeline: exact events on hand-built models; events agree with the what-if."""

from __future__ import annotations

import json

from conftest import MINI, MODELS
from decision_models import decision_models
from hypothesis import given, settings
from hypothesis import strategies as st

from interop.analysis import Scenario, what_if
from interop.analysis.timeline import timeline
from interop.model import load_model, model_from_data

DECISION = MODELS / "decision.yaml"


def test_decision_timeline_exact():
    events = timeline(what_if(load_model(DECISION), Scenario.build(embargo=["USA"])))
    assert [(e.day, e.kind, e.subject, e.because) for e in events] == [
        (0, "embargoed", "USA", None),
        (0, "failed", "Ally-AWACS", "USA"),
        (0, "failed", "Boeing", "USA"),
        (0, "failed", "Engine-US", "Boeing"),
        (0, "link lost", "Ally-AWACS ↔ Fighter-A via L16", "Ally-AWACS"),
        (60, "failed", "Fighter-A", "Engine-US"),
        (60, "capability lost", "Air-Defence", "Fighter-A"),
        (67, "capability lost", "Surveillance", "Fighter-A"),
    ]


def test_replacement_and_at_days():
    result = what_if(load_model(MINI), Scenario.build(replace=[("F-35", "Gripen")], embargo=["SWE"], at_days=0))
    events = [(e.day, e.kind, e.subject, e.because, e.because_left) for e in timeline(result)]
    assert events == [
        (0, "left service", "F-35A", "Gripen-E", False),
        (0, "entered service", "F414", None, False),
        (0, "entered service", "Gripen-E", None, False),
        (0, "entered service", "Saab", None, False),
        (0, "embargoed", "SWE", None, False),
        (0, "failed", "CC-330", "SWE", False),
        (0, "failed", "Gripen-E", "Saab", False),
        (0, "failed", "Saab", "SWE", False),
        (0, "capability lost", "QRA", "Gripen-E", False),
        (0, "link lost", "F-35A ↔ KC-46 via Link-16", "F-35A", True),
        (0, "link lost", "F-35A ↔ USAF-F-35A via Link-16", "F-35A", True),
        (0, "link lost", "F-35A ↔ USAF-F-35A via MADL", "F-35A", True),
    ]


def test_a_swap_carries_moves_and_gains_links_on_day_0():
    """No 'link lost' for a link the newcomer carries over; the swap's gains are events too."""
    result = what_if(load_model(MINI), Scenario.build(replace=[("F-35", "Gripen")]))
    events = [(e.day, e.kind, e.subject) for e in timeline(result)]
    assert events == [
        (0, "left service", "F-35A"),
        (0, "entered service", "F414"),
        (0, "entered service", "Gripen-E"),
        (0, "entered service", "Saab"),
        (0, "link carried over", "F-35A → Gripen-E with KC-46 via Link-16"),
        (0, "link carried over", "F-35A → Gripen-E with USAF-F-35A via Link-16"),
        (0, "link lost", "F-35A ↔ USAF-F-35A via MADL"),
    ]


@st.composite
def timeline_cases(draw):
    model = model_from_data(draw(decision_models()))
    pool = [n.id for n in model if not n.is_candidate and n.id != "H"]
    removed = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
    return model, Scenario.build(remove=removed, at_days=draw(st.sampled_from([None, 0, 3])))


@settings(deadline=None)
@given(timeline_cases())
def test_timeline_agrees_with_what_if(case):
    model, scenario = case
    result = what_if(model, scenario, with_spof=False)
    events = timeline(result)
    nodes = {e.subject: e.day for e in events if e.kind in ("removed", "failed", "capability lost")}
    assert nodes == {f.id: f.at_days for f in result.failed}
    removed = {op.target for op in scenario.operations}  # a removed capability shows as "removed"
    lost = {f.id for f in result.capabilities_lost} - removed
    assert {e.subject for e in events if e.kind == "capability lost"} == lost
    assert sorted(e.link for e in events if e.kind == "link lost") == list(result.links_lost)
    times = result.failures.times
    for e in events:
        if e.kind == "link lost":  # lost on the day its first element fails
            assert e.day == min(times[x] for x in e.link if x in times)
    assert [e.day for e in events] == sorted(e.day for e in events)


def test_what_if_timeline_cli(run, golden):
    base = ["what-if", "--model", DECISION, "--embargo", "USA", "--timeline"]
    r = run(*base)
    assert r.code == 0, r.err
    golden("decision/what-if-usa-timeline.txt", r.out)
    golden("decision/what-if-usa-timeline.md", run(*base, "--format", "markdown").out)
    data = json.loads(run(*base, "--format", "json").out)
    plain = json.loads(run("what-if", "--model", DECISION, "--embargo", "USA", "--format", "json").out)
    assert {k: v for k, v in data.items() if k != "timeline"} == plain
    assert data["timeline"][-1] == {"day": 67, "event": "capability lost", "id": "Surveillance", "because": "Fighter-A"}
    assert data["timeline"][4] == {
        "day": 0,
        "event": "link lost",
        "link": ["Ally-AWACS", "Fighter-A", "L16"],
        "because": "Ally-AWACS",
    }
    # without --timeline the output is unchanged
    assert "Timeline" not in run("what-if", "--model", DECISION, "--embargo", "USA").out


def test_timeline_shipped_model_golden(run, golden):
    """The shipped model (regenerate with pytest --update-golden when the model changes)."""
    r = run(
        "what-if", "--replace", "F-35", "--with", "Gripen", "--embargo", "USA", "--timeline", "--format", "markdown"
    )
    assert r.code == 0, r.err
    golden("decision/what-if-shipped-gripen-usa-timeline.md", r.out)
