"""The document model: a command's answer as a list of blocks, built once, formatted many ways.

A builder (``what_if_document`` here; ``report.document`` for the briefing) reads a result and
decides *what* is said: every word, number, name and grouping is worked out while building. The
formatters (``text.format_blocks``, ``markdown.format_blocks``, ``html.format_blocks``) decide only
*how* it is laid out. So the terminal, Markdown, HTML and notebook forms of an answer cannot
disagree about a fact.

Blocks are plain frozen data:

- ``Title(text, model)``: what the answer is about, and the model it was computed on;
- ``Section(title, body, text_title, summary)``: a titled part (``text_title``: the terminal's
  longer title; ``summary``: a one-line count, on the title line in text, a sentence in Markdown);
- ``IdList(label, ids, aside)``: a labelled list of ids (a bullet in Markdown, or a remark);
- ``Note(text)``: a sentence inside a section;
- ``DayTable(caption, header, rows)``: rows that start with a day (capabilities lost);
- ``FailureTable(rows)``: every failure as (day, id, kind, name);
- ``LinkGroups(lost, gained, kept)``: links grouped by (partner, data link), with their pairs;
- ``ChangeTable(added, removed)``: single points of failure added and removed, per capability.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis import WhatIfResult
from .common import group_links, link_pair, model_title, name_of, plural


@dataclass(frozen=True)
class Title:
    text: str
    model: str


@dataclass(frozen=True)
class IdList:
    """``aside``: a remark after a table (a paragraph of its own in Markdown, not a bullet)."""

    label: str
    ids: tuple[str, ...]
    aside: bool = False


@dataclass(frozen=True)
class Note:
    """A sentence inside a section."""

    text: str


@dataclass(frozen=True)
class DayTable:
    """``caption`` (the terminal's line above), ``header`` (Markdown's), rows (day, id, name)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, str, str], ...]


@dataclass(frozen=True)
class FailureTable:
    rows: tuple[tuple[int, str, str, str], ...]


@dataclass(frozen=True)
class LinkGroup:
    partner: str
    via: str
    pairs: tuple[str, ...]


@dataclass(frozen=True)
class LinkGroups:
    """Links by (partner nation, data link); ``kept`` groups list no pairs."""

    lost: tuple[LinkGroup, ...]
    gained: tuple[LinkGroup, ...]
    kept: tuple[LinkGroup, ...]


@dataclass(frozen=True)
class Change:
    capability: str
    node: str
    name: str


@dataclass(frozen=True)
class ChangeTable:
    added: tuple[Change, ...]
    removed: tuple[Change, ...]


Item = IdList | Note | DayTable | FailureTable | LinkGroups | ChangeTable


@dataclass(frozen=True)
class Section:
    """A titled part; ``text_title`` is the terminal's title when it says more (counts)."""

    title: str
    body: tuple[Item, ...]
    text_title: str | None = None
    summary: str | None = None


Block = Title | Section


def what_if_document(result: WhatIfResult) -> list[Block]:
    """The what-if answer: service changes, capabilities, failures, links, SPOF changes."""
    model = result.model
    blocks: list[Block] = [Title(f"What if: {result.scenario.describe()}", model_title(model))]
    service = [
        IdList(label, ids)
        for label, ids in (
            ("Enter service", result.entered_service),
            ("Leave service", result.left_service),
            ("No longer needed", result.no_longer_needed),
        )
        if ids
    ]
    if service:
        blocks.append(Section("Service changes", tuple(service)))
    blocks.append(Section("Capabilities", _capabilities(result)))
    if result.failed:
        rows = tuple((f.at_days, f.id, model.nodes[f.id].kind, name_of(model, f.id)) for f in result.failed)
        blocks.append(
            Section("Failures by day", (FailureTable(rows),), f"Failures ({len(result.failed)} nodes, by day)")
        )
    counts = f"{len(result.links_lost)} lost, {len(result.links_kept)} kept, {len(result.links_gained)} gained"
    groups = LinkGroups(
        _groups(result, result.links_lost), _groups(result, result.links_gained), _groups(result, result.links_kept)
    )
    blocks.append(Section("Interoperability links", (groups,), summary=counts))
    if result.spof_added or result.spof_removed:
        added = tuple(Change(c.capability, c.node, name_of(model, c.node)) for c in result.spof_added)
        removed = tuple(Change(c.capability, c.node, name_of(model, c.node)) for c in result.spof_removed)
        blocks.append(Section("Single points of failure", (ChangeTable(added, removed),)))
    return blocks


def _capabilities(result: WhatIfResult) -> tuple[Item, ...]:
    lost, kept = result.capabilities_lost, result.capabilities_kept
    total = len(lost) + len(kept)
    if not lost:
        return (Note(f"None lost: all {plural(total, 'capability', 'capabilities')} hold."),)
    rows = tuple((f.at_days, f.id, name_of(result.model, f.id)) for f in lost)
    items: list[Item] = [DayTable(f"Lost ({len(lost)} of {total}):", ("Day lost", "Capability", "Name"), rows)]
    if kept:
        items.append(IdList("Held", kept, aside=True))
    return tuple(items)


def _groups(result: WhatIfResult, links: tuple[object, ...]) -> tuple[LinkGroup, ...]:
    model = result.model
    return tuple(
        LinkGroup(partner, via, tuple(link_pair(model, link) for link in group))
        for (partner, via), group in group_links(model, links).items()  # type: ignore[arg-type]
    )
