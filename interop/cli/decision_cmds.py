"""Decision-support commands (issue 6): compare, exposure, explain."""

from __future__ import annotations

from typing import Any

import click

from . import cli
from .options import (
    CONTEXT,
    DateParam,
    ScenarioCommand,
    build_scenario,
    emit,
    format_options,
    load,
    model_option,
    on_option,
    render,
    scenario_options,
    structural_options,
)


def _nation_option(help_text: str):  # type: ignore[no-untyped-def]
    return click.option("--nation", "-n", "nations", multiple=True, metavar="NATION", help=help_text)


@cli.command(cls=ScenarioCommand, context_settings=CONTEXT)
@model_option
@click.option(
    "--replace", "replace", multiple=True, metavar="ID", help="Options that replace ID: one per --with after it."
)
@click.option("--mix", "mix", multiple=True, metavar="ID", help="Options that keep ID beside each --with after it.")
@click.option(
    "--with",
    "with_",
    multiple=True,
    metavar="ID",
    help="A candidate for the --replace/--mix before it. Repeatable; naming ID itself means keep ID (the baseline).",
)
@_nation_option("Only show embargoes of this nation. Repeatable. Default: every foreign nation in service.")
@click.option(
    "--on",
    "on",
    multiple=True,
    type=DateParam(),
    metavar="DATE",
    help="Compare on this date (YYYY, YYYY-MM or YYYY-MM-DD: its first day). Repeatable: the options side "
    "by side on each date. Default: the model's as_of.",
)
@click.option(
    "--no-baseline",
    "no_baseline",
    is_flag=True,
    default=False,
    help="Leave out the baseline (today's fleet), which is otherwise the first option.",
)
@format_options
@click.pass_context
def compare(
    ctx: click.Context,
    model_path: str | None,
    replace: tuple[str, ...],
    mix: tuple[str, ...],
    with_: tuple[str, ...],
    nations: tuple[str, ...],
    on: tuple[Any, ...],
    no_baseline: bool,
    fmt: str,
    output: str | None,
) -> None:
    """Compare procurement options side by side: the decision table.

    The baseline (keep today's fleet) comes first, then one option per --with (in the order
    given; --no-baseline leaves the baseline out). For each: the capabilities in service; the single
    points of failure (nodes whose loss alone fails a capability) and how many sit with a foreign
    nation; the interoperability links by partner and data link; for each foreign nation, the
    day each capability falls under its embargo (or "holds"); and the share of the supply chain
    attributed to the home nation.

    A node sits with a nation when it is that nation, or names it as `nation:`, or (without
    `nation:`) as `operator:`. The home share counts the nodes all capabilities depend on that
    have a nation or an operator (nation nodes themselves excluded).

    \b
    Examples:
      interop compare --replace F-35 --with Gripen
      interop compare --replace F-35 --with Gripen --mix F-35 --with Gripen --format markdown
      interop compare --replace F-35 --with Gripen --with F-35 --nation USA --format json
      interop compare --replace F-35 --with Gripen --with F-35 --on 2026 --on 2030 --on 2035

    With several --on dates, the table is given for each date in turn (JSON: "by_date", a list of
    the one-date documents).
    """
    from ..analysis.compare import compare as run
    from ..analysis.compare import compare_on, options_from

    choices = _option_triples(ctx, replace, mix, with_)
    model = load(model_path)
    from ..analysis import Scenario

    options = options_from(model, choices)
    if not no_baseline:
        options = (Scenario(), *options)
    if len(set(on)) <= 1:
        result = run(model, options, nations or None, on[0] if on else None)
        emit(render(fmt, result), output, model, fmt=fmt)
        return
    results = compare_on(model, options, on, nations or None)
    if fmt == "json":
        from ..render.json import dumps

        text = dumps({"on": [r.on.isoformat() for r in results if r.on], "by_date": [r.to_dict() for r in results]})
    else:
        text = "\n".join(render(fmt, r) for r in results)
    emit(text, output, model, fmt=fmt)


