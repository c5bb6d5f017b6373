"""Load a model from a YAML file, a directory of them, or Python data, and validate it.

The steps live in their own modules: ``files`` (which files, their bytes), ``yaml_reader``
(YAML with lines), ``parse`` (one file's data into nodes), ``validate`` (cross-references),
``problems`` (collecting ``path:line: what — how to fix``) and ``hints`` ('did you mean').
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import ModuleType
from typing import Any

from ..errors import ModelError, Problem
from .files import model_files, read_files
from .gcpause import collector_paused
from .hints import key_line, line_of, suggest, unknown_keys
from .parse import TOP_KEYS, parse_meta, parse_node
from .problems import MAX_PROBLEMS, Problems
from .types import Model, Node
from .validate import resolve_home, validate
from .yaml_reader import read_yaml


def load_model(path: str | os.PathLike[str], progress: Callable[[int, int], None] | None = None) -> Model:
    """Read and validate the model at ``path`` (a YAML file or a directory of YAML files).

    Problems in several files (unreadable, not UTF-8, bad YAML) are all reported at once.
    ``progress(done, total)``, if given, is called with bytes read so far, for a progress bar.

    >>> model = load_model("graphs/canada")  # doctest: +SKIP
    >>> model.find("f-35")                     # doctest: +SKIP
    'F-35A'
    """
    files = model_files(path)
    contents, problems = read_files(files)
    total = sum(len(data) for _, data in contents)
    with collector_paused(total >= CACHE_MIN_BYTES):
        model = _load_contents(contents, problems, total, progress)
    if total >= CACHE_MIN_BYTES:
        _settle_collector()
    return model


#: The cycle collector's first threshold once a big model is loaded (Python's default is 700).
BIG_MODEL_GC_THRESHOLD = 100_000


def _settle_collector() -> None:
    """A big model's million acyclic objects live as long as the command: move them out of the
    cycle collector's sight (``gc.freeze``) and collect young objects less often, so the analysis
    that follows is not paused again and again to rescan them (what-if on 100k nodes: about
    2.0 s -> 1.5 s). Dropped models are still freed by reference counting."""
    gc.freeze()
    first, second, third = gc.get_threshold()
    gc.set_threshold(max(first, BIG_MODEL_GC_THRESHOLD), second, third)


def _load_contents(
    contents: list[tuple[str, bytes]],
    problems: list[Problem],
    total: int,
    progress: Callable[[int, int], None] | None,
) -> Model:
    """Parse and validate files already read (or serve them from the cache)."""
    key = None
    cache = None if problems else _cache_for(total)
    if cache is not None:
        key = cache.cache_key(contents)
        cached: Model | None = cache.load_cached(key)
        if cached is not None:
            return cached
    done = 0
    documents: list[tuple[str, Any]] = []
    for display, data in contents:
        step = None
        if progress is not None:
            progress(done, total)

            def step(fraction: float, start: int = done, size: int = len(data)) -> None:
                progress(start + int(fraction * size), total)

        try:
            documents.append((display, read_yaml(data, display, step)))
        except ModelError as error:
            problems.extend(error.problems)
        done += len(data)
    if problems:
        raise ModelError(problems[:MAX_PROBLEMS], more=len(problems) - min(len(problems), MAX_PROBLEMS))
    if progress is not None:
        progress(total, total)
    model = build_model(documents)
    if cache is not None and key is not None:
        cache.store(key, model)
    return model


#: interop.model.cache's default MIN_BYTES: below it the cache module is not even imported.
CACHE_MIN_BYTES = 1_000_000


def _cache_for(total: int) -> ModuleType | None:
    """The cache module when a model of ``total`` bytes is big enough to be cached. It is imported
    only then (its imports cost a small command's start-up); once imported, its own MIN_BYTES rules."""
    if f"{__package__}.cache" not in sys.modules and total < CACHE_MIN_BYTES:
        return None
    from . import cache

    return cache if total >= cache.MIN_BYTES else None


def model_from_data(data: Mapping[str, Any] | Sequence[Mapping[str, Any]], origin: str = "<data>") -> Model:
    """Build a model from Python data shaped like a model file (``{"model": …, "nodes": […]}``),
    or from a bare list of node mappings. Lines are unknown, so messages name ``origin``."""
    document = {"nodes": list(data)} if isinstance(data, Sequence) else data
    return build_model([(origin, document)])


def build_model(documents: Iterable[tuple[str, Any]]) -> Model:
    """Turn parsed documents (path, data) into a validated Model, or raise ModelError."""
    problems = Problems()
    nodes: dict[str, Node] = {}
    meta: dict[str, Any] = {}
    meta_path: str | None = None
    files: list[str] = []
    for path, document in documents:
        files.append(path)
        if document is None:
            continue
        if not isinstance(document, Mapping):
            problems.add(
                path,
                line_of(document),
                "the file must be a mapping with 'nodes:' (and optionally 'model:')",
                "start the file with 'nodes:' followed by a list of '- id: …' entries",
            )
            continue
        unknown_keys(problems, path, document, TOP_KEYS, "", "use 'model:' and 'nodes:' only", noun="top-level key")
        if "model" in document:
            if meta_path is not None:
                problems.add(
                    path,
                    key_line(document, "model"),
                    f"a second 'model:' section (the first is in {meta_path})",
                    "keep one 'model:' section in one file",
                )
            else:
                meta_path = path
                meta = parse_meta(document["model"], path, problems)
        raw_nodes = document.get("nodes")
        if raw_nodes is None:
            continue
        if not isinstance(raw_nodes, list):
            problems.add(
                path,
                key_line(document, "nodes"),
                "'nodes' must be a list",
                "write each node as a list item starting with '- id: …'",
            )
            continue
        lines = getattr(raw_nodes, "item_lines", None) or [None] * len(raw_nodes)
        for raw, line in zip(raw_nodes, lines, strict=False):
            node = parse_node(raw, path, line, problems)
            if node is None:
                continue
            if node.id in nodes:
                first = nodes[node.id].location
                problems.add(
                    path,
                    line,
                    f"duplicate id {node.id!r} (first defined at {first})",
                    "give each node a unique id, or merge the two entries",
                )
                continue
            nodes[node.id] = node
    if not nodes and not problems.items:
        where = files[0] if len(files) == 1 else (os.path.commonpath(files) if files else "<model>")
        problems.add(where, None, "the model has no nodes", "add a 'nodes:' list with at least one node")
    if not nodes:
        problems.raise_if_any()
    # Cross-references are checked even when some nodes had problems, so every problem of a
    # file is reported in one go (checks that depend on a node's mistyped kind are skipped).
    home = resolve_home(meta, meta_path, nodes, problems)
    validate(nodes, home, problems)
    problems.raise_if_any()
    return Model(nodes=nodes, name=meta.get("name"), home=home, as_of=meta.get("as_of"), files=tuple(files))


__all__ = ["build_model", "load_model", "model_files", "model_from_data", "suggest"]
