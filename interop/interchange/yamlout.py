"""Write model data (the shape of a model file) as readable, deterministic YAML.

Small on purpose: block mappings for nodes, flow style for short lists and requirement items,
and plain scalars only where YAML 1.1 and 1.2 readers both see the same string (else quoted).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_ .&/+()'-]*")
_KEYWORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def scalar(value: Any) -> str:
    """One YAML scalar: ints as numbers, strings plain when unambiguous, otherwise double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _KEYWORDS and not text.endswith((" ", ".")) and "  " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(value)


def dump_model(data: Mapping[str, Any], header: Sequence[str] = ()) -> str:
    """Model data (``{"model": {…}, "nodes": […]}``) as YAML text, keys in the order given."""
    lines = [f"# {line}" if line else "#" for line in header]
    meta = data.get("model")
    if meta:
        lines.append("model:")
        lines += [f"  {key}: {scalar(value)}" for key, value in meta.items() if value is not None]
    lines.append("nodes:")
    for node in data.get("nodes", ()):
        first = True
        for key, value in node.items():
            if value is None or value == [] or value == ():
                continue
            prefix = "  - " if first else "    "
            first = False
            if key == "requires":
                lines.append(f"{prefix}requires:")
                lines += [f"      - {_flow(item)}" for item in value]
            else:
                lines.append(f"{prefix}{key}: {_flow(value)}")
    return "\n".join(lines) + "\n"
