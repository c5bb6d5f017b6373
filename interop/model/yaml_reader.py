"""Read one YAML document into plain Python data that remembers its line numbers.

Why not ``yaml.safe_load``: PyYAML builds about 1 MB of YAML a second, so a 15 MB model takes
15 s. rapidyaml parses the same file in well under a second. Its Python binding has no line
marks, so lines are recovered from where each scalar sits in the parsed buffer. Scalars are
typed here (never by YAML tags), so no arbitrary object can be built; aliases are expanded under
a budget so an alias bomb ends in a clear error. PyYAML is used only to word syntax errors.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import ctypes
import os
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import ModelError, Problem, option

#: Aliases may expand a document to at most this many values (and at least this floor).
ALIAS_EXPANSION_FACTOR = 10
ALIAS_EXPANSION_FLOOR = 100_000
MAX_DEPTH = 200
#: Report reading progress every this many YAML nodes.

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z|[-+]?\.(inf|Inf|INF)\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_WORDS = frozenset({"null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"})
_STD_TAGS = frozenset({"!!str", "!!int", "!!map", "!!seq", "!!null", "!!bool"})


class YMap(dict[str, Any]):
    """A mapping with the line of its first key and lazy line look-up for each key."""

    __slots__ = ("_text", "line", "offset")
    _text: SourceText | None
    line: int | None
    offset: int | None

    def line_of(self, key: str) -> int | None:
        """Line where ``key`` is written (searched on demand, for error messages only)."""
        if self._text is None or self.offset is None:
            return self.line
        return self._text.line_of_key(key, self.offset) or self.line


class YSeq(list[Any]):
    """A sequence with its own line and the line of each item."""

    __slots__ = ("item_lines", "line")
    item_lines: list[int | None]
    line: int | None


class SourceText:
    """The bytes of one file with a newline index, to turn offsets into 1-based lines."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        # 8 bytes an offset instead of a Python int each (100k nodes: 5 MB instead of 24 MB)
        self._newlines = array.array("q", [m.start() for m in re.finditer(b"\n", data)])

    def line_at(self, offset: int) -> int:
        return bisect.bisect_left(self._newlines, offset) + 1

    def line_of_key(self, key: str, start: int) -> int | None:
        pattern = re.compile(rb"(?:^|[{,\s])[\"']?" + re.escape(key.encode()) + rb"[\"']?\s*:", re.M)
        # From one byte before the mapping's first key, so that key itself is found too.
        match = pattern.search(self.data, max(0, start - 1))
        return self.line_at(match.end() - 1) if match else None


def read_yaml(data: bytes, path: str, progress: Callable[[float], None] | None = None) -> Any:
    """Parse ``data`` (one YAML document) into dicts/lists/scalars that carry their lines.

    Raises ModelError with ``path:line`` on bad encoding, syntax, tags, several documents,
    duplicate keys or excessive alias expansion. Returns None for an empty document.
    ``progress``, if given, is called now and then with the fraction of the tree read (0–1).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    _check_utf8(data, path)
    import ryml  # a required dependency (wheels for every supported platform); no slower fallback

    return _RymlReader(ryml, data, path, progress).read()


def _check_utf8(data: bytes, path: str) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ModelError(
            [
                Problem(
                    path,
                    line,
                    f"bytes that are not UTF-8 text (byte {exc.start})",
                    "save the file as UTF-8 (most editors offer it under 'Save as … encoding')",
                )
            ]
        ) from None
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise ModelError(
            [
                Problem(
                    path,
                    line,
                    "a NUL byte: this looks like a binary file, not YAML",
                    f"{option('point --model', 'point interop.load()')} at the YAML model files only",
                )
            ]
        )


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """rapidyaml's C++ error handler prints to fd 2 before raising; keep the terminal clean."""
    try:
        saved = os.dup(2)
    except OSError:  # pragma: no cover - no fd 2 at all
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            try:
                yield
            finally:
                os.dup2(saved, 2)
    finally:
        os.close(saved)


class _PyBuffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.py_object),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_PyBuffer)]


def _address(view: memoryview) -> int:
    """Memory address of a buffer (rapidyaml scalars are views into the parsed bytes)."""
    info = _PyBuffer()
    _get_buffer(view, ctypes.byref(info), 0)
    try:
        return info.buf or 0
    finally:
        _release_buffer(ctypes.byref(info))


