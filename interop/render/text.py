"""Plain-text output for the terminal: short sections, sorted, readable without colour."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..analysis import SpofResult, WhatIfResult
from ..analysis.compare import CompareResult
from ..analysis.explain import Explanation, Step, Support
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
    spof_default_note,
    wrap_items,
)

INDENT = "  "


def what_if(result: WhatIfResult) -> str:
    """The answer to one what-if: service changes, capabilities, failures, links, SPOF changes."""
    return format_blocks(what_if_document(result))


def format_blocks(blocks: Sequence[Block]) -> str:
    """Blocks as terminal text: sections of short lines, indented, wrapped between items."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Title):
            out += [block.text, f"Model: {block.model}", *([block.date] if block.date else []), ""]
            continue
        title = block.text_title or (f"{block.title}: {block.summary}" if block.summary else block.title)
        out.append(title)
        for item in block.body:
            out += _text_item(item)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _text_item(item: Item) -> list[str]:
    if isinstance(item, GapTable):
        return [
            line
            for gap, _, where, why in item.rows
            for line in wrap_items(f"{INDENT}{gap} ({where}): ", why.split(" "), sep=" ", indent=4)
        ]
    if isinstance(item, StatusTable):
        return [f"{INDENT}{day}: {what} {change}" for day, what, change in item.rows]
    if isinstance(item, IdList):
        return _id_line(item.label, item.ids)
    if isinstance(item, Note):
        return wrap_items(INDENT, item.text.split(" "), sep=" ", indent=4)
    if isinstance(item, DayTable):
        width = max(len(f"day {day}") for day, _, _ in item.rows)
        lines = [f"{INDENT}{item.caption}"]
        return lines + [f"{INDENT * 2}{f'day {day}':<{width}}  {node} — {name}" for day, node, name in item.rows]
    if isinstance(item, FailureTable):
        days: dict[int, list[str]] = {}
        for day, node, _, _ in item.rows:
            days.setdefault(day, []).append(node)
        return [line for day, ids in sorted(days.items()) for line in wrap_items(f"{INDENT}day {day}: ", ids)]
    if isinstance(item, NetTable):
        return [f"{INDENT}{line}" for line in columns(item.header, item.rows, right=item.numeric)]
    if isinstance(item, Pairs):
        lines = [f"{INDENT}{item.label}:"]
        for group in item.groups:
            lines += wrap_items(f"{INDENT * 2}{group.heading} ({len(group.members)}): ", group.members, indent=6)
        return lines
    if isinstance(item, LinkGroups):
        lines = []
        for title, groups in (("Lost", item.lost), ("New", item.gained)):
            if groups:
                lines.append(f"{INDENT}{title}:")
                for g in groups:
                    lines += wrap_items(f"{INDENT * 2}{g.partner} · {g.via} ({len(g.pairs)}): ", g.pairs, indent=6)
        if item.kept:
            lines += wrap_items(f"{INDENT}Kept: ", (f"{g.partner} · {g.via} {len(g.pairs)}" for g in item.kept))
        return lines
    lines = []
    for title, changes in (("Added", item.added), ("Removed", item.removed)):
        if changes:
            lines.append(f"{INDENT}{title}:")
            by_capability: dict[str, list[str]] = {}
            for change in changes:
                by_capability.setdefault(change.capability, []).append(change.node)
            lines += [f"{INDENT * 2}{capability}: {', '.join(nodes)}" for capability, nodes in by_capability.items()]
    return lines


