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
from .common import link_headline, signed
from .dot import (
    ENTERED_LINE,
    FAILED,
    FAILED_LINE,
    FILLS,
    LEFT,
    LEFT_LINE,
    SPOF_LINE,
    _edge_label,
    date_lines,
    fit_lines,
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
    "fold": ('[["', '"]]'),
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
            start, end = SHAPES[view.kind_of(node_id)]
            out.append(f"{indent}{mermaid_id(node_id)}{start}{label(node_lines(view, node_id))}{end}")
        if group is not None:
            out.append("  end")
    edges: list[tuple[str, str]] = []  # (line, style) – the index of each is its linkStyle number
    for dep in view.dependencies:
        edges += _dependency(view, dep, out)
    out += _link_table(view)
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
    return lines + date_lines(view) + fit_lines(view)


def _link_table(view: View) -> list[str]:
    """The changed interoperability links as one note box (partner, data link, before → after)."""
    if view.link_roles is None:
        return []
    lines = [f"Interoperability links: {link_headline(view.link_roles)}"]
    for r in view.changed_link_rows:
        carried = f", {r.carried} carried over" if r.carried else ""
        lines.append(f"{r.nation} {r.via}: {r.before} → {r.after} ({signed(r.change)}{carried})")
    return [f'  links_table["{label(lines)}"]', "  style links_table fill:#ffffff,stroke:#bbbbbb,text-align:left"]


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
    kinds = _kinds(view)
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
    if view.spofs:
        out.append('    legend_spof["single point of failure"]')
    out.append("  end")
    return out


def _classes(view: View) -> list[str]:
    """Fill colours by kind and scenario state (classDef + class lines, sorted)."""
    out = [f"  classDef {kind} fill:{FILLS[kind]},stroke:#333" for kind in (*KINDS, "fold")]
    out.append(f"  classDef failed fill:{FAILED},stroke:{FAILED_LINE},stroke-width:2px")
    out.append(f"  classDef left fill:{LEFT},stroke:{LEFT_LINE},stroke-dasharray:4 3,color:#666")
    out.append(f"  classDef entered stroke:{ENTERED_LINE},stroke-width:3px")
    out.append(f"  classDef spof stroke:{SPOF_LINE},stroke-width:3px")
    members: dict[str, list[str]] = {}
    for node_id in view.nodes:
        members.setdefault(view.kind_of(node_id), []).append(mermaid_id(node_id))
        if node_id in view.left:
            members.setdefault("left", []).append(mermaid_id(node_id))
        elif node_id in view.failed:
            members.setdefault("failed", []).append(mermaid_id(node_id))
        if node_id in view.entered:
            members.setdefault("entered", []).append(mermaid_id(node_id))
        if node_id in view.spofs:
            members.setdefault("spof", []).append(mermaid_id(node_id))
    for kind in _kinds(view):
        members.setdefault(kind, []).append(f"legend_{kind}")
    marks = (("failed", view.failed), ("left", view.left), ("entered", view.entered), ("spof", view.spofs))
    for state, present in marks:
        if present:
            members.setdefault(state, []).append(f"legend_{state}")
    order = [*KINDS, "fold", "failed", "left", "entered", "spof"]
    out += [f"  class {','.join(members[name])} {name}" for name in order if name in members]
    for group in sorted({g for g in view.groups.values() if g is not None and g in view.failed_groups}):
        out.append(f"  style {mermaid_id('group:' + group)} fill:#fbeaea,stroke:{FAILED_LINE},stroke-width:2px")
    return out


def _kinds(view: View) -> list[str]:
    """Kinds drawn, in the model's kind order, folded boxes last."""
    return sorted({view.kind_of(n) for n in view.nodes}, key=lambda k: KINDS.index(k) if k in KINDS else len(KINDS))
