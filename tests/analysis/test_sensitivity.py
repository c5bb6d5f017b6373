"""`interop sensitivity`: exact answers on a hand-built model, and every variant against the
brute-force reference run on a model edited by hand (the assumption moved in the data itself)."""

from __future__ import annotations

import copy
import json
import math

import reference as ref
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.analysis.scenario import Scenario
from interop.analysis.sensitivity import grace_label, sensitivity
from interop.model import model_from_data


def label(what: str, days: int, low: int, high: int) -> str:
    return f"Illustrative assumption ({what}, {days} days; range {low}-{high}): a reason."


HAND = [
    {"id": "US", "kind": "nation"},
    {"id": "SE", "kind": "nation"},
    {"id": "Keys", "kind": "support", "nation": "US", "confidence": "low"},
    {"id": "Parts", "kind": "supplier", "nation": "US"},
    {"id": "Saab", "kind": "supplier", "nation": "SE"},
    {"id": "Radar", "kind": "component", "requires": [{"id": "Saab", "grace_days": 40}]},
    {
        "id": "Jet",
        "kind": "platform",
        "requires": [
            {"id": "Parts", "grace_days": 90, "notes": label("spares", 90, 60, 180)},
            {"id": "Radar", "confidence": "low"},
        ],
    },
    {
        "id": "Link",
        "kind": "datalink",
        "requires": [{"id": "Keys", "grace_days": 30, "notes": label("keys", 30, 30, 90)}],
    },
    {"id": "Air-Policing", "kind": "capability", "requires": ["Jet"]},
    {"id": "Coalition", "kind": "capability", "requires": ["Jet", "Link"]},
    {"id": "Transport", "kind": "capability", "requires": [{"any_of": ["Keys", "Saab"]}]},
]


EARLIEST = "earliest loss: day 30 (Coalition) → day 90 (Air-Policing, Coalition)"


def test_exact_assumptions_variants_and_flips_under_an_embargo():
    result = sensitivity(model_from_data(HAND), Scenario.build(embargo=["US"]))
    assert dict(result.capabilities) == {"Air-Policing": 90, "Coalition": 30, "Transport": None}
    summary = [
        (
            a.key,
            a.where,
            [(v.label, [(c.capability, c.before, c.after) for c in v.changes], v.flips) for v in a.variants],
        )
        for a in result.assumptions
    ]
    assert summary == [
        (
            "grace:keys:30",
            ("Link → Keys",),
            [("90 days", [("Coalition", 30, 90)], (EARLIEST,))],
        ),
        (
            "grace:spares:90",
            ("Jet → Parts",),
            [
                ("60 days", [("Air-Policing", 90, 60)], ()),
                ("180 days", [("Air-Policing", 90, 180)], ()),
            ],
        ),
        (
            "node:Keys",
            ("Link → Keys", "Transport → Keys | Saab"),
            [("without it", [("Coalition", 30, 90)], (EARLIEST,))],
        ),
        ("grace:grace period:40", ("Radar → Saab",), [("20 days", [], ()), ("80 days", [], ())]),
        ("requirement:Jet → Radar", ("Jet → Radar",), [("without it", [], ())]),
    ]
    assert [a.key for a in result.rests_on] == ["grace:keys:30", "grace:spares:90", "node:Keys"]
    # Transport holds through Saab either way: the low-confidence Keys only ever was an alternative.


def test_a_flip_from_lost_to_held_and_the_at_horizon():
    result = sensitivity(model_from_data(HAND), Scenario.build(embargo=["US"], at_days=60))
    assert dict(result.capabilities) == {"Air-Policing": None, "Coalition": 30, "Transport": None}
    spares = next(a for a in result.assumptions if a.key == "grace:spares:90")
    assert [(v.label, v.flips) for v in spares.variants] == [
        ("60 days", ("Air-Policing: holds → lost on day 60",)),
        ("180 days", ()),
    ]
    keys = next(a for a in result.assumptions if a.key == "grace:keys:30")
    assert keys.variants[0].flips == ("Coalition: lost on day 30 → holds", "earliest loss: day 30 (Coalition) → none")


def test_swedish_embargo_rests_on_the_low_confidence_radar_edge():
    result = sensitivity(model_from_data(HAND), Scenario.build(embargo=["SE"]))
    assert dict(result.capabilities) == {"Air-Policing": 40, "Coalition": 40, "Transport": None}
    radar = next(a for a in result.assumptions if a.key == "requirement:Jet → Radar")
    assert radar.variants[0].flips == (
        "Air-Policing: lost on day 40 → holds",
        "Coalition: lost on day 40 → holds",
        "earliest loss: day 40 (Air-Policing, Coalition) → none",
    )


