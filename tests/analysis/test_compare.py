"""compare: exact decision tables on hand-built models; agreement with the underlying analyses."""

from __future__ import annotations

import json

import pytest
from conftest import MINI, MODELS
from decision_models import decision_models
from hypothesis import given, settings
from hypothesis import strategies as st

from interop.analysis import Scenario, spof, what_if
from interop.analysis.compare import attribution, compare, options_from
from interop.model import load_model, model_from_data

DECISION = MODELS / "decision.yaml"


def table(result):
    """(label, #capabilities, spof, spof by nation, links, embargo days, supply links by maker nation) per row."""
    return [
        (
            row.label,
            len(row.capabilities),
            row.spof,
            row.spof_by_nation,
            row.links,
            {n: dict(d) for n, d in row.embargo},
            tuple((n, str(w)) for n, w in row.made_in),
        )
        for row in result.options
    ]


def test_mini_compare_exact():
    model = load_model(MINI)
    options = options_from(
        model, [("replace", "F-35", "Gripen"), ("replace", "F-35", "f-35"), ("mix", "F-35", "Gripen")]
    )
    result = compare(model, options)
    assert result.nations == ("SWE", "USA") and result.capabilities == ("QRA",)
    assert table(result) == [
        (
            "replace F-35A with Gripen-E",
            1,
            ("Crypto", "F414", "GE", "Gripen-E", "Link-16", "SWE", "Saab", "Tanker", "USA"),
            (("SWE", 2), ("USA", 3)),  # Saab, SWE | Crypto, GE, USA
            (("USA", "Link-16", 2),),
            {"SWE": {"QRA": 0}, "USA": {"QRA": 30}},
            (("SWE", "1"), ("USA", "1")),  # Gripen -> Saab; F414 -> GE (by maker, not operator)
        ),
        (
            "baseline (no change)",
            1,
            ("Crypto", "F-35A", "F135", "Link-16", "PW", "Tanker", "USA"),
            (("USA", 3),),
            (("USA", "Link-16", 2), ("USA", "MADL", 1)),
            {"SWE": {"QRA": None}, "USA": {"QRA": 30}},
            (("USA", "1"),),  # F135 -> P&W
        ),
        (
            "mix F-35A with Gripen-E",
            1,
            ("Crypto", "Link-16", "Tanker", "USA"),  # USA still grounds both fleets (P&W and GE)
            (("USA", 2),),
            (("USA", "Link-16", 4), ("USA", "MADL", 1)),
            {"SWE": {"QRA": None}, "USA": {"QRA": 30}},
            (("USA", "2"), ("SWE", "1")),
        ),
    ]


def test_decision_compare_exact():
    model = load_model(DECISION)
    options = options_from(model, [("replace", "FA", "Fighter-B"), ("replace", "FA", "FA"), ("mix", "FA", "Fighter-B")])
    rows = table(compare(model, options))
    assert rows[0][2:] == (
        ("Dassault", "Depot", "FRA", "Fighter-B", "Maple", "Radar", "Safran"),
        (("FRA", 3),),
        (("USA", "L16", 1),),
        {"FRA": {"Air-Defence": 0, "Surveillance": None}, "USA": {"Air-Defence": None, "Surveillance": None}},
        (("FRA", "5/2"), ("CAN", "1"), ("USA", "1/2")),  # Dassault, Safran, half of Radar's any_of; Depot -> Maple
    )
    assert rows[1][2:] == (
        ("Boeing", "Depot", "Engine-US", "Fighter-A", "Maple", "Radar", "USA"),
        (("USA", 2),),
        (("USA", "L16", 1),),
        {"FRA": {"Air-Defence": None, "Surveillance": None}, "USA": {"Air-Defence": 60, "Surveillance": 67}},
        (("CAN", "2"), ("USA", "3/2"), ("FRA", "1/2")),
    )
    assert rows[2][2:] == (
        ("Depot", "Maple", "Radar"),
        (),
        (("USA", "L16", 2),),
        {"FRA": {"Air-Defence": None, "Surveillance": None}, "USA": {"Air-Defence": None, "Surveillance": None}},
        (("FRA", "5/2"), ("CAN", "2"), ("USA", "3/2")),
    )


def test_attribution_rules():
    model = load_model(MINI)
    assert attribution(model, "USA") == "USA"  # a nation sits with itself
    assert attribution(model, "PW") == "USA"  # nation:
    assert attribution(model, "KC-46") == "USA"  # operator: (no nation:)
    assert attribution(model, "F135") is None  # neither: home-operated by default, never foreign


def test_duplicate_options_listed_once_and_nation_filter():
    model = load_model(MINI)
    options = options_from(model, [("replace", "F-35", "Gripen"), ("replace", "F-35A", "Gripen-E")])
    result = compare(model, options, ["swe"])
    assert [row.label for row in result.options] == ["replace F-35A with Gripen-E"]
    assert result.nations == ("SWE",)


@st.composite
def compare_cases(draw):
    data = draw(decision_models())
    model = model_from_data(data)
    candidates = [n.id for n in model if n.kind != "nation"]
    active = [n.id for n in model if not n.is_candidate and n.kind != "nation"]
    choices = [("replace", a, a) for a in active[:1]]
    for _ in range(draw(st.integers(0, 2))):
        a = draw(st.sampled_from(active))
        b = draw(st.sampled_from([c for c in candidates if c != a]))
        choices.append((draw(st.sampled_from(["replace", "mix"])), a, b))
    return model, choices


