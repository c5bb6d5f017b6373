"""Interchange: graph exports, CSV and Open-PSA round trips, and a cross-check on SCRAM's inputs."""

from __future__ import annotations

import io
import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
import reference as ref
from conftest import MINI, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.analysis import Scenario, baseline, spof, what_if
from interop.analysis.graph import to_networkx
from interop.errors import ModelError
from interop.interchange.csvio import from_csv, to_csv
from interop.interchange.gexf import to_gexf
from interop.interchange.graphml import to_graphml
from interop.interchange.jsongraph import to_json_graph
from interop.interchange.openpsa import from_open_psa, to_open_psa
from interop.interchange.yamlout import dump_model
from interop.model import load_model, model_from_data
from interop.model.yaml_reader import read_yaml

SCRAM = ROOT.parent / "shared" / "peers" / "scram" / "input"
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def mini():
    return load_model(MINI)


def same_nodes(a, b) -> None:
    """Two models hold the same nodes with the same data (file locations aside)."""
    assert list(a.nodes) == list(b.nodes)
    for node_id in a.nodes:
        x, y = a[node_id], b[node_id]
        for field in ("kind", "name", "aliases", "nation", "operator", "status", "interfaces", "source", "tags"):
            assert getattr(x, field) == getattr(y, field), (node_id, field)
        strip = [(r.targets, r.any_of, r.grace_days, r.label, r.from_nation) for r in x.requires]
        assert strip == [(r.targets, r.any_of, r.grace_days, r.label, r.from_nation) for r in y.requires], node_id


# --- networkx and graph files ----------------------------------------------------------------


def test_to_networkx_carries_the_model(mini):
    g = to_networkx(mini)
    assert g.number_of_nodes() == 18
    assert g.nodes["Gripen-E"]["in_service"] is False and g.nodes["F-35A"]["in_service"] is True
    assert g.nodes["F-35A"]["aliases"] == ("F-35",) and g.nodes["F-35A"]["interfaces"] == ("Link-16", "MADL")
    assert g.edges["F-35A", "F135"] == {
        "relation": "requires",
        "item": 0,
        "any_of": False,
        "group": "",
        "grace_days": 60,
        "from_nation": False,
    }
    assert g.edges["Tanker", "KC-46"]["group"] == g.edges["Tanker", "CC-330"]["group"] == "Tanker#0"
    assert g.edges["Tanker", "KC-46"]["label"] == "refuelling"
    assert g.edges["F-35A", "MADL"] == {"relation": "interface"}
    assert g.edges["CC-330", "SWE"]["from_nation"] is True
    assert sorted(nx.descendants(g, "QRA")) == sorted(
        ["F-35A", "F135", "PW", "USA", "Tanker", "CC-330", "KC-46", "SWE", "Link-16", "Crypto", "MADL"]
    )


def test_to_networkx_after_a_scenario_uses_the_rewired_graph(mini):
    from interop.analysis import apply_scenario, resolve_scenario

    graph = apply_scenario(mini, resolve_scenario(mini, Scenario.build(replace=[("F-35", "Gripen")])))
    g = to_networkx(graph)
    assert "F-35A" not in g and g.nodes["Gripen-E"]["in_service"] is True
    assert g.has_edge("QRA", "Gripen-E") and g.edges["Gripen-E", "F414"]["grace_days"] == 90


@pytest.mark.parametrize(
    ("convert", "read"),
    [(to_graphml, nx.read_graphml), (to_gexf, nx.read_gexf)],
    ids=["graphml", "gexf"],
)
def test_graph_files_read_back_with_scalar_attributes(mini, convert, read):
    text = convert(mini)
    assert text == convert(mini)  # byte-identical every run (no timestamp)
    assert "None" not in text
    g = read(io.BytesIO(text.encode("utf-8")))
    assert sorted(g.nodes) == sorted(mini.nodes)
    assert g.number_of_edges() == to_networkx(mini).number_of_edges()
    assert g.nodes["F-35A"]["interfaces"] == "Link-16; MADL"
    assert g.edges["F-35A", "F135"]["grace_days"] == 60
    assert g.edges["Tanker", "CC-330"]["any_of"] in (True, "true")


