"""Diagrams: views (what is selected), DOT/Mermaid text (golden files), SVG/PNG layout, CLI wiring."""

from __future__ import annotations

import ast
import struct
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from conftest import MINI, MODELS, ROOT

from interop import layout
from interop.analysis import Scenario, what_if
from interop.analysis.views import Dependency, diagram_view, neighbourhood
from interop.errors import OutputError, ScenarioError
from interop.layout import render_dot
from interop.model import load_model, model_from_data
from interop.render.dot import quote as dot_quote
from interop.render.dot import to_dot
from interop.render.mermaid import MermaidTooLarge, label, mermaid_id, to_mermaid

BRIEFING = MODELS / "briefing.yaml"
SHIPPED = ROOT / "graphs" / "canada"
SWAP = Scenario.build(replace=[("F-35", "Gripen")], embargo=["USA"])


@pytest.fixture(scope="module")
def mini():
    return load_model(MINI)


@pytest.fixture(scope="module")
def swap_view(mini):
    return diagram_view(mini, what_if(mini, SWAP), impact=True)


# --- views: exact selections ---------------------------------------------------------------------


def test_whole_view_hides_nations_and_unconnected_nodes(mini):
    view = diagram_view(mini)
    assert view.nodes == ("CC-330", "Crypto", "F-35A", "F135", "KC-46", "Link-16", "PW", "QRA", "Tanker")
    assert view.unconnected == ("GE", "MADL", "USAF-F-35A")
    assert view.groups["PW"] == "USA" and view.groups["CC-330"] == "SWE" and view.groups["F-35A"] is None
    # nation: sugar is membership, not an edge; the any_of group is one dependency with two targets
    assert all(not set(d.targets) & {"USA", "SWE", "CAN"} for d in view.dependencies)
    assert Dependency("Tanker", 0, ("CC-330", "KC-46"), True, 0, "refuelling") in view.dependencies


def test_focus_follows_requirements_up_and_dependents_down(mini):
    assert diagram_view(mini, focus="f135", depth=1).nodes == ("F-35A", "F135", "PW")
    assert diagram_view(mini, focus="F135", depth=2).nodes == ("F-35A", "F135", "PW", "QRA")
    assert diagram_view(mini, focus="F135", depth=0).nodes == ("F135",)
    # an any_of group cut by the focus keeps a count of the alternatives not drawn
    view = diagram_view(mini, focus="KC-46", depth=1)
    assert view.nodes == ("KC-46", "Tanker")
    assert view.dependencies == (Dependency("Tanker", 0, ("KC-46",), True, 0, "refuelling", hidden=1),)


def test_neighbourhood_depth_is_per_direction():
    deps = [Dependency("B", 0, ("A",)), Dependency("C", 0, ("B",)), Dependency("B", 1, ("X",))]
    assert neighbourhood(deps, "B", 1) == {"A", "B", "C", "X"}
    assert neighbourhood(deps, "A", 1) == {"A", "B"}  # down only: X is a sibling, not a neighbour


def test_scenario_view_marks_failed_left_entered(swap_view):
    view = swap_view
    assert view.nodes == (
        "Crypto",
        "F-35A",
        "F135",
        "F414",
        "GE",
        "Gripen-E",
        "Link-16",
        "PW",
        "QRA",
        "Saab",
    )  # fmt: skip: link ends (KC-46, USAF-F-35A) are not drawn for that alone: the link table says it
    assert view.spofs == {"Crypto", "F414", "GE", "Gripen-E", "Link-16", "Saab"}  # of QRA, after the swap
    assert [(r.nation, r.via, r.before, r.after, r.carried) for r in view.changed_link_rows] == [
        ("USA", "Link-16", 2, 0, 0),
        ("USA", "MADL", 1, 0, 0),
    ]
    assert dict(view.failed) == {
        "Crypto": 0, "F135": 0, "F414": 0, "GE": 0, "PW": 0, "Link-16": 30, "QRA": 30, "Gripen-E": 90,
    }  # fmt: skip
    assert view.left == {"F-35A"} and view.entered == {"F414", "Gripen-E", "Saab"}
    assert dict(view.failed_groups) == {"USA": 0}
    assert [tuple(link) for link in view.links_lost] == [
        ("F-35A", "KC-46", "Link-16"),
        ("F-35A", "USAF-F-35A", "Link-16"),
        ("F-35A", "USAF-F-35A", "MADL"),
    ]
    retired = {(d.requirer, d.targets) for d in view.dependencies if d.retired}
    assert retired == {("F-35A", ("F135",)), ("QRA", ("F-35A",))}


