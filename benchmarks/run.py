"""Print speed and memory figures on synthetic models and the CLI's wall time on the shipped model.

    python -m benchmarks.run                 # 1k, 10k and 100k nodes
    python -m benchmarks.run --sizes 1000 10000

Each size runs in a fresh subprocess so its peak memory (max RSS) is its own. Figures, not
assertions: issue 14's targets (on a 2-core machine) are printed beside each figure — at 100k
nodes a cold load (parse and validate, no cache) in ≤ 3 s, a what-if in ≤ 1 s, spof order 2 for
one capability in ≤ 1 s and a peak RSS ≤ 400 MB; ``interop --version`` in ≤ 80 ms and ``interop
spof`` on a 3-event tree in ≤ 1.3 × SCRAM's ~0.07 s per run. A growth table says how each figure
grows from one size to the next (×10 nodes: ×10 is linear). Start-up figures are the median of 20
fresh processes; the machine's load average is printed with them, since a shared machine skews
wall times.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Issue 14's targets at 100k nodes (seconds, and MB for peak memory).
TARGETS = {"load": 3.0, "what_if": 1.0, "spof2": 1.0, "peak_mb": 400.0}
#: Issue 14's start-up targets (seconds): --version, and spof on a 3-event tree (1.3 × SCRAM's 0.07 s).
STARTUP_TARGETS = {"version": 0.080, "spof_3_events": 1.3 * 0.07}
#: A three-event fault tree as a model: the capability needs S1 and one of S2/S3.
THREE_EVENTS = """nodes:
  - {id: S1, kind: supplier}
  - {id: S2, kind: supplier}
  - {id: S3, kind: supplier}
  - {id: G1, kind: system, requires: [{any_of: [S2, S3]}]}
  - {id: TOP, kind: capability, requires: [S1, G1]}
"""


def measure_one(nodes: int, seed: int) -> dict[str, float]:
    """Generate, load, run a what-if and spof order 1/2 for one capability; return seconds and MB."""
    from benchmarks.synthetic import generate
    from interop.analysis import Scenario, spof, what_if
    from interop.model import load_model

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.yaml"
        path.write_text(generate(nodes, seed))
        size_mb = path.stat().st_size / 1e6
        os.environ["INTEROP_CACHE_DIR"] = str(Path(folder) / "cache")
        os.environ["INTEROP_CACHE"] = "0"
        start = time.perf_counter()
        model = load_model(path)  # cold: parse and validate, no cache
        load = time.perf_counter() - start
        os.environ["INTEROP_CACHE"] = "1"
        load_model(path)  # first load with the cache on: parses and writes the entry
        start = time.perf_counter()
        load_model(path)  # warm: the same bytes again, read from the cache
        warm = time.perf_counter() - start
        capability = next(n.id for n in model if n.kind == "capability")
        platform = next(n.id for n in model if n.kind == "platform" and not n.is_candidate and n.requires)
        candidate = next(n.id for n in model if n.kind == "platform" and n.is_candidate)
        nation = next(n.id for n in model if n.kind == "nation" and n.id != model.home)
        cli_s, cli_mb = cli_what_if(path, platform, candidate, nation)
    scenario = Scenario.build(replace=[(platform, candidate)], embargo=[nation])
    start = time.perf_counter()
    result = what_if(model, scenario, with_spof=False)
    what_if_s = time.perf_counter() - start
    start = time.perf_counter()
    order1 = spof(model, [capability], max_order=1)
    spof1 = time.perf_counter() - start
    start = time.perf_counter()
    order2 = spof(model, [capability], max_order=2)
    spof2 = time.perf_counter() - start
    return {
        "nodes": len(model),
        "yaml_mb": round(size_mb, 1),
        "load": load,
        "warm": warm,
        "what_if": what_if_s,
        "failed": len(result.failed),
        "spof1": spof1,
        "spof2": spof2,
        "cut_sets_1": len(order1.cut_sets[capability]),
        "cut_sets_2": len(order2.cut_sets[capability]),
        "peak_mb": cli_mb,
        "bench_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "cli_what_if": cli_s,
    }


def cli_what_if(path: Path, platform: str, candidate: str, nation: str) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one cold ``interop what-if`` on ``path`` in its own process
    (no cache): the memory one command needs, apart from this benchmark's three loads. A small
    wrapper process starts it, since a child forked from this big process would count its pages."""
    exe = shutil.which("interop") or str(Path(sys.executable).with_name("interop"))
    command = [exe, "what-if", "--model", str(path), "--replace", platform, "--with", candidate, "--embargo", nation]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ | {"INTEROP_CACHE": "0"},
    )
    return time.perf_counter() - start, float(done.stdout.split()[-1]) / 1024


