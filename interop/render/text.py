"""Plain-text output for the terminal: short sections, sorted, readable without colour."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..analysis import Failure, SpofResult, WhatIfResult
from ..model import Model, Node
from .common import group_links, link_pair, model_title, name_of, plural

INDENT = "  "


def what_if(result: WhatIfResult) -> str:
    """The answer to one what-if: service changes, capabilities, failures, links, SPOF changes."""
    model = result.model
    out = [f"What if: {result.scenario.describe()}", f"Model: {model_title(model)}", ""]
    if result.entered_service or result.left_service or result.no_longer_needed:
        out.append("Service changes")
        out += _id_line("Enter service", result.entered_service)
        out += _id_line("Leave service", result.left_service)
        out += _id_line("No longer needed", result.no_longer_needed)
        out.append("")
    total = len(result.capabilities_lost) + len(result.capabilities_kept)
    out.append("Capabilities")
    if result.capabilities_lost:
        out.append(f"{INDENT}Lost ({len(result.capabilities_lost)} of {total}):")
        width = max(len(f"day {f.at_days}") for f in result.capabilities_lost)
        for failure in result.capabilities_lost:
            out.append(f"{INDENT * 2}{f'day {failure.at_days}':<{width}}  {failure.id} — {name_of(model, failure.id)}")
    else:
        out.append(f"{INDENT}None lost: all {plural(total, 'capability', 'capabilities')} hold.")
    if result.capabilities_kept and result.capabilities_lost:
        out += _id_line("Held", result.capabilities_kept)
    out.append("")
    if result.failed:
        out.append(f"Failures ({len(result.failed)} nodes, by day)")
        for day, ids in _by_day(result.failed):
            out.append(f"{INDENT}day {day}: {', '.join(ids)}")
        out.append("")
    out.append(
        f"Interoperability links: {len(result.links_lost)} lost, {len(result.links_kept)} kept, "
        f"{len(result.links_gained)} gained"
    )
    for title, links in (("Lost", result.links_lost), ("Gained", result.links_gained)):
        if links:
            out.append(f"{INDENT}{title}:")
            for (partner, via), group in group_links(model, links).items():
                pairs = ", ".join(link_pair(model, link) for link in group)
                out.append(f"{INDENT * 2}{partner} · {via} ({len(group)}): {pairs}")
    if result.links_kept:
        kept = group_links(model, result.links_kept)
        summary = ", ".join(f"{partner} · {via} {len(group)}" for (partner, via), group in kept.items())
        out.append(f"{INDENT}Kept: {summary}")
    if result.spof_added or result.spof_removed:
        out.append("")
        out.append("Single points of failure")
        for title, changes in (("Added", result.spof_added), ("Removed", result.spof_removed)):
            if changes:
                out.append(f"{INDENT}{title}:")
                by_capability: dict[str, list[str]] = {}
                for change in changes:
                    by_capability.setdefault(change.capability, []).append(change.node)
                for capability, nodes in by_capability.items():
                    out.append(f"{INDENT * 2}{capability}: {', '.join(nodes)}")
    return "\n".join(out).rstrip() + "\n"


def spof(result: SpofResult) -> str:
    """Cut sets per capability, single points of failure first."""
    model = result.model
    kinds = ", ".join(result.kinds) if result.kinds else "all kinds"
    out = [f"Minimal cut sets of order ≤ {result.max_order} ({kinds})", f"Model: {model_title(model)}"]
    if result.scenario.operations:
        out.append(f"After: {result.scenario.describe()}")
    for capability, sets in sorted(result.cut_sets.items()):
        out += ["", f"{capability} — {name_of(model, capability)}"]
        if not sets:
            out.append(f"{INDENT}no cut set of order ≤ {result.max_order}")
            continue
        for order in range(1, result.max_order + 1):
            group = [s for s in sets if len(s) == order]
            if group:
                title = {1: "Single points of failure", 2: "Pairs", 3: "Triples"}.get(order, f"Order {order}")
                out.append(f"{INDENT}{title} ({len(group)}): " + "; ".join(" + ".join(s) for s in group))
    return "\n".join(out) + "\n"


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
    return [f"{INDENT}{title}: " + ", ".join(ids)] if ids else []


def _by_day(failures: Iterable[Failure]) -> list[tuple[int, list[str]]]:
    days: dict[int, list[str]] = {}
    for failure in failures:
        days.setdefault(failure.at_days, []).append(failure.id)
    return sorted(days.items())
