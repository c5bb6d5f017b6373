"""``python -m interop`` runs the CLI."""

from .cli import run

run()
