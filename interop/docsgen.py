"""Generate docs/cli.md from the click commands themselves, so the reference never drifts.

Usage: ``python -m interop.docsgen`` (print), ``-o docs/cli.md`` (write), ``--check docs/cli.md``
(exit 1 if the file is out of date). Every command registered on ``interop`` is included.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

WIDTH = 100
HEADER = """# Command-line reference

This page is generated from the commands' own `--help` by `python -m interop.docsgen -o docs/cli.md`;
do not edit it by hand. Every command also answers `interop COMMAND --help`.

Exit codes for every command: 0 ok; 1 a `--fail-on` gate tripped; 2 usage error; 3 invalid model,
unknown id or impossible scenario; 4 cannot write the output file.
"""


def _commands(
    command: click.Command, path: list[str], parent: click.Context | None
) -> Iterator[tuple[str, click.Context]]:
    settings = {**command.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    ctx = click.Context(command, info_name=path[-1], parent=parent, **settings)
    yield " ".join(path), ctx
    if isinstance(command, click.Group):
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from _commands(sub, [*path, name], ctx)


def cli_reference() -> str:
    """The whole reference as Markdown text."""
    from .cli import load_all_commands

    cli = load_all_commands()

    out = [HEADER]
    entries = list(_commands(cli, ["interop"], None))
    out.append("Commands: " + ", ".join(f"[`{name}`](#{name.replace(' ', '-')})" for name, _ in entries[1:]) + "\n")
    for name, ctx in entries:
        help_text = ctx.command.get_help(ctx).rstrip()
        out.append(f'<a id="{name.replace(" ", "-")}"></a>\n\n## `{name}`\n\n```text\n{help_text}\n```\n')
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    text = cli_reference()
    if len(args) == 2 and args[0] == "--check":
        current = Path(args[1]).read_text(encoding="utf-8") if Path(args[1]).exists() else ""
        if current != text:
            print(f"{args[1]} is out of date: run python -m interop.docsgen -o {args[1]}", file=sys.stderr)
            return 1
        return 0
    if len(args) == 2 and args[0] in ("-o", "--output"):
        from .output import write_atomic

        write_atomic(args[1], text)
        print(f"wrote {args[1]}", file=sys.stderr)
        return 0
    if args:
        print("usage: python -m interop.docsgen [-o FILE | --check FILE]", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
