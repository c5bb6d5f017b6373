"""A cache of big parsed models, keyed by the content of their files and by interop's own code.

Parsing and validating 15 MB of YAML (100k nodes) takes several seconds; reading the validated
model back from a cache entry takes a fraction of that. Only models of at least ``MIN_BYTES`` are
cached; set ``INTEROP_CACHE=0`` to turn it off.

Safety, because a cache folder is a place other people may be able to write to:

- Entries are JSON (plain data: reading one can never run code), with a header line naming the
  format, the key and a SHA-256 checksum of the body; anything that does not match exactly is a
  miss and the model is parsed afresh. No problem with the cache is ever an error.
- Entries live in interop's own subfolder ``models/`` of ``$INTEROP_CACHE_DIR`` (or
  ``$XDG_CACHE_HOME/interop``, or ``$HOME/.cache/interop``), created 0700; entries are 0600. A
  folder or entry that is not ours (another owner, open to group or others, a symbolic link, not a
  regular file) is never read or written; a FIFO at an entry's path is opened non-blocking and
  skipped. Eviction deletes only files with interop's own name pattern and header.
- With no usable HOME (unset, relative or ``/``) and no cache variable, there is no cache, and a
  note on stderr says so once (instead of a stray ``./~/.cache`` or ``/.cache``).

The key covers the entry format, Python's version, a hash of the model layer's source files (so
an edited loader during development never serves a stale model), and every file's path and bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..signals import signals_raise
from .gcpause import collector_paused
from .types import Location, Model, Node, Requirement, ServiceWindow

MIN_BYTES = 1_000_000
KEEP = 8  # entries kept; older ones of ours are removed when a new one is written
FORMAT = "interop-model-cache 2"
SUBFOLDER = "models"
MAX_ENTRY_BYTES = 2**30
_ENTRY = re.compile(r"model-[0-9a-f]{64}\.json\Z")
_noted = False


def cache_dir() -> Path | None:
    """interop's own folder for entries, or None when caching is off or has nowhere safe to go."""
    if os.environ.get("INTEROP_CACHE", "1").lower() in ("0", "off", "no", "false"):
        return None
    explicit = os.environ.get("INTEROP_CACHE_DIR")
    if explicit:
        return Path(explicit) / SUBFOLDER
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "interop" / SUBFOLDER
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home) or os.path.realpath(home) == "/":
        _note(f"HOME is {'not set' if not home else repr(home)}")
        return None
    return Path(home) / ".cache" / "interop" / SUBFOLDER


def _note(why: str) -> None:
    global _noted
    if not _noted:
        _noted = True
        sys.stderr.write(
            f"note: {why}, so big models are not cached (set INTEROP_CACHE_DIR to a folder of yours to cache them)\n"
        )


_MODEL_CODE = Path(__file__).resolve().parent


@lru_cache(maxsize=4)
def code_hash(folder: Path = _MODEL_CODE) -> str:
    """SHA-256 of the model layer's source files (the code that turns YAML into a Model): about a
    millisecond, once per process."""
    digest = hashlib.sha256()
    for source in sorted(folder.glob("*.py")):
        digest.update(source.name.encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_key(files: Sequence[tuple[str, bytes]]) -> str:
    from .. import __version__

    header = f"{FORMAT} interop {__version__} code {code_hash()} python {sys.version_info[:2]}"
    digest = hashlib.sha256(header.encode())
    for path, data in files:
        digest.update(b"\0path\0" + path.encode() + b"\0bytes\0" + len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _ours(info: os.stat_result) -> bool:
    """Owned by the user running interop (POSIX; Windows has no uids: its profile folders are
    private through ACLs, which Python's stat cannot show)."""
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


def _open_to_others(info: os.stat_result) -> bool:
    return hasattr(os, "geteuid") and bool(stat.S_IMODE(info.st_mode) & 0o077)


def _safe_folder(folder: Path, create: bool) -> bool:
    """True if ``folder`` is a real directory owned by us and closed to everyone else (made so, or
    created 0700, when ``create``)."""
    try:
        if create:
            folder.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder, 0o700)
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or not _ours(info):
        return False
    if _open_to_others(info):
        if not create:
            return False
        try:
            os.chmod(folder, 0o700)
        except OSError:
            return False
    return True


def _entry(folder: Path, key: str) -> Path:
    return folder / f"model-{key}.json"


def _header(key: str, body: bytes) -> bytes:
    return f"{FORMAT} {key} sha256={hashlib.sha256(body).hexdigest()}\n".encode()


def _read_own(path: Path, prefix: int | None = None) -> bytes | None:
    """The bytes of ``path`` (its first ``prefix`` bytes) if it is a regular file of ours, 0600 or
    stricter; None otherwise.
    Opened non-blocking and without following links, so a FIFO or a planted link cannot hang or
    redirect the read."""
    try:
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
        for name in ("O_NONBLOCK", "O_NOFOLLOW", "O_CLOEXEC"):  # POSIX only
            flags |= getattr(os, name, 0)
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _ours(info) or _open_to_others(info) or info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(MAX_ENTRY_BYTES if prefix is None else prefix)
    except OSError:
        return None
    finally:
        os.close(fd)


def load_cached(key: str) -> Model | None:
    folder = cache_dir()
    if folder is None or not _safe_folder(folder, create=False):
        return None
    raw = _read_own(_entry(folder, key))
    if raw is None:
        return None
    header, _, body = raw.partition(b"\n")
    if header + b"\n" != _header(key, body):
        return None
    try:
        with collector_paused():
            return _decode(json.loads(body))
    except Exception:  # a well-checksummed entry of an unexpected shape is still only a miss
        return None


def store(key: str, model: Model) -> None:
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(Exception):  # the cache is an optimisation: never fail a load over it
        if not _safe_folder(folder, create=True):
            return
        with collector_paused():
            body = json.dumps(_encode(model), ensure_ascii=False, separators=(",", ":")).encode()
        with signals_raise():  # SIGTERM/SIGHUP mid-write leave no temp file in the cache either
            fd, temp = tempfile.mkstemp(dir=folder, prefix=".model-", suffix=".tmp")  # created 0600
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(_header(key, body))
                    handle.write(body)
                os.replace(temp, _entry(folder, key))
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temp)
        _evict(folder)


