"""Jupyter display: turn the Markdown that ``interop.render.markdown`` writes into plain HTML.

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
