"""Markdown output: tables that paste straight into planning documents (GitHub-flavoured)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..analysis import SpofResult, WhatIfResult
from ..analysis.compare import CompareResult, OptionRow
from ..analysis.explain import Explanation, Support
from ..analysis.exposure import ExposureResult
from ..analysis.timeline import Event, WhatIfTimeline
from ..model import Model, Node
from .blocks import (
    Block,
    DayTable,
    FailureTable,
    GapTable,
    IdList,
    Item,
    LinkGroups,
    NetTable,
    Note,
    Pairs,
    StatusTable,
    Title,
    what_if_document,
)
from .common import (
    date_line,
    group_links,
    link_pair,
    model_title,
    name_of,
    order_name,
    plural,
    product_words,
    shows_date,
    spof_default_note,
)


def escape(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(escape(str(cell)) for cell in row) + " |" for row in rows]
    return lines


def what_if(result: WhatIfResult, heading_level: int = 2) -> str:
    """What-if answer as Markdown sections with tables."""
    return format_blocks(what_if_document(result), heading_level)


def format_blocks(blocks: Sequence[Block], heading_level: int = 2) -> str:
    """Blocks as GitHub-flavoured Markdown: headings, pipe tables, bullets."""
    h = "#" * heading_level
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Title):
            out += [f"{h} {escape(block.text)}", "", f"*Model: {escape(block.model)}*", ""]
            out += [f"**{escape(block.date)}**", ""] if block.date else []
            continue
        chunks: list[list[str]] = [[f"{block.summary}."]] if block.summary else []
        bullets = False
        for item in block.body:
            lines = _markdown_item(item)
            bullet = (isinstance(item, IdList) and not item.aside) or isinstance(item, (LinkGroups, Pairs))
            if lines and bullet and bullets:
                chunks[-1] += lines  # consecutive bullets form one list
            elif lines:
                chunks.append(lines)
            bullets = bullet
        out += [f"{h}# {block.title}", ""]
        for number, chunk in enumerate(chunks):
            out += ([""] if number else []) + chunk
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _markdown_item(item: Item) -> list[str]:
    if isinstance(item, GapTable):
        return table(["Gap", "Kind", "In", "Why"], list(item.rows))
    if isinstance(item, StatusTable):
        return table(["From", "What", "Change"], list(item.rows))
    if isinstance(item, IdList):
        ids = ", ".join(f"`{i}`" for i in item.ids)
        return [f"{item.label}: {ids}"] if item.aside else [f"- **{item.label}:** {ids}"]
    if isinstance(item, Note):
        return [item.text]
    if isinstance(item, DayTable):
        return table(list(item.header), [(str(day), node, name) for day, node, name in item.rows])
    if isinstance(item, FailureTable):
        return table(["Day", "Node", "Kind", "Name"], [(str(day), *rest) for day, *rest in item.rows])
    if isinstance(item, LinkGroups):
        titled = (("Lost", item.lost), ("New", item.gained), ("Kept", item.kept))
        return [
            f"- **{title}** ({g.partner} · {g.via}): " + ", ".join(g.pairs) for title, groups in titled for g in groups
        ]
    if isinstance(item, NetTable):
        return table(list(item.header), item.rows)
    if isinstance(item, Pairs):
        return [f"- **{item.label}** ({g.heading}): {', '.join(g.members)}" for g in item.groups]
    rows = [(c.capability, c.node, c.name, "added") for c in item.added]
    rows += [(c.capability, c.node, c.name, "removed") for c in item.removed]
    return table(["Capability", "Node", "Name", "Change"], rows)


def spof(result: SpofResult, heading_level: int = 2) -> str:
    """Cut sets per capability: a summary table, then each capability's groups ("one of …")."""
    model = result.model
    h = "#" * heading_level
    kinds = ", ".join(result.kinds) if result.kinds else "all kinds"
    out = [
        f"{h} Minimal cut sets (order ≤ {result.max_order}, {kinds})",
        "",
        f"*Model: {escape(model_title(model))}*",
        "",
    ]
    if result.scenario.operations:
        out += [f"*After: {escape(result.scenario.describe())}*", ""]
    out += [*(f"**{escape(line)}**" for line in date_line(model, result.on)), ""] if date_line(model, result.on) else []
    capability_gaps = [g for g in result.gaps if model.nodes[g].kind == "capability"]
    if capability_gaps:
        out += table(
            ["Gap (no cut sets on this date)", "Why"], [(g, result.gap_reasons.get(g, "")) for g in capability_gaps]
        )
        out.append("")
    out += [spof_default_note(result.show_all), ""]
    views = {c: result.view(c) for c in sorted(result.cut_sets)}
    orders = range(1, result.max_order + 1)
    header = ["Capability", *(order_name(k).capitalize() for k in orders)]
    out += table(header, [(c, *(str(v.count(k)) for k in orders)) for c, v in views.items()])
    for capability, view in views.items():
        name = name_of(model, capability)
        out += ["", f"{h}# {capability}" + (f" — {escape(name)}" if name != capability else ""), ""]
        if not view.products:
            out.append(f"No cut set of order ≤ {result.max_order}.")
        rows = []
        for order in orders:
            products = view.of_order(order)
            if not products:
                smaller = [k for k in range(1, order) if view.of_order(k)]
                if smaller:
                    rows.append((str(order), "—", f"no {order_name(order)} beyond the {order_name(smaller[-1])} above"))
                continue
            if order == 1:
                rows.append(("1", str(view.count(1)), ", ".join(products[0].factors[0])))
                continue
            rows += [(str(order), str(p.count), product_words(p.factors)) for p in products]
        if rows:
            out += table(["Size", "Cut sets", "Which (one of each)"], rows)
        if view.hidden:
            out += ["", f"{plural(view.hidden, 'cut set')} with another capability not shown (`--all` shows them)."]
    return "\n".join(out) + "\n"


