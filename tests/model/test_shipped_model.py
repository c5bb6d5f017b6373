"""The shipped model (graphs/canada): sourced, consistent, and its headline scenarios kept as golden
files in docs/scenarios/ (regenerate on purpose with ``pytest --update-golden``)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT

from interop.analysis import baseline
from interop.model import load_model
from interop.model.lint import missing_sources
from interop.shipped import shipped_model_path

SCENARIOS = ROOT / "docs" / "scenarios"
HEADLINES = {
    "replace-f35-with-gripen.md": ["what-if", "--replace", "F-35", "--with", "Gripen"],
    "embargo-usa.md": ["what-if", "--embargo", "USA"],
    "gripen-then-embargo-usa.md": ["what-if", "--replace", "F-35", "--with", "Gripen", "--embargo", "USA"],
    "remove-pratt-whitney.md": ["what-if", "--remove", "Pratt & Whitney"],
    "gripen-then-embargo-swe.md": ["what-if", "--replace", "F-35", "--with", "Gripen", "--embargo", "SWE"],
    "spof-all-capabilities.md": ["spof"],
}


@pytest.fixture(scope="module")
def model():
    return load_model(shipped_model_path())


def test_shipped_model_is_found_and_valid(run):
    assert shipped_model_path().is_dir()
    assert run("check", "--require-sources").code == 0


def test_every_node_has_a_source_and_a_confidence(model):
    assert missing_sources(model) == []
    for node in model:
        assert node.source and node.confidence in ("high", "medium", "low"), node.id


def test_every_source_url_is_well_formed(model):
    sources = [s for n in model for s in n.source] + [s for n in model for r in n.requires for s in r.source]
    assert sources
    for source in sources:
        if not source.startswith(("http://", "https://")):
            continue  # a document reference, not a URL
        parsed = urlparse(source)
        assert parsed.netloc and "." in parsed.netloc and not re.search(r"\s", source), source


def test_ids_and_aliases_are_unique_ignoring_case(model):
    names = [n.id.casefold() for n in model] + [a.casefold() for n in model for a in n.aliases]
    assert len(names) == len(set(names))


def test_every_capability_is_reachable_from_a_supplier(model):
    graph = baseline(model)
    for capability in graph.capabilities:
        upstream = graph.upstream([capability])
        assert any(model[n].kind == "supplier" for n in upstream), capability


def test_headline_aliases_resolve(model):
    assert model.find("F-35") == "F-35A"
    assert model.find("gripen") is not None
    assert model.find("Pratt & Whitney") is not None


@pytest.mark.parametrize("name", sorted(HEADLINES))
def test_headline_scenarios_match_their_golden_files(run, golden, name):
    result = run(*HEADLINES[name], "--format", "markdown")
    assert result.code == 0, result.err
    golden(SCENARIOS / name, result.out)


def test_no_stale_scenario_files():
    written = {p.name for p in Path(SCENARIOS).glob("*.md")} - {"README.md"}
    assert written <= set(HEADLINES), written - set(HEADLINES)
