"""Compare procurement options side by side: the decision table a planner asks for.

Each option is a structural scenario (``replace A with B``, ``mix A with B``, or none: keep the
baseline). For each option, on its structural state (nothing removed):

- **capabilities**: the capabilities in service (they all hold: nothing fails without a removal);
- **single points of failure**: distinct nodes that are a single point of failure of at least one
  capability, and how many of them *sit with* each foreign nation (see ``attribution``);
- **links**: interoperability links, counted by (partner nation, data link);
- **embargo days**: for each foreign nation, the day each capability falls under an embargo of
  that nation alone, or None (holds); the same numbers as ``exposure``;
- **made in**: the option's supply chain by the nation where each thing is made. Every
  requirement on a supplier inside the dependency closure of the capabilities is one supply link
  (split equally between the suppliers of an ``any_of``), counted under the supplier's
  ``nation:``. It is a share of supply links, not of money: a planner's first cut of where the
  work sits, by maker and not by operator (the US-built F-35A flown by Canada counts where it is
  built);
- **stated commitments**: the ``benefits:`` entries of the nodes in that closure (ITB pledges,
  offers, partnership rules), shown as stated with their source and confidence, never computed.

Nothing here has new semantics: every number is a cut set, a cascade or a link set of the contract.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import ScenarioError
from ..model import Model, resolve
from ..model.types import Benefit
from .cost import DEFAULT_BUDGET
from .cutsets import single_points_of_failure
from .exposure import foreign_nations
from .links import partner_nation
from .scenario import STRUCTURAL, Scenario, resolve_scenario
from .study import Study


def attribution(model: Model, node_id: str) -> str | None:
    """The nation a node *sits with*: a nation node sits with itself; otherwise its ``nation:``
    if given, else its explicit ``operator:``; None when the model says neither (such a node is
    operated by the home nation by default and counts as home, never as foreign).
    """
    node = model.nodes[node_id]
    if node.kind == "nation":
        return node.id
    return node.nation or node.operator


@dataclass(frozen=True)
class OptionRow:
    """One option's column values (see the module docstring)."""

    label: str
    scenario: Scenario
    capabilities: tuple[str, ...]
    spof: tuple[str, ...]
    spof_by_nation: tuple[tuple[str, int], ...]
    links: tuple[tuple[str, str, int], ...]
    embargo: tuple[tuple[str, tuple[tuple[str, int | None], ...]], ...]
    made_in: tuple[tuple[str, Fraction], ...] = ()
    home: str | None = None
    benefits: tuple[tuple[str, Benefit], ...] = ()
    gaps: tuple[tuple[str, str], ...] = ()

    @property
    def spof_foreign(self) -> int:
        return sum(count for _, count in self.spof_by_nation)

    @property
    def supply_links(self) -> Fraction:
        return sum((weight for _, weight in self.made_in), Fraction(0))

    def made_in_share(self, nation: str | None) -> float | None:
        """Share of the option's supply links made in ``nation`` (None when it has none)."""
        total = self.supply_links
        if not total or nation is None:
            return None
        return float(sum((w for n, w in self.made_in if n == nation), Fraction(0)) / total)

    @property
    def home_share(self) -> float | None:
        """Share of supply links whose supplier is in the home nation (made at home)."""
        return self.made_in_share(self.home)

    def embargo_days(self, nation: str) -> dict[str, int | None] | None:
        """Capability → day lost under an embargo of ``nation`` (None = holds); None if the
        nation is not in service in this option."""
        for name, days in self.embargo:
            if name == nation:
                return dict(days)
        return None

    def to_dict(self) -> dict[str, Any]:
        share = self.home_share
        return {
            "label": self.label,
            "operations": [op.as_list() for op in self.scenario.operations],
            "capabilities": list(self.capabilities),
            "spof": {
                "count": len(self.spof),
                "foreign": self.spof_foreign,
                "by_nation": [{"nation": n, "count": c} for n, c in self.spof_by_nation],
                "nodes": list(self.spof),
            },
            "links": {
                "count": sum(c for _, _, c in self.links),
                "by_partner": [{"partner": p, "via": v, "count": c} for p, v, c in self.links],
            },
            "embargo": [
                {"nation": n, "capabilities": [{"id": c, "at_days": d} for c, d in days]} for n, days in self.embargo
            ],
            "made_in": {
                "measure": "supply links by supplier nation (not by operator)",
                "home_share": round(share, 4) if share is not None else None,
                "supply_links": _number(self.supply_links),
                "by_nation": [
                    {"nation": n, "links": _number(w), "share": round(float(w / self.supply_links), 4)}
                    for n, w in self.made_in
                ],
            },
            "stated_commitments": [
                {
                    "node": node,
                    "policy": b.policy,
                    "commitment": b.commitment,
                    "source": list(b.source),
                    "confidence": b.confidence,
                }
                for node, b in self.benefits
            ],
            "gaps": [{"id": g, "reason": why} for g, why in self.gaps],
        }


