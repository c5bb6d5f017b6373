"""`interop sensitivity`: which assumptions an answer rests on (issue 15)."""

from __future__ import annotations

from typing import Any

import click

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


@cli.command(cls=ScenarioCommand, context_settings=CONTEXT)
@model_option
@scenario_options
@format_options
@click.pass_context
def sensitivity(
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
) -> None:
    """What a scenario's answer rests on: each assumption moved inside its range.

    Runs the scenario (the same options as what-if), then again once per assumption:

    \b
    - each grace period, at both ends of the range its notes give
      ("Illustrative assumption (what, N days; range A-B): why"; half and
      double N when there is none); requirements sharing one label move together;
    - each low-confidence requirement, dropped (what if it is wrong?);
    - each low-confidence node, taken out of every requirement that names it.

    For each: the capabilities whose day of loss changes, and the conclusions that flip (a
    capability lost or held, by --at DAYS when given; the day of the earliest loss). The
    assumptions that change nothing are listed in one line at the end.

    \b
    Examples:
      interop sensitivity --embargo USA
      interop sensitivity --replace F-35 --with Gripen --embargo USA --format markdown
      interop sensitivity --embargo USA --at 90 --format json
    """
    from ..analysis.sensitivity import sensitivity as run
    from ..render import sensitivity as view

    model = load(model_path)
    result = run(model, build_scenario(ctx, replace, mix, with_, remove, embargo, at_days, on))
    if fmt == "json":
        from ..render.json import dumps

        text = dumps(result.to_dict())
    else:
        text = view.markdown(result) if fmt == "markdown" else view.text(result)
    emit(text, output, model)
