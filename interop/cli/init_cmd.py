"""``interop init DIR``: start one's own model from the shipped one (or from a commented skeleton)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import click

from ..errors import OutputError
from . import cli
from .options import CONTEXT

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "empty-model.yaml"


@cli.command("init", context_settings=CONTEXT)
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--empty",
    is_flag=True,
    default=False,
    help="Write a small commented skeleton (model.yaml) instead of a copy of the shipped model.",
)
def init(directory: Path, empty: bool) -> None:
    """Create DIR with a model to edit: a copy of the shipped Canada model, or a skeleton.

    DIR must not exist yet (or be an empty directory): init never overwrites anything. Then edit
    the YAML files and point any command at the folder with --model DIR.

    \b
    Examples:
      interop init my-model
      interop check --model my-model
      interop what-if --model my-model --replace F-35 --with Gripen
      interop init --empty scratch
    """
    from ..shipped import shipped_model_path

    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise OutputError(
            f"{directory}: already exists and is not an empty directory — init never overwrites; "
            "choose a new folder name"
        )
    parent = directory.parent if str(directory.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{directory}: the directory {parent} does not exist — create it first")
    if empty:
        files = {Path("model.yaml"): TEMPLATE}
    else:
        source = shipped_model_path()
        files = {path.relative_to(source): path for path in sorted(source.rglob("*.y*ml")) if path.is_file()}
    _copy_all(files, directory)
    what = "a model skeleton" if empty else f"the shipped model ({len(files)} files)"
    click.echo(f"interop: wrote {what} to {directory}", err=True)
    click.echo(
        f"Next: edit the YAML files in {directory}, then\n"
        f"  interop check --model {directory}\n"
        f"  interop what-if --model {directory} "
        + ("--remove Example-Supplier" if empty else "--replace F-35 --with Gripen")
        + "\n"
    )


def _copy_all(files: dict[Path, Path], directory: Path) -> None:
    """Copy into a temporary folder beside DIR, then rename it into place: all files or none."""
    parent = directory.parent if str(directory.parent) else Path(".")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=parent))
    except OSError as exc:
        raise OutputError(f"{directory}: cannot write ({exc.strerror or exc}) — check the path") from None
    try:
        for relative, path in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        os.chmod(staging, 0o777 & ~_umask())
        if directory.is_dir():
            directory.rmdir()  # empty (checked above); rename needs the name free
        os.rename(staging, directory)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot write ({exc.strerror or exc}) — check the path") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