class _Bits:
    """rapidyaml's node-type flags, read once, so each node costs one ``tree.type()`` call."""

    def __init__(self, ryml: Any) -> None:
        self.map, self.seq, self.val, self.null = ryml.MAP, ryml.SEQ, ryml.VAL, ryml.VALNIL
        self.anchor, self.tag, self.ref = ryml.VALANCH, ryml.VALTAG, ryml.VALREF
        self.special = self.anchor | self.tag | self.ref
        self.key_special = ryml.KEYTAG | ryml.KEYREF  # a tag or an alias on a mapping's key
        self.styled = ryml.VAL_DQUO | ryml.VAL_SQUO | ryml.VAL_LITERAL | ryml.VAL_FOLDED


class _RymlReader:
    """Walks a rapidyaml tree into YMap/YSeq/scalars, keeping lines."""

    def __init__(self, ryml: Any, data: bytes, path: str, progress: Callable[[float], None] | None = None) -> None:
        self.ryml = ryml
        self.bits = _Bits(ryml)
        self.progress = progress
        self.visited = 0
        self.values = 0  # values read so far: an anchored value's size is the count it took
        self.none = ryml.NONE
        self.end_offset = max(1, len(data))
        self.path = path
        self.text = SourceText(data)
        self.buffer = bytearray(data)
        self.anchors: dict[str, tuple[Any, int]] = {}  # name → (value as read at its anchor, size)
        self.defining: set[str] = set()  # anchors whose value is being read (an alias inside is an error)
        self.budget = 0
        # One str per distinct key and id-like scalar: 100k nodes repeat a dozen keys 665k times
        # and each id wherever it is required (the copies were 70 MB of a read's peak).
        self.strings: dict[str, str] = {}

    def read(self) -> Any:
        ryml = self.ryml
        with _stderr_silenced():
            try:
                tree = ryml.parse_in_place(self.buffer)
            except Exception as exc:  # rapidyaml raises its own SWIG exception types
                raise self._syntax_error(exc) from None
        self.tree = tree
        self.base = _address(memoryview(self.buffer))
        self.end = self.base + len(self.buffer)
        self.budget = max(ALIAS_EXPANSION_FLOOR, ALIAS_EXPANSION_FACTOR * tree.size())
        root = tree.root_id()
        if tree.is_stream(root):
            docs = list(self._children(root))
            if len(docs) > 1:
                line = self._line(docs[1]) or None
                raise ModelError(
                    [
                        Problem(
                            self.path,
                            line,
                            "more than one YAML document ('---') in one file",
                            "keep one document per file: remove the extra '---' or split the file",
                        )
                    ]
                )
            if not docs:
                return None
            root = docs[0]
        if not (tree.is_map(root) or tree.is_seq(root) or tree.has_val(root)):
            return None
        return self._value(root, 0)

    def _syntax_error(self, exc: Exception) -> ModelError:
        line = None
        with contextlib.suppress(Exception):
            line = int(exc.errdata_parse.ymlloc.line) or None  # type: ignore[attr-defined]
        message = str(getattr(exc, "msg", "") or "the file is not valid YAML")
        pyyaml = _worded_syntax_problem(self.text.data, self.path, line)
        if pyyaml is not None:
            return ModelError([pyyaml])
        return ModelError(
            [Problem(self.path, line, f"YAML syntax error: {message}", _syntax_fix(self.text.data, line))]
        )

    def _children(self, node: int) -> Iterator[int]:
        tree, none = self.tree, self.ryml.NONE
        child = tree.first_child(node)
        while child != none:
            yield child
            child = tree.next_sibling(child)

    def _offset(self, view: memoryview) -> int | None:
        address = _address(view)
        return address - self.base if self.base <= address < self.end else None

    def _line(self, node: int) -> int:
        """Line of a node: of its key or value, else of its first descendant that has one.

        Iterative (and bounded), so a deeply nested file cannot exhaust Python's stack here."""
        tree, none = self.tree, self.ryml.NONE
        view = None
        for _ in range(MAX_DEPTH + 1):
            if tree.has_key(node):
                view = tree.key(node)
            elif tree.has_val(node):
                view = tree.val(node)
            else:
                node = tree.first_child(node)
                if node != none:
                    continue
            break
        if view is None or len(view) == 0:
            return 0
        offset = self._offset(view)
        return self.text.line_at(offset) if offset is not None else 0

    def _value_line(self, node: int) -> int:
        """Line of a node's value (0 if it has no text of its own)."""
        tree = self.tree
        if not tree.has_val(node):
            return self._line(tree.first_child(node)) if tree.first_child(node) != self.ryml.NONE else 0
        view = tree.val(node)
        offset = self._offset(view) if view is not None and len(view) else None
        return self.text.line_at(offset) if offset is not None else 0

    def _spend(self, node: int, size: int = 1) -> None:
        self.budget -= size
        if self.budget < 0:
            raise ModelError(
                [
                    Problem(
                        self.path,
                        self._line(node) or None,
                        "YAML aliases expand to far more data than the file holds (an 'alias bomb')",
                        "write the repeated parts out, or use fewer nested aliases",
                    )
                ]
            )

    def _value(self, node: int, depth: int) -> Any:
        tree = self.tree
        kind = tree.type(node)  # one call: a bit mask of what the node is (see _Bits)
        if depth > MAX_DEPTH:
            raise ModelError(
                [
                    Problem(
                        self.path,
                        self._line(node) or None,
                        f"nesting deeper than {MAX_DEPTH} levels",
                        "flatten the structure; a model needs only a few levels",
                    )
                ]
            )
        self.values += 1
        bits = self.bits
        if kind & bits.key_special:
            self._check_key(node, kind)
        if not kind & bits.special:
            if kind & bits.map:
                return self._map(node, depth)
            if kind & bits.seq:
                return self._seq(node, depth)
            return self._scalar(node, kind)[0]
        if kind & bits.ref:
            return self._alias(node, bytes(tree.val_ref(node)).decode())
        if not kind & bits.anchor:
            return self._tagged(node, kind, depth)
        # An anchor names the value as read here, once: a later alias gets that very value, even if
        # the anchor is redefined afterwards or the aliases inside it have been redefined since.
        name = bytes(tree.val_anchor(node)).decode()
        start = self.values
        self.defining.add(name)
        try:
            value = self._tagged(node, kind, depth)
        finally:
            self.defining.discard(name)
        self.anchors[name] = (value, max(1, self.values - start))
        return value

    def _check_key(self, node: int, kind: int) -> None:
        """Keys are plain text: a tag other than YAML's standard ones, or an alias, is refused
        (before, a tag on a key such as ``!custom id:`` passed unchecked)."""
        tree = self.tree
        if kind & self.ryml.KEYREF:
            what = "an alias used as a key"
            fix = "write the key out: keys are plain words such as 'id' or 'kind'"
        else:
            tag = bytes(tree.key_tag(node)).decode()
            if tag in _STD_TAGS:
                return
            what = f"the YAML tag {tag!r} on a key is not supported"
            fix = "remove the tag: keys are plain words such as 'id' or 'kind'"
        raise ModelError([Problem(self.path, self._line(node) or None, what, fix)])

    def _tagged(self, node: int, kind: int, depth: int) -> Any:
        """A value that may carry a tag (only the standard ones are accepted)."""
        tree, bits = self.tree, self.bits
        if kind & bits.tag:
            tag = bytes(tree.val_tag(node)).decode()
            if tag not in _STD_TAGS:
                raise ModelError(
                    [
                        Problem(
                            self.path,
                            self._line(node) or None,
                            f"the YAML tag {tag!r} is not supported",
                            "remove the tag: models hold plain text, numbers and lists",
                        )
                    ]
                )
            if tag == "!!str" and kind & bits.val and not kind & (bits.map | bits.seq | bits.ref):
                view = tree.val(node)  # an explicit !!str keeps '5' as text ('' when empty)
                return bytes(view).decode() if view is not None else ""
        if kind & bits.map:
            return self._map(node, depth)
        if kind & bits.seq:
            return self._seq(node, depth)
        return self._scalar(node, kind)[0]

    def _alias(self, node: int, name: str) -> Any:
        """The value of ``*name``: the one read at the latest ``&name`` before it (shared, not
        re-read). Each use is charged the value's size, so an alias bomb still ends in an error."""
        if name in self.defining:
            raise ModelError(
                [
                    Problem(
                        self.path,
                        self._line(node) or None,
                        f"the alias *{name} is inside its own anchor &{name}",
                        "a value cannot contain itself: write the inner part out",
                    )
                ]
            )
        found = self.anchors.get(name)
        if found is None:
            raise ModelError(
                [
                    Problem(
                        self.path,
                        self._line(node) or None,
                        f"the alias *{name} has no anchor &{name} before it",
                        f"define '&{name}' before using '*{name}'",
                    )
                ]
            )
        value, size = found
        self._spend(node, size)
        self.values += size  # an enclosing anchor's size counts what its aliases stand for
        return value

    def _map(self, node: int, depth: int) -> YMap:
        tree = self.tree
        out = YMap()
        out._text = self.text
        first_line = 0
        out.offset = None
        merged: list[YMap] = []
        none = self.none
        strings = self.strings
        child = tree.first_child(node)
        while child != none:
            current, child = child, tree.next_sibling(child)
            key_view = tree.key(current)
            if key_view is None or (len(key_view) == 0 and not tree.is_key_quoted(current)):
                raise ModelError(
                    [
                        Problem(
                            self.path,
                            self._value_line(current) or (first_line or None),
                            "a key is missing before a ':'",
                            "write the key before the colon, e.g. 'kind: platform'",
                        )
                    ]
                )
            key = bytes(key_view).decode()
            key = strings.setdefault(key, key)
            if out.offset is None and len(key_view):
                out.offset = self._offset(key_view)
                if out.offset is not None:
                    first_line = self.text.line_at(out.offset)
            if key == "<<" and not tree.is_key_quoted(current):
                merged.extend(self._merge_sources(current, depth))
                continue
            if key in out:
                line = self._line(current) or None
                raise ModelError(
                    [
                        Problem(
                            self.path,
                            line,
                            f"the key {key!r} appears twice in one mapping",
                            f"keep one '{key}:' (YAML keeps only the last, silently)",
                        )
                    ]
                )
            out[key] = self._value(current, depth + 1)
        for source in merged:
            for key, value in source.items():
                out.setdefault(key, value)
        out.line = first_line or None
        if self.progress is not None and out.offset is not None:
            self.visited += 1
            if not self.visited % 1024:
                self.progress(min(1.0, out.offset / self.end_offset))
        return out

    def _merge_sources(self, child: int, depth: int) -> list[YMap]:
        value = self._value(child, depth + 1)
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(s, dict) for s in sources):
            raise ModelError(
                [
                    Problem(
                        self.path,
                        self._line(child) or None,
                        "a '<<' merge key must point to a mapping or a list of mappings",
                        "use '<<: *anchor' where &anchor names a mapping",
                    )
                ]
            )
        return sources

    def _seq(self, node: int, depth: int) -> YSeq:
        tree, bits = self.tree, self.bits
        out = YSeq()
        lines: list[int | None] = []
        for child in self._children(node):
            kind = tree.type(child)
            if kind & (bits.map | bits.seq | bits.special):
                item = self._value(child, depth + 1)
                if isinstance(item, (YMap, YSeq)) and not kind & bits.ref:
                    line = item.line
                else:  # a scalar, or an alias: the line where the item is written, not its anchor's
                    line = self._line(child) or None
            else:  # a plain item such as a requirement id: its line comes from the same view
                self.values += 1
                self._spend(child)
                item, view = self._scalar(child, kind)
                offset = self._offset(view) if view is not None and len(view) else None
                line = self.text.line_at(offset) if offset is not None else None
            out.append(item)
            lines.append(line)
        out.item_lines = lines
        out.line = next((line for line in lines if line), None)
        return out

    def _scalar(self, node: int, kind: int) -> tuple[Any, memoryview | None]:
        """The typed value of a scalar node, and its view into the buffer (for its line)."""
        bits = self.bits
        if not kind & bits.val or kind & bits.null:
            return None, None
        view = self.tree.val(node)
        text = bytes(view).decode()
        if kind & bits.styled:
            return text, view
        value = plain_scalar(text)
        if value is text and len(text) <= MEMO_LENGTH:
            value = self.strings.setdefault(text, text)
        return value, view


