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
    """(label, #capabilities, spof, spof by nation, links, embargo days, home/attributed) per row."""
    return [
        (
            row.label,
            len(row.capabilities),
            row.spof,
            row.spof_by_nation,
            row.links,
            {n: dict(d) for n, d in row.embargo},
            (row.home_nodes, row.attributed_nodes),
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
            (0, 5),  # Saab, GE, Crypto, CC-330, KC-46: none Canadian
        ),
        (
            "baseline (no change)",
            1,
            ("Crypto", "F-35A", "F135", "Link-16", "PW", "Tanker", "USA"),
            (("USA", 3),),
            (("USA", "Link-16", 2), ("USA", "MADL", 1)),
            {"SWE": {"QRA": None}, "USA": {"QRA": 30}},
            (0, 4),
        ),
        (
            "mix F-35A with Gripen-E",
            1,
            ("Crypto", "Link-16", "Tanker", "USA"),  # USA still grounds both fleets (P&W and GE)
            (("USA", 2),),
            (("USA", "Link-16", 4), ("USA", "MADL", 1)),
            {"SWE": {"QRA": None}, "USA": {"QRA": 30}},
            (0, 6),
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
        (1, 5),  # Maple of Dassault, Safran, Boeing, Maple, Ally-AWACS
    )
    assert rows[1][2:] == (
        ("Boeing", "Depot", "Engine-US", "Fighter-A", "Maple", "Radar", "USA"),
        (("USA", 2),),
        (("USA", "L16", 1),),
        {"FRA": {"Air-Defence": None, "Surveillance": None}, "USA": {"Air-Defence": 60, "Surveillance": 67}},
        (1, 4),
    )
    assert rows[2][2:] == (
        ("Depot", "Maple", "Radar"),
        (),
        (("USA", "L16", 2),),
        {"FRA": {"Air-Defence": None, "Surveillance": None}, "USA": {"Air-Defence": None, "Surveillance": None}},
        (1, 5),
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
    if fmt == "json":
        data = json.loads(r.out)
        assert [o["label"] for o in data["options"]] == [
            "replace Fighter-A with Fighter-B",
            "baseline (no change)",
            "mix Fighter-A with Fighter-B",
        ]
        assert data["options"][1]["home_share"] == {"home": 1, "attributed": 4, "share": 0.25}


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
