"""Byte-identical output across hash seeds, locales and the order a model directory's files were
written in. Each run is a fresh ``python -m interop`` process, so hash randomisation really varies."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import MINI

COMMANDS = [
    ("what-if", "--replace", "F-35", "--with", "Gripen", "--embargo", "USA", "--format", "json"),
    ("spof", "--max-order", "3", "--format", "markdown"),
    ("show", "F-35A"),
]


def _locales() -> list[str]:
    try:
        available = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout.split()
    except OSError:
        available = []
    wanted = ["C", "C.UTF-8", "en_US.UTF-8", "fr_CA.UTF-8"]
    folded = {name.lower().replace("utf8", "utf-8"): name for name in available}
    return [w for w in wanted if w == "C" or w.lower() in folded]


def _write_model_directory(folder: Path, order: list[int]) -> None:
    """mini.yaml split over four files (one in a subfolder), written in ``order`` with distinct mtimes."""
    document = yaml.safe_load(MINI.read_text())
    nodes = document["nodes"]
    parts = {
        0: ("00-meta.yaml", {"model": document["model"], "nodes": nodes[:4]}),
        1: ("platforms/fighters.yaml", {"nodes": nodes[4:10]}),
        2: ("b-support.yml", {"nodes": nodes[10:15]}),
        3: ("a-capabilities.yaml", {"nodes": nodes[15:]}),
    }
    (folder / "platforms").mkdir(parents=True, exist_ok=True)
    for rank, index in enumerate(order):
        name, content = parts[index]
        path = folder / name
        path.write_text(yaml.safe_dump(content, sort_keys=False))
        stamp = time.time() - 1000 * (rank + 1)
        os.utime(path, (stamp, stamp))


def _run(model: Path, command: tuple[str, ...], cwd: Path, **env: str) -> bytes:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-m", "interop", *command, "--model", str(model.relative_to(cwd))],
        capture_output=True,
        env=environment,
        cwd=cwd,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[tuple[str, ...], bytes]]:
    root = tmp_path_factory.mktemp("determinism")
    _write_model_directory(root / "model", [0, 1, 2, 3])
    outputs = {c: _run(root / "model", c, root, PYTHONHASHSEED="0", LC_ALL="C") for c in COMMANDS}
    return root, outputs


def test_the_directory_model_equals_the_single_file(reference, run) -> None:
    _, outputs = reference
    single = run(*COMMANDS[0], "--model", MINI)
    assert single.code == 0
    assert single.out.encode() == outputs[COMMANDS[0]]


@pytest.mark.parametrize("seed", ["1", "4242", "random"])
def test_hash_seeds(reference, seed: str) -> None:
    root, outputs = reference
    for command in COMMANDS:
        assert _run(root / "model", command, root, PYTHONHASHSEED=seed, LC_ALL="C") == outputs[command], command


@pytest.mark.parametrize("locale", _locales())
def test_locales(reference, locale: str) -> None:
    root, outputs = reference
    for command in COMMANDS:
        got = _run(root / "model", command, root, PYTHONHASHSEED="7", LC_ALL=locale, LANG=locale)
        assert got == outputs[command], (locale, command)


@pytest.mark.parametrize("order", [[3, 2, 1, 0], [2, 0, 3, 1]], ids=["reversed", "shuffled"])
def test_file_orderings(reference, order: list[int]) -> None:
    root, outputs = reference
    other = root / "model-rewritten"
    _write_model_directory(other, order)
    os.rename(root / "model", root / "model-first")
    os.rename(other, root / "model")
    try:
        for command in COMMANDS:
            assert _run(root / "model", command, root, PYTHONHASHSEED="3", LC_ALL="C.UTF-8") == outputs[command]
    finally:
        os.rename(root / "model", other)
        os.rename(root / "model-first", root / "model")
