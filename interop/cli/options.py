"""Options and helpers shared by the commands: parsing and wiring only, no analysis."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import OutputError
from ..escape import escape_controls
from ..model import KINDS, Model, load_model
from ..output import write_atomic
from ..shipped import shipped_model_path
from . import CONTEXT  # noqa: F401  (re-exported: one definition, in the package, cheap at start-up)

FORMATS = ("text", "markdown", "json")


class ScenarioCommand(click.Command):
    """Keeps the raw arguments so each --replace/--mix pairs with the --with that follows it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["interop.args"] = list(args)
        return super().parse_args(ctx, args)


# --- shared options ---------------------------------------------------------------------------


class DateParam(click.ParamType):
    """A DATE on the command line (YYYY, YYYY-MM or YYYY-MM-DD): the first day of its period."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import datetime

        from ..model.dates import DateFormError, first_day

        if isinstance(value, datetime.date):
            return value
        try:
            return first_day(value)
        except DateFormError as error:
            self.fail(str(error), param, ctx)


ON_HELP = (
    "Ask on this date: YYYY, YYYY-MM or YYYY-MM-DD, read as the first day of that period "
    "(--on 2035 is 2035-01-01). Default: the model's as_of."
)


def on_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--on DATE``: the date a question is asked on (service windows and gaps are read on it)."""
    return click.option("--on", "on", type=DateParam(), default=None, metavar="DATE", help=ON_HELP)(func)


def model_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--model",
        "-m",
        "model_path",
        metavar="PATH",
        default=None,
        help="Model: a YAML file or a directory of them. Default: the shipped Canada model.",
    )(func)


def format_options(
    func: Callable[..., Any] | None = None,
    *,
    formats: Sequence[str] = FORMATS,
    default: str | None = "text",
    format_help: str = "Output format.",
    output_help: str = "Write to FILE (atomically) instead of standard output; '-' is standard output.",
) -> Any:
    """--format and -o/--output, with the format chosen from FILE's extension (contract 4.3).

    The command receives ``fmt`` already resolved (see ``choose_format``) and ``output`` as given
    (None or '-' for standard output). Use bare (``@format_options``) or with the formats and
    default the command offers.
    """

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def resolved(*args: Any, **kwargs: Any) -> Any:
            ctx = click.get_current_context()
            kwargs["fmt"] = choose_format(ctx, kwargs.get("fmt"), kwargs.get("output"), formats, default)
            return command(*args, **kwargs)

        shown = f" Default: from the -o FILE extension, else {default}." if default else ""
        resolved = click.option("--output", "-o", metavar="FILE", default=None, help=output_help)(resolved)
        return click.option(
            "--format", "-f", "fmt", type=click.Choice(formats), default=None, help=f"{format_help}{shown}"
        )(resolved)

    return decorate(func) if func is not None else decorate


EXTENSIONS = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".svg": "svg",
    ".png": "png",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".xml": "open-psa",
}


def choose_format(
    ctx: click.Context, fmt: str | None, output: str | None, offered: Sequence[str], default: str | None
) -> str:
    """The output format: from ``-o FILE``'s extension when --format is absent (contract 4.3).

    An extension the command cannot write, one that contradicts --format, or (without --format)
    one that names no format is a usage error (exit 2) raised before anything is computed or
    written. A file without an extension, and ``-o -`` (standard output), take --format or the
    default.
    """
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    name = ctx.command_path
    writable = ", ".join(ext for ext, f in EXTENSIONS.items() if f in offered)
    if suffix:
        implied = EXTENSIONS.get(suffix)
        if implied is not None and implied not in offered:
            raise click.UsageError(
                f"-o {output}: {name} cannot write {implied} ({suffix}) — name the file with one of {writable}", ctx
            )
        if fmt is not None and implied is not None and fmt != implied:
            raise click.UsageError(
                f"-o {output} names a {implied} file but --format is {fmt} — drop --format, or name the file "
                f"with {_extension_for(fmt)}",
                ctx,
            )
        if implied is not None:
            return implied
        if fmt is None:
            # Raised by emit, before anything is written, once it has checked that FILE is not a
            # model input (that refusal, exit 4, is the more useful message for `-o model.yaml`).
            ctx.meta["interop.unknown_suffix"] = click.UsageError(
                f"-o {output}: cannot tell the format from {suffix} — add --format, or name the file with one of "
                f"{writable}",
                ctx,
            )
    if fmt is not None:
        return fmt
    if default is None:
        raise click.UsageError(f"give --format ({', '.join(offered)}) or an -o FILE with one of {writable}", ctx)
    return default


def _extension_for(fmt: str) -> str:
    return next((ext for ext, f in EXTENSIONS.items() if f == fmt), f"a {fmt} extension")


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
    return on_option(func)


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
    on: Any = None,
) -> Any:
    """The Scenario the options describe (ids unresolved; the analysis resolves them and takes
    the model's as_of when ``on`` is None)."""
    from ..analysis import Operation, Scenario

    operations = [Operation(op, a, b) for op, a, b in pairs(ctx, replace, mix, with_)]
    operations += [Operation("remove", x) for x in remove] + [Operation("embargo", n) for n in embargo]
    return Scenario(tuple(operations), at_days, on)


def emit(data: str | bytes, output: str | None, model: Model, *, fmt: str | None = None) -> None:
    """Write ``data`` to ``output`` atomically, or to standard output (``output`` None or '-').

    On standard output, characters its encoding cannot hold never crash: JSON escapes them
    (``\\uXXXX``, the same document), other text falls back to ASCII (see ``interop.textsafe``).
    """
    if isinstance(data, str):  # the one place where printed text is made safe: see interop/escape.py
        data = escape_controls(data)
    if output and output != "-":
        ctx = click.get_current_context(silent=True)
        deferred = ctx.meta.get("interop.unknown_suffix") if ctx is not None else None
        if deferred is not None:
            if any(_same_path(output, f) for f in model.files):
                why = "refusing to overwrite a model input file — choose another output file name"
                raise OutputError(f"{Path(output)}: {why}")
            raise deferred
        path = write_atomic(output, data, protected=model.files)
        click.echo(f"interop: wrote {path}", err=True)
        return
    if isinstance(data, bytes):
        from ..textsafe import binary_stdout

        stream = binary_stdout()
        if stream.isatty():
            raise click.UsageError("this output is binary: write it to a file with -o FILE (or pipe it)")
        stream.write(data)
        stream.flush()
        return
    if fmt == "json":
        from ..textsafe import json_for_stream

        data = json_for_stream(data, sys.stdout)
    elif fmt == "text" and use_colour(sys.stdout):
        data = "".join(
            click.style(line, bold=True) if line.strip() and not line[0].isspace() else line
            for line in data.splitlines(keepends=True)
        )
    click.echo(data, nl=False)


def use_colour(stream: Any) -> bool:
    """Colour (bold section titles) only on a terminal, and never with NO_COLOR set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _same_path(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def render(fmt: str, result: Any) -> str:
    """``result`` (an analysis result) as ``fmt``: JSON from its ``to_dict()``, text or Markdown
    from the formatter each renderer module registers for the result's type (no lookup by name)."""
    if fmt == "json":
        from ..render.json import dumps

        return dumps(result.to_dict())
    if fmt == "markdown":
        from ..render.markdown import FORMATTERS
    else:
        from ..render.text import FORMATTERS
    formatter: Any = FORMATTERS[type(result)]
    return str(formatter(result))


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