def test_json_graph_is_node_link(mini):
    data = to_json_graph(mini)
    assert data["graph"]["edge_direction"] == "source requires target"
    g = nx.node_link_graph(data, edges="edges")
    assert g.is_directed() and g.number_of_edges() == 22
    assert g.nodes["F-35A"]["aliases"] == ["F-35"]
    assert [e for e in data["edges"] if e["source"] == "QRA"] == [
        {
            "source": "QRA",
            "target": t,
            "relation": "requires",
            "item": i,
            "any_of": False,
            "group": "",
            "grace_days": 0,
            "from_nation": False,
        }
        for i, t in ((0, "F-35A"), (2, "Link-16"), (1, "Tanker"))
    ]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "open-psa"])
def test_exports_match_golden_files(run, golden, fmt):
    extra = ["--capability", "QRA"] if fmt == "open-psa" else []
    r = run("export", "--model", MINI, "--format", fmt, *extra)
    assert r.code == 0, r.err
    golden(f"interchange/mini.{fmt.replace('-', '')}", r.out)


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_round_trip_keeps_every_node(mini):
    nodes, edges = to_csv(mini)
    assert edges.splitlines()[:3] == [
        "node,requires,group,grace_days,label,confidence,source,notes",
        "F-35A,F135,,60,,,,",
        "F135,PW,,,,,,",
    ]
    assert "Tanker,CC-330,1,,refuelling,,," in edges.splitlines()
    back = model_from_data(from_csv(nodes, edges, "nodes.csv", "edges.csv"), "nodes.csv")
    same_nodes(mini, back)


@PROPERTY
@given(ref.random_models())
def test_csv_round_trip_gives_the_same_answers(data):
    model = model_from_data(data)
    nodes, edges = to_csv(model)
    back = model_from_data({**from_csv(nodes, edges, "n.csv", "e.csv"), "model": {"home": "H"}})
    same_nodes(model, back)
    for x in [n.id for n in model if not n.is_candidate][:3]:
        scenario = Scenario.build(remove=[x])
        assert what_if(model, scenario).to_dict() == what_if(back, scenario).to_dict()
    assert spof(model, max_order=3).to_dict() == spof(back, max_order=3).to_dict()


def test_csv_import_names_file_and_line():
    nodes = "id,kind\nA,supplier\nB,platform\n"
    with pytest.raises(ModelError) as err:
        from_csv(nodes, "node,requires,grace_days\nB,A,\nB,Z,\nB,A,soon\n", "n.csv", "e.csv")
    assert [str(p) for p in err.value.problems] == [
        "e.csv:3: requires 'Z' is not in n.csv — add a row for it to n.csv, or fix the id",
        "e.csv:4: grace_days 'soon' is not a whole number ≥ 0 — write e.g. 0, 30, 90",
    ]
    with pytest.raises(ModelError, match=r"n.csv:1: missing column\(s\) kind"):
        from_csv("id,name\nA,a\n", None, "n.csv")
    with pytest.raises(ModelError, match=r"e.csv:3: the rows of group 'g' of 'B' disagree"):
        from_csv(nodes + "C,supplier\n", "node,requires,group,grace_days\nB,A,g,5\nB,C,g,7\n", "n.csv", "e.csv")


def test_csv_groups_become_any_of():
    data = from_csv(
        "id,kind\nA,supplier\nB,supplier\nP,platform\n",
        "node,requires,group,grace_days\nP,A,x,30\nP,B,x,\nP,A,,\n",
        "n.csv",
        "e.csv",
    )
    assert data["nodes"][2]["requires"] == [{"any_of": ["A", "B"], "grace_days": 30}, "A"]


def test_cli_csv_export_and_import(run, tmp_path, mini):
    out = tmp_path / "csv"
    assert run("export", "--model", MINI, "--format", "csv").code == 2  # needs -o DIRECTORY
    r = run("export", "--model", MINI, "--format", "csv", "-o", out)
    assert r.code == 0 and sorted(p.name for p in out.iterdir()) == ["edges.csv", "nodes.csv"]
    r = run("import", out, "--name", "Back", "-o", tmp_path / "back.yaml")
    assert r.code == 0, r.err
    back = load_model(tmp_path / "back.yaml")
    same_nodes(mini, back)
    assert back.name == "Back" and back.home == "CAN"
    r2 = run("import", out / "edges.csv", out / "nodes.csv")  # files in any order, to stdout
    assert r2.code == 0 and r2.out.startswith(f"# Imported by interop from {out / 'nodes.csv'} and ")
    same_nodes(mini, model_from_data(read_yaml(r2.out.encode(), "stdout.yaml")))


