"""The cost guard for cut-set queries: a worst-case figure before the run, a budget during it.

Minimal cut sets up to order K can explode: an any_of group multiplies its alternatives'
families, and the worst case is every K-subset of the n eligible nodes upstream of the targets,
C(n, K). That figure is cheap but far too pessimistic to refuse a run on (a 50-node model at
K = 4 has C(50, 4) = 230 300 candidates and answers in milliseconds), so the real guard is a
budget on the engine's work (cut sets built plus pairs of cut sets combined by any_of groups),
checked *before* each product: exceeding it stops the run with :class:`CutSetBudgetExceeded`
before the expensive step. One work unit costs 0.2–7 µs on a modest 2-core machine.

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

#: Work units the CLI allows before it stops a query (≈ 1–35 s; small models use a few thousand).
DEFAULT_BUDGET = 5_000_000


@dataclass(frozen=True)
class WorstCase:
    """Eligible nodes upstream of the targets and the number of candidate sets of size ≤ K."""

    eligible: int
    targets: int
    max_order: int
    candidate_sets: int


class CutSetBudgetExceeded(Exception):
    """The query's work passed its budget: it would take very long or run out of memory."""

    def __init__(self, work: int, budget: int, done: int, total: int) -> None:
        self.work, self.budget, self.done, self.total = work, budget, done, total
        super().__init__(f"cut-set work reached {work} units (budget {budget}) after {done} of {total} steps")


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


__all__ = ["DEFAULT_BUDGET", "CutSetBudgetExceeded", "WorstCase", "worst_case"]
