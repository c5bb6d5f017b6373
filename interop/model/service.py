"""Service windows in a model file: reading ``service: {from, until}`` and ``service_source``,
validating them with ``path:line``, and the ``interop check`` warnings about windows that do
not line up (a requirement on a node that leaves service before its requirer does).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import Problem
from .dates import DateFormError, Period, parse_period
from .hints import is_extension, key_line
from .problems import Problems
from .types import Location, Model, ServiceWindow

SERVICE_KEYS = ("from", "until")


def parse_service(raw: Mapping[str, Any], path: str, node_id: str, problems: Problems) -> ServiceWindow | None:
    """The node's service window (None without a ``service`` key); problems are collected in ``problems``."""
    if "service" not in raw or raw["service"] is None:
        return None
    value = raw["service"]
    line = key_line(raw, "service")
    if not isinstance(value, Mapping):
        problems.add(
            path,
            line,
            f"'service' of {node_id!r} must be a mapping with 'from' and/or 'until'",
            "write 'service: {from: 2026, until: 2032}' (each DATE is YYYY, YYYY-MM or YYYY-MM-DD)",
        )
        return None
    for key in value:
        if key not in SERVICE_KEYS and not is_extension(key):
            problems.add(
                path,
                key_line(value, str(key)),
                f"unknown key {key!r} under 'service' of {node_id!r}",
                "use 'from' (first day in service) and 'until' (last day in service) only",
            )
    start = _period(value, "from", path, node_id, problems)
    end = _period(value, "until", path, node_id, problems)
    if start is not None and end is not None and start.first > end.last:
        problems.add(
            path,
            key_line(value, "from") or line,
            f"the service window of {node_id!r} starts after it ends (from {start.text} is after until {end.text})",
            "swap the dates, or correct the one that is wrong",
        )
    return ServiceWindow(
        start=start.first if start else None,
        end=end.last if end else None,
        start_text=start.text if start else None,
        end_text=end.text if end else None,
        location=Location(path, line),
    )


def parse_as_of(value: Any, path: str, line: int | None, problems: Problems) -> str | None:
    """``model.as_of`` as ISO text of its first day (so ``2026`` reads 2026-01-01), or None."""
    if value is None:
        return None
    try:
        return parse_period(value).first.isoformat()
    except DateFormError as error:
        problems.add(
            path, line, f"'as_of' in 'model': {error}", "write the date the model describes, e.g. 'as_of: 2026-11-01'"
        )
        return None


def _period(window: Mapping[str, Any], key: str, path: str, node_id: str, problems: Problems) -> Period | None:
    value = window.get(key)
    if value is None:
        return None
    try:
        return parse_period(value)
    except DateFormError as error:
        problems.add(
            path,
            key_line(window, key),
            f"'{key}' in the service window of {node_id!r}: {error}",
            "write a year (2032), a month (2032-06) or a day (2032-06-30)",
        )
        return None


def window_warnings(model: Model) -> list[Problem]:
    """Requirements on a node whose service ends before its requirer's does.

    Not errors (the model may mean that a replacement is still to be chosen), but on every day
    between the two ends the requirer is a gap unless an alternative in the same ``any_of`` serves.
    An any_of group warns only when every alternative ends before the requirer.
    """
    problems: list[Problem] = []
    nodes = model.nodes
    for node in model:
        own_end = node.service.end if node.service else None
        for item in node.requires:
            ends = [window.end if (window := nodes[t].service) else None for t in item.targets if t in nodes]
            if not ends or any(end is None for end in ends):
                continue
            last = max(end for end in ends if end is not None)
            if own_end is not None and last >= own_end:
                continue
            where = item.location or node.location or Location("<model>")
            needs = item.describe()
            requirer_end = own_end.isoformat() if own_end else "no end date"
            problems.append(
                Problem(
                    where.path,
                    where.line,
                    f"{node.id!r} needs {needs}, which leaves service {last.isoformat()}, "
                    f"before {node.id!r} does ({requirer_end})",
                    "add the successor as an alternative (any_of), end the requirer's service too, or accept the gap",
                )
            )
    return problems


__all__ = ["SERVICE_KEYS", "parse_as_of", "parse_service", "window_warnings"]
