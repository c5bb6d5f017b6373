"""Parsing one model file's data (from the YAML reader, or Python data) into typed nodes.

Problems of shape (unknown keys, kinds, statuses, malformed requirements) are collected here;
cross-references between nodes are checked afterwards, in ``validate``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from ..escape import escape_controls, has_controls
from .benefits import parse_benefits
from .hints import key_line, line_of, suggest, unknown_keys
from .problems import Problems
from .service import parse_as_of, parse_service
from .types import CONFIDENCES, KINDS, STATUSES, Confidence, Kind, Location, Node, Requirement, Status

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
    "service",
    "service_source",
    "benefits",
)
REQUIREMENT_KEYS = ("id", "any_of", "grace_days", "label", "source", "confidence", "notes")
MODEL_KEYS = ("name", "home", "as_of", "description", "source", "notes")
TOP_KEYS = ("model", "nodes")


def parse_meta(raw: Any, path: str, problems: Problems) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        problems.add(
            path,
            line_of(raw),
            "'model' must be a mapping (name, home, as_of)",
            "write 'model:' then indented 'name: …', 'home: CAN', 'as_of: 2026-11-01'",
        )
        return {}
    meta: dict[str, Any] = {}
    unknown = unknown_keys(problems, path, raw, MODEL_KEYS, " in 'model'", f"allowed keys: {', '.join(MODEL_KEYS)}")
    for key, value in raw.items():
        if key in unknown:
            continue
        if key == "as_of":
            meta[key] = parse_as_of(value, path, key_line(raw, key), problems)
            continue
        meta[key] = None if value is None else scalar_text(value)
    meta["_line"] = key_line(raw, "home")
    return meta


def parse_node(raw: Any, path: str, line: int | None, problems: Problems) -> Node | None:
    if not isinstance(raw, Mapping):
        problems.add(
            path,
            line,
            "a node must be a mapping with at least 'id' and 'kind'",
            "write '- id: X' and, indented below it, 'kind: platform' (etc.)",
        )
        return None
    line = line or getattr(raw, "line", None)  # the item's own line (an alias item: where it is written)
    place = f" in node {raw.get('id')!r}"
    unknown_keys(problems, path, raw, NODE_KEYS, place, "remove it, or prefix custom keys with 'x-'")
    node_id = text(raw.get("id"))
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
    elif has_controls(node_id):
        problems.add(
            path,
            line,
            f"the id {escape_controls(node_id)!r} holds a control character ({has_controls(node_id)})",
            "ids are plain text: remove the control character (it would act on a terminal, and XML cannot hold it)",
        )
    where = Location(path, line)
    kind = text(raw.get("kind"))
    if kind is None:
        problems.add(path, line, f"node {node_id!r} has no 'kind'", f"add 'kind:' with one of: {', '.join(KINDS)}")
    elif kind not in KINDS:
        problems.add(
            path,
            key_line(raw, "kind"),
            f"unknown kind {kind!r} for node {node_id!r}",
            suggest(kind, KINDS, f"use one of: {', '.join(KINDS)}"),
        )
    status = text(raw.get("status")) or "active"
    if status not in STATUSES:
        problems.add(
            path,
            key_line(raw, "status"),
            f"unknown status {status!r} for node {node_id!r}",
            suggest(status, STATUSES, "use 'active' (in service) or 'candidate' (not yet)"),
        )
    confidence = parse_confidence(raw, path, node_id, problems)
    nation = text(raw.get("nation"))
    requires = list(parse_requirements(raw.get("requires"), raw, path, node_id, problems))
    if nation:
        requires.append(Requirement((nation,), from_nation=True, location=Location(path, key_line(raw, "nation"))))
    # A node with an unknown kind or status is never handed out: its problem stops the load first.
    return Node(
        id=node_id,
        kind=cast(Kind, kind or ""),
        name=text(raw.get("name")) or node_id,
        aliases=text_list(raw, "aliases", path, node_id, problems),
        nation=nation,
        operator=text(raw.get("operator")),
        status=cast(Status, status),
        requires=tuple(requires),
        interfaces=text_list(raw, "interfaces", path, node_id, problems),
        source=text_list(raw, "source", path, node_id, problems),
        confidence=confidence,
        notes=text(raw.get("notes")),
        tags=text_list(raw, "tags", path, node_id, problems),
        location=where,
        service=parse_service(raw, path, node_id, problems),
        service_source=text_list(raw, "service_source", path, node_id, problems),
        benefits=parse_benefits(raw, path, node_id, problems),
    )


def parse_requirements(
    raw: Any, node: Mapping[str, Any], path: str, node_id: str, problems: Problems
) -> Iterable[Requirement]:
    if raw is None:
        return
    if not isinstance(raw, list):
        problems.add(
            path,
            key_line(node, "requires"),
            f"'requires' of {node_id!r} must be a list",
            "write each requirement as a list item: '- SomeId'",
        )
        return
    lines = getattr(raw, "item_lines", None) or [None] * len(raw)
    for item, line in zip(raw, lines, strict=False):
        line = line or key_line(node, "requires")
        where = Location(path, line)
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            yield Requirement((scalar_text(item),), location=where)
            continue
        if not isinstance(item, Mapping):
            problems.add(
                path,
                line,
                f"a requirement of {node_id!r} is neither an id nor a mapping",
                "write '- SomeId', '- {id: SomeId, grace_days: 30}' or '- any_of: [A, B]'",
            )
            continue
        place = f" in a requirement of {node_id!r}"
        unknown_keys(problems, path, item, REQUIREMENT_KEYS, place, f"allowed: {', '.join(REQUIREMENT_KEYS)}")
        grace = parse_grace(item, path, node_id, problems)
        extras: dict[str, Any] = {
            "grace_days": grace,
            "label": text(item.get("label")),
            "source": text_list(item, "source", path, node_id, problems),
            "confidence": parse_confidence(item, path, node_id, problems),
            "notes": text(item.get("notes")),
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
            if not all(isinstance(a, (str, int, float)) and not isinstance(a, bool) for a in alternatives):
                problems.add(
                    path,
                    line,
                    f"an 'any_of' of {node_id!r} has an empty (null) or non-id alternative",
                    "list ids only: 'any_of: [A, B]' (an empty alternative would make a group that never fails)",
                )
                continue
            targets = tuple(dict.fromkeys(scalar_text(a) for a in alternatives))
            yield Requirement(targets, any_of=True, **extras)
        elif "id" in item and text(item.get("id")):
            yield Requirement((str(text(item["id"])),), **extras)
        else:
            problems.add(
                path,
                line,
                f"a requirement of {node_id!r} names no 'id' or 'any_of'",
                "add 'id: SomeId' (or 'any_of: [A, B]') to the requirement",
            )


def parse_grace(item: Mapping[str, Any], path: str, node_id: str, problems: Problems) -> int:
    value = item.get("grace_days", 0)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.add(
            path,
            key_line(item, "grace_days"),
            f"grace_days {value!r} in a requirement of {node_id!r} is not a whole number of days ≥ 0",
            "write a whole number such as 0, 30 or 90",
        )
        return 0
    return int(value)  # a plain int (the reader's YInt also remembers its text)


def parse_confidence(raw: Mapping[str, Any], path: str, node_id: str, problems: Problems) -> Confidence | None:
    value = text(raw.get("confidence"))
    if value is not None and value not in CONFIDENCES:
        problems.add(
            path,
            key_line(raw, "confidence"),
            f"unknown confidence {value!r} in {node_id!r}",
            suggest(value, CONFIDENCES, "use high, medium or low"),
        )
        return None
    return value


def text(value: Any) -> str | None:
    """A scalar as text (YAML ``true`` reads back as 'true'); None for null or a collection."""
    if value is None or isinstance(value, (list, dict)):
        return None
    return str(value).lower() if isinstance(value, bool) else scalar_text(value)


def scalar_text(value: Any) -> str:
    """A scalar exactly as it was written: an unquoted number such as ``1.10``, ``007`` or
    ``1e3`` stays that text (the YAML reader keeps it), never ``1.1``, ``7`` or ``1000.0``."""
    return getattr(value, "text", None) or str(value)


def text_list(raw: Mapping[str, Any], key: str, path: str, node_id: str, problems: Problems) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return (scalar_text(value),)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        return tuple(dict.fromkeys(scalar_text(v) for v in value))
    problems.add(
        path,
        key_line(raw, key),
        f"'{key}' of {node_id!r} must be text or a list of text",
        f"write '{key}: [A, B]' or '{key}: A'",
    )
    return ()
