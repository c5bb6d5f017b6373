"""Failure times: when each in-service node fails after some nodes fail on day 0.

Each requirement item gives a time: ``fail(target) + grace`` for a plain item, and
``max(fail(alternatives)) + grace`` for an any_of group; a node fails at the earliest of its
items. Failures must be caused, so a cycle in which nothing fails keeps working.

Algorithm: Knuth's generalisation of Dijkstra to superior functions (D. E. Knuth, "A
generalization of Dijkstra's algorithm", Information Processing Letters 6(1), 1977): nodes are
settled in order of failure time from a heap; a group item becomes due when its last
alternative settles. O((V + E) log V).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .scenario import ServiceGraph


@dataclass(frozen=True, slots=True)
class Cause:
    """Why a node failed: its requirement ``item`` stopped holding when ``trigger`` failed."""

    item: int
    trigger: str


@dataclass(frozen=True)
class Cascade:
    """Failure day of every node that fails (absent = never), and the cause of each failure."""

    times: Mapping[str, int]
    causes: Mapping[str, Cause] = field(default_factory=dict)

    def failed(self, at_days: int | None = None) -> dict[str, int]:
        """Nodes failed by ``at_days`` (all eventual failures when None)."""
        if at_days is None:
            return dict(self.times)
        return {n: t for n, t in self.times.items() if t <= at_days}

    def works(self, node_id: str, at_days: int | None = None) -> bool:
        time = self.times.get(node_id)
        return time is None or (at_days is not None and time > at_days)


def cascade(graph: ServiceGraph, initial: Iterable[str] | None = None) -> Cascade:
    """Propagate failures from ``initial`` (default: the scenario's removed/embargoed nodes).

    >>> from interop.model import model_from_data
    >>> from interop.analysis.scenario import baseline
    >>> m = model_from_data([{"id": "S", "kind": "supplier"},
    ...                      {"id": "P", "kind": "platform", "requires": [{"id": "S", "grace_days": 30}]}])
    >>> dict(cascade(baseline(m), ["S"]).times)
    {'S': 0, 'P': 30}
    """
    start = graph.initial_failures if initial is None else tuple(initial)
    requires, dependents = graph.requires, graph.dependents
    times: dict[str, int] = {}
    causes: dict[str, Cause] = {}
    waiting: dict[tuple[str, int], int] = {}
    heap: list[tuple[int, str, int, str]] = [(0, x, -1, "") for x in sorted(set(start))]
    heapq.heapify(heap)
    while heap:
        time, node, item, trigger = heapq.heappop(heap)
        if node in times:
            continue
        times[node] = time
        if item >= 0:
            causes[node] = Cause(item, trigger)
        for requirer, position in dependents.get(node, ()):
            if requirer in times:
                continue
            requirement = requires[requirer][position]
            if requirement.any_of:
                key = (requirer, position)
                left = waiting.get(key, len(requirement.targets)) - 1
                waiting[key] = left
                if left:
                    continue
            heapq.heappush(heap, (time + requirement.grace_days, requirer, position, node))
    return Cascade(times, causes)
