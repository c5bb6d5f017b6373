"""A study: the answer to one question (a model and a scenario), worked out once.

Every command starts from a :class:`Study`: the scenario is resolved once, applied once, and its
cascade run once; everything a renderer prints (failures, links, SPOF changes, exposure rows,
timeline events, how each node was touched) is computed lazily from those, at most once, and read
from the study, never worked out again in a renderer or a second pass.

Shape (extend it with a field or a ``cached_property``; keep it frozen and pure):

- ``model``: the model asked about;
- ``scenario``: the scenario with canonical ids, operations in the order applied;
- ``baseline``: the model as it stands (no operation);
- ``state``: after every operation: replacements and mixes rewired, removals and embargoes as
  the day-0 failures (``state.initial_failures``);
- ``structure``: the same graph in service without the day-0 failures (what replacements and mixes
  alone give: compare, exposure and spof measure it);
- ``cascade``: failure day and cause of every node that fails in ``state``;
- lazily: ``failed``, ``capabilities_lost``/``kept``, link sets (``links_before``,
  ``links_structure``, ``links_after``, ``links_lost``/``kept``/``gained``/``carried``),
  ``spof_changes``, ``no_longer_needed``, ``answer_changes`` (the later dates on which the answer
  changes), ``origins`` (replaced / mixed / removed / embargoed, read from the scenario), and the
  results ``what_if()``, ``exposure()``, ``timeline()``, ``explain()``.

>>> from interop.model import model_from_data
>>> m = model_from_data({"model": {"home": "CAN"}, "nodes": [
...     {"id": "CAN", "kind": "nation"}, {"id": "USA", "kind": "nation"},
...     {"id": "S", "kind": "supplier", "nation": "USA"},
...     {"id": "C", "kind": "capability", "requires": [{"id": "S", "grace_days": 30}]}]})
>>> study = Study.of(m, Scenario.build(remove=["usa"]))
>>> [(f.id, f.at_days) for f in study.failed], study.origin("USA")
([('S', 0), ('USA', 0), ('C', 30)], 'removed')
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from ..model import Model
from .cascade import Cascade, cascade
from .links import CarriedLink, Link, carried_links, interoperability_links
from .scenario import STRUCTURAL, Scenario, ServiceGraph, apply_scenario, baseline, resolve_scenario

if TYPE_CHECKING:
    from .explain import Explanation
    from .exposure import ExposureResult
    from .timeline import Event
    from .whatif import Failure, SpofChange, SpofResult, StatusChange, WhatIfResult

Origin = Literal["replaced", "mixed", "removed", "embargoed"]
"""How the scenario itself touched a node (as opposed to a failure it caused)."""

ORIGIN_OF_OPERATION: Mapping[str, Origin] = MappingProxyType(
    {"replace": "replaced", "mix": "mixed", "remove": "removed", "embargo": "embargoed"}
)


def working_links(links: Collection[Link], failures: Cascade, at_days: int | None) -> frozenset[Link]:
    """The links of ``links`` whose two ends and data link all work (on ``at_days``, or eventually).

    Removals and embargoes change no structure, so the links after them are the structural links
    whose ends still work: the same set ``interoperability_links(graph, failures, at_days)`` gives,
    without a second pass over the graph (one set look-up per end: O(links)).
    """
    times = failures.times
    failed = times.keys() if at_days is None else {n for n, t in times.items() if t <= at_days}
    if not failed:
        return frozenset(links)
    return frozenset(link for link in links if link.a not in failed and link.b not in failed and link.via not in failed)


@dataclass(frozen=True, eq=False)
class Study:
    """One question, answered once: see the module docstring for the fields and what is lazy."""

    model: Model
    scenario: Scenario
    baseline: ServiceGraph
    state: ServiceGraph

    def __repr__(self) -> str:
        return f"<Study {self.scenario.describe()} on {self.model!r}>"

    @classmethod
    def of(cls, model: Model, scenario: Scenario | None = None) -> Study:
        """Resolve ``scenario`` (ids or aliases, any case) and apply it to ``model``, once.

        Raises ScenarioError for an unknown id or a violated precondition (contract: exit 3).
        """
        resolved = resolve_scenario(model, scenario or Scenario())
        state = apply_scenario(model, resolved)
        return cls(model, resolved, baseline(model, resolved.on), state)

    # --- structure -------------------------------------------------------------------------------

    @cached_property
    def structural_scenario(self) -> Scenario:
        """The scenario's replacements and mixes only (``at_days`` and the date kept)."""
        ops = tuple(op for op in self.scenario.operations if op.op in STRUCTURAL)
        return Scenario(ops, self.scenario.at_days, self.scenario.on)

    @cached_property
    def structure(self) -> ServiceGraph:
        """The graph in service after the replacements and mixes, with no day-0 failure."""
        if not self.state.initial_failures:
            return self.state
        if not self.structural_scenario.operations:
            return self.baseline
        graph = ServiceGraph(
            self.model,
            self.state.requires,
            entered=self.state.entered,
            left=self.state.left,
            operations=self.structural_scenario.operations,
            on=self.state.on,
            gaps=self.state.gaps,
            gap_causes=self.state.gap_causes,
            out_of_window=self.state.out_of_window,
            plan=self.state.plan,
        )
        graph.__dict__["dependents"] = self.state.dependents  # same requirements: share the index
        return graph

    @property
    def at_days(self) -> int | None:
        return self.scenario.at_days

    @cached_property
    def is_structural(self) -> bool:
        """True when the scenario replaces or mixes something (the structure changes)."""
        return bool(self.structural_scenario.operations)

    @cached_property
    def origins(self) -> Mapping[str, Origin]:
        """How the scenario touched each node it names: replaced, mixed, removed or embargoed.

        A node named by several operations keeps the last one applied (a nation removed and
        embargoed reads "embargoed"), as explain and the timeline always did.
        """
        out: dict[str, Origin] = {}
        for op in self.scenario.operations:
            out[op.target] = ORIGIN_OF_OPERATION[op.op]
        return MappingProxyType(dict(sorted(out.items())))

    def origin(self, node_id: str) -> Origin | None:
        """How the scenario touched ``node_id`` (None: it did not name it)."""
        return self.origins.get(node_id)

    # --- failures --------------------------------------------------------------------------------

    @cached_property
    def cascade(self) -> Cascade:
        """Failure day and cause of every node that fails after the day-0 failures."""
        return cascade(self.state)

    @cached_property
    def failed(self) -> tuple[Failure, ...]:
        """Every node failed (by ``at_days``, or eventually), sorted by (day, id)."""
        from .whatif import Failure

        failed = self.cascade.failed(self.at_days)
        return tuple(Failure(n, t) for n, t in sorted(failed.items(), key=lambda kv: (kv[1], kv[0])))

    @cached_property
    def capabilities_lost(self) -> tuple[Failure, ...]:
        capabilities = set(self.state.capabilities)
        return tuple(f for f in self.failed if f.id in capabilities)

    @cached_property
    def capabilities_kept(self) -> tuple[str, ...]:
        lost = {f.id for f in self.capabilities_lost}
        return tuple(c for c in self.state.capabilities if c not in lost)

    # --- links -----------------------------------------------------------------------------------

    @cached_property
    def links_before(self) -> frozenset[Link]:
        """Links of the baseline."""
        return interoperability_links(self.baseline)

    @cached_property
    def links_structure(self) -> frozenset[Link]:
        """Links after the replacements and mixes, nothing failed."""
        if self.structure is self.baseline:
            return self.links_before
        return interoperability_links(self.structure)

    @cached_property
    def links_after(self) -> frozenset[Link]:
        """Links after the whole scenario (on ``at_days``, or eventually)."""
        if not self.state.initial_failures:
            return self.links_structure
        return working_links(self.links_structure, self.cascade, self.at_days)

    @cached_property
    def links_lost(self) -> tuple[Link, ...]:
        return tuple(sorted(self.links_before - self.links_after))

    @cached_property
    def links_kept(self) -> tuple[Link, ...]:
        return tuple(sorted(self.links_before & self.links_after))

    @cached_property
    def links_gained(self) -> tuple[Link, ...]:
        return tuple(sorted(self.links_after - self.links_before))

    @cached_property
    def links_carried(self) -> tuple[CarriedLink, ...]:
        replacements = [(op.target, op.replacement) for op in self.scenario.operations if op.op == "replace"]
        pairs = [(a, b) for a, b in replacements if b is not None]
        return carried_links(self.links_lost, self.links_gained, pairs)

    # --- structure changes -----------------------------------------------------------------------

    @cached_property
    def spof_changes(self) -> tuple[tuple[SpofChange, ...], tuple[SpofChange, ...]]:
        """(added, removed) single points of failure: what the replacements and mixes change."""
        from .whatif import spof_changes

        if not (self.state.entered or self.state.left):
            return (), ()
        return spof_changes(self.baseline, self.state)

    @cached_property
    def no_longer_needed(self) -> tuple[str, ...]:
        """Nodes still in service that a capability needed before the change and none needs after."""
        from .whatif import no_longer_needed

        return no_longer_needed(self.baseline, self.state)

    @cached_property
    def answer_changes(self) -> tuple[StatusChange, ...]:
        """The later dates on which this question's answer changes, and how (date order).

        On a dated study of a model with service dates: each day after ``scenario.on`` on which a
        capability's status (holds / lost day N / gap / not in service) or the link count changes,
        as fleets enter and leave service; re-asking with ``--on`` that date shows the new answer.
        Empty when the study has no date or the model no service dates.
        """
        if self.scenario.on is None or not self.model.has_service_dates:
            return ()
        from .whatif import answer_changes

        return answer_changes(self.what_if(with_spof=False))

    # --- results ---------------------------------------------------------------------------------

    def what_if(self, *, with_spof: bool = True) -> WhatIfResult:
        """The what-if answer (``with_spof``: include the SPOF changes of the structure)."""
        from .whatif import WhatIfResult, gap_reasons

        added, removed = self.spof_changes if with_spof else ((), ())
        return WhatIfResult(
            model=self.model,
            scenario=self.scenario,
            failed=self.failed,
            capabilities_lost=self.capabilities_lost,
            capabilities_kept=self.capabilities_kept,
            links_lost=self.links_lost,
            links_kept=self.links_kept,
            links_gained=self.links_gained,
            links_carried=self.links_carried,
            entered_service=self.state.entered,
            left_service=self.state.left,
            no_longer_needed=self.no_longer_needed,
            spof_added=added,
            spof_removed=removed,
            origins=self.origins,
            gaps_baseline=self.baseline.gaps,
            gaps_scenario=self.state.gaps,
            gap_reasons={"baseline": gap_reasons(self.baseline), "scenario": gap_reasons(self.state)},
            graph=self.state,
            failures=self.cascade,
            study=self,
        )

    @cached_property
    def _exposure_all(self) -> ExposureResult:
        from .exposure import measure_exposure

        return measure_exposure(self, None)

    def exposure(self, nations: Collection[str] | None = None) -> ExposureResult:
        """What an embargo of each foreign nation (or of ``nations``) alone costs on ``structure``."""
        if nations is None:
            return self._exposure_all
        from .exposure import measure_exposure

        return measure_exposure(self, nations)

    @cached_property
    def events(self) -> tuple[Event, ...]:
        """The what-if's events day by day (see analysis/timeline.py)."""
        from .timeline import study_events

        return study_events(self)

    def timeline(self) -> tuple[Event, ...]:
        return self.events

    @cached_property
    def pairs(self) -> SpofResult:
        """Minimal cut sets of order ≤ 2 of every capability in service on ``structure`` (what a
        briefing shows, grouped); raises CutSetBudgetExceeded when that is too costly to work out."""
        from .cost import DEFAULT_BUDGET
        from .cutsets import minimal_cut_sets
        from .whatif import SpofResult, gap_reasons

        graph = self.structure
        found = minimal_cut_sets(graph, None, max_order=2, budget=DEFAULT_BUDGET)
        return SpofResult(self.model, 2, None, found, self.structural_scenario, graph.gaps, gap_reasons(graph))

    def explain(self, node: str) -> Explanation:
        """Why ``node`` (id or alias) fails in this scenario, or why it holds."""
        from .explain import explain_in

        return explain_in(self, node)
