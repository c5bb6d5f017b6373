"""Timeline of a what-if: the events day by day (nodes leave and enter service, links carried
over, moved to another data link or gained, nodes fail, capabilities and links lost), so "what
breaks first, and when" reads top to bottom.

A link is lost on the first day one of its ends or its data link fails; a link whose end (or data
link) left service in the scenario is lost on day 0, unless the replacement carried it over or
moved it to another data link with the same partner (then it is that event, not a loss). Service
changes and the links a swap brings happen on day 0. Events are sorted by (day, kind, subject).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from ..model import Model
from .cascade import Cascade
from .links import Link
from .scenario import Scenario
from .whatif import WhatIfResult

if TYPE_CHECKING:
    from .linkroles import LinkRoles
    from .study import Study

EventKind = Literal[
    "left service",
    "entered service",
    "link carried over",
    "link moved",
    "link gained",
    "removed",
    "embargoed",
    "failed",
    "capability lost",
    "link lost",
]
# Event kinds in the order they are listed within one day.
KINDS: tuple[EventKind, ...] = get_args(EventKind)


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happens on ``day``: ``subject`` (a node id, or ``a ↔ b via s`` for a link)
    and ``because``: the node whose failure caused it (or whose departure: ``because_left``)."""

    day: int
    kind: EventKind
    subject: str
    because: str | None = None
    link: Link | None = None
    because_left: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"day": self.day, "event": self.kind}
        if self.link is not None:
            data["link"] = list(self.link)
        else:
            data["id"] = self.subject
        data["because"] = self.because
        return data


@dataclass(frozen=True)
class Timeline:
    """The events of one scenario, day by day (``interop what-if --timeline``), as a result."""

    model: Model
    scenario: Scenario
    events: tuple[Event, ...]

    def __repr__(self) -> str:
        last = f", last on day {self.events[-1].day}" if self.events else ""
        return f"<Timeline {self.scenario.describe()}: {len(self.events)} events{last}>"

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": {
                "operations": [op.as_list() for op in self.scenario.operations],
                "at_days": self.scenario.at_days,
            },
            "timeline": [event.to_dict() for event in self.events],
        }


@dataclass(frozen=True)
class WhatIfTimeline:
    """A what-if answer with its events (``interop what-if --timeline``)."""

    result: WhatIfResult
    events: tuple[Event, ...]

    def to_dict(self) -> dict[str, Any]:
        """The what-if JSON plus a "timeline" key (the contract's keys unchanged)."""
        return {**self.result.to_dict(), "timeline": [event.to_dict() for event in self.events]}


def timeline(result: WhatIfResult) -> tuple[Event, ...]:
    """The events of a what-if result, sorted by (day, kind, subject).

    >>> from interop.model import model_from_data
    >>> from interop.analysis import Scenario, what_if
    >>> m = model_from_data([{"id": "S", "kind": "supplier"},
    ...     {"id": "C", "kind": "capability", "requires": [{"id": "S", "grace_days": 30}]}])
    >>> [(e.day, e.kind, e.subject) for e in timeline(what_if(m, Scenario.build(remove=["S"])))]
    [(0, 'removed', 'S'), (30, 'capability lost', 'C')]
    """
    if result.study is not None:
        return result.study.events
    from .study import Study

    return Study.of(result.model, result.scenario).events


def study_events(study: Study) -> tuple[Event, ...]:
    """The events of a study's scenario (see :func:`timeline`)."""
    from .linkroles import link_roles

    initial: dict[str, Literal["removed", "embargoed"]] = {}
    for node, origin in study.origins.items():
        if origin == "removed" or origin == "embargoed":
            initial[node] = origin
    replaced_by = {op.target: op.replacement for op in study.scenario.operations if op.op == "replace"}
    pairs = [(a, b) for a, b in replaced_by.items() if b is not None]
    roles = link_roles(study.model, study.links_lost, study.links_kept, study.links_gained, study.links_carried, pairs)
    out = events(
        failed={f.id: f.at_days for f in study.failed},
        failures=study.cascade,
        initial=initial,
        capabilities=study.state.capabilities,
        left={node: replaced_by.get(node) for node in study.state.left},
        links_lost=roles.lost,
    )
    return _sorted((*out, *service_events(study.state.entered, roles)))


def service_events(entered: Iterable[str], roles: LinkRoles) -> list[Event]:
    """Day-0 events of the structural change: nodes entering service, and the links the swap
    carries over, moves to another data link or gains."""
    out = [Event(0, "entered service", node) for node in entered]
    for c in roles.carried:
        first, second = sorted((c.old, c.partner))
        link = Link(first, second, c.via)
        out.append(Event(0, "link carried over", f"{c.old} → {c.new} with {c.partner} via {c.via}", c.old, link))
    for s in roles.switched:
        first, second = sorted((s.old, s.partner))
        link = Link(first, second, s.old_via)
        subject = f"{s.old} → {s.new} with {s.partner}: {s.old_via} → {s.new_via}"
        out.append(Event(0, "link moved", subject, s.old, link))
    for g in roles.new:
        out.append(Event(0, "link gained", f"{g.a} ↔ {g.b} via {g.via}", None, g))
    return out


def _sorted(found: Iterable[Event]) -> tuple[Event, ...]:
    rank = {kind: i for i, kind in enumerate(KINDS)}
    return tuple(sorted(found, key=lambda e: (e.day, rank[e.kind], e.subject)))


def events(
    failed: Mapping[str, int],
    failures: Cascade,
    initial: Mapping[str, Literal["removed", "embargoed"]],
    capabilities: Iterable[str],
    left: Mapping[str, str | None],
    links_lost: Iterable[Link],
) -> tuple[Event, ...]:
    """Events from the pieces: ``failed`` (node → day, already cut at the day asked), the cascade
    (for causes), the initial failures (node → "removed"/"embargoed"), the capabilities, the nodes
    that left service (node → replacement) and the links lost."""
    capability_set = set(capabilities)
    out = [Event(0, "left service", node, replacement) for node, replacement in left.items()]
    for node, day in failed.items():
        cause = failures.causes.get(node)
        kind: EventKind
        if node in initial and cause is None:
            kind = initial[node]
        else:
            kind = "capability lost" if node in capability_set else "failed"
        out.append(Event(day, kind, node, cause.trigger if cause else None))
    for link in links_lost:
        ends = [(0, x) for x in link if x in left] + sorted((failed[x], x) for x in link if x in failed)
        day, because = min(ends) if ends else (0, None)
        subject = f"{link.a} ↔ {link.b} via {link.via}"
        out.append(Event(day, "link lost", subject, because, link, because in left and day == 0))
    return _sorted(out)