#: Plain scalars up to this length are shared (ids and words; names and notes are mostly unique).
MEMO_LENGTH = 24


class YInt(int):
    """An integer scalar that remembers how it was written (``007``), so an id stays its text."""

    text: str


class YFloat(float):
    """A float scalar that remembers how it was written (``1.10``, ``1e3``)."""

    text: str


def _written(value: YInt | YFloat, text: str) -> YInt | YFloat:
    value.text = text
    return value


def plain_scalar(text: str) -> Any:
    """Type an unquoted scalar as YAML 1.2's core schema does (null, bool, int, float, text)."""
    if text[:1].isalpha() and text not in _WORDS:  # most scalars are ids and names: no regex needed
        return text
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return _written(YInt(text), text)
    if _FLOAT.match(text):
        number = float(text.replace(".", "", 1)) if text.lower().endswith(".inf") else float(text)
        return _written(YFloat(number), text)
    return text


def _line_start(data: bytes, line: int) -> int:
    """Offset where 1-based ``line`` starts (the end of ``data`` past its last line)."""
    start = 0
    for _ in range(line - 1):
        found = data.find(b"\n", start)
        if found < 0:
            return len(data)
        start = found + 1
    return start


def _syntax_fix(data: bytes, line: int | None) -> str:
    if line and line > 0:
        start = _line_start(data, line)
        end = data.find(b"\n", start)
        if b"\t" in data[start : end if end >= 0 else len(data)]:
            return "YAML does not allow tab characters for indentation: replace tabs with spaces"
    return (
        "check the indentation and the brackets/quotes on this line and the one before; "
        "list items start with '- ', keys end with ': '"
    )


