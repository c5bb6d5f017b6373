"""Graphviz output: a View drawn as DOT (built with pydot), and DOT laid out as SVG or PNG.

Dependencies flow left to right, from what is needed to what needs it (supplier → component →
platform → capability). Nodes cluster by nation (``nation:`` is drawn as membership, not as
edges) or by kind; shapes follow the kind; any_of groups meet at a small OR junction; grace
periods label the edges. Everything is emitted in sorted order so the DOT text diffs cleanly.
Laying DOT out as SVG or PNG runs a program, so it lives on the output side (interop/layout.py).
"""

from __future__ import annotations

import textwrap
from itertools import pairwise
from typing import Any

from ..analysis.views import Dependency, View
from ..model import KINDS
from .common import date_line, model_title, plural, wrap_items

SHAPES = {
    "nation": "tab",
    "supplier": "house",
    "component": "component",
    "platform": "box",
    "system": "box3d",
    "datalink": "parallelogram",
    "support": "note",
    "capability": "doubleoctagon",
}
FILLS = {
    "nation": "#eeeeee",
    "supplier": "#fde9c9",
    "component": "#fff6c2",
    "platform": "#d6e6f5",
    "system": "#e3daf0",
    "datalink": "#d5efe9",
    "support": "#f3e0ea",
    "capability": "#ffffff",
}
FAILED = "#f4b6b6"
FAILED_LINE = "#b30000"
LEFT = "#d9d9d9"
LEFT_LINE = "#8c8c8c"
ENTERED_LINE = "#1a8f1a"
KIND_TITLES = {
    "nation": "nations",
    "supplier": "suppliers",
    "component": "components",
    "platform": "platforms",
    "system": "systems",
    "datalink": "data links",
    "support": "support",
    "capability": "capabilities",
}
FONT = "Helvetica"
WRAP = 22
LEGEND_ROWS = 4


