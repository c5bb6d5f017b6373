"""Presentation helpers shared by the renderers: grouping and naming only, no analysis."""

from __future__ import annotations

from collections.abc import Iterable

from ..analysis import Link
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
