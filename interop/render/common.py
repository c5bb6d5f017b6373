"""Presentation helpers shared by the renderers: grouping and naming only, no analysis."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from ..analysis import Link
from ..analysis.linkroles import LinkRoles
from ..analysis.links import partner_nation as partner_of
from ..model import Model


def group_links(model: Model, links: Iterable[Link]) -> dict[tuple[str, str], list[Link]]:
    """Links grouped by (partner nation, data link), both sorted."""
    groups: dict[tuple[str, str], list[Link]] = {}
    for link in links:
        groups.setdefault((partner_of(model, link), link.via), []).append(link)
    return {key: sorted(groups[key]) for key in sorted(groups)}


def link_pair(model: Model, link: Link) -> str:
    """``ours ↔ theirs`` with the home side first."""
    home = model.home
    a, b = link.a, link.b
    if (model.nodes[a].operator or home) != home:
        a, b = b, a
    return f"{a} ↔ {b}"


def name_of(model: Model, node_id: str) -> str:
    node = model.nodes.get(node_id)
    return node.name if node is not None else node_id


def shows_date(model: Model, on: datetime.date | None) -> bool:
    """Whether an output names its date: on a model with service dates, or a date other than
    ``as_of`` (a model without service keys reads as it always did)."""
    return on is not None and (model.has_service_dates or on != model.as_of_date)


def date_line(model: Model, on: datetime.date | None) -> list[str]:
    """``On 2035-01-01 (service windows read on that day)`` when the output names its date."""
    if not shows_date(model, on) or on is None:
        return []
    return [f"On {on.isoformat()} (fleets in service on that day; --on DATE for another)"]


def change_text(before: str, after: str) -> str:
    """``gap → holds``."""
    return f"{before} → {after}"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def model_title(model: Model) -> str:
    parts = [model.name or "model"]
    if model.as_of:
        parts.append(f"as of {model.as_of}")
    parts.append(plural(len(model), "node"))
    return ", ".join(parts)


WIDTH = 100  # fixed, not the terminal's, so output is the same bytes everywhere


def wrap_items(head: str, items: Iterable[str], sep: str = ", ", indent: int = 4, width: int = WIDTH) -> list[str]:
    """``head`` then ``items`` joined by ``sep``, wrapped between items (never inside one) at
    ``width`` columns; continuation lines are indented by ``indent`` spaces."""
    lines: list[str] = []
    line, first = head, True
    for item in items:
        if first:
            line, first = line + item, False
        elif len(line) + len(sep) + len(item) > width:
            lines.append(line + sep.rstrip())
            line = " " * indent + item
        else:
            line += sep + item
    lines.append(line)
    return lines


def listing(items: Iterable[str]) -> str:
    """``a, b and c`` (plain words for a sentence)."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def link_headline(roles: LinkRoles) -> str:
    """The net change in one sentence: "MADL lost with DNK, NOR, USA; AAR-Boom→AAR-Drogue with
    USAF-KC-135, USAF-KC-46A; Link-16 kept with every partner through Gripen-E."."""
    by_nations: dict[tuple[str, ...], list[str]] = {}
    for via, nations in roles.lost_by_via().items():
        by_nations.setdefault(tuple(nations), []).append(via)
    parts = [f"{listing(vias)} lost with {', '.join(nations)}" for nations, vias in by_nations.items()]
    parts += [f"{old}→{new} with {', '.join(partners)}" for (old, new), partners in roles.switches_by_vias().items()]
    for via, (newcomers, nations) in roles.carried_by_via().items():
        if roles.fully_carried(via):
            parts.append(f"{via} kept with every partner through {', '.join(newcomers)}")
        else:
            parts.append(f"{via} carried over to {', '.join(newcomers)} with {', '.join(nations)}")
    parts += [f"{via} gained with {', '.join(nations)}" for via, nations in roles.new_by_via().items()]
    if not parts:
        return "No interoperability link changes." if roles.kept else "No interoperability link before or after."
    return "; ".join(parts) + "."


def link_counts(roles: LinkRoles) -> str:
    """ "32 kept (7 carried over), 3 lost, 2 moved to another data link, 0 new": a link a
    replacement carried over counts as kept, not as one lost plus one gained."""
    kept = f"{roles.kept_through_swap} kept"
    if roles.carried:
        kept += f" ({len(roles.carried)} carried over)"
    parts = [kept, f"{len(roles.lost)} lost"]
    if roles.switched:
        parts.append(f"{len(roles.switched)} moved to another data link")
    parts.append(f"{len(roles.new)} new")
    return ", ".join(parts)


def signed(number: int) -> str:
    """``+2``, ``−1`` (a true minus sign), ``0``."""
    return f"+{number}" if number > 0 else (f"−{-number}" if number < 0 else "0")


def every(count: int, word: str, many: str | None = None, verb: tuple[str, str] | None = None) -> str:
    """ "the only capability holds", "both capabilities hold", "all 3 capabilities hold": ``verb``
    is (singular, plural); without it just the noun phrase.

    >>> every(1, "capability", "capabilities", ("holds", "hold")), every(3, "node")
    ('the only capability holds', 'all 3 nodes')
    """
    many = many or word + "s"
    if count == 0:
        phrase, singular = f"no {many}", False
    elif count == 1:
        phrase, singular = f"the only {word}", True
    elif count == 2:
        phrase, singular = f"both {many}", False
    else:
        phrase, singular = f"all {count} {many}", False
    return phrase if verb is None else f"{phrase} {verb[0] if singular else verb[1]}"


ORDER_NAMES = {
    1: ("single point of failure", "single points of failure"),
    2: ("pair", "pairs"),
    3: ("triple", "triples"),
}


def order_name(order: int, count: int = 2) -> str:
    """ "pair"/"pairs", "triple"/"triples", "cut set of 4"/"cut sets of 4"."""
    one, many = ORDER_NAMES.get(order, (f"cut set of {order}", f"cut sets of {order}"))
    return one if count == 1 else many


def product_words(factors: tuple[tuple[str, ...], ...], brace: tuple[str, str] = ("{", "}")) -> str:
    """ "one of 12 {A, B, …} together with one of 7 {C, …}"; a one-member factor is just its id."""
    parts = []
    for factor in factors:
        if len(factor) == 1:
            parts.append(factor[0])
        else:
            parts.append(f"one of {len(factor)} {brace[0]}{', '.join(factor)}{brace[1]}")
    return " together with ".join(parts)


def spof_default_note(show_all: bool) -> str:
    """What the human-readable cut-set view shows, and how to see the rest."""
    if show_all:
        return "Shown: every minimal cut set, including those that contain another capability."
    return (
        "Shown: cut sets a planner can act on; those that contain another capability are left out "
        "(--all shows them, and every group; --format json lists every cut set)."
    )
