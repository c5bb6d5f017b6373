"""The briefing report: one scenario as a document for planning papers (Markdown; HTML via html.py).

The report is first built as a list of blocks (headings, paragraphs, tables, a diagram, the
source list) so Markdown and HTML say exactly the same thing. Every row that relies on a model
fact cites the ``source`` of the nodes and requirements behind it as ``[n]``; sources are
numbered in order of first citation and listed at the end. No analysis here: the report reads a
what-if result, an exposure result and a diagram view that the caller computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..analysis import Operation, SpofResult, WhatIfResult
from ..analysis.exposure import ExposureResult
from ..analysis.sensitivity import SensitivityResult
from ..analysis.views import View
from ..model import Model
from .common import (
    change_text,
    date_line,
    every,
    link_counts,
    link_headline,
    link_pair,
    name_of,
    plural,
    product_words,
    signed,
)
from .markdown import table

# --- document blocks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Diagram:
    """``kind`` is mermaid (``content`` = Mermaid text), svg (inline SVG text; ``link`` = file
    written beside a Markdown report), or none (``content`` = why it is missing)."""

    kind: str
    content: str
    link: str | None = None


@dataclass(frozen=True)
class Source:
    number: int
    text: str
    cited_for: tuple[str, ...]


@dataclass(frozen=True)
class Sources:
    entries: tuple[Source, ...]
    unsourced: tuple[str, ...]


Block = Heading | Paragraph | Table | Bullets | Diagram | Sources


@dataclass(frozen=True)
class Briefing:
    """What a report is made of: the what-if result, the nation exposure, the diagram view and
    its drawing (Mermaid or SVG text; None with a note when it could not be drawn)."""

    result: WhatIfResult
    exposure: ExposureResult
    view: View
    diagram_kind: str = "mermaid"
    image: str | None = None
    svg_name: str | None = None
    diagram_note: str | None = None
    sensitivity: SensitivityResult | None = None
    cut_sets: SpofResult | None = None
    """Minimal cut sets of order ≤ 2 on the structure after the change (None: too costly)."""


# --- citations ------------------------------------------------------------------------------------


@dataclass
class Citations:
    """Numbers sources in order of first citation; remembers which ids each source backs."""

    model: Model
    numbers: dict[str, int] = field(default_factory=dict)
    cited_for: dict[str, set[str]] = field(default_factory=dict)
    unsourced: set[str] = field(default_factory=set)

    def cite(self, node_ids: Iterable[str], requirements: Iterable[tuple[str, Sequence[str]]] = ()) -> str:
        """``[1] [3]`` for the sources of ``node_ids`` and of requirement items ``(requirer, sources)``."""
        found: list[tuple[str, str]] = []
        for node_id in node_ids:
            node = self.model.nodes.get(node_id)
            if node is None:
                continue
            if not node.source:
                self.unsourced.add(node_id)
            found += [(text, node_id) for text in node.source]
        for requirer, sources in requirements:
            found += [(text, f"{requirer} requirement") for text in sources]
        numbers = []
        for text, what in found:
            if text not in self.numbers:
                self.numbers[text] = len(self.numbers) + 1
            self.cited_for.setdefault(text, set()).add(what)
            numbers.append(self.numbers[text])
        return " ".join(f"[{n}]" for n in sorted(set(numbers)))

    def cite_texts(self, texts: Iterable[str], what: str) -> str:
        """``[1] [3]`` for source texts cited directly (a ``benefits`` entry's sources)."""
        numbers = []
        for text in texts:
            if text not in self.numbers:
                self.numbers[text] = len(self.numbers) + 1
            self.cited_for.setdefault(text, set()).add(what)
            numbers.append(self.numbers[text])
        return " ".join(f"[{n}]" for n in sorted(set(numbers)))

    def block(self) -> Sources:
        entries = tuple(
            Source(number, text, tuple(sorted(self.cited_for[text])))
            for text, number in sorted(self.numbers.items(), key=lambda kv: kv[1])
        )
        return Sources(entries, tuple(sorted(self.unsourced)))


# --- building the document ------------------------------------------------------------------------


def document(briefing: Briefing) -> list[Block]:
    """The report as blocks, in reading order."""
    result = briefing.result
    model = result.model
    cites = Citations(model)
    title = f"Briefing: what if we {_scenario_words(result.scenario.ordered(), model)}?"
    blocks: list[Block] = [Heading(1, title)]
    meta = f"Model: {model.name or 'model'}"
    if model.as_of:
        meta += f", as of {model.as_of}"
    meta += f" ({plural(len(model), 'node')}). Looking at: " + (
        "the state eventually (no time limit)."
        if result.scenario.at_days is None
        else f"day {result.scenario.at_days}."
    )
    dated = date_line(model, result.on)
    if dated:
        meta += f" {dated[0]}."
    blocks += [Paragraph(meta), Heading(2, "Summary"), Paragraph(summary(result))]
    blocks += _changes(result, cites)
    blocks += _gaps(result)
    blocks += _answer_changes(result)
    blocks += _timeline(result, cites)
    blocks += _links(result, cites)
    blocks += _spof(result, cites)
    blocks += _cut_sets(briefing.cut_sets)
    blocks += _exposure(briefing.exposure, cites)
    blocks += _commitments(result, cites)
    blocks += _rests_on(briefing.sensitivity)
    blocks += _diagram(briefing)
    blocks += [Heading(2, "Sources"), cites.block()]
    return blocks


def summary(result: WhatIfResult) -> str:
    """One paragraph in plain words: capabilities, failures, links, single points of failure."""
    total = len(result.capabilities_lost) + len(result.capabilities_kept)
    when = "eventually" if result.scenario.at_days is None else f"by day {result.scenario.at_days}"
    if result.capabilities_lost:
        lost = ", ".join(f"{f.id} on day {f.at_days}" for f in result.capabilities_lost)
        text = (
            f"{plural(len(result.capabilities_lost), 'capability', 'capabilities')} of {total} "
            f"{'is' if len(result.capabilities_lost) == 1 else 'are'} lost {when}: {lost}."
        )
    else:
        text = f"No capability is lost {when}: {every(total, 'capability', 'capabilities', ('holds', 'hold'))}."
    if result.failed:
        days = [f.at_days for f in result.failed]
        verb = "fails" if len(result.failed) == 1 else "fail in all"
        text += f" {plural(len(result.failed), 'node')} {verb}, the first on day {min(days)}"
        text += f" and the last on day {max(days)}." if max(days) != min(days) else "."
    else:
        text += " Nothing fails."
    roles = result.link_roles()
    text += f" Interoperability links: {link_counts(roles)}. {link_headline(roles)}"
    if result.spof_added or result.spof_removed:
        text += (
            f" The change adds {plural(len(result.spof_added), 'single point')} of failure"
            f" and removes {len(result.spof_removed)}."
        )
    if result.entered_service:
        text += f" Entering service: {', '.join(result.entered_service)}."
    capability_gaps = [g for g in result.gaps_scenario if result.model.nodes[g].kind == "capability"]
    if capability_gaps:
        text += f" Not in service on {result.on} (gaps): {', '.join(capability_gaps)}."
    if result.left_service:
        text += f" Leaving service: {', '.join(result.left_service)}."
    return text


def _scenario_words(operations: Sequence[Operation], model: Model) -> str:
    words = []
    for op in operations:
        if op.op == "replace":
            words.append(f"replace {op.target} with {op.replacement}")
        elif op.op == "mix":
            words.append(f"add {op.replacement} beside {op.target}")
        elif op.op == "remove":
            words.append(f"lose {op.target}")
        else:
            words.append(f"face an embargo by {op.target}")
    if not words:
        return "change nothing (baseline)"
    return ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]