def test_cli_import_refuses_to_overwrite_its_input(run, tmp_path):
    out = tmp_path / "csv"
    run("export", "--model", MINI, "--format", "csv", "-o", out)
    before = (out / "nodes.csv").read_bytes()
    r = run("import", out / "nodes.csv", out / "edges.csv", "-o", out / "nodes.csv")
    assert r.code == 4 and "refusing to overwrite" in r.err
    assert (out / "nodes.csv").read_bytes() == before


def test_yaml_writer_quotes_what_yaml_would_retype():
    data = {
        "nodes": [
            {"id": "yes", "kind": "supplier", "name": "1e3"},
            {"id": "a: b", "kind": "platform", "requires": ["yes", {"any_of": ["yes", "x #y"]}]},
            {"id": "x #y", "kind": "supplier", "notes": 'say "hi"\nthere'},
        ]
    }
    text = dump_model(data)
    parsed = read_yaml(text.encode(), "t.yaml")
    model = model_from_data(parsed)
    assert model["a: b"].requires[1].targets == ("yes", "x #y")
    assert model["yes"].name == "1e3" and model["x #y"].notes == 'say "hi"\nthere'


# --- Open-PSA: a brute-force MEF evaluator, written from the MEF text ---------------------------


def mef_formula(files: list[Path]):
    """(gates, house, basic names) from MEF files; enough of MEF for the test trees."""
    gates, house, basic = {}, {}, set()

    def walk(element, scope):
        for child in element:
            name = child.get("name", "")
            if child.tag in ("define-fault-tree", "model-data"):
                walk(child, scope)
            elif child.tag == "define-component":
                walk(child, scope + name + "." if child.get("role") == "private" else scope)
            elif child.tag == "define-gate":
                gates[scope + name] = (next(c for c in child if c.tag not in ("label", "attributes")), scope)
            elif child.tag == "define-house-event":
                house[scope + name] = child.find("constant").get("value") == "true"
            elif child.tag == "define-basic-event":
                basic.add(scope + name)

    for file in files:
        walk(ET.parse(file).getroot(), "")
    return gates, house, basic


def evaluate(gates, house, name: str, failed: set[str]) -> bool:
    def value(element, scope) -> bool:
        tag = element.tag
        if tag in ("gate", "basic-event", "house-event", "event"):
            ref = element.get("name")
            full = scope + ref if scope + ref in gates or scope + ref in house else ref
            if full in gates:
                return value(*gates[full])
            if full in house:
                return house[full]
            return full in failed
        if tag == "constant":
            return element.get("value") == "true"
        args = [value(c, scope) for c in element]
        if tag == "and":
            return all(args)
        if tag == "or":
            return any(args)
        if tag == "atleast":
            return sum(args) >= int(element.get("min"))
        raise AssertionError(tag)

    return value(*gates[name])


def brute_force_cut_sets(gates, house, top: str, events: list[str], max_order: int) -> list[tuple[str, ...]]:
    found: list[frozenset[str]] = []
    for size in range(1, max_order + 1):
        for combo in itertools.combinations(sorted(events), size):
            s = frozenset(combo)
            if not any(f <= s for f in found) and evaluate(gates, house, top, set(s)):
                found.append(s)
    return sorted((tuple(sorted(s)) for s in found), key=lambda s: (len(s), s))


def basic_events_used(gates, top: str) -> list[str]:
    out, seen, stack = set(), set(), [gates[top]]
    while stack:
        element, scope = stack.pop()
        for e in element.iter():
            if e.tag in ("basic-event", "event", "gate"):
                ref = e.get("name")
                full = scope + ref if scope + ref in gates else ref
                if full in gates and full not in seen:
                    seen.add(full)
                    stack.append(gates[full])
                elif e.tag in ("basic-event", "event") and full not in gates:
                    out.add(ref)
    return sorted(out)