#: Files up to this size are re-read whole by PyYAML to word a syntax error; bigger ones only in a
#: window around the line rapidyaml stopped at (a whole 32 MB file took PyYAML 2.6 GB).
WHOLE_FILE_WORDING = 1 << 20
WINDOW_BEFORE = 64 * 1024
WINDOW_AFTER = 8 * 1024
_BLOCK_START = re.compile(rb"\S| {0,2}- ")  # a top-level key, or a top-level list item ("  - id: …")


def _worded_syntax_problem(data: bytes, path: str, line: int | None) -> Problem | None:
    """PyYAML's wording of a syntax error (it names the token and the line), read from the whole
    file when it is small, else from a bounded window that starts at a top-level line before the
    error (so its memory and time do not grow with the file)."""
    if len(data) <= WHOLE_FILE_WORDING or not line:
        return _pyyaml_syntax_problem(data, path)
    start, end, first_line = _window(data, line)
    problem = _pyyaml_syntax_problem(data[start:end], path, first_line - 1, data)
    if problem is None or problem.line is None or not first_line <= problem.line <= line + 1:
        return None  # the window reads as valid, or fails only where it was cut: rapidyaml's words
    return problem


def _window(data: bytes, line: int) -> tuple[int, int, int]:
    """(start, end, first line) of at most WINDOW_BEFORE + WINDOW_AFTER bytes around ``line``."""
    error_at = _line_start(data, line)
    lowest = max(0, error_at - WINDOW_BEFORE)
    start = error_at
    while start > lowest:
        previous = data.rfind(b"\n", lowest, start - 1)
        candidate = previous + 1 if previous >= 0 else lowest
        start = candidate
        if _BLOCK_START.match(data, start) and start < error_at:
            break
    if not _BLOCK_START.match(data, start):
        start = error_at
    end = data.find(b"\n", min(len(data), error_at + WINDOW_AFTER))
    end = len(data) if end < 0 else end
    return start, end, data.count(b"\n", 0, start) + 1


def _pyyaml_syntax_problem(data: bytes, path: str, offset: int = 0, whole: bytes | None = None) -> Problem | None:
    """PyYAML's wording of a syntax error in ``data`` (lines shifted by ``offset`` when ``data``
    is a window of ``whole``), if it finds one."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for _ in yaml.compose_all(data, Loader=loader):
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark is not None else None
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        return Problem(path, line, f"YAML syntax error: {what}", _syntax_fix(whole or data, line))
    except yaml.YAMLError as exc:
        return Problem(path, None, f"YAML syntax error: {exc}", _syntax_fix(whole or data, None))
    return None
