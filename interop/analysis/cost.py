"""The cost guard for cut-set queries: a worst-case figure before the run, a budget during it.

Minimal cut sets up to order K can explode: an any_of group multiplies its alternatives'
families, and the worst case is every K-subset of the n eligible nodes upstream of the targets,
C(n, K). That figure is cheap but far too pessimistic to refuse a run on (a 50-node model at
K = 4 has C(50, 4) = 230 300 candidates and answers in milliseconds), so the real guard is a
budget on the engine's work (cut sets built, plus pairs of cut sets combined by any_of groups
counted by :func:`product_cost`),
checked *before* each product: exceeding it stops the run with :class:`CutSetBudgetExceeded`
before the expensive step.

>>> from interop.model import model_from_data
>>> from interop.analysis.scenario import baseline
>>> m = model_from_data([{"id": "A", "kind": "supplier"}, {"id": "B", "kind": "supplier"},
...     {"id": "C", "kind": "capability", "requires": [{"any_of": ["A", "B"]}]}])
>>> worst_case(baseline(m), max_order=2)
WorstCase(eligible=2, targets=1, max_order=2, candidate_sets=3)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from math import comb

from .scenario import ServiceGraph

#: Work units the CLI allows before it stops a query. Measured on a modest 2-core machine, a unit
#: costs 0.07–0.3 µs, so this is about 4–18 s; the shipped model needs a few thousand at K = 4.
DEFAULT_BUDGET = 60_000_000


def product_cost(left: Collection[frozenset[str]], right: Collection[frozenset[str]], max_order: int) -> int:
    """Work units of one any_of product, counted before it runs: the pairs the engine examines
    (for each set of the smaller family, the sets of the other that fit beside it or share an
    element). A pair that fits makes a candidate set: a union plus a minimality check over up to
    2^K subsets (about 24 µs at K = 4); an overlapping pair is mostly a cheap size test."""
    if len(left) > len(right):
        left, right = right, left
    by_size = [0] * (max_order + 1)
    by_element: dict[str, int] = {}
    for b in right:
        by_size[min(len(b), max_order)] += 1
        for element in b:
            by_element[element] = by_element.get(element, 0) + 1
    fits = [sum(by_size[: room + 1]) for room in range(max_order + 1)]
    kept = overlapping = 0
    for a in left:
        kept += fits[max(0, max_order - len(a))]
        overlapping += sum(by_element.get(e, 0) for e in a)
    return kept * (6 << max_order) + overlapping + len(right)


@dataclass(frozen=True)
class WorstCase:
    """Eligible nodes upstream of the targets and the number of candidate sets of size ≤ K."""

    eligible: int
    targets: int
    max_order: int
    candidate_sets: int


class CutSetBudgetExceeded(Exception):
    """The query's work passed its budget: it would take very long or run out of memory."""

    def __init__(self, work: int, budget: int, done: int, total: int, *, eligible: int = 0, max_order: int = 0) -> None:
        self.work, self.budget, self.done, self.total = work, budget, done, total
        self.eligible, self.max_order = eligible, max_order
        super().__init__(f"cut-set work reached {work} units (budget {budget}) after {done} of {total} steps")

    @property
    def candidate_sets(self) -> int:
        """Worst case: every set of at most ``max_order`` of the ``eligible`` nodes."""
        return sum(comb(self.eligible, s) for s in range(1, self.max_order + 1))


def worst_case(
    graph: ServiceGraph,
    targets: Iterable[str] | None = None,
    max_order: int = 2,
    kinds: Collection[str] | None = None,
) -> WorstCase:
    """Upper bound on the cut sets a query can list: Σ_{s ≤ K} C(n, s), n eligible nodes upstream
    of the targets (not the targets themselves, not the home nation, only ``kinds`` if given)."""
    wanted = sorted(set(graph.capabilities if targets is None else targets))
    model = graph.model
    kind_set = frozenset(kinds) if kinds else None
    region = graph.upstream(wanted)
    n = sum(
        1
        for v in region
        if v != model.home and v not in wanted and (kind_set is None or model.nodes[v].kind in kind_set)
    )
    candidates = sum(comb(n, s) for s in range(1, max_order + 1))
    return WorstCase(eligible=n, targets=len(wanted), max_order=max_order, candidate_sets=candidates)


__all__ = ["DEFAULT_BUDGET", "CutSetBudgetExceeded", "WorstCase", "product_cost", "worst_case"]
