"""Models that used to load with a wrong meaning (exit 0) now load right or fail with a clear
message: anchors redefined after an alias, ids that differ only in case or Unicode form, unquoted
numeric ids, an ``any_of`` with a null alternative, tags and aliases on keys, a node repeated with
``- *f``."""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.model import load_model

NATION = "nodes:\n  - {id: CAN, kind: nation}\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "model.yaml"
    path.write_text(text)
    return path


def test_an_alias_means_the_anchor_as_it_was_when_the_alias_was_written(tmp_path: Path) -> None:
    """Before: *p2req was re-read with the later &eng, so P4 silently required E2/E3."""
    path = _write(
        tmp_path,
        NATION + "  - {id: E1, kind: component}\n  - {id: E2, kind: component}\n  - {id: E3, kind: component}\n"
        "  - {id: P1, kind: platform, requires: [&eng {any_of: [E1, E2]}]}\n"
        "  - {id: P2, kind: platform, requires: &p2req [*eng]}\n"
        "  - {id: P3, kind: platform, requires: [&eng {any_of: [E2, E3]}]}\n"
        "  - {id: P4, kind: platform, requires: *p2req}\n"
        "  - {id: P5, kind: platform, requires: [*eng]}\n",
    )
    model = load_model(path)
    groups = {p: [r.targets for r in model[p].requires] for p in ("P1", "P2", "P3", "P4", "P5")}
    assert groups == {
        "P1": [("E1", "E2")],
        "P2": [("E1", "E2")],
        "P3": [("E2", "E3")],
        "P4": [("E1", "E2")],
        "P5": [("E2", "E3")],
    }


def test_an_alias_inside_its_own_anchor(run, tmp_path: Path) -> None:
    path = _write(tmp_path, "x-loop: &a [1, *a]\n" + NATION)
    result = run("check", "--model", path)
    assert result.code == 3
    assert result.err == (
        f"{path}:1: the alias *a is inside its own anchor &a"
        " — a value cannot contain itself: write the inner part out\n"
    )


def test_a_node_repeated_through_an_alias_is_reported_where_the_alias_is(run, tmp_path: Path) -> None:
    """Before: both lines of the message named the anchor's line."""
    path = _write(tmp_path, NATION + "  - &f {id: F, kind: platform}\n  - {id: G, kind: platform}\n  - *f\n")
    result = run("check", "--model", path)
    assert result.code == 3
    assert result.err == (
        f"{path}:5: duplicate id 'F' (first defined at {path}:3)"
        " — give each node a unique id, or merge the two entries\n"
    )


def test_ids_that_differ_only_in_case_are_an_error(run, tmp_path: Path) -> None:
    """Before: Radar and RADAR were both accepted and --remove rAdAr picked one."""
    path = _write(tmp_path, NATION + "  - {id: Radar, kind: system}\n  - {id: RADAR, kind: system}\n")
    result = run("check", "--model", path)
    assert result.code == 3
    assert result.err == (
        f"{path}:4: the ids 'RADAR' and 'Radar' (first defined at {path}:3) differ only in upper/lower case"
        " — ids are looked up ignoring case: rename one of them\n"
    )


def test_nfc_and_nfd_look_alikes_are_an_error_that_shows_the_difference(run, tmp_path: Path) -> None:
    path = _write(
        tmp_path, NATION + '  - {id: "Qu\\u00e9bec", kind: system}\n  - {id: "Que\\u0301bec", kind: system}\n'
    )
    result = run("check", "--model", path)
    assert result.code == 3
    assert result.err == (
        f"{path}:4: the id 'Que\u0301bec' looks the same as 'Qu\u00e9bec' (first defined at {path}:3) but is written"
        " with other Unicode characters (U+0065 U+0301 where the first has U+00E9) — retype one of them so both use"
        " the same characters (NFC, as most editors write them)\n"
    )


