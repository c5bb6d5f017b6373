"""The cut sets of one capability as a planner reads them: grouped into products, and by default
without the cut sets that contain another capability.

A capability that needs another (NORAD air sovereignty needs airborne early warning) has every
cut set of the other among its own, plus the other capability itself as a single point of failure.
That is true but not actionable: nobody buys or embargoes a capability. The default view leaves
those cut sets out and says how many it left out; ``include_capabilities`` keeps them. Which
orders have no cut set at all (beyond the smaller ones shown) is stated, not implied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Model
from .factorise import Product, factorise


@dataclass(frozen=True)
class CutSetView:
    """``products``: the shown cut sets as exact products, by order; ``hidden``: how many cut sets
    contain another capability and are not shown; ``empty_orders``: the orders up to ``max_order``
    with no cut set shown."""

    capability: str
    max_order: int
    products: tuple[Product, ...]
    hidden: int
    empty_orders: tuple[int, ...]

    def of_order(self, order: int) -> tuple[Product, ...]:
        return tuple(p for p in self.products if p.order == order)

    def count(self, order: int) -> int:
        """How many cut sets of ``order`` are shown."""
        return sum(p.count for p in self.of_order(order))


def cut_set_view(
    model: Model,
    capability: str,
    cut_sets: Sequence[Sequence[str]],
    max_order: int,
    *,
    include_capabilities: bool = False,
) -> CutSetView:
    """The view of ``capability``'s minimal cut sets (see the module docstring).

    >>> from interop.model import model_from_data
    >>> m = model_from_data([{"id": "S", "kind": "supplier"}, {"id": "C2", "kind": "capability"},
    ...     {"id": "C", "kind": "capability"}])
    >>> v = cut_set_view(m, "C", [("C2",), ("S",)], 2)
    >>> [p.factors for p in v.products], v.hidden, v.empty_orders
    ([(('S',),)], 1, (2,))
    """

    def actionable(cut_set: Sequence[str]) -> bool:
        return include_capabilities or all(model.nodes[n].kind != "capability" for n in cut_set)

    shown = [tuple(s) for s in cut_sets if actionable(s)]
    orders = {len(s) for s in shown}
    return CutSetView(
        capability=capability,
        max_order=max_order,
        products=factorise(shown),
        hidden=len(cut_sets) - len(shown),
        empty_orders=tuple(k for k in range(1, max_order + 1) if k not in orders),
    )
