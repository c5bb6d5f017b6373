"""Minimal cut sets up to an order K: the smallest sets of nodes whose loss fails a capability.

Bottom-up combination with truncation (the MOCUS idea of Fussell & Vesely, 1972, run upward
over the dependency graph): a node fails if it is removed or any requirement item fails, so its
family of cut sets is ``{{v}} ∪ ⋃ items``; a plain item contributes its target's family and an
any_of group the pairwise unions (product) of its alternatives' families. Families are kept
minimal and truncated at K, which is exact because unions never shrink a set. Cycles are handled
over the strongly connected components (Tarjan, dependencies first): inside a component the
families are iterated to the
least fixpoint (failures must be caused), which converges because every operation is monotone.
Each node is visited once per query, never once per candidate subset.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from itertools import combinations
from typing import cast

from .components import components_dependencies_first
from .cost import CutSetBudgetExceeded, product_cost
from .scenario import ServiceGraph

Family = frozenset[frozenset[str]]
"""A family of cut sets; at order 1 (``flat``) the engine stores the singletons as bare ids
(a ``frozenset[str]``, cast to Family) to save building a set per node."""
CutSet = tuple[str, ...]
EMPTY: Family = frozenset()


def minimal_cut_sets(
    graph: ServiceGraph,
    targets: Iterable[str] | None = None,
    max_order: int = 2,
    kinds: Collection[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    budget: int | None = None,
) -> dict[str, tuple[CutSet, ...]]:
    """Minimal cut sets of size ≤ ``max_order`` for each target (default: every capability).

    A cut set never contains the target itself or the home nation; with ``kinds`` it holds only
    nodes of those kinds. Result: target → cut sets sorted by (size, ids). ``progress(done, total)``,
    if given, is called as the work advances (components solved, then targets), for a progress bar.
    With ``budget``, raise CutSetBudgetExceeded before the work (cut sets built plus pairs of cut
    sets combined by any_of groups) would pass it: the CLI's guard against an explosion.

    >>> from interop.model import model_from_data
    >>> from interop.analysis.scenario import baseline
    >>> m = model_from_data([{"id": "A", "kind": "supplier"}, {"id": "B", "kind": "supplier"},
    ...     {"id": "S", "kind": "supplier"},
    ...     {"id": "C", "kind": "capability", "requires": ["S", {"any_of": ["A", "B"]}]}])
    >>> minimal_cut_sets(baseline(m))["C"]
    (('S',), ('A', 'B'))
    """
    if max_order < 1:
        raise ValueError("max_order must be at least 1")
    wanted = sorted(set(graph.capabilities if targets is None else targets))
    model = graph.model
    excluded = {model.home} if model.home else set()
    kind_set = frozenset(kinds) if kinds else None

    def eligible(node_id: str) -> bool:
        return node_id not in excluded and (kind_set is None or model.nodes[node_id].kind in kind_set)

    engine = _Engine(graph, max_order, eligible)
    order, members = engine.components(wanted)
    families: dict[str, Family] = {}
    total = len(order) + len(wanted)
    for done, component in enumerate(order):
        if progress is not None:
            progress(done, total)
        engine.charge(0, budget, done, total)
        engine.solve(members[component], families)
        engine.charge(sum(len(families[v]) for v in members[component]), budget, done + 1, total)
    result: dict[str, tuple[CutSet, ...]] = {}
    for done, target in enumerate(wanted, start=len(order)):
        if progress is not None:
            progress(done, total)
        component = engine.component_of[target]
        if len(members[component]) > 1:
            local = dict(families)
            engine.solve(members[component], local, skip=target)
            family = local[target]
        else:
            family = engine.items_family(target, families)
        result[target] = engine.ordered(family)
    if progress is not None:
        progress(total, total)
    return result


def single_points_of_failure(
    graph: ServiceGraph, targets: Iterable[str] | None = None, kinds: Collection[str] | None = None
) -> dict[str, tuple[str, ...]]:
    """Minimal cut sets of size 1: target → sorted node ids whose loss alone fails it."""
    cut_sets = minimal_cut_sets(graph, targets, max_order=1, kinds=kinds)
    return {target: tuple(s[0] for s in sets) for target, sets in cut_sets.items()}


class _Engine:
    """Family arithmetic for one graph, order and eligibility rule."""

    def __init__(self, graph: ServiceGraph, max_order: int, eligible: Callable[[str], bool]) -> None:
        self.requires = graph.requires
        self.graph = graph
        self.k = max_order
        # Order 1 needs no sets of sets: a family of singletons is a set of ids, its union is a
        # set union and an any_of group (all alternatives must fail) is an intersection.
        self.flat = max_order == 1
        self.eligible = eligible
        self.component_of: dict[str, int] = {}
        self.roots: list[str] = []
        self.work = 0  # cut sets built plus pairs combined, for the budget guard
        self.budget: tuple[int, int, int] | None = None

    def charge(self, units: int, budget: int | None, done: int, total: int) -> None:
        """Count work; past ``budget``, stop with CutSetBudgetExceeded (checked before a product)."""
        self.work += units
        self.budget = (budget, done, total) if budget is not None else None
        if budget is not None and self.work > budget:
            roots = set(self.roots)
            eligible = sum(1 for v in self.graph.upstream(roots) if v not in roots and self.eligible(v))
            raise CutSetBudgetExceeded(self.work, budget, done, total, eligible=eligible, max_order=self.k)

    def components(self, roots: Iterable[str]) -> tuple[list[int], Mapping[int, list[str]]]:
        """Strongly connected components of everything ``roots`` depend on, suppliers first."""
        requires = self.requires
        self.roots = sorted(roots)

        def targets(node_id: str) -> list[str]:
            return [t for item in requires[node_id] for t in item.targets]

        found = components_dependencies_first(self.roots, targets)
        self.component_of = {node_id: number for number, members in enumerate(found) for node_id in members}
        return list(range(len(found))), dict(enumerate(found))

    def basic(self, node_id: str, skip: str | None) -> Family:
        if node_id == skip or not self.eligible(node_id):
            return EMPTY
        return cast(Family, frozenset({node_id})) if self.flat else frozenset({frozenset({node_id})})

    def items_family(self, node_id: str, families: Mapping[str, Family]) -> Family:
        """Cut sets that fail ``node_id`` through its requirements (not by removing it)."""
        parts: list[Family] = []
        for item in self.requires[node_id]:
            if item.any_of:
                parts.append(self.product([families.get(t, EMPTY) for t in item.targets]))
            else:
                parts.append(families.get(item.targets[0], EMPTY))
        return self.union(parts)

    def solve(self, component: list[str], families: dict[str, Family], skip: str | None = None) -> None:
        """Fill ``families`` for one component (a single node, or a cycle iterated to fixpoint)."""
        if len(component) == 1:
            node_id = component[0]
            families[node_id] = self.union([self.basic(node_id, skip), self.items_family(node_id, families)])
            return
        for node_id in component:
            families[node_id] = EMPTY
        changed = True
        while changed:
            changed = False
            for node_id in component:
                new = self.union([self.basic(node_id, skip), self.items_family(node_id, families)])
                if new != families[node_id]:
                    families[node_id] = new
                    changed = True

    def ordered(self, family: Family) -> tuple[CutSet, ...]:
        """Cut sets sorted by (size, ids), as the contract wants."""
        return tuple((x,) for x in sorted(cast("frozenset[str]", family))) if self.flat else _sorted(family)

    def union(self, parts: list[Family]) -> Family:
        parts = [p for p in parts if p]
        if not parts:
            return EMPTY
        if len(parts) == 1:
            return parts[0]
        if self.flat:
            return frozenset().union(*parts)
        merged: set[frozenset[str]] = set().union(*parts)
        return minimize(merged, self.k)

    def product(self, families: list[Family]) -> Family:
        """All alternatives must fail: pairwise unions of one cut set from each, truncated."""
        if not families or any(not f for f in families):
            return EMPTY
        if self.flat:
            return frozenset.intersection(*families)
        acc = families[0]
        for other in families[1:]:
            if self.budget is not None:
                self.charge(product_cost(acc, other, self.k), *self.budget)
            acc = _product2(acc, other, self.k)
            if not acc:
                return EMPTY
        return acc


def _product2(left: Family, right: Family, k: int) -> Family:
    if len(left) > len(right):
        left, right = right, left
    by_element: dict[str, list[frozenset[str]]] = {}
    small: dict[int, list[frozenset[str]]] = {}
    for s in right:
        small.setdefault(len(s), []).append(s)
        for element in s:
            by_element.setdefault(element, []).append(s)
    out: set[frozenset[str]] = set()
    for a in left:
        room = k - len(a)
        for size in range(room + 1):
            for b in small.get(size, ()):
                out.add(a | b)
        for element in a:
            for b in by_element.get(element, ()):
                if len(b) > room:
                    union = a | b
                    if len(union) <= k:
                        out.add(union)
    return minimize(out, k)


def minimize(sets: Iterable[frozenset[str]], k: int) -> Family:
    """Drop every set of size > k and every set that contains another set of the family."""
    kept: set[frozenset[str]] = set()
    for s in sorted((s for s in set(sets) if len(s) <= k), key=len):
        if len(s) > 1 and any(frozenset(sub) in kept for r in range(1, len(s)) for sub in combinations(s, r)):
            continue
        kept.add(s)
    return frozenset(kept)


def _sorted(family: Family) -> tuple[CutSet, ...]:
    return tuple(sorted((tuple(sorted(s)) for s in family), key=lambda s: (len(s), s)))
