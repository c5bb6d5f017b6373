"""Markdown output: tables that paste straight into planning documents (GitHub-flavoured)."""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis import SpofResult, WhatIfResult
from ..model import Model, Node
from .common import group_links, link_pair, model_title, name_of, plural


def escape(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(escape(str(cell)) for cell in row) + " |" for row in rows]
    return lines


def what_if(result: WhatIfResult, heading_level: int = 2) -> str:
    """What-if answer as Markdown sections with tables."""
    model = result.model
    h = "#" * heading_level
    out = [f"{h} What if: {escape(result.scenario.describe())}", "", f"*Model: {escape(model_title(model))}*", ""]
    if result.entered_service or result.left_service or result.no_longer_needed:
        out += [f"{h}# Service changes", ""]
        for title, ids in (
            ("Enter service", result.entered_service),
            ("Leave service", result.left_service),
            ("No longer needed", result.no_longer_needed),
        ):
            if ids:
                out.append(f"- **{title}:** " + ", ".join(f"`{i}`" for i in ids))
        out.append("")
    out += [f"{h}# Capabilities", ""]
    total = len(result.capabilities_lost) + len(result.capabilities_kept)
    if result.capabilities_lost:
        out += table(
            ["Day lost", "Capability", "Name"],
            [(str(f.at_days), f.id, name_of(model, f.id)) for f in result.capabilities_lost],
        )
        if result.capabilities_kept:
            out += ["", "Held: " + ", ".join(f"`{c}`" for c in result.capabilities_kept)]
    else:
        out.append(f"None lost: all {plural(total, 'capability', 'capabilities')} hold.")
    out.append("")
    if result.failed:
        out += [f"{h}# Failures by day", ""]
        out += table(
            ["Day", "Node", "Kind", "Name"],
            [(str(f.at_days), f.id, model.nodes[f.id].kind, name_of(model, f.id)) for f in result.failed],
        )
        out.append("")
    out += [
        f"{h}# Interoperability links",
        "",
        f"{len(result.links_lost)} lost, {len(result.links_kept)} kept, {len(result.links_gained)} gained.",
        "",
    ]
    rows = []
    for status, links in (("lost", result.links_lost), ("gained", result.links_gained), ("kept", result.links_kept)):
        for (partner, via), group in group_links(model, links).items():
            pairs = ", ".join(link_pair(model, link) for link in group) if status != "kept" else ""
            rows.append((partner, via, status, str(len(group)), pairs))
    if rows:
        out += table(["Partner", "Data link", "Status", "Links", "Pairs (ours ↔ theirs)"], rows)
        out.append("")
    if result.spof_added or result.spof_removed:
        out += [f"{h}# Single points of failure", ""]
        rows = [(c.capability, c.node, name_of(model, c.node), "added") for c in result.spof_added]
        rows += [(c.capability, c.node, name_of(model, c.node), "removed") for c in result.spof_removed]
        out += table(["Capability", "Node", "Name", "Change"], rows)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def spof(result: SpofResult, heading_level: int = 2) -> str:
    """Cut sets per capability as Markdown tables."""
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
    rows = []
    for capability, sets in sorted(result.cut_sets.items()):
        singles = sum(1 for s in sets if len(s) == 1)
        rows.append((capability, name_of(model, capability), str(singles), str(len(sets))))
    out += table(["Capability", "Name", "Single points of failure", f"Cut sets (≤ {result.max_order})"], rows)
    for capability, sets in sorted(result.cut_sets.items()):
        out += ["", f"{h}# {capability}", ""]
        if not sets:
            out.append(f"No cut set of order ≤ {result.max_order}.")
            continue
        out += table(["Order", "Cut set"], [(str(len(s)), " + ".join(s)) for s in sets])
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
        ("Requires", "; ".join(i.describe() for i in node.requires)),
        ("Required by", ", ".join(sorted(set(required_by)))),
        ("Defined at", str(node.location or "")),
        ("Sources", " ".join(node.source)),
        ("Notes", node.notes or ""),
    ]
    out += table(["Field", "Value"], [r for r in rows if r[1]])
    return "\n".join(out) + "\n"
