"""Nation exposure: exact tables on hand-built models, agreement with one what-if per nation."""

from __future__ import annotations

import json

import pytest
from conftest import MINI, MODELS
from decision_models import decision_models
from hypothesis import given, settings
from hypothesis import strategies as st

from interop.analysis import Scenario, apply_scenario, interoperability_links, resolve_scenario, what_if
from interop.analysis.exposure import channels, exposure
from interop.errors import ScenarioError
from interop.model import load_model, model_from_data

DECISION = MODELS / "decision.yaml"


def days(failures):
    return [(f.id, f.at_days) for f in failures]


def test_mini_exposure_exact():
    result = exposure(load_model(MINI))
    swe, usa = result.nations
    assert swe.nation == "SWE"
    assert days(swe.failed) == [("CC-330", 0), ("SWE", 0)]
    assert swe.capabilities_lost == () and swe.links_lost == ()
    assert swe.channels == (("CC-330", 1),)
    assert usa.nation == "USA"
    # Crypto (US keying) → Link-16 after 30 days → QRA; P&W → F135 → F-35A after 60 days; GE.
    assert days(usa.capabilities_lost) == [("QRA", 30)]
    assert days(usa.failed) == [
        ("Crypto", 0), ("F135", 0), ("GE", 0), ("PW", 0), ("USA", 0), ("Link-16", 30), ("QRA", 30), ("F-35A", 60),
    ]  # fmt: skip
    assert [tuple(link) for link in usa.links_lost] == [
        ("F-35A", "KC-46", "Link-16"),
        ("F-35A", "USAF-F-35A", "Link-16"),
        ("F-35A", "USAF-F-35A", "MADL"),
    ]
    # Crypto carries Crypto, Link-16, QRA; PW carries PW, F135, F-35A; GE only itself.
    assert usa.channels == (("Crypto", 3), ("PW", 3), ("GE", 1))


def test_exposure_is_measured_on_the_option():
    model = load_model(DECISION)
    baseline = {n.nation: n for n in exposure(model).nations}
    # Baseline: USA costs Air-Defence on day 60 (engine grace) and Surveillance on day 67
    # (both airborne-picture alternatives gone, then 7 days' grace); FRA costs nothing.
    assert days(baseline["USA"].capabilities_lost) == [("Air-Defence", 60), ("Surveillance", 67)]
    assert baseline["USA"].channels == (("Boeing", 5), ("Ally-AWACS", 1))
    assert days(baseline["FRA"].capabilities_lost) == []
    option = Scenario.build(replace=[("FA", "Fighter-B")])
    swapped = {n.nation: n for n in exposure(model, option).nations}
    assert days(swapped["FRA"].capabilities_lost) == [("Air-Defence", 0)]
    assert swapped["FRA"].channels == (("Dassault", 3), ("Safran", 1))
    assert days(swapped["USA"].capabilities_lost) == []
    assert [tuple(x) for x in swapped["USA"].links_lost] == [("Ally-AWACS", "Fighter-B", "L16")]
    assert swapped["USA"].channels == (("Boeing", 2), ("Ally-AWACS", 1))


def test_exposure_honours_at_and_nations_asked():
    model = load_model(DECISION)
    result = exposure(model, Scenario(at_days=60), ["usa"])
    assert [n.nation for n in result.nations] == ["USA"]
    assert days(result.nations[0].capabilities_lost) == [("Air-Defence", 60)]
    assert result.to_dict()["scenario"] == {"operations": [], "at_days": 60, "on": "2026-06-01"}  # as_of


@pytest.mark.parametrize(
    ("nation", "message"),
    [("CAN", "home nation"), ("Boeing", "not a nation"), ("Dassault", "not a nation"), ("Narnia", "unknown id")],
)
def test_exposure_rejects_bad_nations(nation, message):
    with pytest.raises(ScenarioError, match=message):
        exposure(load_model(DECISION), None, [nation])


