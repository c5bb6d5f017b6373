"""Load a model from a YAML file, a directory of them, or Python data, and validate it.

Every problem is reported as ``path:line: what — how to fix``; all problems of a model are
collected (up to a cap) and raised together as one ModelError, so a user fixes them in one go.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ModelError, Problem
from . import cache
from .types import CONFIDENCES, KINDS, STATUSES, Location, Model, Node, Requirement
from .yaml_reader import YMap, read_yaml

MAX_PROBLEMS = 50
MAX_FILE_BYTES = 256 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")
DANGLING_LINK = "a symbolic link that leads nowhere (broken, or a loop)"

NODE_KEYS = (
    "id",
    "kind",
    "name",
    "aliases",
    "nation",
    "operator",
    "status",
    "requires",
    "interfaces",
    "source",
    "confidence",
    "notes",
    "tags",
)
REQUIREMENT_KEYS = ("id", "any_of", "grace_days", "label", "source", "confidence", "notes")
MODEL_KEYS = ("name", "home", "as_of", "description", "source", "notes")
TOP_KEYS = ("model", "nodes")


class _Problems:
    """Collects problems up to a cap; raising turns them into one ModelError."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.dropped = 0

    def add(self, path: str, line: int | None, what: str, fix: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(path, line, what, fix))
        else:
            self.dropped += 1

    def raise_if_any(self) -> None:
        if self.items:
            ordered = sorted(self.items, key=lambda p: (p.path, p.line or 0, p.what))
            raise ModelError(ordered, more=self.dropped)


def model_files(path: str | os.PathLike[str]) -> list[Path]:
    """The YAML files a model path stands for: the file itself, or a directory's ``*.yaml``/``*.yml``
    files found recursively (hidden entries skipped, symlinked directories not followed),
    in sorted path order. A directory that cannot be listed, a broken or looping symbolic link
    and a non-regular file (a FIFO would hang the reader) are errors, never silently skipped."""
    root = Path(path)
    if not root.exists():
        looping = os.path.lexists(root)
        raise ModelError(
            [
                Problem(
                    str(root),
                    None,
                    DANGLING_LINK if looping else "no such file or directory",
                    "fix the link or point --model at the real file"
                    if looping
                    else "check the --model path (a .yaml file or a directory of them)",
                )
            ]
        )
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise ModelError(
            [
                Problem(
                    str(root),
                    None,
                    "not a regular file or directory",
                    "point --model at a .yaml file or a directory of them",
                )
            ]
        )
    problems = _Problems()

    def unreadable(error: OSError) -> None:
        problems.add(
            str(error.filename or root),
            None,
            f"cannot list the directory ({error.strerror or error})",
            "check that the directory exists and that you may read it",
        )

    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES):
                continue
            file = Path(folder, name)
            if not file.is_file():
                looping = file.is_symlink()
                problems.add(
                    str(file),
                    None,
                    DANGLING_LINK if looping else "not a regular file",
                    "fix or remove it: a model directory holds plain .yaml files",
                )
                continue
            found.append(file)
    problems.raise_if_any()
    found.sort(key=lambda p: p.relative_to(root).as_posix())
    if not found:
        raise ModelError(
            [
                Problem(
                    str(root),
                    None,
                    "the directory holds no .yaml or .yml files",
                    "add model files, or point --model at another directory",
                )
            ]
        )
    return found


def load_model(path: str | os.PathLike[str], progress: Callable[[int, int], None] | None = None) -> Model:
    """Read and validate the model at ``path`` (a YAML file or a directory of YAML files).

    Problems in several files (unreadable, not UTF-8, bad YAML) are all reported at once.
    ``progress(done, total)``, if given, is called with bytes read so far, for a progress bar.

    >>> model = load_model("graphs/canada")  # doctest: +SKIP
    >>> model.find("f-35")                     # doctest: +SKIP
    'F-35A'
    """
    files = model_files(path)
    problems: list[Problem] = []
    contents: list[tuple[str, bytes]] = []
    for file in files:
        display = str(file)
        try:
            size = file.stat().st_size
            if size > MAX_FILE_BYTES:
                problems.append(
                    Problem(
                        display,
                        None,
                        f"the file is {size // 2**20} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit",
                        "split the model into several files in one directory",
                    )
                )
                continue
            contents.append((display, file.read_bytes()))
        except OSError as exc:
            problems.append(
                Problem(
                    display,
                    None,
                    f"cannot read the file ({exc.strerror or exc})",
                    "check that the file exists and that you may read it",
                )
            )
    total = sum(len(data) for _, data in contents)
    key = None
    if not problems and total >= cache.MIN_BYTES:
        key = cache.cache_key(contents)
        cached = cache.load_cached(key)
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
    if key is not None:
        cache.store(key, model)
    return model