def _changes(result: WhatIfResult, cites: Citations) -> list[Block]:
    model = result.model
    rows = []
    for op in result.scenario.ordered():
        ids = [op.target] + ([op.replacement] if op.replacement else [])
        what = {"replace": "replaced by", "mix": "mixed with", "remove": "removed", "embargo": "embargoed"}[op.op]
        rows.append((op.target, name_of(model, op.target), what, op.replacement or "", cites.cite(ids)))
    if not rows:
        return []
    blocks: list[Block] = [Heading(2, "The change"), Table(("Node", "Name", "Change", "With", "Sources"), tuple(rows))]
    service = []
    if result.entered_service:
        service.append("Enter service: " + ", ".join(result.entered_service))
    if result.left_service:
        service.append("Leave service: " + ", ".join(result.left_service))
    if result.no_longer_needed:
        service.append("No longer needed by any capability: " + ", ".join(result.no_longer_needed))
    if service:
        blocks.append(Bullets(tuple(service)))
    return blocks


def _because(result: WhatIfResult, node_id: str) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    """Why a node failed in words, and the sources of the requirement it rests on."""
    cause = result.cause_of(node_id)
    if cause is None:
        return "", []
    if cause.requirement is None:
        return cause.origin or "", []
    item = cause.requirement
    text = f"last of {' / '.join(item.targets)} failed" if item.any_of else f"{cause.trigger} failed"
    if item.grace_days:
        text += f" (+{item.grace_days} d grace)"
    return text, [(node_id, item.source)] if item.source else []


