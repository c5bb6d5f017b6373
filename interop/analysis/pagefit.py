"""Fitting a diagram to a page: fold look-alike nodes of one nation, then cut by depth.

A briefing holds a diagram of about 40 boxes (an A4 page or a 16:9 slide at a legible font).
A larger view is made smaller in two exact, stated steps, never by dropping facts silently:

1. **Fold.** The nodes of one nation that look the same on the diagram (same kind of state:
   the same failure day, both enter service, both untouched, …; never a single point of failure
   that holds, never a swapped node or the focus) are drawn as one box that names them and counts them by kind. Their
   dependencies are redirected to the box, duplicates merged. The largest group folds first.
2. **Cut by depth.** If still too large, only what the capabilities need up to ``k`` steps is
   drawn, with the largest ``k`` that fits (at least 1); each drawn node counts what it needs
   that is not drawn.

Both steps are pure functions of the selected nodes and dependencies (no layout), so the same
view always folds and cuts the same way.

>>> from interop.analysis.views import Dependency
>>> deps = [Dependency("C", 0, ("P",)), Dependency("P", 0, ("S1", "S2", "S3"))]
>>> fit = fit_to_page(["C", "P", "S1", "S2", "S3"], deps, {"S1": "USA", "S2": "USA", "S3": "USA"},
...                   kinds={"C": "capability", "P": "platform", "S1": "supplier", "S2": "supplier",
...                          "S3": "supplier"}, state={}, keep=frozenset(), max_nodes=3)
>>> fit.nodes, [f.members for f in fit.folds.values()]
(('C', 'P', 'fold:USA:1'), [('S1', 'S2', 'S3')])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..model import KINDS

if TYPE_CHECKING:
    from .views import Dependency

PAGE_NODES = 25
"""Boxes a diagram holds on one page at a legible size (the default of ``--max-nodes``)."""
FOLD_MIN = 3
"""Fewest look-alike nodes worth one folded box (two boxes would not save a line)."""


@dataclass(frozen=True, slots=True)
class Fold:
    """Nodes of ``nation`` drawn as one box ``id``: sorted ``members`` and a count per kind."""

    id: str
    nation: str | None
    members: tuple[str, ...]
    kinds: tuple[tuple[str, int], ...]
    whole_group: bool = False
    """Whether the box holds every drawn node of its nation (then it is drawn outside a cluster)."""


@dataclass(frozen=True)
class PageFit:
    """The nodes and dependencies a page draws, and how they were made to fit."""

    nodes: tuple[str, ...]
    dependencies: tuple[Dependency, ...]
    folds: Mapping[str, Fold] = field(default_factory=dict)
    cut_depth: int | None = None
    """Set when the view was cut: capabilities and what they need up to this many steps."""
    selected: int = 0
    """How many nodes the view selected before it was folded or cut."""
    not_drawn: Mapping[str, int] = field(default_factory=dict)
    """Drawn node → how many nodes it needs that the cut left out."""


def fit_to_page(
    nodes: Iterable[str],
    dependencies: Sequence[Dependency],
    groups: Mapping[str, str | None],
    *,
    kinds: Mapping[str, str],
    state: Mapping[str, Hashable],
    keep: Collection[str],
    max_nodes: int | None = PAGE_NODES,
    cut: bool = True,
) -> PageFit:
    """Fold, then (when ``cut``) cut ``nodes`` until at most ``max_nodes`` remain (None or 0: all).

    ``groups`` gives each node's nation (None: no nation), ``kinds`` its kind, ``state`` what it
    looks like on the diagram (nodes fold only with nodes of the same state); nodes in ``keep``
    (single points of failure, the focus, swapped nodes) are never folded.
    """
    drawn = sorted(nodes)
    deps = tuple(dependencies)
    if not max_nodes or len(drawn) <= max_nodes:
        return PageFit(tuple(drawn), deps, selected=len(drawn))
    folds: dict[str, Fold] = {}
    count = len(drawn)
    for members, nation in _fold_candidates(drawn, groups, kinds, state, keep, deps):
        if count <= max_nodes:
            break
        count -= len(members) - 1
        fold_id = f"fold:{nation or '-'}:{sum(1 for f in folds.values() if f.nation == nation) + 1}"
        by_kind = Counter(kinds[m] for m in members)
        whole = all(m in members for m in drawn if groups.get(m) == nation)
        ordered = tuple(sorted(by_kind.items(), key=lambda kv: (KINDS.index(kv[0]), kv[0])))
        folds[fold_id] = Fold(fold_id, nation, tuple(members), ordered, whole)
    folded_nodes, folded_deps = _apply_folds(drawn, deps, folds)
    capabilities = [n for n in folded_nodes if kinds.get(n) == "capability"]
    if not cut or not capabilities or len(folded_nodes) <= max_nodes:
        return PageFit(folded_nodes, folded_deps, MappingProxyType(folds), selected=len(drawn))
    depth, kept = _deepest_that_fits(capabilities, folded_deps, max_nodes)
    cut_deps, not_drawn = _restrict_counting(folded_deps, kept)
    used = {f for f in folds if f in kept}
    return PageFit(
        tuple(sorted(kept)),
        cut_deps,
        MappingProxyType({f: folds[f] for f in sorted(used)}),
        cut_depth=depth,
        selected=len(drawn),
        not_drawn=MappingProxyType(not_drawn),
    )


def _fold_candidates(
    drawn: Sequence[str],
    groups: Mapping[str, str | None],
    kinds: Mapping[str, str],
    state: Mapping[str, Hashable],
    keep: Collection[str],
    deps: Sequence[Dependency],
) -> list[tuple[list[str], str | None]]:
    """Groups of look-alike nodes, largest first (ties: group, first id).

    Nodes look alike when they share a nation (or kind) and a state. Nodes of no nation look
    alike when they share a state and meet exactly the same requirements (the supply of one
    platform); untouched ones, only when nothing drawn feeds them either.
    """
    feeds: dict[str, set[tuple[str, int]]] = {}
    fed: set[str] = set()
    for dep in deps:
        fed.add(dep.requirer)
        for target in dep.targets:
            feeds.setdefault(target, set()).add((dep.requirer, dep.item))
    buckets: dict[tuple[str | None, Hashable], list[str]] = {}
    for node in drawn:
        if node in keep or kinds.get(node) in ("capability", "nation"):
            continue
        group, look = groups.get(node), state.get(node)
        meets = tuple(sorted(feeds.get(node, ())))
        if group is not None:
            key: tuple[str | None, Hashable] = (group, look)
        elif meets and (look is not None or node not in fed):
            key = (None, (look, meets))
        else:
            continue
        buckets.setdefault(key, []).append(node)
    found = [(m, group) for (group, _), m in buckets.items() if len(m) >= FOLD_MIN]
    return sorted(found, key=lambda mn: (-len(mn[0]), str(mn[1] or ""), mn[0][0]))


def _apply_folds(
    drawn: Sequence[str], deps: Sequence[Dependency], folds: Mapping[str, Fold]
) -> tuple[tuple[str, ...], tuple[Dependency, ...]]:
    """Nodes and dependencies with each fold's members replaced by the fold (duplicates merged)."""
    if not folds:
        return tuple(drawn), tuple(deps)
    box = {m: f.id for f in folds.values() for m in f.members}
    nodes = sorted({box.get(n, n) for n in drawn})
    seen: set[tuple[object, ...]] = set()
    items: Counter[str] = Counter()
    out = []
    for dep in deps:
        requirer = box.get(dep.requirer, dep.requirer)
        targets = tuple(sorted({box.get(t, t) for t in dep.targets} - {requirer}))
        if not targets:
            continue
        key = (requirer, targets, dep.any_of, dep.grace_days, dep.label, dep.retired, dep.hidden)
        if key in seen:
            continue
        seen.add(key)
        item = dep.item
        if requirer != dep.requirer:  # a fold numbers its requirement items itself
            item = items[requirer]
            items[requirer] += 1
        out.append(replace(dep, requirer=requirer, item=item, targets=targets))
    return tuple(nodes), tuple(sorted(out, key=lambda d: (d.requirer, d.retired, d.item, d.targets)))