def columns(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """An aligned plain-text table: columns padded to their widest cell, ``right`` ones right-aligned."""
    table = [tuple(header), *(tuple(r) for r in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = []
    for row in table:
        pairs = enumerate(zip(row, widths, strict=True))
        cells = [cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in pairs]
        lines.append("  ".join(cells).rstrip())
    return lines


def spof(result: SpofResult) -> str:
    """Cut sets per capability, grouped into products ("one of … together with one of …")."""
    model = result.model
    kinds = ", ".join(result.kinds) if result.kinds else "all kinds"
    out = [f"Minimal cut sets of order ≤ {result.max_order} ({kinds})", f"Model: {model_title(model)}"]
    if result.scenario.operations:
        out.append(f"After: {result.scenario.describe()}")
    out += date_line(model, result.on)
    if result.gaps:
        out.append(f"Gaps on {result.on} (no cut sets: not in service that day):")
        out += [f"{INDENT}{result.gap_reasons.get(g, g)}" for g in result.gaps if model.nodes[g].kind == "capability"]
        others = [g for g in result.gaps if model.nodes[g].kind != "capability"]
        out += _id_line("Other nodes out", others)
    out += wrap_items("", spof_default_note(result.show_all).split(" "), sep=" ", indent=0)
    for capability in sorted(result.cut_sets):
        name = name_of(model, capability)
        out += ["", f"{capability} — {name}" if name != capability else capability]
        out += _cut_set_lines(result, capability)
    return "\n".join(out) + "\n"


def _cut_set_lines(result: SpofResult, capability: str) -> list[str]:
    view = result.view(capability)
    out: list[str] = []
    if not view.products:
        out.append(f"{INDENT}no cut set of order ≤ {result.max_order}")
    for order in range(1, result.max_order + 1):
        products = view.of_order(order)
        count = view.count(order)
        if not products:
            smaller = [k for k in range(1, order) if view.of_order(k)]
            if smaller:
                out.append(f"{INDENT}No {order_name(order)} beyond the {order_name(smaller[-1])} above.")
            continue
        title = order_name(order).capitalize()
        if order == 1:
            out += wrap_items(f"{INDENT}{title} ({count}): ", products[0].factors[0])
            continue
        groups = f", as {plural(len(products), 'group')}" if len(products) < count else ""
        out.append(f"{INDENT}{title} ({count}{groups}):")
        shown = products if result.limit is None or result.show_all else products[: result.limit]
        for product in shown:
            words = product_words(product.factors).split(" ")
            out += wrap_items(f"{INDENT * 2}", words, sep=" ", indent=6)
        if len(shown) < len(products):
            rest = products[len(shown) :]
            more = sum(p.count for p in rest)
            sets = plural(more, order_name(order, 1), order_name(order))
            out.append(
                f"{INDENT * 2}… and {plural(len(rest), 'more group')} ({sets}) — --all or -o FILE lists every one"
            )
    if view.hidden:
        out.append(f"{INDENT}({plural(view.hidden, 'cut set')} with another capability not shown — --all shows them)")
    return out


def node_list(model: Model, nodes: Sequence[Node]) -> str:
    """One line per node: id, kind, status, nation/operator, name."""
    if not nodes:
        return "No nodes match.\n"
    rows = [("ID", "KIND", "STATUS", "NATION", "NAME")]
    rows += [(n.id, n.kind, n.status, n.nation or n.operator or "", n.name) for n in nodes]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]:<{widths[3]}}  {r[4]}" for r in rows
    ]
    return "\n".join(line.rstrip() for line in lines) + f"\n\n{plural(len(nodes), 'node')}\n"


def node_detail(model: Model, node: Node, required_by: Iterable[str]) -> str:
    """Everything known about one node, with where it is written."""
    out = [f"{node.id} — {node.name}"]
    fields = [
        ("kind", node.kind),
        ("status", node.status),
        ("aliases", ", ".join(node.aliases)),
        ("nation", node.nation or ""),
        ("operator", node.operator or f"{model.home} (home)"),
        ("interfaces", ", ".join(node.interfaces)),
        ("confidence", node.confidence or ""),
        ("tags", ", ".join(node.tags)),
        ("in service", node.service.describe() if node.service else ""),
        ("defined at", str(node.location or "")),
    ]
    out += [f"{INDENT}{label + ':':<12}{value}" for label, value in fields if value]
    if node.requires:
        out.append(f"{INDENT}requires:")
        for item in node.requires:
            note = " (via nation)" if item.from_nation else ""
            out.append(f"{INDENT * 2}- {item.describe()}{note}")
    dependents = sorted(set(required_by))
    if dependents:
        out.append(f"{INDENT}required by: {', '.join(dependents)}")
    for source in node.source:
        out.append(f"{INDENT}source:     {source}")
    for source in node.service_source:
        out.append(f"{INDENT}dates from: {source}")
    if node.notes:
        out.append(f"{INDENT}notes:      {node.notes}")
    return "\n".join(out) + "\n"


