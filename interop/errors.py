"""One exception family, each member mapped to a documented exit code.

Every message a user sees reads ``what is wrong — how to fix``, prefixed by ``path:line:``
when the problem sits in a model file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

EXIT_OK = 0
EXIT_GATE = 1
EXIT_USAGE = 2
EXIT_MODEL = 3
EXIT_OUTPUT = 4
EXIT_INTERNAL = 70


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a model: where it is, what is wrong and how to fix it."""

    path: str
    line: int | None
    what: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.what} — {self.fix}"


# The model and the analysis do not know the command line: where a message tells how to fix
# something with an option, it names both forms with option(); the CLI shows the flag
# (InteropError.cli_text), Python users the keyword (str(error)).
_OPEN, _SPLIT, _CLOSE = "\ue000", "\ue001", "\ue002"
_OPTION = re.compile(f"{_OPEN}([^{_SPLIT}]*){_SPLIT}([^{_CLOSE}]*){_CLOSE}")


def option(cli: str, python: str) -> str:
    """How a message names a fix by option: ``cli`` for the command line (``--remove X``),
    ``python`` for the API (``remove=['X']``).

    >>> str(ScenarioError(f"use {option('--remove X', 'remove=[X]')}"))
    'use remove=[X]'
    >>> ScenarioError(f"use {option('--remove X', 'remove=[X]')}").cli_text()
    'use --remove X'
    """
    return f"{_OPEN}{cli}{_SPLIT}{python}{_CLOSE}"


class InteropError(Exception):
    """Base of every error the tool reports to a user (never shown as a traceback)."""

    exit_code = EXIT_MODEL

    def __str__(self) -> str:
        """The message for Python users (options named as keywords)."""
        return _OPTION.sub(lambda m: m.group(2), super().__str__())

    def cli_text(self) -> str:
        """The message for the command line (options named as flags)."""
        return _OPTION.sub(lambda m: m.group(1), super().__str__())


class ModelError(InteropError):
    """The model cannot be loaded: one or more problems, each with file and line."""

    exit_code = EXIT_MODEL

    def __init__(self, problems: Iterable[Problem], *, more: int = 0) -> None:
        self.problems = tuple(problems)
        self.more = more
        lines = [str(p) for p in self.problems]
        if more:
            lines.append(f"... and {more} more problem(s) not shown — fix these first and run again")
        super().__init__("\n".join(lines))


class ScenarioError(InteropError):
    """An id cannot be resolved or a scenario precondition does not hold (exit 3)."""

    exit_code = EXIT_MODEL


class OutputError(InteropError):
    """An output file cannot be written (exit 4); nothing partial is left behind."""

    exit_code = EXIT_OUTPUT


class GateTripped(InteropError):
    """A ``--fail-on`` gate found what it was asked to watch for (exit 1)."""

    exit_code = EXIT_GATE
