"""interop against SCRAM on the Open-PSA fault trees that come with SCRAM, in the same run.

    python -m benchmarks.peers                  # every tree, best of 3 runs each
    python -m benchmarks.peers --reps 1 --only nus9601 edf9203
    python -m benchmarks.peers --scram /path/to/scram

The trees are read from ``../shared/peers/scram/`` (``input/`` and ``tests/input/``) beside the
repository; each is converted once (untimed) to an interop model with the project's own Open-PSA
import (basic events become components, gates systems, the top gate the capability), then timed
as a user runs it: ``interop spof --model tree.yaml --kinds component --max-order K --format json``
(wall time of the whole process: start-up, load, engine, output). When a ``scram`` executable is
on PATH (or given), SCRAM runs on the same XML at the same order with each of its algorithms
(``--zbdd``, ``--bdd``, ``--mocus``; each stopped after ``--timeout`` seconds) and its best wall
time is the reference; the cut sets of both are compared and a mismatch is printed.

Order limit K per tree: :func:`order_limit` (5 up to 100 basic events, else 3). Figures, never
assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT.parent / "shared" / "peers" / "scram"


def order_limit(events: int) -> int:
    """The order limit used for a tree of ``events`` basic events (the benchmark's convention)."""
    return 5 if events <= 100 else 3


def trees(peers: Path = PEERS) -> list[tuple[str, list[Path]]]:
    """(name, files) of every fault tree: a tree file and, when there is one, its basic-event file."""
    found = []
    for folder in (peers / "input", peers / "tests" / "input"):
        for path in sorted(folder.rglob("*.xml")):
            if path.stem.endswith("-basic-events"):
                continue
            extra = path.with_name(f"{path.stem}-basic-events.xml")
            found.append((path.stem, [path, *([extra] if extra.exists() else [])]))
    return found


def convert(files: list[Path]) -> tuple[str, int]:
    """The tree as interop model text (YAML) and its number of basic events."""
    from interop.interchange.openpsa import from_open_psa
    from interop.interchange.yamlout import dump_model

    data = from_open_psa([(p.read_bytes(), str(p)) for p in files], str(files[0]))
    events = sum(1 for node in data["nodes"] if node["kind"] == "component")
    return dump_model(data), events


def run_interop(model: Path, order: int, out: Path) -> tuple[float, set[frozenset[str]] | None]:
    command = [
        *_interop_command(),
        "spof",
        "--model",
        str(model),
        "--kinds",
        "component",
        "--max-order",
        str(order),
        "--format",
        "json",
        "-o",
        str(out),
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        print(f"  interop failed ({done.returncode}): {done.stderr.strip()[:300]}", file=sys.stderr)
        return elapsed, None
    (entry,) = json.loads(out.read_text())["capabilities"]
    return elapsed, {frozenset(s.casefold() for s in cut) for cut in entry["cut_sets"]}


def _interop_command() -> list[str]:
    found = shutil.which("interop")
    return [found] if found else [sys.executable, "-m", "interop"]


def run_scram(
    scram: str, files: list[Path], order: int, out: Path, timeout: float
) -> tuple[float, str, set[frozenset[str]] | None]:
    """Best wall time over SCRAM's algorithms, the algorithm, and its cut sets."""
    best: tuple[float, str, set[frozenset[str]] | None] = (float("inf"), "-", None)
    for algorithm in ("zbdd", "bdd", "mocus"):
        command = [scram, f"--{algorithm}", "--limit-order", str(order), *map(str, files), "-o", str(out)]
        start = time.perf_counter()
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            continue
        elapsed = time.perf_counter() - start
        if done.returncode == 0 and elapsed < best[0]:
            best = (elapsed, algorithm, _scram_sets(out))
    return best


def _scram_sets(report: Path) -> set[frozenset[str]]:
    root = ET.parse(report).getroot()
    sets = set()
    for product in root.iter("product"):
        sets.add(frozenset(e.get("name", "").casefold() for e in product.iter("basic-event")))
    return sets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3, help="runs per tree and tool; the best counts")
    parser.add_argument("--only", nargs="*", default=None, help="tree names to run (default: all)")
    parser.add_argument("--scram", default=shutil.which("scram"), help="SCRAM executable (default: on PATH)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before one SCRAM run is stopped")
    parser.add_argument("--peers", type=Path, default=PEERS, help="folder of the SCRAM trees")
    args = parser.parse_args(argv)
    if not args.peers.is_dir():
        print(f"no peer trees at {args.peers}: nothing to measure")
        return 0
    work = Path(tempfile.mkdtemp(prefix="interop-peers-"))
    rows = []
    print(
        f"{'tree':12} {'events':>6} {'K':>2} {'sets':>8} {'interop s':>9} {'SCRAM s':>8} {'algo':>5} {'ratio':>6} same"
    )
    for name, files in trees(args.peers):
        if args.only and name not in args.only:
            continue
        text, events = convert(files)
        model = work / f"{name}.yaml"
        model.write_text(text, encoding="utf-8")
        k = order_limit(events)
        ours = [run_interop(model, k, work / f"{name}.json") for _ in range(args.reps)]
        mine = min(t for t, _ in ours)
        sets = ours[0][1]
        theirs: tuple[float, str, set[frozenset[str]] | None] = (float("nan"), "-", None)
        if args.scram:
            runs = [run_scram(args.scram, files, k, work / f"{name}.scram.xml", args.timeout) for _ in range(args.reps)]
            theirs = min(runs, key=lambda r: r[0])
        same = "-" if theirs[2] is None or sets is None else ("yes" if theirs[2] == sets else "NO")
        ratio = mine / theirs[0] if theirs[2] is not None else float("nan")
        count = len(sets) if sets is not None else -1
        print(
            f"{name:12} {events:6d} {k:2d} {count:8d} {mine:9.3f} {theirs[0]:8.3f} {theirs[1]:>5} {ratio:6.2f} {same}",
            flush=True,
        )
        rows.append((name, mine, theirs[0], ratio))
    total_ours = sum(r[1] for r in rows)
    print(f"total interop {total_ours:.2f} s over {len(rows)} trees")
    if args.scram and rows:
        total_theirs = sum(r[2] for r in rows)
        worst = max(rows, key=lambda r: r[3])
        print(f"total SCRAM (best algorithm per tree) {total_theirs:.2f} s; ratio {total_ours / total_theirs:.2f}")
        print(f"worst tree: {worst[0]} at {worst[3]:.2f}x; trees above 3x: {sum(1 for r in rows if r[3] > 3)}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("INTEROP_CACHE", "0")
    sys.exit(main())