def check_summary(model: Model) -> str:
    """What a valid model holds, by kind."""
    counts: dict[str, int] = {}
    for node in model:
        counts[node.kind] = counts.get(node.kind, 0) + 1
    candidates = sum(1 for n in model if n.is_candidate)
    by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))
    return (
        f"OK: {model_title(model)} in {plural(len(model.files), 'file')}\n"
        f"{INDENT}home nation: {model.home or '(none)'}; candidates: {candidates}\n"
        f"{INDENT}by kind: {by_kind}\n"
    )


def _id_line(title: str, ids: Sequence[str]) -> list[str]:
    return wrap_items(f"{INDENT}{title}: ", ids) if ids else []


# --- decision support (issue 6): compare, exposure, explain, timeline ------------------------

TOP_CHANNELS = 5


def compare(result: CompareResult) -> str:
    """The decision table: a summary line per option, one block per option, then per nation the
    day each capability falls under its embargo (columns = options)."""
    model = result.model
    out = [f"Compare {plural(len(result.options), 'option')}", f"Model: {model_title(model)}"]
    out += [*date_line(model, result.on), ""]
    header = ("#", "OPTION", "CAPABILITIES", "SPOF", "FOREIGN SPOF", "LINKS", f"MADE IN {model.home or 'HOME'}")
    rows = [header]
    for number, row in enumerate(result.options, 1):
        rows.append(
            (
                str(number),
                row.label,
                str(len(row.capabilities)),
                str(len(row.spof)),
                str(row.spof_foreign),
                str(sum(c for _, _, c in row.links)),
                _percent(row.home_share),
            )
        )
    out += _aligned(rows, right=(0, 2, 3, 4, 5, 6))
    for number, row in enumerate(result.options, 1):
        out += ["", f"Option {number}: {row.label}"]
        out += wrap_items(
            f"{INDENT}Capabilities in service ({len(row.capabilities)}): ", row.capabilities or ("none",), indent=4
        )
        for _, why in row.gaps:
            out += wrap_items(f"{INDENT}Gap: ", why.split(" "), sep=" ", indent=4)
        by_nation = ", ".join(f"{n} {c}" for n, c in row.spof_by_nation)
        out.append(
            f"{INDENT}Single points of failure: {len(row.spof)}, with a foreign nation {row.spof_foreign}"
            + (f" ({by_nation})" if by_nation else "")
        )
        if row.spof:
            out += wrap_items(INDENT * 2, row.spof, indent=4)
        out += wrap_items(
            f"{INDENT}Interoperability links: {sum(c for _, _, c in row.links)}: ",
            [f"{p} · {v} {c}" for p, v, c in row.links] or ["none"],
            indent=4,
        )
        out += wrap_items(
            f"{INDENT}Made in (supplier nation, share of supply links): ",
            [f"{n} {_percent(row.made_in_share(n))}" for n, _ in row.made_in] or ["none"],
            indent=4,
        )
        for node, benefit in row.benefits:
            out += wrap_items(
                f"{INDENT}Stated commitment, {node} ({benefit.policy}; {benefit.confidence or 'no confidence'}): ",
                benefit.commitment.split(" "),
                sep=" ",
                indent=4,
            )
    quiet = list(result.quiet_nations)
    for nation in result.nations:
        if nation in quiet:
            continue
        out += ["", f"Embargo of {nation}: day each capability falls (holds = never; — = not in service)"]
        rows = [("CAPABILITY", *(f"#{i}" for i in range(1, len(result.options) + 1)))]
        for capability in result.capabilities:
            cells = []
            for row in result.options:
                days = row.embargo_days(nation)
                cells.append(_day_cell(days, capability))
            rows.append((capability, *cells))
        out += [INDENT + line for line in _aligned(rows)]
    if quiet:
        every = "Every capability in service" if any(row.gaps for row in result.options) else "Every capability"
        out += ["", *wrap_items(f"{every} holds, in every option, under an embargo of: ", quiet, indent=2)]
    return "\n".join(out).rstrip() + "\n"


