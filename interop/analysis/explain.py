"""Explain one node under a scenario: why it fails (the chain of causes back to a removed or
embargoed node, with the day and grace of each step), or why it holds (which alternatives keep it
up). Derived from the cascade's causes only: no new semantics.

A chain ``s0 → s1 → … → sk`` (sk = the node asked) satisfies: s0 failed on day 0 because the
scenario removed or embargoed it; each s(i) is a target of requirement item ``s(i+1).item``;
``day(s(i+1)) = day(s(i)) + grace(item)``; for an any_of item, s(i) is the last alternative to fail.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ScenarioError, option
from ..model import Model, Requirement, resolve
from .cascade import Cascade
from .scenario import Scenario, ServiceGraph

if TYPE_CHECKING:
    from .study import Origin, Study


def requirement_dict(requirement: Requirement) -> dict[str, Any]:
    """A requirement item as JSON: targets, any_of, label, grace_days (shared by every step type)."""
    return {
        "targets": list(requirement.targets),
        "any_of": requirement.any_of,
        "label": requirement.label,
        "grace_days": requirement.grace_days,
    }


@dataclass(frozen=True)
class Step:
    """One link of a cause chain: ``node`` failed on ``day`` because its requirement ``item``
    (``requirement``) stopped holding when ``trigger`` failed; the origin has no requirement and
    ``origin`` says how it failed ("removed" or "embargoed")."""

    node: str
    day: int
    item: int | None = None
    requirement: Requirement | None = None
    trigger: str | None = None
    alternatives: tuple[tuple[str, int], ...] = ()
    origin: str | None = None

    @property
    def grace(self) -> int:
        return self.requirement.grace_days if self.requirement else 0

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.node, "at_days": self.day}
        if self.origin:
            data["origin"] = self.origin
        else:
            assert self.requirement is not None
            data["requirement"] = requirement_dict(self.requirement)
            data["trigger"] = self.trigger
            if self.requirement.any_of:
                data["alternatives"] = [{"id": a, "at_days": d} for a, d in self.alternatives]
        return data


@dataclass(frozen=True)
class Support:
    """A requirement item that still holds: its alternatives that work and those that failed."""

    node: str
    item: int
    requirement: Requirement
    working: tuple[str, ...]
    failed: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.node,
            "requirement": requirement_dict(self.requirement),
            "working": list(self.working),
            "failed": [{"id": a, "at_days": d} for a, d in self.failed],
        }


@dataclass(frozen=True)
class GapStep:
    """One link of a gap chain on a date: ``node`` is not supported because its requirement
    ``requirement`` has no target in service; ``reason`` is the planner's line for it (see
    ``analysis.gaps.gap_reason``)."""

    node: str
    requirement: Requirement
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.node,
            "requirement": requirement_dict(self.requirement),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Explanation:
    """Why ``node`` fails (``chain``, root first) or holds (``requirements`` of the node and the
    ``rescues``: any_of items it depends on where an alternative failed but another still works).

    ``fails_at`` is the eventual failure day (None = never); ``holds`` takes ``--at`` into account,
    so a node can hold on the day asked and still have a chain (it fails later).

    ``gap`` is set when ``node`` is a gap on the question's date (not in service because something
    it needs is not): the chain from ``node`` down to the fleet whose service window is closed,
    asked node first. A gap neither holds nor fails (no day), as in what-if.
    """

    model: Model
    scenario: Scenario
    node: str
    fails_at: int | None
    holds: bool
    chain: tuple[Step, ...]
    requirements: tuple[Support, ...]
    rescues: tuple[Support, ...]
    gap: tuple[GapStep, ...] = ()

    def __repr__(self) -> str:
        if self.gap:
            on = self.scenario.on.isoformat() if self.scenario.on else "?"
            return f"<Explanation {self.node} is a gap on {on} under {self.scenario.describe()}: {len(self.gap)} steps>"
        state = "holds" if self.holds else f"fails on day {self.fails_at}"
        return f"<Explanation {self.node} {state} under {self.scenario.describe()}: {len(self.chain)} steps>"

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": {
                "operations": [op.as_list() for op in self.scenario.operations],
                "at_days": self.scenario.at_days,
                "on": self.scenario.on.isoformat() if self.scenario.on else None,
            },
            "id": self.node,
            "holds": self.holds,
            "fails_at": self.fails_at,
            "chain": [step.to_dict() for step in self.chain],
            "requirements": [s.to_dict() for s in self.requirements],
            "rescues": [s.to_dict() for s in self.rescues],
            "gap": [step.to_dict() for step in self.gap],
        }


def explain(model: Model, scenario: Scenario, node: str) -> Explanation:
    """Explain ``node`` (id or alias) under ``scenario``.

    >>> from interop.model import model_from_data
    >>> m = model_from_data([{"id": "S", "kind": "supplier"},
    ...     {"id": "P", "kind": "platform", "requires": [{"id": "S", "grace_days": 30}]},
    ...     {"id": "C", "kind": "capability", "requires": ["P"]}])
    >>> [(s.node, s.day, s.grace) for s in explain(m, Scenario.build(remove=["S"]), "C").chain]
    [('S', 0, 0), ('P', 30, 30), ('C', 30, 0)]
    """
    from .study import Study

    return Study.of(model, scenario).explain(node)


def explain_in(study: Study, node: str) -> Explanation:
    """Explain ``node`` (id or alias) within an existing study (no second scenario pass)."""
    model, scenario, graph = study.model, study.scenario, study.state
    node = resolve(model, node)
    if node in graph.gap_causes:
        return Explanation(model, scenario, node, None, False, (), (), (), gap=gap_chain(graph, node))
    if node not in graph.requires:
        raise ScenarioError(_not_in_service(model, scenario, node, graph))
    failures = study.cascade
    fails_at = failures.times.get(node)
    at = scenario.at_days
    holds = fails_at is None or (at is not None and fails_at > at)
    chain = cause_chain(graph, failures, study.origins, node) if fails_at is not None else ()
    requirements = tuple(_support(graph, failures, node, i, at) for i in range(len(graph.requires[node])))
    rescues = _rescues(graph, failures, node, at) if holds else ()
    return Explanation(model, scenario, node, fails_at, holds, chain, requirements, rescues)


def cause_chain(graph: ServiceGraph, failures: Cascade, origins: Mapping[str, Origin], node: str) -> tuple[Step, ...]:
    """The chain of causes from a day-0 failure to ``node`` (which must fail), root first;
    ``origins`` says how the scenario touched each day-0 failure (Study.origins)."""
    steps: list[Step] = []
    current = node
    while True:
        cause = failures.causes.get(current)
        day = failures.times[current]
        if cause is None:
            steps.append(Step(current, day, origin=origins.get(current, "removed")))
            break
        requirement = graph.requires[current][cause.item]
        alternatives: tuple[tuple[str, int], ...] = ()
        if requirement.any_of:
            alternatives = tuple(
                sorted(((t, failures.times[t]) for t in requirement.targets), key=lambda p: (p[1], p[0]))
            )
        steps.append(Step(current, day, cause.item, requirement, cause.trigger, alternatives))
        current = cause.trigger
    return tuple(reversed(steps))


def gap_chain(graph: ServiceGraph, node: str) -> tuple[GapStep, ...]:
    """Why ``node`` is a gap on ``graph.on``, step by step: its unmet requirement, then the first
    target of that requirement that is itself a gap, and so on, down to a requirement whose targets
    are all outside their service windows. Each gap keeps the first requirement found unmet
    (analysis.gaps.read_on), so the chain ends at a window and never loops; ``seen`` guards anyway.

    >>> import datetime
    >>> from interop.model import model_from_data
    >>> from interop.analysis.scenario import Scenario, apply_scenario
    >>> m = model_from_data([{"id": "Old", "kind": "platform", "service": {"until": 2032}},
    ...     {"id": "Wing", "kind": "system", "requires": ["Old"]},
    ...     {"id": "C", "kind": "capability", "requires": ["Wing"]}])
    >>> graph = apply_scenario(m, Scenario.build(on=datetime.date(2033, 1, 1)))
    >>> [(s.node, s.requirement.targets) for s in gap_chain(graph, "C")]
    [('C', ('Wing',)), ('Wing', ('Old',))]
    """
    steps: list[GapStep] = []
    seen: set[str] = set()
    current: str | None = node
    while current is not None and current not in seen:
        seen.add(current)
        cause = graph.gap_causes[current]
        steps.append(GapStep(current, cause.item, graph.gap_reason(current)))
        current = next((t for t in cause.item.targets if t in graph.gap_causes), None)
    return tuple(steps)


def _support(graph: ServiceGraph, failures: Cascade, node: str, item: int, at: int | None) -> Support:
    requirement = graph.requires[node][item]
    working = tuple(t for t in requirement.targets if failures.works(t, at))
    failed = tuple(
        sorted(
            ((t, failures.times[t]) for t in requirement.targets if not failures.works(t, at)),
            key=lambda p: (p[1], p[0]),
        )
    )
    return Support(node, item, requirement, working, failed)


def _rescues(graph: ServiceGraph, failures: Cascade, node: str, at: int | None) -> tuple[Support, ...]:
    """any_of items, among the working nodes ``node`` relies on, that lost an alternative."""
    seen = {node}
    stack = [node]
    out = []
    while stack:
        current = stack.pop()
        for i, requirement in enumerate(graph.requires[current]):
            support = _support(graph, failures, current, i, at)
            if requirement.any_of and support.failed and support.working:
                out.append(support)
            for target in support.working:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
    return tuple(sorted(out, key=lambda s: (s.node, s.item)))


def _not_in_service(model: Model, scenario: Scenario, node: str, graph: ServiceGraph) -> str:
    why = graph.why_out(node)
    if why is not None:
        another = option("--on", "on=")
        return f"{node} is not in service: {why} — explain it on another date ({another}), or explain what it needs"
    for op in scenario.operations:
        if op.op == "replace" and op.target == node:
            new = op.replacement
            return f"{node} is not in service: this scenario replaces it with {new} — explain {new} instead"
    if model.nodes[node].is_candidate:
        bring = option(f"--replace ID --with {node} (or --mix ID --with {node})", f"replace={{ID: {node!r}}} (or mix=)")
        return f"{node} is a candidate, not in service — bring it in with {bring} to explain it"
    return f"{node} is not in service in this scenario — explain a node in service"
