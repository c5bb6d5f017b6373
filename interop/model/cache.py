"""A cache of big parsed models, keyed by the content of their files.

Parsing and validating 15 MB of YAML (100k nodes) takes several seconds; unpickling the
validated model takes well under one. Only models of at least ``MIN_BYTES`` are cached, in
``$INTEROP_CACHE_DIR`` or ``$XDG_CACHE_HOME/interop`` (default ``~/.cache/interop``); set
``INTEROP_CACHE=0`` to turn it off. The key covers interop's version, Python's version, and every
file's path and bytes, so an edit, a new release or another spelling of the path is a miss. Only
valid models are stored; any problem reading an entry is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path

from .types import Location, Model, Node, Requirement, ServiceWindow

MIN_BYTES = 1_000_000
KEEP = 8  # entries kept; older ones are removed when a new one is written


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("INTEROP_CACHE", "1").lower() in ("0", "off", "no", "false"):
        return None
    explicit = os.environ.get("INTEROP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "interop"


def cache_key(files: Sequence[tuple[str, bytes]]) -> str:
    from .. import __version__

    digest = hashlib.sha256(f"interop {__version__} python {sys.version_info[:2]}".encode())
    for path, data in files:
        digest.update(b"\0path\0" + path.encode() + b"\0bytes\0" + len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def load_cached(key: str) -> Model | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"{key}.pickle", "rb") as handle:
            return _decode(pickle.load(handle))
    except Exception:  # a missing, partial or stale entry is simply a miss
        return None


def store(key: str, model: Model) -> None:
    folder = cache_dir()
    if folder is None:
        return
    from ..output import write_atomic

    with contextlib.suppress(Exception):  # the cache is an optimisation: never fail a load over it
        folder.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps(_encode(model), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(folder / f"{key}.pickle", payload, durable=False)
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)


# Plain tuples unpickle several times faster than frozen dataclasses (whose __setstate__ runs in
# Python for every object); the objects are rebuilt through their constructors instead.


def _location(location: Location | None) -> tuple[str, int | None] | None:
    return None if location is None else (location.path, location.line)


def _window(window: ServiceWindow | None) -> tuple[object, ...] | None:
    if window is None:
        return None
    return (window.start, window.end, window.start_text, window.end_text, _location(window.location))


def _encode(model: Model) -> tuple[object, ...]:
    nodes = []
    for n in model.nodes.values():
        requires = tuple(
            (
                r.targets,
                r.any_of,
                r.grace_days,
                r.label,
                r.source,
                r.confidence,
                r.notes,
                r.from_nation,
                _location(r.location),
            )
            for r in n.requires
        )
        nodes.append(
            (
                n.id,
                n.kind,
                n.name,
                n.aliases,
                n.nation,
                n.operator,
                n.status,
                requires,
                n.interfaces,
                n.source,
                n.confidence,
                n.notes,
                n.tags,
                _location(n.location),
                _window(n.service),
                n.service_source,
            )
        )
    return ("interop-model-v2", model.name, model.home, model.as_of, model.files, tuple(nodes))


def _decode(data: tuple[object, ...]) -> Model | None:
    tag, name, home, as_of, files, raw_nodes = data
    if tag != "interop-model-v2":
        return None
    nodes: dict[str, Node] = {}
    for (
        node_id,
        kind,
        node_name,
        aliases,
        nation,
        operator,
        status,
        requires,
        interfaces,
        source,
        confidence,
        notes,
        tags,
        where,
        window,
        service_source,
    ) in raw_nodes:  # type: ignore[attr-defined]
        items = tuple(
            Requirement(
                targets,
                any_of,
                grace,
                label,
                r_source,
                r_confidence,
                r_notes,
                from_nation,
                Location(*r_where) if r_where else None,
            )
            for targets, any_of, grace, label, r_source, r_confidence, r_notes, from_nation, r_where in requires
        )
        nodes[node_id] = Node(
            node_id,
            kind,
            node_name,
            aliases,
            nation,
            operator,
            status,
            items,
            interfaces,
            source,
            confidence,
            notes,
            tags,
            Location(*where) if where else None,
            None if window is None else ServiceWindow(*window[:4], Location(*window[4]) if window[4] else None),
            service_source,
        )
    return Model(nodes=nodes, name=name, home=home, as_of=as_of, files=files)
