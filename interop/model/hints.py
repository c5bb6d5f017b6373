"""Small helpers for wording problems: 'did you mean …?' and the line of a YAML value or key."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .yaml_reader import YMap

if TYPE_CHECKING:
    from .problems import Problems


def suggest(word: str, choices: Iterable[str], otherwise: str) -> str:
    """'did you mean …?' for a mistyped word (case-insensitive), else ``otherwise``."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        folded = {c.casefold(): c for c in choices}
        close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
        close = [folded[c] for c in close]
    return f"did you mean {close[0]!r}?" if close else otherwise


def unknown_keys(
    problems: Problems,
    path: str,
    mapping: Any,
    allowed: Sequence[str],
    where: str,
    otherwise: str,
    line: int | None = None,
    noun: str = "key",
) -> list[Any]:
    """Report every key of ``mapping`` outside ``allowed`` (``x-`` keys are the user's own) as
    ``unknown key 'k' <where>``, fixed by 'did you mean …?' or ``otherwise``, at the key's own
    line, else ``line``. Returns the unknown keys, in the order written."""
    unknown = [key for key in mapping if key not in allowed and not is_extension(key)]
    for key in unknown:
        problems.add(
            path,
            key_line(mapping, str(key)) or line,
            f"unknown {noun} {key!r}{where}",
            suggest(str(key), allowed, otherwise),
        )
    return unknown


def is_extension(key: Any) -> bool:
    return isinstance(key, str) and key.startswith(("x-", "x_"))


def line_of(value: Any) -> int | None:
    return getattr(value, "line", None)


def key_line(mapping: Any, key: str) -> int | None:
    if isinstance(mapping, YMap):
        return mapping.line_of(key)
    return getattr(mapping, "line", None)
