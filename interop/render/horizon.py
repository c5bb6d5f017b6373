"""The planning horizon as text, Markdown (tables and a Mermaid ``gantt`` of service windows) and
an SVG chart (service windows above, capability status by year below) that fits a slide, and the
same chart as a Graphviz table (``chart_dot``) that the output side lays out as a PNG.

Formatting only: every status, gap reason and fragile capability comes from the HorizonResult.
"""

from __future__ import annotations

import datetime
from xml.sax.saxutils import escape as xml_escape

from ..analysis.horizon import HorizonPoint, HorizonResult, SideOnDate, Window
from .common import model_title, plural, wrap_items

INDENT = "  "
SHORT = {"holds": "holds", "gap": "GAP", "not in service": "—"}


def _title(result: HorizonResult) -> str:
    ops = "; ".join(op.describe() for op in result.scenario.operations) or "baseline (no change)"
    return f"Horizon {result.start.year}–{result.end.year}: {ops}"


def _cell(status: str) -> str:
    return SHORT.get(status, status.replace("lost day ", "day "))


def _summary(side: SideOnDate) -> str:
    return f"{len(side.held)} held, {len(side.gaps)} gaps, {len(side.lost)} lost"


def _details(point: HorizonPoint, side_name: str, side: SideOnDate) -> list[str]:
    lines = [f"{INDENT * 2}{reason}" for reason in side.gap_reasons.values()]
    lines += [f"{INDENT * 2}{c} falls on {s.replace('lost ', '')}" for c, s in side.lost]
    lines += [
        f"{INDENT * 2}{f.capability} holds only through {f.node}, which leaves service {f.until.isoformat()}"
        for f in side.fragile
    ]
    spofs = sum(len(nodes) for nodes in side.spof.values())
    links = ", ".join(f"{p} {n}" for p, n in side.links_by_partner.items()) or "none"
    lines += wrap_items(f"{INDENT * 2}Links by partner: ", [links]) if links else []
    lines.append(
        f"{INDENT * 2}Single points of failure: {spofs} (over {plural(len(side.spof), 'capability', 'capabilities')})"
    )
    return [f"{INDENT}{side_name}: {_summary(side)}", *lines]


def _key(point: HorizonPoint) -> tuple[object, ...]:
    """What a date's details say, without the date itself (so unchanged dates read "as before")."""
    return tuple(
        (tuple(side.status.items()), side.fragile, tuple(side.links_by_partner.items()), tuple(side.spof.items()))
        for side in (point.scenario, point.baseline)
    )


def text(result: HorizonResult) -> str:
    """Year by year (and each date a window opens or closes): both sides, then the details."""
    out = [_title(result), f"Model: {model_title(result.model)}", ""]
    caps = result.capabilities
    width = max([len("CAPABILITY"), *(len(c) for c in caps)])
    header = f"{'CAPABILITY':<{width}}  " + "  ".join(
        f"{p.on.year if p.year_start else p.on.isoformat()[:7]:>8}" for p in result.points
    )
    out += ["Scenario: capability status by date (holds; GAP; day N = falls on day N; — = not in service)", header]
    for c in caps:
        cells = "  ".join(f"{_cell(p.scenario.status.get(c, 'not in service')):>8}" for p in result.points)
        out.append(f"{c:<{width}}  {cells}")
    out += ["", "Baseline: capability status by date", header]
    for c in caps:
        cells = "  ".join(f"{_cell(p.baseline.status.get(c, 'not in service')):>8}" for p in result.points)
        out.append(f"{c:<{width}}  {cells}")
    previous: tuple[object, ...] | None = None
    out.append("")
    for point in result.points:
        key = _key(point)
        label = point.on.isoformat() + ("" if point.year_start else " (a service window opens or closes)")
        if key == previous:
            out.append(f"{label}: as before")
            continue
        previous = key
        out.append(label)
        out += _details(point, "Scenario", point.scenario)
        out += _details(point, "Baseline", point.baseline)
    return "\n".join(out).rstrip() + "\n"


def markdown(result: HorizonResult, heading_level: int = 2) -> str:
    """Tables by date for both sides, the details of each change, and a Mermaid gantt."""
    h = "#" * heading_level
    dates = [str(p.on.year) if p.year_start else p.on.isoformat() for p in result.points]
    out = [f"{h} {_title(result)}", "", f"*Model: {model_title(result.model)}*", ""]
    for name, pick in (("Scenario", lambda p: p.scenario), ("Baseline", lambda p: p.baseline)):
        out += [f"{h}# {name}: capability status by date", ""]
        out.append("| Capability | " + " | ".join(dates) + " |")
        out.append("|---|" + "---|" * len(dates))
        for c in result.capabilities:
            cells = [_cell(pick(p).status.get(c, "not in service")) for p in result.points]
            out.append(f"| {c} | " + " | ".join(cells) + " |")
        out.append("")
    out += [f"{h}# What changes, date by date", ""]
    previous: tuple[object, ...] | None = None
    for point in result.points:
        key = _key(point)
        if key == previous:
            continue
        previous = key
        out += [f"**{point.on.isoformat()}**", ""]
        for line in _details(point, "Scenario", point.scenario) + _details(point, "Baseline", point.baseline):
            depth = (len(line) - len(line.lstrip(" "))) // 2
            out.append(f"{'  ' * (depth - 1)}- {line.strip()}")
        out.append("")
    out += [f"{h}# Service windows", "", "```mermaid", *gantt_lines(result), "```", ""]
    return "\n".join(out).rstrip() + "\n"


