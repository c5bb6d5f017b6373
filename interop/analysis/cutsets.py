"""Minimal cut sets up to an order K: the smallest sets of nodes whose loss fails a capability.

The engine works as the best fault-tree tools do (SCRAM, XFTA, Aralia): the failure logic of
everything the targets depend on becomes a fault tree, preprocessed (constant propagation, gate
coalescing, Dutuit–Rauzy module detection: :mod:`interop.analysis.faulttree`); then, gate by gate
and dependencies first, each gate's minimal cut sets are built as a ZBDD truncated at order K
(Minato 1993; Rauzy 1993, 2001: :mod:`interop.analysis.zbdd`). A module is solved once and
stands as one variable, weighing its smallest cut set, in its parents; its sets are put back
only when the answer is read out, so the work follows the number of cut sets, never the number
of partial products. Before reading out, the cut sets are counted exactly (linear in the
diagram), which is what the budget guard refuses on.

Cycles keep the contract's semantics: the gates of a requirement loop form a strongly connected
component, iterated to the least fixpoint (failures must be caused). The iteration converges
because every operation is monotone and families are canonical integers, so "no change" is one
comparison per gate. A target inside a loop is solved once more with its own removal left out.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator

from . import faulttree
from .cost import CutSetBudgetExceeded
from .scenario import ServiceGraph
from .zbdd import EMPTY, ZBDD, WorkLimitExceeded

CutSet = tuple[str, ...]


def minimal_cut_sets(
    graph: ServiceGraph,
    targets: Iterable[str] | None = None,
    max_order: int = 2,
    kinds: Collection[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    budget: int | None = None,
    max_cut_sets: int | None = None,
) -> dict[str, tuple[CutSet, ...]]:
    """Minimal cut sets of size ≤ ``max_order`` for each target (default: every capability).

    A cut set never contains the target itself or the home nation; with ``kinds`` it holds only
    nodes of those kinds. Result: target → cut sets sorted by (size, ids). ``progress(done, total)``,
    if given, is called as the work advances (gates solved, then targets), for a progress bar.
    ``budget`` bounds the engine's steps (ZBDD operations and vertices) and ``max_cut_sets`` the
    cut sets listed for one target: past either, :class:`CutSetBudgetExceeded` says which, with
    the figure reached (the steps actually done, or the exact number of cut sets).

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

    tree = faulttree.build(graph, wanted, eligible)
    engine = _Engine(tree, max_order, budget)
    total = len(tree.components) + len(wanted)
    with _deep_recursion(len(tree.events) + len(tree.is_and)):
        try:
            engine.solve_all(progress, total)
            result: dict[str, tuple[CutSet, ...]] = {}
            for done, target in enumerate(wanted, start=len(tree.components)):
                if progress is not None:
                    progress(done, total)
                root = engine.target_family(target)
                count = engine.count(root)
                if max_cut_sets is not None and count > max_cut_sets:
                    raise CutSetBudgetExceeded(
                        "cut_sets", count, max_cut_sets, done, total, max_order=max_order, target=target
                    )
                result[target] = engine.read_out(root)
        except WorkLimitExceeded as stop:
            raise CutSetBudgetExceeded(
                "steps", stop.steps, budget or 0, engine.done, total, max_order=max_order
            ) from None
    if progress is not None:
        progress(total, total)
    return result


def single_points_of_failure(
    graph: ServiceGraph,
    targets: Iterable[str] | None = None,
    kinds: Collection[str] | None = None,
    budget: int | None = None,
) -> dict[str, tuple[str, ...]]:
    """Minimal cut sets of size 1: target → sorted node ids whose loss alone fails it."""
    cut_sets = minimal_cut_sets(graph, targets, max_order=1, kinds=kinds, budget=budget)
    return {target: tuple(s[0] for s in sets) for target, sets in cut_sets.items()}