def model_from_data(data: Mapping[str, Any] | Sequence[Mapping[str, Any]], origin: str = "<data>") -> Model:
    """Build a model from Python data shaped like a model file (``{"model": …, "nodes": […]}``),
    or from a bare list of node mappings. Lines are unknown, so messages name ``origin``."""
    document = {"nodes": list(data)} if isinstance(data, Sequence) else data
    return build_model([(origin, document)])


def build_model(documents: Iterable[tuple[str, Any]]) -> Model:
    """Turn parsed documents (path, data) into a validated Model, or raise ModelError."""
    problems = _Problems()
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
                _line(document),
                "the file must be a mapping with 'nodes:' (and optionally 'model:')",
                "start the file with 'nodes:' followed by a list of '- id: …' entries",
            )
            continue
        for key in document:
            if key not in TOP_KEYS and not _is_extension(key):
                problems.add(
                    path,
                    _key_line(document, key),
                    f"unknown top-level key {key!r}",
                    suggest(key, TOP_KEYS, "use 'model:' and 'nodes:' only"),
                )
        if "model" in document:
            if meta_path is not None:
                problems.add(
                    path,
                    _key_line(document, "model"),
                    f"a second 'model:' section (the first is in {meta_path})",
                    "keep one 'model:' section in one file",
                )
            else:
                meta_path = path
                meta = _parse_meta(document["model"], path, problems)
        raw_nodes = document.get("nodes")
        if raw_nodes is None:
            continue
        if not isinstance(raw_nodes, list):
            problems.add(
                path,
                _key_line(document, "nodes"),
                "'nodes' must be a list",
                "write each node as a list item starting with '- id: …'",
            )
            continue
        lines = getattr(raw_nodes, "item_lines", None) or [None] * len(raw_nodes)
        for raw, line in zip(raw_nodes, lines, strict=False):
            node = _parse_node(raw, path, line, problems)
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
    home = _resolve_home(meta, meta_path, nodes, problems)
    _validate(nodes, home, problems)
    problems.raise_if_any()
    return Model(nodes=nodes, name=meta.get("name"), home=home, as_of=meta.get("as_of"), files=tuple(files))


# --- parsing one node -------------------------------------------------------------------------


def _parse_meta(raw: Any, path: str, problems: _Problems) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        problems.add(
            path,
            _line(raw),
            "'model' must be a mapping (name, home, as_of)",
            "write 'model:' then indented 'name: …', 'home: CAN', 'as_of: 2026-11-01'",
        )
        return {}
    meta: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in MODEL_KEYS and not _is_extension(key):
            problems.add(
                path,
                _key_line(raw, key),
                f"unknown key {key!r} in 'model'",
                suggest(key, MODEL_KEYS, f"allowed keys: {', '.join(MODEL_KEYS)}"),
            )
            continue
        meta[key] = None if value is None else str(value)
    meta["_line"] = _key_line(raw, "home")
    return meta


def _parse_node(raw: Any, path: str, line: int | None, problems: _Problems) -> Node | None:
    if not isinstance(raw, Mapping):
        problems.add(
            path,
            line,
            "a node must be a mapping with at least 'id' and 'kind'",
            "write '- id: X' and, indented below it, 'kind: platform' (etc.)",
        )
        return None
    line = getattr(raw, "line", None) or line
    for key in raw:
        if key not in NODE_KEYS and not _is_extension(key):
            problems.add(
                path,
                _key_line(raw, key),
                f"unknown key {key!r} in node {raw.get('id')!r}",
                suggest(key, NODE_KEYS, "remove it, or prefix custom keys with 'x-'"),
            )
    node_id = _text(raw.get("id"))
    if not node_id:
        problems.add(path, line, "a node without an 'id'", "add 'id: SomeUniqueName' to the node")
        return None
    if node_id != node_id.strip() or "\n" in node_id:
        problems.add(
            path,
            line,
            f"the id {node_id!r} has leading/trailing spaces or a line break",
            "write the id on one line without surrounding spaces",
        )
    where = Location(path, line)
    kind = _text(raw.get("kind"))
    if kind is None:
        problems.add(path, line, f"node {node_id!r} has no 'kind'", f"add 'kind:' with one of: {', '.join(KINDS)}")
    elif kind not in KINDS:
        problems.add(
            path,
            _key_line(raw, "kind"),
            f"unknown kind {kind!r} for node {node_id!r}",
            suggest(kind, KINDS, f"use one of: {', '.join(KINDS)}"),
        )
    status = _text(raw.get("status")) or "active"
    if status not in STATUSES:
        problems.add(
            path,
            _key_line(raw, "status"),
            f"unknown status {status!r} for node {node_id!r}",
            suggest(status, STATUSES, "use 'active' (in service) or 'candidate' (not yet)"),
        )
    confidence = _confidence(raw, path, node_id, problems)
    nation = _text(raw.get("nation"))
    requires = list(_parse_requirements(raw.get("requires"), raw, path, node_id, problems))
    if nation:
        requires.append(Requirement((nation,), from_nation=True, location=Location(path, _key_line(raw, "nation"))))
    return Node(
        id=node_id,
        kind=kind or "",
        name=_text(raw.get("name")) or node_id,
        aliases=_text_list(raw, "aliases", path, node_id, problems),
        nation=nation,
        operator=_text(raw.get("operator")),
        status=status,
        requires=tuple(requires),
        interfaces=_text_list(raw, "interfaces", path, node_id, problems),
        source=_text_list(raw, "source", path, node_id, problems),
        confidence=confidence,
        notes=_text(raw.get("notes")),
        tags=_text_list(raw, "tags", path, node_id, problems),
        location=where,
    )