def gantt_lines(result: HorizonResult) -> list[str]:
    """A Mermaid ``gantt`` of the planned service windows, clipped to the horizon, by kind."""
    lines = ["gantt", f"  title Service windows {result.start.year}–{result.end.year}", "  dateFormat YYYY-MM-DD"]
    lines.append("  axisFormat %Y")
    kinds: dict[str, list[str]] = {}
    for number, w in enumerate(result.windows):
        start = max(w.start or result.start, result.start)
        end = min(w.end or result.end, result.end)
        if start > end:
            continue
        tag = "" if w.in_baseline else "active, "
        name = w.node.replace(":", " ")
        kinds.setdefault(w.kind, []).append(f"    {name} : {tag}w{number}, {start.isoformat()}, {end.isoformat()}")
    for kind in sorted(kinds):
        lines.append(f"  section {kind}")
        lines += kinds[kind]
    return lines


COLOURS = {"holds": "#2e7d32", "gap": "#f9a825", "lost": "#c62828", "not in service": "#bdbdbd"}


def svg(result: HorizonResult) -> str:
    """A 1280×720 chart: service windows (bars) over the years, then each capability's status in
    the scenario at the start of each year (green holds, amber gap, red falls under the scenario)."""
    years = list(range(result.start.year, result.end.year + 1))
    left, right, top = 260, 1240, 70
    span = (result.end - result.start).days + 1
    windows = [
        w for w in result.windows if (w.start or result.start) <= result.end and (w.end or result.end) >= result.start
    ]
    caps = list(result.capabilities)
    row = max(12, min(22, int(560 / max(1, len(windows) + len(caps) + 3))))
    height = top + row * (len(windows) + len(caps) + 3) + 40

    def x(day: datetime.date) -> float:
        return left + (right - left) * ((day - result.start).days / span)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="{height}" viewBox="0 0 1280 {height}" '
        'font-family="Helvetica, Arial, sans-serif">',
        f'<rect width="1280" height="{height}" fill="white"/>',
        f'<text x="20" y="34" font-size="22" font-weight="bold">{xml_escape(_title(result))}</text>',
    ]
    for year in years:
        gx = x(datetime.date(year, 1, 1))
        out.append(f'<line x1="{gx:.1f}" y1="{top - 10}" x2="{gx:.1f}" y2="{height - 30}" stroke="#e0e0e0"/>')
        out.append(f'<text x="{gx + 2:.1f}" y="{top - 14}" font-size="11" fill="#555">{year}</text>')
    y = top
    out.append(f'<text x="20" y="{y + row - 4}" font-size="13" font-weight="bold">Service windows</text>')
    y += row
    for w in windows:
        start = max(w.start or result.start, result.start)
        end = min(w.end or result.end, result.end)
        colour = "#1565c0" if w.in_baseline else "#6a1b9a"
        out.append(f'<text x="20" y="{y + row - 5}" font-size="11">{xml_escape(w.node)}</text>')
        out.append(
            f'<rect x="{x(start):.1f}" y="{y + 2}" width="{max(2.0, x(end) - x(start)):.1f}" height="{row - 5}" '
            f'fill="{colour}" rx="2"/>'
        )
        y += row
    y += row // 2
    out.append(
        f'<text x="20" y="{y + row - 4}" font-size="13" font-weight="bold">Capabilities (scenario, 1 January)</text>'
    )
    y += row
    yearly = [p for p in result.points if p.year_start]
    cell = (right - left) / max(1, len(yearly))
    for c in caps:
        out.append(f'<text x="20" y="{y + row - 5}" font-size="11">{xml_escape(c)}</text>')
        for i, point in enumerate(yearly):
            status = point.scenario.status.get(c, "not in service")
            colour = COLOURS["lost"] if status.startswith("lost") else COLOURS.get(status, "#bdbdbd")
            box = f'x="{left + i * cell + 1:.1f}" y="{y + 2}" width="{cell - 2:.1f}" height="{row - 5}"'
            out.append(
                f'<rect {box} fill="{colour}">'
                f"<title>{xml_escape(c)} {point.on.year}: {xml_escape(status)}</title></rect>"
            )
        y += row
    legend = [
        ("holds", "holds"),
        ("gap", "gap (not in service that year)"),
        ("lost", "falls under the scenario"),
        ("not in service", "not in service"),
    ]
    lx = 20
    for key, label in legend:
        out.append(f'<rect x="{lx}" y="{height - 24}" width="12" height="12" fill="{COLOURS[key]}"/>')
        out.append(f'<text x="{lx + 16}" y="{height - 14}" font-size="11">{label}</text>')
        lx += 30 + 7 * len(label)
    out.append(f'<text x="{lx + 20}" y="{height - 14}" font-size="11" fill="#1565c0">■ planned fleet</text>')
    out.append(
        f'<text x="{lx + 130}" y="{height - 14}" font-size="11" fill="#6a1b9a">■ brought in by the scenario</text>'
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def chart_dot(result: HorizonResult) -> str:
    """The SVG chart's facts as one Graphviz HTML-like table, which Graphviz lays out as a PNG for a
    slide (the install's only rasteriser): a row per service window, a cell per year filled when the
    fleet serves on any day of that year (label: its window), then a row per capability with its
    status on 1 January in the scenario (colour and word), then the legend."""
    yearly = [p for p in result.points if p.year_start]
    years = [p.on.year for p in yearly]
    span = len(years) + 1
    drawn: set[str] = set()
    rows = [
        f'<TR><TD COLSPAN="{span}" ALIGN="LEFT" BORDER="0"><FONT POINT-SIZE="20"><B>'
        f"{_html(_title(result))}</B></FONT></TD></TR>",
        f'<TR><TD COLSPAN="{span}" ALIGN="LEFT" BORDER="0"><FONT POINT-SIZE="11">'
        f"Model: {_html(model_title(result.model))}</FONT></TD></TR>",
        _section_row("Service windows", years),
    ]
    for w in result.windows:
        start, end = w.start or datetime.date.min, w.end or datetime.date.max
        if start > result.end or end < result.start:
            continue
        colour = _window_colour(w)
        drawn.add(colour)
        cells = "".join(
            f'<TD BGCOLOR="{colour}"> </TD>' if start.year <= y <= end.year else "<TD> </TD>" for y in years
        )
        rows.append(
            f'<TR><TD ALIGN="LEFT">{_html(w.node)} <FONT COLOR="#555555">({_window(w)})</FONT></TD>{cells}</TR>'
        )
    rows.append(_section_row("Capabilities (scenario, 1 January)", years))
    for c in result.capabilities:
        cells = []
        for point in yearly:
            status = point.scenario.status.get(c, "not in service")
            colour = COLOURS["lost"] if status.startswith("lost") else COLOURS.get(status, "#bdbdbd")
            word = _html(_cell(status)) if status != "holds" else " "  # Graphviz refuses an empty FONT
            cells.append(f'<TD BGCOLOR="{colour}"><FONT POINT-SIZE="9" COLOR="white">{word}</FONT></TD>')
        rows.append(f'<TR><TD ALIGN="LEFT">{_html(c)}</TD>{"".join(cells)}</TR>')
    legend = (
        f'<FONT COLOR="{COLOURS["holds"]}">■ holds</FONT>   <FONT COLOR="{COLOURS["gap"]}">■ GAP (not in service)'
        f'</FONT>   <FONT COLOR="{COLOURS["lost"]}">■ day N: falls under the scenario</FONT>   '
        f'<FONT COLOR="{COLOURS["not in service"]}">■ — not in service</FONT>'
    ) + "".join(f'   <FONT COLOR="{c}">■ {label}</FONT>' for c, label in WINDOW_COLOURS.values() if c in drawn)
    rows.append(f'<TR><TD COLSPAN="{span}" ALIGN="LEFT" BORDER="0"><FONT POINT-SIZE="11">{legend}</FONT></TD></TR>')
    table = '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="1" CELLPADDING="4" COLOR="#e0e0e0">' + "".join(rows)
    return (
        "digraph horizon {\n"
        '  graph [dpi=96, pad=0.2, bgcolor="white"];\n'
        '  node [shape=plaintext, fontname="Helvetica", fontsize=11];\n'
        f"  chart [label=<{table}</TABLE>>];\n"
        "}\n"
    )


WINDOW_COLOURS = {
    "kept": ("#1565c0", "planned fleet"),
    "out": ("#90caf9", "planned, taken out by the scenario"),
    "new": ("#6a1b9a", "brought in by the scenario"),
}


def _window_colour(w: Window) -> str:
    """Blue for a planned fleet the scenario keeps, light blue for one it takes out, purple for one it brings in."""
    if not w.in_baseline:
        return WINDOW_COLOURS["new"][0]
    return WINDOW_COLOURS["kept" if w.in_scenario else "out"][0]


def _section_row(title: str, years: list[int]) -> str:
    heads = "".join(f'<TD BORDER="0"><FONT POINT-SIZE="10" COLOR="#555555">{y}</FONT></TD>' for y in years)
    return f'<TR><TD ALIGN="LEFT" BORDER="0"><B>{_html(title)}</B></TD>{heads}</TR>'


def _window(w: Window) -> str:
    return f"{w.start.isoformat() if w.start else '…'} – {w.end.isoformat() if w.end else '…'}"


def _html(text: str) -> str:
    """Text for a Graphviz HTML-like label (entities only; no markup)."""
    return xml_escape(text, {'"': "&quot;"})
