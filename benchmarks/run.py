"""Print speed and memory figures on synthetic models and the CLI's wall time on the shipped model.

    python -m benchmarks.run                 # 1k, 10k and 100k nodes
    python -m benchmarks.run --sizes 1000 10000

Each size runs in a fresh subprocess so its peak memory (max RSS) is its own. Figures, not
assertions: the targets (on a 2-core machine) are 100k nodes loaded and validated in ≤ 5 s, a
what-if in ≤ 2 s, spof order 1 in ≤ 2 s and order 2 in ≤ 20 s for one capability, and the CLI on
the shipped model in ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"load": 5.0, "what_if": 2.0, "spof1": 2.0, "spof2": 20.0}


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
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


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
        f"{'sets1':>6} {'spof2 s':>8} {'sets2':>6} {'peak MB':>8}"
    )
    print(header)
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.run", "--one", str(size), "--seed", str(args.seed)],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        r = json.loads(done.stdout)
        print(
            f"{r['nodes']:>8} {r['yaml_mb']:>8} {r['load']:>7.2f} {r['warm']:>8.2f} {r['what_if']:>9.2f} "
            f"{r['failed']:>7} {r['spof1']:>8.2f} {r['cut_sets_1']:>6} {r['spof2']:>8.2f} {r['cut_sets_2']:>6} "
            f"{r['peak_mb']:>8.0f}"
        )
    wall, command = cli_wall_time()
    print(f"CLI on the shipped model: `interop {command}` best of 5: {wall:.3f} s")
    print("load s = parse and validate (no cache); cached s = the same model again (content-hash cache)")
    print("targets at 100k: " + ", ".join(f"{k} ≤ {v} s" for k, v in TARGETS.items()) + "; CLI ≤ 0.5 s")


if __name__ == "__main__":
    main()