def node_list(model: Model, nodes: Sequence[Node]) -> str:
    rows = [(n.id, n.kind, n.status, n.nation or n.operator or "", n.name) for n in nodes]
    return "\n".join(table(["Id", "Kind", "Status", "Nation", "Name"], rows)) + "\n"


def node_detail(model: Model, node: Node, required_by: Sequence[str]) -> str:
    out = [f"## {escape(node.id)} — {escape(node.name)}", ""]
    rows = [
        ("Kind", node.kind),
        ("Status", node.status),
        ("Aliases", ", ".join(node.aliases)),
        ("Nation", node.nation or ""),
        ("Operator", node.operator or f"{model.home} (home)"),
        ("Interfaces", ", ".join(node.interfaces)),
        ("Confidence", node.confidence or ""),
        ("In service", node.service.describe() if node.service else ""),
        ("Service dates from", " ".join(node.service_source)),
        ("Requires", "; ".join(i.describe() for i in node.requires)),
        ("Required by", ", ".join(sorted(set(required_by)))),
        ("Defined at", str(node.location or "")),
        ("Sources", " ".join(node.source)),
        ("Notes", node.notes or ""),
    ]
    out += table(["Field", "Value"], [r for r in rows if r[1]])
    return "\n".join(out) + "\n"


# --- decision support (issue 6): compare, exposure, explain, timeline ------------------------

TOP_CHANNELS = 5


