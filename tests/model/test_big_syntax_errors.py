"""A syntax error in a big file is worded from a bounded window, not by re-reading the whole file
with PyYAML (before: a 32 MB file took 2.6 GB and minutes; see docs/limits.md for the figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.model import yaml_reader

FIX = (
    "check the indentation and the brackets/quotes on this line and the one before; "
    "list items start with '- ', keys end with ': '"
)
FLOW = "YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"


def _big_model(tmp_path: Path, broken: str, at_node: int, nodes: int = 30_000) -> tuple[Path, int]:
    """A ~3 MB model with ``broken`` (a node's text) inserted before node ``at_node``; returns the
    file and the line where ``broken`` starts."""
    lines = ["nodes:", "  - {id: CAN, kind: nation}"]
    first_line = 0
    for number in range(nodes):
        if number == at_node:
            first_line = len(lines) + 1
            lines += broken.splitlines()
        lines += [f"  - id: P{number:06d}", "    kind: platform", f"    name: Platform number {number} of the fleet"]
        lines += [f"    notes: {'x' * 40}"]
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size > yaml_reader.WHOLE_FILE_WORDING
    return path, first_line


@pytest.fixture
def pyyaml_reads(monkeypatch) -> list[int]:
    """Sizes of what PyYAML is given to read."""
    import yaml

    sizes: list[int] = []
    real = yaml.compose_all

    def recording(stream, *args, **kwargs):
        sizes.append(len(stream))
        return real(stream, *args, **kwargs)

    monkeypatch.setattr(yaml, "compose_all", recording)
    return sizes


def test_an_unclosed_bracket_deep_in_a_big_file(run, tmp_path: Path, pyyaml_reads: list[int]) -> None:
    path, line = _big_model(tmp_path, "  - id: BROKEN\n    requires: [A, B\n    kind: platform", at_node=25_000)
    result = run("check", "--model", path)
    assert result.code == 3
    assert result.out == ""
    assert result.err == (f"{path}:{line + 2}: {FLOW} — {FIX}\n")
    bound = yaml_reader.WINDOW_BEFORE + yaml_reader.WINDOW_AFTER + 200
    assert pyyaml_reads and max(pyyaml_reads) <= bound


def test_a_tab_near_the_start_of_a_big_file(run, tmp_path: Path, pyyaml_reads: list[int]) -> None:
    path, line = _big_model(tmp_path, "  - id: TABBED\n\tkind: platform", at_node=3)
    result = run("check", "--model", path)
    assert result.code == 3
    assert result.err.startswith(f"{path}:{line + 1}: YAML syntax error: ")
    assert result.err.endswith("— YAML does not allow tab characters for indentation: replace tabs with spaces\n")
    assert max(pyyaml_reads) <= yaml_reader.WINDOW_BEFORE + yaml_reader.WINDOW_AFTER + 200


def test_where_the_window_reads_as_valid_rapidyamls_own_words_are_used(run, tmp_path: Path) -> None:
    """An unclosed quote runs to the end of the file: no window shows the error, so the message
    is rapidyaml's (still with a line), never a re-read of the whole file."""
    path, _ = _big_model(tmp_path, '  - id: "QUOTED\n    kind: platform', at_node=20_000)
    result = run("check", "--model", path)
    assert result.code == 3
    assert result.err.startswith(f"{path}:")
    assert "YAML syntax error" in result.err and FIX in result.err


def test_small_files_keep_pyyamls_full_wording(run, tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text("nodes:\n  - id: A\n    requires: [B\n    kind: platform\n")
    result = run("check", "--model", path)
    assert result.code == 3
    assert (
        result.err
        == f"{path}:4: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']' — {FIX}\n"
    )
