"""Layout: DOT text laid out as SVG or PNG by running Graphviz (the output side, not render/).

Runs the system ``dot`` when present, else ``graphviz-pure`` (a dependency of interop). The
renderers only write DOT text (interop/render/dot.py); running a program is output work, like
writing a file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import OutputError
from .escape import DOT_BACKSLASH, escape_controls

LAYOUT_TIMEOUT = 300


def layout_program() -> list[str] | None:
    """Command that lays out DOT: the system ``dot``, else ``graphviz-pure`` (on PATH or in the
    same bin directory as this Python, for a venv that is not activated)."""
    for name in ("dot", "graphviz-pure"):
        found = shutil.which(name)
        if found:
            return [found]
    folder = Path(sys.executable).parent
    for name in ("graphviz-pure", "graphviz-pure.exe"):
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    return None


def render_dot(dot_text: str, fmt: str) -> bytes:
    """Lay out ``dot_text`` as ``svg`` or ``png`` bytes (OutputError if no layout program works)."""
    if fmt not in ("svg", "png"):
        raise ValueError(f"unsupported image format {fmt!r}")
    program = layout_program()
    if program is None:
        raise OutputError(
            f"cannot draw {fmt}: neither Graphviz 'dot' nor 'graphviz-pure' was found — reinstall interop "
            "(pip install interop) or install Graphviz, or use --format dot or --format mermaid"
        )
    try:
        done = subprocess.run(
            [*program, f"-T{fmt}"],
            input=escape_controls(dot_text, DOT_BACKSLASH).encode("utf-8"),  # the SVG must be well-formed XML
            capture_output=True,
            timeout=LAYOUT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OutputError(
            f"cannot draw {fmt} with {program[0]}: {exc} — try --focus ID to draw a smaller part, or --format dot"
        ) from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OutputError(
            f"cannot draw {fmt}: {program[0]} failed ({message[-1] if message else f'exit {done.returncode}'}) "
            "— use --format dot to inspect the graph"
        )
    return done.stdout
