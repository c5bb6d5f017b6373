"""Scenarios: what a user changes (replace, mix, remove, embargo) and the graph in service after it.

Structural operations (``replace``, ``mix``) change what is in service and rewire requirements;
``remove`` and ``embargo`` only mark nodes that fail on day 0. Structural operations apply first,
in the order given, then removals, then embargoes (see docs/semantics.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Literal

from ..errors import ScenarioError, option
from ..model import Model, Requirement
from ..model.lookup import resolve
from .gaps import GapCause, gap_reason, read_on

OperationName = Literal["replace", "mix", "remove", "embargo"]
"""What a scenario step does: the vocabulary of ``Operation.op`` (and of the JSON operations)."""
OPERATIONS: tuple[OperationName, ...] = ("replace", "mix", "remove", "embargo")
STRUCTURAL: tuple[OperationName, ...] = ("replace", "mix")


@dataclass(frozen=True, slots=True)
class Operation:
    """One scenario step: ``replace A with B``, ``mix A with B``, ``remove X`` or ``embargo N``."""

    op: OperationName
    target: str
    replacement: str | None = None

    def as_list(self) -> list[str]:
        """JSON form: ``["replace", "A", "B"]`` or ``["remove", "X"]``."""
        return [self.op, self.target] + ([self.replacement] if self.replacement else [])

    def describe(self) -> str:
        if self.replacement:
            return f"{self.op} {self.target} with {self.replacement}"
        return f"{self.op} {self.target}"


@dataclass(frozen=True)
class Scenario:
    """An ordered set of operations, optionally the day to look at (``at_days``, counted from
    ``on``) and the date (``on``: None means the model's ``as_of``, or no dates without one).

    >>> Scenario.build(remove=["X"], replace=[("A", "B")]).describe()
    'replace A with B; remove X'
    """

    operations: tuple[Operation, ...] = ()
    at_days: int | None = None
    on: datetime.date | None = None

    @classmethod
    def build(
        cls,
        *,
        replace: Iterable[tuple[str, str]] = (),
        mix: Iterable[tuple[str, str]] = (),
        remove: Iterable[str] = (),
        embargo: Iterable[str] = (),
        at_days: int | None = None,
        on: datetime.date | None = None,
    ) -> Scenario:
        """Operations in the order they apply: replacements, mixes, removals, embargoes."""
        ops = [Operation("replace", a, b) for a, b in replace]
        ops += [Operation("mix", a, b) for a, b in mix]
        ops += [Operation("remove", x) for x in remove]
        ops += [Operation("embargo", n) for n in embargo]
        return cls(tuple(ops), at_days, on)

    def ordered(self) -> tuple[Operation, ...]:
        """Structural operations first (in given order), then removals, then embargoes."""
        rank = {"replace": 0, "mix": 0, "remove": 1, "embargo": 2}
        return tuple(sorted(self.operations, key=lambda o: rank[o.op]))

    @property
    def is_baseline(self) -> bool:
        return not self.operations

    def structural(self) -> Scenario:
        """Only the replacements and mixes (same date): the structure after the swaps."""
        return Scenario(tuple(op for op in self.operations if op.op in STRUCTURAL), None, self.on)

    def describe(self) -> str:
        text = "; ".join(op.describe() for op in self.ordered()) or "baseline (no change)"
        return text if self.at_days is None else f"{text}; on day {self.at_days}"


@dataclass(frozen=True)
class ServiceGraph:
    """What is in service after a scenario's structural operations, with rewired requirements.

    ``requires`` holds the (possibly rewired) requirements of every in-service node; its
    targets are always in service. ``initial_failures`` are the removed/embargoed nodes (day 0).
    On a date (``on``), nodes out of their window (``out_of_window``) and gaps (``gaps``, with
    ``gap_causes``) are not in ``requires``; without one, both are empty.
    """

    model: Model
    requires: Mapping[str, tuple[Requirement, ...]]
    entered: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    initial_failures: tuple[str, ...] = ()
    operations: tuple[Operation, ...] = field(default=())
    on: datetime.date | None = None
    gaps: tuple[str, ...] = ()
    gap_causes: Mapping[str, GapCause] = field(default_factory=dict)
    out_of_window: tuple[str, ...] = ()
    plan: frozenset[str] = frozenset()

    def gap_reason(self, node_id: str) -> str:
        """Why ``node_id`` is a gap on this graph's date, in one line (see analysis.gaps)."""
        assert self.on is not None
        return gap_reason(self.model, self.gap_causes[node_id], self.on, self.gap_causes)

    def why_out(self, node_id: str) -> str | None:
        """Why a node of the plan is not in service on this graph's date (None if it is, or no date)."""
        if self.on is None or node_id in self.requires:
            return None
        if node_id in self.gap_causes:
            return f"it is a gap on {self.on.isoformat()} ({self.gap_reason(node_id)})"
        window = self.model.nodes[node_id].service
        if node_id in self.out_of_window and window is not None:
            day = self.on.isoformat()
            return f"it is not in service on {day} ({window.absence(self.on)}; in service {window.describe()})"
        return None

    @cached_property
    def in_service(self) -> frozenset[str]:
        return frozenset(self.requires)

    @cached_property
    def dependents(self) -> Mapping[str, tuple[tuple[str, int], ...]]:
        """For each node, the (requirer, item index) pairs that mention it, sorted."""
        index: dict[str, list[tuple[str, int]]] = {}
        for node_id, items in sorted(self.requires.items()):  # linear when already ordered
            for position, item in enumerate(items):
                for target in item.targets:
                    index.setdefault(target, []).append((node_id, position))
        # Requirers come in id order and items by position, so each list is already sorted.
        return MappingProxyType({k: tuple(v) for k, v in index.items()})

    @cached_property
    def capabilities(self) -> tuple[str, ...]:
        nodes = self.model.nodes
        return tuple(sorted(n for n in self.requires if nodes[n].kind == "capability"))

    def downstream(self, roots: Iterable[str]) -> set[str]:
        """Every in-service node that depends on ``roots``, directly or not (roots included)."""
        seen = {r for r in roots if r in self.requires}
        stack = list(seen)
        dependents = self.dependents
        while stack:
            for requirer, _ in dependents.get(stack.pop(), ()):
                if requirer not in seen:
                    seen.add(requirer)
                    stack.append(requirer)
        return seen

    def upstream(self, roots: Iterable[str]) -> set[str]:
        """Every in-service node that ``roots`` depend on, directly or not (roots included)."""
        seen = set(roots)
        stack = list(seen)
        while stack:
            for item in self.requires[stack.pop()]:
                for target in item.targets:
                    if target not in seen:
                        seen.add(target)
                        stack.append(target)
        return seen


def baseline(model: Model, on: datetime.date | None = None) -> ServiceGraph:
    """The model as it stands: active nodes in service, nothing failed; on a date ``on``, only
    those whose window contains it and that are not gaps."""
    plan = {n.id: n.requires for n in model.nodes.values() if not n.is_candidate}
    if on is None:
        return ServiceGraph(model, MappingProxyType(plan), plan=frozenset(plan))
    dated = read_on(model, plan, on)
    return ServiceGraph(
        model,
        dated.requires,
        plan=frozenset(plan),
        on=on,
        gaps=dated.gaps,
        gap_causes=dated.causes,
        out_of_window=dated.out_of_window,
    )


def resolve_scenario(model: Model, scenario: Scenario) -> Scenario:
    """The same scenario with every id resolved to its canonical id (ScenarioError if unknown),
    and its date settled: ``on`` as given, else the model's ``as_of`` (None: dates play no role)."""
    ops = tuple(
        Operation(
            op.op, resolve(model, op.target), resolve(model, op.replacement) if op.replacement is not None else None
        )
        for op in scenario.ordered()
    )
    return Scenario(ops, scenario.at_days, scenario.on if scenario.on is not None else model.as_of_date)


def apply_scenario(model: Model, scenario: Scenario) -> ServiceGraph:
    """Apply ``scenario`` (ids already canonical) to ``model``; check every precondition.

    Replacements and mixes change the plan (contract §4.1); on ``scenario.on`` the plan is then
    read on that date (windows, gaps); removals and embargoes apply to what serves on it."""
    ops = scenario.ordered()
    requires = {n.id: n.requires for n in model.nodes.values() if not n.is_candidate}
    applied: list[Operation] = []
    entered: list[str] = []
    left: list[str] = []
    for op in ops:
        if op.op not in STRUCTURAL:
            break
        _check_structural(model, op, requires, left)
        newcomers = _enter_with_supply_chain(model, op.replacement, requires, applied)  # type: ignore[arg-type]
        entered.extend(newcomers)
        if op.op == "replace":
            del requires[op.target]
            left.append(op.target)
        for node_id, items in list(requires.items()):
            requires[node_id] = _rewire(node_id, items, op)
        applied.append(op)
    dated = read_on(model, requires, scenario.on) if scenario.on is not None else None
    serving: Mapping[str, tuple[Requirement, ...]] = (
        dated.requires if dated is not None else MappingProxyType(dict(sorted(requires.items())))
    )
    graph = ServiceGraph(
        model=model,
        requires=serving,
        entered=tuple(sorted(n for n in set(entered) - set(left) if n in serving)),
        left=tuple(sorted(left)),
        operations=ops,
        on=scenario.on,
        gaps=dated.gaps if dated else (),
        gap_causes=dated.causes if dated else {},
        out_of_window=dated.out_of_window if dated else (),
        plan=frozenset(requires),
    )
    failures: list[str] = []
    for op in ops:
        if op.op in STRUCTURAL:
            continue
        _check_failure_op(model, op, graph, left)
        if op.target not in failures:
            failures.append(op.target)
    return replace(graph, initial_failures=tuple(failures))


def _check_structural(model: Model, op: Operation, requires: Mapping[str, object], left: Sequence[str]) -> None:
    a, b = op.target, op.replacement
    if b is None:
        add = option("'--with ID'", "the node that takes over")
        raise ScenarioError(f"'{op.op} {a}' needs a replacement — add {add}")
    if a == b:
        raise ScenarioError(
            f"cannot {op.op} {a} with itself — name a different node {option('after --with', 'to take over')}"
        )
    if a not in requires:
        why = (
            "it already left service in this scenario"
            if a in left
            else ("it is a candidate that is not in service" if model[a].is_candidate else "it is not in service")
        )
        raise ScenarioError(f"cannot {op.op} {a}: {why} — {op.op} a node that is in service")
    if b in left:
        raise ScenarioError(
            f"cannot bring in {b}: it left service earlier in this scenario — change the order or the operations"
        )


def _check_failure_op(model: Model, op: Operation, graph: ServiceGraph, left: Sequence[str]) -> None:
    x = op.target
    requires = graph.requires
    node = model[x]
    if op.op == "embargo":
        if node.kind != "nation":
            raise ScenarioError(
                f"cannot embargo {x}: it is a {node.kind}, not a nation — "
                f"use {option(f'--remove {x}', f'remove=[{x!r}]')} to take it away"
            )
        if x == model.home:
            raise ScenarioError(
                f"cannot embargo the home nation {x} — "
                f"use {option(f'--remove {x}', f'remove=[{x!r}]')} if you really mean to take it away"
            )
    if x not in requires:
        why = graph.why_out(x) or (
            "it left service in this scenario"
            if x in left
            else ("it is a candidate not brought into service" if node.is_candidate else "it is not in service")
        )
        raise ScenarioError(
            f"cannot {op.op} {x}: {why} — pick a node in service "
            f"(a candidate enters service with {option('--replace/--mix … --with', 'replace= or mix=')})"
        )


def _enter_with_supply_chain(
    model: Model, newcomer: str, requires: dict[str, tuple[Requirement, ...]], applied: Sequence[Operation]
) -> list[str]:
    """Bring ``newcomer`` and the candidates it needs (transitively) into service."""
    entered: list[str] = []
    stack = [newcomer]
    while stack:
        node_id = stack.pop()
        if node_id in requires:
            continue
        items = model[node_id].requires
        for op in applied:
            items = _rewire(node_id, items, op)
        requires[node_id] = items
        entered.append(node_id)
        for item in items:
            for target in item.targets:
                if target not in requires and model[target].is_candidate:
                    stack.append(target)
    return entered


def _rewire(node_id: str, items: tuple[Requirement, ...], op: Operation) -> tuple[Requirement, ...]:
    """Point requirements on ``op.target`` at the replacement (replace) or at either (mix)."""
    a, b = op.target, op.replacement
    assert b is not None, "structural operations always name a replacement"
    if not any(a in item.targets for item in items):
        return items
    out: list[Requirement] = []
    for item in items:
        if a not in item.targets:
            out.append(item)
            continue
        if op.op == "replace":
            targets = [b if t == a else t for t in item.targets]
        else:
            targets = [t for t0 in item.targets for t in ((a, b) if t0 == a else (t0,))]
        targets = [t for t in dict.fromkeys(targets) if t != node_id]
        if not targets:
            continue
        out.append(replace(item, targets=tuple(targets), any_of=item.any_of or len(targets) > 1))
    return tuple(out)
