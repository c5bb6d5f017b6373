"""The model (or the graph in service after a scenario) as a networkx directed graph.

An edge ``u -> v`` means "u requires v" (or "u speaks data link v"), so ``nx.descendants(G, u)``
is everything u depends on and ``nx.ancestors(G, v)`` everything that depends on v.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Model, Node, Requirement
from .scenario import ServiceGraph

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx


def to_networkx(source: Model | ServiceGraph) -> nx.DiGraph[str]:
    """A ``networkx.DiGraph`` of ``source`` with the model's data on nodes and edges.

    A Model gives every node (candidates too, ``in_service`` False); a ServiceGraph (from
    ``interop.analysis.apply_scenario``) gives the nodes in service with rewired requirements.
    Node attributes: kind, name, status, in_service, and when set: nation, operator, aliases,
    interfaces, tags, source (tuples), confidence, notes. Edge attributes: ``relation``
    ("requires", "interface" or "requires, interface"); for requirements ``item`` (0-based
    position in the requirer's list), ``any_of`` (bool), ``group`` ("" for a plain item, else
    "<requirer>#<item>", shared by the alternatives of one any_of), ``grace_days``, ``label``,
    ``from_nation`` (the edge comes from the ``nation:`` shorthand).

    >>> from interop.model import model_from_data
    >>> m = model_from_data([{"id": "S", "kind": "supplier"}, {"id": "T", "kind": "supplier"},
    ...     {"id": "P", "kind": "platform", "requires": [{"any_of": ["S", "T"], "grace_days": 30}]}])
    >>> g = to_networkx(m)
    >>> sorted(g.successors("P")), g.edges["P", "S"]["group"], g.edges["P", "S"]["grace_days"]
    (['S', 'T'], 'P#0', 30)
    """
    import networkx as nx

    if isinstance(source, ServiceGraph):
        model, requires = source.model, source.requires
    else:
        model, requires = source, {n.id: n.requires for n in source}
    in_service = {n.id for n in model if not n.is_candidate} if isinstance(source, Model) else set(requires)
    graph: nx.DiGraph[str] = nx.DiGraph(name=model.name or "", home=model.home or "", as_of=model.as_of or "")
    for node_id in sorted(requires):
        graph.add_node(node_id, **_node_data(model.nodes[node_id], node_id in in_service))
    for node_id in sorted(requires):
        for position, item in enumerate(requires[node_id]):
            for target in item.targets:
                if target in requires and not graph.has_edge(node_id, target):
                    graph.add_edge(node_id, target, **_edge_data(node_id, position, item))
        for link in model.nodes[node_id].interfaces:
            if link not in requires:
                continue
            if graph.has_edge(node_id, link):
                graph.edges[node_id, link]["relation"] = "requires, interface"
            else:
                graph.add_edge(node_id, link, relation="interface")
    return graph


def _node_data(node: Node, in_service: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": node.kind, "name": node.name, "status": node.status, "in_service": in_service}
    for key in ("nation", "operator", "confidence", "notes"):
        value = getattr(node, key)
        if value is not None:
            data[key] = value
    for key in ("aliases", "interfaces", "tags", "source"):
        value = getattr(node, key)
        if value:
            data[key] = tuple(value)
    return data


def _edge_data(node_id: str, position: int, item: Requirement) -> dict[str, Any]:
    data: dict[str, Any] = {
        "relation": "requires",
        "item": position,
        "any_of": item.any_of,
        "group": f"{node_id}#{position}" if item.any_of else "",
        "grace_days": item.grace_days,
        "from_nation": item.from_nation,
    }
    if item.label:
        data["label"] = item.label
    return data
