"""The briefing report as one self-contained HTML file: inline CSS and inline SVG, no scripts,
no network. The only links are the cited sources (and anchors within the page)."""

from __future__ import annotations

import re
from html import escape

from .report import Block, Briefing, Bullets, Diagram, Heading, Paragraph, Sources, Table, document

CSS = """
body { font: 15px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1b1b1b;
       max-width: 1100px; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; border-bottom: 2px solid #333; padding-bottom: .2em; }
h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05em; }
table { border-collapse: collapse; margin: .6em 0; font-size: .92em; }
th, td { border: 1px solid #c8c8c8; padding: .25em .55em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
tr:nth-child(even) td { background: #fafafa; }
figure { margin: 1em 0; overflow: auto; max-height: 90vh; border: 1px solid #ddd; }
figure svg { max-width: none; height: auto; }
ol.sources li { margin: .2em 0; overflow-wrap: break-word; }
a.cite { text-decoration: none; }
.note { color: #555; }
@media print { body { max-width: none; } figure { page-break-inside: avoid; max-height: none; overflow: visible; }
  figure svg { max-width: 100%; } }
"""

CITATION = re.compile(r"\[(\d+)\]")
URL = re.compile(r"^https?://\S+$")


def to_html(briefing: Briefing) -> str:
    """The report as a complete HTML document (UTF-8), byte-identical for the same input."""
    blocks = document(briefing)
    title = next((b.text for b in blocks if isinstance(b, Heading)), "Briefing")
    body = "\n".join(html_block(block) for block in blocks)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="interop">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def inline(text: str) -> str:
    """Escaped text with ``[n]`` citations turned into links to the source list."""
    return CITATION.sub(lambda m: f'<a class="cite" href="#source-{m.group(1)}">[{m.group(1)}]</a>', escape(text))


def html_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{inline(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{inline(block.text)}</p>"
    if isinstance(block, Table):
        head = "".join(f"<th>{escape(cell)}</th>" for cell in block.header)
        rows = "\n".join("<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
        return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    if isinstance(block, Bullets):
        return "<ul>\n" + "\n".join(f"<li>{inline(item)}</li>" for item in block.items) + "\n</ul>"
    if isinstance(block, Diagram):
        if block.kind == "svg":
            return f'<figure class="diagram">\n{inline_svg(block.content)}\n</figure>'
        return f'<pre class="mermaid">{escape(block.content)}</pre>'
    return _sources(block)


def _sources(block: Sources) -> str:
    items = []
    for entry in block.entries:
        text = escape(entry.text)
        if URL.match(entry.text):
            text = f'<a href="{escape(entry.text, quote=True)}">{text}</a>'
        cited = escape(", ".join(entry.cited_for))
        items.append(f'<li id="source-{entry.number}" value="{entry.number}">{text} — for {cited}</li>')
    out = (
        '<ol class="sources">\n' + "\n".join(items) + "\n</ol>"
        if items
        else '<p class="note">The model gives no source for the facts above.</p>'
    )
    if block.unsourced:
        out += f'\n<p class="note">No source in the model for: {escape(", ".join(block.unsourced))}.</p>'
    return out


def inline_svg(svg: str) -> str:
    """Graphviz SVG ready to sit inside HTML: no XML declaration, DOCTYPE or comments."""
    text = re.sub(r"<\?xml[^>]*\?>", "", svg)
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return text.strip()
