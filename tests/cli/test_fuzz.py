"""Fuzzing the loader and the CLI: whatever the input, a clear message and a documented exit code.

Two generators: YAML-ish text assembled from the tokens that trip parsers (indentation, tabs,
flow brackets, anchors, merge keys, tags, document markers, odd bytes), and structured models
(mostly valid, with the mistakes analysts make) written out as YAML. Every run must end in a
Model or a ModelError — never another exception, a traceback, a hang or a stray output file.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from interop.errors import ModelError
from interop.model import KINDS, Model, load_model, model_from_data

DOCUMENTED_EXITS = {0, 1, 2, 3, 4}
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW_LIMIT_S = 5.0

# --- generators -------------------------------------------------------------------------------

TOKENS = [
    "nodes:",
    "model:",
    "home: CAN",
    "- ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\r\n",
    "id: ",
    "kind: ",
    "platform",
    "nation",
    "capability",
    "requires: ",
    "any_of: ",
    "grace_days: ",
    "interfaces: ",
    "status: candidate",
    "A",
    "B",
    "CAN",
    "-1",
    "1.5",
    "true",
    "null",
    "~",
    ":",
    ": ",
    ",",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "? ",
    "---",
    "...",
    "%YAML 1.2",
    "!!str ",
    "!!python/object:os.system ",
    "!custom ",
    "|",
    ">-",
    "'",
    '"',
    "#",
    "\\",
    "é",
    "𝔘",
    "\u200b",
    "\ufeff",
]


yaml_ish_text = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
raw_bytes = st.one_of(
    yaml_ish_text.map(lambda t: t.encode("utf-8")),
    st.binary(max_size=200),
    st.tuples(yaml_ish_text, st.binary(max_size=8), yaml_ish_text).map(lambda p: p[0].encode() + p[1] + p[2].encode()),
)

IDS = ["A", "B", "C", "CAN", "USA", "L16", "Cap", "a", "Ünïcode id", "with 'quote'", 'dq"x', "sp ace", "#hash"]
SCALARS = st.one_of(
    st.sampled_from(IDS),
    st.integers(-3, 400),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
)
REQUIREMENT = st.one_of(
    st.sampled_from(IDS),
    st.fixed_dictionaries(
        {"id": st.sampled_from(IDS)},
        optional={"grace_days": SCALARS, "label": st.text(max_size=5), "confidence": st.sampled_from(["high", "hi"])},
    ),
    st.fixed_dictionaries(
        {"any_of": st.one_of(st.lists(st.sampled_from(IDS), max_size=3), SCALARS)},
        optional={"grace_days": st.integers(-1, 90)},
    ),
    st.lists(st.sampled_from(IDS), max_size=2),
)
NODE = st.fixed_dictionaries(
    {
        "id": st.one_of(st.sampled_from(IDS), SCALARS),
        "kind": st.one_of(st.sampled_from(KINDS), st.sampled_from(["platfrom", "", "x"])),
    },
    optional={
        "requires": st.one_of(st.lists(REQUIREMENT, max_size=4), SCALARS),
        "interfaces": st.one_of(st.lists(st.sampled_from(IDS), max_size=2), SCALARS),
        "nation": st.sampled_from(IDS),
        "operator": st.sampled_from(IDS),
        "status": st.sampled_from(["active", "candidate", "retired"]),
        "aliases": st.one_of(st.lists(st.sampled_from([*IDS, "alias"]), max_size=2), SCALARS),
        "name": st.text(max_size=10),
        "requries": st.just(["A"]),
        "x-custom": SCALARS,
    },
)
MODEL = st.fixed_dictionaries(
    {"nodes": st.one_of(st.lists(NODE, max_size=8), SCALARS)},
    optional={"model": st.fixed_dictionaries({}, optional={"home": st.sampled_from(IDS), "name": st.text(max_size=8)})},
)

POOL = ["A", "B", "C", "Cap", "Cap two", "Ünïcode id", "with 'quote'", 'dq"x', "#hash", "a:b", "[x]", "*star", "-dash"]


@st.composite
def valid_models(draw: st.DrawFn) -> dict:
    """A valid model with awkward ids: nations, a data link, and random AND/any_of requirements
    (cycles allowed; only candidates require candidates)."""
    ids = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=9, unique_by=str.casefold))
    kinds = {i: draw(st.sampled_from([k for k in KINDS if k not in ("nation", "datalink")])) for i in ids}
    kinds[ids[0]] = "capability"
    candidate = {i: draw(st.booleans()) and kinds[i] != "capability" for i in ids}
    nodes: list[dict] = [
        {"id": "CAN", "kind": "nation"},
        {"id": "USA", "kind": "nation"},
        {"id": "L16", "kind": "datalink", "requires": [{"id": "USA", "grace_days": 30}]},
    ]
    for node_id in ids:
        allowed = [t for t in ids if t != node_id and (candidate[node_id] or not candidate[t])] + ["USA"]
        requires: list = []
        for _ in range(draw(st.integers(0, 3))):
            if draw(st.booleans()):
                requires.append(draw(st.sampled_from(allowed)))
            else:
                group = draw(st.lists(st.sampled_from(allowed), min_size=1, max_size=3, unique=True))
                requires.append({"any_of": group, "grace_days": draw(st.integers(0, 90))})
        node: dict = {"id": node_id, "kind": kinds[node_id], "requires": requires}
        if candidate[node_id]:
            node["status"] = "candidate"
        if draw(st.booleans()):
            node["interfaces"] = ["L16"]
        if draw(st.booleans()):
            node["operator"] = draw(st.sampled_from(["CAN", "USA"]))
        nodes.append(node)
    return {"model": {"name": "fuzz", "home": "CAN"}, "nodes": nodes}


def _load_or_error(path: Path) -> Model | ModelError:
    started = time.perf_counter()
    try:
        result: Model | ModelError = load_model(path)
    except ModelError as error:
        result = error
    assert time.perf_counter() - started < SLOW_LIMIT_S, "the loader took too long on a tiny input"
    return result


def _check_problems(error: ModelError) -> None:
    assert error.problems, "a ModelError must carry at least one problem"
    for problem in error.problems:
        assert " — " in str(problem), f"message lacks 'what — how to fix': {problem}"
        assert problem.line is None or problem.line >= 1


# --- the loader -------------------------------------------------------------------------------


@FUZZ
@given(data=raw_bytes)
def test_loader_never_crashes_on_yaml_ish_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "model.yaml"
    path.write_bytes(data)
    result = _load_or_error(path)
    if isinstance(result, ModelError):
        _check_problems(result)
        assert all(p.path == str(path) for p in result.problems)
    else:
        assert len(result) >= 1


@FUZZ
@given(document=MODEL, style=st.sampled_from(["block", "flow", "json"]))
def test_loader_agrees_with_model_from_data(
    tmp_path_factory: pytest.TempPathFactory, document: dict, style: str
) -> None:
    """The same document gives the same verdict (and the same nodes) from a file and from data."""
    path = tmp_path_factory.mktemp("fuzz") / "model.yaml"
    if style == "json":
        text = json.dumps(document, ensure_ascii=False)
    else:
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, default_flow_style=style == "flow")
    path.write_text(text, encoding="utf-8")
    from_file = _load_or_error(path)
    try:
        from_data: Model | ModelError = model_from_data(document, origin=str(path))
    except ModelError as error:
        from_data = error
    assert type(from_file) is type(from_data), f"{from_file!s} vs {from_data!s}"
    if isinstance(from_file, ModelError):
        _check_problems(from_file)
        without_lines = re.compile(re.escape(str(path)) + r":\d+")
        assert {without_lines.sub(str(path), p.what) for p in from_file.problems} == {
            p.what for p in from_data.problems
        }
    else:
        assert list(from_file.nodes) == list(from_data.nodes)
        for a, b in zip(from_file, from_data, strict=True):
            assert [(r.targets, r.any_of, r.grace_days) for r in a.requires] == [
                (r.targets, r.any_of, r.grace_days) for r in b.requires
            ]


# --- the CLI ----------------------------------------------------------------------------------

COMMANDS = [
    ("check",),
    ("list",),
    ("list", "--format", "json"),
    ("list", "--format", "markdown", "--nation", "USA"),
    ("show", "{id}"),
    ("show", "{id}", "--format", "markdown"),
    ("show", "{id}", "--format", "json"),
    ("what-if", "--remove", "{id}"),
    ("what-if", "--remove", "{id}", "--format", "markdown"),
    ("what-if", "--embargo", "USA", "--format", "json"),
    ("what-if", "--replace", "{id}", "--with", "{other}", "--format", "markdown"),
    ("what-if", "--mix", "{id}", "--with", "{other}", "--format", "json"),
    ("what-if", "--remove", "{id}", "--at", "30"),
    ("spof",),
    ("spof", "--format", "json", "--max-order", "3"),
    ("spof", "--capability", "{id}", "--format", "markdown"),
    ("spof", "--capability", "{id}", "--kinds", "supplier,nation"),
    ("spof", "--format", "markdown", "--kinds", "nope"),
]


@FUZZ
@given(
    document=st.one_of(valid_models(), valid_models(), MODEL),
    command=st.sampled_from(COMMANDS),
    to_file=st.booleans(),
    data=st.data(),
)
def test_cli_on_random_models(
    tmp_path_factory: pytest.TempPathFactory, run, document: dict, command, to_file: bool, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("cli")
    model = folder / "model.yaml"
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    model.write_text(text, encoding="utf-8")
    ids = (
        [str(n.get("id")) for n in document["nodes"] if isinstance(n, dict)]
        if isinstance(document["nodes"], list)
        else []
    )
    ids = ids or ["A"]
    words = {"id": data.draw(st.sampled_from(ids)), "other": data.draw(st.sampled_from(ids))}
    args = [part.format(**words) for part in command] + ["--model", str(model)]
    output = folder / "out" / "result.txt"
    output.parent.mkdir()
    if to_file and command[0] != "check":
        args += ["-o", str(output)]
    started = time.perf_counter()
    result = run(*args)
    assert time.perf_counter() - started < SLOW_LIMIT_S
    event(f"{command[0]} exit {result.code}")
    assert "internal error" not in result.err
    assert result.code in DOCUMENTED_EXITS, result.err
    assert model.read_text(encoding="utf-8") == text
    if result.code not in (0, 1):
        assert not any(output.parent.iterdir()), "an output file was left behind after a failure"
        assert result.err.strip(), "a failure must say why on stderr"
    elif to_file and command[0] != "check":
        assert [p.name for p in output.parent.iterdir()] == ["result.txt"]
        assert output.read_text(encoding="utf-8").strip()
        assert result.out == ""


@FUZZ
@given(document=valid_models())
def test_valid_models_load(document: dict) -> None:
    """The generator of valid models really makes valid ones (so the CLI fuzz reaches the analysis)."""
    model = model_from_data(document)
    assert model.home == "CAN"
    assert len(model) == len(document["nodes"])


@FUZZ
@given(data=raw_bytes, command=st.sampled_from(COMMANDS[:3] + COMMANDS[5:6] + COMMANDS[9:10]))
def test_cli_on_random_bytes(tmp_path_factory: pytest.TempPathFactory, run, data: bytes, command) -> None:
    folder = tmp_path_factory.mktemp("cli")
    model = folder / "model.yaml"
    model.write_bytes(data)
    output = folder / "result.txt"
    args = [*command, "--model", str(model)] + ([] if command[0] == "check" else ["-o", str(output)])
    result = run(*args)
    assert "internal error" not in result.err
    assert result.code in DOCUMENTED_EXITS, result.err
    if result.code not in (0, 1):
        assert sorted(p.name for p in folder.iterdir()) == ["model.yaml"]
        assert model.read_bytes() == data


# --- issue 16 families: anchors, numeric ids, control characters, exports parsed back ---------

ANCHOR_NAMES = ["g", "h"]


@st.composite
def anchored_models(draw: st.DrawFn) -> tuple[str, dict[str, list[tuple[str, ...]]]]:
    """YAML text whose requirement groups are anchored, aliased and re-anchored under the same
    names, and what each node must require by YAML's rule (an alias is the latest anchor's value
    as it was read)."""
    parts = ["A", "B", "C", "D"]
    lines = ["nodes:", "  - {id: CAN, kind: nation}"] + [f"  - {{id: {p}, kind: component}}" for p in parts]
    current: dict[str, tuple[str, ...]] = {}
    expected: dict[str, list[tuple[str, ...]]] = {}
    for number in range(draw(st.integers(1, 8))):
        name = draw(st.sampled_from(ANCHOR_NAMES))
        if name in current and draw(st.booleans()):
            lines.append(f"  - {{id: P{number}, kind: platform, requires: [*{name}]}}")
            expected[f"P{number}"] = [current[name]]
        else:
            group = tuple(draw(st.lists(st.sampled_from(parts), min_size=1, max_size=3, unique=True)))
            lines.append(f"  - {{id: P{number}, kind: platform, requires: [&{name} {{any_of: [{', '.join(group)}]}}]}}")
            current[name] = group
            expected[f"P{number}"] = [group]
    return "\n".join(lines) + "\n", expected


@FUZZ
@given(case=anchored_models())
def test_anchors_mean_what_yaml_says(tmp_path_factory: pytest.TempPathFactory, case) -> None:
    text, expected = case
    path = tmp_path_factory.mktemp("anchors") / "model.yaml"
    path.write_text(text)
    model = load_model(path)
    assert {p: [r.targets for r in model[p].requires] for p in expected} == expected


NUMBERS = st.one_of(
    st.from_regex(r"[0-9]{1,4}\.[0-9]{1,3}0", fullmatch=True),
    st.from_regex(r"0[0-9]{1,3}", fullmatch=True),
    st.from_regex(r"[1-9][0-9]?e[0-9]", fullmatch=True),
    st.from_regex(r"[0-9]{1,6}", fullmatch=True),
)


@FUZZ
@given(numbers=st.lists(NUMBERS, min_size=1, max_size=5, unique=True))
def test_unquoted_numeric_ids_stay_as_written(tmp_path_factory: pytest.TempPathFactory, run, numbers) -> None:
    lines = ["nodes:", "  - {id: CAN, kind: nation}"] + [f"  - {{id: {n}, kind: system}}" for n in numbers]
    lines.append(f"  - {{id: Cap, kind: capability, requires: [{', '.join(numbers)}]}}")
    path = tmp_path_factory.mktemp("numbers") / "model.yaml"
    path.write_text("\n".join(lines) + "\n")
    model = load_model(path)
    assert sorted(numbers) == sorted(n for n in model.nodes if n not in ("CAN", "Cap"))
    assert [r.targets for r in model["Cap"].requires] == [(n,) for n in numbers]
    result = run("what-if", "--model", path, "--remove", numbers[0], "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["capabilities"]["lost"] == [{"id": "Cap", "at_days": 0}]


CONTROL_TEXT = st.text(
    alphabet=st.one_of(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), st.sampled_from("ab é→")), max_size=8
)
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
HUMAN_COMMANDS = [
    ("check",),
    ("list",),
    ("show", "{id}"),
    ("what-if", "--remove", "{id}"),
    ("what-if", "--remove", "{id}", "--format", "markdown"),
    ("what-if", "--remove", "{id}", "--format", "json"),
    ("spof", "--format", "markdown"),
    ("explain", "{id}", "--remove", "{id}"),
    ("report", "--remove", "{id}"),
    ("diagram", "--format", "mermaid"),
]


@FUZZ
@given(
    document=valid_models(),
    names=st.lists(CONTROL_TEXT, min_size=1, max_size=4),
    command=st.sampled_from(HUMAN_COMMANDS),
    bad_id=st.booleans(),
)
def test_control_characters_never_reach_the_terminal(
    tmp_path_factory: pytest.TempPathFactory, run, document: dict, names, command, bad_id: bool
) -> None:
    for node, name in zip(document["nodes"][3:], names, strict=False):
        node["name"] = name
        node["notes"] = name
    in_service = [n["id"] for n in document["nodes"][3:] if n.get("status") != "candidate"]
    target = next((i for i in in_service if not i.startswith("-")), "USA")  # an id, not an option
    if bad_id:
        document["nodes"].append({"id": "X\x1b[2J", "kind": "system"})
    path = tmp_path_factory.mktemp("controls") / "model.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run(*[part.format(id=target) for part in command], "--model", path)
    assert result.code == (3 if bad_id else 0), result.err
    assert not RAW_CONTROLS.search(result.out) and not RAW_CONTROLS.search(result.err)
    if bad_id:
        assert "holds a control character (U+001B)" in result.err


@FUZZ
@given(document=valid_models(), names=st.lists(CONTROL_TEXT, max_size=4), grace=st.integers(0, 10**40))
def test_every_export_parses_back_in_its_own_reader(
    tmp_path_factory: pytest.TempPathFactory, run, document: dict, names, grace: int
) -> None:
    import io
    import xml.etree.ElementTree as ET

    import networkx as nx

    for node, name in zip(document["nodes"][3:], names, strict=False):
        node["name"] = name
    document["nodes"][2]["requires"][0]["grace_days"] = grace
    folder = tmp_path_factory.mktemp("exports")
    path = folder / "model.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    model = load_model(path)
    for fmt in ("graphml", "gexf", "json"):
        out = folder / f"out.{fmt}"
        result = run("export", "--model", path, "--format", fmt, "-o", out)
        assert result.code == 0, result.err
        data = out.read_bytes()
        if fmt == "json":
            graph = nx.node_link_graph(json.loads(data))
        else:
            ET.fromstring(data)
            graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(data))
        assert set(graph.nodes) == set(model.nodes)
        assert int(graph.edges["L16", "USA"].get("grace_days", 0)) == grace
    capability = next(n.id for n in model if n.kind == "capability")
    psa = folder / "tree.xml"
    assert run("export", "--model", path, "--format", "open-psa", "--capability", capability, "-o", psa).code == 0
    ET.fromstring(psa.read_bytes())
    assert run("import", psa, "-o", folder / "from-psa.yaml").code == 0
    assert run("export", "--model", path, "--format", "csv", "-o", folder / "csv").code == 0
    assert run("import", folder / "csv", "-o", folder / "from-csv.yaml").code == 0
    again = load_model(folder / "from-csv.yaml")
    assert list(again.nodes) == list(model.nodes)
    for node in model:  # CSV cells are trimmed on import (stray spreadsheet spaces), names included
        assert again[node.id].name == (node.name.strip() or node.id)
        assert [(r.targets, r.any_of, r.grace_days) for r in again[node.id].requires] == [
            (r.targets, r.any_of, r.grace_days) for r in node.requires
        ]
