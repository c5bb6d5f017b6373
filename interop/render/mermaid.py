"""Mermaid output: a View as a ``flowchart LR`` for Markdown on GitHub, GitLab and wikis.

Node ids are encoded (``F-35A`` → ``n_F_2d_35A``) so any id is safe and stays stable between
runs; labels are quoted with Mermaid's ``#…;`` entity codes. Mermaid in GitHub draws at most
500 edges and 50,000 characters, so a larger view raises :class:`MermaidTooLarge`: draw a
focused view (``--focus ID --depth 1``) or use SVG instead.
"""

from __future__ import annotations

from ..analysis.views import Dependency, View
from ..errors import OutputError
from ..model import KINDS
from .dot import (
    ENTERED_LINE,
    FAILED,
    FAILED_LINE,
    FILLS,
    LEFT,
    LEFT_LINE,
    _edge_label,
    date_lines,
    group_title,
    node_lines,
)

MAX_EDGES = 500
MAX_CHARS = 50_000
SHAPES = {
    "nation": ('(["', '"])'),
    "supplier": ('[/"', '"\\]'),
    "component": ('["', '"]'),
    "platform": ('("', '")'),
    "system": ('[["', '"]]'),
    "datalink": ('[/"', '"/]'),
    "support": ('>"', '"]'),
    "capability": ('{{"', '"}}'),
}


class MermaidTooLarge(OutputError):
    """The view has more edges or text than Mermaid renderers (GitHub) accept."""


def mermaid_id(node_id: str) -> str:
    """A Mermaid-safe, injective id: letters, digits kept; anything else as ``_<hex>_``.

    >>> mermaid_id("F-35A"), mermaid_id("P&W")
    ('n_F_2d_35A', 'n_P_26_W')
    """
    return "n_" + "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}_" for c in node_id)


def label(lines: list[str]) -> str:
    """Label text with Mermaid entity codes for characters its parser would read as syntax.

    >>> label(['say "hi"', "a<b & #1"])
    'say #quot;hi#quot;<br/>a#lt;b #amp; #35;1'
    """
    escaped = []
    for line in lines:
        text = line.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
        escaped.append(text.replace("&", "#amp;"))
    return "<br/>".join(escaped)


def to_mermaid(view: View) -> str:
    """Mermaid flowchart text of ``view`` (MermaidTooLarge beyond GitHub's limits)."""
    if view.edge_count > MAX_EDGES:
        raise MermaidTooLarge(
            f"the diagram has {view.edge_count} edges; Mermaid on GitHub draws at most {MAX_EDGES} — "
            "draw part of it with --focus ID --depth 1, or use --format svg"
        )
    model = view.model
    out = ["flowchart LR"]
    for line in _title(view):
        out.append(f"  %% {line}")
    groups: dict[str | None, list[str]] = {}
    for node_id in view.nodes:
        groups.setdefault(view.groups.get(node_id), []).append(node_id)
    for group in sorted(groups, key=lambda g: (g is None, g or "")):
        indent = "  "
        if group is not None:
            out.append(f'  subgraph {mermaid_id("group:" + group)} ["{label([group_title(view, group)])}"]')
            indent = "    "
        for node_id in groups[group]:
            start, end = SHAPES[model.nodes[node_id].kind]
            out.append(f"{indent}{mermaid_id(node_id)}{start}{label(node_lines(view, node_id))}{end}")
        if group is not None:
            out.append("  end")
    edges: list[tuple[str, str]] = []  # (line, style) – the index of each is its linkStyle number
    for dep in view.dependencies:
        edges += _dependency(view, dep, out)
    for status, links in view.link_groups():
        pairs: dict[tuple[str, str], list[str]] = {}
        for link in links:
            pairs.setdefault((link.a, link.b), []).append(link.via)
        for (a, b), vias in sorted(pairs.items()):
            text = label([f"{status}: {', '.join(sorted(vias))}"])
            arrow = "-.-" if status == "lost" else "==="
            colour = FAILED_LINE if status == "lost" else ENTERED_LINE
            edges.append((f'{mermaid_id(a)} {arrow}|"{text}"| {mermaid_id(b)}', f"stroke:{colour},color:{colour}"))
    for line, _ in edges:
        out.append(f"  {line}")
    out += _legend(view)
    out += _classes(view)
    for index, (_, style) in enumerate(edges):
        if style:
            out.append(f"  linkStyle {index} {style}")
    text = "\n".join(out) + "\n"
    if len(text) > MAX_CHARS:
        raise MermaidTooLarge(
            f"the diagram is {len(text)} characters; Mermaid on GitHub accepts at most {MAX_CHARS} — "
            "draw part of it with --focus ID --depth 1, or use --format svg"
        )
    return text