SCRAM_TREES = [
    ("SmallTree/SmallTree.xml", "top"),
    ("TwoTrain/two_train.xml", "TopEvent"),
    ("Theatre/theatre.xml", "Theatre"),
    ("Lift/lift.xml", "LiftDoor"),
    ("ThreeMotor/three_motor.xml", "E1"),
    ("ne574/ne574.xml", "System"),
    ("HIPPS/HIPPS.xml", "top"),
]


@pytest.mark.parametrize(("relative", "top"), SCRAM_TREES, ids=[t[0].split("/")[0] for t in SCRAM_TREES])
def test_imported_scram_trees_have_the_brute_force_cut_sets(relative, top):
    path = SCRAM / relative
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared peers checkout is not beside the repo)")
    data = from_open_psa(path.read_bytes(), str(path))
    model = model_from_data(data)
    assert [n.id for n in model if n.kind == "capability"] == [top]
    gates, house, _ = mef_formula([path])
    events = basic_events_used(gates, top)
    assert len(events) <= 16, "keep the brute force small"
    expected = brute_force_cut_sets(gates, house, top, events, len(events))
    got = spof(model, [top], max_order=len(events), kinds=["component"]).cut_sets[top]
    assert got == tuple(expected)
    components = {n.id for n in model if n.kind == "component"}
    assert components <= set(events) and {e for s in expected for e in s} <= components


def test_three_motor_folds_its_house_events():
    path = SCRAM / "ThreeMotor" / "three_motor.xml"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    model = model_from_data(from_open_psa(path.read_bytes(), str(path)))
    assert "E10" not in model and "KT1" not in model  # true house events make E10 = E12 = true, absorbed
    assert spof(model, ["E1"], max_order=2, kinds=["component"]).cut_sets["E1"] == (
        ("K5",),
        ("K1", "T2"),
        ("S1", "T2"),
        ("T1inc", "T2"),
    )


def test_open_psa_import_gates():
    xml = """<opsa-mef><define-fault-tree name="T">
      <define-gate name="top"><or><gate name="g"/><and><basic-event name="a"/><basic-event name="d"/></and></or>
      </define-gate>
      <define-gate name="g"><atleast min="2"><basic-event name="a"/><basic-event name="b"/>
        <basic-event name="c"/></atleast></define-gate>
      <define-house-event name="off"><constant value="false"/></define-house-event>
      <define-gate name="unused"><or><house-event name="off"/><basic-event name="z"/></or></define-gate>
    </define-fault-tree></opsa-mef>"""
    data = from_open_psa(xml, "t.xml", tops=["top"])
    assert {n["id"]: n.get("requires") for n in data["nodes"]} == {
        "a": None,
        "b": None,
        "c": None,
        "d": None,
        "g": [{"any_of": ["a", "b"]}, {"any_of": ["a", "c"]}, {"any_of": ["b", "c"]}],
        "top": ["g", {"any_of": ["a", "d"]}],
    }
    assert [n["kind"] for n in data["nodes"]] == ["component"] * 4 + ["system", "capability"]
    default_tops = {n["id"] for n in from_open_psa(xml, "t.xml")["nodes"] if n["kind"] == "capability"}
    assert default_tops == {"top", "unused"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('<define-gate name="t"><not><basic-event name="a"/></not></define-gate>', "uses <not>"),
        (
            '<define-gate name="t"><gate name="u"/></define-gate><define-gate name="u"><gate name="t"/></define-gate>',
            "depends on itself",
        ),
        (
            '<define-gate name="t"><or><house-event name="h"/><basic-event name="a"/></or></define-gate>'
            '<define-house-event name="h"><constant value="true"/></define-house-event>',
            "is always true",
        ),
        ('<define-gate name="t"><gate name="nope"/></define-gate>', "undefined gate 'nope'"),
    ],
    ids=["not", "cycle", "always-true", "undefined"],
)
def test_open_psa_import_refuses_what_it_cannot_model(body, message):
    with pytest.raises(ModelError, match=message):
        from_open_psa(f"<opsa-mef><define-fault-tree name='T'>{body}</define-fault-tree></opsa-mef>", "t.xml")


