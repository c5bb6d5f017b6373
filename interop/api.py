"""The Python API: a few plain functions over the analysis layer, for notebooks and scripts.

>>> import interop
>>> m = interop.from_dict([
...     {"id": "PW", "kind": "supplier"},
...     {"id": "F135", "kind": "component", "requires": [{"id": "PW", "grace_days": 60}]},
...     {"id": "QRA", "kind": "capability", "requires": ["F135"]},
... ])
>>> r = interop.what_if(m, remove=["PW"])
>>> [(f.id, f.at_days) for f in r.capabilities_lost]
[('QRA', 60)]
>>> interop.spof(m).cut_sets["QRA"]
(('F135',), ('PW',))
>>> interop.what_if(m, remove=["PW"])
<WhatIfResult remove PW: 1 of 1 capabilities lost, 3 nodes failed, links 0 lost / 0 kept / 0 gained>

Every command of the CLI has a function here (what_if, spof, explain, exposure, compare,
timeline, report, diagram, plus load/check, export and schema). The results are the analysis
layer's own types (``WhatIfResult``, ``SpofResult``, ``Explanation``, ``ExposureResult``,
``CompareResult``, ``Timeline``) or, for documents, :class:`Report` and :class:`Diagram`: each has
``to_dict()`` (the CLI's JSON), a short ``repr`` and a notebook display (tables, or a picture),
registered here so the analysis layer stays free of rendering.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import notebook
from .analysis import Scenario, ServiceGraph, SpofResult, Study, WhatIfResult
from .analysis import spof as _spof
from .analysis.compare import CompareResult
from .analysis.compare import compare as _compare
from .analysis.explain import Explanation
from .analysis.exposure import ExposureResult
from .analysis.pagefit import PAGE_NODES
from .analysis.timeline import Timeline
from .analysis.views import View, diagram_view
from .model import Model, load_model, model_from_data

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .analysis.horizon import HorizonResult
    from .analysis.sensitivity import SensitivityResult
    from .render.report import Briefing

notebook.register()

Pairs = Mapping[str, str] | Iterable[tuple[str, str]]
Ids = str | Iterable[str]
DateLike = str | int | datetime.date | None
"""A DATE (``"2035"``, ``"2035-06"``, ``"2035-06-30"``, ``2035`` or a ``datetime.date``): its first day."""


def _on(value: DateLike) -> datetime.date | None:
    """The first day of ``value``'s period (None: the model's as_of, or no dates without one)."""
    if value is None or isinstance(value, datetime.date):
        return value
    from .model.dates import DateFormError, first_day

    try:
        return first_day(value)
    except DateFormError as error:
        raise ValueError(f"on={value!r}: {error}") from None


def load(path: str | os.PathLike[str] | Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None) -> Model:
    """Load and validate a model: a YAML file, a directory of them, Python data (see ``from_dict``),
    or, with no argument, the shipped Canada model. Raises ``interop.ModelError`` listing every
    problem as ``file:line: what — how to fix``."""
    if path is None:
        from .shipped import shipped_model_path

        return load_model(shipped_model_path())
    if isinstance(path, (Mapping, list, tuple)):
        return from_dict(path)
    return load_model(path)


def from_dict(data: Mapping[str, Any] | Sequence[Mapping[str, Any]], origin: str = "<data>") -> Model:
    """A model from Python data shaped like a model file (``{"model": {...}, "nodes": [...]}``) or
    from a bare list of node mappings; validated like a file (messages name ``origin``)."""
    return model_from_data(data, origin)


def scenario(
    replace: Pairs = (),
    mix: Pairs = (),
    remove: Ids = (),
    embargo: Ids = (),
    at_days: int | None = None,
    on: DateLike = None,
) -> Scenario:
    """A Scenario from keyword arguments; pairs may be a dict ``{"F-35": "Gripen"}`` or tuples,
    and a single id may be given as a plain string. ``on`` is the date asked about (default:
    the model's as_of)."""
    return Scenario.build(
        replace=_pairs(replace),
        mix=_pairs(mix),
        remove=_ids(remove),
        embargo=_ids(embargo),
        at_days=at_days,
        on=_on(on),
    )


def what_if(
    model: Model,
    replace: Pairs = (),
    mix: Pairs = (),
    remove: Ids = (),
    embargo: Ids = (),
    at_days: int | None = None,
    on: DateLike = None,
) -> WhatIfResult:
    """What breaks, and when: the same answer as ``interop what-if``.

    Replacements and mixes apply first (in order), then removals, then embargoes; ``at_days``
    looks at one day instead of "eventually". Ids may be aliases in any case. ``on`` asks on a
    date (``on="2035"``; default: the model's as_of): gaps in ``gaps_scenario``/``gaps_baseline``
    with ``gap_reasons``, and ``changes``: the later dates on which the answer changes.
    """
    from .analysis.whatif import what_if as run

    return run(model, scenario(replace, mix, remove, embargo, at_days, on))


def study(
    model: Model,
    replace: Pairs = (),
    mix: Pairs = (),
    remove: Ids = (),
    embargo: Ids = (),
    at_days: int | None = None,
    on: DateLike = None,
) -> Study:
    """The scenario resolved and applied once (``interop.analysis.study.Study``): ask it several
    questions (``.what_if()``, ``.exposure()``, ``.timeline()``, ``.explain(ID)``) at the cost of one."""
    return Study.of(model, scenario(replace, mix, remove, embargo, at_days, on))


def check(path: str | os.PathLike[str] | None = None) -> Model:
    """``interop check``: load and validate (``interop.ModelError`` lists every problem)."""
    return load(path)


def explain(
    model: Model,
    node: str,
    replace: Pairs = (),
    mix: Pairs = (),
    remove: Ids = (),
    embargo: Ids = (),
    at_days: int | None = None,
    on: DateLike = None,
) -> Explanation:
    """Why ``node`` fails in the scenario (the chain of causes, root first) or why it holds:
    the same answer as ``interop explain``."""
    return study(model, replace, mix, remove, embargo, at_days, on).explain(node)


def sensitivity(
    model: Model,
    replace: Pairs = (),
    mix: Pairs = (),
    remove: Ids = (),
    embargo: Ids = (),
    at_days: int | None = None,
    on: DateLike = None,
) -> SensitivityResult:
    """What the scenario's answer rests on: each grace assumption at the ends of its stated range,
    each low-confidence fact dropped; the same answer as ``interop sensitivity``."""
    from .analysis.sensitivity import sensitivity as run

    return run(model, scenario(replace, mix, remove, embargo, at_days, on))


def exposure(
    model: Model,
    nations: Ids | None = None,
    replace: Pairs = (),
    mix: Pairs = (),
    at_days: int | None = None,
    on: DateLike = None,
) -> ExposureResult:
    """What an embargo of each foreign nation (or of ``nations``) alone costs, after the
    replacements/mixes: the same answer as ``interop exposure``."""
    return study(model, replace, mix, at_days=at_days, on=on).exposure(None if nations is None else _ids(nations))


Option = Scenario | Mapping[str, Pairs] | None


def compare(model: Model, options: Iterable[Option], nations: Ids | None = None, on: DateLike = None) -> CompareResult:
    """The decision table of ``interop compare``: one row per option, in order, on ``on``
    (default: the model's as_of; ``interop compare --on`` several times is one call per date).

    An option is ``None`` (keep the baseline), a mapping ``{"replace": {"F-35": "Gripen"}}`` or
    ``{"mix": [("F-35", "Gripen")]}``, or a Scenario; only replacements and mixes count.
    """
    scenarios = []
    for option in options:
        if option is None:
            scenarios.append(Scenario())
        elif isinstance(option, Scenario):
            scenarios.append(option)
        else:
            unknown = sorted(set(option) - {"replace", "mix"})
            if unknown:
                raise TypeError(f"an option takes 'replace' and 'mix' only, not {', '.join(unknown)}")
            scenarios.append(scenario(option.get("replace", ()), option.get("mix", ())))
    return _compare(model, scenarios, None if nations is None else _ids(nations), _on(on))


def timeline(
    model: Model,
    replace: Pairs = (),
    mix: Pairs = (),
    remove: Ids = (),
    embargo: Ids = (),
    at_days: int | None = None,
    on: DateLike = None,
) -> Timeline:
    """The events day by day (``interop what-if --timeline``), on ``on`` (default: as_of)."""
    answer = study(model, replace, mix, remove, embargo, at_days, on)
    return Timeline(model, answer.scenario, answer.events)


@dataclass(frozen=True)
class Diagram:
    """A diagram (``interop diagram``): the selected :class:`View`, drawn on demand as DOT,
    Mermaid, SVG or PNG. In a notebook it shows as SVG."""

    view: View

    def __repr__(self) -> str:
        return f"<Diagram {self.view!r}>"

    def to_dict(self) -> dict[str, Any]:
        return self.view.to_dict()

    def to_dot(self) -> str:
        """DOT text; control characters in names written with DOT's own escape (see interop.escape)."""
        from .escape import DOT_BACKSLASH, escape_controls
        from .render.dot import to_dot

        return escape_controls(to_dot(self.view), DOT_BACKSLASH)

    def to_mermaid(self) -> str:
        """Mermaid text (``MermaidTooLarge`` past what GitHub accepts: use ``focus=``)."""
        from .render.mermaid import to_mermaid

        return to_mermaid(self.view)

    def to_svg(self) -> str:
        """SVG text, laid out by Graphviz (``dot`` or the bundled ``graphviz-pure``)."""
        return self.render("svg").decode("utf-8")

    def render(self, fmt: str) -> bytes:
        """``svg`` or ``png`` bytes."""
        from .layout import render_dot

        return render_dot(self.to_dot(), fmt)

    def _repr_svg_(self) -> str:
        return self.to_svg()


def diagram(
    model: Model,
    replace: Pairs = (),
    mix: Pairs = (),
    remove: Ids = (),
    embargo: Ids = (),
    at_days: int | None = None,
    *,
    focus: str | None = None,
    depth: int = 2,
    group_by: str = "nation",
    whole: bool = False,
    max_nodes: int | None = PAGE_NODES,
    on: DateLike = None,
) -> Diagram:
    """What ``interop diagram`` draws: the whole model, around ``focus``, or a scenario (only what
    it touches unless ``whole`` or ``focus``), folded and cut to ``max_nodes`` boxes (None: all),
    on ``on`` (default: the model's as_of)."""
    answer = study(model, replace, mix, remove, embargo, at_days, on)
    return Diagram(scenario_view(answer, focus=focus, depth=depth, group_by=group_by, whole=whole, max_nodes=max_nodes))


def scenario_view(
    answer: Study,
    *,
    focus: str | None = None,
    depth: int = 2,
    group_by: str = "nation",
    whole: bool = False,
    max_nodes: int | None = PAGE_NODES,
) -> View:
    """The diagram view of a study, as ``interop diagram`` selects it (shared by the CLI)."""
    model = answer.model
    limit = max_nodes or None
    if answer.scenario.is_baseline and answer.scenario.at_days is None:
        return diagram_view(model, focus=focus, depth=depth, group_by=group_by, state=answer.baseline, max_nodes=limit)
    result = answer.what_if()
    impact = not whole and focus is None and not answer.scenario.is_baseline
    return diagram_view(model, result, focus=focus, depth=depth, group_by=group_by, impact=impact, max_nodes=limit)


@dataclass(frozen=True)
class Report:
    """A briefing report (``interop report``): Markdown or self-contained HTML on demand."""

    briefing: Briefing

    def __repr__(self) -> str:
        return f"<Report what if: {self.briefing.result.scenario.describe()}>"

    def to_markdown(self) -> str:
        from .render.report import to_markdown

        return to_markdown(self.briefing)

    def to_html(self) -> str:
        from .render.html import to_html

        return to_html(self.briefing)

    def to_dict(self) -> dict[str, Any]:
        """The facts the report states: the what-if, the exposure, and what its diagram shows."""
        b = self.briefing
        return {"what_if": b.result.to_dict(), "exposure": b.exposure.to_dict(), "diagram": b.view.to_dict()}

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_html_(self) -> str:
        return self.to_html()


def report(
    model: Model,
    replace: Pairs = (),
    mix: Pairs = (),
    remove: Ids = (),
    embargo: Ids = (),
    at_days: int | None = None,
    *,
    focus: str | None = None,
    depth: int = 1,
    diagram: str = "mermaid",
    max_nodes: int | None = PAGE_NODES,
    on: DateLike = None,
) -> Report:
    """The briefing report of ``interop report`` (``diagram``: mermaid, svg or none), on ``on``
    (default: the model's as_of); its diagram folded and cut to ``max_nodes`` boxes."""
    answer = study(model, replace, mix, remove, embargo, at_days, on)
    return Report(briefing(answer, diagram, focus=focus, depth=depth, max_nodes=max_nodes))


def briefing(
    answer: Study,
    kind: str,
    *,
    focus: str | None = None,
    depth: int = 1,
    svg_name: str | None = None,
    max_nodes: int | None = PAGE_NODES,
) -> Briefing:
    """Everything a report is made of, from one study (shared by the CLI's ``report``).

    ``kind`` is the diagram: mermaid (embedded), svg (inline in HTML, or the file ``svg_name``
    beside a Markdown report) or none.
    """
    from .render import report as render_report
    from .render.mermaid import MermaidTooLarge

    if kind not in ("mermaid", "svg", "none"):
        raise ValueError(f"unknown diagram kind {kind!r} — use mermaid, svg or none")
    result, model = answer.what_if(), answer.model
    if focus is not None:
        view = diagram_view(model, result, focus=focus, depth=depth, max_nodes=max_nodes or None)
    else:
        view = diagram_view(model, result, impact=not answer.scenario.is_baseline, max_nodes=max_nodes or None)
    image: str | None = None
    note: str | None = None
    if kind == "svg":
        image = Diagram(view).to_svg()
    elif kind == "mermaid":
        try:
            image = Diagram(view).to_mermaid()
        except MermaidTooLarge as exc:
            note = f"Diagram left out: {exc}."
    else:
        note = "Diagram left out (--diagram none)."
    from .analysis.cost import CutSetBudgetExceeded
    from .analysis.sensitivity import sensitivity_of

    rests_on = sensitivity_of(answer)
    try:
        pairs: SpofResult | None = answer.pairs
    except CutSetBudgetExceeded:
        pairs = None
    return render_report.Briefing(result, answer.exposure(), view, kind, image, svg_name, note, rests_on, pairs)


def export(
    model: Model,
    fmt: str,
    *,
    capability: str | None = None,
    kinds: Collection[str] | None = None,
    replace: Pairs = (),
    mix: Pairs = (),
    on: DateLike = None,
) -> str | tuple[str, str]:
    """``interop export`` as text: graphml, gexf, json (node-link) or open-psa (needs
    ``capability``; ``kinds`` as spof's); csv gives the pair (nodes.csv, edges.csv). With ``on``,
    the graph as it stands on that date (only what is in service then)."""
    from .errors import ScenarioError
    from .model import resolve

    answer = study(model, replace, mix, on=on)
    graph = answer.structure if answer.is_structural or on is not None else None
    if fmt == "csv":
        from .interchange.csvio import to_csv

        if graph is not None:
            raise ScenarioError("csv exports the model itself: leave out the replacements, mixes and date")
        return to_csv(model)
    if fmt == "open-psa":
        from .interchange.openpsa import to_open_psa

        if capability is None:
            raise ScenarioError(f"open-psa needs a capability (one of: {', '.join(answer.structure.capabilities)})")
        return to_open_psa(answer.structure, resolve(model, capability), tuple(kinds) if kinds else None)
    if fmt == "json":
        from .interchange.jsongraph import to_json_graph
        from .render.json import dumps

        return dumps(to_json_graph(graph or model))
    if fmt == "graphml":
        from .interchange.graphml import to_graphml

        return to_graphml(graph or model)
    if fmt == "gexf":
        from .interchange.gexf import to_gexf

        return to_gexf(graph or model)
    raise ValueError(f"unknown export format {fmt!r} — use graphml, gexf, json, csv or open-psa")


def horizon(
    model: Model,
    replace: Pairs = (),
    mix: Pairs = (),
    remove: Ids = (),
    embargo: Ids = (),
    start: int | None = None,
    end: int | None = None,
) -> HorizonResult:
    """The baseline and the scenario year by year from ``start`` to ``end`` (years; default: the
    model's as_of year and 14 years on), and on each date inside where a fleet enters or leaves
    service: the same answer as ``interop horizon``."""
    from .analysis.horizon import horizon as run

    return run(model, scenario(replace, mix, remove, embargo), start, end)


def spof(
    model: Model,
    capabilities: Ids | None = None,
    max_order: int = 2,
    kinds: Collection[str] | None = None,
    replace: Pairs = (),
    mix: Pairs = (),
    on: DateLike = None,
) -> SpofResult:
    """Minimal cut sets up to ``max_order`` for each capability (default: all in service), on the
    baseline or after replacements/mixes, on date ``on``: the same answer as ``interop spof``."""
    wanted = None if capabilities is None else _ids(capabilities)
    return _spof(model, wanted, max_order=max_order, kinds=kinds, scenario=scenario(replace, mix, on=on))


def service_graph(
    model: Model, replace: Pairs = (), mix: Pairs = (), remove: Ids = (), embargo: Ids = ()
) -> ServiceGraph:
    """What is in service after a scenario, with rewired requirements (for ``to_networkx``)."""
    return study(model, replace, mix, remove, embargo).state


def to_networkx(source: Model | ServiceGraph | WhatIfResult) -> nx.DiGraph:
    """A ``networkx.DiGraph``: an edge ``u -> v`` means u requires (or speaks) v; see
    ``interop.analysis.graph.to_networkx`` for the attributes. A WhatIfResult gives the graph
    in service after its scenario."""
    from .analysis.graph import to_networkx as convert

    if isinstance(source, WhatIfResult):
        source = source.graph if source.graph is not None else service_graph(source.model)
    return convert(source)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a model file, for editors and validators."""
    from .model.schema import model_schema

    return model_schema()


def _pairs(value: Pairs) -> list[tuple[str, str]]:
    items = value.items() if isinstance(value, Mapping) else value
    out = []
    for pair in items:
        if isinstance(pair, str) or len(pair) != 2:
            raise TypeError(f"expected (old, new) pairs, got {pair!r} — write e.g. [('F-35', 'Gripen')]")
        out.append((str(pair[0]), str(pair[1])))
    return out


def _ids(value: Ids) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value]
