"""Interoperability links: pairs of working nodes, one operated by the home nation and one by
another nation, that both speak a working data link."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Model
from .cascade import Cascade
from .scenario import ServiceGraph


class Link(NamedTuple):
    """An unordered link (a, b, via) with a < b: a and b both speak data link ``via``."""

    a: str
    b: str
    via: str


def interoperability_links(
    graph: ServiceGraph, failures: Cascade | None = None, at_days: int | None = None
) -> frozenset[Link]:
    """Every link among the nodes of ``graph`` that work (on ``at_days``, or eventually).

    >>> from interop.model import model_from_data
    >>> from interop.analysis.scenario import baseline
    >>> m = model_from_data([{"id": "CAN", "kind": "nation"}, {"id": "USA", "kind": "nation"},
    ...     {"id": "L16", "kind": "datalink"},
    ...     {"id": "A", "kind": "platform", "interfaces": ["L16"]},
    ...     {"id": "B", "kind": "platform", "operator": "USA", "interfaces": ["L16"]}])
    >>> sorted(interoperability_links(baseline(m)))
    [Link(a='A', b='B', via='L16')]
    """
    model = graph.model
    home = model.home
    if home is None:
        return frozenset()

    def works(node_id: str) -> bool:
        return failures is None or failures.works(node_id, at_days)

    speakers: dict[str, tuple[list[str], list[str]]] = {}
    for node_id in graph.requires:
        node = model.nodes[node_id]
        if not node.interfaces or not works(node_id):
            continue
        ours = (node.operator or home) == home
        for via in node.interfaces:
            if via in graph.requires and works(via):
                speakers.setdefault(via, ([], []))[0 if ours else 1].append(node_id)
    make = tuple.__new__  # Link(a, b, via) without the namedtuple's Python-level __new__ (hot loop)
    links = set()
    for via, (home_side, partners) in speakers.items():
        for a in home_side:
            for b in partners:
                links.add(make(Link, (a, b, via) if a < b else (b, a, via)))
    return frozenset(links)


def partner_nation(model: Model, link: Link) -> str:
    """The non-home operator of a link: the partner nation it connects the home nation to."""
    home = model.home
    for end in (link.a, link.b):
        operator = model.nodes[end].operator or home
        if operator != home:
            return operator or "?"
    return home or "?"
