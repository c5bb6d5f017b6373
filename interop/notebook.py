"""Jupyter display: Markdown to HTML, and the display of analysis results (registered by interop.api).

Only the subset the renderer emits is converted (headings, pipe tables, bullet lists, paragraphs,
``**bold**``, ``*italic*`` and ```code``` spans); everything is HTML-escaped first.
"""

from __future__ import annotations

import html
import re

_INLINE = (
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*([^*]+)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*([^*]+)\*(?![\w*])"), r"<em>\1</em>"),
)


def inline(text: str) -> str:
    """Escape ``text`` and convert code, bold and italic spans."""
    out = html.escape(text, quote=False)
    for pattern, replacement in _INLINE:
        out = pattern.sub(replacement, out)
    return out


def _cells(row: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", row.strip().strip("|"))
    return [cell.strip().replace("\\|", "|").replace("\\\\", "\\") for cell in cells]


def markdown_to_html(markdown: str) -> str:
    """HTML for interop's Markdown output (one ``<div>``)."""
    lines = markdown.splitlines()
    out = ['<div class="interop">']
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif line.startswith("#"):
            level = min(len(line) - len(line.lstrip("#")), 6)
            out.append(f"<h{level}>{inline(line[level:].strip())}</h{level}>")
            i += 1
        elif line.startswith("|"):
            header = _cells(line)
            i += 2 if i + 1 < len(lines) and set(lines[i + 1].replace("|", "").strip()) <= {"-", ":"} else 1
            out.append("<table><thead><tr>" + "".join(f"<th>{inline(c)}</th>" for c in header) + "</tr></thead><tbody>")
            while i < len(lines) and lines[i].startswith("|"):
                out.append("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in _cells(lines[i])) + "</tr>")
                i += 1
            out.append("</tbody></table>")
        elif line.startswith("- "):
            out.append("<ul>")
            while i < len(lines) and lines[i].startswith("- "):
                out.append(f"<li>{inline(lines[i][2:])}</li>")
                i += 1
            out.append("</ul>")
        else:
            paragraph = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith(("#", "|", "- ")):
                paragraph.append(lines[i].strip())
                i += 1
            out.append(f"<p>{inline(' '.join(paragraph))}</p>")
    out.append("</div>")
    return "\n".join(out) + "\n"


# --- display of analysis results ------------------------------------------------------------------
#
# The analysis layer knows nothing of Markdown or Jupyter. The Python API (interop.api) calls
# register() once, which gives each result type ``_repr_markdown_`` (the same text as the CLI's
# ``--format markdown``) and ``_repr_html_`` (that Markdown as HTML).


def _markdown_of(value: object) -> str:
    from .analysis.compare import CompareResult
    from .analysis.explain import Explanation
    from .analysis.exposure import ExposureResult
    from .analysis.timeline import Timeline
    from .analysis.whatif import SpofResult, WhatIfResult
    from .render import markdown

    if isinstance(value, WhatIfResult):
        return markdown.what_if(value)
    if isinstance(value, SpofResult):
        return markdown.spof(value)
    if isinstance(value, CompareResult):
        return markdown.compare(value)
    if isinstance(value, ExposureResult):
        return markdown.exposure(value)
    if isinstance(value, Explanation):
        return markdown.explain(value)
    if isinstance(value, Timeline):
        return markdown.timeline(value.model, value.events, 2)
    raise TypeError(f"no notebook display for {type(value).__name__}")


def _repr_markdown_(self: object) -> str:
    return _markdown_of(self)


def _repr_html_(self: object) -> str:
    return markdown_to_html(_markdown_of(self))


def register() -> None:
    """Give the analysis results their notebook display (idempotent)."""
    from .analysis.compare import CompareResult
    from .analysis.explain import Explanation
    from .analysis.exposure import ExposureResult
    from .analysis.timeline import Timeline
    from .analysis.whatif import SpofResult, WhatIfResult

    for kind in (WhatIfResult, SpofResult, CompareResult, ExposureResult, Explanation, Timeline):
        kind._repr_markdown_ = _repr_markdown_  # type: ignore[attr-defined]
        kind._repr_html_ = _repr_html_  # type: ignore[attr-defined]
