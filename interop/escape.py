"""Control characters made visible: the one place where text from a model is made safe to print.

A model's ids, names and notes are the user's text, and YAML can carry any character in them
(``"\\e]0;title\\a"``). Written raw, an escape sequence reaches the terminal (it can set the
window title, recolour or hide text, even through a pipe into ``less -R``), and XML 1.0 cannot
hold such characters at all. ``escape_controls`` writes each one as a visible ``\\uXXXX``
(``\\u001b``, ``\\u202e``); every other character, tabs and line breaks included, is unchanged,
so ordinary text comes out byte for byte the same. The one form is chosen because it also means
the very same character inside a JSON or YAML double-quoted string, so escaping a JSON document or
a YAML model changes its bytes, never its meaning. The CLI applies it to everything it writes as text; the XML
exporters apply it to their documents, so the Python API gives well-formed XML too.
"""

from __future__ import annotations

import re

#: C0 controls except tab and line feed, DEL, C1 controls, line/paragraph separators, bidi
#: embeddings, overrides and isolates (they reorder what a reader sees), and XML's non-characters.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


#: What stands for a backslash inside a DOT string (Graphviz reads ``\\u`` as a plain ``u``).
DOT_BACKSLASH = "\\\\"


def escape_controls(text: str, backslash: str = "\\") -> str:
    r"""``text`` with every control character written as a visible escape.

    >>> escape_controls("Radar\x1b]0;owned\x07 (\u202egnp.exe)")
    'Radar\\u001b]0;owned\\u0007 (\\u202egnp.exe)'
    >>> escape_controls("plain text\twith a tab\n")
    'plain text\twith a tab\n'

    ``backslash`` is what stands for the escape's backslash: Graphviz's DOT language reads ``\\u``
    as a plain ``u``, so DOT text passes ``"\\\\"`` to show the backslash in the drawing.
    """
    if not CONTROLS.search(text):
        return text
    return CONTROLS.sub(lambda match: f"{backslash}u{ord(match.group()):04x}", text)


def has_controls(text: str) -> str | None:
    """The first control character of ``text`` (as ``U+001B``), or None."""
    found = CONTROLS.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"
