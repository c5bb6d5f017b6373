"""Interoperability links: pairs of working nodes, one operated by the home nation and one by
another nation, that both speak a working data link."""

from __future__ import annotations

from collections.abc import Iterable
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


class CarriedLink(NamedTuple):
    """A link carried over by a replacement: ``old`` lost its link with ``partner`` over ``via``
    and ``new``, the node that took ``old``'s requirements over, gained the same link."""

    old: str
    new: str
    partner: str
    via: str


def final_successors(replacements: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For each replaced node, the node that finally took its requirements over.

    ``replacements`` are the ``(A, B)`` pairs of the scenario's replace operations in the order
    applied; a chain (A with B, then B with C) maps A (and B) to C. Mixes take nothing over: the
    mixed node stays in service, so they are not passed here.

    >>> final_successors([("A", "B"), ("B", "C"), ("X", "Y")])
    {'A': 'C', 'B': 'C', 'X': 'Y'}
    """
    successor: dict[str, str] = {}
    for old, new in replacements:
        successor[old] = new
    final: dict[str, str] = {}
    for old in successor:
        node, seen = old, {old}
        while node in successor and successor[node] not in seen:  # a scenario cannot loop; guard anyway
            node = successor[node]
            seen.add(node)
        final[old] = node
    return final


def carried_links(
    lost: Iterable[Link], gained: Iterable[Link], replacements: Iterable[tuple[str, str]]
) -> tuple[CarriedLink, ...]:
    """The lost links that a replacement carries over (contract 4.2), sorted.

    A lost link (A, P, s) of a replaced node A is carried over when the node that finally took A's
    requirements over, B, gained the link (B, P, s) with the same partner node P and data link s.
    One gained link may carry several lost ones (A1 and A2 both replaced by B); each lost link is
    listed once, with its own A. One pass over the lost links with a set look-up: O(lost + gained).

    >>> carried_links([Link("A", "P", "L16")], [Link("B", "P", "L16")], [("A", "B")])
    (CarriedLink(old='A', new='B', partner='P', via='L16'),)
    """
    successor = final_successors(replacements)
    gained_set = {(link.via, frozenset((link.a, link.b))) for link in gained}
    out: set[CarriedLink] = set()
    for link in lost:
        for old, partner in ((link.a, link.b), (link.b, link.a)):
            new = successor.get(old)
            if new is not None and new != partner and (link.via, frozenset((new, partner))) in gained_set:
                out.add(CarriedLink(old, new, partner, link.via))
    return tuple(sorted(out))