@dataclass(frozen=True)
class CompareResult:
    """One row per option, in the order given; ``nations`` and ``capabilities`` are the sorted
    unions over the options (so every table has the same columns)."""

    model: Model
    options: tuple[OptionRow, ...]
    nations: tuple[str, ...]
    capabilities: tuple[str, ...]
    on: datetime.date | None = None

    @property
    def quiet_nations(self) -> tuple[str, ...]:
        """Nations under whose embargo every capability holds, in every option (sorted)."""
        return tuple(
            nation
            for nation in self.nations
            if all(day is None for row in self.options for day in (row.embargo_days(nation) or {}).values())
        )

    def __repr__(self) -> str:
        return f"<CompareResult {len(self.options)} options: {'; '.join(row.label for row in self.options)}>"

    def to_dict(self) -> dict[str, Any]:
        return {
            "home": self.model.home,
            "on": self.on.isoformat() if self.on else None,
            "nations": list(self.nations),
            "capabilities": list(self.capabilities),
            "options": [row.to_dict() for row in self.options],
        }


def option_label(model: Model, scenario: Scenario) -> str:
    """``keep the baseline``, or the operations in words (``replace F-35A with Gripen-E``)."""
    return scenario.describe() if scenario.operations else "baseline (no change)"


def options_from(model: Model, choices: Sequence[tuple[str, str, str]]) -> tuple[Scenario, ...]:
    """Scenarios from (op, A, B) triples; ``B == A`` (after resolving) means keep A: the baseline."""
    out: list[Scenario] = []
    for op, a, b in choices:
        first, second = model.find(a) or a, model.find(b) or b
        if first == second:
            scenario = Scenario()
        else:
            scenario = Scenario.build(replace=[(a, b)]) if op == "replace" else Scenario.build(mix=[(a, b)])
        out.append(scenario)
    return tuple(out)


def compare(
    model: Model,
    options: Sequence[Scenario],
    nations: Collection[str] | None = None,
    on: datetime.date | None = None,
) -> CompareResult:
    """The decision table for ``options`` (each a structural scenario; an empty one = baseline),
    on ``on`` (default: each option's own date, else the model's as_of).

    Duplicate options (same operations) are listed once. Removals, embargoes and ``at_days`` in
    an option are ignored: options are compared on their structure.

    >>> from interop.model import model_from_data
    >>> m = model_from_data({"model": {"home": "CAN"}, "nodes": [
    ...     {"id": "CAN", "kind": "nation"}, {"id": "USA", "kind": "nation"},
    ...     {"id": "A", "kind": "platform", "nation": "USA"},
    ...     {"id": "B", "kind": "platform", "status": "candidate"},
    ...     {"id": "C", "kind": "capability", "requires": ["A"]}]})
    >>> rows = compare(m, [Scenario(), Scenario.build(replace=[("A", "B")])]).options
    >>> [(r.label, r.spof, r.spof_by_nation) for r in rows]
    [('baseline (no change)', ('A', 'USA'), (('USA', 2),)), ('replace A with B', ('B',), ())]
    >>> [r.embargo for r in rows]
    [(('USA', (('C', 0),)),), (('USA', (('C', None),)),)]
    """
    if nations is not None:
        nations = _check_nations(model, nations)
    rows: list[OptionRow] = []
    seen: set[tuple[tuple[str, ...], ...]] = set()
    day = resolve_scenario(model, Scenario(on=on)).on
    for option in options:
        operations = tuple(op for op in option.operations if op.op in STRUCTURAL)
        study = Study.of(model, Scenario(operations, None, on if on is not None else option.on))
        key = tuple(tuple(op.as_list()) for op in study.scenario.operations)
        if key in seen:
            continue
        seen.add(key)
        day = study.scenario.on
        rows.append(_row(study, nations))
    all_nations = sorted({n for row in rows for n, _ in row.embargo})
    capabilities = sorted({c for row in rows for c in row.capabilities})
    return CompareResult(model, tuple(rows), tuple(all_nations), tuple(capabilities), day)


