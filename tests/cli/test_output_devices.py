"""Output to devices, FIFOs and standard output is written straight through (a rename would put a
regular file in the device's place, as root); SIGTERM/SIGHUP during a write leave no temporary
file; a CSV export writes both files or neither."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from interop import output
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


def _interop(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INTEROP_CACHE": "0"}
    return subprocess.run([sys.executable, "-m", "interop", *map(str, args)], text=True, env=env, **kwargs)


@pytest.mark.parametrize("device", ["/dev/null", "/dev/stdout"])
def test_devices_are_seen_as_devices_before_anything_is_written(device: str) -> None:
    """The guard of the tests below: a regression must fail here, not replace a device."""
    assert output._is_special(Path(device))


def test_dev_null_stays_a_device(run, model: Path) -> None:
    """Before: as root, -o /dev/null replaced the device with a regular file."""
    assert output._is_special(Path("/dev/null"))
    before = os.stat("/dev/null")
    result = run("what-if", "--model", model, "--remove", "A", "-o", "/dev/null")
    assert result.code == 0, result.err
    assert result.err == "interop: wrote /dev/null\n"
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_dev_full_is_exit_4_and_stays_a_device(run, model: Path) -> None:
    assert output._is_special(Path("/dev/full"))
    result = run("what-if", "--model", model, "--remove", "A", "-o", "/dev/full")
    assert result.code == 4
    assert result.err == (
        "interop: /dev/full: cannot write (No space left on device) — check the path and your permissions\n"
    )
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_stdout_to_a_pipe_and_to_a_file(model: Path, tmp_path: Path) -> None:
    expected = _interop("what-if", "--model", model, "--remove", "A", capture_output=True).stdout
    piped = _interop("what-if", "--model", model, "--remove", "A", "-o", "/dev/stdout", capture_output=True)
    assert (piped.returncode, piped.stdout) == (0, expected)
    redirected = tmp_path / "answer.txt"
    with open(redirected, "w") as handle:
        into_file = _interop("what-if", "--model", model, "--remove", "A", "-o", "/dev/stdout", stdout=handle)
    assert into_file.returncode == 0
    assert redirected.read_text() == expected
    assert os.path.islink("/dev/stdout")
    assert _listing(tmp_path) == ["answer.txt", "model.yaml"]


def test_a_fifo_is_written_into_not_replaced(model: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "answer.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe\n", protected=[model])
    reader.join(10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _listing(tmp_path) == ["answer.fifo", "model.yaml"]


def test_a_link_to_a_device_writes_the_device(model: Path, tmp_path: Path) -> None:
    (tmp_path / "out.txt").symlink_to("/dev/null")
    write_atomic(tmp_path / "out.txt", "discarded\n", protected=[model])
    assert (tmp_path / "out.txt").is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


SIGNALLED_WRITE = """
import os, signal, sys
from interop.output import write_atomic
real = os.fsync
def fsync(fd):
    os.kill(os.getpid(), signal.{name})  # arrives in the middle of the write
    real(fd)
os.fsync = fsync
write_atomic(sys.argv[1], "new answer\\n")
print("not reached")
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_termination_signal_during_a_write_leaves_nothing(tmp_path: Path, name: str) -> None:
    """Before: SIGTERM or SIGHUP during a write left .out.XXXX.tmp next to the output."""
    out = tmp_path / "out.txt"
    out.write_text("previous answer\n")
    done = subprocess.run(
        [sys.executable, "-c", SIGNALLED_WRITE.format(name=name), str(out)], capture_output=True, text=True
    )
    assert done.returncode == -getattr(signal, name), done.stderr
    assert done.stdout == ""
    assert out.read_text() == "previous answer\n"
    assert _listing(tmp_path) == ["out.txt"]


def test_an_ignored_signal_stays_ignored_during_a_write(tmp_path: Path) -> None:
    script = "import signal\nsignal.signal(signal.SIGHUP, signal.SIG_IGN)\n" + SIGNALLED_WRITE.format(name="SIGHUP")
    out = tmp_path / "out.txt"
    done = subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "not reached\n"), done.stderr
    assert out.read_text() == "new answer\n"


def test_csv_export_writes_both_files_or_neither(run, model: Path, tmp_path: Path, monkeypatch) -> None:
    """Before: edges.csv was written even when nodes.csv then failed."""
    folder = tmp_path / "csv"
    real = output._write_temp
    calls: list[Path] = []

    def second_fails(target: Path, payload: bytes, durable: bool) -> str:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(target, payload, durable)

    monkeypatch.setattr(output, "_write_temp", second_fails)
    result = run("export", "--model", model, "--format", "csv", "-o", folder)
    assert result.code == 4
    assert f"{folder / 'edges.csv'}: cannot write (No space left on device)" in result.err
    assert not folder.exists()  # the folder it created is gone again, with nothing in it
    assert _listing(tmp_path) == ["model.yaml"]
    monkeypatch.undo()
    folder.mkdir()
    (folder / "edges.csv").write_text("old edges\n")
    (folder / "nodes.csv").mkdir()  # nodes.csv cannot be written at all
    result = run("export", "--model", model, "--format", "csv", "-o", folder)
    assert result.code == 4
    assert f"{folder / 'nodes.csv'}: is a directory" in result.err
    assert (folder / "edges.csv").read_text() == "old edges\n"
    assert _listing(folder) == ["edges.csv", "nodes.csv"]


def test_csv_export_writes_both(run, model: Path, tmp_path: Path) -> None:
    result = run("export", "--model", model, "--format", "csv", "-o", tmp_path / "csv")
    assert result.code == 0, result.err
    assert _listing(tmp_path / "csv") == ["edges.csv", "nodes.csv"]
    assert (
        result.err
        == f"interop: wrote {tmp_path / 'csv' / 'nodes.csv'}\ninterop: wrote {tmp_path / 'csv' / 'edges.csv'}\n"
    )