def _parse_requirements(
    raw: Any, node: Mapping[str, Any], path: str, node_id: str, problems: _Problems
) -> Iterable[Requirement]:
    if raw is None:
        return
    if not isinstance(raw, list):
        problems.add(
            path,
            _key_line(node, "requires"),
            f"'requires' of {node_id!r} must be a list",
            "write each requirement as a list item: '- SomeId'",
        )
        return
    lines = getattr(raw, "item_lines", None) or [None] * len(raw)
    for item, line in zip(raw, lines, strict=False):
        line = line or _key_line(node, "requires")
        where = Location(path, line)
        if isinstance(item, (str, int)) and not isinstance(item, bool):
            yield Requirement((str(item),), location=where)
            continue
        if not isinstance(item, Mapping):
            problems.add(
                path,
                line,
                f"a requirement of {node_id!r} is neither an id nor a mapping",
                "write '- SomeId', '- {id: SomeId, grace_days: 30}' or '- any_of: [A, B]'",
            )
            continue
        for key in item:
            if key not in REQUIREMENT_KEYS and not _is_extension(key):
                problems.add(
                    path,
                    _key_line(item, key),
                    f"unknown key {key!r} in a requirement of {node_id!r}",
                    suggest(key, REQUIREMENT_KEYS, f"allowed: {', '.join(REQUIREMENT_KEYS)}"),
                )
        grace = _grace(item, path, node_id, problems)
        extras = {
            "grace_days": grace,
            "label": _text(item.get("label")),
            "source": _text_list(item, "source", path, node_id, problems),
            "confidence": _confidence(item, path, node_id, problems),
            "notes": _text(item.get("notes")),
            "location": where,
        }
        if "id" in item and "any_of" in item:
            problems.add(
                path,
                line,
                f"a requirement of {node_id!r} has both 'id' and 'any_of'",
                "use 'id' for one requirement or 'any_of' for alternatives, not both",
            )
        elif "any_of" in item:
            alternatives = item["any_of"]
            if not isinstance(alternatives, list) or not alternatives:
                problems.add(
                    path,
                    line,
                    f"an empty or malformed 'any_of' in {node_id!r}",
                    "list at least one alternative: 'any_of: [A, B]'",
                )
                continue
            targets = tuple(dict.fromkeys(str(a) for a in alternatives if a is not None))
            yield Requirement(targets, any_of=True, **extras)
        elif "id" in item and _text(item.get("id")):
            yield Requirement((str(_text(item["id"])),), **extras)
        else:
            problems.add(
                path,
                line,
                f"a requirement of {node_id!r} names no 'id' or 'any_of'",
                "add 'id: SomeId' (or 'any_of: [A, B]') to the requirement",
            )


def _grace(item: Mapping[str, Any], path: str, node_id: str, problems: _Problems) -> int:
    value = item.get("grace_days", 0)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.add(
            path,
            _key_line(item, "grace_days"),
            f"grace_days {value!r} in a requirement of {node_id!r} is not a whole number of days ≥ 0",
            "write a whole number such as 0, 30 or 90",
        )
        return 0
    return value


def _confidence(raw: Mapping[str, Any], path: str, node_id: str, problems: _Problems) -> str | None:
    value = _text(raw.get("confidence"))
    if value is not None and value not in CONFIDENCES:
        problems.add(
            path,
            _key_line(raw, "confidence"),
            f"unknown confidence {value!r} in {node_id!r}",
            suggest(value, CONFIDENCES, "use high, medium or low"),
        )
        return None
    return value


def _text(value: Any) -> str | None:
    """A scalar as text (YAML ``true`` reads back as 'true'); None for null or a collection."""
    if value is None or isinstance(value, (list, dict)):
        return None
    return str(value).lower() if isinstance(value, bool) else str(value)