def compare_on(
    model: Model, options: Sequence[Scenario], dates: Sequence[datetime.date], nations: Collection[str] | None = None
) -> tuple[CompareResult, ...]:
    """The decision table on each of ``dates`` (sorted, once each): the options side by side per date."""
    return tuple(compare(model, options, nations, day) for day in sorted(set(dates)))


def _row(study: Study, nations: Collection[str] | None) -> OptionRow:
    model, scenario, graph = study.model, study.scenario, study.structure
    home = model.home
    spof_nodes = sorted({n for nodes in single_points_of_failure(graph, budget=DEFAULT_BUDGET).values() for n in nodes})
    by_nation: dict[str, int] = {}
    for node in spof_nodes:
        where = attribution(model, node)
        if where is not None and where != home:
            by_nation[where] = by_nation.get(where, 0) + 1
    link_counts: dict[tuple[str, str], int] = {}
    for link in study.links_structure:
        key = (partner_nation(model, link), link.via)
        link_counts[key] = link_counts.get(key, 0) + 1
    in_service = set(foreign_nations(graph))
    asked = None if nations is None else [n for n in nations if n in in_service]
    exposures = study.exposure(asked).nations
    embargo = []
    for nation in exposures:
        lost = {f.id: f.at_days for f in nation.capabilities_lost}
        embargo.append((nation.nation, tuple((c, lost.get(c)) for c in graph.capabilities)))
    closure = graph.upstream(graph.capabilities)
    return OptionRow(
        label=option_label(model, scenario),
        scenario=scenario,
        capabilities=graph.capabilities,
        spof=tuple(spof_nodes),
        spof_by_nation=tuple(sorted(by_nation.items())),
        links=tuple((p, v, c) for (p, v), c in sorted(link_counts.items())),
        embargo=tuple(embargo),
        made_in=made_in(model, closure, graph.requires),
        home=home,
        benefits=tuple((n, b) for n in sorted(closure) for b in model.nodes[n].benefits),
        gaps=tuple((g, graph.gap_reason(g)) for g in graph.gaps if model.nodes[g].kind == "capability"),
    )


def made_in(model: Model, closure: Iterable[str], requires: Any) -> tuple[tuple[str, Fraction], ...]:
    """Supply links by supplier nation, most first: each requirement item on suppliers counts 1,
    split equally between its supplier targets; a supplier without ``nation:`` counts under its
    ``operator:`` or the home nation."""
    weights: dict[str, Fraction] = {}
    nodes = model.nodes
    for requirer in closure:
        if nodes[requirer].kind == "nation":
            continue
        for item in requires[requirer]:
            suppliers = [t for t in item.targets if nodes[t].kind == "supplier"]
            for supplier in suppliers:
                where = attribution(model, supplier) or model.home or "home"
                weights[where] = weights.get(where, Fraction(0)) + Fraction(1, len(suppliers))
    return tuple(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])))


def _number(value: Fraction) -> float | int:
    """A whole count as an int, a split one rounded to 2 decimals (JSON-friendly, same bytes each run)."""
    return int(value) if value.denominator == 1 else round(float(value), 2)


def _check_nations(model: Model, nations: Collection[str]) -> list[str]:
    out = []
    for text in nations:
        nation = resolve(model, text)
        if model.nodes[nation].kind != "nation" or nation == model.home:
            raise ScenarioError(
                f"{nation} is not a foreign nation — name a nation other than the home nation {model.home}"
            )
        out.append(nation)
    return sorted(set(out))
