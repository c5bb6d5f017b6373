"""Writing results: atomically (temp file + rename), never over a model input file, and straight
through to devices, FIFOs and standard output (never renaming a file over them)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import OutputError
from .signals import signals_raise

#: Paths written directly, never replaced: devices and the process's own file descriptors.
_SPECIAL_ROOTS = ("/dev/", "/proc/")


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    protected: Iterable[str | os.PathLike[str]] = (),
    durable: bool = True,
) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same directory and a rename.

    Refuses (OutputError, exit 4) to write onto any ``protected`` file (the model's inputs),
    also through symlinks or relative paths, and into a missing directory. ``durable=False`` skips
    the fsync. On any failure, including Ctrl-C, SIGTERM and SIGHUP, the temporary file is removed
    and ``path`` is left as it was. An existing file keeps its permissions; if ``path`` is a
    symbolic link to a regular file, the link is replaced by the file. A device, FIFO or socket
    (``/dev/null``, ``/dev/stdout``, a named pipe), or a path under /dev or /proc, is written
    directly: a rename would replace the device with a regular file.
    """
    return write_all([(path, data)], protected=protected, durable=durable)[0]


def write_all(
    items: Sequence[tuple[str | os.PathLike[str], str | bytes]],
    *,
    protected: Iterable[str | os.PathLike[str]] = (),
    durable: bool = True,
) -> list[Path]:
    """Write several files all or nothing: every file is written to its temporary file first, and
    only when all have been written are they renamed into place (so a failure on the second file
    leaves the first as it was). Same checks and guarantees as ``write_atomic``."""
    guarded = [Path(p) for p in protected]
    targets = [_check(Path(path), guarded) for path, _ in items]
    payloads = [data.encode("utf-8") if isinstance(data, str) else data for _, data in items]
    temps: list[str] = []
    current = targets[0] if targets else None
    with signals_raise():
        try:
            for current, payload in zip(targets, payloads, strict=True):
                if not _is_special(current):
                    temps.append(_write_temp(current, payload, durable))
            for current, payload in zip(targets, payloads, strict=True):
                if _is_special(current):
                    _write_direct(current, payload)
            pending = iter(temps)
            for current in targets:
                if not _is_special(current):
                    os.replace(next(pending), current)
        except OSError as exc:
            raise OutputError(
                f"{current}: cannot write ({exc.strerror or exc}) — check the path and your permissions"
            ) from None
        finally:
            for temp in temps:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
    return targets


def _check(target: Path, protected: list[Path]) -> Path:
    if target.is_dir():
        raise OutputError(f"{target}: is a directory — give a file name for the output")
    for guarded in protected:
        if _same_file(target, guarded):
            raise OutputError(f"{target}: refusing to overwrite a model input file — choose another output file name")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            f"{target}: the directory {folder} does not exist — create it first or choose another output path"
        )
    return target


def _is_special(target: Path) -> bool:
    """A device, FIFO or socket (or a link to one), or anything under /dev or /proc."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        return True
    for candidate in (os.path.abspath(target), os.path.realpath(target)):
        if candidate.startswith(_SPECIAL_ROOTS):
            return True
    return False


def _write_temp(target: Path, payload: bytes, durable: bool) -> str:
    folder = target.parent if str(target.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed by the caller
        dir=folder, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(handle.name, _mode_for(target))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise
    return handle.name


def _write_direct(target: Path, payload: bytes) -> None:
    """Write to a device, FIFO or descriptor as a shell redirection would (no temp, no rename)."""
    with open(target, "wb") as handle:
        handle.write(payload)
        handle.flush()


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets rw-r--r-- less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o644 & ~umask


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)
