"""What a diagram shows: pure selection of nodes, dependencies and scenario states (no drawing).

A :class:`View` is the input of the diagram renderers (DOT, Mermaid): the nodes to draw, the
requirement items among them, the single points of failure among them, and, for a scenario,
what failed (with the day), what left or entered service and how interoperability links changed
(a table by partner and data link, not drawn as edges). ``nation:`` sugar is not a drawn
dependency: renderers show it as cluster membership. A focus view keeps what a node depends on
and what depends on it, up to ``depth`` steps each way (breadth-first search on the requirement
graph). A view larger than a page is folded and, without a focus, cut (see pagefit.py).

>>> from interop.model import model_from_data
>>> m = model_from_data([{"id": "S", "kind": "supplier"}, {"id": "C", "kind": "component", "requires": ["S"]},
...                      {"id": "P", "kind": "platform", "requires": ["C"]}])
>>> diagram_view(m, focus="C", depth=1).nodes
('C', 'P', 'S')
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..errors import ScenarioError, option
from ..model import Model, resolve
from .cost import DEFAULT_BUDGET, CutSetBudgetExceeded
from .cutsets import single_points_of_failure
from .linkroles import LinkRoles, NetRow
from .links import Link
from .pagefit import PAGE_NODES, Fold, PageFit, fit_to_page
from .scenario import ServiceGraph, baseline
from .whatif import WhatIfResult

GROUP_BY = ("nation", "kind")


@dataclass(frozen=True, slots=True)
class Dependency:
    """Requirement item ``item`` of ``requirer`` restricted to drawn ``targets``.

    ``hidden`` counts alternatives of an any_of group left out of the view; ``retired`` marks a
    requirement that held before the scenario only (on or of a node that left service).
    """

    requirer: str
    item: int
    targets: tuple[str, ...]
    any_of: bool = False
    grace_days: int = 0
    label: str | None = None
    hidden: int = 0
    retired: bool = False


@dataclass(frozen=True)
class View:
    """Everything a diagram draws, already selected and sorted."""

    model: Model
    nodes: tuple[str, ...]
    dependencies: tuple[Dependency, ...]
    group_by: str = "nation"
    groups: Mapping[str, str | None] = field(default_factory=dict)
    focus: str | None = None
    depth: int | None = None
    scenario: str | None = None
    failed: Mapping[str, int] = field(default_factory=dict)
    initial: frozenset[str] = frozenset()
    origins: Mapping[str, str] = field(default_factory=dict)
    entered: frozenset[str] = frozenset()
    left: frozenset[str] = frozenset()
    failed_groups: Mapping[str, int] = field(default_factory=dict)
    links_lost: tuple[Link, ...] = ()
    links_gained: tuple[Link, ...] = ()
    links_kept: int = 0
    unconnected: tuple[str, ...] = ()
    on: datetime.date | None = None
    gaps: tuple[str, ...] = ()
    gap_reasons: Mapping[str, str] = field(default_factory=dict)
    spofs: frozenset[str] = frozenset()
    """Drawn nodes whose loss alone fails a drawn capability (None of them a capability)."""
    spofs_unknown: bool = False
    """True when the single points of failure were too costly to work out for this view."""
    link_roles: LinkRoles | None = None
    """How the scenario changed interoperability links (all of them, drawn or not)."""
    folds: Mapping[str, Fold] = field(default_factory=dict)
    fold_spofs: Mapping[str, int] = field(default_factory=dict)
    """Fold → how many of its members are single points of failure."""
    cut_depth: int | None = None
    selected: int = 0
    not_drawn: Mapping[str, int] = field(default_factory=dict)
    max_nodes: int | None = None

    def __repr__(self) -> str:
        where = f" around {self.focus} (depth {self.depth})" if self.focus is not None else ""
        what = f", what if: {self.scenario}" if self.scenario is not None else ""
        return f"<View {len(self.nodes)} nodes, {len(self.dependencies)} dependencies{where}{what}>"

    def to_dict(self) -> dict[str, Any]:
        """What the diagram shows, as plain data (sorted)."""
        return {
            "nodes": list(self.nodes),
            "dependencies": [
                {"requirer": d.requirer, "targets": list(d.targets), "any_of": d.any_of, "grace_days": d.grace_days}
                | ({"retired": True} if d.retired else {})
                for d in self.dependencies
            ],
            "focus": self.focus,
            "depth": self.depth,
            "scenario": self.scenario,
            "failed": [{"id": n, "at_days": t} for n, t in sorted(self.failed.items())],
            "origins": dict(sorted(self.origins.items())),
            "entered": sorted(self.entered),
            "left": sorted(self.left),
            "links": {"lost": [list(x) for x in self.links_lost], "gained": [list(x) for x in self.links_gained]},
            "on": self.on.isoformat() if self.on else None,
            "gaps": list(self.gaps),
            "gap_reasons": dict(self.gap_reasons),
            "spofs": sorted(self.spofs),
            "folds": {f.id: list(f.members) for f in self.folds.values()},
            "cut_depth": self.cut_depth,
            "selected": self.selected,
        }

    @property
    def edge_count(self) -> int:
        """Edges a renderer draws: one per target, plus one per any_of junction."""
        return sum(len(d.targets) + (1 if d.any_of else 0) for d in self.dependencies)

    def kind_of(self, node_id: str) -> str:
        """The kind of a drawn node; ``fold`` for a box of folded nodes."""
        return "fold" if node_id in self.folds else self.model.nodes[node_id].kind

    @property
    def changed_link_rows(self) -> tuple[NetRow, ...]:
        """Rows of the link table that changed or were carried over by a replacement."""
        if self.link_roles is None:
            return ()
        return tuple(r for r in self.link_roles.rows if r.change or r.carried)


def diagram_view(
    model: Model,
    result: WhatIfResult | None = None,
    *,
    focus: str | None = None,
    depth: int = 2,
    group_by: str = "nation",
    impact: bool = False,
    state: ServiceGraph | None = None,
    max_nodes: int | None = PAGE_NODES,
) -> View:
    """The view of ``model`` (after ``result``'s scenario when given), whole or around ``focus``.

    Nodes that left service stay in the view with the requirements they had before, marked
    retired; nation nodes are kept only when a drawn requirement names them explicitly, when
    they fail (grouped by kind), or when they are the focus. The whole view leaves out nodes with
    no drawn dependency that the scenario does not touch (listed in ``unconnected``). ``impact`` keeps only what the
    scenario touches: failed nodes, nodes that left or entered service (and what needs them directly),
    ends of lost/gained links. ``state`` is the graph to draw without a scenario (default: the
    baseline on the model's as_of); ``gaps`` lists the nodes not in service on the view's date
    because something they need is not (they are not drawn: the renderers name them).
    A view of more than ``max_nodes`` nodes (None or 0: no limit) is folded and, without a
    focus, cut to fit a page (pagefit.py); ``spofs`` marks the single points of failure.
    """
    if group_by not in GROUP_BY:
        raise ScenarioError(f"unknown grouping {group_by!r} — use one of: {', '.join(GROUP_BY)}")
    before = (
        result.study.baseline
        if result is not None and result.study is not None
        else state or baseline(model, model.as_of_date)
    )
    after = result.graph if result is not None and result.graph is not None else before
    left = frozenset(result.left_service) if result is not None else frozenset()
    dependencies = _all_dependencies(before, after, left)
    universe = set(after.requires) | left
    failed = dict((f.id, f.at_days) for f in result.failed) if result is not None else {}
    if focus is not None:
        focus = resolve(model, focus)
        why = after.why_out(focus) if focus not in universe else None
        if why is not None:
            raise ScenarioError(f"{focus} is not in service: {why} — draw it on another date ({option('--on', 'on=')})")
    chosen = _chosen(result, dependencies, universe, focus, depth, impact)
    explicit = {t for d in dependencies if d.requirer in chosen for t in d.targets}
    nodes = {
        n
        for n in chosen
        if model.nodes[n].kind != "nation"
        or n in explicit
        or n == focus
        or n in left
        or (n in failed and group_by != "nation")
    }
    drawn = _restrict(dependencies, nodes)
    omitted: tuple[str, ...] = ()
    if focus is None and not impact:
        connected = {n for d in drawn for n in (d.requirer, *d.targets)}
        keep = connected | set(failed) | left | set(result.entered_service if result is not None else ())
        omitted = tuple(sorted(nodes - keep))
        nodes &= keep
    groups = {n: _group_of(model, n, group_by) for n in sorted(nodes)}
    initial = frozenset(after.initial_failures) & nodes if result is not None else frozenset()
    origins = {n: o for n, o in result.origins.items() if n in initial} if result is not None else {}
    entered = frozenset(result.entered_service) & nodes if result is not None else frozenset()
    structure = result.study.structure if result is not None and result.study is not None else after
    spofs, spofs_unknown = _single_points(model, structure, nodes)
    fit = fit_to_page(
        nodes,
        drawn,
        groups,
        kinds={n: model.nodes[n].kind for n in nodes},
        state={n: _look(n, failed, origins, entered) for n in nodes},
        keep=(spofs - set(failed)) | left | _swapped_in(result) | ({focus} if focus else set()),
        max_nodes=max_nodes,
        cut=focus is None,
    )
    failed, groups, entered = _fold_states(fit, failed, groups, entered)
    drawn_nodes = set(fit.nodes)
    failed_groups: dict[str, int] = {}
    if group_by == "nation":
        named = {g for g in groups.values() if g is not None}
        failed_groups = {g: failed[g] for g in sorted(named) if g in failed}
    return View(
        model=model,
        nodes=fit.nodes,
        dependencies=fit.dependencies,
        group_by=group_by,
        groups=MappingProxyType(groups),
        focus=focus,
        depth=depth if focus is not None else None,
        scenario=result.scenario.describe() if result is not None else None,
        failed=MappingProxyType({n: t for n, t in sorted(failed.items()) if n in drawn_nodes}),
        initial=initial & drawn_nodes,
        origins=MappingProxyType({n: o for n, o in origins.items() if n in drawn_nodes}),
        entered=entered & drawn_nodes,
        left=left & drawn_nodes,
        failed_groups=MappingProxyType(failed_groups),
        links_lost=result.links_lost if result is not None else (),
        links_gained=result.links_gained if result is not None else (),
        links_kept=len(result.links_kept) if result is not None else 0,
        unconnected=omitted,
        on=after.on,
        gaps=tuple(sorted(after.gaps)),
        gap_reasons=MappingProxyType({g: after.gap_reason(g) for g in sorted(after.gaps)}),
        spofs=spofs & drawn_nodes,
        spofs_unknown=spofs_unknown,
        link_roles=result.link_roles() if result is not None else None,
        folds=fit.folds,
        fold_spofs=MappingProxyType(
            {f.id: n for f in fit.folds.values() if (n := sum(1 for m in f.members if m in spofs))}
        ),
        cut_depth=fit.cut_depth,
        selected=fit.selected,
        not_drawn=fit.not_drawn,
        max_nodes=max_nodes,
    )


def _look(node: str, failed: Mapping[str, int], origins: Mapping[str, str], entered: frozenset[str]) -> Hashable:
    """What a node looks like on the diagram (nodes fold only with look-alikes); None: untouched."""
    if node in failed:
        return ("fails", failed[node], origins.get(node))
    return ("enters",) if node in entered else None


def _swapped_in(result: WhatIfResult | None) -> set[str]:
    """The nodes a replacement or mix brings in by name (never folded away)."""
    if result is None:
        return set()
    return {op.replacement for op in result.scenario.operations if op.replacement is not None}


def _single_points(model: Model, graph: ServiceGraph, nodes: set[str]) -> tuple[frozenset[str], bool]:
    """Drawn nodes (not capabilities) whose loss alone fails a drawn capability in ``graph``.

    Returns (nodes, unknown): unknown is True when the cut-set budget ran out (nothing marked).
    """
    capabilities = [n for n in sorted(nodes) if model.nodes[n].kind == "capability" and n in graph.requires]
    if not capabilities:
        return frozenset(), False
    try:
        found = single_points_of_failure(graph, capabilities, budget=DEFAULT_BUDGET)
    except CutSetBudgetExceeded:
        return frozenset(), True
    spofs = {n for ids in found.values() for n in ids if n in nodes and model.nodes[n].kind != "capability"}
    return frozenset(spofs), False


def _fold_states(
    fit: PageFit, failed: Mapping[str, int], groups: Mapping[str, str | None], entered: frozenset[str]
) -> tuple[dict[str, int], dict[str, str | None], frozenset[str]]:
    """Failure days, clusters and entries with each fold standing for its members (they share a state)."""
    entered_out = entered | {f.id for f in fit.folds.values() if f.members[0] in entered}
    failed_out = dict(failed)
    groups_out = {n: g for n, g in groups.items() if n in fit.nodes}
    for fold in fit.folds.values():
        first = fold.members[0]
        if first in failed:
            failed_out[fold.id] = failed[first]
        groups_out[fold.id] = None if fold.whole_group else groups.get(first)
    return failed_out, dict(sorted(groups_out.items())), entered_out


def _chosen(
    result: WhatIfResult | None,
    dependencies: list[Dependency],
    universe: set[str],
    focus: str | None,
    depth: int,
    impact: bool,
) -> set[str]:
    """The nodes a view starts from: around ``focus``, what the scenario touches, or everything."""
    if focus is not None:
        if focus not in universe:
            raise ScenarioError(
                f"{focus} is not in service in this view — focus on a node in service "
                f"(a candidate enters service with {option('--replace … --with', 'replace=')})"
            )
        return neighbourhood(dependencies, focus, depth)
    if impact and result is not None:
        chosen = touched(result) & universe
        swapped = set(result.left_service) | set(result.entered_service)
        return chosen | {d.requirer for d in dependencies if swapped.intersection(d.targets)}
    return set(universe)


def touched(result: WhatIfResult) -> set[str]:
    """What a scenario changes: failed nodes, nodes that left or entered service.

    The ends of lost and gained links are not drawn for that alone: the link table says it.
    """
    return {f.id for f in result.failed} | set(result.left_service) | set(result.entered_service)


def neighbourhood(dependencies: Iterable[Dependency], focus: str, depth: int) -> set[str]:
    """``focus`` plus what it depends on and what depends on it, up to ``depth`` steps each way.

    >>> deps = [Dependency("B", 0, ("A",)), Dependency("C", 0, ("B",))]
    >>> sorted(neighbourhood(deps, "A", 1)), sorted(neighbourhood(deps, "A", 2))
    (['A', 'B'], ['A', 'B', 'C'])
    """
    up: dict[str, set[str]] = {}
    down: dict[str, set[str]] = {}
    for dep in dependencies:
        for target in dep.targets:
            up.setdefault(dep.requirer, set()).add(target)
            down.setdefault(target, set()).add(dep.requirer)
    chosen = {focus}
    for step in (up, down):
        frontier = {focus}
        seen = {focus}
        for _ in range(depth):
            frontier = {n for f in frontier for n in step.get(f, ())} - seen
            seen |= frontier
        chosen |= seen
    return chosen


def _all_dependencies(before: ServiceGraph, after: ServiceGraph, left: frozenset[str]) -> list[Dependency]:
    """Requirement items of the graph in service (rewired), plus retired ones of nodes that left."""
    out = []
    for requirer, items in after.requires.items():
        for index, req in enumerate(items):
            if not req.from_nation:
                out.append(Dependency(requirer, index, req.targets, req.any_of, req.grace_days, req.label))
    for gone in sorted(left):
        for index, req in enumerate(before.requires.get(gone, ())):
            if not req.from_nation:
                out.append(Dependency(gone, index, req.targets, req.any_of, req.grace_days, req.label, retired=True))
        for requirer, index in before.dependents.get(gone, ()):
            req = before.requires[requirer][index]
            if requirer in after.requires and not req.from_nation:
                out.append(Dependency(requirer, index, (gone,), False, req.grace_days, req.label, retired=True))
    return out


def _restrict(dependencies: Iterable[Dependency], nodes: set[str]) -> tuple[Dependency, ...]:
    """Dependencies between drawn nodes; any_of groups keep a count of hidden alternatives."""
    out = []
    for dep in dependencies:
        if dep.requirer not in nodes:
            continue
        targets = tuple(t for t in dep.targets if t in nodes)
        if not targets:
            continue
        hidden = len(dep.targets) - len(targets)
        out.append(
            Dependency(dep.requirer, dep.item, targets, dep.any_of, dep.grace_days, dep.label, hidden, dep.retired)
        )
    return tuple(sorted(out, key=lambda d: (d.requirer, d.retired, d.item, d.targets)))


def _group_of(model: Model, node_id: str, group_by: str) -> str | None:
    node = model.nodes[node_id]
    if group_by == "kind":
        return node.kind
    if node.kind == "nation":
        return node.id
    return node.nation
