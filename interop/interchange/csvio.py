"""CSV nodes/edges for spreadsheets: ``nodes.csv`` (one row per node) and ``edges.csv`` (one row
per requirement, one row per alternative of an any_of group).

nodes.csv columns: id, kind, name, aliases, nation, operator, status, interfaces, source,
confidence, notes, tags (lists joined with "; "; empty cell = not set). edges.csv columns: node,
requires, group, grace_days, label, confidence, source, notes. ``group`` is empty for a plain
requirement; rows of one node that share a group value form one any_of (the alternatives).
The ``nation:`` shorthand stays a column of nodes.csv, not an edge.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..errors import ModelError, Problem
from ..model import Model
from ..model.hints import suggest
from ..model.parse import NODE_KEYS

NODE_COLUMNS = tuple(key for key in NODE_KEYS if key != "requires")  # requirements go in edges.csv
EDGE_COLUMNS = ("node", "requires", "group", "grace_days", "label", "confidence", "source", "notes")
LIST_COLUMNS = ("aliases", "interfaces", "source", "tags")
SEPARATOR = ";"


def to_csv(model: Model) -> tuple[str, str]:
    """``(nodes_csv, edges_csv)`` text for ``model``; rows in id order, items in the model's order.

    Raises ModelError if a value that goes into a "; "-joined list contains ";".
    """
    nodes, edges = io.StringIO(), io.StringIO()
    node_writer = _Writer(nodes)
    edge_writer = _Writer(edges)
    node_writer.writerow(NODE_COLUMNS)
    edge_writer.writerow(EDGE_COLUMNS)
    for node in model:
        row = []
        for column in NODE_COLUMNS:
            value = getattr(node, column)
            row.append(_join(value, node.id, column) if column in LIST_COLUMNS else (value or ""))
        if node.status == "active":
            row[NODE_COLUMNS.index("status")] = ""
        node_writer.writerow(row)
        for position, item in enumerate(node.requires):
            if item.from_nation:
                continue
            group = str(position + 1) if item.any_of else ""
            for target in item.targets:
                edge_writer.writerow(
                    (
                        node.id,
                        target,
                        group,
                        item.grace_days or "",
                        item.label or "",
                        item.confidence or "",
                        _join(item.source, node.id, "source"),
                        item.notes or "",
                    )
                )
    return nodes.getvalue(), edges.getvalue()


class _Writer:
    """csv.writer with "\\n" line ends that also quotes a row holding a carriage return (the
    standard writer quotes only the characters of its own line ending, so a lone "\\r" in a name
    or note would be written bare and break the file for every reader)."""

    def __init__(self, stream: io.StringIO) -> None:
        self.minimal = csv.writer(stream, lineterminator="\n")
        self.quoted = csv.writer(stream, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, row: Sequence[object]) -> None:
        needs_quotes = any(isinstance(cell, str) and "\r" in cell for cell in row)
        (self.quoted if needs_quotes else self.minimal).writerow(row)


def _join(values: tuple[str, ...], node_id: str, column: str) -> str:
    for value in values:
        if SEPARATOR in value:
            raise ModelError(
                [
                    Problem(
                        "<model>",
                        None,
                        f"{column} value {value!r} of {node_id!r} contains ';', the CSV list separator",
                        "remove the ';' from that value, or export to another format",
                    )
                ]
            )
    return "; ".join(values)


class _Lined(dict):
    """A mapping that remembers its CSV line, so the model loader can name it in messages."""

    line: int | None = None


def from_csv(nodes_text: str, edges_text: str | None, nodes_path: str, edges_path: str = "edges.csv") -> dict:
    """Model data (the shape of a model file) from nodes.csv and edges.csv text.

    Problems that only CSV can have (missing columns, unknown ids in edges.csv, a group whose
    rows disagree) are reported with their file and line; the rest by the model loader.
    """
    problems: list[Problem] = []
    node_rows = _rows(nodes_text, nodes_path, NODE_COLUMNS, ("id", "kind"), problems)
    edge_rows = _rows(edges_text, edges_path, EDGE_COLUMNS, ("node", "requires"), problems) if edges_text else []
    if problems:
        raise ModelError(problems)
    nodes: dict[str, _Lined] = {}
    for line, row in node_rows:
        node = _Lined()
        node.line = line
        for column in NODE_COLUMNS:
            value = (row.get(column) or "").strip()
            if not value:
                continue
            node[column] = [v.strip() for v in value.split(SEPARATOR) if v.strip()] if column in LIST_COLUMNS else value
        if "id" not in node:
            problems.append(Problem(nodes_path, line, "a row without an id", "fill in the id column or delete the row"))
            continue
        if node["id"] in nodes:
            problems.append(
                Problem(nodes_path, line, f"duplicate id {node['id']!r}", "give each node one row with a unique id")
            )
            continue
        nodes[node["id"]] = node
    items: dict[str, dict[tuple[str, int | str], dict[str, Any]]] = {}
    for line, row in edge_rows:
        requirer, target = (row.get("node") or "").strip(), (row.get("requires") or "").strip()
        for role, value in (("node", requirer), ("requires", target)):
            if value not in nodes:
                problems.append(
                    Problem(
                        edges_path,
                        line,
                        f"{role} {value!r} is not in {nodes_path}" if value else f"an empty {role} cell",
                        suggest(value, nodes, f"add a row for it to {nodes_path}, or fix the id"),
                    )
                )
        grace_text = (row.get("grace_days") or "").strip() or "0"
        if not grace_text.isdigit():
            problems.append(
                Problem(
                    edges_path, line, f"grace_days {grace_text!r} is not a whole number ≥ 0", "write e.g. 0, 30, 90"
                )
            )
            grace_text = "0"
        group = (row.get("group") or "").strip()
        key: tuple[str, int | str] = ("group", group) if group else ("plain", line)
        extras = {
            "grace_days": int(grace_text),
            "label": (row.get("label") or "").strip(),
            "confidence": (row.get("confidence") or "").strip(),
            "source": [s.strip() for s in (row.get("source") or "").split(SEPARATOR) if s.strip()],
            "notes": (row.get("notes") or "").strip(),
        }
        existing = items.setdefault(requirer, {}).get(key)
        if existing is None:
            items[requirer][key] = {"targets": [target], "any_of": bool(group), "line": line, **extras}
        elif any(existing[k] != v for k, v in extras.items() if k != "source" and v):
            problems.append(
                Problem(
                    edges_path,
                    line,
                    f"the rows of group {group!r} of {requirer!r} disagree on grace_days/label/confidence/notes "
                    f"(first row: line {existing['line']})",
                    "write the same values on every row of the group, or leave them empty after the first",
                )
            )
        else:
            existing["targets"].append(target)
    if problems:
        raise ModelError(problems)
    for requirer, group_items in items.items():
        nodes[requirer]["requires"] = [_requirement(item) for item in group_items.values()]
    return {"nodes": list(nodes.values())}


def _requirement(item: Mapping[str, Any]) -> str | dict[str, Any]:
    extras = {k: item[k] for k in ("grace_days", "label", "confidence", "source", "notes") if item[k]}
    if not item["any_of"]:
        return {"id": item["targets"][0], **extras} if extras else item["targets"][0]
    return {"any_of": list(item["targets"]), **extras}


def _rows(
    text: str, path: str, columns: tuple[str, ...], required: tuple[str, ...], problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    with _field_size_limit(len(text)):
        return _read_rows(reader, path, columns, required, problems)


@contextlib.contextmanager
def _field_size_limit(size: int) -> Iterator[None]:
    """Let one field be as long as the whole text (the csv module stops at 128 KiB by default)."""
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, size + 1))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _read_rows(
    reader: csv.DictReader, path: str, columns: tuple[str, ...], required: tuple[str, ...], problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in required if c not in header]
    if missing:
        problems.append(
            Problem(
                path,
                1,
                f"missing column(s) {', '.join(missing)}",
                f"the first row must name the columns, e.g. {','.join(columns)}",
            )
        )
        return []
    for name in header:
        if name not in columns and not name.startswith("x-") and name:
            problems.append(
                Problem(path, 1, f"unknown column {name!r}", suggest(name, columns, f"use: {', '.join(columns)}"))
            )
    rows = []
    try:
        for row in reader:
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        problems.append(Problem(path, reader.line_num, f"unreadable CSV ({exc})", "check quotes and separators"))
    return rows
