"""The cut-set engine on the real fault trees that come with SCRAM, at the benchmark's order limits.

Read from ../shared/peers/scram/ beside the repository (skipped when absent; never copied here).
Each tree is imported with interop's Open-PSA reader and solved by the engine; the answer is
checked against:

- SCRAM's own expectations (the cut-set distributions by order and the exact sets its test suite
  asserts, restricted to the order limit);
- an independent evaluator of the MEF XML written here (not interop's import): every cut set
  makes the top event occur and none stays a cut set without any one of its events; on trees of
  up to 14 basic events, subset enumeration finds exactly the same sets;
- SCRAM itself, set for set, when a ``scram`` executable is on PATH.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT))  # benchmarks/ is a package at the repository root
from benchmarks.peers import PEERS, order_limit, trees
from interop.analysis.cutsets import minimal_cut_sets
from interop.analysis.scenario import baseline
from interop.interchange.openpsa import from_open_psa
from interop.model import model_from_data

TREES = trees() if PEERS.is_dir() else []

#: Cut sets by order (1, 2, …) that SCRAM's test suite expects without an order limit.
SCRAM_DISTRIBUTIONS = {
    "baobab1": [0, 1, 1, 70, 400, 2212, 14748],
    "baobab2": [0, 6, 121, 268, 630, 3780],
    "chinese": [0, 12, 0, 24, 188, 168],
    "HIPPS": [6, 3],
}
#: Exact sets SCRAM's core tests expect.
SCRAM_SETS = {
    "abc": {("A",), ("B",), ("C",)},
    "ab_bc": {("A", "B"), ("B", "C")},
    "atleast": {("A", "B"), ("A", "C"), ("B", "C")},
}


NOT_FORMULA = ("label", "attributes")


class MefTree:
    """A direct Boolean evaluator of an Open-PSA MEF fault tree (and, or, atleast, not, constants;
    components scope their names: ``c.G`` is gate G of component c, looked up inside c first)."""

    def __init__(self, files: list[Path]) -> None:
        self.gates: dict[str, tuple[ET.Element, str]] = {}
        self.house: dict[str, bool] = {}
        self.defined_events: set[str] = set()
        for path in files:
            self._collect(ET.parse(path).getroot(), "")
        referenced = {
            self._resolve(e.get("name") or "", scope)
            for formula, scope in self.gates.values()
            for e in formula.iter()
            if e.tag in ("gate", "event")
        }
        (self.top,) = sorted(set(self.gates) - referenced)
        self.events = (
            {
                self._resolve(e.get("name") or "", scope)
                for formula, scope in self.gates.values()
                for e in formula.iter()
                if e.tag in ("basic-event", "event")
            }
            - set(self.gates)
            - set(self.house)
        )

    def _collect(self, element: ET.Element, scope: str) -> None:
        for child in element:
            name = (child.get("name") or "").casefold()
            if child.tag == "define-component":
                self._collect(child, f"{scope}{name}.")
            elif child.tag == "define-fault-tree" or child.tag == "model-data":
                self._collect(child, scope)
            elif child.tag == "define-gate":
                self.gates[scope + name] = (next(c for c in child if c.tag not in NOT_FORMULA), scope)
            elif child.tag == "define-house-event":
                constant = child.find("constant")
                self.house[scope + name] = constant is not None and constant.get("value") == "true"
            elif child.tag == "define-basic-event":
                self.defined_events.add(scope + name)

    def _resolve(self, name: str, scope: str) -> str:
        name = name.casefold()
        while True:
            candidate = scope + name
            if candidate in self.gates or candidate in self.house or candidate in self.defined_events or not scope:
                return candidate
            scope = scope[: scope[:-1].rfind(".") + 1]  # the enclosing scope

    def occurs(self, failed: set[str]) -> bool:
        memo: dict[str, bool] = {}

        def value(element: ET.Element, scope: str) -> bool:
            tag = element.tag
            name = self._resolve(element.get("name") or "", scope) if element.get("name") else ""
            if tag in ("gate", "event") and name in self.gates:
                if name not in memo:
                    formula, inner = self.gates[name]
                    memo[name] = value(formula, inner)
                return memo[name]
            if tag in ("house-event", "event") and name in self.house:
                return self.house[name]
            if tag in ("basic-event", "event"):
                return name in failed
            if tag == "constant":
                return element.get("value") == "true"
            args = [value(child, scope) for child in element if child.tag not in NOT_FORMULA]
            if tag == "and":
                return all(args)
            if tag == "or":
                return any(args)
            if tag == "atleast":
                return sum(args) >= int(element.get("min", "0"))
            if tag == "not":
                return not args[0]
            raise AssertionError(f"unexpected MEF element {tag}")

        formula, scope = self.gates[self.top]
        return value(formula, scope)


def interop_cut_sets(files: list[Path], k: int) -> list[tuple[str, ...]]:
    data = from_open_psa([(p.read_bytes(), str(p)) for p in files], str(files[0]))
    graph = baseline(model_from_data(data))
    (sets,) = minimal_cut_sets(graph, graph.capabilities, max_order=k, kinds=("component",)).values()
    return list(sets)


def by_order(sets: list[tuple[str, ...]], k: int) -> list[int]:
    return [sum(1 for s in sets if len(s) == size) for size in range(1, k + 1)]


@pytest.mark.skipif(not TREES, reason="the SCRAM peer trees are not beside the repository")
@pytest.mark.parametrize(("name", "files"), TREES, ids=[name for name, _ in TREES])
def test_tree_at_its_order_limit(name: str, files: list[Path]) -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    tree = MefTree(files)
    k = order_limit(len(tree.events))
    sets = interop_cut_sets(files, k)
    folded = [tuple(sorted(e.casefold() for e in s)) for s in sets]
    names = {e.rsplit(".", 1)[-1]: e for e in tree.events}  # interop ids drop the component prefix
    scoped = [tuple(names.get(e, e) for e in s) for s in folded]
    if name in SCRAM_DISTRIBUTIONS:
        expected = (SCRAM_DISTRIBUTIONS[name] + [0] * k)[:k]
        assert by_order(sets, k) == expected
    if name in SCRAM_SETS:
        assert set(sets) == SCRAM_SETS[name]
    step = max(1, len(folded) // 60)  # every set on small answers, an even sample of 60 otherwise
    for s in scoped[::step]:
        assert tree.occurs(set(s)), f"{s} is not a cut set"
        for e in s:
            assert not tree.occurs(set(s) - {e}), f"{s} is not minimal: {e} is not needed"
    if len(tree.events) <= 14:
        found: list[frozenset[str]] = []
        for size in range(1, k + 1):
            for combo in combinations(sorted(tree.events), size):
                c = frozenset(combo)
                if not any(f <= c for f in found) and tree.occurs(set(c)):
                    found.append(c)
        assert sorted(tuple(sorted(s)) for s in scoped) == sorted(tuple(sorted(f)) for f in found)
    scram = shutil.which("scram")
    if scram:
        report = Path(f"/tmp/interop-test-{name}.xml")
        subprocess.run([scram, "--zbdd", "--limit-order", str(k), *map(str, files), "-o", str(report)], check=True)
        theirs = {
            tuple(sorted((e.get("name") or "").casefold() for e in p.iter("basic-event")))
            for p in ET.parse(report).getroot().iter("product")
        }
        report.unlink()
        assert set(folded) == theirs
