"""Industrial-benefit commitments in a model file: reading and validating ``benefits:``.

A node (usually a platform, or a contract such as a radar or SATCOM project) may carry a list of
stated commitments::

    benefits:
      - policy: Industrial and Technological Benefits (ITB)
        commitment: Boeing pledged 100% Industrial and Technical Benefits
        source: https://…
        confidence: high
        notes: optional free text

``policy`` and ``commitment`` are required text; ``source`` is text or a list; ``confidence`` is
high, medium or low. Problems are reported with ``path:line`` like every other key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .hints import key_line, line_of, suggest, unknown_keys
from .problems import Problems
from .types import CONFIDENCES, Benefit, Location

BENEFIT_KEYS = ("policy", "commitment", "source", "confidence", "notes")


def parse_benefits(raw: Mapping[str, Any], path: str, node_id: str, problems: Problems) -> tuple[Benefit, ...]:
    """The node's stated commitments (empty without a ``benefits`` key)."""
    value = raw.get("benefits")
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(
            path,
            key_line(raw, "benefits"),
            f"'benefits' of {node_id!r} must be a list of entries",
            "write each entry as a list item: '- policy: …' with 'commitment:', 'source:' and 'confidence:'",
        )
        return ()
    entries = []
    for entry in value:
        benefit = _entry(entry, path, node_id, problems, key_line(raw, "benefits"))
        if benefit is not None:
            entries.append(benefit)
    return tuple(entries)


def _entry(entry: Any, path: str, node_id: str, problems: Problems, fallback: int | None) -> Benefit | None:
    line = line_of(entry) or fallback
    if not isinstance(entry, Mapping):
        problems.add(
            path,
            line,
            f"each 'benefits' entry of {node_id!r} must be a mapping",
            "write '- policy: …' then indented 'commitment: …', 'source: …', 'confidence: …'",
        )
        return None
    where = f" in a 'benefits' entry of {node_id!r}"
    ok = not unknown_keys(problems, path, entry, BENEFIT_KEYS, where, f"allowed keys: {', '.join(BENEFIT_KEYS)}", line)
    texts = {}
    for key in ("policy", "commitment"):
        text = entry.get(key)
        if not isinstance(text, str) or not text.strip():
            problems.add(
                path,
                (key_line(entry, key) if key in entry else None) or line,
                f"a 'benefits' entry of {node_id!r} needs '{key}' as text",
                f"add '{key}: …' (what the {'policy or offer is' if key == 'policy' else 'buy is committed to'})",
            )
            ok = False
        else:
            texts[key] = " ".join(text.split())
    confidence = entry.get("confidence")
    if confidence is not None and confidence not in CONFIDENCES:
        problems.add(
            path,
            key_line(entry, "confidence") or line,
            f"unknown confidence {confidence!r} in a 'benefits' entry of {node_id!r}",
            suggest(str(confidence), CONFIDENCES, "use high, medium or low"),
        )
        ok = False
    source = _sources(entry, path, node_id, problems, line)
    notes = entry.get("notes")
    if not ok or source is None:
        return None
    return Benefit(
        policy=texts["policy"],
        commitment=texts["commitment"],
        source=source,
        confidence=confidence,
        notes=" ".join(notes.split()) if isinstance(notes, str) else None,
        location=Location(path, line),
    )


def _sources(
    entry: Mapping[str, Any], path: str, node_id: str, problems: Problems, line: int | None
) -> tuple[str, ...] | None:
    value = entry.get("source")
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(dict.fromkeys(value))
    problems.add(
        path,
        key_line(entry, "source") or line,
        f"'source' of a 'benefits' entry of {node_id!r} must be text or a list of text",
        "write 'source: https://…' or a list of them",
    )
    return None
