"""What-if and SPOF analyses: pure functions from a model and a scenario to typed results."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import ScenarioError, option
from ..model import KINDS, Model, Requirement, resolve
from ..model.lookup import normalise
from .cascade import Cascade
from .cost import DEFAULT_BUDGET
from .cutsets import CutSet, minimal_cut_sets, single_points_of_failure
from .factorise import Product, factorise
from .gaps import boundaries
from .links import CarriedLink, Link
from .scenario import STRUCTURAL, Scenario, ServiceGraph

if TYPE_CHECKING:
    from .cutview import CutSetView
    from .linkroles import LinkRoles
    from .study import Origin, Study


@dataclass(frozen=True, slots=True)
class Failure:
    """A node (or capability) and the day it fails."""

    id: str
    at_days: int


@dataclass(frozen=True, slots=True)
class SpofChange:
    """``node`` became (added) or stopped being (removed) a single point of failure of ``capability``."""

    capability: str
    node: str


@dataclass(frozen=True, slots=True)
class StatusChange:
    """On ``on`` the scenario's answer for ``subject`` changes from ``before`` to ``after``: a
    capability (``holds``, ``lost day N``, ``gap`` or ``not in service``) or, with the subject
    ``interoperability links``, the links lost and gained against the baseline."""

    on: datetime.date
    subject: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class FailureCause:
    """Why ``node`` failed: named by the scenario (``origin``: removed, embargoed, …), or
    ``requirement`` (the item as it stands after any rewiring, keeping its model ``source``)
    stopped holding when ``trigger`` failed (the last alternative, for an any_of group)."""

    node: str
    origin: Origin | None = None
    trigger: str | None = None
    requirement: Requirement | None = None


@dataclass(frozen=True)
class WhatIfResult:
    """Everything a what-if tells: failures with days, capabilities, links, SPOF changes."""

    model: Model
    scenario: Scenario
    failed: tuple[Failure, ...]
    capabilities_lost: tuple[Failure, ...]
    capabilities_kept: tuple[str, ...]
    links_lost: tuple[Link, ...]
    links_kept: tuple[Link, ...]
    links_gained: tuple[Link, ...]
    links_carried: tuple[CarriedLink, ...] = ()
    entered_service: tuple[str, ...] = ()
    left_service: tuple[str, ...] = ()
    no_longer_needed: tuple[str, ...] = ()
    spof_added: tuple[SpofChange, ...] = ()
    spof_removed: tuple[SpofChange, ...] = ()
    origins: Mapping[str, Origin] = field(default_factory=lambda: MappingProxyType({}))
    gaps_baseline: tuple[str, ...] = ()
    gaps_scenario: tuple[str, ...] = ()
    gap_reasons: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    changes: tuple[StatusChange, ...] = ()
    graph: ServiceGraph | None = field(default=None, repr=False, compare=False)
    failures: Cascade | None = field(default=None, repr=False, compare=False)
    study: Study | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        """Short: the scenario and the counts (the full answer is in the fields and ``to_dict()``)."""
        total = len(self.capabilities_lost) + len(self.capabilities_kept)
        return (
            f"<WhatIfResult {self.scenario.describe()}: {len(self.capabilities_lost)} of {total} capabilities lost, "
            f"{len(self.failed)} nodes failed, links {len(self.links_lost)} lost / {len(self.links_kept)} kept / "
            f"{len(self.links_gained)} gained>"
        )

    def cause_of(self, node_id: str) -> FailureCause | None:
        """Why ``node_id`` failed: how the scenario named it (day 0), or the requirement item that
        stopped holding and the node whose failure did it. None when it did not fail here."""
        if self.failures is None or self.graph is None or node_id not in self.failures.times:
            return None
        cause = self.failures.causes.get(node_id)
        if cause is None:
            origin = self.origins.get(node_id)
            return FailureCause(node_id, origin=origin) if origin is not None else None
        item = self.graph.requires[node_id][cause.item]
        return FailureCause(node_id, trigger=cause.trigger, requirement=item)

    def link_roles(self) -> LinkRoles:
        """Each changed link's role (carried over, switched, lost, new) and the net table."""
        from .linkroles import link_roles

        replacements = [(op.target, op.replacement) for op in self.scenario.operations if op.op == "replace"]
        pairs = [(a, b) for a, b in replacements if b is not None]
        return link_roles(self.model, self.links_lost, self.links_kept, self.links_gained, self.links_carried, pairs)

    @property
    def on(self) -> datetime.date | None:
        """The date asked about (None: dates play no role)."""
        return self.scenario.on

    @property
    def baseline_graph(self) -> ServiceGraph | None:
        """The baseline on the same date (from the study)."""
        return self.study.baseline if self.study is not None else None

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the contract's JSON shape (plus extra keys the contract allows)."""
        return {
            "scenario": {
                "operations": [op.as_list() for op in self.scenario.operations],
                "at_days": self.scenario.at_days,
                "on": self.on.isoformat() if self.on else None,
            },
            "gaps": {"baseline": list(self.gaps_baseline), "scenario": list(self.gaps_scenario)},
            "gap_reasons": {side: dict(reasons) for side, reasons in sorted(self.gap_reasons.items())},
            "changes": [
                {"on": c.on.isoformat(), "subject": c.subject, "before": c.before, "after": c.after}
                for c in self.changes
            ],
            "failed": [{"id": f.id, "at_days": f.at_days} for f in self.failed],
            "capabilities": {
                "lost": [{"id": f.id, "at_days": f.at_days} for f in self.capabilities_lost],
                "kept": list(self.capabilities_kept),
            },
            "links": {
                "lost": [list(link) for link in self.links_lost],
                "kept": [list(link) for link in self.links_kept],
                "gained": [list(link) for link in self.links_gained],
                "carried": [list(link) for link in self.links_carried],
            },
            "service": {
                "entered": list(self.entered_service),
                "left": list(self.left_service),
                "no_longer_needed": list(self.no_longer_needed),
            },
            "spof": {
                "added": [[c.capability, c.node] for c in self.spof_added],
                "removed": [[c.capability, c.node] for c in self.spof_removed],
            },
        }


