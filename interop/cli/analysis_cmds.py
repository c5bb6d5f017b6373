"""Analysis commands: what-if and spof."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

import click

from ..errors import GateTripped
from ..model import KINDS
from . import cli
from .options import (
    CONTEXT,
    ScenarioCommand,
    build_scenario,
    emit,
    format_options,
    load,
    model_option,
    on_option,
    render,
    scenario_options,
    split_kinds,
    structural_options,
)

TERMINAL_GROUPS = 10  # groups of cut sets of each size shown on a terminal without --all
WHAT_IF_GATES = ("capability-lost", "link-lost", "new-spof", "any-failure")


@cli.command("what-if", cls=ScenarioCommand, context_settings=CONTEXT)
@model_option
@scenario_options
@format_options
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    type=click.Choice(WHAT_IF_GATES),
    help="Exit 1 (after writing the output) if the scenario loses a capability, loses a link, "
    "adds a single point of failure, or fails anything. Repeatable.",
)
@click.option(
    "--timeline",
    is_flag=True,
    default=False,
    help="Also list the events day by day (node fails, capability lost, link lost) up to the last one.",
)
@click.pass_context
def what_if(
    ctx: click.Context,
    model_path: str | None,
    replace: tuple[str, ...],
    mix: tuple[str, ...],
    with_: tuple[str, ...],
    remove: tuple[str, ...],
    embargo: tuple[str, ...],
    at_days: int | None,
    on: Any,
    fmt: str,
    output: str | None,
    fail_on: tuple[str, ...],
    timeline: bool,
) -> None:
    """What breaks, and when: run a scenario against the baseline.

    Replacements and mixes apply first (in the order given), then removals, then embargoes.
    The answer lists the capabilities lost with the day each is lost, every failed node,
    the interoperability links lost / kept / gained (by partner nation and data link), the
    single points of failure the change adds or removes, and what is no longer needed.

    \b
    Examples:
      interop what-if --replace F-35 --with Gripen
      interop what-if --embargo USA --at 90
      interop what-if --replace F-35 --with Gripen --embargo USA --format markdown -o gripen-usa.md
      interop what-if --remove Pratt-Whitney --format json
      interop what-if --mix F-35 --with Gripen --embargo SWE
      interop what-if --embargo USA --timeline
      interop what-if --replace F-35 --with Gripen --on 2035

    On a date (--on, default the model's as_of) only fleets within their service windows
    serve; what then lacks something it needs is a gap, listed apart from failures with why.
    """
    from ..analysis import what_if as run

    model = load(model_path)
    scenario = build_scenario(ctx, replace, mix, with_, remove, embargo, at_days, on)
    result = run(model, scenario)
    if timeline:
        emit(_with_timeline(fmt, result), output, model, fmt=fmt)
    else:
        emit(render(fmt, result), output, model, fmt=fmt)
    tripped = [gate for gate in fail_on if _gate(gate, result)]
    if tripped:
        raise GateTripped(f"--fail-on tripped: {', '.join(tripped)}")


def _with_timeline(fmt: str, result: Any) -> str:
    """The what-if output plus its timeline (JSON: an extra "timeline" key; contract keys unchanged)."""
    from ..analysis.timeline import WhatIfTimeline, timeline

    events = timeline(result)
    if fmt == "json":
        from ..render.json import dumps

        return dumps({**result.to_dict(), "timeline": [event.to_dict() for event in events]})
    return render(fmt, WhatIfTimeline(result, events))


def _explosion(stop: Any, capabilities: tuple[str, ...], kinds: tuple[str, ...] | None) -> str:
    """Why the cut-set search was stopped, with the figure it reached, and how to narrow it."""
    narrow = ["a lower --max-order"] if stop.max_order > 1 else []
    if not capabilities:
        narrow.insert(0, "--capability ID (one capability at a time)")
    if not kinds:
        narrow.insert(1 if not capabilities else 0, "--kinds supplier,nation (only some kinds of node)")
    if stop.reason == "cut_sets":
        what = (
            f"{stop.target} has {stop.figure:,} minimal cut sets of {stop.max_order} or fewer nodes "
            f"(counted exactly; this command lists at most {stop.limit:,})"
        )
    else:
        what = (
            f"the cut-set search at --max-order {stop.max_order} was stopped after {stop.figure:,} steps of work "
            f"(the limit is {stop.limit:,}), {stop.done} of {stop.total} parts done"
        )
    hint = f"narrow it with {', '.join(narrow)}, or add --force" if narrow else "add --force"
    return f"{what} — {hint} to run it anyway"


def _gate(gate: str, result: Any) -> bool:
    return bool(
        {
            "capability-lost": result.capabilities_lost,
            "link-lost": result.links_lost,
            "new-spof": result.spof_added,
            "any-failure": result.failed,
        }[gate]
    )


@cli.command(cls=ScenarioCommand, context_settings=CONTEXT)
@model_option
@click.option(
    "--capability",
    "-c",
    "capabilities",
    multiple=True,
    metavar="ID",
    help="Capability (or any in-service node) to analyse. Repeatable. Default: every capability.",
)
@click.option(
    "--max-order",
    "-k",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Largest cut set to report (1 = single points of failure, 2 = pairs, 3 = triples).",
)
@click.option(
    "--kinds",
    callback=split_kinds,
    default=None,
    metavar="K1,K2",
    help=f"Only cut sets made of these kinds ({', '.join(KINDS)}).",
)
@structural_options("Analyse after replacing ID …")
@on_option
@format_options
@click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice(("spof",)),
    default=None,
    help="Exit 1 (after writing the output) if any capability has a single point of failure.",
)
@click.option(
    "--force",
    is_flag=True,
    default=False,
    help="Run even if the cut-set search looks explosive (it is stopped, with an explanation, otherwise).",
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    default=False,
    help="Text and Markdown: also show cut sets that contain another capability (left out by default: "
    "not something to act on), and on a terminal every group instead of the first 10. JSON always "
    "lists every cut set.",
)
@click.pass_context
def spof(
    ctx: click.Context,
    model_path: str | None,
    capabilities: tuple[str, ...],
    max_order: int,
    kinds: tuple[str, ...] | None,
    replace: tuple[str, ...],
    mix: tuple[str, ...],
    with_: tuple[str, ...],
    on: Any,
    fmt: str,
    output: str | None,
    fail_on: str | None,
    force: bool,
    show_all: bool,
) -> None:
    """Single points of failure and minimal cut sets for each capability.

    A cut set is a set of nodes (never the capability itself or the home nation) whose loss on
    day 0 makes the capability fail eventually; minimal means no smaller part of it would.
    Text and Markdown group the cut sets of each size into "one of {…} together with one of {…}"
    (exactly the same sets, written shorter) and leave out those that contain another capability
    (--all shows them); a terminal shows the first 10 groups of each size.

    \b
    Examples:
      interop spof
      interop spof --capability NORAD-Air-Sovereignty --max-order 3
      interop spof --kinds supplier,nation --format markdown
      interop spof --replace F-35 --with Gripen
      interop spof --capability NORAD-Air-Sovereignty --on 2027

    A query whose answer is too big to list (over 2,000,000 cut sets for one capability, counted
    exactly first) or whose search passes a large safety limit of work is stopped with the
    figure and exit 2 (narrow it, or add --force to run it anyway).
    """
    from ..analysis import spof as run
    from ..analysis.cost import DEFAULT_BUDGET, DEFAULT_MAX_CUT_SETS, CutSetBudgetExceeded
    from .progress import progress_bar

    model = load(model_path)
    scenario = build_scenario(ctx, replace, mix, with_, (), (), None, on)
    budget = None if force else DEFAULT_BUDGET
    max_cut_sets = None if force else DEFAULT_MAX_CUT_SETS
    try:
        with progress_bar("Finding cut sets") as progress:
            result = run(
                model,
                capabilities or None,
                max_order=max_order,
                kinds=kinds,
                scenario=scenario,
                progress=progress,
                budget=budget,
                max_cut_sets=max_cut_sets,
            )
    except CutSetBudgetExceeded as stop:
        raise click.UsageError(_explosion(stop, capabilities, kinds), ctx) from None
    on_terminal = fmt == "text" and (not output or output == "-") and sys.stdout.isatty()
    result = dataclasses.replace(result, show_all=show_all, limit=TERMINAL_GROUPS if on_terminal else None)
    emit(render(fmt, result), output, model, fmt=fmt)
    if fail_on == "spof" and any(len(s) == 1 for sets in result.cut_sets.values() for s in sets):
        raise GateTripped("--fail-on spof tripped: a capability has a single point of failure")


HORIZON_FORMATS = ("text", "markdown", "json", "svg", "png", "mermaid")


@cli.command(cls=ScenarioCommand, context_settings=CONTEXT)
@model_option
@click.option(
    "--from",
    "from_year",
    type=click.IntRange(1000, 9999),
    default=None,
    metavar="YEAR",
    help="First year (default: the year of the model's as_of).",
)
@click.option(
    "--to",
    "to_year",
    type=click.IntRange(1000, 9999),
    default=None,
    metavar="YEAR",
    help="Last year (default: 14 years after the first).",
)
@structural_options("Plan: replace ID …")
@click.option("--remove", multiple=True, metavar="ID", help="ID fails on day 0 on every date. Repeatable.")
@click.option(
    "--embargo",
    multiple=True,
    metavar="NATION",
    help="NATION fails on day 0 on every date: the day each capability falls. Repeatable.",
)
@format_options(
    formats=HORIZON_FORMATS,
    format_help="text, markdown (tables and a Mermaid gantt), json, svg or png (a chart for a slide), "
    "mermaid (the gantt).",
)
@click.pass_context
def horizon(
    ctx: click.Context,
    model_path: str | None,
    from_year: int | None,
    to_year: int | None,
    replace: tuple[str, ...],
    mix: tuple[str, ...],
    with_: tuple[str, ...],
    remove: tuple[str, ...],
    embargo: tuple[str, ...],
    fmt: str,
    output: str | None,
) -> None:
    """A planning horizon: the baseline and the scenario year by year.

    On 1 January of each year, and on every date inside the range where a fleet enters or leaves
    service: the capabilities held, the gaps (with why), the capabilities that hold only through a
    node leaving service within the range, single points of failure, interoperability links by
    partner, and (with --remove/--embargo) the day each capability falls.

    \b
    Examples:
      interop horizon --replace F-35 --with Gripen
      interop horizon --from 2026 --to 2040 --replace F-35 --with Gripen --embargo SWE
      interop horizon --replace F-35 --with Gripen -o horizon.md
      interop horizon --replace F-35 --with Gripen --embargo SWE -o horizon.svg
      interop horizon --from 2026 --to 2040 --replace F-35 --with Gripen -o horizon.png
    """
    from ..analysis.horizon import horizon as run
    from ..render import horizon as draw

    if fmt == "png" and not output:
        raise click.UsageError("png is binary: give a file with -o FILE.png, or -o - to pipe it (or use svg)", ctx)
    if from_year is not None and to_year is not None and to_year < from_year:
        raise click.BadParameter(f"--to {to_year} is before --from {from_year}", ctx, param_hint="--to")
    model = load(model_path)
    scenario = build_scenario(ctx, replace, mix, with_, remove, embargo, None)
    result = run(model, scenario, from_year, to_year)
    if fmt == "json":
        from ..render.json import dumps

        text = dumps(result.to_dict())
    elif fmt == "markdown":
        text = draw.markdown(result)
    elif fmt == "svg":
        text = draw.svg(result)
    elif fmt == "png":
        from ..layout import render_dot

        emit(render_dot(draw.chart_dot(result), "png"), output, model, fmt=fmt)
        return
    elif fmt == "mermaid":
        text = "\n".join(draw.gantt_lines(result)) + "\n"
    else:
        text = draw.text(result)
    emit(text, output, model, fmt=fmt)
