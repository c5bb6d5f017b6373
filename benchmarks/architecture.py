"""Print the shape of the code: lines per module and every function longer than 60 lines.

Run: ``python benchmarks/architecture.py [PACKAGE_DIR]`` (default: the interop package beside this
folder). Figures only; nothing is asserted (the issue-11 note quotes them before and after).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

LIMIT = 60


def main(argv: list[str]) -> None:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "interop"
    modules = sorted(root.rglob("*.py"))
    long_functions: list[tuple[int, str]] = []
    total = 0
    print(f"{'lines':>6}  module")
    for path in modules:
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        total += lines
        print(f"{lines:>6}  {path.relative_to(root.parent)}")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LIMIT:
                    long_functions.append((length, f"{path.relative_to(root.parent)}:{node.lineno} {node.name}"))
    print(f"{total:>6}  total in {len(modules)} modules")
    print(f"\nfunctions over {LIMIT} lines: {len(long_functions)}")
    for length, where in sorted(long_functions, reverse=True):
        print(f"{length:>6}  {where}")


if __name__ == "__main__":
    main(sys.argv)