def exposure(result: ExposureResult) -> str:
    """Per nation: what an embargo costs (capabilities with days, links, nodes) and the channels."""
    model = result.model
    title = result.scenario.describe() if result.scenario.operations or result.scenario.at_days is not None else ""
    out = [
        "Nation exposure: what an embargo of each nation costs" + (f" — after {title}" if title else ""),
        f"Model: {model_title(model)}",
        *date_line(model, result.scenario.on),
    ]
    if not result.nations:
        out += ["", "No foreign nation is in service."]
    else:
        out.append("Largest exposure first (capabilities lost, earliest loss, links lost, nodes failed).")
    for nation in result.by_impact():
        failed = nation.nodes_failed
        out += [
            "",
            f"{nation.nation} — {name_of(model, nation.nation)}: "
            f"{plural(len(nation.capabilities_lost), 'capability', 'capabilities')} lost, "
            f"{plural(len(nation.links_lost), 'link')} lost, {plural(failed, 'other node')} fail",
        ]
        if nation.capabilities_lost:
            out.append(f"{INDENT}Capabilities lost:")
            width = max(len(f"day {f.at_days}") for f in nation.capabilities_lost)
            for f in nation.capabilities_lost:
                out.append(f"{INDENT * 2}{f'day {f.at_days}':<{width}}  {f.id} — {name_of(model, f.id)}")
        if nation.links_lost:
            out.append(f"{INDENT}Links lost:")
            for (partner, via), group in group_links(model, nation.links_lost).items():
                pairs = ", ".join(link_pair(model, link) for link in group)
                out.append(f"{INDENT * 2}{partner} · {via} ({len(group)}): {pairs}")
        if nation.channels:
            top = nation.channels[:TOP_CHANNELS]
            more = len(nation.channels) - len(top)
            text = ", ".join(f"{c} ({plural(n, 'failure')})" for c, n in top)
            out.append(f"{INDENT}Through: {text}" + (f", and {more} more" if more else ""))
    return "\n".join(out) + "\n"


def explain(result: Explanation) -> str:
    """Why a node fails (the chain of causes, day and grace at each step) or why it holds."""
    model = result.model
    node = result.node
    out = [
        f"{model.nodes[node].label()} — {result.scenario.describe()}",
        f"Model: {model_title(model)}",
        *date_line(model, result.scenario.on),
        "",
    ]
    at = result.scenario.at_days
    if result.gap:
        return "\n".join(out + _gap_lines(result)) + "\n"
    if result.chain:
        if result.holds:
            out.append(f"{node} still holds on day {at}; it fails on day {result.fails_at}:")
        out.append(explain_sentence(result))
        out += ["", "Chain of causes (earliest first):"]
        rows = [(f"day {s.day}", s.node, _step_text(s)) for s in result.chain]
        out += [INDENT + line for line in _aligned(rows)]
    else:
        out.append(f"{node} holds" + (f" on day {at}" if at is not None else "") + ": every requirement still holds.")
    if result.holds:
        if result.requirements:
            out += ["", f"Requirements of {node}:"]
            for support in result.requirements:
                if support.requirement.any_of:
                    out.append(f"{INDENT}{support.requirement.describe()}: {_support_text(support)}")
                else:
                    state = "works" if support.working else f"FAILED on day {support.failed[0][1]}"
                    out.append(f"{INDENT}{support.requirement.describe()}: {state}")
        if result.rescues:
            out += ["", "Kept up by alternatives:"]
            for support in result.rescues:
                out.append(f"{INDENT}{support.node} needs {support.requirement.describe()}: {_support_text(support)}")
        elif not result.chain:
            out += ["", "Nothing it depends on fails in this scenario."]
    return "\n".join(out) + "\n"


def _gap_lines(result: Explanation) -> list[str]:
    """A gap on the question's date: the sentence, then each step down to the closed window."""
    on = result.scenario.on.isoformat() if result.scenario.on else ""
    out = [gap_sentence(result), "", "Why, step by step (from the node asked to the fleet not in service):"]
    out += [f"{INDENT}{step.node} needs {step.requirement.describe()}: {step.reason}" for step in result.gap]
    out += ["", f"Same options with --on DATE for another date than {on}, or interop horizon for every year."]
    return out


