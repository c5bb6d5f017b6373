"""Flatten networkx attributes for file formats that take only text, numbers and booleans."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

LIST_SEPARATOR = "; "


def flat_value(value: Any) -> str | int | bool | float:
    """Tuples and lists become ``"a; b"``; other values pass unchanged (None never reaches here)."""
    if isinstance(value, (tuple, list)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def flat_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy of ``graph`` whose attributes are all scalars (None dropped, sequences joined).

    GraphML and GEXF have no integer type wider than 64 bits: an attribute with any integer beyond
    it (``grace_days: 1e30`` written out as digits) is written as text for every node or edge, so
    the file declares it once, with a type its readers accept, and keeps every digit."""
    import networkx as nx

    nodes = [(node, _flat(data)) for node, data in graph.nodes(data=True)]
    edges = [(a, b, _flat(data)) for a, b, data in graph.edges(data=True)]
    wide_nodes = _too_wide(data for _, data in nodes)
    wide_edges = _too_wide(data for _, _, data in edges)
    out = nx.DiGraph()
    out.graph.update(_flat(graph.graph))
    for node, data in nodes:
        out.add_node(node, **_as_text(data, wide_nodes))
    for a, b, data in edges:
        out.add_edge(a, b, **_as_text(data, wide_edges))
    return out


INT64 = range(-(2**63), 2**63)


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    return {k: flat_value(v) for k, v in data.items() if v is not None}


def _too_wide(rows: Iterable[dict[str, Any]]) -> set[str]:
    return {
        key
        for data in rows
        for key, value in data.items()
        if isinstance(value, int) and not isinstance(value, bool) and value not in INT64
    }


def _as_text(data: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    return {k: str(v) if k in keys else v for k, v in data.items()} if keys else data