def what_if(model: Model, scenario: Scenario, *, with_spof: bool = True, with_changes: bool = True) -> WhatIfResult:
    """Run ``scenario`` on ``model`` against the baseline (on the scenario's date, if any).

    Ids may be aliases in any case; they are resolved first (ScenarioError if unknown).
    ``with_spof`` adds the single points of failure that the structural changes add or remove.
    ``with_changes`` (on a model with service dates) adds the later dates on which the answer
    for some capability changes, as fleets enter and leave service.
    """
    from .study import Study

    study = Study.of(model, scenario)
    result = study.what_if(with_spof=with_spof)
    if with_changes and study.answer_changes:
        result = replace(result, changes=study.answer_changes)
    return result


def gap_reasons(graph: ServiceGraph) -> dict[str, str]:
    """Each gap of ``graph`` with its one-line reason, by id."""
    return {node_id: graph.gap_reason(node_id) for node_id in graph.gaps}


LINKS_SUBJECT = "interoperability links"


def capability_status(result: WhatIfResult) -> dict[str, str]:
    """Each capability of the plan: ``holds``, ``lost day N``, ``gap`` or ``not in service``;
    and the links against the baseline (``N lost, M gained``)."""
    graph = result.graph
    assert graph is not None
    nodes = result.model.nodes
    status = {c: "not in service" for c in graph.plan if nodes[c].kind == "capability"}
    status.update({c: "gap" for c in graph.gaps if nodes[c].kind == "capability"})
    status.update({c: "holds" for c in result.capabilities_kept})
    status.update({f.id: f"lost day {f.at_days}" for f in result.capabilities_lost})
    status[LINKS_SUBJECT] = f"{len(result.links_lost)} lost, {len(result.links_gained)} gained"
    return dict(sorted(status.items()))


def answer_changes(result: WhatIfResult) -> tuple[StatusChange, ...]:
    """The dates after ``result``'s date on which a capability's answer changes, and how.

    Only days on which a planned node enters or leaves service can change anything, so the
    scenario is re-run on each of those (without SPOF changes): O(dates × what-if)."""
    on = result.on
    before_graph = result.baseline_graph
    assert on is not None and result.graph is not None and before_graph is not None
    previous = capability_status(result)
    changes: list[StatusChange] = []
    for day in boundaries(result.model, result.graph.plan | before_graph.plan):
        if day <= on:
            continue
        later = what_if(result.model, replace(result.scenario, on=day), with_spof=False, with_changes=False)
        current = capability_status(later)
        for subject in sorted(previous.keys() | current.keys()):
            was = previous.get(subject, "not in service")
            now = current.get(subject, "not in service")
            if was != now:
                changes.append(StatusChange(day, subject, was, now))
        previous = current
    return tuple(changes)