_WRAPPER = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True, check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def cli_wall_time(repeat: int = 5) -> tuple[float, str]:
    """Best wall time of the README's command on the shipped model, in a fresh process each time."""
    exe = shutil.which("interop") or str(Path(sys.executable).with_name("interop"))
    command = [exe, "what-if", "--replace", "F-35", "--with", "Gripen"]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
        if done.returncode != 0:
            return float("nan"), " ".join(command[1:]) + f" (exit {done.returncode})"
    return best, " ".join(command[1:])


def median_wall(command: list[str], repeat: int = 20) -> float:
    """Median wall time of ``command`` in a fresh process each time (hyperfine-style)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def startup_figures() -> dict[str, float]:
    """Median of 20: ``python -c pass``, ``interop --version``, ``interop spof`` on a 3-event tree."""
    exe = shutil.which("interop") or str(Path(sys.executable).with_name("interop"))
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "three.yaml"
        model.write_text(THREE_EVENTS)
        return {
            "python": median_wall([sys.executable, "-c", "pass"]),
            "version": median_wall([exe, "--version"]),
            "help": median_wall([exe, "--help"]),
            "spof_3_events": median_wall([exe, "spof", "--model", str(model), "--max-order", "2"]),
        }


def load_average() -> str:
    """The 1-minute load average (a shared machine's wall times depend on it)."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"


def growth_table(rows: list[dict[str, float]]) -> list[str]:
    """How each figure grows from one size to the next (the ratio of consecutive rows)."""
    keys = ("load", "what_if", "spof1", "spof2", "peak_mb")
    lines = [f"{'growth':>16} " + " ".join(f"{k:>8}" for k in keys)]
    for before, after in itertools.pairwise(rows):
        label = f"{before['nodes'] // 1000}k -> {after['nodes'] // 1000}k"
        ratios = [after[k] / before[k] if before[k] > 0 else float("nan") for k in keys]
        lines.append(f"{label:>16} " + " ".join(f"{'x' + format(r, '.1f'):>8}" for r in ratios))
    return lines


def verdict(figure: float, target: float) -> str:
    return "met" if figure <= target else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.seed)))
        return
    print(f"interop benchmarks — {os.cpu_count()} cores, Python {sys.version.split()[0]}, seed {args.seed}")
    header = (
        f"{'nodes':>8} {'YAML MB':>8} {'load s':>7} {'cached s':>8} {'what-if s':>9} {'failed':>7} {'spof1 s':>8} "
        f"{'sets1':>6} {'spof2 s':>8} {'sets2':>6} {'peak MB':>8} {'bench MB':>8} {'CLI s':>6}"
    )
    print(header)
    rows = []
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.run", "--one", str(size), "--seed", str(args.seed)],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        r = json.loads(done.stdout)
        rows.append(r)
        print(
            f"{r['nodes']:>8} {r['yaml_mb']:>8} {r['load']:>7.2f} {r['warm']:>8.2f} {r['what_if']:>9.2f} "
            f"{r['failed']:>7} {r['spof1']:>8.2f} {r['cut_sets_1']:>6} {r['spof2']:>8.2f} {r['cut_sets_2']:>6} "
            f"{r['peak_mb']:>8.0f} {r['bench_peak_mb']:>8.0f} {r['cli_what_if']:>6.2f}   "
            f"(load average {load_average()})"
        )
    print("load s = parse and validate (no cache); cached s = the same model again (content-hash cache)")
    print("peak MB = max RSS of one cold `interop what-if` process; bench MB = this benchmark's process")
    print("(three loads and every analysis); CLI s = that what-if's wall time, start-up to output")
    if len(rows) > 1:
        print()
        print("\n".join(growth_table(rows)))
    largest = rows[-1]
    print()
    print(f"targets (issue 14) at {largest['nodes']:,} nodes:")
    for key, target in TARGETS.items():
        unit = "MB" if key == "peak_mb" else "s"
        print(f"  {key:<14} {largest[key]:>8.2f} {unit}  target <= {target:g} {unit}  {verdict(largest[key], target)}")
    start = startup_figures()
    print(f"start-up, median of 20 fresh processes (load average {load_average()}):")
    print(f"  python -c pass       {start['python'] * 1000:>6.0f} ms")
    print(f"  interop --help       {start['help'] * 1000:>6.0f} ms")
    for key, label in (("version", "interop --version   "), ("spof_3_events", "interop spof 3 events")):
        target = STARTUP_TARGETS[key]
        print(
            f"  {label} {start[key] * 1000:>6.0f} ms  target <= {target * 1000:.0f} ms  {verdict(start[key], target)}"
        )
    wall, command = cli_wall_time()
    print(f"CLI on the shipped model: `interop {command}` best of 5: {wall:.3f} s (target <= 0.5 s)")


if __name__ == "__main__":
    main()
