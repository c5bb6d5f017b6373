"""Where the shipped model lives: inside the installed package, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

SHIPPED_NAME = "canada"


def shipped_model_path(name: str = SHIPPED_NAME) -> Path:
    """Path of a model shipped with interop (``graphs/<name>``), installed or from a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "graphs" / name, package.parent / "graphs" / name):
        if candidate.is_dir():
            return candidate
    return package / "graphs" / name
