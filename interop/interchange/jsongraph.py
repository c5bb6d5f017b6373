"""JSON graph export: a node-link document that ``networkx.node_link_graph(data, edges="edges")``
reads back, and that any JSON tool can walk (nodes with their data, then edges)."""

from __future__ import annotations

from typing import Any

from ..analysis.graph import to_networkx
from ..analysis.scenario import ServiceGraph
from ..model import Model

FORMAT_NAME = "interop-graph"
FORMAT_VERSION = 1


def to_json_graph(source: Model | ServiceGraph) -> dict[str, Any]:
    """``{"directed": true, "multigraph": false, "graph": {…}, "nodes": [{"id": …, …}],
    "edges": [{"source": u, "target": v, …}]}``: an edge means "source requires (or speaks) target".
    Tuples become lists; nodes and edges are sorted by id."""
    graph = to_networkx(source)
    return {
        "directed": True,
        "multigraph": False,
        "graph": {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "edge_direction": "source requires target",
            **{k: v for k, v in graph.graph.items() if v},
        },
        "nodes": [{"id": n, **_plain(data)} for n, data in sorted(graph.nodes(data=True))],
        "edges": [{"source": a, "target": b, **_plain(data)} for a, b, data in sorted(graph.edges(data=True))],
    }


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}
