"""Commands about the model itself: check, list, show."""

from __future__ import annotations

import click

from ..errors import ModelError
from ..escape import escape_controls
from ..model import KINDS, resolve
from . import cli
from .options import CONTEXT, emit, format_options, load, model_option


@cli.command(context_settings=CONTEXT)
@model_option
@click.option(
    "--require-sources",
    is_flag=True,
    help="Also require a source and a confidence on every node (as the shipped model has).",
)
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def check(model_path: str | None, require_sources: bool, fmt: str) -> None:
    """Validate a model: exit 0 if it is valid, 3 with every problem (file:line) if not.

    Warnings (exit 0, on standard error) point at service windows that do not line up: a node
    that needs another which leaves service before it does is a gap on the days between.

    \b
    Examples:
      interop check
      interop check --model my-model/ --require-sources
    """
    model = load(model_path)
    if require_sources:
        from ..model.lint import missing_sources

        problems = missing_sources(model)
        if problems:
            raise ModelError(problems)
    from ..model.service import window_warnings

    warnings = window_warnings(model)
    if fmt == "json":
        from ..render.json import dumps

        counts: dict[str, int] = {}
        for node in model:
            counts[node.kind] = counts.get(node.kind, 0) + 1
        click.echo(
            escape_controls(
                dumps(
                    {
                        "valid": True,
                        "nodes": len(model),
                        "files": list(model.files),
                        "home": model.home,
                        "kinds": dict(sorted(counts.items())),
                        "warnings": [str(w) for w in warnings],
                    }
                )
            ),
            nl=False,
        )
        return
    from ..render.text import check_summary

    for warning in warnings:
        where = f"{warning.path}:{warning.line}" if warning.line else warning.path
        click.echo(escape_controls(f"{where}: warning: {warning.what} — {warning.fix}"), err=True)
    click.echo(escape_controls(check_summary(model)), nl=False)


@cli.command("list", context_settings=CONTEXT)
@model_option
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only nodes of this kind (repeatable).")
@click.option("--nation", default=None, metavar="NATION", help="Only nodes of this nation or operator.")
@click.option("--status", type=click.Choice(("active", "candidate")), default=None)
@format_options
def list_nodes(
    model_path: str | None, kinds: tuple[str, ...], nation: str | None, status: str | None, fmt: str, output: str | None
) -> None:
    """List the nodes of a model (id, kind, status, nation, name).

    \b
    Examples:
      interop list --kind platform
      interop list --nation SWE --format markdown
    """
    model = load(model_path)
    nation_id = resolve(model, nation) if nation else None
    nodes = [
        n
        for n in model
        if (not kinds or n.kind in kinds)
        and (status is None or n.status == status)
        and (nation_id is None or nation_id in (n.nation, n.operator))
    ]
    if fmt == "json":
        from ..render.json import dumps

        text = dumps(
            {
                "nodes": [
                    {
                        "id": n.id,
                        "kind": n.kind,
                        "status": n.status,
                        "name": n.name,
                        "nation": n.nation,
                        "operator": n.operator,
                    }
                    for n in nodes
                ]
            }
        )
    else:
        from ..render import markdown
        from ..render import text as plain

        text = (markdown if fmt == "markdown" else plain).node_list(model, nodes)
    emit(text, output, model, fmt=fmt)


@cli.command(context_settings=CONTEXT)
@click.argument("node_id", metavar="ID")
@model_option
@format_options
def show(node_id: str, model_path: str | None, fmt: str, output: str | None) -> None:
    """Show one node: what it requires, what requires it, its sources and where it is written.

    \b
    Examples:
      interop show F-35
      interop show gripen --format markdown
    """
    model = load(model_path)
    node = model[resolve(model, node_id)]
    required_by = [n.id for n in model for item in n.requires if node.id in item.targets]
    if fmt == "json":
        from ..render.json import dumps
        from ..render.records import node_record

        text = dumps(node_record(node, required_by))
    else:
        from ..render import markdown
        from ..render import text as plain

        text = (markdown if fmt == "markdown" else plain).node_detail(model, node, required_by)
    emit(text, output, model, fmt=fmt)
