"""Sensitivity: which assumptions an answer rests on, and what it says if they move.

An answer (which capabilities a scenario loses, and on which day) rests on two kinds of judgement
in the model:

- **grace periods**: every ``grace_days`` is an assumption. In the shipped model each is written
  ``Illustrative assumption (what, N days; range A-B): why``; the requirements that share the same
  ``what``, N and range are one assumption and move together (the 30-day crypto-key validity on
  Link 16 and on Mode 5). Each is tried at both ends of its range (half and double N when the
  notes give none).
- **low-confidence facts**: a requirement or a node with ``confidence: low`` is tried *without it*
  (the dependency is not real): the requirement is dropped; a node is dropped from every
  requirement that names it (an ``any_of`` loses that alternative).

Each variant is one cascade on a copy of the scenario's service graph, so the cost is
O(variants × (V + E) log V). A dropped requirement is kept in place with a grace longer than any
real failure time (``never``), so grace and requirement variants share the scenario's index of
dependents; only a dropped node rebuilds it. A *conclusion flips* when a capability goes from lost to held or back
(by ``at_days`` when the scenario sets it), or when the earliest loss changes day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from ..model import Model, Requirement
from .cascade import cascade
from .scenario import Scenario, ServiceGraph

if TYPE_CHECKING:
    from .study import Study

LABEL = re.compile(r"Illustrative\s+assumption\s+\((?P<what>[^)]*)\)")
DAYS = re.compile(r"(?P<days>\d+)\s+days(?:\s*;\s*range\s+(?P<low>\d+)\s*[-\u2013]\s*(?P<high>\d+))?")

Kind = Literal["grace", "requirement", "node"]
Days = int | None  # None: never (or not by the scenario's day)


@dataclass(frozen=True, slots=True)
class CapabilityChange:
    """A capability whose day of loss differs in a variant (None = holds)."""

    capability: str
    before: Days
    after: Days

    def to_dict(self) -> dict[str, Any]:
        return {"capability": self.capability, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class Variant:
    """The answer with one assumption moved: what changes and which conclusions flip."""

    label: str
    changes: tuple[CapabilityChange, ...] = ()
    flips: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "changes": [c.to_dict() for c in self.changes],
            "flips": list(self.flips),
        }


@dataclass(frozen=True, slots=True)
class Assumption:
    """One assumption, where it sits (``node -> target`` items), and its variants."""

    key: str
    kind: Kind
    title: str
    where: tuple[str, ...]
    variants: tuple[Variant, ...]
    items: tuple[tuple[str, int], ...] = ()  # (requirer, item index in the service graph)

    @property
    def matters(self) -> bool:
        return any(v.changed for v in self.variants)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "title": self.title,
            "where": list(self.where),
            "variants": [v.to_dict() for v in self.variants],
        }


@dataclass(frozen=True)
class SensitivityResult:
    """The scenario's answer, and every assumption tried on it (those that matter first)."""

    model: Model
    scenario: Scenario
    capabilities: Mapping[str, Days]
    assumptions: tuple[Assumption, ...] = field(default=())

    @property
    def rests_on(self) -> tuple[Assumption, ...]:
        """The assumptions that change the answer somewhere inside their range."""
        return tuple(a for a in self.assumptions if a.matters)

    @property
    def no_effect(self) -> tuple[Assumption, ...]:
        return tuple(a for a in self.assumptions if not a.matters)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": {
                "operations": [op.as_list() for op in self.scenario.ordered()],
                "at_days": self.scenario.at_days,
                **_on(self.scenario),
            },
            "capabilities": dict(sorted(self.capabilities.items())),
            "assumptions": [a.to_dict() for a in self.assumptions],
            "rests_on": [a.key for a in self.rests_on],
        }


def _on(scenario: Scenario) -> dict[str, str | None]:
    """``{"on": "2035-01-01"}`` once scenarios carry a date (contract 4.1), else nothing."""
    on: Any = getattr(scenario, "on", _NO_DATES)
    if on is _NO_DATES:
        return {}
    return {"on": on.isoformat() if on is not None else None}


_NO_DATES = object()


@dataclass(frozen=True, slots=True)
class _Item:
    """A requirement item of the service graph: ``graph.requires[node][position]``."""

    node: str
    position: int

    def describe(self, graph: ServiceGraph) -> str:
        item = graph.requires[self.node][self.position]
        return f"{self.node} → {' | '.join(item.targets)}"