def spof_changes(before: ServiceGraph, after: ServiceGraph) -> tuple[tuple[SpofChange, ...], tuple[SpofChange, ...]]:
    """Compare single points of failure before and after the structural changes.

    Only capabilities that depended on a replaced or mixed node can change: the requirements of
    every other capability's whole upstream are untouched, so they are not recomputed.
    """
    swapped = [op for op in after.operations if op.op in STRUCTURAL]
    touched = before.downstream(op.target for op in swapped)
    if after.on is not None:  # on a date, A may be out of service, B may close a gap
        touched |= after.downstream([op.replacement for op in swapped if op.replacement] + list(after.entered))
        touched -= set(before.gaps) | set(after.gaps)  # a gap on either side is reported as a gap
    old = single_points_of_failure(before, [c for c in before.capabilities if c in touched], budget=DEFAULT_BUDGET)
    new = single_points_of_failure(
        after,
        [c for c in after.capabilities if c in touched or (c not in before.requires and c not in before.gaps)],
        budget=DEFAULT_BUDGET,
    )
    old_pairs = {(c, n) for c, nodes in old.items() for n in nodes}
    new_pairs = {(c, n) for c, nodes in new.items() for n in nodes}
    added = tuple(SpofChange(c, n) for c, n in sorted(new_pairs - old_pairs))
    removed = tuple(SpofChange(c, n) for c, n in sorted(old_pairs - new_pairs))
    return added, removed


def no_longer_needed(before: ServiceGraph, after: ServiceGraph) -> tuple[str, ...]:
    """Nodes still in service that some capability needed before the change and none needs after."""
    if not any(op.op in STRUCTURAL for op in after.operations):
        return ()
    needed_before = before.upstream(before.capabilities)
    needed_after = after.upstream(after.capabilities)
    return tuple(sorted(n for n in needed_before - needed_after if n in after.requires))