def _text_list(raw: Mapping[str, Any], key: str, path: str, node_id: str, problems: _Problems) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return (str(value),)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        return tuple(dict.fromkeys(str(v) for v in value))
    problems.add(
        path,
        _key_line(raw, key),
        f"'{key}' of {node_id!r} must be text or a list of text",
        f"write '{key}: [A, B]' or '{key}: A'",
    )
    return ()


# --- cross-reference validation ---------------------------------------------------------------


def _resolve_home(
    meta: Mapping[str, Any], meta_path: str | None, nodes: Mapping[str, Node], problems: _Problems
) -> str | None:
    home = meta.get("home")
    if home is None:
        return "CAN" if "CAN" in nodes and nodes["CAN"].kind == "nation" else None
    if home not in nodes:
        problems.add(
            meta_path or "<model>",
            meta.get("_line"),
            f"home nation {home!r} is not a node",
            suggest(
                home,
                [n.id for n in nodes.values() if n.kind == "nation"],
                "add the nation as a node of kind nation, or fix 'home'",
            ),
        )
    elif nodes[home].kind != "nation" and nodes[home].kind in KINDS:
        problems.add(
            meta_path or "<model>",
            meta.get("_line"),
            f"home {home!r} is not of kind nation",
            "set 'home' to a node of kind nation",
        )
    return home


def _validate(nodes: Mapping[str, Node], home: str | None, problems: _Problems) -> None:
    ids = list(nodes)
    seen: dict[str, str] = {node_id.casefold(): node_id for node_id in ids}
    for node in nodes.values():
        where = node.location or Location("<model>")
        for alias in node.aliases:
            key = alias.casefold()
            other = seen.get(key)
            if other is not None and other != node.id:
                problems.add(
                    where.path,
                    where.line,
                    f"alias {alias!r} of {node.id!r} is already used by {other!r}",
                    "make aliases unique across all ids and aliases (ignoring case)",
                )
            seen[key] = node.id
        for field, kind in (("nation", "nation"), ("operator", "nation")):
            target = getattr(node, field)
            if target is None:
                continue
            if target not in nodes:
                problems.add(
                    where.path,
                    where.line,
                    f"{field} {target!r} of {node.id!r} is not a node",
                    suggest(target, ids, f"add a node {target!r} of kind nation, or fix the id"),
                )
            elif nodes[target].kind != kind and nodes[target].kind in KINDS:
                problems.add(
                    where.path,
                    where.line,
                    f"{field} {target!r} of {node.id!r} is a {nodes[target].kind}, not a nation",
                    f"point '{field}' at a node of kind nation",
                )
        for link in node.interfaces:
            if link not in nodes:
                problems.add(
                    where.path,
                    where.line,
                    f"interface {link!r} of {node.id!r} is not a node",
                    suggest(link, ids, "add a node of kind datalink, or fix the id"),
                )
            elif nodes[link].kind != "datalink" and nodes[link].kind in KINDS:
                problems.add(
                    where.path,
                    where.line,
                    f"interface {link!r} of {node.id!r} is a {nodes[link].kind}, not a datalink",
                    "list only datalink nodes in 'interfaces'",
                )
        for requirement in node.requires:
            if requirement.from_nation:
                continue
            at = requirement.location or where
            for target in requirement.targets:
                if target not in nodes:
                    problems.add(
                        at.path,
                        at.line,
                        f"{node.id!r} requires unknown id {target!r}",
                        suggest(target, ids, "add that node or fix the id"),
                    )
                elif target == node.id:
                    problems.add(at.path, at.line, f"{node.id!r} requires itself", "remove the requirement on itself")
                elif nodes[target].is_candidate and node.status == "active":
                    problems.add(
                        at.path,
                        at.line,
                        f"active node {node.id!r} requires candidate {target!r}",
                        "only candidates may require candidates: make the requirer a candidate "
                        f"or make {target!r} active",
                    )


def suggest(word: str, choices: Iterable[str], otherwise: str) -> str:
    """'did you mean …?' for a mistyped word (case-insensitive), else ``otherwise``."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        folded = {c.casefold(): c for c in choices}
        close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
        close = [folded[c] for c in close]
    return f"did you mean {close[0]!r}?" if close else otherwise


def _is_extension(key: Any) -> bool:
    return isinstance(key, str) and key.startswith(("x-", "x_"))


def _line(value: Any) -> int | None:
    return getattr(value, "line", None)


def _key_line(mapping: Any, key: str) -> int | None:
    if isinstance(mapping, YMap):
        return mapping.line_of(key)
    return getattr(mapping, "line", None)


__all__ = ["build_model", "load_model", "model_files", "model_from_data", "suggest"]