def sensitivity(model: Model, scenario: Scenario) -> SensitivityResult:
    """Every grace assumption and low-confidence fact of the scenario, moved one at a time.

    >>> from interop.model import model_from_data
    >>> m = model_from_data([
    ...     {"id": "US", "kind": "nation"},
    ...     {"id": "K", "kind": "support", "nation": "US", "confidence": "low"},
    ...     {"id": "C", "kind": "capability", "requires": [{"id": "K", "grace_days": 30,
    ...      "notes": "Illustrative assumption (keys, 30 days; range 30-90): a month held."}]}])
    >>> result = sensitivity(m, Scenario.build(embargo=["US"]))
    >>> for a in result.rests_on:
    ...     print(a.title, [(v.label, [(c.before, c.after) for c in v.changes]) for v in a.variants])
    keys (30 days; range 30-90) [('90 days', [(30, 90)])]
    K (low-confidence node) [('without it', [(30, None)])]
    """
    from .study import Study

    return sensitivity_of(Study.of(model, scenario))


def sensitivity_of(study: Study) -> SensitivityResult:
    """:func:`sensitivity` of a study's scenario (resolved and applied once, by the study)."""
    model, resolved, graph = study.model, study.scenario, study.state
    _ = graph.dependents, graph.capabilities  # built once, shared by the variants that keep the structure
    answer = _answer(graph, resolved.at_days)
    assumptions = [*_grace_assumptions(graph, answer, resolved.at_days)]
    assumptions += _requirement_assumptions(graph, answer, resolved.at_days)
    assumptions += _node_assumptions(graph, answer, resolved.at_days)
    ordered = sorted(assumptions, key=lambda a: (not a.matters, _KIND_ORDER[a.kind], a.title.casefold(), a.key))
    return SensitivityResult(model, resolved, answer, tuple(ordered))


_KIND_ORDER = {"grace": 0, "requirement": 1, "node": 2}


def grace_label(notes: str | None, grace_days: int) -> tuple[str, int, int]:
    """(what, low, high) of a requirement's grace assumption, read from its notes.

    >>> grace_label("Illustrative assumption (OEM spares, 90 days; range 60-180): why.", 90)
    ('OEM spares', 60, 180)
    >>> grace_label("no label", 40)
    ('grace period', 20, 80)
    """
    match = LABEL.search(notes or "")
    what = match.group("what") if match else ""
    days = DAYS.search(what)
    if days and days.group("low") is not None:
        low, high = int(days.group("low")), int(days.group("high"))
    else:
        low, high = grace_days // 2, grace_days * 2
    name = DAYS.sub("", what).strip(" ,;") if match else ""
    return (" ".join(name.split()) or "grace period"), low, high


def _never(graph: ServiceGraph) -> int:
    """A grace longer than any failure time the graph can produce (the sum of all its graces, + 1)."""
    return 1 + sum(item.grace_days for items in graph.requires.values() for item in items)


def _answer(graph: ServiceGraph, at_days: int | None, never: int | None = None) -> dict[str, Days]:
    """Day each in-service capability is lost (None: holds, not lost by ``at_days``, or only "never")."""
    times = cascade(graph).times
    result: dict[str, Days] = {}
    for capability in graph.capabilities:
        day = times.get(capability)
        if day is None or (never is not None and day >= never) or (at_days is not None and day > at_days):
            result[capability] = None
        else:
            result[capability] = day
    return result


def _variant(
    label: str,
    graph: ServiceGraph,
    requires: Mapping[str, tuple[Requirement, ...]],
    answer: Mapping[str, Days],
    at: int | None,
    *,
    same_structure: bool = True,
    never: int | None = None,
) -> Variant:
    copy = replace(graph, requires=requires)
    if same_structure:  # same targets at the same positions: reuse the scenario's indexes
        copy.__dict__["dependents"] = graph.dependents
        copy.__dict__["capabilities"] = graph.capabilities
    moved = _answer(copy, at, never)
    changes = tuple(CapabilityChange(c, answer[c], moved.get(c)) for c in sorted(answer) if answer[c] != moved.get(c))
    return Variant(label, changes, _flips(answer, moved))


