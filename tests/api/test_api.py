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
