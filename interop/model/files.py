"""Finding and reading the files a model path stands for (a file, or a directory of YAML files)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ModelError, Problem, option
from .problems import Problems

MAX_FILE_BYTES = 256 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")
DANGLING_LINK = "a symbolic link that leads nowhere (broken, or a loop)"


def model_files(path: str | os.PathLike[str]) -> list[Path]:
    """The YAML files a model path stands for: the file itself, or a directory's ``*.yaml``/``*.yml``
    files found recursively (hidden entries skipped, symlinked directories not followed),
    in sorted path order. A directory that cannot be listed, a broken or looping symbolic link
    and a non-regular file (a FIFO would hang the reader) are errors, never silently skipped."""
    root = Path(path)
    if not root.exists():
        looping = os.path.lexists(root)
        raise ModelError(
            [
                Problem(
                    str(root),
                    None,
                    DANGLING_LINK if looping else "no such file or directory",
                    f"fix the link or {option('point --model', 'point interop.load()')} at the real file"
                    if looping
                    else f"check the {option('--model path', 'path')} (a .yaml file or a directory of them)",
                )
            ]
        )
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise ModelError(
            [
                Problem(
                    str(root),
                    None,
                    "not a regular file or directory",
                    f"{option('point --model', 'point interop.load()')} at a .yaml file or a directory of them",
                )
            ]
        )
    problems = Problems()

    def unreadable(error: OSError) -> None:
        problems.add(
            str(error.filename or root),
            None,
            f"cannot list the directory ({error.strerror or error})",
            "check that the directory exists and that you may read it",
        )

    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES):
                continue
            file = Path(folder, name)
            if not file.is_file():
                looping = file.is_symlink()
                problems.add(
                    str(file),
                    None,
                    DANGLING_LINK if looping else "not a regular file",
                    "fix or remove it: a model directory holds plain .yaml files",
                )
                continue
            found.append(file)
    problems.raise_if_any()
    found.sort(key=lambda p: p.relative_to(root).as_posix())
    if not found:
        raise ModelError(
            [
                Problem(
                    str(root),
                    None,
                    "the directory holds no .yaml or .yml files",
                    f"add model files, or {option('point --model', 'point interop.load()')} at another directory",
                )
            ]
        )
    return found


def read_files(files: list[Path]) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    """The bytes of each file (display path, data), and the problems of those that could not be read
    (unreadable, or over the size limit); every file is tried, so all problems are reported at once."""
    problems: list[Problem] = []
    contents: list[tuple[str, bytes]] = []
    for file in files:
        display = str(file)
        try:
            size = file.stat().st_size
            if size > MAX_FILE_BYTES:
                problems.append(
                    Problem(
                        display,
                        None,
                        f"the file is {size // 2**20} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit",
                        "split the model into several files in one directory",
                    )
                )
                continue
            contents.append((display, file.read_bytes()))
        except OSError as exc:
            problems.append(
                Problem(
                    display,
                    None,
                    f"cannot read the file ({exc.strerror or exc})",
                    "check that the file exists and that you may read it",
                )
            )
    return contents, problems