def quote(text: str) -> str:
    """A DOT double-quoted string (backslashes and quotes escaped; newlines as centred breaks)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\n").replace("\n", "\\n") + '"'


def wrap(text: str, width: int = WRAP) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) or [text]


def node_lines(view: View, node_id: str) -> list[str]:
    """Label lines of a node: id, wrapped name, and its scenario state."""
    node = view.model.nodes[node_id]
    lines = [node_id]
    if node.name and node.name != node_id:
        lines += wrap(node.name)
    if view.group_by == "kind" and node.nation and node.kind != "nation":
        lines.append(f"[{node.nation}]")
    lines += state_lines(view, node_id)
    return lines


def state_lines(view: View, node_id: str) -> list[str]:
    if node_id in view.left:
        return ["left service"]
    out = []
    if node_id in view.entered:
        out.append("enters service")
    if node_id in view.failed:
        day = view.failed[node_id]
        if node_id in view.initial:
            out.append(f"{view.origins[node_id]}, day 0")
        else:
            out.append(f"fails day {day}")
    return out


def group_title(view: View, group: str) -> str:
    model = view.model
    if view.group_by == "kind":
        return KIND_TITLES.get(group, group)
    node = model.nodes.get(group)
    title = group if node is None or node.name in ("", group) else f"{group}: {node.name}"
    if group == model.home:
        title += " (home)"
    if group in view.failed_groups:
        title += f", fails day {view.failed_groups[group]}"
    return title


def title_of(view: View) -> str:
    parts = [model_title(view.model)]
    if view.focus is not None:
        parts.append(f"around {view.focus} (depth {view.depth})")
    if view.scenario is not None:
        parts.append(f"what if: {view.scenario}")
    return "\n".join(parts + date_lines(view))


def date_lines(view: View) -> list[str]:
    """The date a dated view is drawn on, and the gaps it leaves out (shared with Mermaid)."""
    lines = list(date_line(view.model, view.on))
    if view.gaps and view.on is not None:
        day = view.on.isoformat()
        lines.append(f"Gaps on {day}, not drawn (not in service that day because something they need is not):")
        for gap in view.gaps:
            reason = view.gap_reasons[gap].removeprefix(f"{view.model.nodes[gap].name}: ")
            lines += wrap_items(f"  {gap}: ", reason.split(" "), sep=" ", width=100)
    return lines


def build(view: View) -> Any:
    """The pydot graph of ``view`` (nodes, clusters, dependencies, links, legend), in sorted order."""
    import pydot

    graph = pydot.Dot(
        "interop",
        graph_type="digraph",
        rankdir="LR",
        fontname=FONT,
        fontsize="12",
        labelloc="t",
        labeljust="l",
        label=quote(title_of(view)),
        nodesep="0.2",
        ranksep="0.5",
        newrank="true",
    )
    graph.set_node_defaults(fontname=FONT, fontsize="10", style='"filled"', margin='"0.08,0.04"')
    graph.set_edge_defaults(fontname=FONT, fontsize="9", color='"#555555"', arrowsize="0.7")
    groups: dict[str | None, list[str]] = {}
    for node_id in view.nodes:
        groups.setdefault(view.groups.get(node_id), []).append(node_id)
    for group in sorted(groups, key=lambda g: (g is None, g or "")):
        if group is None:
            target = graph
        else:
            target = _cluster(view, group)
            graph.add_subgraph(target)
        for node_id in groups[group]:
            target.add_node(_node(view, node_id))
    for dep in view.dependencies:
        for item in _dependency(view, dep):
            (graph.add_node if isinstance(item, pydot.Node) else graph.add_edge)(item)
    for edge in _links(view):
        graph.add_edge(edge)
    graph.add_subgraph(_legend(view))
    return graph


def to_dot(view: View) -> str:
    """Deterministic DOT text of ``view``."""
    return build(view).to_string().rstrip("\n") + "\n"


def _cluster(view: View, group: str) -> Any:
    import pydot

    failed = group in view.failed_groups
    return pydot.Subgraph(
        quote(f"cluster_{group}"),
        label=quote(group_title(view, group)),
        style='"rounded,filled"',
        fillcolor=quote("#fbeaea" if failed else "#f7f7f7"),
        color=quote(FAILED_LINE if failed else "#b0b0b0"),
        penwidth="2" if failed else "1",
        fontname=FONT,
        fontsize="11",
        fontcolor=quote(FAILED_LINE if failed else "#333333"),
    )


def _node(view: View, node_id: str) -> Any:
    import pydot

    node = view.model.nodes[node_id]
    attrs: dict[str, str] = {
        "label": quote("\n".join(node_lines(view, node_id))),
        "shape": SHAPES[node.kind],
        "fillcolor": quote(FILLS[node.kind]),
        "tooltip": quote(node.label()),
    }
    style = ["filled"]
    if node.kind == "platform":
        style.append("rounded")
    if node_id in view.left:
        attrs.update(fillcolor=quote(LEFT), color=quote(LEFT_LINE), fontcolor=quote("#666666"))
        style.append("dashed")
    elif node_id in view.failed:
        attrs.update(fillcolor=quote(FAILED), color=quote(FAILED_LINE), penwidth="2")
    if node_id in view.entered:
        attrs.update(color=quote(ENTERED_LINE), penwidth="2.5")
    if node_id == view.focus or node.kind == "capability":
        style.append("bold")
    attrs["style"] = quote(",".join(style))
    return pydot.Node(quote(node_id), **attrs)


def _edge_label(dep: Dependency) -> str:
    parts = []
    if dep.any_of and dep.label:
        parts.append(dep.label)
    if dep.grace_days:
        parts.append(f"+{dep.grace_days} d")
    if dep.hidden:
        parts.append(f"+{dep.hidden} not shown")
    return "\n".join(parts)


def _dependency(view: View, dep: Dependency) -> list[Any]:
    """Edges (and an OR junction) for one requirement item: needed → needs."""
    import pydot

    def style(source: str, target: str) -> dict[str, str]:
        if dep.retired:
            return {"style": "dotted", "color": quote(LEFT_LINE)}
        if source in view.failed and target in view.failed:
            return {"color": quote(FAILED_LINE), "penwidth": "1.5"}
        return {}

    requirer = quote(dep.requirer)
    label = _edge_label(dep)
    extra = {"label": quote(label)} if label else {}
    if not dep.any_of:
        return [pydot.Edge(quote(t), requirer, **style(t, dep.requirer), **extra) for t in dep.targets]
    junction_id = f"{dep.requirer}#{dep.item}{'#retired' if dep.retired else ''}"
    junction = quote(junction_id)
    group_failed = all(t in view.failed for t in dep.targets) and not dep.hidden
    out: list[Any] = [
        pydot.Node(
            junction,
            label='"OR"',
            shape="circle",
            width="0.3",
            fixedsize="true",
            fontsize="7",
            style='"filled"',
            fillcolor=quote(FAILED if group_failed else "#ffffff"),
            tooltip=quote(f"any one of: {', '.join(dep.targets)}"),
        )
    ]
    for target in dep.targets:
        out.append(pydot.Edge(quote(target), junction, arrowhead="none", **style(target, dep.requirer)))
    failed_style = {"color": quote(FAILED_LINE), "penwidth": "1.5"} if group_failed else {}
    retired_style = {"style": "dotted", "color": quote(LEFT_LINE)} if dep.retired else {}
    out.append(pydot.Edge(junction, requirer, **failed_style, **retired_style, **extra))
    return out


def _links(view: View) -> list[Any]:
    """Interoperability links lost (dashed red) and gained (green): one undirected edge per pair,
    home side first so partner assets line up to the right of ours, labelled with the data links."""
    import pydot

    model = view.model
    out = []
    for status, links in view.link_groups():
        pairs: dict[tuple[str, str], list[str]] = {}
        for link in links:
            a, b = link.a, link.b
            if model.operator_of(a) != model.home:
                a, b = b, a
            pairs.setdefault((a, b), []).append(link.via)
        colour = FAILED_LINE if status == "lost" else ENTERED_LINE
        for (a, b), vias in sorted(pairs.items()):
            out.append(
                pydot.Edge(
                    quote(a),
                    quote(b),
                    dir="none",
                    style="dashed" if status == "lost" else "bold",
                    color=quote(colour),
                    fontcolor=quote(colour),
                    label=quote(", ".join(sorted(vias))),
                )
            )
    return out


def _legend(view: View) -> Any:
    """A cluster with one sample per kind drawn, and the scenario marks and edge styles used."""
    import pydot

    legend = pydot.Subgraph(
        '"cluster_legend"', label='"Legend"', style='"rounded"', color='"#b0b0b0"', fontname=FONT, fontsize="10"
    )
    legend.set_node_defaults(fontsize="8", height="0.25", margin='"0.04,0.02"')
    kinds = sorted({view.model.nodes[n].kind for n in view.nodes}, key=KINDS.index)
    samples: list[str] = []
    for kind in kinds:
        name = f"legend:{kind}"
        style = "filled,rounded" if kind == "platform" else "filled"
        legend.add_node(
            pydot.Node(
                quote(name), label=quote(kind), shape=SHAPES[kind], fillcolor=quote(FILLS[kind]), style=quote(style)
            )
        )
        samples.append(name)
    marks = []
    if view.failed:
        marks.append(("legend:failed", "fails (day)", {"fillcolor": quote(FAILED), "color": quote(FAILED_LINE)}))
    if view.left:
        marks.append(("legend:left", "left service", {"fillcolor": quote(LEFT), "style": '"filled,dashed"'}))
    if view.entered:
        marks.append(("legend:entered", "enters service", {"color": quote(ENTERED_LINE), "penwidth": "2.5"}))
    if any(d.any_of for d in view.dependencies):
        marks.append(("legend:or", "OR", {"shape": "circle", "width": "0.3", "fixedsize": "true", "fontsize": "7"}))
    for name, label, attrs in marks:
        attrs = {"shape": "box", "fillcolor": '"#ffffff"', **attrs}
        legend.add_node(pydot.Node(quote(name), label=quote(label), **attrs))
        samples.append(name)
    notes = ["arrow: needed -> needs", "+N d: grace days"]
    if any(d.any_of for d in view.dependencies):
        notes.append("OR: any one of the inputs")
    if view.group_by == "nation":
        notes.append("box around: nation the node depends on")
    if view.links_lost:
        notes.append("red dashed line: link lost (data links named)")
    if view.links_gained:
        notes.append("green line: link gained (data links named)")
    if view.unconnected:
        notes.append(f"{plural(len(view.unconnected), 'node')} with no dependency not drawn")
    if view.links_kept:
        notes.append(f"{plural(view.links_kept, 'kept link')} not drawn")
    if any(d.retired for d in view.dependencies):
        notes.append("dotted grey: held before the change")
    legend.add_node(
        pydot.Node('"legend:notes"', label=quote("\n".join(notes)), shape="plaintext", style='""', fontsize="9")
    )
    samples.append("legend:notes")
    columns = [samples[i : i + LEGEND_ROWS] for i in range(0, len(samples), LEGEND_ROWS)]
    for number, column in enumerate(columns):
        group = pydot.Subgraph(quote(f"legend:column{number}"), rank="same")
        for a, b in pairwise(column[::-1]):
            group.add_edge(pydot.Edge(quote(a), quote(b), style="invis"))
        legend.add_subgraph(group)
    for left, right in pairwise(columns):
        legend.add_edge(pydot.Edge(quote(left[0]), quote(right[0]), style="invis"))
    return legend