def test_open_psa_import_reports_bad_xml_with_line():
    with pytest.raises(ModelError, match=r"^t.xml:2: not well-formed XML"):
        from_open_psa("<opsa-mef>\n<define-gate></opsa-mef>", "t.xml")


# --- Open-PSA export: its cut sets are interop's ----------------------------------------------


def exported_cut_sets(model, capability: str, kinds=None) -> tuple[tuple[str, ...], ...]:
    """Cut sets of the exported tree, by importing it back (basic events keep their interop ids)."""
    back = model_from_data(from_open_psa(to_open_psa(baseline(model), capability, kinds), "x.xml"))
    assert [n.id for n in back if n.kind == "capability"] == [capability]
    return spof(back, [capability], max_order=len(model), kinds=["component"]).cut_sets[capability]


def test_open_psa_export_of_mini(mini):
    assert exported_cut_sets(mini, "QRA") == spof(mini, ["QRA"], max_order=len(mini)).cut_sets["QRA"]
    assert exported_cut_sets(mini, "QRA", kinds=["supplier", "nation"]) == (("PW",), ("USA",))
    assert spof(mini, ["QRA"], max_order=5, kinds=["supplier", "nation"]).cut_sets["QRA"] == (("PW",), ("USA",))


@PROPERTY
@given(ref.random_models(max_nodes=7), st.data())
def test_open_psa_round_trip_gives_spof_cut_sets_and_failures(data, draw):
    """Cycles, any_of groups and candidates included: the exported tree (read back by the importer
    and also evaluated by brute force straight from its XML) fails exactly when interop says."""
    model = model_from_data(data)
    graph = baseline(model)
    capabilities = [n for n in graph.requires if model[n].kind == "capability"] or sorted(graph.requires)[:1]
    capability = draw.draw(st.sampled_from(sorted(capabilities)))
    reqs = ref.structure(model)
    eligible = sorted(n for n in reqs if n not in (capability, model.home))
    expected = ref.minimal_cut_sets(reqs, capability, len(eligible), set(eligible))
    xml = to_open_psa(graph, capability)
    back = model_from_data(from_open_psa(xml, "x.xml"))
    got = spof(back, [capability], max_order=max(1, len(eligible)), kinds=["component"]).cut_sets[capability]
    assert list(got) == expected
    # what-if: removing a set of nodes fails the capability in the imported model iff in interop's
    removed = draw.draw(st.sets(st.sampled_from(eligible), max_size=3)) if eligible else set()
    present = sorted(n for n in removed if n in back)  # nodes outside the tree cannot matter
    lost_back = {f.id for f in what_if(back, Scenario.build(remove=present)).capabilities_lost}
    assert (capability in lost_back) == ref.fails_eventually(reqs, set(removed), capability)
    # brute force on the XML itself, through the test's own MEF evaluator
    tmp = io.StringIO(xml)
    root = ET.parse(tmp).getroot()
    gates = {
        g.get("name"): (next(c for c in g if c.tag not in ("label", "attributes")), "")
        for g in root.iter("define-gate")
    }
    top = root.find("define-fault-tree/define-gate").get("name")
    names = {b.get("name"): b.find("attributes/attribute").get("value") for b in root.iter("define-basic-event")}
    failed_names = {name for name, node in names.items() if node in removed}
    assert evaluate(gates, {}, top, failed_names) == ref.fails_eventually(reqs, set(removed), capability)


def test_open_psa_export_unfolds_a_cycle():
    # A needs B or S1; B needs A or S2. Losing S1 and S2 fails nothing: A and B hold each other up
    # (a failure must be caused). The exported tree must not loop, and must not invent {S1, S2}.
    model = model_from_data(
        [
            {"id": "S1", "kind": "supplier"},
            {"id": "S2", "kind": "supplier"},
            {"id": "A", "kind": "system", "requires": [{"any_of": ["B", "S1"]}]},
            {"id": "B", "kind": "system", "requires": [{"any_of": ["A", "S2"]}]},
            {"id": "C", "kind": "capability", "requires": ["A"]},
        ]
    )
    assert spof(model, ["C"], max_order=3).cut_sets["C"] == (("A",), ("B", "S1"))
    assert exported_cut_sets(model, "C") == (("A",), ("B", "S1"))
    xml = to_open_psa(baseline(model), "C")
    assert "Cycles are unfolded" in xml and "Grace periods are ignored" in xml


