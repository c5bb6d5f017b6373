"""JSON Schema (draft 2020-12) of a model file, built from the loader's own constants so it
cannot drift from what ``interop check`` accepts: keys, kinds, statuses, confidences.

The schema checks shape (keys, types, allowed words) so editors can complete and flag YAML as
people type; cross-references (unknown ids, cycles of candidates, …) remain ``interop check``'s job.
"""

from __future__ import annotations

from typing import Any

from .parse import MODEL_KEYS, NODE_KEYS, REQUIREMENT_KEYS, TOP_KEYS
from .types import CONFIDENCES, KINDS, STATUSES

SCHEMA_ID = "urn:interop:model-file:v1"
EXTENSION = {"^x[-_]": {"description": "Your own data: interop ignores keys that start with x- or x_."}}

_ID = {"type": ["string", "integer"], "description": "A node id (or alias)."}
_TEXT_LIST = {
    "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": ["string", "integer", "number"]}}],
}

_DATE = {
    "type": ["string", "integer"],
    "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
    "description": "A DATE: YYYY, YYYY-MM or YYYY-MM-DD (or a year as a number).",
}

MODEL_PROPERTIES: dict[str, dict[str, Any]] = {
    "name": {"type": "string", "description": "A title for the model."},
    "home": {"type": "string", "description": "The nation whose choices are analysed (default: CAN if present)."},
    "as_of": {**_DATE, "description": "The date the model describes (the default --on date), e.g. 2026-11-01."},
    "description": {"type": "string", "description": "What the model covers."},
    "source": {**_TEXT_LIST, "description": "Where the model comes from."},
    "notes": {"type": "string", "description": "Free text."},
}

NODE_PROPERTIES: dict[str, dict[str, Any]] = {
    "id": {"type": ["string", "integer"], "description": "Unique id (case-sensitive); used in requires lists."},
    "kind": {"enum": list(KINDS), "description": "What the node is."},
    "name": {"type": "string", "description": "Full name (default: the id)."},
    "aliases": {**_TEXT_LIST, "description": "Other names the CLI accepts for this node (any case)."},
    "nation": {**_ID, "description": "Shorthand for a requirement on this nation (grace 0)."},
    "operator": {**_ID, "description": "The nation operating it (default: the home nation)."},
    "status": {"enum": list(STATUSES), "description": "active (in service) or candidate (a possible replacement)."},
    "requires": {
        "type": "array",
        "items": {"$ref": "#/$defs/requirement"},
        "description": "AND: every item must hold for the node to work.",
    },
    "interfaces": {**_TEXT_LIST, "description": "Data links (kind datalink) this node speaks."},
    "source": {**_TEXT_LIST, "description": "Where the facts come from (a URL or a reference)."},
    "confidence": {"enum": list(CONFIDENCES), "description": "How sure the facts are."},
    "notes": {"type": "string", "description": "Free text."},
    "tags": {**_TEXT_LIST, "description": "Labels for filtering and diagrams."},
    "service": {
        "type": "object",
        "properties": {
            "from": {**_DATE, "description": "First day in service: the first day of this DATE's period."},
            "until": {**_DATE, "description": "Last day in service: the last day of this DATE's period."},
        },
        "patternProperties": EXTENSION,
        "additionalProperties": False,
        "description": "When the node serves (both ends optional); for a candidate, the earliest entry.",
    },
    "service_source": {**_TEXT_LIST, "description": "Where the service dates come from."},
    "benefits": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["policy", "commitment"],
            "properties": {
                "policy": {"type": "string", "description": "The policy, pledge or offer (e.g. ITB, JSF partnership)."},
                "commitment": {"type": "string", "description": "What it commits to, as stated."},
                "source": {**_TEXT_LIST, "description": "Where the commitment is stated."},
                "confidence": {"enum": list(CONFIDENCES), "description": "How sure the statement is."},
                "notes": {"type": "string", "description": "Free text."},
            },
            "patternProperties": EXTENSION,
            "additionalProperties": False,
        },
        "description": "Stated industrial-benefit commitments of this buy, shown as stated (never computed).",
    },
}

REQUIREMENT_PROPERTIES: dict[str, dict[str, Any]] = {
    "id": {**_ID, "description": "The node required."},
    "any_of": {
        "type": "array",
        "minItems": 1,
        "items": _ID,
        "description": "Alternatives: the item holds while at least one of them works.",
    },
    "grace_days": {
        "type": ["integer", "null"],
        "minimum": 0,
        "description": "Days the requirer keeps working after the item stops holding.",
    },
    "label": {"type": "string", "description": "A short name for the requirement, e.g. aerial refuelling."},
    "source": {**_TEXT_LIST, "description": "Where the fact comes from."},
    "confidence": {"enum": list(CONFIDENCES), "description": "How sure the fact is."},
    "notes": {"type": "string", "description": "Free text."},
}

TOP_PROPERTIES: dict[str, dict[str, Any]] = {
    "model": {"$ref": "#/$defs/model"},
    "nodes": {"type": "array", "items": {"$ref": "#/$defs/node"}, "description": "The nodes of this file."},
}


def _properties(keys: tuple[str, ...], known: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """One entry per key the loader accepts; a key added to the loader but not here fails loudly."""
    missing = [k for k in keys if k not in known]
    if missing:
        raise KeyError(f"interop.model.schema has no schema for key(s) {missing}: add them to interop/model/schema.py")
    return {k: known[k] for k in keys}


def _object(keys: tuple[str, ...], known: dict[str, dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": _properties(keys, known),
        "patternProperties": EXTENSION,
        "additionalProperties": False,
        **extra,
    }


def model_schema() -> dict[str, Any]:
    """The JSON Schema of one model file (``model:`` and ``nodes:``) as plain data."""
    plain_keys = tuple(k for k in REQUIREMENT_KEYS if k != "any_of")
    group_keys = tuple(k for k in REQUIREMENT_KEYS if k != "id")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "interop model file",
        "description": "One file of an interop model: optional model metadata and a list of nodes.",
        **_object(TOP_KEYS, TOP_PROPERTIES),
        "$defs": {
            "model": _object(MODEL_KEYS, MODEL_PROPERTIES, description="Model metadata (one file only)."),
            "node": _object(NODE_KEYS, NODE_PROPERTIES, required=["id", "kind"]),
            "requirement": {
                "description": "A plain id, a mapping with id (and grace_days…), or an any_of group.",
                "oneOf": [
                    _ID,
                    _object(plain_keys, REQUIREMENT_PROPERTIES, required=["id"]),
                    _object(group_keys, REQUIREMENT_PROPERTIES, required=["any_of"]),
                ],
            },
        },
    }