@st.composite
def exposure_cases(draw):
    data = draw(decision_models())
    model = model_from_data(data)
    options = [Scenario()]
    candidates = [n.id for n in model if n.is_candidate]
    active = [n.id for n in model if not n.is_candidate and n.kind != "nation"]
    if candidates and active:
        op = draw(st.sampled_from(["replace", "mix"]))
        options.append(Scenario.build(**{op: [(draw(st.sampled_from(active)), draw(st.sampled_from(candidates)))]}))
    at = draw(st.sampled_from([None, 0, 2, 5]))
    return model, draw(st.sampled_from(options)), at


@settings(deadline=None)
@given(exposure_cases())
def test_exposure_agrees_with_one_what_if_per_nation(case):
    model, option, at = case
    option = Scenario(option.operations, at)
    result = exposure(model, option)
    structure = apply_scenario(model, resolve_scenario(model, Scenario(option.operations)))
    nations = sorted(n for n in structure.requires if model[n].kind == "nation" and n != "H")
    assert [n.nation for n in result.nations] == nations
    links_before = interoperability_links(structure)
    for entry in result.nations:
        single = what_if(model, Scenario(option.operations + Scenario.build(embargo=[entry.nation]).operations, at))
        assert entry.failed == single.failed
        assert entry.capabilities_lost == single.capabilities_lost
        assert set(entry.links_lost) == links_before - set(single.links_kept + single.links_gained)
        # channels: every failure but the nation's own is counted once, under a node the nation
        # fails directly (its cause's trigger is the nation); sorted by count desc, then id.
        assert sum(count for _, count in entry.channels) == len(entry.failed) - 1
        causes = single.failures.causes
        for channel, _ in entry.channels:
            assert causes[channel].trigger == entry.nation
        assert list(entry.channels) == sorted(entry.channels, key=lambda kv: (-kv[1], kv[0]))


def test_channels_walk_the_cause_chain():
    model = model_from_data(
        [
            {"id": "N", "kind": "nation"},
            {"id": "S", "kind": "supplier", "nation": "N"},
            {"id": "T", "kind": "supplier", "nation": "N"},
            {"id": "A", "kind": "component", "requires": ["S"]},
            {"id": "B", "kind": "component", "requires": [{"id": "A", "grace_days": 3}, {"id": "T", "grace_days": 9}]},
        ]
    )
    from interop.analysis import baseline, cascade

    failures = cascade(baseline(model), ["N"])
    assert dict(failures.times) == {"N": 0, "S": 0, "T": 0, "A": 0, "B": 3}
    assert channels(failures, "N") == (("S", 3), ("T", 1))


def test_exposure_cli_text_and_json(run, golden):
    r = run("exposure", "--model", DECISION)
    assert r.code == 0, r.err
    golden("decision/exposure-decision.txt", r.out)
    r = run("exposure", "--model", DECISION, "--replace", "FA", "--with", "Fighter-B", "--format", "markdown")
    assert r.code == 0, r.err
    golden("decision/exposure-decision-fighter-b.md", r.out)
    r = run("exposure", "--model", MINI, "--nation", "usa", "--format", "json")
    data = json.loads(r.out)
    assert [n["nation"] for n in data["nations"]] == ["USA"]
    assert data["nations"][0]["capabilities_lost"] == [{"id": "QRA", "at_days": 30}]
    assert data["nations"][0]["channels"][0] == {"id": "Crypto", "failures": 3}


def test_exposure_cli_errors(run):
    r = run("exposure", "--model", MINI, "--nation", "USAA")
    assert r.code == 3 and "did you mean 'USA'" in r.err
    r = run("exposure", "--model", MINI, "--nation", "CAN")
    assert r.code == 3 and "home nation" in r.err


def test_exposure_shipped_model_golden(run, golden):
    """The shipped model (regenerate with pytest --update-golden when the model changes)."""
    r = run("exposure")
    assert r.code == 0, r.err
    golden("decision/exposure-shipped.txt", r.out)
