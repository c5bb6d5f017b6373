"""Plain-data records of model objects, for JSON output."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Node, Requirement


def requirement_record(item: Requirement) -> dict[str, Any]:
    record: dict[str, Any] = {"any_of": list(item.targets)} if item.any_of else {"id": item.target}
    record["grace_days"] = item.grace_days
    for key in ("label", "confidence", "notes"):
        if getattr(item, key):
            record[key] = getattr(item, key)
    if item.source:
        record["source"] = list(item.source)
    if item.from_nation:
        record["from_nation"] = True
    return record


def node_record(node: Node, required_by: Iterable[str] = ()) -> dict[str, Any]:
    """A node as plain data (every field, requirements expanded, where it is written).

    ``service`` (first and last day, ISO, null when open) and ``benefits`` appear only on a node
    that has them."""
    record = {
        "id": node.id,
        "kind": node.kind,
        "name": node.name,
        "status": node.status,
        "aliases": list(node.aliases),
        "nation": node.nation,
        "operator": node.operator,
        "requires": [requirement_record(r) for r in node.requires],
        "required_by": sorted(set(required_by)),
        "interfaces": list(node.interfaces),
        "source": list(node.source),
        "confidence": node.confidence,
        "notes": node.notes,
        "tags": list(node.tags),
        "location": {"path": node.location.path, "line": node.location.line} if node.location else None,
    }
    if node.service is not None:
        record["service"] = {
            "from": node.service.start.isoformat() if node.service.start else None,
            "until": node.service.end.isoformat() if node.service.end else None,
            "source": list(node.service_source),
        }
    if node.benefits:
        record["benefits"] = [
            {
                "policy": b.policy,
                "commitment": b.commitment,
                "source": list(b.source),
                "confidence": b.confidence,
                "notes": b.notes,
            }
            for b in node.benefits
        ]
    return record
