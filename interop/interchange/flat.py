"""Flatten networkx attributes for file formats that take only text, numbers and booleans."""

from __future__ import annotations

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
    """A copy of ``graph`` whose attributes are all scalars (None dropped, sequences joined)."""
    import networkx as nx

    out = nx.DiGraph()
    out.graph.update({k: flat_value(v) for k, v in graph.graph.items() if v is not None})
    for node, data in graph.nodes(data=True):
        out.add_node(node, **{k: flat_value(v) for k, v in data.items() if v is not None})
    for a, b, data in graph.edges(data=True):
        out.add_edge(a, b, **{k: flat_value(v) for k, v in data.items() if v is not None})
    return out