def test_an_alias_clashing_with_an_id_in_another_unicode_form(run, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        NATION + '  - {id: "Qu\\u00e9bec", kind: system}\n  - {id: Q, kind: system, aliases: ["QUE\\u0301BEC"]}\n',
    )
    result = run("check", "--model", path)
    assert result.code == 3
    assert "alias 'QUE\u0301BEC' of 'Q' is already used by 'Qu\u00e9bec'" in result.err


def test_unquoted_numeric_ids_stay_the_text_written(run, tmp_path: Path) -> None:
    """Before: 1.10 became 1.1, 1e3 became 1000.0 and 007 became 7 (and 1.10 clashed with 1.1)."""
    path = _write(
        tmp_path,
        NATION + "  - {id: 1.10, kind: system}\n  - {id: 1.1, kind: system}\n  - {id: 007, kind: system}\n"
        "  - {id: 1e3, kind: system, requires: [1.10, {any_of: [007, 1.1], grace_days: 30}], aliases: [0x1F]}\n"
        "  - {id: C, kind: capability, requires: [1e3]}\n",
    )
    model = load_model(path)
    assert list(model.nodes) == ["007", "1.1", "1.10", "1e3", "C", "CAN"]
    assert [r.targets for r in model["1e3"].requires] == [("1.10",), ("007", "1.1")]
    assert model["1e3"].requires[1].grace_days == 30 and type(model["1e3"].requires[1].grace_days) is int
    assert model["1e3"].aliases == ("0x1F",)
    result = run("what-if", "--model", path, "--remove", "1.10", "--format", "json")
    assert result.code == 0, result.err
    assert '"id": "1e3"' in result.out and '"id": "1.1"' not in result.out


@pytest.mark.parametrize("alternatives", ["[null]", "[CAN, ~]", "[[A]]", "[{id: CAN}]", "[true]"])
def test_an_any_of_with_a_null_or_non_id_alternative_is_an_error(run, tmp_path: Path, alternatives: str) -> None:
    """Before: any_of: [null] was a group that never fails."""
    path = _write(tmp_path, NATION + f"  - {{id: A, kind: system, requires: [{{any_of: {alternatives}}}]}}\n")
    result = run("check", "--model", path)
    assert result.code == 3
    assert result.err == (
        f"{path}:3: an 'any_of' of 'A' has an empty (null) or non-id alternative — list ids only: 'any_of: [A, B]'"
        " (an empty alternative would make a group that never fails)\n"
    )


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("  - {!custom id: A, kind: system}\n", "the YAML tag '!custom' on a key is not supported"),
        (
            "  - !!python/object:os.system id: A\n    kind: system\n",
            "the YAML tag '!!python/object:os.system' on a key is not supported",
        ),
        ("  - {*k : A, kind: system}\n", "an alias used as a key"),
    ],
    ids=["custom", "python", "alias"],
)
def test_tags_and_aliases_on_keys_are_refused(run, tmp_path: Path, text: str, what: str) -> None:
    path = _write(tmp_path, "x-key: &k id\n" + NATION + text)
    result = run("check", "--model", path)
    assert result.code == 3
    assert result.err.startswith(f"{path}:4: {what} — ")


def test_a_standard_tag_on_a_key_is_fine(tmp_path: Path) -> None:
    model = load_model(_write(tmp_path, NATION + "  - {!!str id: A, kind: system}\n"))
    assert "A" in model


def test_lookups_ignore_the_unicode_form_typed(run, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        NATION
        + '  - {id: "Qu\\u00e9bec", kind: platform}\n  - {id: C, kind: capability, requires: ["Qu\\u00e9bec"]}\n',
    )
    result = run("what-if", "--model", path, "--remove", "QUE\u0301BEC", "--format", "json")
    assert result.code == 0, result.err
    assert '"id": "Qu\\u00e9bec"' in result.out or '"id": "Qu\u00e9bec"' in result.out
