"""JSON output: one document, keys in contract order, lists already sorted by the analysis."""

from __future__ import annotations

import json
from typing import Any


def dumps(data: Any) -> str:
    """Stable, readable JSON text ending in a newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