def _title(view: View) -> list[str]:
    lines = [f"interop diagram of {view.model.name or 'model'}"]
    if view.focus is not None:
        lines.append(f"around {view.focus} (depth {view.depth})")
    if view.scenario is not None:
        lines.append(f"what if: {view.scenario}")
    return lines + date_lines(view)


def _dependency(view: View, dep: Dependency, nodes_out: list[str]) -> list[tuple[str, str]]:
    """Edge lines (needed → needs) for one requirement item; any_of groups meet at an OR circle."""
    requirer = mermaid_id(dep.requirer)
    text = _edge_label(dep)
    tag = f'|"{label(text.splitlines())}"|' if text else ""

    def style(source: str) -> str:
        if dep.retired:
            return f"stroke:{LEFT_LINE},stroke-dasharray:2 4"
        if source in view.failed and dep.requirer in view.failed:
            return f"stroke:{FAILED_LINE},stroke-width:2px"
        return ""

    arrow = "-.->" if dep.retired else "-->"
    if not dep.any_of:
        return [(f"{mermaid_id(t)} {arrow}{tag} {requirer}", style(t)) for t in dep.targets]
    junction = mermaid_id(f"{dep.requirer}#{dep.item}{'#retired' if dep.retired else ''}")
    nodes_out.append(f'  {junction}(("OR"))')
    lines = [(f"{mermaid_id(t)} {'-.-' if dep.retired else '---'} {junction}", style(t)) for t in dep.targets]
    lines.append((f"{junction} {arrow}{tag} {requirer}", style(dep.targets[0]) if not dep.hidden else ""))
    return lines


def _legend(view: View) -> list[str]:
    kinds = sorted({view.model.nodes[n].kind for n in view.nodes}, key=KINDS.index)
    out = ['  subgraph legend ["Legend: arrow = needed → needs; +N d = grace days"]']
    for kind in kinds:
        start, end = SHAPES[kind]
        out.append(f"    legend_{kind}{start}{kind}{end}")
    if view.failed:
        out.append('    legend_failed["fails (day)"]')
    if view.left:
        out.append('    legend_left["left service"]')
    if view.entered:
        out.append('    legend_entered["enters service"]')
    out.append("  end")
    return out


def _classes(view: View) -> list[str]:
    """Fill colours by kind and scenario state (classDef + class lines, sorted)."""
    model = view.model
    out = [f"  classDef {kind} fill:{FILLS[kind]},stroke:#333" for kind in KINDS]
    out.append(f"  classDef failed fill:{FAILED},stroke:{FAILED_LINE},stroke-width:2px")
    out.append(f"  classDef left fill:{LEFT},stroke:{LEFT_LINE},stroke-dasharray:4 3,color:#666")
    out.append(f"  classDef entered stroke:{ENTERED_LINE},stroke-width:3px")
    members: dict[str, list[str]] = {}
    for node_id in view.nodes:
        members.setdefault(model.nodes[node_id].kind, []).append(mermaid_id(node_id))
        if node_id in view.left:
            members.setdefault("left", []).append(mermaid_id(node_id))
        elif node_id in view.failed:
            members.setdefault("failed", []).append(mermaid_id(node_id))
        if node_id in view.entered:
            members.setdefault("entered", []).append(mermaid_id(node_id))
    kinds = sorted({model.nodes[n].kind for n in view.nodes}, key=KINDS.index)
    for kind in kinds:
        members.setdefault(kind, []).append(f"legend_{kind}")
    for state, present in (("failed", view.failed), ("left", view.left), ("entered", view.entered)):
        if present:
            members.setdefault(state, []).append(f"legend_{state}")
    order = [*KINDS, "failed", "left", "entered"]
    out += [f"  class {','.join(members[name])} {name}" for name in order if name in members]
    for group in sorted({g for g in view.groups.values() if g is not None and g in view.failed_groups}):
        out.append(f"  style {mermaid_id('group:' + group)} fill:#fbeaea,stroke:{FAILED_LINE},stroke-width:2px")
    return out
