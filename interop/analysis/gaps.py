"""Service on a date: which nodes of a plan serve on day D, and which are gaps (contract §4.1).

On D the plan's nodes whose windows contain D serve. A serving node whose requirements cannot be
met by serving nodes (a plain requirement on a node that does not serve, an any_of none of whose
alternatives serves) is *unsupported*; so, in turn, is every node that then cannot be met. The
supported set is the greatest fixpoint of "serves and every requirement is met inside the set";
it is found by removing nodes from the serving set, one dependency edge at a time, as in a
cascade (the same counting as Knuth's superior-function scheme in ``cascade``, without times):
O(V + E). Grace periods play no role here (contract §4.4): a fleet that is not there is missing
at once.
"""

from __future__ import annotations

import datetime
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from ..model import Model, Requirement


@dataclass(frozen=True, slots=True)
class GapCause:
    """Why a node is a gap on D: requirement ``item`` (as rewired by the plan) is unmet because
    none of its targets serves on D (each is out of its window, or a gap itself)."""

    node: str
    item: Requirement


@dataclass(frozen=True)
class DatedPlan:
    """A plan read on day ``on``: the requirements of the nodes that serve and are supported
    (targets limited to such nodes), the gaps with their causes, and the plan's nodes that are
    outside their service window on D."""

    on: datetime.date
    requires: Mapping[str, tuple[Requirement, ...]]
    gaps: tuple[str, ...]
    causes: Mapping[str, GapCause]
    out_of_window: tuple[str, ...]


def read_on(model: Model, plan: Mapping[str, tuple[Requirement, ...]], on: datetime.date) -> DatedPlan:
    """The plan (node → rewired requirements) as it stands on ``on``.

    >>> from interop.model import model_from_data
    >>> m = model_from_data([{"id": "Old", "kind": "platform", "service": {"until": 2032}},
    ...                      {"id": "C", "kind": "capability", "requires": ["Old"]}])
    >>> dated = read_on(m, {n.id: n.requires for n in m}, datetime.date(2033, 1, 1))
    >>> dated.gaps, dated.out_of_window, dict(dated.requires)
    (('C',), ('Old',), {})
    """
    nodes = model.nodes
    serving = {n for n in plan if nodes[n].serves_on(on)}
    alive: dict[tuple[str, int], int] = {}
    dependents: dict[str, list[tuple[str, int]]] = {}
    queue: deque[str] = deque()
    causes: dict[str, GapCause] = {}
    for node_id in sorted(serving):
        for position, item in enumerate(plan[node_id]):
            count = 0
            for target in item.targets:
                if target in serving:
                    count += 1
                    dependents.setdefault(target, []).append((node_id, position))
            alive[(node_id, position)] = count
            if count == 0 and node_id not in causes:
                causes[node_id] = GapCause(node_id, item)
                queue.append(node_id)
    while queue:
        gone = queue.popleft()
        for requirer, position in dependents.get(gone, ()):
            if requirer in causes:
                continue
            key = (requirer, position)
            alive[key] -= 1
            if alive[key] == 0:
                causes[requirer] = GapCause(requirer, plan[requirer][position])
                queue.append(requirer)
    supported = serving - causes.keys()
    requires = {n: _within(plan[n], supported) for n in sorted(supported)}
    return DatedPlan(
        on=on,
        requires=MappingProxyType(requires),
        gaps=tuple(sorted(causes)),
        causes=MappingProxyType(dict(sorted(causes.items()))),
        out_of_window=tuple(sorted(set(plan) - serving)),
    )


def _within(items: tuple[Requirement, ...], supported: set[str]) -> tuple[Requirement, ...]:
    """Requirements with any_of alternatives cut down to those that serve (each keeps at least one)."""
    if all(t in supported for item in items for t in item.targets):
        return items
    return tuple(
        item if not item.any_of else replace(item, targets=tuple(t for t in item.targets if t in supported))
        for item in items
    )


def absence(model: Model, node_id: str, on: datetime.date, gaps: Mapping[str, GapCause]) -> str:
    """Why ``node_id`` does not serve on ``on``: ``left service 2032-12-31``, ``enters 2034`` or
    ``is itself a gap``."""
    window = model.nodes[node_id].service
    if window is not None and not window.contains(on):
        return window.absence(on)
    if node_id in gaps:
        return "is itself a gap"
    return "is not in the plan"


def gap_reason(model: Model, cause: GapCause, on: datetime.date, gaps: Mapping[str, GapCause]) -> str:
    """One line a planner reads, e.g. ``NORAD air sovereignty: no fighter in service on
    2033-01-01: CF-18 left service 2032-12-31, Gripen-E enters 2034``."""
    item = cause.item
    if item.label:
        what = f"no {item.label} in service"
    elif len(item.targets) == 1:
        what = f"{item.targets[0]} not in service"
    else:
        what = f"none of {', '.join(item.targets)} in service"
    details = ", ".join(f"{t} {absence(model, t, on, gaps)}" for t in item.targets)
    return f"{model.nodes[cause.node].name}: {what} on {on.isoformat()}: {details}"


def boundaries(model: Model, nodes: Iterable[str]) -> tuple[datetime.date, ...]:
    """The days on which the in-window set of ``nodes`` changes: each ``from`` and each day after
    an ``until``, sorted. Between two of them the nodes in service (and so the gaps) are constant."""
    days: set[datetime.date] = set()
    for node_id in nodes:
        window = model.nodes[node_id].service
        if window is None:
            continue
        if window.start is not None:
            days.add(window.start)
        if window.end is not None and window.end < datetime.date.max:
            days.add(window.end + datetime.timedelta(days=1))
    return tuple(sorted(days))


__all__ = ["DatedPlan", "GapCause", "absence", "boundaries", "gap_reason", "read_on"]
