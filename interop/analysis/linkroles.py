"""What a scenario does to interoperability, link by link, in the terms a planner uses.

The contract's lost/kept/gained sets count a swap as a loss plus a gain. Here every changed link
gets one role:

- **carried over**: a lost link (A, P, s) whose replacement B gained (B, P, s) (contract 4.2);
- **switched**: a lost link (A, P, s) whose replacement B gained a link with the same partner
  node P over another data link s' (AAR-Boom → AAR-Drogue with the same tanker), when that
  gained link carries nothing; each switch pairs one lost with one gained link;
- **lost**: any other lost link; **new**: any other gained link.

From those, a net table per (partner nation, data link): links before and after, the change, and
how many links a replacement carried over. Everything here is worked out from the what-if's link
sets in O(lost + gained); renderers only word it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model import Model
from .links import CarriedLink, Link, final_successors, partner_nation


@dataclass(frozen=True, slots=True)
class Switch:
    """``old`` lost its ``old_via`` link with ``partner``; ``new`` gained one over ``new_via``."""

    old: str
    new: str
    partner: str
    old_via: str
    new_via: str


@dataclass(frozen=True, slots=True)
class NetRow:
    """Links with one partner nation over one data link, before and after the scenario."""

    nation: str
    via: str
    before: int
    after: int
    carried: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class LinkRoles:
    """Every changed link with its role, and the net table. All tuples sorted."""

    lost: tuple[Link, ...]
    new: tuple[Link, ...]
    carried: tuple[CarriedLink, ...]
    switched: tuple[Switch, ...]
    kept: tuple[Link, ...]
    rows: tuple[NetRow, ...]
    partner_nations: Mapping[Link, str]
    carried_nations: Mapping[CarriedLink, str]

    @property
    def kept_through_swap(self) -> int:
        """Links a planner still has after the swap: kept, plus carried over to the newcomer."""
        return len(self.kept) + len(self.carried)

    def lost_by_via(self) -> dict[str, list[str]]:
        """Data link → the partner nations with which a link was lost outright, sorted."""
        return _nations_by_via(self.lost, self.partner_nations)

    def new_by_via(self) -> dict[str, list[str]]:
        """Data link → the partner nations with which a new link was gained, sorted."""
        return _nations_by_via(self.new, self.partner_nations)

    def carried_by_via(self) -> dict[str, tuple[list[str], list[str]]]:
        """Data link → (newcomers that carry it, partner nations it is carried with)."""
        out: dict[str, tuple[set[str], set[str]]] = {}
        for c in self.carried:
            news, nations = out.setdefault(c.via, (set(), set()))
            news.add(c.new)
            nations.add(self.carried_nations[c])
        return {via: (sorted(n), sorted(p)) for via, (n, p) in sorted(out.items())}

    def fully_carried(self, via: str) -> bool:
        """Whether every link lost over ``via`` was carried over (none lost outright or switched)."""
        return not any(link.via == via for link in self.lost) and not any(s.old_via == via for s in self.switched)

    def switches_by_vias(self) -> dict[tuple[str, str], list[str]]:
        """(old data link, new data link) → the partner nodes switched, sorted."""
        out: dict[tuple[str, str], set[str]] = {}
        for s in self.switched:
            out.setdefault((s.old_via, s.new_via), set()).add(s.partner)
        return {key: sorted(value) for key, value in sorted(out.items())}


def link_roles(
    model: Model,
    lost: Iterable[Link],
    kept: Iterable[Link],
    gained: Iterable[Link],
    carried: Iterable[CarriedLink],
    replacements: Iterable[tuple[str, str]],
) -> LinkRoles:
    """Give each lost and gained link its role (see the module docstring) and build the net table.

    >>> from interop.model import model_from_data
    >>> m = model_from_data({"model": {"home": "CAN"}, "nodes": [
    ...     {"id": "CAN", "kind": "nation"}, {"id": "USA", "kind": "nation"},
    ...     {"id": "Boom", "kind": "datalink"}, {"id": "Drogue", "kind": "datalink"},
    ...     {"id": "Old", "kind": "platform", "interfaces": ["Boom"]},
    ...     {"id": "New", "kind": "platform", "status": "candidate", "interfaces": ["Drogue"]},
    ...     {"id": "Tanker", "kind": "platform", "operator": "USA", "interfaces": ["Boom", "Drogue"]}]})
    >>> roles = link_roles(m, [Link("Old", "Tanker", "Boom")], [], [Link("New", "Tanker", "Drogue")], [],
    ...                    [("Old", "New")])
    >>> roles.switched
    (Switch(old='Old', new='New', partner='Tanker', old_via='Boom', new_via='Drogue'),)
    >>> [(r.nation, r.via, r.before, r.after) for r in roles.rows]
    [('USA', 'Boom', 1, 0), ('USA', 'Drogue', 0, 1)]
    """
    lost, kept, gained, carried = sorted(lost), sorted(kept), sorted(gained), sorted(carried)
    successor = final_successors(replacements)
    carried_lost = {(c.via, frozenset((c.old, c.partner))) for c in carried}
    carrying = {(c.via, frozenset((c.new, c.partner))) for c in carried}
    open_gained = [g for g in gained if (g.via, frozenset((g.a, g.b))) not in carrying]
    by_pair: dict[frozenset[str], list[Link]] = {}
    for g in open_gained:
        by_pair.setdefault(frozenset((g.a, g.b)), []).append(g)
    switched: list[Switch] = []
    used: set[Link] = set()
    outright: list[Link] = []
    for link in lost:
        if (link.via, frozenset((link.a, link.b))) in carried_lost:
            continue
        match = None
        for old, partner in ((link.a, link.b), (link.b, link.a)):
            new = successor.get(old)
            if new is None:
                continue
            match = next((g for g in by_pair.get(frozenset((new, partner)), ()) if g not in used), None)
            if match is not None:
                used.add(match)
                switched.append(Switch(old, new, partner, link.via, match.via))
                break
        if match is None:
            outright.append(link)
    nations = {link: partner_nation(model, link) for link in (*lost, *kept, *gained)}
    lost_nation = {(link.via, frozenset((link.a, link.b))): nations[link] for link in lost}
    carried_nations = {c: lost_nation.get((c.via, frozenset((c.old, c.partner))), "?") for c in carried}
    return LinkRoles(
        lost=tuple(outright),
        new=tuple(g for g in open_gained if g not in used),
        carried=tuple(carried),
        switched=tuple(sorted(switched, key=lambda s: (s.old_via, s.new_via, s.old, s.partner))),
        kept=tuple(kept),
        rows=_net_rows(lost, kept, gained, carried_nations, nations),
        partner_nations=nations,
        carried_nations=carried_nations,
    )


def _net_rows(
    lost: list[Link],
    kept: list[Link],
    gained: list[Link],
    carried: Mapping[CarriedLink, str],
    nations: Mapping[Link, str],
) -> tuple[NetRow, ...]:
    before: dict[tuple[str, str], int] = {}
    after: dict[tuple[str, str], int] = {}
    for link in (*lost, *kept):
        key = (nations[link], link.via)
        before[key] = before.get(key, 0) + 1
    for link in (*kept, *gained):
        key = (nations[link], link.via)
        after[key] = after.get(key, 0) + 1
    carried_count: dict[tuple[str, str], int] = {}
    for c, nation in carried.items():
        carried_count[(nation, c.via)] = carried_count.get((nation, c.via), 0) + 1
    keys = sorted(set(before) | set(after))
    return tuple(NetRow(*key, before.get(key, 0), after.get(key, 0), carried_count.get(key, 0)) for key in keys)


def _nations_by_via(links: Iterable[Link], nations: Mapping[Link, str]) -> dict[str, list[str]]:
    out: dict[str, set[str]] = {}
    for link in links:
        out.setdefault(link.via, set()).add(nations[link])
    return {via: sorted(found) for via, found in sorted(out.items())}
