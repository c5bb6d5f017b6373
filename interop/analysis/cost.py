"""The cost guard for cut-set queries: a safety net, never a refusal of what the engine answers.

The engine (:mod:`interop.analysis.cutsets`) does work that follows the number of cut sets, so
two figures bound a query, both measured, not estimated:

- :data:`DEFAULT_BUDGET` steps of the ZBDD engine (operations and vertices; about 1–3 µs and
  100–200 bytes each here), checked as it goes: passing it stops the run at once with the
  figure reached (about a minute of work and a few GB: far beyond any answer given in 10 s);
- :data:`DEFAULT_MAX_CUT_SETS` cut sets for one capability, counted exactly on the diagram
  before any is listed (linear in its size), so a query whose *answer* is too big to list is
  refused in the time it took to build the diagram, with the exact number.

:func:`worst_case` is the naive upper bound C(n, 1) + … + C(n, K) over the n eligible nodes
upstream (kept for reports; never used to refuse).

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

#: ZBDD steps a command allows before it stops a query (see the module docstring). nus9601 at
#: order 3 needs about 2 million; edf9203 at order 3 about 3 million; the shipped model at order 14
#: a few thousand.
DEFAULT_BUDGET = 40_000_000

#: Cut sets one capability may have before a command refuses to list them (counted exactly first).
DEFAULT_MAX_CUT_SETS = 2_000_000


@dataclass(frozen=True)
class WorstCase:
    """Eligible nodes upstream of the targets and the number of candidate sets of size ≤ K."""

    eligible: int
    targets: int
    max_order: int
    candidate_sets: int


class CutSetBudgetExceeded(Exception):
    """A cut-set query passed its budget; ``reason`` says which and ``figure`` what was reached.

    - ``"steps"``: the engine had done ``figure`` steps (ZBDD operations and vertices, measured,
      not estimated) when it passed ``limit``, after ``done`` of ``total`` gates and targets;
    - ``"cut_sets"``: ``target`` has exactly ``figure`` minimal cut sets of order ≤ ``max_order``,
      more than ``limit`` (counted on the diagram before listing any).
    """

    def __init__(
        self,
        reason: str,
        figure: int,
        limit: int,
        done: int,
        total: int,
        *,
        max_order: int = 0,
        target: str | None = None,
    ) -> None:
        self.reason, self.figure, self.limit = reason, figure, limit
        self.done, self.total, self.max_order, self.target = done, total, max_order, target
        if reason == "cut_sets":
            text = f"{target} has {figure} minimal cut sets of order <= {max_order} (limit {limit})"
        else:
            text = f"cut-set work reached {figure} steps (limit {limit}) after {done} of {total} steps"
        super().__init__(text)


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


__all__ = ["DEFAULT_BUDGET", "DEFAULT_MAX_CUT_SETS", "CutSetBudgetExceeded", "WorstCase", "worst_case"]