def test_nothing_lost_means_nothing_rests_on_anything():
    result = sensitivity(model_from_data(HAND), Scenario())
    assert all(d is None for d in result.capabilities.values())
    assert result.rests_on == () and len(result.no_effect) == 5


def test_json_shape():
    data = sensitivity(model_from_data(HAND), Scenario.build(embargo=["US"])).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["scenario"] == {"operations": [["embargo", "US"]], "at_days": None, "on": None}
    assert data["rests_on"] == ["grace:keys:30", "grace:spares:90", "node:Keys"]
    assert data["assumptions"][0] == {
        "key": "grace:keys:30",
        "kind": "grace",
        "title": "keys (30 days; range 30-90)",
        "where": ["Link → Keys"],
        "variants": [
            {
                "label": "90 days",
                "changes": [{"capability": "Coalition", "before": 30, "after": 90}],
                "flips": [EARLIEST],
            }
        ],
    }


def test_grace_label_reads_ranges_with_either_dash():
    assert grace_label("Illustrative assumption (keys, 30 days; range 30\u201390): x", 30) == ("keys", 30, 90)
    assert grace_label("Illustrative assumption (keys, 30 days): x", 30) == ("keys", 15, 60)


# --- property: every variant equals the reference run on the data edited by hand -------------

LABELS = [("alpha", 1, 4), ("beta", 0, 6)]


@st.composite
def labelled_models(draw):
    data = draw(ref.random_models(candidates=False))
    for node in data["nodes"]:
        if node["kind"] != "nation" and draw(st.integers(0, 4)) == 0:
            node["confidence"] = "low"
        for item in node.get("requires", []):
            if isinstance(item, str):
                continue
            if item.get("grace_days") and draw(st.booleans()):
                what, low, high = draw(st.sampled_from(LABELS))
                item["grace_days"] = max(low, min(high, item["grace_days"]))
                item["notes"] = label(what, item["grace_days"], low, high)
            if draw(st.integers(0, 3)) == 0:
                item["confidence"] = "low"
    return data


def _items(node):
    return [({"id": i} if isinstance(i, str) else i) for i in node.get("requires", [])]


def _reference_answer(data, removed, at):
    model = model_from_data(data)
    times = ref.failure_times(ref.structure(model), set(removed))
    capabilities = [n.id for n in model if n.kind == "capability"]
    return {
        c: (None if times[c] == math.inf or (at is not None and times[c] > at) else int(times[c])) for c in capabilities
    }


def _edited(data, assumption, variant):
    edited = copy.deepcopy(data)
    nodes = {n["id"]: n for n in edited["nodes"]}
    if assumption.kind == "grace":
        _, what, days = assumption.key.split(":")
        value = int(variant.label.split()[0])
        for node in edited["nodes"]:
            node["requires"] = _items(node)
            for item in node["requires"]:
                if (
                    item.get("grace_days") == int(days)
                    and grace_label(item.get("notes"), item["grace_days"])[0] == what
                ):
                    item["grace_days"] = value
    elif assumption.kind == "requirement":
        ((requirer, position),) = assumption.items
        items = _items(nodes[requirer])
        assert items[position].get("confidence") == "low"
        nodes[requirer]["requires"] = items[:position] + items[position + 1 :]
    else:
        gone = assumption.key.split(":", 1)[1]
        for node in edited["nodes"]:
            kept = []
            for item in _items(node):
                alternatives = item.get("any_of") or [item["id"]]
                if gone not in alternatives:
                    kept.append(item)
                elif item.get("any_of") and len(alternatives) > 1:
                    kept.append({**item, "any_of": [a for a in alternatives if a != gone]})
            node["requires"] = kept
    return edited


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labelled_models(), st.data())
def test_every_variant_matches_the_reference_on_the_edited_model(data, draw):
    model = model_from_data(data)
    removable = sorted(n.id for n in model if n.kind != "nation")
    removed = draw.draw(st.lists(st.sampled_from(removable), min_size=1, max_size=2, unique=True))
    embargo = ["F"] if draw.draw(st.booleans()) else []
    at = draw.draw(st.one_of(st.none(), st.integers(0, 8)))
    result = sensitivity(model, Scenario.build(remove=removed, embargo=embargo, at_days=at))
    answer = _reference_answer(data, removed + embargo, at)
    assert dict(result.capabilities) == answer
    for assumption in result.assumptions:
        for variant in assumption.variants:
            expected = _reference_answer(_edited(data, assumption, variant), removed + embargo, at)
            got = {c: answer[c] for c in answer} | {c.capability: c.after for c in variant.changes}
            assert got == expected, (assumption.key, variant.label)
            assert all(c.before != c.after for c in variant.changes)