@dataclass(frozen=True)
class SpofResult:
    """Minimal cut sets (up to ``max_order``) for each capability asked."""

    model: Model
    max_order: int
    kinds: tuple[str, ...] | None
    cut_sets: dict[str, tuple[CutSet, ...]]
    scenario: Scenario = field(default_factory=Scenario)
    gaps: tuple[str, ...] = ()
    gap_reasons: Mapping[str, str] = field(default_factory=dict)
    show_all: bool = field(default=False, compare=False)
    """Presentation: also show cut sets with another capability, and every group (--all)."""
    limit: int | None = field(default=None, compare=False)
    """Presentation: at most this many groups per order and capability (a terminal's top-N)."""

    @property
    def on(self) -> datetime.date | None:
        """The date asked about (None: dates play no role)."""
        return self.scenario.on

    def __repr__(self) -> str:
        singles = sum(1 for sets in self.cut_sets.values() for s in sets if len(s) == 1)
        return (
            f"<SpofResult {len(self.cut_sets)} capabilities, order <= {self.max_order}: "
            f"{sum(len(sets) for sets in self.cut_sets.values())} cut sets, {singles} single points of failure>"
        )

    def single_points(self, capability: str) -> tuple[str, ...]:
        return tuple(s[0] for s in self.cut_sets[capability] if len(s) == 1)

    def groups(self, capability: str) -> tuple[Product, ...]:
        """The cut sets of ``capability`` grouped into exact products ("one of … with one of …")."""
        return factorise(self.cut_sets[capability])

    def view(self, capability: str) -> CutSetView:
        """What a planner reads for ``capability``: grouped cut sets, without those holding another
        capability unless ``show_all`` (JSON always has every cut set)."""
        from .cutview import cut_set_view

        return cut_set_view(
            self.model, capability, self.cut_sets[capability], self.max_order, include_capabilities=self.show_all
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the contract's JSON shape, plus ``groups``: the same cut sets as products."""
        return {
            "max_order": self.max_order,
            "kinds": list(self.kinds) if self.kinds is not None else None,
            "on": self.on.isoformat() if self.on else None,
            "gaps": list(self.gaps),
            "gap_reasons": dict(self.gap_reasons),
            "capabilities": [
                {
                    "id": c,
                    "cut_sets": [list(s) for s in sets],
                    "groups": [{"order": p.order, "count": p.count, "factors": p.to_list()} for p in self.groups(c)],
                }
                for c, sets in sorted(self.cut_sets.items())
            ],
        }


def spof(
    model: Model,
    capabilities: Collection[str] | None = None,
    *,
    max_order: int = 2,
    kinds: Collection[str] | None = None,
    scenario: Scenario | None = None,
    progress: Callable[[int, int], None] | None = None,
    budget: int | None = None,
    max_cut_sets: int | None = None,
) -> SpofResult:
    """Minimal cut sets for ``capabilities`` (ids or aliases; default every capability in service),
    on the baseline or after a scenario's structural changes (replace/mix). ``progress(done, total)``,
    ``budget`` and ``max_cut_sets`` are passed to minimal_cut_sets (a progress bar; the guard)."""
    from .study import Study

    study = Study.of(model, _structural_only(scenario))
    structural, graph = study.scenario, study.structure
    if kinds is not None:
        unknown = sorted(set(kinds) - set(KINDS))
        if unknown:
            raise ScenarioError(f"unknown kind(s) {', '.join(unknown)} — use any of: {', '.join(KINDS)}")
        kinds = tuple(sorted(set(kinds)))
    targets = None
    if capabilities is not None:
        targets = [resolve(model, c) for c in capabilities]
        for typed, target in zip(capabilities, targets, strict=True):
            if model[target].kind != "capability":
                raise ScenarioError(not_a_capability(graph, typed, target))
            if target not in graph.requires:
                why = graph.why_out(target)
                raise ScenarioError(
                    f"{target} is not in service{': ' + why if why else ''} — name a node in service "
                    f"(candidates enter service with {option('--replace … --with', 'replace=')})"
                )
    cut_sets = minimal_cut_sets(
        graph,
        targets,
        max_order=max_order,
        kinds=kinds,
        progress=progress,
        budget=budget,
        max_cut_sets=max_cut_sets,
    )
    return SpofResult(model, max_order, kinds, cut_sets, structural, graph.gaps, gap_reasons(graph))


def not_a_capability(graph: ServiceGraph, typed: str, target: str) -> str:
    """Why ``typed`` (which names ``target``) cannot be a --capability, and which ones to ask for.

    Cut sets are asked of capabilities: "no cut set" for a system or a platform would read as
    reassurance. The message lists the capabilities that depend on the node and those whose
    id, alias or name contains what was typed (``NORAD`` → NORAD-Air-Sovereignty).
    """
    model = graph.model
    node = model[target]
    named = f"{typed!r} is {target}" if typed != target else target
    dependent = sorted(c for c in graph.downstream([target]) if model[c].kind == "capability")
    wanted = normalise(typed)
    alike = sorted(
        c.id
        for c in model
        if c.kind == "capability"
        and c.id in graph.requires
        and any(wanted and wanted in normalise(key) for key in (c.id, c.name, *c.aliases))
    )
    parts = [f"{named}, a {node.kind}, not a capability"]
    if dependent:
        parts.append(f"capabilities that depend on it: {', '.join(dependent)}")
    others = [c for c in alike if c not in dependent]
    if others:
        parts.append(f"capabilities named like it: {', '.join(others)}")
    suggestion = (dependent + others)[:1]
    if suggestion:
        how = f"ask {option(f'--capability {suggestion[0]}', f'for {suggestion[0]!r}')}"
    else:
        how = option("run 'interop list --kind capability'", "look for nodes of kind capability")
    leave_out = option("leave out --capability", "ask for none")
    return f"{'; '.join(parts)} — {how}, or {leave_out} for every capability"


def _structural_only(scenario: Scenario | None) -> Scenario:
    """The replacements and mixes of ``scenario`` (spof measures structure, not losses)."""
    if scenario is None:
        return Scenario()
    return scenario.structural()
