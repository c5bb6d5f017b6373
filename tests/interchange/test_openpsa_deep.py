"""Open-PSA import of deep trees: nesting and gate chains as deep as the file says, no RecursionError.

Before: 5,000 nested <or> or a 5,000-gate chain crashed the import with exit 70 (RecursionError).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.model import load_model

DEPTH = 5000


def _tree(body: str) -> str:
    return f'<opsa-mef><define-fault-tree name="T">{body}</define-fault-tree></opsa-mef>'


def _nested_or() -> str:
    inner = '<basic-event name="e0"/><basic-event name="e1"/>'
    return _tree(f'<define-gate name="top">{"<or>" * DEPTH}{inner}{"</or>" * DEPTH}</define-gate>')


def _alternating() -> str:
    opening = "".join(f'<{"or" if i % 2 else "and"}><basic-event name="x{i}"/>' for i in range(DEPTH))
    closing = "".join(f"</{'or' if i % 2 else 'and'}>" for i in reversed(range(DEPTH)))
    return _tree(f'<define-gate name="top">{opening}<basic-event name="last"/>{closing}</define-gate>')


def _chain() -> str:
    gates = "".join(
        f'<define-gate name="g{i}"><or><gate name="g{i + 1}"/><basic-event name="e{i}"/></or></define-gate>'
        for i in range(DEPTH)
    )
    return _tree(gates + f'<define-gate name="g{DEPTH}"><basic-event name="last"/></define-gate>')


@pytest.fixture
def imported(run, tmp_path: Path):
    def do(xml: str) -> Path:
        source, target = tmp_path / "deep.xml", tmp_path / "deep.yaml"
        source.write_text(xml)
        result = run("import", source, "-o", target)
        assert result.code == 0, result.err
        assert result.err == f"interop: wrote {target}\n"
        return target

    return do


def test_5000_nested_ors_flatten_to_one_gate(imported) -> None:
    model = load_model(imported(_nested_or()))
    assert [n.id for n in model] == ["e0", "e1", "top"]
    assert [r.targets for r in model["top"].requires] == [("e0",), ("e1",)]


def test_5000_alternating_and_or_levels(imported) -> None:
    model = load_model(imported(_alternating()))
    assert len(model) == DEPTH + 1 + DEPTH  # every basic event, the top, one node per nested level
    assert model["top"].kind == "capability" and model["last"].kind == "component"


def test_a_5000_gate_chain(imported) -> None:
    model = load_model(imported(_chain()))
    assert len(model) == 2 * DEPTH + 2
    assert model["g0"].kind == "capability" and model["g1"].kind == "system"
    assert [r.targets for r in model["g0"].requires] == [("g1",), ("e0",)]
    assert [r.targets for r in model[f"g{DEPTH}"].requires] == [("last",)]


def test_a_cycle_in_a_long_chain_is_still_reported(run, tmp_path: Path) -> None:
    xml = _chain().replace(
        f'<define-gate name="g{DEPTH}"><basic-event name="last"/>', f'<define-gate name="g{DEPTH}"><gate name="g0"/>'
    )
    source = tmp_path / "cycle.xml"
    source.write_text(xml)
    result = run("import", source, "-o", tmp_path / "out.yaml")
    assert result.code == 3
    assert "depends on itself" in result.err and "break the cycle" in result.err
    assert not (tmp_path / "out.yaml").exists()