def _evict(folder: Path) -> None:
    """Keep the ``KEEP`` newest entries of ours; never touch a file interop did not write."""
    ours: list[tuple[float, str]] = []
    for name in os.listdir(folder):
        if not _ENTRY.match(name):
            continue
        path = folder / name
        head = _read_own(path, prefix=len(FORMAT) + 1)
        if head is None or not head.startswith(FORMAT.encode() + b" "):
            continue
        with contextlib.suppress(OSError):
            ours.append((os.lstat(path).st_mtime, name))
    ours.sort(reverse=True)
    for _, name in ours[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(folder / name)


# Plain lists (JSON arrays) read several times faster than objects with named fields; the model's
# objects are rebuilt through their constructors, field by field in declaration order (the field
# names are part of the key, through the code hash). Tuples become lists and back; locations are
# stored as [path index, line]. A field whose value is not plain data makes ``json.dumps`` fail,
# so such a model is simply not cached.


Shape = tuple[tuple[str, ...], list[int], list[int], list[int], list[int]]


def _shape(cls: type) -> Shape:
    """A dataclass's field names, and the positions of its tuple fields, Location fields,
    requirement tuples and service windows (read from the annotations, so a new field of plain
    data needs no change here)."""
    names: list[str] = []
    tuples: list[int] = []
    locations: list[int] = []
    requirements: list[int] = []
    windows: list[int] = []
    for index, item in enumerate(dataclasses.fields(cls)):
        names.append(item.name)
        kind = str(item.type)
        if kind.startswith("tuple[Requirement"):
            requirements.append(index)
        elif kind.startswith("tuple["):
            tuples.append(index)
        elif kind.startswith("Location"):
            locations.append(index)
        elif kind.startswith("ServiceWindow"):
            windows.append(index)
    return tuple(names), tuples, locations, requirements, windows


_NODE = _shape(Node)
_REQUIREMENT = _shape(Requirement)


def _encode(model: Model) -> list[object]:
    paths: dict[str, int] = {}

    def where(value: Location | None) -> list[object] | None:
        return None if value is None else [paths.setdefault(value.path, len(paths)), value.line]

    def window(value: ServiceWindow | None) -> list[object] | None:
        if value is None:
            return None
        start, end = (None if day is None else day.isoformat() for day in (value.start, value.end))
        return [start, end, value.start_text, value.end_text, where(value.location)]

    def row(item: object, shape: Shape) -> list[object]:
        names, _, locations, requirements, windows = shape
        values: list[object] = [getattr(item, name) for name in names]
        for index in locations:
            values[index] = where(values[index])  # type: ignore[arg-type]
        for index in windows:
            values[index] = window(values[index])  # type: ignore[arg-type]
        for index in requirements:
            values[index] = [row(r, _REQUIREMENT) for r in values[index]]  # type: ignore[attr-defined]
        return values

    nodes = [row(node, _NODE) for node in model.nodes.values()]
    fields = [_NODE[0], _REQUIREMENT[0]]
    return [FORMAT, *fields, model.name, model.home, model.as_of, model.files, list(paths), nodes]


def _decode(data: list[object]) -> Model | None:
    tag, node_fields, requirement_fields, name, home, as_of, files, path_list, raw_nodes = data
    if tag != FORMAT or tuple(node_fields) != _NODE[0] or tuple(requirement_fields) != _REQUIREMENT[0]:  # type: ignore[arg-type]
        return None
    paths: list[str] = path_list  # type: ignore[assignment]
    _, node_tuples, node_locations, node_requirements, node_windows = _NODE
    _, req_tuples, req_locations, _, _ = _REQUIREMENT

    def where(raw: list[Any] | None) -> Location | None:
        return None if raw is None else Location(paths[raw[0]], raw[1])

    def day(text: str | None) -> datetime.date | None:
        return None if text is None else datetime.date.fromisoformat(text)

    nodes: dict[str, Node] = {}
    for values in raw_nodes:  # type: ignore[attr-defined]
        for index in node_tuples:
            values[index] = tuple(values[index])
        for index in node_locations:
            values[index] = where(values[index])
        for index in node_windows:
            if values[index] is not None:
                start, end, start_text, end_text, location = values[index]
                values[index] = ServiceWindow(day(start), day(end), start_text, end_text, where(location))
        for index in node_requirements:
            items = []
            for r in values[index]:
                for at in req_tuples:
                    r[at] = tuple(r[at])
                for at in req_locations:
                    r[at] = where(r[at])
                items.append(Requirement(*r))
            values[index] = tuple(items)
        nodes[values[0]] = Node(*values)
    return Model(nodes=nodes, name=name, home=home, as_of=as_of, files=tuple(files))  # type: ignore[arg-type]
