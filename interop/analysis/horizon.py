"""A planning horizon: the baseline and a scenario read year by year, and on every date inside the
range where the in-service set changes (a window opens or closes).

On each date and for each side (baseline: no operation; scenario: every operation, embargoes
included) it records each capability's status (``holds``, ``lost day N`` under the scenario's
removals and embargoes, ``gap`` or ``not in service``), the capabilities that hold only through a
node leaving service within the range (a single point of failure whose window ends by the last
day of the range), the single points of failure, and the interoperability links by partner.
Cost: one study and one order-1 cut-set pass per date and side.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..model import Model
from .cutsets import single_points_of_failure
from .gaps import boundaries
from .links import partner_nation
from .scenario import Scenario, resolve_scenario
from .study import Study


@dataclass(frozen=True)
class Fragile:
    """``capability`` holds only through ``node``, which leaves service on ``until``."""

    capability: str
    node: str
    until: datetime.date


@dataclass(frozen=True)
class SideOnDate:
    """One side (baseline or scenario) on one date."""

    status: Mapping[str, str]
    gap_reasons: Mapping[str, str]
    fragile: tuple[Fragile, ...]
    spof: Mapping[str, tuple[str, ...]]
    links_by_partner: Mapping[str, int]

    @property
    def held(self) -> tuple[str, ...]:
        return tuple(c for c, s in self.status.items() if s == "holds")

    @property
    def gaps(self) -> tuple[str, ...]:
        return tuple(c for c, s in self.status.items() if s == "gap")

    @property
    def lost(self) -> tuple[tuple[str, str], ...]:
        return tuple((c, s) for c, s in self.status.items() if s.startswith("lost"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "capabilities": dict(self.status),
            "held": list(self.held),
            "gaps": list(self.gaps),
            "gap_reasons": dict(self.gap_reasons),
            "holds_only_through": [
                {"capability": f.capability, "node": f.node, "until": f.until.isoformat()} for f in self.fragile
            ],
            "spof": {c: list(nodes) for c, nodes in self.spof.items()},
            "links_by_partner": dict(self.links_by_partner),
        }


@dataclass(frozen=True)
class HorizonPoint:
    """Both sides on ``on``; ``year_start``: the date is 1 January (else a window opens or closes)."""

    on: datetime.date
    year_start: bool
    baseline: SideOnDate
    scenario: SideOnDate

    def to_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "year_start": self.year_start,
            "baseline": self.baseline.to_dict(),
            "scenario": self.scenario.to_dict(),
        }


@dataclass(frozen=True)
class Window:
    """A planned node's service window (for the Gantt chart): None ends are open."""

    node: str
    kind: str
    start: datetime.date | None
    end: datetime.date | None
    in_scenario: bool
    in_baseline: bool


@dataclass(frozen=True)
class HorizonResult:
    """The horizon from ``start`` to ``end`` (1 January of the first year to 31 December of the last)."""

    model: Model
    scenario: Scenario
    start: datetime.date
    end: datetime.date
    points: tuple[HorizonPoint, ...]
    windows: tuple[Window, ...]
    capabilities: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": {"operations": [op.as_list() for op in self.scenario.operations]},
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "capabilities": list(self.capabilities),
            "windows": [
                {
                    "id": w.node,
                    "kind": w.kind,
                    "from": w.start.isoformat() if w.start else None,
                    "until": w.end.isoformat() if w.end else None,
                    "baseline": w.in_baseline,
                    "scenario": w.in_scenario,
                }
                for w in self.windows
            ],
            "dates": [p.to_dict() for p in self.points],
        }


def horizon(
    model: Model, scenario: Scenario | None = None, start_year: int | None = None, end_year: int | None = None
) -> HorizonResult:
    """The baseline and ``scenario`` year by year from ``start_year`` (default: the model's as_of
    year, else this model's first window year) to ``end_year`` (default: ``start_year`` + 14),
    plus every date inside the range where a planned node enters or leaves service.

    >>> from interop.model import model_from_data
    >>> m = model_from_data({"model": {"as_of": 2030}, "nodes": [
    ...     {"id": "Old", "kind": "platform", "service": {"until": 2031}},
    ...     {"id": "C", "kind": "capability", "requires": ["Old"]}]})
    >>> [(p.on.isoformat(), p.baseline.status["C"]) for p in horizon(m, end_year=2032).points]
    [('2030-01-01', 'holds'), ('2031-01-01', 'holds'), ('2032-01-01', 'gap')]
    """
    resolved = resolve_scenario(model, scenario or Scenario())
    first = start_year or (resolved.on.year if resolved.on else _first_year(model))
    last = end_year if end_year is not None else first + 14
    if last < first:
        raise ValueError(f"the horizon ends ({last}) before it starts ({first})")
    start, end = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    probe = Study.of(model, replace(resolved, on=start))
    plan = probe.state.plan | probe.baseline.plan
    years = {datetime.date(y, 1, 1) for y in range(first, last + 1)}
    changes = {d for d in boundaries(model, plan) if start <= d <= end}
    points = []
    for day in sorted(years | changes):
        study = Study.of(model, replace(resolved, on=day))
        base = Study.of(model, Scenario(on=day))
        points.append(
            HorizonPoint(day, day in years, _side(base, end, with_spof=True), _side(study, end, with_spof=True))
        )
    in_scenario, in_baseline = probe.state.plan, probe.baseline.plan
    windows = tuple(
        Window(n, model.nodes[n].kind, w.start, w.end, n in in_scenario, n in in_baseline)
        for n in sorted(plan)
        if (w := model.nodes[n].service) is not None
    )
    capabilities = tuple(sorted({c for p in points for side in (p.baseline, p.scenario) for c in side.status}))
    return HorizonResult(model, probe.scenario, start, end, tuple(points), windows, capabilities)


def _first_year(model: Model) -> int:
    starts = [n.service.start.year for n in model if n.service is not None and n.service.start is not None]
    return min(starts) if starts else datetime.date.today().year


def _side(study: Study, end: datetime.date, *, with_spof: bool) -> SideOnDate:
    model, graph = study.model, study.state
    status: dict[str, str] = {c: "not in service" for c in graph.plan if model.nodes[c].kind == "capability"}
    status.update({c: "gap" for c in graph.gaps if model.nodes[c].kind == "capability"})
    status.update({c: "holds" for c in study.capabilities_kept})
    status.update({f.id: f"lost day {f.at_days}" for f in study.capabilities_lost})
    reasons = {c: graph.gap_reason(c) for c in graph.gaps if model.nodes[c].kind == "capability"}
    structure = study.structure
    spof = single_points_of_failure(structure) if with_spof else {}
    fragile = []
    for capability in sorted(spof):
        if status.get(capability) != "holds":
            continue
        for node in spof[capability]:
            window = model.nodes[node].service
            if window is not None and window.end is not None and window.end <= end:
                fragile.append(Fragile(capability, node, window.end))
    links: dict[str, int] = {}
    for link in study.links_after:
        partner = partner_nation(model, link)
        links[partner] = links.get(partner, 0) + 1
    return SideOnDate(
        status=dict(sorted(status.items())),
        gap_reasons=dict(sorted(reasons.items())),
        fragile=tuple(fragile),
        spof={c: tuple(nodes) for c, nodes in sorted(spof.items())},
        links_by_partner=dict(sorted(links.items())),
    )


__all__ = ["Fragile", "HorizonPoint", "HorizonResult", "SideOnDate", "Window", "horizon"]