def _gaps(result: WhatIfResult) -> list[Block]:
    """Gaps on the date, apart from failures: what is out of service that day, and why."""
    base, scen = set(result.gaps_baseline), set(result.gaps_scenario)
    if not base and not scen:
        return []
    rows = [
        (g, "scenario and baseline" if g in base else "scenario only", result.gap_reasons["scenario"][g])
        for g in sorted(scen)
    ]
    rows += [(g, "baseline only", result.gap_reasons["baseline"][g]) for g in sorted(base - scen)]
    return [
        Heading(2, f"Gaps on {result.on}"),
        Paragraph("Out of service that day because something they need is not in service (not failures: no day)."),
        Table(("Gap", "In", "Why"), tuple(rows)),
    ]


def _answer_changes(result: WhatIfResult) -> list[Block]:
    """The later dates on which the answer changes (read from the study), and how to see each."""
    changes = result.changes or (result.study.answer_changes if result.study is not None else ())
    if not changes:
        return []
    rows = tuple((c.on.isoformat(), c.subject, change_text(c.before, c.after)) for c in changes)
    first = min(c.on for c in changes).isoformat()
    return [
        Heading(2, f"The answer changes after {result.on}"),
        Paragraph(
            "As fleets enter and leave service. Re-run with the same options and --on DATE "
            f"(from {first}) to see the answer on that date, or interop horizon for every year."
        ),
        Table(("Date", "What", "Change"), rows),
    ]


def _timeline(result: WhatIfResult, cites: Citations) -> list[Block]:
    model = result.model
    blocks: list[Block] = [Heading(2, "Capabilities lost (timeline)")]
    if result.capabilities_lost:
        rows = []
        for failure in result.capabilities_lost:
            because, reqs = _because(result, failure.id)
            rows.append(
                (str(failure.at_days), failure.id, name_of(model, failure.id), because, cites.cite([failure.id], reqs))
            )
        blocks.append(Table(("Day", "Capability", "Name", "Because", "Sources"), tuple(rows)))
    else:
        blocks.append(Paragraph("No capability is lost."))
    if result.capabilities_kept:
        blocks.append(Paragraph("Capabilities that hold: " + ", ".join(result.capabilities_kept) + "."))
    if result.failed:
        blocks.append(Heading(3, "Every failure, by day"))
        rows = []
        for failure in result.failed:
            because, reqs = _because(result, failure.id)
            node = model.nodes[failure.id]
            rows.append(
                (str(failure.at_days), failure.id, node.kind, node.name, because, cites.cite([failure.id], reqs))
            )
        blocks.append(Table(("Day", "Node", "Kind", "Name", "Because", "Sources"), tuple(rows)))
    return blocks


def _links(result: WhatIfResult, cites: Citations) -> list[Block]:
    """The net table partner nation × data link, then the changed pairs by role."""
    model = result.model
    roles = result.link_roles()
    blocks: list[Block] = [Heading(2, "Interoperability links")]
    if not roles.rows:
        return [*blocks, Paragraph("No interoperability link before or after the change.")]
    blocks.append(Paragraph(f"{link_counts(roles).capitalize()}. {link_headline(roles)}"))
    ends: dict[tuple[str, str], set[str]] = {}
    for link in (*roles.lost, *roles.new):
        ends.setdefault((roles.partner_nations[link], link.via), set()).update((link.a, link.b))
    for s in roles.switched:
        nation = next(n for k, n in roles.partner_nations.items() if s.partner in (k.a, k.b))
        ends.setdefault((nation, s.old_via), set()).update((s.old, s.partner))
        ends.setdefault((nation, s.new_via), set()).update((s.new, s.partner))
    for c in roles.carried:
        ends.setdefault((roles.carried_nations[c], c.via), set()).update((c.old, c.new, c.partner))
    rows = tuple(
        (
            r.nation,
            r.via,
            str(r.before),
            str(r.after),
            signed(r.change),
            str(r.carried or ""),
            cites.cite([r.via, *sorted(ends.get((r.nation, r.via), ()))]),
        )
        for r in roles.rows
    )
    blocks.append(Table(("Partner", "Data link", "Before", "After", "Change", "Carried over", "Sources"), rows))
    changed = [f"lost {link_pair(model, link)} ({link.via})" for link in roles.lost]
    changed += [f"{s.old_via} → {s.new_via}: {s.old} → {s.new} with {s.partner}" for s in roles.switched]
    changed += [f"new {link_pair(model, link)} ({link.via})" for link in roles.new]
    if changed:
        blocks.append(Paragraph("Changed pairs (ours ↔ theirs): " + "; ".join(changed) + "."))
    return blocks


