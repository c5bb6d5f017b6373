"""The JSON Schema of a model file: generated from the loader's constants, valid, and useful."""

from __future__ import annotations

import json

import pytest
from conftest import MINI, MODELS, ROOT

from interop.model import CONFIDENCES, KINDS, STATUSES
from interop.model.parse import MODEL_KEYS, NODE_KEYS, REQUIREMENT_KEYS
from interop.model.schema import model_schema
from interop.model.yaml_reader import read_yaml

jsonschema = pytest.importorskip("jsonschema")


def validator():
    schema = model_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_json(path):
    return json.loads(json.dumps(read_yaml(path.read_bytes(), str(path))))


def test_schema_follows_the_loader_constants():
    s = model_schema()
    assert list(s["$defs"]["node"]["properties"]) == list(NODE_KEYS)
    assert list(s["$defs"]["model"]["properties"]) == list(MODEL_KEYS)
    plain, group = s["$defs"]["requirement"]["oneOf"][1:]
    assert set(plain["properties"]) | set(group["properties"]) == set(REQUIREMENT_KEYS)
    assert s["$defs"]["node"]["properties"]["kind"]["enum"] == list(KINDS)
    assert s["$defs"]["node"]["properties"]["status"]["enum"] == list(STATUSES)
    assert s["$defs"]["node"]["properties"]["confidence"]["enum"] == list(CONFIDENCES)
    assert all(p.get("description") for p in s["$defs"]["node"]["properties"].values())


@pytest.mark.parametrize("path", sorted(MODELS.glob("*.yaml")), ids=lambda p: p.name)
def test_valid_test_models_pass(path):
    from interop.errors import ModelError
    from interop.model import load_model

    try:
        load_model(path)
    except ModelError:
        pytest.skip("an intentionally invalid model")
    assert list(validator().iter_errors(as_json(path))) == []


def test_shipped_model_passes():
    files = sorted((ROOT / "graphs" / "canada").glob("*.yaml"))
    if not files:
        pytest.skip("the shipped model is not present")
    v = validator()
    for path in files:
        assert [e.message for e in v.iter_errors(as_json(path))] == [], path


@pytest.mark.parametrize(
    ("node", "where"),
    [
        ({"id": "A", "kind": "plane"}, "kind"),
        ({"id": "A", "kind": "platform", "requries": ["B"]}, "requries"),
        ({"id": "A", "kind": "platform", "requires": [{"id": "B", "grace_days": -1}]}, "requires"),
        ({"id": "A", "kind": "platform", "requires": [{"any_of": []}]}, "requires"),
        ({"id": "A", "kind": "platform", "status": "retired"}, "status"),
        ({"kind": "platform"}, "id"),
    ],
    ids=["kind", "typo", "negative-grace", "empty-any_of", "status", "no-id"],
)
def test_mistakes_are_flagged(node, where):
    errors = list(validator().iter_errors({"nodes": [node]}))
    assert errors, node
    assert where in json.dumps([[*list(e.absolute_path), e.message] for e in errors])


def test_extension_keys_are_allowed():
    doc = {"x-team": 1, "nodes": [{"id": "A", "kind": "supplier", "x-cost": 3, "requires": [{"id": "B", "x_y": 1}]}]}
    assert list(validator().iter_errors(doc)) == []


def test_cli_schema(run, tmp_path):
    r = run("schema")
    assert r.code == 0 and json.loads(r.out) == model_schema()
    assert run("schema", "-o", tmp_path / "s.json").code == 0
    assert (tmp_path / "s.json").read_text() == r.out
    before = MINI.read_bytes()
    r = run("schema", "-o", MINI)  # a YAML file may be a model: never overwritten
    assert r.code == 4 and "refusing to overwrite" in r.err and MINI.read_bytes() == before


def test_schema_golden(run, golden):
    golden("interchange/schema.json", run("schema").out)