class _Engine:
    """Families of one fault tree, order limit and budget, as ZBDD vertices."""

    def __init__(self, tree: faulttree.FaultTree, max_order: int, budget: int | None) -> None:
        self.tree = tree
        self.k = max_order
        self.zbdd = ZBDD(max_steps=budget)
        self.need = faulttree.order_needs(tree, list(tree.target_gate.values()), max_order)
        self.family: dict[int, int] = {}  # gate -> its cut sets (modules below as variables)
        self.stands_for: dict[int, int] = {}  # gate -> what its parents use (a module: one variable)
        self.module_of_var: dict[int, int] = {}  # module variable -> module gate
        self.event_of_var: dict[int, str] = {}
        self._expanded: dict[int, tuple[list[CutSet], list[int]]] = {}
        self._sizes: dict[int, list[int]] = {}
        self.done = 0

    # --- building -----------------------------------------------------------------------------

    def solve_all(self, progress: Callable[[int, int], None] | None, total: int) -> None:
        tree = self.tree
        for done, members in enumerate(tree.components):
            self.done = done
            if progress is not None and done % 64 == 0:
                progress(done, total)
            if len(members) == 1 and members[0] not in tree.cyclic:
                gate = members[0]
                self.family[gate] = self._gate_family(gate, self.family)
                self._stand_in(gate)
            else:
                self._fixpoint(members, self.family, skip=None)
                for gate in members:
                    self.stands_for[gate] = self.family[gate]
        self.done = len(tree.components)

    def _child(self, child: int, families: dict[int, int], skip: int | None) -> int:
        if child >= 0:
            if child in families and child not in self.stands_for:
                return families[child]  # a member of the loop being solved
            return self.stands_for.get(child, EMPTY)
        event = ~child
        if event == skip:
            return EMPTY
        var = self.tree.order[child]
        self.event_of_var[var] = self.tree.events[event]
        return self.zbdd.single(var)

    def _gate_family(self, gate: int, families: dict[int, int], skip: int | None = None) -> int:
        kids = [self._child(c, families, skip) for c in self.tree.children[gate]]
        limit = self.need.get(gate, self.k)
        if self.tree.is_and[gate]:
            return self.zbdd.product_all(kids, limit)
        family = self.zbdd.union_all(kids)
        return family if limit >= self.k else self.zbdd.prune(family, limit)

    def _stand_in(self, gate: int) -> None:
        """What a gate's parents see: a module with more than one event becomes one variable."""
        family = self.family[gate]
        z = self.zbdd
        if gate in self.tree.modules and family > 1 and not (z.high[family] == 1 and z.low[family] == EMPTY):
            var = self.tree.order[gate]
            self.module_of_var[var] = gate
            self.stands_for[gate] = z.single(var, weight=z.min_weight[family])
        else:
            self.stands_for[gate] = family

    def _fixpoint(self, members: list[int], families: dict[int, int], skip: int | None) -> None:
        """Least fixpoint of a loop's gates: start from 'never fails', iterate until stable."""
        for gate in members:
            families[gate] = EMPTY
        changed = True
        while changed:
            changed = False
            for gate in members:
                new = self._gate_family(gate, families, skip)
                if new != families[gate]:
                    families[gate] = new
                    changed = True

    def target_family(self, target: str) -> int:
        """The target's cut sets, its own removal left out (solved again if it sits in a loop)."""
        tree = self.tree
        gate = tree.target_gate[target]
        if gate not in tree.cyclic:
            return self.family[gate]
        members = next(m for m in tree.components if gate in m)
        local = {g: EMPTY for g in members}
        saved = {g: self.stands_for.pop(g) for g in members}
        try:
            self._fixpoint(members, local, skip=tree.event_of_node.get(target))
        finally:
            self.stands_for.update(saved)
        return local[gate]

    # --- reading out --------------------------------------------------------------------------

    def count(self, family: int) -> int:
        """Exact number of cut sets ``family`` stands for, modules put back (no listing)."""
        return sum(self.zbdd.count_by_size(family, self.k, self._module_sizes(family)))

    def _module_sizes(self, family: int) -> dict[int, list[int]]:
        sizes: dict[int, list[int]] = {}
        for var in self._module_vars(family):
            sizes[var] = self._sizes_of(var)
        return sizes

    def _sizes_of(self, var: int) -> list[int]:
        if var not in self._sizes:
            family = self.family[self.module_of_var[var]]
            self._sizes[var] = self.zbdd.count_by_size(family, self.k, self._module_sizes(family))
        return self._sizes[var]

    def _module_vars(self, family: int) -> set[int]:
        z, modules = self.zbdd, self.module_of_var
        seen: set[int] = set()
        found: set[int] = set()
        stack = [family]
        while stack:
            node = stack.pop()
            if node <= 1 or node in seen:
                continue
            seen.add(node)
            if z.var[node] in modules:
                found.add(z.var[node])
            stack.append(z.high[node])
            stack.append(z.low[node])
        return found

    def read_out(self, family: int) -> tuple[CutSet, ...]:
        """Cut sets sorted by (size, ids), as the contract wants."""
        sets = self._expand(family)
        sets.sort()
        sets.sort(key=len)  # stable: by size, then ids
        return tuple(sets)

    def _expand(self, family: int) -> list[CutSet]:
        out: list[CutSet] = []
        events, modules = self.event_of_var, self.module_of_var
        for variables in self.zbdd.sets(family):
            fixed = [events[v] for v in variables if v not in modules]
            parts = [self._module_sets(v) for v in variables if v in modules]
            if not parts:
                out.append(tuple(sorted(fixed)))
                continue
            for chosen in _combine(parts, self.k - len(fixed)):
                out.append(tuple(sorted(fixed + chosen)))
        return out

    def _module_sets(self, var: int) -> tuple[list[CutSet], list[int]]:
        """A module's own cut sets (its modules put back), by size, with their sizes for bisecting."""
        if var not in self._expanded:
            sets = sorted(self._expand(self.family[self.module_of_var[var]]), key=len)
            self._expanded[var] = (sets, [len(s) for s in sets])
        return self._expanded[var]


def _combine(parts: list[tuple[list[CutSet], list[int]]], room: int) -> Iterator[list[str]]:
    """One cut set from each module (their events are disjoint), total size ≤ ``room``."""
    smallest = [sizes[0] for _, sizes in parts]
    rest = [sum(smallest[i + 1 :]) for i in range(len(parts))]

    def pick(i: int, room: int, chosen: list[str]) -> Iterator[list[str]]:
        sets, sizes = parts[i]
        stop = bisect_right(sizes, room - rest[i])
        for s in sets[:stop]:
            if i + 1 == len(parts):
                yield chosen + list(s)
            else:
                yield from pick(i + 1, room - len(s), chosen + list(s))

    yield from pick(0, room, [])


class _deep_recursion:
    """Raise the interpreter's recursion limit for diagrams as deep as the model (restored after)."""

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.saved = sys.getrecursionlimit()

    def __enter__(self) -> None:
        sys.setrecursionlimit(max(self.saved, 4 * self.depth + 1000))

    def __exit__(self, *exc: object) -> None:
        sys.setrecursionlimit(self.saved)