def _flips(before: Mapping[str, Days], after: Mapping[str, Days]) -> tuple[str, ...]:
    """Conclusions that change: a capability lost or held, and the day of the earliest loss."""
    flips = []
    for capability in sorted(before):
        was, now = before[capability], after.get(capability)
        if (was is None) != (now is None):
            flips.append(f"{capability}: {_state(was)} → {_state(now)}")
    first_before, first_after = _earliest(before), _earliest(after)
    if first_before != first_after:
        flips.append(f"earliest loss: {_earliest_text(first_before)} → {_earliest_text(first_after)}")
    return tuple(flips)


def _state(day: Days) -> str:
    return "holds" if day is None else f"lost on day {day}"


def _earliest(answer: Mapping[str, Days]) -> tuple[int, tuple[str, ...]] | None:
    days = [d for d in answer.values() if d is not None]
    if not days:
        return None
    first = min(days)
    return first, tuple(sorted(c for c, d in answer.items() if d == first))


def _earliest_text(earliest: tuple[int, tuple[str, ...]] | None) -> str:
    if earliest is None:
        return "none"
    return f"day {earliest[0]} ({', '.join(earliest[1])})"


def _grace_assumptions(graph: ServiceGraph, answer: Mapping[str, Days], at: int | None) -> Iterable[Assumption]:
    groups: dict[tuple[str, int, int, int], list[_Item]] = {}
    for node, items in sorted(graph.requires.items()):
        for position, item in enumerate(items):
            if item.grace_days > 0:
                what, low, high = grace_label(item.notes, item.grace_days)
                groups.setdefault((what, item.grace_days, low, high), []).append(_Item(node, position))
    for (what, days, low, high), members in sorted(groups.items()):
        variants = []
        for value in sorted({low, high} - {days}):
            requires = _with_grace(graph, members, value)
            variants.append(_variant(f"{value} days", graph, requires, answer, at))
        yield Assumption(
            f"grace:{what}:{days}",
            "grace",
            f"{what} ({days} days; range {low}-{high})",
            tuple(m.describe(graph) for m in members),
            tuple(variants),
            tuple((m.node, m.position) for m in members),
        )


def _with_grace(graph: ServiceGraph, members: Sequence[_Item], value: int) -> dict[str, tuple[Requirement, ...]]:
    requires = dict(graph.requires)
    for member in members:
        items = list(requires[member.node])
        items[member.position] = replace(items[member.position], grace_days=value)
        requires[member.node] = tuple(items)
    return requires


def _requirement_assumptions(graph: ServiceGraph, answer: Mapping[str, Days], at: int | None) -> Iterable[Assumption]:
    never = _never(graph)
    for node, items in sorted(graph.requires.items()):
        seen: dict[str, int] = {}
        for position, item in enumerate(items):
            if item.confidence != "low":
                continue
            member = _Item(node, position)
            where = member.describe(graph)
            seen[where] = seen.get(where, 0) + 1
            suffix = f" #{seen[where]}" if seen[where] > 1 else ""  # the same target named twice
            requires = _with_grace(graph, [member], never)  # kept in place, but it never bites
            yield Assumption(
                f"requirement:{where}{suffix}",
                "requirement",
                f"{node} needs {' | '.join(item.targets)}{suffix} (low-confidence requirement)",
                (where,),
                (_variant("without it", graph, requires, answer, at, never=never),),
                ((node, position),),
            )


def _node_assumptions(graph: ServiceGraph, answer: Mapping[str, Days], at: int | None) -> Iterable[Assumption]:
    nodes = graph.model.nodes
    removed = set(graph.initial_failures)
    for node_id in sorted(graph.requires):
        if nodes[node_id].confidence != "low" or node_id in removed or node_id not in graph.dependents:
            continue
        requires = _without_node(graph, node_id)
        yield Assumption(
            f"node:{node_id}",
            "node",
            f"{node_id} (low-confidence node)",
            tuple(sorted({_Item(r, p).describe(graph) for r, p in graph.dependents[node_id]})),
            (_variant("without it", graph, requires, answer, at, same_structure=False),),
            tuple(graph.dependents[node_id]),
        )


def _without_node(graph: ServiceGraph, node_id: str) -> dict[str, tuple[Requirement, ...]]:
    """The graph's requirements with ``node_id`` taken out of every item that names it."""
    requires = dict(graph.requires)
    for requirer in {r for r, _ in graph.dependents[node_id]}:
        kept = []
        for item in requires[requirer]:
            if node_id not in item.targets:
                kept.append(item)
            elif item.any_of and len(item.targets) > 1:
                kept.append(replace(item, targets=tuple(t for t in item.targets if t != node_id)))
        requires[requirer] = tuple(kept)
    return requires
