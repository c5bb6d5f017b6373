"""GraphML export (yEd, Cytoscape, Gephi): the graph of ``interop.to_networkx``, attributes flattened."""

from __future__ import annotations

import io

from ..analysis.graph import to_networkx
from ..analysis.scenario import ServiceGraph
from ..escape import escape_controls
from ..model import Model
from .flat import flat_graph


def to_graphml(source: Model | ServiceGraph) -> str:
    """GraphML text; an edge ``u -> v`` means u requires (or speaks) v. Lists are joined with "; "."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(flat_graph(to_networkx(source)), buffer, encoding="utf-8", prettyprint=True)
    return escape_controls(buffer.getvalue().decode("utf-8").rstrip("\n") + "\n")  # XML 1.0 holds no controls
