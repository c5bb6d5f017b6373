"""Writing results: atomically (temp file + rename), never over a model input file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError


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
    the fsync (for caches). On any failure,
    including Ctrl-C, the temporary file is removed and ``path`` is left as it was. An existing
    file keeps its permissions; if ``path`` is a symbolic link, the link is replaced by the file.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory — give a file name for the output")
    for guarded in protected:
        if _same_file(target, Path(guarded)):
            raise OutputError(f"{target}: refusing to overwrite a model input file — choose another output file name")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            f"{target}: the directory {folder} does not exist — create it first or choose another output path"
        )
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle = None
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed after
            dir=folder, prefix=f".{target.name}.", suffix=".tmp", delete=False
        )
        with handle:
            handle.write(payload)
            handle.flush()
            if durable:  # a cache entry needs no fsync: a torn one is just a miss
                os.fsync(handle.fileno())
        os.chmod(handle.name, _mode_for(target))
        os.replace(handle.name, target)
    except OSError as exc:
        raise OutputError(
            f"{target}: cannot write ({exc.strerror or exc}) — check the path and your permissions"
        ) from None
    finally:
        if handle is not None and os.path.exists(handle.name):
            with contextlib.suppress(OSError):
                os.unlink(handle.name)
    return target


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