def compare(result: CompareResult, heading_level: int = 2) -> str:
    """The decision table, narrow enough to paste: a summary row per option, the embargoes that cost
    a capability (options as columns), the per-option breakdown, then one table per embargoing
    nation (options as numbered columns)."""
    model = result.model
    h = "#" * heading_level
    title = f"{h} Options compared" + (f" on {result.on}" if shows_date(model, result.on) else "")
    out = [title, "", f"*Model: {escape(model_title(model))}*", ""]
    header = ["#", "Option", "Capabilities", "SPOF", "Foreign SPOF", "Links", f"Made in {model.home or 'home'}"]
    rows = [
        [
            str(number),
            row.label,
            str(len(row.capabilities)),
            str(len(row.spof)),
            str(row.spof_foreign),
            str(sum(c for _, _, c in row.links)),
            made_in_text(row.home_share),
        ]
        for number, row in enumerate(result.options, 1)
    ]
    out += table(header, rows)
    costly = [n for n in result.nations if n not in result.quiet_nations]
    if costly:
        out += ["", f"{h}# Embargoes that cost a capability", ""]
        out += table(
            ["Embargo of", *(f"#{i}" for i in range(1, len(result.options) + 1))],
            [(n, *(_embargo_summary(row.embargo_days(n)) for row in result.options)) for n in costly],
        )
    out += ["", f"{h}# Per option", ""]
    for number, row in enumerate(result.options, 1):
        foreign = ", ".join(f"{n} {c}" for n, c in row.spof_by_nation) or "none"
        links = ", ".join(f"{p} · {v} {c}" for p, v, c in row.links) or "none"
        out += [
            f"- **#{number} {escape(row.label)}** — foreign single points of failure by nation: {foreign}; "
            f"links by partner · data link: {links}."
        ]
    quiet = list(result.quiet_nations)
    for nation in result.nations:
        if nation in quiet:
            continue
        out += ["", f"{h}# Embargo of {escape(nation)}: day each capability falls", ""]
        header = ["Capability"] + [f"#{i}" for i in range(1, len(result.options) + 1)]
        rows = []
        for capability in result.capabilities:
            cells = [capability]
            for row in result.options:
                days = row.embargo_days(nation)
                if days is None or capability not in days:
                    cells.append("—")
                else:
                    cells.append("holds" if days[capability] is None else f"day {days[capability]}")
            rows.append(cells)
        out += table(header, rows)
    if quiet:
        every = "Every capability in service" if any(row.gaps for row in result.options) else "Every capability"
        out += ["", f"{every} holds, in every option, under an embargo of: {', '.join(quiet)}."]
    gap_rows = [(str(i), row.label, g, why) for i, row in enumerate(result.options, 1) for g, why in row.gaps]
    if gap_rows:
        out += ["", f"{h}# Gaps on {result.on}", ""]
        out += table(["#", "Option", "Capability", "Why"], gap_rows)
    out += ["", f"{h}# Single points of failure", ""]
    out += table(
        ["#", "Option", "Nodes"],
        [(str(i), row.label, ", ".join(row.spof) or "none") for i, row in enumerate(result.options, 1)],
    )
    out += ["", f"{h}# Where the supply chain is made (by supplier nation)", ""]
    out += table(
        ["#", "Option", "Supply links", "By supplier nation"],
        [
            (
                str(i),
                row.label,
                _links_number(row),
                ", ".join(f"{n} {made_in_text(row.made_in_share(n))}" for n, _ in row.made_in) or "none",
            )
            for i, row in enumerate(result.options, 1)
        ],
    )
    out += ["", f"{h}# Stated industrial commitments", ""]
    commitments = [
        (str(i), row.label, node, b.policy, b.commitment, b.confidence or "—")
        for i, row in enumerate(result.options, 1)
        for node, b in row.benefits
    ]
    if commitments:
        out += table(["#", "Option", "Node", "Policy", "Commitment (as stated)", "Confidence"], commitments)
    else:
        out.append("No `benefits:` entries in these options.")
    out += [
        "",
        "*A node sits with a nation when it is that nation, or names it as `nation:`, or (without `nation:`) as "
        "`operator:`. Made in: every requirement on a supplier, in everything the capabilities depend on, is one "
        "supply link, counted under the supplier's nation (split between the makers of an `any_of`): where things "
        "are made, not who operates them, and a count of links, not of money. Stated commitments are what a "
        "policy, pledge or offer says (see each entry's source), not a computed benefit.*",
    ]
    return "\n".join(out) + "\n"


def made_in_text(share: float | None) -> str:
    return "n/a" if share is None else f"{round(100 * share)}%"


def _links_number(row: OptionRow) -> str:
    total = row.supply_links
    return str(int(total)) if total.denominator == 1 else f"{float(total):.1f}"


def exposure(result: ExposureResult, heading_level: int = 2) -> str:
    """A summary table (one row per nation), then each nation's capabilities lost and channels."""
    model = result.model
    h = "#" * heading_level
    scenario = result.scenario
    after = f" — after {scenario.describe()}" if scenario.operations or scenario.at_days is not None else ""
    out = [f"{h} Nation exposure{escape(after)}", "", f"*Model: {escape(model_title(model))}*", ""]
    out += (
        [*(f"**{escape(line)}**" for line in date_line(model, scenario.on)), ""]
        if date_line(model, scenario.on)
        else []
    )
    rows = []
    if result.nations:
        out += ["Largest exposure first (capabilities lost, earliest loss, links lost, nodes failed).", ""]
    for nation in result.by_impact():
        first = str(nation.capabilities_lost[0].at_days) if nation.capabilities_lost else "—"
        top = ", ".join(f"{c} ({n})" for c, n in nation.channels[:TOP_CHANNELS])
        rows.append(
            (
                nation.nation,
                str(len(nation.capabilities_lost)),
                first,
                str(len(nation.links_lost)),
                str(nation.nodes_failed),
                top,
            )
        )
    out += table(
        ["Nation", "Capabilities lost", "First loss (day)", "Links lost", "Nodes failed", "Through (failures)"], rows
    )
    for nation in result.by_impact():
        if not nation.capabilities_lost and not nation.links_lost:
            continue
        out += ["", f"{h}# Embargo of {escape(nation.nation)} — {escape(name_of(model, nation.nation))}", ""]
        if nation.capabilities_lost:
            out += table(
                ["Day lost", "Capability", "Name"],
                [(str(f.at_days), f.id, name_of(model, f.id)) for f in nation.capabilities_lost],
            )
            out.append("")
        if nation.links_lost:
            rows = [
                (partner, via, str(len(group)), ", ".join(link_pair(model, link) for link in group))
                for (partner, via), group in group_links(model, nation.links_lost).items()
            ]
            out += table(["Partner", "Data link", "Links lost", "Pairs (ours ↔ theirs)"], rows)
    return "\n".join(out).rstrip() + "\n"


