"""The Python facade: lazy import, load/from_dict, what_if/spof keywords, notebook display."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import MINI, ROOT

import interop
from interop.analysis import Scenario
from interop.analysis import what_if as analysis_what_if


@pytest.fixture(scope="module")
def mini():
    return interop.load(MINI)


def test_import_interop_is_lazy():
    code = (
        "import sys, interop; print(sorted(m for m in ('networkx', 'click', 'interop.analysis') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"


def test_public_names_resolve():
    for name in interop.__all__:
        assert getattr(interop, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        interop.nope  # noqa: B018


def test_what_if_matches_the_analysis_layer(mini):
    result = interop.what_if(mini, replace=[("f-35", "gripen")], embargo="USA")
    expected = analysis_what_if(mini, Scenario.build(replace=[("F-35A", "Gripen-E")], embargo=["USA"]))
    assert result.to_dict() == expected.to_dict()
    assert [(f.id, f.at_days) for f in result.capabilities_lost] == [("QRA", 30)]
    assert result.to_dict()["scenario"]["operations"] == [["replace", "F-35A", "Gripen-E"], ["embargo", "USA"]]


def test_what_if_accepts_a_dict_of_replacements_and_a_day(mini):
    a = interop.what_if(mini, replace={"F-35": "Gripen"}, remove=["PW"], at_days=10)
    assert a.scenario.at_days == 10
    assert [(f.id, f.at_days) for f in a.failed] == [("F135", 0), ("PW", 0)]  # F135 stays in service
    assert a.capabilities_lost == ()  # nothing that QRA needs after the swap depends on PW


def test_spof_keywords(mini):
    r = interop.spof(mini, "QRA", max_order=1)
    assert r.cut_sets == {"QRA": (("Crypto",), ("F-35A",), ("F135",), ("Link-16",), ("PW",), ("Tanker",), ("USA",))}
    after = interop.spof(mini, ["QRA"], max_order=1, replace={"F-35": "Gripen"})
    assert after.single_points("QRA") == ("Crypto", "F414", "GE", "Gripen-E", "Link-16", "SWE", "Saab", "Tanker", "USA")


def test_from_dict_and_load_of_data_validate():
    with pytest.raises(interop.ModelError, match=r"<data>: 'P' requires unknown id 'X'"):
        interop.from_dict([{"id": "P", "kind": "platform", "requires": ["X"]}])
    m = interop.load({"nodes": [{"id": "A", "kind": "supplier"}]})
    assert list(m.nodes) == ["A"]


def test_bad_pairs_say_how_to_write_them(mini):
    with pytest.raises(TypeError, match=r"\[\('F-35', 'Gripen'\)\]"):
        interop.what_if(mini, replace=["F-35"])


def test_to_networkx_of_a_result_is_the_graph_after_the_scenario(mini):
    g = interop.to_networkx(interop.what_if(mini, replace={"F-35": "Gripen"}))
    assert "F-35A" not in g and g.has_edge("QRA", "Gripen-E")
    assert interop.to_networkx(mini).has_edge("QRA", "F-35A")


def test_results_render_in_notebooks(mini):
    from interop.render.markdown import spof as spof_markdown
    from interop.render.markdown import what_if as what_if_markdown

    r = interop.what_if(mini, remove=["PW"])
    assert r._repr_markdown_() == what_if_markdown(r)
    page = r._repr_html_()
    assert page.startswith('<div class="interop">\n<h2>What if: remove PW</h2>')
    assert "<tr><td>60</td><td>QRA</td><td>Quick reaction alert</td></tr>" in page
    assert "Pratt &amp; Whitney" in page
    s = interop.spof(mini)
    assert s._repr_markdown_() == spof_markdown(s)
    assert "<th>Single points of failure</th>" in s._repr_html_()


def test_markdown_to_html_escapes_and_keeps_pipes():
    from interop.notebook import markdown_to_html

    html = markdown_to_html("## A <b>\n\n| x | y |\n|---|---|\n| a \\| b | `c` |\n\n- **k:** *v*\n")
    assert html == (
        '<div class="interop">\n<h2>A &lt;b&gt;</h2>\n'
        "<table><thead><tr><th>x</th><th>y</th></tr></thead><tbody>\n"
        "<tr><td>a | b</td><td><code>c</code></td></tr>\n</tbody></table>\n"
        "<ul>\n<li><strong>k:</strong> <em>v</em></li>\n</ul>\n</div>\n"
    )


def test_load_without_a_path_is_the_shipped_model():
    from interop.shipped import shipped_model_path

    if not shipped_model_path().is_dir():
        pytest.skip("the shipped model is not present")
    assert interop.load().files == interop.load(shipped_model_path()).files


@pytest.mark.parametrize(
    "module",
    ["interop.api", "interop.analysis.graph", "interop.interchange.openpsa"],
)
def test_docstring_examples_run(module):
    import doctest
    import importlib

    failed, attempted = doctest.testmod(importlib.import_module(module))
    assert attempted > 0 and failed == 0


# --- every command from Python (issue 11) ---------------------------------------------------------


def test_every_cli_command_has_a_function(run):
    from interop.cli import cli

    covered = {"check", "what-if", "spof", "explain", "exposure", "compare", "report", "diagram", "export", "schema"}
    by_python = {"list": "Model is iterable", "show": "model[ID] / model.find", "import": "interchange.from_*"}
    assert set(cli.commands) - covered - set(by_python) <= {"sensitivity", "horizon", "init"}
    for name in covered:
        assert callable(getattr(interop, name.replace("-", "_")))


def test_functions_give_the_cli_answers(mini, run):
    import json

    cases = [
        (interop.explain(mini, "QRA", embargo="USA"), ("explain", "QRA", "--embargo", "USA")),
        (interop.exposure(mini, replace={"F-35": "Gripen"}), ("exposure", "--replace", "F-35", "--with", "Gripen")),
        (
            interop.compare(mini, [None, {"replace": {"F-35": "Gripen"}}]),
            ("compare", "--replace", "F-35", "--with", "F-35", "--with", "Gripen"),
        ),
    ]
    for result, args in cases:
        assert result.to_dict() == json.loads(run(*args, "--model", MINI, "--format", "json").out), args
    events = interop.timeline(mini, embargo="USA").to_dict()["timeline"]
    cli = json.loads(run("what-if", "--embargo", "USA", "--timeline", "--model", MINI, "--format", "json").out)
    assert events == cli["timeline"]


def test_report_and_diagram_are_the_cli_bytes(mini, run):
    report = interop.report(mini, replace={"F-35": "Gripen"}, embargo="USA")
    assert (
        report.to_markdown()
        == run("report", "--model", MINI, "--replace", "F-35", "--with", "Gripen", "--embargo", "USA").out
    )
    assert report.to_dict()["what_if"] == interop.what_if(mini, replace={"F-35": "Gripen"}, embargo="USA").to_dict()
    picture = interop.diagram(mini, embargo="USA")
    assert picture.to_dot() == run("diagram", "--model", MINI, "--embargo", "USA").out
    assert picture.to_mermaid() == run("diagram", "--model", MINI, "--embargo", "USA", "--format", "mermaid").out
    assert picture.to_svg().lstrip().startswith("<?xml") and picture._repr_svg_() == picture.to_svg()
    assert "USA" in picture.to_dict()["nodes"] or any(f["id"] == "PW" for f in picture.to_dict()["failed"])


def test_export_matches_the_cli(mini, run):
    assert interop.export(mini, "graphml") == run("export", "--model", MINI, "--format", "graphml").out
    nodes, edges = interop.export(mini, "csv")
    assert nodes.startswith("id,") and "QRA" in edges
    assert "<define-fault-tree" in interop.export(mini, "open-psa", capability="QRA")


def test_short_reprs(mini):
    assert repr(mini) == "<Model 'Mini test ecosystem' as of 2026-01-01, 18 nodes>"
    r = interop.what_if(mini, remove="PW")
    assert (
        repr(r)
        == "<WhatIfResult remove PW: 1 of 1 capabilities lost, 4 nodes failed, links 3 lost / 0 kept / 0 gained>"
    )
    for value in (
        r,
        interop.spof(mini),
        interop.explain(mini, "QRA", remove="PW"),
        interop.exposure(mini),
        interop.compare(mini, [None]),
        interop.timeline(mini, remove="PW"),
        interop.report(mini, remove="PW"),
        interop.diagram(mini, remove="PW"),
        interop.study(mini, remove="PW"),
    ):
        assert len(repr(value)) < 200 and repr(value).startswith("<"), repr(value)[:300]


def test_every_result_displays_in_a_notebook(mini):
    for value in (
        interop.explain(mini, "QRA", remove="PW"),
        interop.exposure(mini),
        interop.compare(mini, [None]),
        interop.timeline(mini, remove="PW"),
        interop.report(mini, remove="PW"),
    ):
        assert value._repr_markdown_().startswith("#"), type(value)
        assert value._repr_html_().lstrip().startswith("<"), type(value)


def test_analysis_results_carry_no_display_of_their_own():
    """Display is registered by interop.api (notebook side), not defined in the analysis layer."""
    code = (
        "from interop.analysis import what_if, WhatIfResult; print(hasattr(WhatIfResult, '_repr_markdown_')); "
        "import interop.api; print(hasattr(WhatIfResult, '_repr_markdown_'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split() == ["False", "True"]
