"""The study: one question answered once, and every output telling the same facts.

Two regressions of issue 11 are pinned here across every output that states the fact (text,
Markdown, JSON, report, diagram): how a day-0 failure came about is read from the scenario (a
removed nation is "removed", never guessed "embargoed" from its kind), and "nodes failed" under
an embargo is one number (the nation itself not counted) in every table.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import MINI, ROOT

from interop.analysis import Scenario, Study, interoperability_links, what_if
from interop.analysis.cascade import cascade
from interop.analysis.exposure import exposure
from interop.analysis.scenario import apply_scenario, baseline
from interop.model import load_model

SHIPPED = ROOT / "graphs" / "canada"


@pytest.fixture(scope="module")
def mini():
    return load_model(MINI)


# --- the study itself -----------------------------------------------------------------------------


def test_study_holds_each_answer_once(mini):
    study = Study.of(mini, Scenario.build(replace=[("f-35", "gripen")], embargo=["usa"]))
    assert [op.as_list() for op in study.scenario.operations] == [["replace", "F-35A", "Gripen-E"], ["embargo", "USA"]]
    assert study.cascade is study.cascade and study.links_after is study.links_after
    assert study.what_if().study is study and study.exposure() is study.exposure()
    assert study.structure.initial_failures == () and study.state.initial_failures == ("USA",)
    assert study.structure.requires is study.state.requires
    assert dict(study.origins) == {"F-35A": "replaced", "USA": "embargoed"}
    assert study.origin("Crypto") is None


def test_links_after_equal_a_fresh_link_pass(mini):
    """The study filters the structural links by what works; the contract's definition recomputes
    them on the failed graph. Both must give the same set, on every day."""
    scenario = Scenario.build(replace=[("F-35A", "Gripen-E")], embargo=["USA"])
    for at in (None, 0, 29, 30, 90):
        study = Study.of(mini, Scenario(scenario.operations, at))
        graph = apply_scenario(mini, study.scenario)
        assert study.links_after == interoperability_links(graph, cascade(graph), at)
    assert Study.of(mini).links_before == interoperability_links(baseline(mini))


def test_exposure_links_equal_a_fresh_link_pass(mini):
    study = Study.of(mini, Scenario.build(replace=[("F-35A", "Gripen-E")]))
    for nation in study.exposure().nations:
        failures = cascade(study.structure, [nation.nation])
        expected = interoperability_links(study.structure) - interoperability_links(study.structure, failures)
        assert nation.links_lost == tuple(sorted(expected))


def test_functions_and_study_agree(mini):
    scenario = Scenario.build(mix=[("F-35A", "Gripen-E")], remove=["PW"], at_days=60)
    study = Study.of(mini, scenario)
    assert what_if(mini, scenario) == study.what_if()
    assert exposure(mini, scenario).to_dict() == study.exposure().to_dict()


# --- regression 1: a removed nation is "removed" everywhere ---------------------------------------


REMOVE_USA = ("--model", MINI, "--remove", "USA")


def test_removed_nation_reads_removed_in_every_output(run):
    outputs = {
        "what-if text": run("what-if", *REMOVE_USA, "--timeline").out,
        "what-if markdown": run("what-if", *REMOVE_USA, "--timeline", "--format", "markdown").out,
        "explain": run("explain", "QRA", *REMOVE_USA).out,
        "report": run("report", *REMOVE_USA).out,
        # grouped by kind, so the nation is drawn as a node (by nation it is the box around its nodes)
        "diagram dot": run("diagram", *REMOVE_USA, "--group-by", "kind").out,
        "diagram mermaid": run("diagram", *REMOVE_USA, "--group-by", "kind", "--format", "mermaid").out,
        "diagram dot, shipped": run("diagram", "--remove", "USA").out,
    }
    for name, text in outputs.items():
        assert "embargoed" not in text, f"{name} calls the removed USA embargoed"
    assert "USA removed" in outputs["what-if text"]
    assert "| 0 | removed | USA |" in outputs["what-if markdown"]
    assert "removal of USA (day 0)" in outputs["explain"]
    assert "| USA | United States | removed |" in outputs["report"]  # the change table
    assert re.search(r"^\| 0 \| USA \| nation \| United States \| removed \|", outputs["report"], re.M)  # failures
    assert "USA\\nUnited States\\nremoved, day 0" in outputs["diagram dot"]
    assert "USA<br/>United States<br/>removed, day 0" in outputs["diagram mermaid"]
    assert "USA\\nUnited States\\nremoved, day 0" in outputs["diagram dot, shipped"]
    data = json.loads(run("what-if", *REMOVE_USA, "--timeline", "--format", "json").out)
    assert {"day": 0, "event": "removed", "id": "USA", "because": None} in data["timeline"]
    assert data["scenario"]["operations"] == [["remove", "USA"]]


def test_embargoed_nation_reads_embargoed(run):
    embargo = ("--model", MINI, "--embargo", "USA")
    report = run("report", *embargo).out
    assert "| USA | United States | embargoed |" in report
    assert re.search(r"^\| 0 \| USA \| nation \| United States \| embargoed \|", report, re.M)
    assert "USA\\nUnited States\\nembargoed, day 0" in run("diagram", *embargo, "--group-by", "kind").out
    assert "USA embargoed" in run("what-if", *embargo, "--timeline").out


def test_removed_supplier_reads_removed(run):
    report = run("report", "--model", MINI, "--remove", "PW").out
    assert re.search(r"^\| 0 \| PW \| supplier \| Pratt & Whitney \| removed \|", report, re.M)


# --- regression 2: one "nodes failed" count -------------------------------------------------------


def _counts(run, *args: str) -> dict[str, dict[str, int]]:
    """Per output, nation → the "nodes failed" number it prints."""
    text = run("exposure", *args).out
    markdown = run("exposure", *args, "--format", "markdown").out
    data = json.loads(run("exposure", *args, "--format", "json").out)
    report = run("report", *args).out
    table = report.split("## Exposure by nation")[1].split("## Diagram")[0]
    markdown_row = r"^\| (\w+) \| \d+ \| [^|]+ \| \d+ \| (\d+) \|"
    return {
        "text": {m[0]: int(m[1]) for m in re.findall(r"^(\w+) — .*, (\d+) other nodes? fails?$", text, re.M)},
        "markdown": {m[0]: int(m[1]) for m in re.findall(markdown_row, markdown, re.M)},
        "json": {n["nation"]: n["nodes_failed"] for n in data["nations"]},
        "json failed list": {n["nation"]: sum(f["id"] != n["nation"] for f in n["failed"]) for n in data["nations"]},
        "report": {m[0]: int(m[1]) for m in re.findall(r"^\| (\w+) \| [^|]+ \| (\d+) \|", table, re.M)},
    }


def test_nodes_failed_is_one_number_in_every_output(run):
    counts = _counts(run, "--model", MINI, "--replace", "F-35", "--with", "Gripen")
    # By hand: an embargo of USA fails Crypto, PW, GE, F135, F414, Link-16 (day 30), Gripen-E (day
    # 90) and QRA: 8 nodes besides USA itself (KC-46 is USA-operated but does not require USA).
    assert counts["json"]["USA"] == 8
    for name, by_nation in counts.items():
        assert by_nation == counts["json"], f"{name} prints another 'nodes failed' count"


def test_nodes_failed_agrees_on_the_shipped_model(run):
    counts = _counts(run, "--model", SHIPPED, "--replace", "F-35", "--with", "Gripen")
    assert len(counts["json"]) > 5
    for name, by_nation in counts.items():
        assert by_nation == counts["json"], f"{name} prints another 'nodes failed' count"


# --- the command line's flags stay in the CLI -----------------------------------------------------


def test_analysis_errors_name_keywords_and_the_cli_names_flags(mini, run):
    from interop.errors import ScenarioError

    with pytest.raises(ScenarioError) as caught:
        what_if(mini, Scenario.build(embargo=["PW"]))
    assert str(caught.value) == "cannot embargo PW: it is a supplier, not a nation — use remove=['PW'] to take it away"
    assert "--" not in str(caught.value)
    r = run("what-if", "--model", MINI, "--embargo", "PW")
    assert r.code == 3
    assert r.err == "interop: cannot embargo PW: it is a supplier, not a nation — use --remove PW to take it away\n"


def test_model_errors_name_the_option_only_on_the_command_line(tmp_path, run):
    from interop.errors import ModelError

    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(ModelError) as caught:
        load_model(missing)
    assert "--model" not in str(caught.value) and "check the path" in str(caught.value)
    assert "check the --model path" in run("check", "--model", missing).err


def test_cause_of_names_the_requirement_as_rewired_with_its_source() -> None:
    from conftest import MINI

    from interop.analysis import Scenario, what_if
    from interop.model import load_model

    model = load_model(MINI)
    result = what_if(model, Scenario.build(replace=[("F-35", "Gripen")], embargo=["USA"]))
    usa = result.cause_of("USA")
    assert usa is not None and usa.origin == "embargoed" and usa.requirement is None
    qra = result.cause_of("QRA")
    assert qra is not None and qra.trigger in qra.requirement.targets
    rewired = [r for r in result.graph.requires["QRA"] if "Gripen-E" in r.targets]
    original = [r for r in model.nodes["QRA"].requires if "F-35A" in r.targets]
    assert rewired and original and rewired[0].source == original[0].source  # the source survives rewiring
    assert result.cause_of("Saab") is None  # Saab does not fail
