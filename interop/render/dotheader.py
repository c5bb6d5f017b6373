"""The header of a DOT diagram: title, a one-line legend of what is drawn, and the link table.

Drawn as one Graphviz HTML-like label at the top left of the graph, so its lines are left-aligned
(a plain DOT label centres every line), the legend takes a line or two instead of a cluster of
sample boxes, and lost, gained and carried-over interoperability links read as a table by
partner and data link instead of a fan of curves across the picture. Formatting only: every
fact comes from the :class:`~interop.analysis.views.View`.
"""

from __future__ import annotations

from html import escape

from ..analysis.views import View
from ..model import KINDS
from .common import link_headline, plural, signed, wrap_items

SWATCHES_PER_ROW = 7
TEXT_WIDTH = 110


def text(value: str) -> str:
    """Text for an HTML-like label (``&``, ``<``, ``>`` and quotes escaped).

    >>> text('A<B & "C"')
    'A&lt;B &amp; &quot;C&quot;'
    """
    return escape(value, quote=True)


def header(view: View) -> str:
    """The graph label of ``view`` as a DOT HTML string (``<…>``)."""
    from .dot import fit_lines, title_lines

    rows = []
    title = title_lines(view)
    rows.append(_line(title[0], size=13, bold=True))
    rows += [_line(line) for line in title[1:]]
    rows += [_line(line, colour="#7a4a00") for fit in fit_lines(view) for line in _wrapped(fit)]
    rows.append(_cell(legend_table(view)))
    rows += [_line(line, size=9, colour="#444444") for line in _wrapped(" · ".join(legend_notes(view)))]
    table = link_table(view)
    if table:
        rows.append(_cell(table))
    body = "".join(rows)
    return f'<<table border="0" cellborder="0" cellspacing="0" cellpadding="1">{body}</table>>'


def _wrapped(line: str) -> list[str]:
    return wrap_items("", line.split(" "), sep=" ", indent=2, width=TEXT_WIDTH)


def _line(value: str, *, size: int = 11, bold: bool = False, colour: str = "#222222") -> str:
    inner = text(value)
    if bold:
        inner = f"<b>{inner}</b>"
    return f'<tr><td align="left"><font point-size="{size}" color="{colour}">{inner}</font></td></tr>'


def _cell(inner: str) -> str:
    return f'<tr><td align="left">{inner}</td></tr>'


def legend_table(view: View) -> str:
    """One row (or a few) of colour samples: only the kinds and marks this view draws."""
    from .dot import ENTERED_LINE, FAILED, FAILED_LINE, FILLS, LEFT, LEFT_LINE, SPOF_LINE

    kinds = sorted({view.kind_of(n) for n in view.nodes}, key=lambda k: KINDS.index(k) if k in KINDS else len(KINDS))
    samples = [(kind if kind != "fold" else "nodes folded into one", FILLS[kind], "#888888") for kind in kinds]
    if view.failed:
        samples.append(("fails (day)", FAILED, FAILED_LINE))
    if view.left:
        samples.append(("left service", LEFT, LEFT_LINE))
    if view.entered:
        samples.append(("enters service", "#ffffff", ENTERED_LINE))
    if view.spofs:
        samples.append(("single point of failure", "#ffffff", SPOF_LINE))
    cells = [
        f'<td bgcolor="{fill}" color="{line}" border="{2 if line in (SPOF_LINE, ENTERED_LINE) else 1}">'
        f'<font point-size="9">{text(name)}</font></td>'
        for name, fill, line in samples
    ]
    rows = [cells[i : i + SWATCHES_PER_ROW] for i in range(0, len(cells), SWATCHES_PER_ROW)]
    body = "".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    return f'<table border="0" cellborder="1" cellspacing="3" cellpadding="2">{body}</table>'


def legend_notes(view: View) -> list[str]:
    """How to read the edges, and what the view leaves out."""
    notes = ["Legend: arrow from what is needed to what needs it"]
    if any(d.grace_days for d in view.dependencies):
        notes.append("+N d: days of grace")
    if any(d.any_of for d in view.dependencies):
        notes.append("OR: any one of the inputs")
    if any(d.hidden for d in view.dependencies):
        notes.append("+N not shown: alternatives outside the view")
    if view.group_by == "nation" and any(g is not None for g in view.groups.values()):
        notes.append("box around: the nation the nodes depend on")
    if any(d.retired for d in view.dependencies):
        notes.append("dotted grey: held before the change")
    if view.unconnected:
        notes.append(f"{plural(len(view.unconnected), 'node')} with no dependency not drawn")
    if view.spofs_unknown:
        notes.append("single points of failure not marked (too many cut sets to work out for this view)")
    return notes


def link_table(view: View) -> str:
    """Interoperability links by partner and data link: the rows that change, or ''."""
    roles = view.link_roles
    if roles is None:
        return ""
    rows = view.changed_link_rows
    unchanged = sum(r.before for r in roles.rows if not (r.change or r.carried))
    head = f"Interoperability links: {link_headline(roles)}"
    lines = "".join(_line(line, size=10, bold=i == 0) for i, line in enumerate(_wrapped(head)))
    if not rows:
        return f'<table border="0" cellborder="0" cellspacing="0" cellpadding="1">{lines}</table>'
    header = ("Partner", "Data link", "Before", "After", "Change", "Carried over")
    cells = ["<tr>" + "".join(f'<td bgcolor="#eeeeee"><font point-size="9"><b>{h}</b></font></td>' for h in header)]
    for r in rows:
        values = (r.nation, r.via, str(r.before), str(r.after), signed(r.change), str(r.carried or ""))
        cells.append("<tr>" + "".join(_table_cell(i, v, r.change) for i, v in enumerate(values)))
    grid = "".join(c + "</tr>" for c in cells)
    grid = f'<table border="0" cellborder="1" cellspacing="0" cellpadding="2" color="#bbbbbb">{grid}</table>'
    note = ""
    if unchanged:
        note = _line(f"{plural(unchanged, 'link')} with other partners and data links unchanged.", size=9)
    return (
        f'<table border="0" cellborder="0" cellspacing="0" cellpadding="1">{lines}'
        f'<tr><td align="left">{grid}</td></tr>{note}</table>'
    )


def _table_cell(column: int, value: str, change: int) -> str:
    """A cell of the link table: names left, numbers right, the change red or green."""
    if not value:
        return "<td></td>"  # Graphviz refuses an empty <font>
    colour = "#222222"
    if column == 4 and change:
        colour = "#b30000" if change < 0 else "#1a8f1a"
    align = "left" if column < 2 else "right"
    return f'<td align="{align}"><font point-size="9" color="{colour}">{text(value)}</font></td>'