def explain(result: Explanation, heading_level: int = 2) -> str:
    """The chain of causes as a table (or, if the node holds, its requirements and rescues)."""
    from . import text

    model = result.model
    h = "#" * heading_level
    node = model.nodes[result.node]
    out = [
        f"{h} {escape(node.label())} — {escape(result.scenario.describe())}",
        "",
        f"*Model: {escape(model_title(model))}*",
        "",
    ]
    out += (
        [*(f"**{escape(line)}**" for line in date_line(model, result.scenario.on)), ""]
        if date_line(model, result.scenario.on)
        else []
    )
    at = result.scenario.at_days
    if result.gap:
        out += [f"> {escape(text.gap_sentence(result))}", "", f"{h}# Why, step by step", ""]
        rows = [(step.node, step.requirement.describe(), step.reason) for step in result.gap]
        out += table(["Node", "Needs", "Why it is not in service"], rows)
        return "\n".join(out) + "\n"
    if result.chain:
        if result.holds:
            out += [f"`{result.node}` still holds on day {at}; it fails on day {result.fails_at}.", ""]
        out += [f"> {escape(text.explain_sentence(result))}", "", f"{h}# Chain of causes", ""]
        rows = []
        for step in result.chain:
            if step.origin:
                rows.append((str(step.day), step.node, step.origin, "", "", ""))
                continue
            assert step.requirement is not None
            requirement = step.requirement.describe()
            others = ", ".join(f"{a} day {d}" for a, d in step.alternatives if a != step.trigger)
            rows.append((str(step.day), step.node, requirement, step.trigger or "", str(step.grace), others))
        out += table(["Day", "Fails", "Requirement", "Because of", "Grace (days)", "Other alternatives"], rows)
    else:
        out.append(
            f"`{result.node}` holds" + (f" on day {at}" if at is not None else "") + ": every requirement still holds."
        )
    if result.holds:
        if result.requirements:
            out += ["", f"{h}# Requirements of {escape(result.node)}", ""]
            out += table(["Requirement", "Working", "Failed"], [_support_row(s) for s in result.requirements])
        if result.rescues:
            out += ["", f"{h}# Kept up by alternatives", ""]
            out += table(
                ["Node", "Requirement", "Working", "Failed"], [(s.node, *_support_row(s)) for s in result.rescues]
            )
    return "\n".join(out) + "\n"


def what_if_timeline(result: WhatIfResult, events: Sequence[Event], heading_level: int = 2) -> str:
    """The what-if answer followed by a table of its events day by day."""
    return what_if(result, heading_level) + "\n" + timeline(result.model, events, heading_level + 1)


def timeline(model: Model, events: Sequence[Event], heading_level: int = 3) -> str:
    h = "#" * heading_level
    out = [f"{h} Timeline", ""]
    if not events:
        return "\n".join([*out, "Nothing happens."]) + "\n"
    rows = []
    for event in events:
        rows.append((str(event.day), event.kind, event.subject, event.because or ""))
    out += table(["Day", "Event", "What", "Because"], rows)
    return "\n".join(out) + "\n"


def _support_row(support: Support) -> tuple[str, str, str]:
    failed = ", ".join(f"{a} (day {d})" for a, d in support.failed)
    return support.requirement.describe(), ", ".join(support.working) or "none", failed


def _embargo_summary(days: dict[str, int | None] | None) -> str:
    if days is None:
        return "—"
    lost = sorted(d for d in days.values() if d is not None)
    if not lost:
        return "none"
    return f"{len(lost)} (first day {lost[0]})"


def _what_if_timeline(answer: WhatIfTimeline) -> str:
    return what_if_timeline(answer.result, answer.events)


FORMATTERS: dict[type, Callable[[Any], str]] = {
    WhatIfResult: what_if,
    WhatIfTimeline: _what_if_timeline,
    SpofResult: spof,
    CompareResult: compare,
    ExposureResult: exposure,
    Explanation: explain,
}
"""The markdown formatter of each analysis result type (the CLI dispatches on the result's type)."""