def gap_sentence(result: Explanation) -> str:
    """``X is a gap on D: not in service that day because something it needs is not (no day: not a failure).``"""
    on = result.scenario.on.isoformat() if result.scenario.on else ""
    last = result.gap[-1]
    return (
        f"{result.node} is a gap on {on}: it is not in service that day because something it needs is not "
        f"(a gap, not a failure: it has no day). At the root: {last.reason}."
    )


def explain_sentence(result: Explanation) -> str:
    """The briefing line: ``QRA is lost on day 30: embargo of USA (day 0) → Crypto fails on day 0 → …``."""
    chain = result.chain
    root = chain[0]
    origin = f"{'embargo' if root.origin == 'embargoed' else 'removal'} of {root.node} (day 0)"
    if len(chain) == 1:
        return f"{result.node} is lost on day 0: {origin}."
    parts = [origin]
    for step in chain[1:]:
        delay = f", after a {step.grace}-day grace" if step.grace else ""
        parts.append(f"{step.node} fails on day {step.day}{delay}")
    return f"{result.node} is lost on day {result.fails_at}: " + " → ".join(parts) + "."


def what_if_timeline(result: WhatIfResult, events: Sequence[Event]) -> str:
    """The what-if answer followed by its events day by day."""
    return what_if(result) + "\n" + timeline(result.model, events)


def timeline(model: Model, events: Sequence[Event]) -> str:
    """Events grouped by day: ``day 30: capability lost QRA (Link-16 failed)``."""
    if not events:
        return "Timeline: nothing happens.\n"
    out = [f"Timeline ({plural(len(events), 'event')}, last on day {events[-1].day})"]
    day = None
    for event in events:
        if event.day != day:
            day = event.day
            out.append(f"{INDENT}day {day}")
        out.append(f"{INDENT * 2}{_event_text(event)}")
    return "\n".join(out) + "\n"


def _event_text(event: Event) -> str:
    if event.kind == "left service":
        return f"{event.subject} leaves service" + (f" (replaced by {event.because})" if event.because else "")
    if event.kind in ("removed", "embargoed"):
        return f"{event.subject} {event.kind}"
    if event.kind == "entered service":
        return f"{event.subject} enters service"
    if event.kind in ("link carried over", "link moved", "link gained"):
        return f"{event.kind}: {event.subject}"
    because = f" ({event.because} {'left service' if event.because_left else 'failed'})" if event.because else ""
    if event.kind == "link lost":
        return f"link lost: {event.subject}{because}"
    if event.kind == "capability lost":
        return f"CAPABILITY LOST: {event.subject}{because}"
    return f"{event.subject} fails{because}"


def _step_text(step: Step) -> str:
    if step.origin:
        return step.origin
    assert step.requirement is not None
    requirement = step.requirement
    grace = f", grace {step.grace} d" if step.grace else ""
    if requirement.any_of:
        label = f" [{requirement.label}]" if requirement.label else ""
        others = [f"{a} day {d}" for a, d in step.alternatives if a != step.trigger]
        rest = f" (others: {', '.join(others)})" if others else ""
        return f"needs any of ({' | '.join(requirement.targets)}){label}: last one, {step.trigger}, failed{rest}{grace}"
    via = " (its nation)" if requirement.from_nation else ""
    return f"needs {step.trigger}{via}{grace}"


def _support_text(support: Support) -> str:
    failed = ", ".join(f"{a} failed day {d}" for a, d in support.failed)
    if not support.working:
        return f"FAILED ({failed})"
    working = ", ".join(support.working)
    verb = "works" if len(support.working) == 1 else "work"
    return f"{working} {verb}" + (f" ({failed})" if failed else "")


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{round(100 * share)}%"


def _day_cell(days: dict[str, int | None] | None, capability: str) -> str:
    if days is None or capability not in days:
        return "—"
    day = days[capability]
    return "holds" if day is None else f"day {day}"


def _aligned(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """Rows as columns padded to the widest cell (columns in ``right`` aligned right)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


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
"""The text formatter of each analysis result type (the CLI dispatches on the result's type)."""