def _deepest_that_fits(capabilities: Sequence[str], deps: Sequence[Dependency], max_nodes: int) -> tuple[int, set[str]]:
    """The largest depth ``k`` (at least 1) whose capabilities-and-needs fit ``max_nodes``."""
    needs: dict[str, set[str]] = {}
    for dep in deps:
        needs.setdefault(dep.requirer, set()).update(dep.targets)
    levels = [set(capabilities)]
    seen = set(capabilities)
    while True:
        frontier = {t for n in levels[-1] for t in needs.get(n, ())} - seen
        if not frontier:
            break
        seen |= frontier
        levels.append(frontier)
    kept = set(levels[0])
    depth = 0
    for step, level in enumerate(levels[1:], start=1):
        if step > 1 and len(kept) + len(level) > max_nodes:
            break
        kept |= level
        depth = step
    return max(depth, 1), kept


def _restrict_counting(deps: Sequence[Dependency], kept: set[str]) -> tuple[tuple[Dependency, ...], dict[str, int]]:
    """Dependencies among ``kept``, and per kept requirer how many of its needs are not kept."""
    out = []
    missing: dict[str, set[str]] = {}
    for dep in deps:
        if dep.requirer not in kept:
            continue
        targets = tuple(t for t in dep.targets if t in kept)
        if targets and dep.any_of:  # the OR junction counts the alternatives left out
            out.append(replace(dep, targets=targets, hidden=dep.hidden + len(dep.targets) - len(targets)))
            continue
        if len(targets) < len(dep.targets):
            missing.setdefault(dep.requirer, set()).update(t for t in dep.targets if t not in kept)
        if targets:
            out.append(replace(dep, targets=targets))
    return tuple(out), {n: len(m) for n, m in sorted(missing.items())}
