"""Small helpers for wording problems: 'did you mean …?' and the line of a YAML value or key."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from .yaml_reader import YMap


def suggest(word: str, choices: Iterable[str], otherwise: str) -> str:
    """'did you mean …?' for a mistyped word (case-insensitive), else ``otherwise``."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        folded = {c.casefold(): c for c in choices}
        close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
        close = [folded[c] for c in close]
    return f"did you mean {close[0]!r}?" if close else otherwise


def is_extension(key: Any) -> bool:
    return isinstance(key, str) and key.startswith(("x-", "x_"))


def line_of(value: Any) -> int | None:
    return getattr(value, "line", None)


def key_line(mapping: Any, key: str) -> int | None:
    if isinstance(mapping, YMap):
        return mapping.line_of(key)
    return getattr(mapping, "line", None)