@settings(deadline=None)
@given(compare_cases())
def test_compare_agrees_with_what_ifs_one_by_one(case):
    model, choices = case
    result = compare(model, options_from(model, choices))  # each option is one valid swap: never an error
    for row in result.options:
        plain = what_if(model, row.scenario, with_spof=False)
        assert row.capabilities == plain.graph.capabilities
        links = plain.links_kept + plain.links_gained
        assert sum(c for _, _, c in row.links) == len(links)
        singles = spof(model, scenario=row.scenario, max_order=1)
        assert set(row.spof) == {s[0] for sets in singles.cut_sets.values() for s in sets}
        for nation, days in row.embargo:
            embargoed = what_if(model, Scenario(row.scenario.operations + Scenario.build(embargo=[nation]).operations))
            lost = {f.id: f.at_days for f in embargoed.capabilities_lost}
            assert dict(days) == {c: lost.get(c) for c in row.capabilities}


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_compare_cli_goldens(run, golden, fmt):
    args = ["compare", "--model", DECISION, "--replace", "FA", "--with", "Fighter-B", "--with", "FA"]
    r = run(*args, "--mix", "FA", "--with", "Fighter-B", "--format", fmt)
    assert r.code == 0, r.err
    golden(f"decision/compare-decision.{ {'text': 'txt', 'markdown': 'md', 'json': 'json'}[fmt] }", r.out)
    without = run(*args[:-2], "--no-baseline", "--format", "json")
    assert [o["label"] for o in json.loads(without.out)["options"]] == ["replace Fighter-A with Fighter-B"]
    if fmt == "json":
        data = json.loads(r.out)
        assert [o["label"] for o in data["options"]] == [  # the baseline first, by default, and once
            "baseline (no change)",
            "replace Fighter-A with Fighter-B",
            "mix Fighter-A with Fighter-B",
        ]
        assert data["options"][0]["made_in"] == {
            "measure": "supply links by supplier nation (not by operator)",
            "home_share": 0.5,
            "supply_links": 4,
            "by_nation": [
                {"nation": "CAN", "links": 2, "share": 0.5},
                {"nation": "USA", "links": 1.5, "share": 0.375},
                {"nation": "FRA", "links": 0.5, "share": 0.125},
            ],
        }
        assert data["options"][1]["stated_commitments"] == []


def test_compare_cli_usage_errors(run):
    assert run("compare", "--model", MINI).code == 2
    assert run("compare", "--model", MINI, "--replace", "F-35").code == 2
    assert run("compare", "--model", MINI, "--with", "Gripen", "--replace", "F-35").code == 2
    r = run("compare", "--model", MINI, "--replace", "F-35", "--with", "Gripn")
    assert r.code == 3 and "did you mean" in r.err


def test_compare_shipped_model_golden(run, golden):
    """The shipped model (regenerate with pytest --update-golden when the model changes)."""
    args = ["compare", "--replace", "F-35", "--with", "Gripen", "--with", "F-35", "--mix", "F-35", "--with", "Gripen"]
    r = run(*args, "--format", "markdown")
    assert r.code == 0, r.err
    golden("decision/compare-shipped.md", r.out)
    assert run(*args, "--format", "markdown").out == r.out  # byte-identical run to run


def test_made_in_counts_by_maker_and_shows_stated_commitments():
    """The US-built jet Canada operates counts where it is made; a stated offer is shown, not counted."""
    data = {
        "nodes": [
            {"id": "CAN", "kind": "nation"},
            {"id": "USA", "kind": "nation"},
            {"id": "SWE", "kind": "nation"},
            {"id": "LM", "kind": "supplier", "nation": "USA"},
            {"id": "Saab", "kind": "supplier", "nation": "SWE", "status": "candidate"},
            {"id": "Maple", "kind": "supplier", "nation": "CAN"},
            {
                "id": "Jet",
                "kind": "platform",
                "operator": "CAN",
                "requires": ["LM", "Maple"],
                "benefits": [{"policy": "JSF", "commitment": "no offsets", "source": "s1", "confidence": "high"}],
            },
            {
                "id": "Gripen",
                "kind": "platform",
                "status": "candidate",
                "requires": ["Saab"],
                "benefits": [
                    {"policy": "Offer", "commitment": "assembly in Canada", "source": "s2", "confidence": "medium"}
                ],
            },
            {"id": "Cap", "kind": "capability", "requires": ["Jet"]},
        ]
    }
    model = model_from_data(data)
    swap, keep = compare(model, options_from(model, [("replace", "Jet", "Gripen"), ("replace", "Jet", "Jet")])).options
    assert [(n, str(w)) for n, w in keep.made_in] == [("CAN", "1"), ("USA", "1")]
    assert keep.home_share == 0.5
    assert [(n, str(w)) for n, w in swap.made_in] == [("SWE", "1")]
    assert swap.home_share == 0.0
    assert [(node, b.policy, b.commitment) for node, b in swap.benefits] == [("Gripen", "Offer", "assembly in Canada")]
    assert [(node, b.policy) for node, b in keep.benefits] == [("Jet", "JSF")]
