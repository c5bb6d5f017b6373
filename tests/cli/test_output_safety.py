"""Output safety: atomic writes, never onto a model input (however it is spelled), no temp files
left behind — also when the write fails or is interrupted with Ctrl-C."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from interop.errors import OutputError
from interop.output import write_atomic

MODEL = (
    "nodes:\n  - {id: CAN, kind: nation}\n  - {id: A, kind: platform}\n  - {id: C, kind: capability, requires: [A]}\n"
)


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "model.yaml"
    path.write_text(MODEL)
    return path


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("spelling", ["plain", "dot", "dotdot", "symlink", "hardlink", "relative"])
def test_refuses_every_spelling_of_the_model(
    run, model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    (tmp_path / "sub").mkdir()
    target = {
        "plain": str(model),
        "dot": f"{tmp_path}/./model.yaml",
        "dotdot": f"{tmp_path}/sub/../model.yaml",
        "symlink": str(tmp_path / "link.yaml"),
        "hardlink": str(tmp_path / "hard.yaml"),
        "relative": "./sub/../model.yaml",
    }[spelling]
    if spelling == "symlink":
        (tmp_path / "link.yaml").symlink_to(model)
    if spelling == "hardlink":
        os.link(model, tmp_path / "hard.yaml")
    monkeypatch.chdir(tmp_path)
    before = _listing(tmp_path)
    result = run("spof", "--model", "model.yaml", "-o", target)
    assert result.code == 4, result.err
    assert f"{Path(target)}: refusing to overwrite a model input file — choose another output file name" in result.err
    assert model.read_text() == MODEL
    assert _listing(tmp_path) == before
    assert result.out == ""


def test_refuses_a_file_of_a_model_directory(run, tmp_path: Path) -> None:
    (tmp_path / "m" / "deep").mkdir(parents=True)
    part = tmp_path / "m" / "deep" / "part.yaml"
    part.write_text(MODEL)
    result = run("list", "--model", tmp_path / "m", "-o", tmp_path / "m" / "deep" / ".." / "deep" / "part.yaml")
    assert result.code == 4
    assert part.read_text() == MODEL


def test_refuses_when_the_model_is_given_through_a_symlink(run, model: Path, tmp_path: Path) -> None:
    (tmp_path / "alias.yaml").symlink_to(model)
    result = run("list", "--model", tmp_path / "alias.yaml", "-o", model)
    assert result.code == 4
    assert model.read_text() == MODEL


def test_writes_next_to_the_model_atomically(run, model: Path, tmp_path: Path) -> None:
    out = tmp_path / "answer.json"
    out.write_text("old contents that are much longer than the new ones " * 100)
    out.chmod(0o600)
    result = run("spof", "--model", model, "--format", "json", "-o", out)
    assert result.code == 0, result.err
    assert result.out == ""
    assert result.err == f"interop: wrote {out}\n"
    assert out.read_text() == run("spof", "--model", model, "--format", "json").out
    assert out.stat().st_mode & 0o777 == 0o600
    assert _listing(tmp_path) == ["answer.json", "model.yaml"]


def test_output_into_a_directory_or_missing_directory(run, model: Path, tmp_path: Path) -> None:
    result = run("list", "--model", model, "-o", tmp_path)
    assert result.code == 4
    assert f"{tmp_path}: is a directory — give a file name for the output" in result.err
    result = run("list", "--model", model, "-o", tmp_path / "missing" / "out.md")
    assert result.code == 4
    assert "does not exist — create it first or choose another output path" in result.err
    assert _listing(tmp_path) == ["model.yaml"]


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_ctrl_c_leaves_nothing_behind(model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    out = tmp_path / "out.txt"
    out.write_text("previous answer\n")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    if where == "write":
        import tempfile

        real = tempfile.NamedTemporaryFile

        def temp_file(*args: object, **kwargs: object):
            handle = real(*args, **kwargs)
            handle.write = interrupt  # type: ignore[method-assign]
            return handle

        monkeypatch.setattr(tempfile, "NamedTemporaryFile", temp_file)
    else:
        monkeypatch.setattr(os, where, interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, "new answer\n", protected=[model])
    monkeypatch.undo()
    assert out.read_text() == "previous answer\n"
    assert _listing(tmp_path) == ["model.yaml", "out.txt"]


def test_ctrl_c_through_the_cli(run, model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    result = run("what-if", "--model", model, "--remove", "A", "-o", tmp_path / "out.txt")
    assert result.code == 130
    assert "interop: interrupted" in result.err
    assert _listing(tmp_path) == ["model.yaml"]


def test_failed_rename_is_exit_4_and_clean(run, model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("what-if", "--model", model, "--remove", "A", "-o", tmp_path / "out.txt")
    assert result.code == 4
    assert (
        f"{tmp_path / 'out.txt'}: cannot write (Permission denied) — check the path and your permissions" in result.err
    )
    assert _listing(tmp_path) == ["model.yaml"]


def test_write_atomic_api(model: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_atomic(Path(os.path.relpath(model)), "x", protected=[str(model)])
    written = write_atomic(tmp_path / "new.txt", b"bytes\n", protected=[model])
    assert written.read_bytes() == b"bytes\n"
    assert _listing(tmp_path) == ["model.yaml", "new.txt"]


def test_a_symlinked_output_is_replaced_not_followed(model: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me\n")
    (tmp_path / "out.txt").symlink_to(elsewhere)
    write_atomic(tmp_path / "out.txt", "answer\n", protected=[model])
    assert elsewhere.read_text() == "keep me\n"
    assert not (tmp_path / "out.txt").is_symlink()
    assert (tmp_path / "out.txt").read_text() == "answer\n"