def test_focus_must_be_in_service(mini):
    with pytest.raises(ScenarioError, match="Gripen-E is not in service"):
        diagram_view(mini, focus="Gripen")
    with pytest.raises(ScenarioError, match="unknown id"):
        diagram_view(mini, focus="F-36")


# --- DOT and Mermaid text: golden files, determinism, escaping -----------------------------------


def test_dot_golden_mini(mini, swap_view, golden):
    golden("diagram/mini-whole.dot", to_dot(diagram_view(mini)))
    golden("diagram/mini-focus-f135.dot", to_dot(diagram_view(mini, focus="F135", depth=2, group_by="kind")))
    golden("diagram/mini-swap.dot", to_dot(swap_view))


def test_mermaid_golden(mini, swap_view, golden):
    golden("diagram/mini-swap.mmd", to_mermaid(swap_view))
    model = load_model(BRIEFING)
    golden("diagram/briefing-whole.mmd", to_mermaid(diagram_view(model)))


def test_text_is_deterministic(mini):
    first = to_dot(diagram_view(load_model(MINI), what_if(load_model(MINI), SWAP)))
    assert first == to_dot(diagram_view(mini, what_if(mini, SWAP)))


def test_dot_quotes_ids_and_labels():
    model = load_model(BRIEFING)
    text = to_dot(diagram_view(model))
    assert '"P&W Co" [label="P&W Co\\nPratt \\"P&W\\" <Whitney>\\nsingle point of failure"' in text
    assert '"P&W Co" -> "F135";' in text
    assert dot_quote('a\\b"c\nd') == '"a\\\\b\\"c\\nd"'


def test_mermaid_ids_and_labels_are_escaped():
    assert mermaid_id("P&W Co") == "n_P_26_W_20_Co"
    assert mermaid_id("end") == "n_end"
    ids = ["a-b", "a_b", "a b", "a_2d_b", "é"]
    assert len({mermaid_id(i) for i in ids}) == len(ids)
    assert all(c.isascii() and (c.isalnum() or c == "_") for i in ids for c in mermaid_id(i))
    assert label(['say "hi"', "x<y>&#"]) == "say #quot;hi#quot;<br/>x#lt;y#gt;#amp;#35;"
    text = to_mermaid(diagram_view(load_model(BRIEFING)))
    for line in text.splitlines():
        if '"' in line:  # every quoted label is one quoted run: no stray quote inside
            assert line.count('"') % 2 == 0, line


def test_mermaid_refuses_more_than_github_draws():
    nodes = [{"id": f"S{i:03}", "kind": "supplier"} for i in range(501)]
    nodes.append({"id": "C", "kind": "capability", "requires": [f"S{i:03}" for i in range(501)]})
    view = diagram_view(model_from_data(nodes))
    assert view.edge_count == 501
    with pytest.raises(MermaidTooLarge, match=r"501 edges.*at most 500"):
        to_mermaid(view)


# --- SVG and PNG ------------------------------------------------------------------------------------


def svg_titles(svg: str) -> set[str]:
    root = ET.fromstring(svg.encode("utf-8"))
    return {t.text for t in root.iter("{http://www.w3.org/2000/svg}title") if t.text}


def test_svg_parses_and_holds_every_focused_node(mini):
    view = diagram_view(mini, focus="QRA", depth=2)
    assert view.nodes == ("CC-330", "Crypto", "F-35A", "F135", "KC-46", "Link-16", "QRA", "Tanker")
    svg = render_dot(to_dot(view), "svg").decode("utf-8")
    assert set(view.nodes) <= svg_titles(svg)


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Chunks of a PNG, checking the signature and every CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        chunks.append((kind, body))
        offset += 12 + length
    return chunks


