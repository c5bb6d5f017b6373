"""Nation exposure: what an embargo of each foreign nation costs, and through which dependencies.

For each foreign nation N (every in-service nation except home, or those asked) the scenario's
structural operations (replace/mix) are applied, then ``embargo N`` is run and compared with the
same structural state without it, so the exposure of an option is measured on that option's
fleet. Removals and embargoes in the scenario are not applied (each nation is measured alone);
``at_days`` is honoured (only failures on or before that day count).

The *channels* of N are the first-hop dependencies through which the loss travels: every failed
node's cause chain (Cascade.causes) leads back to N; the node right after N on it is the channel.
Failures are counted per channel. One cascade per nation: O(nations × (V + E) log V).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ScenarioError, option
from ..model import Model, resolve
from .cascade import Cascade, cascade
from .links import Link
from .scenario import Scenario, ServiceGraph
from .whatif import Failure

if TYPE_CHECKING:
    from .study import Study


@dataclass(frozen=True)
class NationExposure:
    """What an embargo of ``nation`` costs: capabilities and nodes that fail (with days), links
    lost, and (channel, failures) pairs sorted by failures (desc) then id."""

    nation: str
    capabilities_lost: tuple[Failure, ...]
    links_lost: tuple[Link, ...]
    failed: tuple[Failure, ...]
    channels: tuple[tuple[str, int], ...]

    @property
    def nodes_failed(self) -> int:
        """How many nodes fail because of the embargo: ``failed`` without the nation itself.

        This is the one "nodes failed" count every output prints (text, Markdown, JSON, report).
        """
        return sum(1 for f in self.failed if f.id != self.nation)

    def to_dict(self) -> dict[str, Any]:
        return {
            "nation": self.nation,
            "capabilities_lost": [{"id": f.id, "at_days": f.at_days} for f in self.capabilities_lost],
            "links_lost": [list(link) for link in self.links_lost],
            "failed": [{"id": f.id, "at_days": f.at_days} for f in self.failed],
            "nodes_failed": self.nodes_failed,
            "channels": [{"id": c, "failures": n} for c, n in self.channels],
        }


@dataclass(frozen=True)
class ExposureResult:
    """Exposure of every nation asked, sorted by nation id, on the scenario's structural state."""

    model: Model
    scenario: Scenario
    nations: tuple[NationExposure, ...]

    def __repr__(self) -> str:
        worst = max(self.nations, key=lambda n: (len(n.capabilities_lost), n.nodes_failed), default=None)
        most = f"; most exposed: {worst.nation} ({len(worst.capabilities_lost)} capabilities lost)" if worst else ""
        return f"<ExposureResult {len(self.nations)} nations{most}>"

    def by_impact(self) -> tuple[NationExposure, ...]:
        """The nations, largest exposure first: most capabilities lost, then the earliest loss,
        then most links lost, then most nodes failed, then id (JSON keeps id order)."""

        def impact(n: NationExposure) -> tuple[int, int, int, int, str]:
            first = min((f.at_days for f in n.capabilities_lost), default=10**9)
            return (-len(n.capabilities_lost), first, -len(n.links_lost), -n.nodes_failed, n.nation)

        return tuple(sorted(self.nations, key=impact))

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": {
                "operations": [op.as_list() for op in self.scenario.operations],
                "at_days": self.scenario.at_days,
                "on": self.scenario.on.isoformat() if self.scenario.on else None,
            },
            "nations": [n.to_dict() for n in self.nations],
        }


def foreign_nations(graph: ServiceGraph) -> tuple[str, ...]:
    """Every in-service nation node except the home nation, sorted."""
    model = graph.model
    return tuple(n for n in sorted(graph.requires) if model.nodes[n].kind == "nation" and n != model.home)


def exposure(model: Model, scenario: Scenario | None = None, nations: Collection[str] | None = None) -> ExposureResult:
    """What an embargo of each foreign nation (or of ``nations``: ids or aliases) costs.

    >>> from interop.model import model_from_data
    >>> m = model_from_data({"model": {"home": "CAN"}, "nodes": [
    ...     {"id": "CAN", "kind": "nation"}, {"id": "USA", "kind": "nation"},
    ...     {"id": "PW", "kind": "supplier", "nation": "USA"},
    ...     {"id": "F135", "kind": "component", "requires": ["PW"]},
    ...     {"id": "QRA", "kind": "capability", "requires": [{"id": "F135", "grace_days": 60}]}]})
    >>> usa = exposure(m).nations[0]
    >>> [(f.id, f.at_days) for f in usa.capabilities_lost], usa.channels
    ([('QRA', 60)], (('PW', 3),))
    """
    from .study import Study

    return Study.of(model, scenario).exposure(nations)


def measure_exposure(study: Study, nations: Collection[str] | None) -> ExposureResult:
    """Exposure of each nation asked on the study's structure: one cascade per nation; the links
    after an embargo are the structural links whose ends still work (no second link pass)."""
    from .study import working_links

    model, graph, structural = study.model, study.structure, study.structural_scenario
    asked = foreign_nations(graph) if nations is None else _check_nations(model, graph, nations)
    links_before = study.links_structure
    capabilities = set(graph.capabilities)
    at = structural.at_days
    out = []
    for nation in asked:
        failures = cascade(graph, [nation])
        failed = failures.failed(at)
        ordered = tuple(Failure(n, t) for n, t in sorted(failed.items(), key=lambda kv: (kv[1], kv[0])))
        links_after = working_links(links_before, failures, at)
        out.append(
            NationExposure(
                nation=nation,
                capabilities_lost=tuple(f for f in ordered if f.id in capabilities),
                links_lost=tuple(sorted(links_before - links_after)),
                failed=ordered,
                channels=channels(failures, nation, failed),
            )
        )
    return ExposureResult(model, structural, tuple(out))


def channels(failures: Cascade, origin: str, counted: Mapping[str, int] | None = None) -> tuple[tuple[str, int], ...]:
    """(channel, failures) pairs: for every failed node (of ``counted``, default all) other than
    ``origin``, the node right after ``origin`` on its cause chain; sorted by count desc, then id.

    Memoised walk up the cause chains, so O(V) in all.
    """
    channel_of: dict[str, str] = {}
    causes = failures.causes
    for node in counted if counted is not None else failures.times:
        if node == origin:
            continue
        path = []
        current = node
        while current not in channel_of:
            cause = causes.get(current)
            if cause is None:  # another day-0 failure: its own channel
                channel_of[current] = current
                break
            if cause.trigger == origin:
                channel_of[current] = current
                break
            path.append(current)
            current = cause.trigger
        for step in path:
            channel_of[step] = channel_of[current]
    counts: dict[str, int] = {}
    for node in counted if counted is not None else failures.times:
        if node != origin:
            counts[channel_of[node]] = counts.get(channel_of[node], 0) + 1
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _check_nations(model: Model, graph: ServiceGraph, nations: Collection[str]) -> tuple[str, ...]:
    """Resolve the nations asked; each must be a foreign nation in service."""
    out = set()
    for text in nations:
        nation = resolve(model, text)
        node = model.nodes[nation]
        if node.kind != "nation":
            example = option("--nation USA", "nations=['USA']")
            raise ScenarioError(f"{nation} is a {node.kind}, not a nation — name a nation (e.g. {example})")
        if nation == model.home:
            raise ScenarioError(f"{nation} is the home nation — exposure is measured for foreign nations only")
        if nation not in graph.requires:
            raise ScenarioError(f"{nation} is not in service in this scenario — name a nation in service")
        out.add(nation)
    return tuple(sorted(out))
