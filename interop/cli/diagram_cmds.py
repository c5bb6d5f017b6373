"""Diagram and report commands: draw the model or a scenario, write a briefing report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..analysis.pagefit import PAGE_NODES
from . import cli
from .options import (
    CONTEXT,
    ScenarioCommand,
    build_scenario,
    emit,
    format_options,
    load,
    model_option,
    scenario_options,
)

DIAGRAM_FORMATS = ("dot", "svg", "png", "mermaid")


def _study(ctx: click.Context, model: Any, options: dict[str, Any]) -> Any:
    """The study of the scenario options (resolved and applied once)."""
    from ..analysis.study import Study

    scenario = build_scenario(
        ctx,
        options["replace"],
        options["mix"],
        options["with_"],
        options["remove"],
        options["embargo"],
        options["at_days"],
        options["on"],
    )
    return Study.of(model, scenario)


@cli.command(cls=ScenarioCommand, context_settings=CONTEXT)
@model_option
@format_options(
    formats=DIAGRAM_FORMATS,
    default="dot",
    format_help="dot (Graphviz text), svg or png (laid out), mermaid (for Markdown on GitHub/GitLab/wikis).",
    output_help="Write to FILE (atomically); its extension (.dot/.gv, .svg, .png, .mmd) sets the format. "
    "'-' is standard output.",
)
@click.option("--focus", metavar="ID", default=None, help="Draw only what ID depends on and what depends on it.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="With --focus: how many steps to follow each way.",
)
@click.option(
    "--group-by",
    type=click.Choice(("nation", "kind")),
    default="nation",
    show_default=True,
    help="Draw a box around the nodes of each nation (the nation they depend on) or of each kind.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=0),
    default=PAGE_NODES,
    show_default=True,
    help="Boxes that fit a page: a larger view folds look-alike nodes of one nation into one box and, "
    "without --focus, draws the capabilities and what they need to the depth that fits (the title says "
    "what was left out). 0 draws everything.",
)
@click.option(
    "--all",
    "whole",
    is_flag=True,
    default=False,
    help="With scenario options and no --focus: colour the whole model instead of drawing only what "
    "the change touches.",
)
@scenario_options
@click.pass_context
def diagram(
    ctx: click.Context,
    model_path: str | None,
    fmt: str,
    output: str | None,
    focus: str | None,
    depth: int,
    group_by: str,
    max_nodes: int,
    whole: bool,
    **options: Any,
) -> None:
    """Draw the dependency graph: the whole model, around one node, or a scenario.

    Arrows run from what is needed to what needs it (left to right: suppliers, components,
    platforms, capabilities). Boxes group nodes by the nation they depend on; OR circles join
    alternatives; edge labels give grace days. With scenario options (as for what-if), failed
    nodes are red with the day they fail, nodes that left service are grey, nodes that enter
    service have a green border, single points of failure an orange one. The header gives the
    title, a legend of only what is drawn, and a table of the interoperability links the change
    loses, gains or carries over (by partner and data link). A scenario without --focus draws only
    what the change touches (and what needs a swapped node directly); add --all to colour the
    whole model instead. The whole-model view leaves out nodes with no dependency (partner assets
    that only matter for links). A view larger than a page (--max-nodes) is folded and cut, and
    its title says so and how to see the rest.

    \b
    Examples:
      interop diagram --focus QRA --format svg -o qra.svg
      interop diagram --focus F-35 --depth 1 --format png -o f35.png
      interop diagram --replace F-35 --with Gripen --focus Gripen --format svg -o gripen.svg
      interop diagram --embargo USA --format mermaid -o usa.mmd
      interop diagram --embargo USA --at 90 --all --format svg -o usa-all.svg
      interop diagram --group-by kind --format dot > model.dot
      interop diagram --max-nodes 0 -o everything.svg
    """
    from ..api import Diagram, scenario_view

    if fmt == "png" and not output:
        raise click.UsageError(
            "png is binary: give a file with -o FILE.png, or -o - to pipe it (or use --format svg)", ctx
        )
    model = load(model_path)
    study = _study(ctx, model, options)
    view = scenario_view(study, focus=focus, depth=depth, group_by=group_by, whole=whole, max_nodes=max_nodes)
    picture = Diagram(view)
    drawn = {"mermaid": picture.to_mermaid, "dot": picture.to_dot, "svg": picture.to_svg}
    emit(drawn[fmt]() if fmt in drawn else picture.render(fmt), output, model)


REPORT_FORMATS = ("markdown", "html")


@cli.command(cls=ScenarioCommand, context_settings=CONTEXT)
@model_option
@scenario_options
@format_options(
    formats=REPORT_FORMATS,
    default="markdown",
    format_help="markdown (for planning documents and wikis) or html (one self-contained file).",
    output_help="Write to FILE (atomically); .md or .html sets the format. '-' is standard output.",
)
@click.option(
    "--diagram",
    "diagram_fmt",
    type=click.Choice(("mermaid", "svg", "none")),
    default=None,
    help="Markdown: embed a Mermaid block (default) or write an SVG beside the report (needs -o). "
    "HTML always inlines an SVG.",
)
@click.option("--focus", metavar="ID", default=None, help="Centre the report's diagram on ID.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, help="With --focus: steps each way.")
@click.option(
    "--max-nodes",
    type=click.IntRange(min=0),
    default=PAGE_NODES,
    show_default=True,
    help="Boxes the report's diagram holds (folded and cut to fit, as for diagram); 0: everything.",
)
@click.pass_context
def report(
    ctx: click.Context,
    model_path: str | None,
    fmt: str,
    output: str | None,
    diagram_fmt: str | None,
    focus: str | None,
    depth: int,
    max_nodes: int,
    **options: Any,
) -> None:
    """A briefing report for one scenario, ready to paste into a planning document.

    A plain-words summary; capabilities lost with the day (timeline); interoperability links lost,
    kept and gained by partner and data link; single points of failure added and removed; what
    can fail each capability (its single points of failure and pairs, grouped); the
    exposure of the result to an embargo by each foreign nation; what the answer rests on (the
    assumptions that change it when moved inside their range, as `interop sensitivity` shows); a
    diagram of what the change touches; and numbered sources for every fact the report relies on.

    \b
    Examples:
      interop report --replace F-35 --with Gripen -o gripen.md
      interop report --embargo USA --at 90 -o usa-90.md --diagram svg
      interop report --replace F-35 --with Gripen --format html -o gripen.html
    """
    from ..api import briefing

    if fmt == "html" and diagram_fmt not in (None, "svg"):
        raise click.UsageError("--format html always inlines an SVG diagram: leave out --diagram", ctx)
    if diagram_fmt == "svg" and fmt == "markdown" and (not output or output == "-"):
        raise click.UsageError("--diagram svg writes the SVG beside the report: give the report a file with -o", ctx)
    model = load(model_path)
    study = _study(ctx, model, options)
    kind = "svg" if fmt == "html" else (diagram_fmt or "mermaid")
    svg_name = Path(str(output)).with_suffix(".svg").name if kind == "svg" and fmt == "markdown" else None
    document = briefing(study, kind, focus=focus, depth=depth, svg_name=svg_name, max_nodes=max_nodes)
    if fmt == "html":
        from ..render.html import to_html

        emit(to_html(document), output, model)
        return
    from ..render.report import to_markdown

    text = to_markdown(document)
    if svg_name is not None and document.image is not None and output:
        emit(document.image, str(Path(output).with_name(svg_name)), model)
    emit(text, output, model)
