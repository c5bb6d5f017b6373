"""Graphviz output: a View drawn as DOT (built with pydot), and DOT laid out as SVG or PNG.

Dependencies flow left to right, from what is needed to what needs it (supplier → component →
platform → capability). Nodes cluster by nation (``nation:`` is drawn as membership, not as
edges) or by kind; shapes follow the kind; any_of groups meet at a small OR junction; grace
periods label the edges. Everything is emitted in sorted order so the DOT text diffs cleanly.
Laying DOT out as SVG or PNG runs a program, so it lives on the output side (interop/layout.py).
"""

from __future__ import annotations

import textwrap
from typing import Any

from ..analysis.pagefit import Fold
from ..analysis.views import Dependency, View
from .common import date_line, model_title, plural, wrap_items
from .dotheader import header

SHAPES = {
    "nation": "tab",
    "supplier": "house",
    "component": "component",
    "platform": "box",
    "system": "box3d",
    "datalink": "box",  # with cut corners (style diagonals): a parallelogram doubles a tall label's width
    "support": "note",
    "capability": "doubleoctagon",
    "fold": "folder",
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
    "fold": "#ececec",
}
FAILED = "#f4b6b6"
FAILED_LINE = "#b30000"
LEFT = "#d9d9d9"
LEFT_LINE = "#8c8c8c"
ENTERED_LINE = "#1a8f1a"
SPOF_LINE = "#e07b00"
KIND_TITLES = {
    "nation": "nations",
    "supplier": "suppliers",
    "component": "components",
    "platform": "platforms",
    "system": "systems",
    "datalink": "data links",
    "support": "support",
    "capability": "capabilities",
    "fold": "folded boxes",
}
FONT = "Helvetica"
WRAP = 22


def quote(text: str) -> str:
    """A DOT double-quoted string (backslashes and quotes escaped; newlines as centred breaks)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\n").replace("\n", "\\n") + '"'


def wrap(text: str, width: int = WRAP) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) or [text]


def node_lines(view: View, node_id: str) -> list[str]:
    """Label lines of a node: id, wrapped name, its scenario state and page marks."""
    if node_id in view.folds:
        return fold_lines(view, view.folds[node_id]) + state_lines(view, node_id)
    node = view.model.nodes[node_id]
    lines = [node_id]
    if node.name and node.name != node_id:
        lines += wrap(node.name)
    if view.group_by == "kind" and node.nation and node.kind != "nation":
        lines.append(f"[{node.nation}]")
    lines += state_lines(view, node_id)
    if node_id in view.spofs:
        lines.append("single point of failure")
    if node_id in view.not_drawn:
        lines.append(f"needs {view.not_drawn[node_id]} more, not drawn")
    return lines


FOLD_NAMES = 6


def fold_lines(view: View, fold: Fold) -> list[str]:
    """A folded box: whose nodes, how many of each kind, and the first few ids."""
    head = []
    if fold.whole_group and fold.nation is not None:
        head.append(group_title(view, fold.nation) if view.group_by == "nation" else KIND_TITLES[fold.nation])
    counts = ", ".join(plural(n, kind, KIND_TITLES.get(kind)) for kind, n in fold.kinds)
    head += wrap(counts if len(fold.kinds) == 1 else f"{len(fold.members)} nodes: {counts}", 30)
    names = list(fold.members[:FOLD_NAMES])
    more = len(fold.members) - len(names)
    text = ", ".join(names) + (f" and {more} more" if more else "")
    lines = head + wrap(text, 30)
    if fold.id in view.fold_spofs:
        lines.append(f"{plural(view.fold_spofs[fold.id], 'single point', 'single points')} of failure among them")
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
    return "\n".join(title_lines(view))


def title_lines(view: View) -> list[str]:
    """The title: the model, the focus, the scenario, the date and the gaps left out."""
    parts = [model_title(view.model)]
    if view.focus is not None:
        parts.append(f"around {view.focus} (depth {view.depth})")
    if view.scenario is not None:
        parts.append(f"what if: {view.scenario}")
    return parts + date_lines(view)


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


def fit_lines(view: View) -> list[str]:
    """What was folded or cut to fit the page, and how to see the rest (shared with Mermaid)."""
    lines = []
    if view.folds:
        folded = sum(len(f.members) for f in view.folds.values())
        lines.append(
            f"To fit a page, {plural(folded, 'node')} that look alike are drawn as "
            f"{plural(len(view.folds), 'box', 'boxes')} (same nation, same state); --max-nodes 0 draws each one."
        )
    if view.cut_depth is not None:
        steps = plural(view.cut_depth, "step")
        lines.append(
            f"Cut to fit a page: the capabilities and what they need up to {steps} "
            f"({plural(len(view.nodes), 'box', 'boxes')} of {view.selected} nodes); "
            "--focus ID draws one capability in full, --max-nodes 0 everything."
        )
    elif view.max_nodes and view.focus is not None and len(view.nodes) > view.max_nodes:
        lines.append(f"{plural(len(view.nodes), 'box', 'boxes')}: more than a page holds; --depth 1 draws less.")
    return lines


def build(view: View) -> Any:
    """The pydot graph of ``view`` (a header with title, legend and link table; nodes, clusters,
    dependencies), in sorted order."""
    import pydot

    graph = pydot.Dot(
        "interop",
        graph_type="digraph",
        rankdir="LR",
        fontname=FONT,
        fontsize="12",
        labelloc="t",
        labeljust="l",
        label=header(view),
        nodesep="0.2",
        ranksep="0.4",
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

    kind = view.kind_of(node_id)
    tooltip = ", ".join(view.folds[node_id].members) if kind == "fold" else view.model.nodes[node_id].label()
    attrs: dict[str, str] = {
        "label": quote("\n".join(node_lines(view, node_id))),
        "shape": SHAPES[kind],
        "fillcolor": quote(FILLS[kind]),
        "tooltip": quote(tooltip),
    }
    style = ["filled"]
    if kind == "platform":
        style.append("rounded")
    if kind == "datalink":
        style.append("diagonals")
    if node_id in view.left:
        attrs.update(fillcolor=quote(LEFT), color=quote(LEFT_LINE), fontcolor=quote("#666666"))
        style.append("dashed")
    elif node_id in view.failed:
        attrs.update(fillcolor=quote(FAILED), color=quote(FAILED_LINE), penwidth="2")
    if node_id in view.entered:
        attrs.update(color=quote(ENTERED_LINE), penwidth="2.5")
    if node_id in view.spofs:
        attrs.update(color=quote(SPOF_LINE), penwidth="3")
    if node_id == view.focus or kind == "capability":
        style.append("bold")
    attrs["style"] = quote(",".join(style))
    return pydot.Node(quote(node_id), **attrs)


def _edge_label(dep: Dependency) -> str:
    parts = []
    if dep.any_of and dep.label:
        parts += wrap(dep.label, 28)
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
    extra = {"label": quote(label), "decorate": "true"} if label else {}
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
