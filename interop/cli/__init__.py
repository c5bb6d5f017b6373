"""The ``interop`` command: a thin click layer that parses, calls the analysis, renders, writes.

Commands live in one module per group and register themselves on ``cli`` when imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from .. import __version__
from ..errors import EXIT_INTERNAL, EXIT_USAGE, InteropError, ModelError
from ..escape import escape_controls
from .options import CONTEXT


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="interop")
def cli() -> None:
    """What breaks, and when, if we swap or lose a defence supplier.

    interop reads a dependency model (platforms, data links, NORAD systems, support chains,
    suppliers, nations) written in YAML and answers what-if questions about it. Without
    --model it uses the shipped, illustrative model of Canada's air-defence ecosystem.

    \b
    Start here:
      interop what-if --replace F-35 --with Gripen
      interop what-if --embargo USA --at 90
      interop spof --capability NORAD-Air-Sovereignty
      interop check --model my-model/

    Exit codes: 0 ok; 1 a --fail-on gate tripped; 2 usage error; 3 invalid model or unknown id;
    4 cannot write the output file.
    """


# --- entry point ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; every error becomes a message on stderr and a documented exit code."""
    from ..textsafe import safe_stdio

    safe_stdio()  # a cp1252 console or an ASCII pipe gets ASCII fallbacks, never a crash
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="interop", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code if exc.exit_code is not None else EXIT_USAGE
    except click.Abort:
        click.echo("interop: interrupted", err=True)
        return 130
    except InteropError as exc:
        prefix = "" if isinstance(exc, ModelError) else "interop: "
        click.echo(escape_controls(f"{prefix}{exc.cli_text()}"), err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("interop: interrupted", err=True)
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: say so plainly, never a traceback unless asked
        if os.environ.get("INTEROP_DEBUG"):
            raise
        click.echo(
            f"interop: internal error ({type(exc).__name__}: {exc}) — please report it; "
            "set INTEROP_DEBUG=1 to see the details",
            err=True,
        )
        return EXIT_INTERNAL
    return 0


def run() -> None:  # pragma: no cover - console-script shim
    sys.exit(main())


# Register the commands (each module adds its own to ``cli``).
from . import (  # noqa: E402, F401
    analysis_cmds,
    decision_cmds,
    diagram_cmds,
    init_cmd,
    interchange_cmds,
    model_cmds,
    sensitivity_cmds,
)
