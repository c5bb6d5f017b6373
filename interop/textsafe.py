"""Text that any terminal or pipe can take: ASCII fallbacks for characters its encoding lacks.

interop's text uses a few typographic characters (arrows, a middle dot, dashes, ≤). A Windows
console (cp1252) or a pipe with ``PYTHONIOENCODING=ascii`` cannot hold some of them; instead of
crashing, each such character is written as plain ASCII (``→`` as ``->``, ``·`` as ``.``,
``—`` as ``--``), accents are dropped (``é`` as ``e``) and anything else becomes ``?``. Only the
characters the stream cannot encode change: a UTF-8 terminal sees the text unchanged.

JSON is different: its non-ASCII characters are all inside strings, so they are escaped
(``\\u2192``) and the document means exactly the same.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import sys
import unicodedata
from typing import BinaryIO, TextIO

ERRORS = "interop-ascii"

FALLBACKS = {
    "→": "->",
    "←": "<-",
    "↔": "<->",
    "⇒": "=>",
    "·": ".",
    "•": "*",
    "—": "--",
    "–": "-",
    "−": "-",
    "…": "...",
    "≤": "<=",
    "≥": ">=",
    "≠": "!=",
    "×": "x",
    "✓": "v",
    "✗": "x",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}


def ascii_fallback(char: str) -> str:
    """Plain ASCII for one character: a known fallback, the letter without its accent, or '?'.

    >>> [ascii_fallback(c) for c in "→é✈"]
    ['->', 'e', '?']
    """
    if char in FALLBACKS:
        return FALLBACKS[char]
    stripped = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return stripped or "?"


def to_ascii(text: str) -> str:
    """``text`` with every non-ASCII character replaced by its fallback."""
    return "".join(c if c.isascii() else ascii_fallback(c) for c in text)


def _handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return to_ascii(error.object[error.start : error.end]), error.end


codecs.register_error(ERRORS, _handler)


def make_stream_safe(stream: TextIO) -> None:
    """Make ``stream`` fall back to ASCII for characters its encoding cannot hold (never crash)."""
    if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", None):
        with contextlib.suppress(ValueError, io.UnsupportedOperation):  # closed or detached: leave it be
            stream.reconfigure(errors=ERRORS)


class AsciiConsole(io.TextIOBase):
    """A text stream for an ASCII console that writes ASCII fallbacks, never raw UTF-8.

    click treats an ASCII stdout as misconfigured and re-wraps its byte buffer as UTF-8, so an
    ASCII terminal would show mojibake; this wrapper has no ``buffer`` for it to find.
    """

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self._raw = raw

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._raw.encoding

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click probes with b"" to tell text from binary streams
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._raw.write(to_ascii(text))
        return len(text)

    def flush(self) -> None:
        self._raw.flush()

    def isatty(self) -> bool:
        return self._raw.isatty()

    def fileno(self) -> int:
        return self._raw.fileno()

    def writable(self) -> bool:
        return True

    @property
    def raw_stream(self) -> TextIO:
        """The wrapped stream (its ``buffer`` takes binary output such as a PNG)."""
        return self._raw


def safe_stdio() -> None:
    """Make sys.stdout and sys.stderr never crash on a character their encoding lacks."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, AsciiConsole):
            continue
        try:
            ascii_only = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name == "ascii"
        except LookupError:
            ascii_only = True
        if ascii_only and isinstance(stream, io.TextIOWrapper):
            setattr(sys, name, AsciiConsole(stream))
        else:
            make_stream_safe(stream)


def binary_stdout() -> BinaryIO:
    """The byte stream under sys.stdout (for binary output such as a PNG to a pipe)."""
    stream = sys.stdout
    if isinstance(stream, AsciiConsole):
        stream = stream.raw_stream
    return getattr(stream, "buffer", None) or sys.__stdout__.buffer  # type: ignore[union-attr]


def json_for_stream(text: str, stream: TextIO) -> str:
    """JSON text that ``stream``'s encoding can hold: unencodable characters become ``\\uXXXX``.

    >>> class Ascii: encoding = "ascii"
    >>> json_for_stream('{"a": "F-35 → Gripen"}', Ascii())
    '{"a": "F-35 \\\\u2192 Gripen"}'
    """
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        pass
    out = []
    for char in text:
        try:
            char.encode(encoding)
            out.append(char)
        except (UnicodeEncodeError, LookupError):
            code = ord(char)
            if code > 0xFFFF:  # outside the BMP: a surrogate pair, as JSON spells it
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
    return "".join(out)