def _spof(result: WhatIfResult, cites: Citations) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Single points of failure")]
    rows = [
        (c.capability, c.node, name_of(result.model, c.node), change, cites.cite([c.node]))
        for change, changes in (("added", result.spof_added), ("removed", result.spof_removed))
        for c in changes
    ]
    if not rows:
        text = "No single point of failure is added or removed"
        structural = any(op.op in ("replace", "mix") for op in result.scenario.operations)
        text += "." if structural else " (only replacements and mixes change the structure; losses are failures)."
        return [*blocks, Paragraph(text)]
    return [*blocks, Table(("Capability", "Node", "Name", "Change", "Sources"), tuple(rows))]


PAIR_GROUPS = 3


def _cut_sets(found: SpofResult | None) -> list[Block]:
    """Each capability's single points of failure and pairs, grouped into products."""
    blocks: list[Block] = [Heading(2, "What can fail each capability: single points and pairs")]
    if found is None:
        return [*blocks, Paragraph("Not worked out: too many cut sets for a report (interop spof shows them).")]
    after = " after the replacements" if found.scenario.operations else ""
    intro = (
        f"Minimal cut sets of order ≤ 2 on the structure{after} (what the losses would be, before any "
        "failure): a single point of failure alone fails the capability; a pair fails it together. "
        "Cut sets that contain another capability are left out (interop spof --all shows them)."
    )
    rows = []
    for capability in sorted(found.cut_sets):
        view = found.view(capability)
        singles = ", ".join(view.of_order(1)[0].factors[0]) if view.of_order(1) else "none"
        products = view.of_order(2)
        if products:
            shown = [product_words(p.factors) for p in products[:PAIR_GROUPS]]
            more = sum(p.count for p in products[PAIR_GROUPS:])
            pairs = "; ".join(shown) + (f"; and {plural(more, 'more pair')}" if more else "")
            pairs = f"{view.count(2)}: {pairs}"
        else:
            pairs = "none beyond the single points" if view.of_order(1) else "none"
        rows.append((capability, singles, pairs))
    how = "Every cut set of one capability: interop spof --capability ID (--format json lists them all)."
    return [
        *blocks,
        Paragraph(intro),
        Table(("Capability", "Single points of failure", "Pairs"), tuple(rows)),
        Paragraph(how),
    ]


def _exposure(exposed: ExposureResult, cites: Citations) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, "Exposure by nation"),
        Paragraph(
            "What an embargo by each foreign nation alone would cost with the fleet after this change "
            "(replacements and mixes applied; the scenario's own removals and embargoes are not). "
            "Channels are the first dependencies through which the loss travels, with the number of failures "
            "through each."
        ),
    ]
    if not exposed.nations:
        return [*blocks, Paragraph("No foreign nation in service.")]
    rows = []
    for nation in exposed.by_impact():
        lost = ", ".join(f"{f.id} (day {f.at_days})" for f in nation.capabilities_lost) or "none"
        channels = ", ".join(f"{c} ({n})" for c, n in nation.channels[:3])
        if len(nation.channels) > 3:
            channels += f", +{len(nation.channels) - 3} more"
        ids = [nation.nation, *(c for c, _ in nation.channels[:3])]
        rows.append(
            (
                nation.nation,
                lost,
                str(nation.nodes_failed),
                str(len(nation.links_lost)),
                channels or "—",
                cites.cite(ids),
            )
        )
    blocks.append(
        Table(("Nation", "Capabilities lost", "Nodes failed", "Links lost", "Main channels", "Sources"), tuple(rows))
    )
    return blocks


