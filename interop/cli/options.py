"""Options and helpers shared by the commands: parsing and wiring only, no analysis."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from ..model import KINDS, Model, load_model
from ..output import write_atomic
from ..shipped import shipped_model_path

FORMATS = ("text", "markdown", "json")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ScenarioCommand(click.Command):
    """Keeps the raw arguments so each --replace/--mix pairs with the --with that follows it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["interop.args"] = list(args)
        return super().parse_args(ctx, args)


# --- shared options ---------------------------------------------------------------------------


def model_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--model",
        "-m",
        "model_path",
        metavar="PATH",
        default=None,
        help="Model: a YAML file or a directory of them. Default: the shipped Canada model.",
    )(func)


def format_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--output", "-o", metavar="FILE", default=None, help="Write to FILE (atomically) instead of standard output."
    )(func)
    return click.option(
        "--format", "-f", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format."
    )(func)


def structural_options(replace_help: str, with_note: str = "") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only --replace/--mix/--with, for commands that look at the structure after a swap (no failures)."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        func = click.option("--with", "with_", multiple=True, metavar="ID", help=f"… with this node{with_note}.")(func)
        func = click.option("--mix", "mix", multiple=True, metavar="ID", help="… or after mixing ID …")(func)
        return click.option("--replace", "replace", multiple=True, metavar="ID", help=replace_help)(func)

    return decorate


def scenario_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--replace",
            "replace",
            multiple=True,
            metavar="ID",
            help="Take ID out of service and point everything that required it at the --with node.",
        ),
        click.option(
            "--mix",
            "mix",
            multiple=True,
            metavar="ID",
            help="Keep ID and bring the --with node in beside it: either can meet each requirement.",
        ),
        click.option(
            "--with",
            "with_",
            multiple=True,
            metavar="ID",
            help="The node that enters service for the --replace/--mix before it.",
        ),
        click.option(
            "--remove",
            multiple=True,
            metavar="ID",
            help="ID fails on day 0 (a supplier, platform, system, …). Repeatable.",
        ),
        click.option(
            "--embargo",
            multiple=True,
            metavar="NATION",
            help="NATION fails on day 0: everything requiring it is cut off. Repeatable.",
        ),
        click.option(
            "--at",
            "at_days",
            type=click.IntRange(min=0),
            default=None,
            metavar="DAYS",
            help="Show the state on day DAYS (default: eventually).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


# --- helpers ---------------------------------------------------------------------------------


def load(model_path: str | None) -> Model:
    """Load the model (default: the shipped one), with a progress bar on a terminal for big ones."""
    from .progress import progress_bar

    with progress_bar("Loading model") as progress:
        return load_model(model_path if model_path is not None else shipped_model_path(), progress)


def pairs(
    ctx: click.Context, replace: Sequence[str], mix: Sequence[str], with_: Sequence[str]
) -> list[tuple[str, str, str]]:
    """``(op, ID, with)`` for every --replace/--mix, paired with the --with values in command-line order."""
    if len(with_) != len(replace) + len(mix):
        raise click.UsageError(
            "each --replace ID and --mix ID needs one --with ID after it "
            f"(got {len(replace) + len(mix)} and {len(with_)} --with)",
            ctx,
        )
    flags = [token.split("=", 1)[0] for token in ctx.meta.get("interop.args", [])]
    order = [flag[2:] for flag in flags if flag in ("--replace", "--mix")]
    if len(order) != len(replace) + len(mix):  # called without raw args (e.g. from Python)
        order = ["replace"] * len(replace) + ["mix"] * len(mix)
    targets = {"replace": iter(replace), "mix": iter(mix)}
    return [(op, next(targets[op]), replacement) for op, replacement in zip(order, with_, strict=True)]


def build_scenario(
    ctx: click.Context,
    replace: Sequence[str],
    mix: Sequence[str],
    with_: Sequence[str],
    remove: Sequence[str],
    embargo: Sequence[str],
    at_days: int | None,
) -> Any:
    """The Scenario the options describe (ids unresolved; the analysis resolves them)."""
    from ..analysis import Operation, Scenario

    operations = [Operation(op, a, b) for op, a, b in pairs(ctx, replace, mix, with_)]
    operations += [Operation("remove", x) for x in remove] + [Operation("embargo", n) for n in embargo]
    return Scenario(tuple(operations), at_days)


def emit(text: str, output: str | None, model: Model) -> None:
    if output:
        path = write_atomic(output, text, protected=model.files)
        click.echo(f"interop: wrote {path}", err=True)
    else:
        click.echo(text, nl=False)


def render(fmt: str, name: str, *args: Any) -> str:
    if fmt == "json":
        from ..render.json import dumps

        return dumps(args[0].to_dict())
    if fmt == "markdown":
        from ..render import markdown as module
    else:
        from ..render import text as module
    return getattr(module, name)(*args)


def split_kinds(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    kinds = tuple(sorted({k.strip() for k in value.split(",") if k.strip()}))
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise click.BadParameter(
            f"unknown kind(s) {', '.join(unknown) or '(none)'}; use any of: {', '.join(KINDS)}", ctx, param
        )
    return kinds
