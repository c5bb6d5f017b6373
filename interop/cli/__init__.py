"""The ``interop`` command: a thin click layer that parses, calls the analysis, renders, writes.

Commands live in one module per group and register themselves on ``cli`` when imported. The
group is lazy: :data:`COMMAND_MODULES` names the module of each command, and a command's module
(with the model, analysis and render layers behind it) is imported only when that command runs
or help lists it, so ``interop --version`` costs the interpreter, click and this file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib import import_module

import click

from .. import __version__

#: Where each command lives (module under interop.cli). A new command module adds its names here;
#: tests/test_cli_startup.py checks that this table matches what the modules register.
COMMAND_MODULES = {
    "check": "model_cmds",
    "compare": "decision_cmds",
    "diagram": "diagram_cmds",
    "explain": "decision_cmds",
    "export": "interchange_cmds",
    "exposure": "decision_cmds",
    "import": "interchange_cmds",
    "init": "init_cmd",
    "list": "model_cmds",
    "report": "diagram_cmds",
    "schema": "interchange_cmds",
    "sensitivity": "sensitivity_cmds",
    "show": "model_cmds",
    "horizon": "analysis_cmds",
    "spof": "analysis_cmds",
    "what-if": "analysis_cmds",
}

#: Same as interop.cli.options.CONTEXT (kept here so start-up does not import the options module).
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """A click group that imports a command's module the first time the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMAND_MODULES) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            import_module(f"{__name__}.{COMMAND_MODULES[cmd_name]}")
        return self.commands.get(cmd_name)


def load_all_commands() -> click.Group:
    """Import every command module (for documentation generators and tests); returns ``cli``."""
    for module in sorted(set(COMMAND_MODULES.values())):
        import_module(f"{__name__}.{module}")
    return cli


@click.group(cls=LazyGroup, context_settings=CONTEXT)
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
        return exc.exit_code if exc.exit_code is not None else 2  # EXIT_USAGE
    except click.Abort:
        click.echo("interop: interrupted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("interop: interrupted", err=True)
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        # Imported here, not at start-up: the error family is only needed once something failed.
        from ..analysis.cost import CutSetBudgetExceeded
        from ..errors import EXIT_INTERNAL, EXIT_USAGE, InteropError, ModelError

        if isinstance(exc, CutSetBudgetExceeded):  # the engine's safety net (spof words its own)
            click.echo(
                f"interop: finding the single points of failure was stopped after {exc.figure:,} steps of work "
                f"(the limit is {exc.limit:,}) — the model is too large for this comparison",
                err=True,
            )
            return EXIT_USAGE
        if isinstance(exc, InteropError):
            prefix = "" if isinstance(exc, ModelError) else "interop: "
            from ..escape import escape_controls

            click.echo(escape_controls(f"{prefix}{exc.cli_text()}"), err=True)
            return exc.exit_code
        # a bug: say so plainly, never a traceback unless asked
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
