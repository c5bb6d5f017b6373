"""Shared test helpers: run the CLI in-process, compare golden files, locate test models."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles: "dev" (the default) is quick for local runs; "ci" is the full run that
# .ci/run selects with HYPOTHESIS_PROFILE=ci. Property tests leave max_examples to the profile.
settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# Tests never write to the user's model cache (tests/test_cache.py turns it on in a temp folder).
os.environ["INTEROP_CACHE"] = "0"

ROOT = Path(__file__).resolve().parent.parent
MODELS = Path(__file__).resolve().parent / "models"
GOLDEN = Path(__file__).resolve().parent / "golden"
MINI = MODELS / "mini.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing.",
    )


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run ``interop ARGS…`` in-process through the real entry point; returns code, out, err."""
    from interop.cli import main

    def invoke(*args: str) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """``golden(path, text)``: compare ``text`` with the file at ``path`` byte for byte
    (relative paths are under tests/golden/); with --update-golden, rewrite the file instead."""
    update = request.config.getoption("--update-golden")

    def check(path: str | Path, text: str | bytes) -> None:
        target = Path(path) if Path(path).is_absolute() else GOLDEN / path
        data = text.encode("utf-8") if isinstance(text, str) else text
        if update or not target.exists():
            if not update:
                pytest.fail(f"golden file {target} is missing — run pytest --update-golden to create it")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            return
        expected = target.read_bytes()
        if expected != data:
            import difflib

            diff = "\n".join(
                difflib.unified_diff(
                    expected.decode(errors="replace").splitlines(),
                    data.decode(errors="replace").splitlines(),
                    "golden",
                    "actual",
                    lineterm="",
                    n=2,
                )
            )
            pytest.fail(
                f"output differs from golden file {target} (run pytest --update-golden "
                f"if the change is intended):\n{diff[:4000]}"
            )

    return check
