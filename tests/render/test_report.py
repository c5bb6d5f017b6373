"""Briefing reports: Markdown (golden files, numbered sources), SVG beside, self-contained HTML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from conftest import MINI, MODELS, ROOT

from interop.analysis import Scenario, spof, what_if
from interop.analysis.exposure import exposure
from interop.analysis.views import diagram_view
from interop.model import load_model
from interop.render.report import Briefing, summary, to_markdown

BRIEFING = MODELS / "briefing.yaml"
SHIPPED = ROOT / "graphs" / "canada"
SWAP = ("--replace", "F-35", "--with", "Gripen", "--embargo", "USA")


def test_markdown_golden(run, golden):
    r = run("report", "--model", MINI, *SWAP)
    assert r.code == 0 and r.err == ""
    golden("report/mini-swap.md", r.out)
    r = run("report", "--model", BRIEFING, "--embargo", "USA")
    assert r.code == 0
    golden("report/briefing-usa.md", r.out)
    assert r.out == run("report", "--model", BRIEFING, "--embargo", "USA").out  # byte-identical


def test_summary_in_plain_words():
    model = load_model(BRIEFING)
    result = what_if(model, Scenario.build(embargo=["USA"]))
    assert summary(result) == (
        "1 capability of 1 is lost eventually: Alert on day 60. 5 nodes fail in all, the first on day 0 "
        "and the last on day 60. Interoperability links: 0 kept, 1 lost, 0 new. L16 lost with USA."
    )
    result = what_if(model, Scenario.build(embargo=["USA"], at_days=30))
    assert summary(result).startswith("No capability is lost by day 30: the only capability holds. 3 nodes fail")


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_citation_is_numbered_in_order_and_listed(run):
    text = run("report", "--model", BRIEFING, "--embargo", "USA").out
    parts = sections(text)
    body = text.split("## Sources")[0]
    cited = list(dict.fromkeys(int(n) for n in re.findall(r"\[(\d+)\]", body)))
    assert cited == list(range(1, len(cited) + 1))
    listed = re.findall(r"^(\d+)\. (\S+) — for (.+)$", parts["Sources"], flags=re.M)
    assert [int(n) for n, _, _ in listed] == cited
    sources = {url: int(n) for n, url, _ in listed}
    # the failure of Jet A rests on its own source and on the source of its requirement on F135
    row = next(line for line in body.splitlines() if line.startswith("| 60 | Jet A |"))
    assert row.endswith(f"| [{sources['https://example.org/jet-a']}] [{sources['https://example.org/f135-stock']}] |")
    assert "for Jet A requirement" in parts["Sources"]
    # every node in the timeline is cited with its own source
    model = load_model(BRIEFING)
    for line in parts["Capabilities lost (timeline)"].splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 6 and cells[0].isdigit():
            node_id = cells[1].replace("&lt;", "<")
            for source in model.nodes[node_id].source:
                assert f"[{sources[source]}]" in cells[5], (node_id, source)


def test_sections_hold_the_analysis_results(run):
    model = load_model(MINI)
    text = run("report", "--model", MINI, *SWAP).out
    parts = sections(text)
    assert list(parts) == [
        "Summary",
        "The change",
        "Capabilities lost (timeline)",
        "Interoperability links",
        "Single points of failure",
        "What can fail each capability: single points and pairs",
        "Exposure by nation",
        "What this answer rests on",
        "Diagram",
        "Sources",
    ]
    cuts = spof(model, scenario=Scenario.build(replace=[("F-35", "Gripen")]), max_order=2).cut_sets["QRA"]
    singles = ", ".join(s[0] for s in cuts if len(s) == 1)
    pairs = sum(1 for s in cuts if len(s) == 2)
    row = re.search(
        r"^\| QRA \| (.*) \| (.*) \|$", parts["What can fail each capability: single points and pairs"], re.M
    )
    assert row is not None and row.group(1) == singles
    if pairs:
        assert row.group(2).startswith(f"{pairs}: ")
    else:
        assert row.group(2) == ("none beyond the single points" if singles else "none")
    assert "| 30 | QRA | Quick reaction alert | Link-16 failed |  |" in parts["Capabilities lost (timeline)"]
    assert "| 90 | Gripen-E | platform | Gripen-E | F414 failed (+90 d grace) |  |" in text
    assert "| USA | Link-16 | 2 | 0 | −2 |  |  |" in parts["Interoperability links"]
    assert "lost F-35A ↔ KC-46 (Link-16); lost F-35A ↔ USAF-F-35A (Link-16)" in parts["Interoperability links"]
    result = what_if(model, Scenario.build(replace=[("F-35", "Gripen")], embargo=["USA"]))
    spof_rows = re.findall(r"^\| QRA \| (\S+) \| .* \| (added|removed) \|", parts["Single points of failure"], re.M)
    assert sorted(spof_rows) == sorted(
        [(c.node, "added") for c in result.spof_added] + [(c.node, "removed") for c in result.spof_removed]
    )
    exposed = exposure(model, result.scenario)
    for nation in exposed.nations:
        lost = ", ".join(f"{f.id} (day {f.at_days})" for f in nation.capabilities_lost) or "none"
        assert (
            f"| {nation.nation} | {lost} | {nation.nodes_failed} | {len(nation.links_lost)} |"
            in parts["Exposure by nation"]
        )
    assert "```mermaid\nflowchart LR\n" in parts["Diagram"]


def test_svg_written_beside_the_report(run, tmp_path):
    target = tmp_path / "usa.md"
    r = run("report", "--model", BRIEFING, "--embargo", "USA", "--diagram", "svg", "-o", target)
    assert r.code == 0
    assert "![Diagram of the change](usa.svg)" in target.read_text()
    root = ET.fromstring((tmp_path / "usa.svg").read_bytes())
    titles = {t.text for t in root.iter("{http://www.w3.org/2000/svg}title")}
    assert {"Alert", "Jet A", "F135", "P&W Co"} <= titles
    r = run("report", "--model", BRIEFING, "--embargo", "USA", "--diagram", "svg")
    assert r.code == 2 and "give the report a file with -o" in r.err


def test_mermaid_too_large_is_left_out_with_a_note():
    nodes = [{"id": f"S{i:03}", "kind": "supplier"} for i in range(501)]
    nodes.append({"id": "C", "kind": "capability", "requires": [f"S{i:03}" for i in range(501)]})
    from interop.model import model_from_data

    model = model_from_data(nodes)
    result = what_if(model, Scenario())
    briefing = Briefing(result, exposure(model), diagram_view(model), "mermaid", None, None, "Diagram left out: big.")
    assert "Diagram left out: big." in to_markdown(briefing)


# --- HTML ---------------------------------------------------------------------------------------------


class Checker(HTMLParser):
    """Collects tag-balance errors and every src/href value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.urls: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href"):
                self.urls.append((tag, name, value or ""))
        if tag not in ("meta", "br", "img", "link", "input", "hr"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href"):
                self.urls.append((tag, name, value or ""))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def check_html(text: str) -> Checker:
    checker = Checker()
    checker.feed(text)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    return checker


@pytest.mark.parametrize("model", [MINI, BRIEFING])
def test_html_is_well_formed_and_self_contained(run, tmp_path, model):
    target = tmp_path / "r.html"
    r = run("report", "--model", model, "--embargo", "USA", "--format", "html", "-o", target)
    assert r.code == 0
    text = target.read_text()
    checker = check_html(text)
    assert "script" not in checker.tags and "link" not in checker.tags and "svg" in checker.tags
    cited = set(re.findall(r'<li id="source-\d+" value="\d+"><a href="([^"]+)">', text))
    for tag, _, url in checker.urls:
        if url.startswith("#"):
            continue
        assert tag == "a" and url in cited, url
    assert "<!DOCTYPE svg" not in text and "<?xml" not in text


def test_html_holds_the_same_report(run, tmp_path):
    target = tmp_path / "r.html"
    run("report", "--model", BRIEFING, "--embargo", "USA", "--format", "html", "-o", target)
    text = target.read_text()
    assert "<h1>Briefing: what if we face an embargo by USA?</h1>" in text
    assert "<td>Pratt &quot;P&amp;W&quot; &lt;Whitney&gt;</td>" in text
    assert '<a class="cite" href="#source-1">[1]</a>' in text and 'id="source-1"' in text
    r = run("report", "--model", BRIEFING, "--format", "html", "--diagram", "mermaid")
    assert r.code == 2 and "always inlines an SVG" in r.err


# --- shipped model ------------------------------------------------------------------------------------


@pytest.mark.skipif(not SHIPPED.is_dir(), reason="shipped model not present")
def test_shipped_report_golden(run, golden, tmp_path):
    r = run("report", "--replace", "F-35", "--with", "Gripen")
    assert r.code == 0
    golden("report/canada-gripen.md", r.out)
    target = tmp_path / "usa.html"
    assert run("report", "--embargo", "USA", "--at", "90", "--format", "html", "-o", target).code == 0
    check_html(target.read_text())