def test_png_decodes(swap_view):
    chunks = png_chunks(render_dot(to_dot(swap_view), "png"))
    kinds = [k for k, _ in chunks]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    channels = {6: 4, 2: 3, 0: 1, 4: 2}[colour]
    assert width > 100 and height > 100 and depth == 8
    assert len(pixels) == height * (1 + width * channels)


def test_layout_program_found_beside_python_when_not_on_path(monkeypatch):
    monkeypatch.setattr(layout.shutil, "which", lambda name: None)
    program = layout.layout_program()
    assert program == [str(Path(sys.executable).parent / "graphviz-pure")]
    monkeypatch.setattr(layout.sys, "executable", "/nonexistent/bin/python")
    assert layout.layout_program() is None
    with pytest.raises(OutputError, match="neither Graphviz 'dot' nor 'graphviz-pure'"):
        render_dot("digraph {}", "svg")


# --- CLI wiring -------------------------------------------------------------------------------------


def test_cli_diagram_formats(run, tmp_path, mini):
    r = run("diagram", "--model", MINI, "--focus", "F135", "--depth", "2", "--group-by", "kind")
    assert r.code == 0 and r.out == to_dot(diagram_view(mini, focus="F135", depth=2, group_by="kind"))
    r = run(
        "diagram", "--model", MINI, "--format", "mermaid", "--replace", "F-35", "--with", "Gripen", "--embargo", "USA"
    )
    assert r.code == 0 and r.out == to_mermaid(diagram_view(mini, what_if(mini, SWAP), impact=True))
    r = run("diagram", "--model", MINI, "--format", "svg", "--focus", "QRA")
    assert r.code == 0 and "QRA" in svg_titles(r.out)
    target = tmp_path / "d.png"
    r = run("diagram", "--model", MINI, "--format", "png", "-o", target, "--embargo", "USA", "--all")
    assert r.code == 0 and png_chunks(target.read_bytes())[0][0] == b"IHDR"


def test_cli_diagram_all_colours_the_whole_model(run, mini):
    r = run("diagram", "--model", MINI, "--embargo", "USA", "--all")
    assert r.out == to_dot(diagram_view(mini, what_if(mini, Scenario.build(embargo=["USA"]))))
    assert '"CC-330"' in r.out  # untouched by the embargo, drawn only with --all


def test_cli_diagram_errors(run, tmp_path):
    r = run("diagram", "--model", MINI, "--format", "png")
    assert r.code == 2 and "png is binary" in r.err and not r.out
    r = run("diagram", "--model", MINI, "--focus", "Nope")
    assert r.code == 3 and "unknown id 'Nope'" in r.err
    r = run("diagram", "--model", MINI, "--focus", "Gripen")
    assert r.code == 3 and "not in service" in r.err
    r = run("diagram", "--model", MINI, "-o", MINI)
    assert r.code == 4 and "model input file" in r.err


# --- layering ---------------------------------------------------------------------------------------

RENDERERS = ["dot.py", "mermaid.py", "report.py", "html.py"]
TYPES = {"Dependency", "Fold", "View", "Link", "Operation", "WhatIfResult", "ExposureResult", "Failure"}
TYPES |= {"SensitivityResult", "SpofResult"}


@pytest.mark.parametrize("name", RENDERERS)
def test_renderers_import_only_result_types_from_analysis(name):
    tree = ast.parse((ROOT / "interop" / "render" / name).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and "analysis" in node.module
        for alias in node.names
    }
    assert imported <= TYPES, imported - TYPES


# --- shipped model ----------------------------------------------------------------------------------

needs_shipped = pytest.mark.skipif(not SHIPPED.is_dir(), reason="shipped model not present")


@needs_shipped
def test_shipped_golden(golden):
    model = load_model(SHIPPED)
    golden("diagram/canada-focus-norad.dot", to_dot(diagram_view(model, focus="NORAD-Air-Sovereignty", depth=2)))
    result = what_if(model, Scenario.build(replace=[("F-35", "Gripen")]))
    view = diagram_view(model, result, impact=True)
    golden("diagram/canada-gripen.dot", to_dot(view))
    golden("diagram/canada-gripen.mmd", to_mermaid(view))


