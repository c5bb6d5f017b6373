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
- ``NetTable(header, rows, numeric)``: a small table of counts (links by partner × data link);
- ``Pairs(label, groups)``: labelled groups of changed pairs (carried over, moved to another
  data link), each a heading and its members;
- ``ChangeTable(added, removed)``: single points of failure added and removed, per capability;
- ``GapTable(rows)``: the gaps on the date as (id, kind, where, reason);
- ``StatusTable(rows)``: later dates on which the answer changes, as (date, what, change).

A ``Title`` may carry ``date``: the line that names the date the answer is read on.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis import WhatIfResult
from .common import (
    change_text,
    date_line,
    every,
    group_links,
    link_counts,
    link_headline,
    link_pair,
    model_title,
    name_of,
    plural,
    signed,
)


@dataclass(frozen=True)
class Title:
    text: str
    model: str
    date: str | None = None


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


@dataclass(frozen=True)
class NetTable:
    """Counts in rows; ``numeric``: the columns a terminal aligns to the right."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()


@dataclass(frozen=True)
class PairGroup:
    heading: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Pairs:
    """Changed pairs under one label: "Carried over by the replacement", "Moved to another data link"."""

    label: str
    groups: tuple[PairGroup, ...]


@dataclass(frozen=True)
class GapTable:
    """Gaps on the date: (id, kind, where: "scenario and baseline" / "scenario only" / "baseline only", reason)."""

    rows: tuple[tuple[str, str, str, str], ...]


@dataclass(frozen=True)
class StatusTable:
    """Later dates on which the answer changes: (date, what, "before → after")."""

    rows: tuple[tuple[str, str, str], ...]


Item = IdList | Note | DayTable | FailureTable | LinkGroups | ChangeTable | NetTable | Pairs | GapTable | StatusTable


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
    dated = date_line(model, result.on)
    title = Title(f"What if: {result.scenario.describe()}", model_title(model), dated[0] if dated else None)
    blocks: list[Block] = [title]
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
    if result.gaps_baseline or result.gaps_scenario:
        blocks.append(_gaps(result))
    if result.failed:
        rows = tuple((f.at_days, f.id, model.nodes[f.id].kind, name_of(model, f.id)) for f in result.failed)
        blocks.append(
            Section(
                "Failures by day", (FailureTable(rows),), f"Failures ({plural(len(result.failed), 'node')}, by day)"
            )
        )
    blocks.append(_links(result))
    if result.spof_added or result.spof_removed:
        added = tuple(Change(c.capability, c.node, name_of(model, c.node)) for c in result.spof_added)
        removed = tuple(Change(c.capability, c.node, name_of(model, c.node)) for c in result.spof_removed)
        blocks.append(Section("Single points of failure", (ChangeTable(added, removed),)))
    if result.changes:
        rows = tuple((c.on.isoformat(), c.subject, change_text(c.before, c.after)) for c in result.changes)
        first = min(c.on for c in result.changes).isoformat()
        how = Note(f"Same options with --on DATE (from {first}) for one date, or interop horizon for every year.")
        blocks.append(
            Section(
                f"The answer changes after {result.on}",
                (StatusTable(rows), how),
                f"The answer changes after {result.on}, as fleets enter and leave service:",
            )
        )
    return blocks


def _gaps(result: WhatIfResult) -> Section:
    """Gaps on the date, apart from failures: the scenario's, then those only in the baseline."""
    base, scen = set(result.gaps_baseline), set(result.gaps_scenario)
    reasons = result.gap_reasons
    nodes = result.model.nodes

    def why(g: str, side: str) -> str:  # the reason without the node's name (the row names the id)
        return reasons[side][g].removeprefix(f"{nodes[g].name}: ")

    rows = [
        (g, nodes[g].kind, "scenario and baseline" if g in base else "scenario only", why(g, "scenario"))
        for g in sorted(scen)
    ]
    rows += [(g, nodes[g].kind, "baseline only", why(g, "baseline")) for g in sorted(base - scen)]
    counts = f"{len(scen)} in the scenario, {len(base)} in the baseline"
    return Section(
        f"Gaps on {result.on}",
        (Note("Out of service that day: something they need is not in service."), GapTable(tuple(rows))),
        f"Gaps on {result.on}: {counts}",
    )


def _capabilities(result: WhatIfResult) -> tuple[Item, ...]:
    lost, kept = result.capabilities_lost, result.capabilities_kept
    total = len(lost) + len(kept)
    gaps = tuple(g for g in result.gaps_scenario if result.model.nodes[g].kind == "capability")
    gap_list: tuple[Item, ...] = (IdList(f"Gap on {result.on}", gaps, aside=True),) if gaps else ()
    if not lost and not total and result.on is not None and gaps:
        return (Note(f"No capability is in service on {result.on}."), *gap_list)
    if not lost:
        if gaps:
            return (Note(f"None lost: all {plural(total, 'capability', 'capabilities')} in service hold."), *gap_list)
        return (Note(f"None lost: {every(total, 'capability', 'capabilities', ('holds', 'hold'))}."),)
    rows = tuple((f.at_days, f.id, name_of(result.model, f.id)) for f in lost)
    items: list[Item] = [DayTable(f"Lost ({len(lost)} of {total}):", ("Day lost", "Capability", "Name"), rows)]
    if kept:
        items.append(IdList("Held", kept, aside=True))
    return (*items, *gap_list)


def _links(result: WhatIfResult) -> Section:
    """Links by role: the net change in a sentence, the partner × data link table, then the pairs
    lost, moved to another data link, carried over and new (a carried link counts as kept)."""
    roles = result.link_roles()
    summary = link_counts(roles)
    if not roles.rows:
        return Section(
            "Interoperability links", (Note("No interoperability link before or after the change."),), summary=summary
        )
    header = ("Partner", "Data link", "Before", "After", "Change", "Carried over")
    rows = tuple(
        (r.nation, r.via, str(r.before), str(r.after), signed(r.change), str(r.carried or "")) for r in roles.rows
    )
    items: list[Item] = [Note(f"In short: {link_headline(roles)}"), NetTable(header, rows, numeric=(2, 3, 4, 5))]
    movers: dict[tuple[str, str], set[str]] = {}
    for s in roles.switched:
        movers.setdefault((s.old_via, s.new_via), set()).add(f"{s.old} → {s.new}")
    moved = tuple(
        PairGroup(f"{old} → {new}, {', '.join(sorted(movers[old, new]))}", tuple(partners))
        for (old, new), partners in roles.switches_by_vias().items()
    )
    by_key: dict[tuple[str, str, str], list[str]] = {}
    for c in roles.carried:
        by_key.setdefault((c.via, c.old, c.new), []).append(c.partner)
    carried = tuple(
        PairGroup(f"{via}, {old} → {new}", tuple(sorted(partners)))
        for (via, old, new), partners in sorted(by_key.items())
    )
    lost = _groups(result, roles.lost)
    if lost:
        items.append(LinkGroups(lost, (), ()))
    if moved:
        items.append(Pairs("Moved to another data link", moved))
    if carried:
        items.append(Pairs("Carried over by the replacement", carried))
    new_links = _groups(result, roles.new)
    if new_links:
        items.append(LinkGroups((), new_links, ()))
    return Section("Interoperability links", tuple(items), summary=summary)


def _groups(result: WhatIfResult, links: tuple[object, ...]) -> tuple[LinkGroup, ...]:
    model = result.model
    return tuple(
        LinkGroup(partner, via, tuple(link_pair(model, link) for link in group))
        for (partner, via), group in group_links(model, links).items()  # type: ignore[arg-type]
    )
