"""Cut sets grouped into products a person can read: "one of {…} together with one of {…}".

A *product* F1 × F2 × … × Fk of pairwise disjoint factors (sets of node ids) stands for the cut
sets {x1, …, xk} with one xi from each Fi. ``factorise`` splits a family of equal-size cut sets
into products whose expansions partition it exactly: every product expands only to cut sets of
the family, no two products share one, and together they give all of them. Nothing is lost or
invented; the grouping only changes how the same list is written.

Method (greedy rectangle cover, exact by construction): for a family S of k-sets, the *link* of
an element e is L(e) = {s − {e} : e ∈ s ∈ S}. If every element of a group G has a link that
contains L(e), then G × L(e) ⊆ S (and no set of L(e) meets G, since a link never holds its own
element), so G × L(e) is a valid product once L(e) is itself factorised (recursively, order k−1).
Each round picks the e whose block G × L(e) covers the most remaining cut sets (ties broken by id
for the same bytes every run), emits it and removes what it covered. A family that is one product
(the common case: one of m items of one supply chain with one of n of another) comes back as
exactly that product. Finding the fewest products is NP-hard (biclique partition, Orlin 1977); the
greedy cover is the usual practical answer and is cheap at the sizes shown to people: O(n² · |S|)
for n distinct elements per round. Above ``GREEDY_LIMIT`` cut sets of one order (tens of thousands
on the larger Open-PSA trees, where the greedy rounds grew quadratically) the family is grouped by
prefix instead, in O(|S| log |S|): every cut set's smallest k−1 ids, with one of the largest ids that
complete them. Still exact, only less compact; nobody reads such a family group by group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product as cartesian

CutSetFamily = frozenset[frozenset[str]]

GREEDY_LIMIT = 2000
"""Cut sets of one order above which the prefix grouping replaces the greedy cover."""


@dataclass(frozen=True, slots=True)
class Product:
    """Cut sets written as one of each factor: ``factors`` are disjoint sorted id tuples."""

    factors: tuple[tuple[str, ...], ...]

    @property
    def order(self) -> int:
        """The size of every cut set the product stands for."""
        return len(self.factors)

    @property
    def count(self) -> int:
        """How many cut sets the product stands for."""
        total = 1
        for factor in self.factors:
            total *= len(factor)
        return total

    def expand(self) -> tuple[tuple[str, ...], ...]:
        """The cut sets the product stands for, each a sorted id tuple, sorted.

        >>> Product((("A", "B"), ("C",))).expand()
        (('A', 'C'), ('B', 'C'))
        """
        return tuple(sorted(tuple(sorted(choice)) for choice in cartesian(*self.factors)))

    def to_list(self) -> list[list[str]]:
        """JSON form: the factors, each a sorted list of ids."""
        return [list(factor) for factor in self.factors]


def factorise(cut_sets: Iterable[Iterable[str]], greedy_limit: int = GREEDY_LIMIT) -> tuple[Product, ...]:
    """Group cut sets into exact products, order by order.

    Products are sorted by (order, most cut sets first, factors); inside a product the factors go
    largest first, then by ids.

    >>> pairs = [(f, c) for f in ("F1", "F2", "F3") for c in ("C1", "C2")] + [("X", "Y")]
    >>> [p.factors for p in factorise(pairs)]
    [(('F1', 'F2', 'F3'), ('C1', 'C2')), (('X',), ('Y',))]
    >>> [p.factors for p in factorise([("S",), ("T",)])]
    [(('S', 'T'),)]
    """
    by_order: dict[int, set[frozenset[str]]] = {}
    for cut_set in cut_sets:
        members = frozenset(cut_set)
        if members:
            by_order.setdefault(len(members), set()).add(members)
    products: list[Product] = []
    for order in sorted(by_order):
        family = frozenset(by_order[order])
        if len(family) > greedy_limit:
            products += _prefix_products(family)
        else:
            products += _factorise_uniform(family, order)
    return tuple(sorted(products, key=lambda p: (p.order, -p.count, p.factors)))


def _factorise_uniform(family: CutSetFamily, order: int) -> list[Product]:
    """Exact products for a family of sets all of size ``order`` (see the module docstring)."""
    if not family:
        return []
    if order == 1:
        return [Product((tuple(sorted(next(iter(s)) for s in family)),))]
    remaining = set(family)
    out: list[Product] = []
    while remaining:
        group, link = _best_block(remaining)
        for rest in _factorise_uniform(link, order - 1):
            factors = [tuple(sorted(group)), *rest.factors]
            out.append(Product(tuple(sorted(factors, key=lambda f: (-len(f), f)))))
        remaining -= {s | {g} for s in link for g in group}
    return out


def _prefix_products(family: CutSetFamily) -> list[Product]:
    """Exact products in O(|S| log |S|): the smallest k−1 ids of each cut set (one id a factor)
    with one of the largest ids that complete them (disjoint: each is larger than the prefix).

    >>> [p.factors for p in _prefix_products(frozenset({frozenset("AC"), frozenset("AB"), frozenset("BC")}))]
    [(('B', 'C'), ('A',)), (('B',), ('C',))]
    """
    completions: dict[tuple[str, ...], list[str]] = {}
    for cut_set in family:
        ids = sorted(cut_set)
        completions.setdefault(tuple(ids[:-1]), []).append(ids[-1])
    out: list[Product] = []
    for prefix, last in sorted(completions.items()):
        factors = [tuple(sorted(last)), *((x,) for x in prefix)]
        out.append(Product(tuple(sorted(factors, key=lambda f: (-len(f), f)))))
    return out


def _best_block(family: set[frozenset[str]]) -> tuple[frozenset[str], CutSetFamily]:
    """The group G = {g : L(g) ⊇ L(e)} and the link L(e) of the pivot e with the largest block G × L(e)."""
    links: dict[str, set[frozenset[str]]] = {}
    for cut_set in family:
        for element in cut_set:
            links.setdefault(element, set()).add(cut_set - {element})
    elements = sorted(links)
    best: tuple[int, str, frozenset[str]] | None = None
    for pivot in elements:
        link = links[pivot]
        group = frozenset(g for g in elements if len(links[g]) >= len(link) and link <= links[g])
        size = len(group) * len(link)
        if best is None or size > best[0]:
            best = (size, pivot, group)
    assert best is not None  # a non-empty family has elements
    _, pivot, group = best
    return group, frozenset(links[pivot])


def expand_all(products: Sequence[Product]) -> tuple[tuple[str, ...], ...]:
    """Every cut set the products stand for, sorted by (size, ids): the flat list again."""
    flat = [cut_set for p in products for cut_set in p.expand()]
    return tuple(sorted(flat, key=lambda s: (len(s), s)))