def _commitments(result: WhatIfResult, cites: Citations) -> list[Block]:
    """Stated industrial commitments of what the change brings in or takes out (as stated, not computed)."""
    model = result.model
    changed = [*result.entered_service, *result.left_service]
    rows = []
    for node_id in sorted(changed):
        for benefit in model.nodes[node_id].benefits:
            side = "enters" if node_id in result.entered_service else "leaves"
            source = cites.cite_texts(benefit.source, f"{node_id} benefits")
            rows.append((node_id, side, benefit.policy, benefit.commitment, benefit.confidence or "—", source))
    if not rows:
        return []
    return [
        Heading(2, "Stated industrial commitments"),
        Paragraph(
            "What a policy, pledge or offer says about industrial benefit for what this change brings in or "
            "takes out. These are stated commitments with their sources, not computed results."
        ),
        Table(("Node", "Change", "Policy", "Commitment (as stated)", "Confidence", "Source"), tuple(rows)),
    ]


def _rests_on(result: SensitivityResult | None) -> list[Block]:
    """Which assumptions the answer rests on: each moved inside its range (see `interop sensitivity`)."""
    if result is None:
        return []
    from .sensitivity import change_text

    blocks: list[Block] = [Heading(2, "What this answer rests on")]
    matter = result.rests_on
    if not matter:
        return [*blocks, Paragraph(f"None of the {len(result.assumptions)} assumptions tried changes the answer.")]
    blocks.append(
        Paragraph(
            f"{len(matter)} of {len(result.assumptions)} assumptions (grace periods at the ends of their "
            "stated range, low-confidence facts dropped) change the answer:"
        )
    )
    rows = tuple(
        (
            a.title,
            v.label if v.label[:1].isdigit() else v.label.capitalize(),
            "; ".join(change_text(c) for c in v.changes) or "none",
            "; ".join(v.flips) or "none",
        )
        for a in matter
        for v in a.variants
    )
    header = ("Assumption", "Tried", "Capabilities whose day changes", "Conclusions that flip")
    return [*blocks, Table(header, rows)]


def _diagram(briefing: Briefing) -> list[Block]:
    view = briefing.view
    blocks: list[Block] = [Heading(2, "Diagram")]
    if view.focus is not None:
        scope = f"Around {view.focus} (depth {view.depth})."
    elif view.scenario is not None:
        scope = (
            "What the change touches: failed nodes (red, with the day), nodes that leave (grey) or enter "
            "(green border) service, single points of failure (orange border); the links it changes are "
            "the table at the top of the diagram."
        )
    else:
        scope = "The whole model."
    blocks.append(Paragraph(scope + " Arrows run from what is needed to what needs it."))
    if briefing.image is None:
        return [*blocks, Paragraph(briefing.diagram_note or "No diagram.")]
    if not view.nodes:
        return [*blocks, Paragraph("Nothing to draw: the change touches no node.")]
    link = briefing.svg_name if briefing.diagram_kind == "svg" else None
    blocks.append(Diagram(briefing.diagram_kind, briefing.image, link))
    return blocks


# --- Markdown -------------------------------------------------------------------------------------


def to_markdown(briefing: Briefing) -> str:
    """The report as GitHub-flavoured Markdown."""
    out: list[str] = []
    for block in document(briefing):
        out += markdown_block(block)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def md(text: str) -> str:
    """Text safe in Markdown outside code: ``<`` and ``>`` as entities so no name reads as HTML."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def markdown_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + md(block.text)]
    if isinstance(block, Paragraph):
        return [md(block.text)]
    if isinstance(block, Table):
        return table([md(h) for h in block.header], [[md(cell) for cell in row] for row in block.rows])
    if isinstance(block, Bullets):
        return [f"- {md(item)}" for item in block.items]
    if isinstance(block, Diagram):
        if block.kind == "mermaid":
            return ["```mermaid", block.content.rstrip("\n"), "```"]
        return [f"![Diagram of the change]({block.link})"]
    out = [f"{entry.number}. {md(entry.text)} — for {md(', '.join(entry.cited_for))}" for entry in block.entries]
    if not block.entries:
        out.append("The model gives no source for the facts above.")
    if block.unsourced:
        out += ["", "No source in the model for: " + md(", ".join(block.unsourced)) + "."]
    return out
