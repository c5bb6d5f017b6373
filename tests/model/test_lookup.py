"""Id look-ups: suggestions that ignore punctuation, spaces and case, and find a start of a name;
--capability on a node that is not a capability is exit 3 naming the capabilities to ask."""

from __future__ import annotations

import pytest
from conftest import MINI

from interop.errors import ScenarioError
from interop.model import model_from_data
from interop.model.lookup import resolve, similar_ids

MODEL = model_from_data(
    [
        {"id": "F-35A", "kind": "platform", "aliases": ["F-35"], "name": "Lockheed Martin F-35A"},
        {"id": "F135", "kind": "component", "name": "Pratt & Whitney F135"},
        {"id": "Pratt-Whitney", "kind": "supplier", "name": "Pratt & Whitney"},
        {"id": "Gripen-E", "kind": "platform", "name": "Saab JAS 39 Gripen E"},
        {"id": "CF-18", "kind": "platform"},
    ]
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("F35", ["F-35A"]),  # the alias F-35 without its dash, not the engine F135
        ("f 35 a", ["F-35A"]),
        ("gripen e", ["Gripen-E"]),
        ("GRIPEN_E", ["Gripen-E"]),
        ("pratt", ["Pratt-Whitney", "F135"]),  # the supplier's id first, then a name that starts so
        ("cf18", ["CF-18"]),
        ("whitney", ["Pratt-Whitney", "F135"]),
        ("Gripen-F", ["Gripen-E"]),
        ("zzz", []),
        ("--", []),
    ],
)
def test_suggestions(typed, expected):
    assert similar_ids(MODEL, typed) == expected


def test_the_message_names_the_suggestion():
    with pytest.raises(ScenarioError) as raised:
        resolve(MODEL, "F35")
    assert str(raised.value) == "unknown id 'F35' in the model — did you mean 'F-35A'?"
    with pytest.raises(ScenarioError) as raised:
        resolve(MODEL, "pratt")
    assert str(raised.value) == "unknown id 'pratt' in the model — did you mean one of 'Pratt-Whitney', 'F135'?"
    with pytest.raises(ScenarioError) as raised:
        resolve(MODEL, "zzz")
    assert "run 'interop list' to see the ids and aliases" in str(raised.value)


def test_shipped_model_suggestions(run):
    assert "did you mean 'F-35A'?" in run("show", "F35").err
    assert "did you mean one of 'Pratt-Whitney'" in run("what-if", "--remove", "pratt").err
    assert run("what-if", "--remove", "pratt").code == 3


def test_capability_that_is_a_system_is_exit_3_with_the_capabilities_to_ask(run):
    result = run("spof", "--capability", "NORAD")
    assert result.code == 3 and result.out == ""
    assert result.err.startswith("interop: 'NORAD' is NORAD-Command, a system, not a capability; ")
    assert "capabilities that depend on it: NORAD-Air-Sovereignty" in result.err
    assert "ask --capability NORAD-Air-Sovereignty" in result.err


def test_capability_that_is_a_platform_on_the_mini_model(run):
    result = run("spof", "--model", MINI, "--capability", "KC-46")
    assert result.code == 3
    assert result.err == (
        "interop: KC-46, a platform, not a capability; capabilities that depend on it: QRA"
        " — ask --capability QRA, or leave out --capability for every capability\n"
    )
