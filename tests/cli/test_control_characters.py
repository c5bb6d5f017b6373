"""Control characters in a model's text never reach the terminal raw, ids cannot hold them, and
every export stays well-formed in its own format's reader (names with control characters, a grace
of 10^30)."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from interop.escape import CONTROLS, escape_controls

GRACE = 10**30
MODEL = f"""\
model: {{name: "Evil \\e]0;pwned\\a model", home: CAN}}
nodes:
  - {{id: CAN, kind: nation, name: "Canada \\e[31mred\\e[0m"}}
  - {{id: L16, kind: datalink, name: "Link \\x9b31m 16"}}
  - {{id: USA, kind: nation}}
  - {{id: S, kind: supplier, name: "Sup\\u202eplier\\x85 \\x7f", nation: USA}}
  - {{id: A, kind: platform, name: "Plat\\x00\\x0cform", interfaces: [L16], notes: "line1\\rline2",
      requires: [{{id: S, grace_days: {GRACE}}}]}}
  - {{id: B, kind: platform, operator: USA, interfaces: [L16]}}
  - {{id: C, kind: capability, name: "Cap \\x1b]2;title\\x07", requires: [A]}}
"""
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "evil.yaml"
    path.write_text(MODEL)
    return path


def test_the_model_really_holds_control_characters(model: Path) -> None:
    from interop.model import load_model

    loaded = load_model(model)
    assert loaded["C"].name == "Cap \x1b]2;title\x07" and loaded["A"].notes == "line1\rline2"
    assert loaded["A"].requires[0].grace_days == GRACE


COMMANDS = [
    ["check"],
    ["list"],
    ["show", "A"],
    ["what-if", "--embargo", "USA"],
    ["what-if", "--embargo", "USA", "--format", "markdown"],
    ["what-if", "--embargo", "USA", "--format", "json"],
    ["spof"],
    ["explain", "C", "--embargo", "USA"],
    ["exposure"],
    ["compare", "--replace", "A", "--with", "B"],
    ["sensitivity", "--embargo", "USA"],
    ["report", "--embargo", "USA"],
    ["report", "--embargo", "USA", "--format", "html"],
    ["diagram"],
    ["diagram", "--format", "mermaid"],
    ["diagram", "--format", "svg"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_raw_control_character_reaches_the_terminal(run, model: Path, args: list[str]) -> None:
    """Before: an OSC title-setting sequence in a name reached the terminal, even through a pipe."""
    result = run(*args, "--model", model)
    assert result.code == 0, result.err
    assert result.out
    assert not RAW.search(result.out) and not RAW.search(result.err)


def test_json_output_means_the_same_after_escaping(run, model: Path) -> None:
    result = run("show", "S", "--model", model, "--format", "json")
    assert result.code == 0, result.err
    assert not RAW.search(result.out)
    assert json.dumps(json.loads(result.out)).count("Sup\\u202eplier\\u0085 \\u007f") == 1


def test_error_messages_are_escaped(run, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text('nodes:\n  - {id: A, kind: "plat\\e]0;x\\aform"}\n')
    result = run("check", "--model", path)
    assert result.code == 3
    assert not RAW.search(result.err)
    assert f"{path}:2: unknown kind 'plat\\x1b]0;x\\x07form' for node 'A'" in result.err


def test_an_id_with_a_control_character_is_an_error(run, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text('nodes:\n  - {id: CAN, kind: nation}\n  - {id: "Ra\\e[8mdar", kind: system}\n')
    result = run("check", "--model", path)
    assert result.code == 3
    assert result.err == (
        f"{path}:3: the id 'Ra\\\\u001b[8mdar' holds a control character (U+001B) — ids are plain text: "
        "remove the control character (it would act on a terminal, and XML cannot hold it)\n"
    )


def test_escape_controls_leaves_ordinary_text_alone() -> None:
    text = "Ordinary — text → with ünïcode, tabs\tand\nlines"
    assert escape_controls(text) is text
    assert escape_controls("a\x1bb\u2066c") == "a\\u001bb\\u2066c"
    assert not CONTROLS.search(escape_controls("".join(map(chr, range(0x100)))))


# --- every export parses back in its own format's reader ------------------------------------


def _export(run, model: Path, tmp_path: Path, fmt: str, *extra: str) -> str:
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--model", model, "--format", fmt, "-o", out, *extra)
    assert result.code == 0, result.err
    return out.read_text()


def test_graphml_parses_back_with_the_grace(run, model: Path, tmp_path: Path) -> None:
    import networkx as nx

    text = _export(run, model, tmp_path, "graphml")
    ET.fromstring(text.encode())
    graph = nx.read_graphml(io.BytesIO(text.encode()))
    assert graph.nodes["C"]["name"] == "Cap \\u001b]2;title\\u0007"
    assert int(graph.edges["A", "S"]["grace_days"]) == GRACE
    assert 'attr.name="grace_days" attr.type="string"' in text and 'attr.type="long"' not in text.split("grace")[0]


def test_gexf_parses_back_with_the_grace(run, model: Path, tmp_path: Path) -> None:
    import networkx as nx

    text = _export(run, model, tmp_path, "gexf")
    ET.fromstring(text.encode())
    graph = nx.read_gexf(io.BytesIO(text.encode()))
    assert int(graph.edges["A", "S"]["grace_days"]) == GRACE
    assert re.search(r'title="grace_days" type="string"', text)


def test_json_graph_parses_back(run, model: Path, tmp_path: Path) -> None:
    import networkx as nx

    data = json.loads(_export(run, model, tmp_path, "json"))
    graph = nx.node_link_graph(data, edges="links") if "links" in data else nx.node_link_graph(data)
    assert graph.nodes["C"]["name"] == "Cap \x1b]2;title\x07"
    assert graph.edges["A", "S"]["grace_days"] == GRACE


def test_open_psa_parses_back_in_interops_reader(run, model: Path, tmp_path: Path) -> None:
    text = _export(run, model, tmp_path, "open-psa", "--capability", "C")
    ET.fromstring(text.encode())
    out = tmp_path / "back.yaml"
    result = run("import", tmp_path / "out.open-psa", "--format", "open-psa", "-o", out)
    assert result.code == 0, result.err
    assert run("spof", "--model", out, "--kinds", "component").code == 0


def test_csv_parses_back_exactly(run, model: Path, tmp_path: Path) -> None:
    from interop.model import load_model

    assert run("export", "--model", model, "--format", "csv", "-o", tmp_path / "csv").code == 0
    back = tmp_path / "back.yaml"
    result = run("import", tmp_path / "csv", "-o", back)
    assert result.code == 0, result.err
    original, again = load_model(model), load_model(back)
    for node in original:
        assert (again[node.id].name, again[node.id].notes) == (node.name, node.notes)
    assert again["A"].requires[0].grace_days == GRACE


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pydot uses old pyparsing names
def test_svg_and_dot_parse_back(run, model: Path, tmp_path: Path) -> None:
    import pydot

    svg = tmp_path / "graph.svg"
    assert run("diagram", "--model", model, "--format", "svg", "-o", svg).code == 0
    ET.fromstring(svg.read_bytes())
    assert "Cap \\u001b]2;title\\u0007" in svg.read_text()
    dot = tmp_path / "graph.dot"
    assert run("diagram", "--model", model, "--format", "dot", "-o", dot).code == 0
    (graph,) = pydot.graph_from_dot_data(dot.read_text())
    assert {'"A"', '"C"'} <= {node.get_name() for node in graph.get_nodes()}
    assert '"C\\nCap \\\\u001b]2;title\\\\u0007"' in dot.read_text()


def test_csv_round_trips_a_carriage_return_and_a_field_over_128_kib(run, tmp_path: Path) -> None:
    """Before: a name with a lone \\r, or a field over 128 KiB, made the exported CSV unreadable."""
    from interop.model import load_model

    long_note = "n" * (200 * 1024)
    path = tmp_path / "model.yaml"
    path.write_text(
        "nodes:\n  - {id: CAN, kind: nation}\n"
        f'  - {{id: A, kind: platform, name: "one\\rtwo", notes: "{long_note}"}}\n'
        '  - {id: C, kind: capability, requires: [{id: A, notes: "x\\ry"}]}\n'
    )
    assert run("export", "--model", path, "--format", "csv", "-o", tmp_path / "csv").code == 0
    back = tmp_path / "back.yaml"
    result = run("import", tmp_path / "csv", "-o", back)
    assert result.code == 0, result.err
    again = load_model(back)
    assert (again["A"].name, again["A"].notes) == ("one\rtwo", long_note)
    assert again["C"].requires[0].notes == "x\ry"