@needs_shipped
def test_shipped_views_lay_out(tmp_path):
    model = load_model(SHIPPED)
    result = what_if(model, Scenario.build(embargo=["USA"], at_days=90))
    for view in (diagram_view(model), diagram_view(model, result, impact=True), diagram_view(model, result)):
        svg = render_dot(to_dot(view), "svg").decode("utf-8")
        assert set(view.nodes) <= svg_titles(svg)


def test_a_dated_diagram_is_drawn_on_its_date_and_names_the_gaps_it_leaves_out(run) -> None:
    from conftest import MODELS

    dated = MODELS / "dated.yaml"
    # Without a scenario the view is the baseline on --on (it used to be drawn on as_of).
    early = run("diagram", "--model", dated, "--on", "2027", "--format", "dot").out
    assert '"F-35A"' not in early and '"CF-18"' in early
    late = run("diagram", "--model", dated, "--on", "2030", "--format", "dot").out
    assert '"F-35A"' in late and "On 2030-01-01 (fleets in service on that day" in late
    swap = run("diagram", "--model", dated, "--replace", "F-35", "--with", "Gripen", "--on", "2033", "-f", "mermaid")
    assert swap.code == 0, swap.err
    lines = swap.out.splitlines()
    assert "  %% Gaps on 2033-01-01, not drawn (not in service that day because something they need is not):" in lines
    reason = "NORAD: no fighter in service on 2033-01-01: CF-18 left service 2032-12-31, Gripen-E enters 2034"
    assert f"  %%   {reason}" in lines
    assert "n_NORAD" not in swap.out  # drawn as n_NORAD{{…}} when in service
    # Focusing on a gap says why, and how to see it.
    focus = run(
        "diagram", "--model", dated, "--replace", "F-35", "--with", "Gripen", "--on", "2033", "--focus", "NORAD"
    )
    assert focus.code == 3 and "NORAD is not in service: it is a gap on 2033-01-01" in focus.err


# --- a page: folded, cut, link table, single points of failure (issue 13) -------------------------


@needs_shipped
def test_a_us_embargo_is_folded_and_cut_to_a_page_and_says_so(golden) -> None:
    model = load_model(SHIPPED)
    result = what_if(model, Scenario.build(embargo=["USA"]))
    view = diagram_view(model, result, impact=True)
    assert len(view.nodes) <= 25 and view.selected == 46 and view.cut_depth == 3
    usa = view.folds["fold:USA:1"]
    assert len(usa.members) == 16 and usa.kinds == (("supplier", 8), ("support", 8))
    assert view.folds["fold:-:1"].members == ("AEHF", "MUOS", "WGS")  # the three SATCOM alternatives
    assert view.failed["fold:USA:1"] == 0 and "USA" not in usa.members  # the embargoed nation stays apart
    text = to_dot(view)
    assert "Cut to fit a page: the capabilities and what they need up to 3 steps (22 boxes of 46 nodes)" in text
    assert "<td>Partner" not in text and "<b>Partner</b>" in text  # the link table heads the picture
    golden("diagram/canada-usa-page.dot", text)
    everything = diagram_view(model, result, impact=True, max_nodes=None)
    assert not everything.folds and everything.cut_depth is None and len(everything.nodes) == 46


def test_the_header_lists_only_what_is_drawn_and_the_changed_links(mini, swap_view) -> None:
    from interop.render.dotheader import legend_notes, legend_table, link_table

    table = link_table(swap_view)
    assert "Link-16 and MADL lost with USA." in table
    assert ">USA</font></td>" in table and ">−2</font>" in table and ">−1</font>" in table
    legend = legend_table(swap_view)
    assert "single point of failure" in legend and "nodes folded into one" not in legend and "datalink" in legend
    assert "OR: any one of the inputs" not in legend_notes(swap_view)  # no OR junction drawn in this view
    plain = diagram_view(mini)
    assert link_table(plain) == "" and "fails (day)" not in legend_table(plain)


def test_cli_max_nodes_zero_draws_every_node(run) -> None:
    folded = run("diagram", "--embargo", "USA", "--format", "dot").out
    full = run("diagram", "--embargo", "USA", "--format", "dot", "--max-nodes", "0").out
    assert '"fold:USA:1"' in folded and "fold:" not in full and '"GE-Aerospace"' in full