def test_open_psa_names_are_valid_identifiers():
    model = model_from_data(
        [
            {"id": "9 lives", "kind": "supplier"},
            {"id": "a.b--c", "kind": "supplier"},
            {"id": "Cap ability", "kind": "capability", "requires": ["9 lives", "a.b--c"]},
        ]
    )
    xml = to_open_psa(baseline(model), "Cap ability")
    names = [e.get("name") for e in ET.fromstring(xml).iter() if e.get("name") and e.tag != "attribute"]
    assert set(names) == {"Cap_ability", "Cap_ability-fails", "n9_lives", "a_b-c"}
    assert exported_cut_sets(model, "Cap ability") == (("9 lives",), ("a.b--c",))


def test_cli_open_psa_round_trip(run, tmp_path):
    xml, yaml_path = tmp_path / "qra.xml", tmp_path / "qra.yaml"
    assert run("export", "--model", MINI, "-f", "open-psa", "-c", "qra", "-o", xml).code == 0
    assert run("import", xml, "-o", yaml_path).code == 0
    a = run("spof", "--model", MINI, "--max-order", "3", "--format", "json")
    b = run("spof", "--model", yaml_path, "--max-order", "3", "--kinds", "component", "--format", "json")
    imported = b.out.replace('"kinds": [\n    "component"\n  ]', '"kinds": null')
    # An Open-PSA fault tree has no dates: the imported model has no as_of, so "on" is null.
    assert imported.replace('"on": null', '"on": "2026-01-01"') == a.out


def test_cli_errors(run, tmp_path):
    assert run("export", "--model", MINI, "-f", "open-psa").code == 2
    assert "one of: QRA" in run("export", "--model", MINI, "-f", "open-psa").err
    assert run("export", "--model", MINI, "-f", "open-psa", "-c", "Nope").code == 3
    assert run("export", "--model", MINI, "-f", "graphml", "-c", "QRA").code == 2
    bad = tmp_path / "bad.xml"
    bad.write_text(
        "<opsa-mef><define-fault-tree name='t'><define-gate name='g'><xor/></define-gate>"
        "</define-fault-tree></opsa-mef>"
    )
    r = run("import", bad)
    assert r.code == 3 and "uses <xor>" in r.err and "internal error" not in r.err
    assert run("import", tmp_path / "missing.xml").code == 3
    assert run("import", tmp_path / "x.txt").code == 2


def test_cli_export_after_a_scenario(run, tmp_path):
    r = run("export", "--model", MINI, "-f", "json", "--replace", "F-35", "--with", "Gripen")
    assert r.code == 0
    import json

    data = json.loads(r.out)
    ids = {n["id"] for n in data["nodes"]}
    assert "F-35A" not in ids and {"Gripen-E", "F414", "Saab"} <= ids and "PW" in ids
    assert (
        run("export", "--model", MINI, "-f", "csv", "-o", tmp_path / "x", "--replace", "F-35", "--with", "Gripen").code
        == 2
    )


SHIPPED = ROOT / "graphs" / "canada"


def test_shipped_model_fault_trees_have_the_spof_cut_sets():
    if not SHIPPED.is_dir():
        pytest.skip("the shipped model is not present")
    model = load_model(SHIPPED)
    graph = baseline(model, model.as_of_date)  # the same date spof reads (the model's as_of)
    assert graph.capabilities
    for capability in graph.capabilities:
        back = model_from_data(from_open_psa(to_open_psa(graph, capability), "x.xml"))
        got = spof(back, [capability], max_order=2, kinds=["component"]).cut_sets[capability]
        assert got == spof(model, [capability], max_order=2).cut_sets[capability], capability


def test_shipped_model_open_psa_golden(run, golden):
    if not SHIPPED.is_dir():
        pytest.skip("the shipped model is not present")
    r = run("export", "-f", "open-psa", "-c", "NORAD-Air-Sovereignty")
    assert r.code == 0, r.err
    golden("interchange/canada-norad.openpsa", r.out)