@cli.command(cls=ScenarioCommand, context_settings=CONTEXT)
@model_option
@_nation_option("Nation to embargo. Repeatable. Default: every foreign nation in service.")
@structural_options("Measure after replacing ID …")
@click.option(
    "--at",
    "at_days",
    type=click.IntRange(min=0),
    default=None,
    metavar="DAYS",
    help="Count only what is lost by day DAYS (default: eventually).",
)
@on_option
@format_options
@click.pass_context
def exposure(
    ctx: click.Context,
    model_path: str | None,
    nations: tuple[str, ...],
    replace: tuple[str, ...],
    mix: tuple[str, ...],
    with_: tuple[str, ...],
    at_days: int | None,
    on: Any,
    fmt: str,
    output: str | None,
) -> None:
    """What an embargo of each foreign nation costs, and through which dependencies.

    For each nation: the capabilities lost and the day each falls, the interoperability links
    lost, how many nodes fail, and the first-hop dependencies the loss travels through (the
    supplier, component or service right after the nation on each failure's chain of causes),
    ranked by how many failures go through them. With --replace/--mix the exposure is measured
    on that option's fleet. Each nation is embargoed alone.

    \b
    Examples:
      interop exposure
      interop exposure --nation USA --at 90
      interop exposure --replace F-35 --with Gripen --format markdown
      interop exposure --nation SWE --replace F-35 --with Gripen --on 2035
    """
    from ..analysis.exposure import exposure as run

    model = load(model_path)
    scenario = build_scenario(ctx, replace, mix, with_, (), (), at_days, on)
    result = run(model, scenario, nations or None)
    emit(render(fmt, result), output, model, fmt=fmt)


@cli.command(cls=ScenarioCommand, context_settings=CONTEXT)
@click.argument("node", metavar="ID")
@model_option
@scenario_options
@format_options
@click.pass_context
def explain(
    ctx: click.Context,
    node: str,
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
) -> None:
    """Why ID fails in a scenario, or why it holds.

    If ID fails: the chain of causes from the removed or embargoed node to ID, with the day of
    each step and the grace period that delayed it. If ID holds: the state of each of its
    requirements and, where an alternative was lost, which alternative keeps it up.

    \b
    Examples:
      interop explain QRA --embargo USA
      interop explain NORAD-Air-Sovereignty --replace F-35 --with Gripen --embargo SWE
      interop explain F-35 --remove Pratt-Whitney --at 30 --format markdown
    """
    from ..analysis.explain import explain as run

    model = load(model_path)
    scenario = build_scenario(ctx, replace, mix, with_, remove, embargo, at_days, on)
    emit(render(fmt, run(model, scenario, node)), output, model, fmt=fmt)


def _option_triples(
    ctx: click.Context, replace: tuple[str, ...], mix: tuple[str, ...], with_: tuple[str, ...]
) -> list[tuple[str, str, str]]:
    """(op, A, B) for every --with, paired with the --replace/--mix before it on the command line."""
    triples: list[tuple[str, str, str]] = []
    current: tuple[str, str] | None = None
    tokens = list(ctx.meta.get("interop.args", []))
    position = 0
    while position < len(tokens):
        token = tokens[position]
        flag, _, inline = token.partition("=")
        if flag in ("--replace", "--mix", "--with"):
            value = inline if inline else (tokens[position + 1] if position + 1 < len(tokens) else "")
            position += 1 if inline else 2
            if flag == "--with":
                if current is None:
                    raise click.UsageError("--with must follow a --replace ID or --mix ID", ctx)
                triples.append((current[0], current[1], value))
            else:
                if current is not None and not any(t[1] == current[1] and t[0] == current[0] for t in triples):
                    raise click.UsageError(
                        f"{flag_of(current[0])} {current[1]} needs at least one --with ID after it", ctx
                    )
                current = (flag[2:], value)
            continue
        position += 1
    if current is not None and not any(t[0] == current[0] and t[1] == current[1] for t in triples):
        raise click.UsageError(f"{flag_of(current[0])} {current[1]} needs at least one --with ID after it", ctx)
    if not triples:
        raise click.UsageError("name the options: --replace ID --with CANDIDATE [--with ID …] (or --mix)", ctx)
    if len(triples) != len(with_) or len(replace) + len(mix) > len(triples):
        raise click.UsageError("could not pair each --with with the --replace/--mix before it", ctx)
    return triples


def flag_of(op: str) -> str:
    return f"--{op}"
