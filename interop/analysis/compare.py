"""Compare procurement options side by side: the decision table a planner asks for.

Each option is a structural scenario (``replace A with B``, ``mix A with B``, or none: keep the
baseline). For each option, on its structural state (nothing removed):

- **capabilities**: the capabilities in service (they all hold: nothing fails without a removal);
- **single points of failure**: distinct nodes that are a single point of failure of at least one
  capability, and how many of them *sit with* each foreign nation (see ``attribution``);
- **links**: interoperability links, counted by (partner nation, data link);
- **embargo days**: for each foreign nation, the day each capability falls under an embargo of
  that nation alone, or None (holds); the same numbers as ``exposure``;
- **home share**: of the nodes in the dependency closure of all capabilities that have an
  attribution (nation nodes themselves excluded), the share attributed to the home nation.

Nothing here has new semantics: every number is a cut set, a cascade or a link set of the contract.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ScenarioError
from ..model import Model, resolve
from .cutsets import single_points_of_failure
from .exposure import foreign_nations
from .links import partner_nation
from .scenario import STRUCTURAL, Scenario
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
    home_nodes: int
    attributed_nodes: int

    @property
    def spof_foreign(self) -> int:
        return sum(count for _, count in self.spof_by_nation)

    @property
    def home_share(self) -> float | None:
        return self.home_nodes / self.attributed_nodes if self.attributed_nodes else None

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
            "home_share": {
                "home": self.home_nodes,
                "attributed": self.attributed_nodes,
                "share": round(share, 4) if share is not None else None,
            },
        }


@dataclass(frozen=True)
class CompareResult:
    """One row per option, in the order given; ``nations`` and ``capabilities`` are the sorted
    unions over the options (so every table has the same columns)."""

    model: Model
    options: tuple[OptionRow, ...]
    nations: tuple[str, ...]
    capabilities: tuple[str, ...]

    def __repr__(self) -> str:
        return f"<CompareResult {len(self.options)} options: {'; '.join(row.label for row in self.options)}>"

    def to_dict(self) -> dict[str, Any]:
        return {
            "home": self.model.home,
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


def compare(model: Model, options: Sequence[Scenario], nations: Collection[str] | None = None) -> CompareResult:
    """The decision table for ``options`` (each a structural scenario; an empty one = baseline).

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
    for option in options:
        study = Study.of(model, Scenario(tuple(op for op in option.operations if op.op in STRUCTURAL)))
        key = tuple(tuple(op.as_list()) for op in study.scenario.operations)
        if key in seen:
            continue
        seen.add(key)
        rows.append(_row(study, nations))
    all_nations = sorted({n for row in rows for n, _ in row.embargo})
    capabilities = sorted({c for row in rows for c in row.capabilities})
    return CompareResult(model, tuple(rows), tuple(all_nations), tuple(capabilities))


def _row(study: Study, nations: Collection[str] | None) -> OptionRow:
    model, scenario, graph = study.model, study.scenario, study.structure
    home = model.home
    spof_nodes = sorted({n for nodes in single_points_of_failure(graph).values() for n in nodes})
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
    attributed = [attribution(model, n) for n in closure if model.nodes[n].kind != "nation"]
    attributed = [a for a in attributed if a is not None]
    return OptionRow(
        label=option_label(model, scenario),
        scenario=scenario,
        capabilities=graph.capabilities,
        spof=tuple(spof_nodes),
        spof_by_nation=tuple(sorted(by_nation.items())),
        links=tuple((p, v, c) for (p, v), c in sorted(link_counts.items())),
        embargo=tuple(embargo),
        home_nodes=sum(1 for a in attributed if a == home),
        attributed_nodes=len(attributed),
    )


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
