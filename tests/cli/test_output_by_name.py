"""Output files (contract 4.3): the format from -o FILE's extension, usage errors (exit 2, nothing
written) when it contradicts --format or names a format the command cannot write, '-o -' for
standard output, and no crash on any stdout encoding (ASCII fallbacks)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import MINI


def test_diagram_png_by_name(run, tmp_path):
    target = tmp_path / "f35.png"
    result = run("diagram", "--model", MINI, "--focus", "F-35", "-o", target)
    assert result.code == 0, result.err
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize(
    ("name", "start"),
    [("x.svg", b"<?xml"), ("x.dot", b"digraph"), ("x.gv", b"digraph"), ("x.mmd", b"flowchart")],
)
def test_diagram_text_formats_by_name(run, tmp_path, name, start):
    target = tmp_path / name
    assert run("diagram", "--model", MINI, "--focus", "QRA", "-o", target).code == 0
    assert target.read_bytes().lstrip().startswith(start), target.read_bytes()[:80]


def test_what_if_json_markdown_and_text_by_name(run, tmp_path):
    args = ("what-if", "--model", MINI, "--embargo", "USA")
    assert run(*args, "-o", tmp_path / "a.json").code == 0
    assert json.loads((tmp_path / "a.json").read_text())["capabilities"]["lost"] == [{"id": "QRA", "at_days": 30}]
    assert run(*args, "-o", tmp_path / "a.md").code == 0
    assert (tmp_path / "a.md").read_text() == run(*args, "--format", "markdown").out
    assert run(*args, "-o", tmp_path / "a.TXT").code == 0
    assert (tmp_path / "a.TXT").read_text() == run(*args).out


def test_report_html_by_name(run, tmp_path):
    target = tmp_path / "r.html"
    assert run("report", "--model", MINI, "--embargo", "USA", "-o", target).code == 0
    assert target.read_text().startswith("<!DOCTYPE html>")


def test_export_by_name_needs_no_format(run, tmp_path):
    assert run("export", "--model", MINI, "-o", tmp_path / "m.graphml").code == 0
    assert "<graphml" in (tmp_path / "m.graphml").read_text()
    assert run("export", "--model", MINI, "--capability", "QRA", "-o", tmp_path / "qra.xml").code == 0
    assert "<define-fault-tree" in (tmp_path / "qra.xml").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("diagram", "--format", "svg", "-o", "x.png"), "names a png file but --format is svg"),
        (
            ("what-if", "--embargo", "USA", "--format", "json", "-o", "x.md"),
            "names a markdown file but --format is json",
        ),
        (("spof", "-o", "x.png"), "cannot write png (.png)"),
        (("report", "-o", "x.json"), "cannot write json (.json)"),
        (("diagram", "-o", "x.html"), "cannot write html (.html)"),
        (("what-if", "-o", "x.log"), "cannot tell the format from .log"),
    ],
)
def test_contradictions_are_usage_errors_and_write_nothing(run, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(*args[:1], "--model", MINI, *args[1:])
    assert result.code == 2
    assert message in result.err
    assert list(tmp_path.iterdir()) == []


def test_unknown_extension_with_format_writes_that_format(run, tmp_path):
    target = tmp_path / "answer.log"
    assert run("what-if", "--model", MINI, "--embargo", "USA", "--format", "json", "-o", target).code == 0
    assert json.loads(target.read_text())["scenario"]["operations"] == [["embargo", "USA"]]


def test_dash_is_standard_output(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("what-if", "--model", MINI, "--embargo", "USA", "--format", "json", "-o", "-")
    assert result.code == 0 and json.loads(result.out)["failed"][0] == {"id": "Crypto", "at_days": 0}
    assert list(tmp_path.iterdir()) == []


def test_png_to_a_pipe_with_dash(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "interop", "diagram", "--model", str(MINI), "--focus", "QRA", "-f", "png", "-o", "-"],
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\x89PNG")
    assert list(tmp_path.iterdir()) == []


COMMANDS = [
    ("what-if", "--replace", "F-35", "--with", "Gripen"),
    ("what-if", "--embargo", "USA", "--timeline"),
    ("explain", "NORAD-Air-Sovereignty", "--embargo", "USA"),
    ("exposure",),
    ("spof", "--capability", "NORAD-Air-Sovereignty", "--max-order", "3"),
    ("compare", "--replace", "F-35", "--with", "Gripen"),
    ("report", "--embargo", "USA"),
    ("diagram", "--focus", "QRA", "--format", "mermaid"),
    ("what-if", "--help"),
]


def _run(args: tuple[str, ...], encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "INTEROP_CACHE": "0"}
    return subprocess.run([sys.executable, "-m", "interop", *args], capture_output=True, env=env, check=False)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_no_crash_on_a_narrow_console(args, encoding):
    done = _run(args, encoding)
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    text = done.stdout.decode(encoding)  # every byte is in the console's encoding
    assert text.strip()
    if encoding == "ascii" and args[0] == "what-if" and "--help" not in args:
        assert "->" in text or "<->" in text or "--" in text  # fallbacks, not question marks


def test_json_on_an_ascii_pipe_is_the_same_document():
    args = ("what-if", "--replace", "F-35", "--with", "Gripen", "--format", "json")
    narrow, wide = _run(args, "ascii"), _run(args, "utf-8")
    assert narrow.returncode == 0
    assert json.loads(narrow.stdout.decode("ascii")) == json.loads(wide.stdout.decode("utf-8"))


def test_fallbacks_are_plain_ascii():
    from interop.textsafe import to_ascii

    assert to_ascii("F-35A ↔ DNK · MADL — boom→drogue ≤ 3 … Québec") == (
        "F-35A <-> DNK . MADL -- boom->drogue <= 3 ... Quebec"
    )


def test_an_error_message_on_an_ascii_console_is_readable():
    done = _run(("what-if", "--remove", "Grïpen"), "ascii")
    assert done.returncode == 3
    message = done.stderr.decode("ascii")
    assert "unknown id 'Gripen' in the model -- " in message  # the accent dropped, the dash spelt out


def test_written_files_are_utf8_whatever_the_console(tmp_path):
    target = tmp_path / "a.txt"
    assert _run(("what-if", "--embargo", "USA", "-o", str(target)), "ascii").returncode == 0
    assert "·" in target.read_text(encoding="utf-8")


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    from interop.cli.options import use_colour

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(Tty()) and not use_colour(object())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Tty())
