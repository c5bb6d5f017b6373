"""Interchange commands (issue 7): export, import, schema."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import click

from ..errors import ModelError, OutputError, Problem
from ..escape import escape_controls
from ..interchange import EXPORT_FORMATS, IMPORT_FORMATS
from . import cli
from .options import (
    CONTEXT,
    DateParam,
    ScenarioCommand,
    build_scenario,
    emit,
    format_options,
    load,
    model_option,
    split_kinds,
    structural_options,
)


@cli.command("export", cls=ScenarioCommand, context_settings=CONTEXT)
@model_option
@format_options(
    formats=EXPORT_FORMATS,
    default=None,
    format_help="graphml (yEd, Cytoscape), gexf (Gephi), json (node-link graph), csv (nodes.csv + edges.csv "
    "for spreadsheets), open-psa (a fault tree for SCRAM or XFTA; needs --capability).",
    output_help="Write to PATH (atomically) instead of standard output; .graphml, .gexf, .json or .xml "
    "(open-psa) sets the format. For csv: a directory, which receives nodes.csv and edges.csv "
    "(created if missing).",
)
@click.option(
    "--capability", "-c", metavar="ID", default=None, help="open-psa: the capability whose failure is the top event."
)
@click.option(
    "--kinds",
    callback=split_kinds,
    default=None,
    metavar="K1,K2",
    help="open-psa: only nodes of these kinds are basic events (as spof --kinds).",
)
@structural_options("Export the graph after replacing ID …", " (not for csv)")
@click.option(
    "--on",
    "on",
    type=DateParam(),
    default=None,
    metavar="DATE",
    help="Export the graph as it stands on DATE (YYYY, YYYY-MM or YYYY-MM-DD): only what is in service "
    "that day, without fleets outside their service window or gaps (not for csv).",
)
@click.pass_context
def export(
    ctx: click.Context,
    model_path: str | None,
    fmt: str,
    output: str | None,
    capability: str | None,
    kinds: tuple[str, ...] | None,
    replace: tuple[str, ...],
    mix: tuple[str, ...],
    with_: tuple[str, ...],
    on: Any,
) -> None:
    """Export the model to another tool's format.

    An edge A -> B in graphml, gexf and json means "A requires B" (or "A speaks data link B");
    node and edge data (kind, name, grace_days, any_of group, …) travel as attributes. Without
    --replace/--mix the whole catalogue is exported (candidates marked in_service=false);
    with them, the nodes in service after the change; with --on DATE, the nodes in service on
    that date (after the change, if any).

    The open-psa fault tree has the top event "capability fails"; its minimal cut sets are those
    of `interop spof` (grace periods are ignored: it describes eventual failure).

    \b
    Examples:
      interop export --format graphml -o canada.graphml
      interop export --format gexf --replace F-35 --with Gripen -o gripen.gexf
      interop export --format graphml --on 2030 -o canada-2030.graphml
      interop export --format csv -o canada-csv/
      interop export --format open-psa --capability NORAD-Air-Sovereignty -o norad.xml
    """
    from ..analysis.study import Study
    from ..model import resolve

    model = load(model_path)
    answer = Study.of(model, build_scenario(ctx, replace, mix, with_, (), (), None, on))
    if fmt == "csv" and (answer.is_structural or on is not None):
        raise click.UsageError("csv exports the model itself: leave out --replace/--mix/--on", ctx)
    if fmt != "open-psa" and (capability or kinds):
        raise click.UsageError("--capability and --kinds go with --format open-psa", ctx)
    graph = answer.structure if answer.is_structural or on is not None else None
    if fmt == "csv":
        _export_csv(model, output)
        return
    if fmt == "open-psa":
        from ..interchange.openpsa import to_open_psa

        state = answer.structure
        if capability is None:
            names = ", ".join(state.capabilities) or "(none)"
            raise click.UsageError(f"--format open-psa needs --capability ID (one of: {names})", ctx)
        text = to_open_psa(state, resolve(model, capability), kinds)
    elif fmt == "json":
        from ..interchange.jsongraph import to_json_graph
        from ..render.json import dumps

        text = dumps(to_json_graph(graph or model))
    elif fmt == "graphml":
        from ..interchange.graphml import to_graphml

        text = to_graphml(graph or model)
    else:
        from ..interchange.gexf import to_gexf

        text = to_gexf(graph or model)
    emit(text, output, model, fmt=fmt)


def _export_csv(model, output: str | None) -> None:
    from ..interchange.csvio import to_csv

    if not output or output == "-":
        raise click.UsageError("--format csv writes two files: give -o DIRECTORY (it receives nodes.csv and edges.csv)")
    from ..output import write_all

    nodes, edges = to_csv(model)
    folder = Path(output)
    created = not folder.exists()
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the directory ({exc.strerror}) — check the path") from None
    try:  # both files or neither: a failure on one leaves the other as it was
        written = write_all([(folder / "nodes.csv", nodes), (folder / "edges.csv", edges)], protected=model.files)
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    for path in written:
        click.echo(f"interop: wrote {path}", err=True)


@cli.command("import", context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(IMPORT_FORMATS),
    default=None,
    help="open-psa (MEF XML fault trees) or csv (nodes.csv and edges.csv, or a directory holding "
    "them). Default: from the file names.",
)
@click.option(
    "--top",
    multiple=True,
    metavar="GATE",
    help="open-psa: the gate(s) that become capabilities (default: gates no other gate uses).",
)
@click.option("--name", metavar="TEXT", default=None, help="The model's name (written under model:).")
@click.option("--home", metavar="NATION", default=None, help="csv: the home nation (default: CAN if it is a node).")
@click.option(
    "--output", "-o", metavar="FILE", default=None, help="Write the model YAML to FILE (atomically) instead of stdout."
)
def import_(
    inputs: tuple[str, ...],
    fmt: str | None,
    top: tuple[str, ...],
    name: str | None,
    home: str | None,
    output: str | None,
) -> None:
    """Turn fault trees or spreadsheets into an interop model (YAML).

    open-psa: basic events become nodes of kind component, gates nodes of kind system, and each
    top gate a capability. An OR gate fails if any input fails (plain requirements); an AND gate
    fails if all inputs fail (one any_of); "at least k of n" becomes one any_of per k-subset.
    House events with constant values are folded away. Negation (not, xor, nand, nor) is refused.

    csv: nodes.csv (id, kind, name, …) and edges.csv (node, requires, group, grace_days, …),
    as written by `interop export --format csv`.

    The model is validated before anything is written. Check the result with
    `interop spof --model imported.yaml --kinds component` (cut sets of basic events).

    \b
    Examples:
      interop import fault-tree.xml -o tree.yaml
      interop import tree.xml basic-events.xml --top TopEvent -o tree.yaml
      interop import nodes.csv edges.csv -o model.yaml
      interop import canada-csv/ --name "Canada from the spreadsheet" -o model.yaml
    """
    from ..interchange.yamlout import dump_model
    from ..model import model_from_data

    fmt = fmt or _guess_format(inputs)
    if fmt == "open-psa":
        from ..interchange.openpsa import from_open_psa

        data = from_open_psa([(_read(path), path) for path in inputs], tops=top)
        header = [
            f"Imported by interop from {', '.join(inputs)} (Open-PSA MEF).",
            "Basic events are components, gates are systems, top gates are capabilities.",
            "Cut sets of basic events: interop spof --model THIS_FILE --kinds component",
        ]
        origin = inputs[0]
    else:
        from ..interchange.csvio import from_csv

        nodes_path, edges_path = _csv_files(inputs)
        edges_text = _read(edges_path).decode("utf-8-sig") if edges_path else None
        data = from_csv(_read(nodes_path).decode("utf-8-sig"), edges_text, nodes_path, edges_path or "edges.csv")
        header = [f"Imported by interop from {nodes_path}{' and ' + edges_path if edges_path else ''}."]
        origin = nodes_path
    meta = {"name": name, "home": home}
    if any(meta.values()):
        data["model"] = {k: v for k, v in meta.items() if v}
    model_from_data(data, origin)  # validate: never write a model that interop would refuse
    text = escape_controls(dump_model(data, header))  # \uXXXX means the same in YAML double quotes
    if output:
        from ..output import write_atomic

        path = write_atomic(output, text, protected=[p for p in _all_inputs(inputs)])
        click.echo(f"interop: wrote {path}", err=True)
    else:
        click.echo(text, nl=False)


def _guess_format(inputs: tuple[str, ...]) -> str:
    suffixes = {Path(p).suffix.lower() for p in inputs}
    if suffixes == {".xml"}:
        return "open-psa"
    if suffixes <= {".csv"} or (len(inputs) == 1 and Path(inputs[0]).is_dir()):
        return "csv"
    raise click.UsageError("cannot tell the format from the file names: add --format open-psa or --format csv")


def _csv_files(inputs: tuple[str, ...]) -> tuple[str, str | None]:
    """(nodes.csv, edges.csv or None) from a directory or from one or two file names."""
    if len(inputs) == 1 and Path(inputs[0]).is_dir():
        folder = Path(inputs[0])
        edges = folder / "edges.csv"
        return str(folder / "nodes.csv"), str(edges) if edges.exists() else None
    if len(inputs) > 2:
        raise click.UsageError("csv import takes nodes.csv and edges.csv (or a directory holding them)")
    files = list(inputs)
    edges = [p for p in files if _header(p) >= {"node", "requires"}]
    nodes = [p for p in files if p not in edges]
    if len(nodes) != 1 or len(edges) > 1:
        raise click.UsageError(
            "give one nodes file (columns id, kind, …) and at most one edges file (columns node, requires, …)"
        )
    return nodes[0], edges[0] if edges else None


def _header(path: str) -> set[str]:
    first = _read(path).decode("utf-8-sig").split("\n", 1)[0]
    return {cell.strip().strip('"') for cell in first.split(",")}


def _all_inputs(inputs: tuple[str, ...]) -> list[str]:
    out = []
    for path in inputs:
        folder = Path(path)
        out += [str(folder / "nodes.csv"), str(folder / "edges.csv")] if folder.is_dir() else [path]
    return out


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ModelError(
            [Problem(path, None, f"cannot read the file ({exc.strerror})", "check the file name and permissions")]
        ) from None


@cli.command("schema", context_settings=CONTEXT)
@click.option(
    "--output", "-o", metavar="FILE", default=None, help="Write the schema to FILE (atomically) instead of stdout."
)
def schema(output: str | None) -> None:
    """Print the JSON Schema of a model file, so editors check and complete YAML as you type.

    In VS Code (YAML extension), save it next to your model and put this first line in each
    model file:  # yaml-language-server: $schema=./interop.schema.json

    \b
    Examples:
      interop schema -o interop.schema.json
      interop schema | python -m json.tool | less
    """
    from ..model.schema import model_schema
    from ..output import write_atomic
    from ..render.json import dumps

    text = dumps(model_schema())
    if output:
        if Path(output).suffix.lower() in (".yaml", ".yml") and Path(output).exists():
            raise OutputError(
                f"{output}: refusing to overwrite a YAML file (it may be a model) — write the schema to a .json file"
            )
        click.echo(f"interop: wrote {write_atomic(output, text)}", err=True)
    else:
        click.echo(text, nl=False)
