"""Cost of `interop sensitivity`: one cascade per variant, O(variants × (V + E) log V).

python -m benchmarks.sensitivity            # the shipped model, then synthetic 1k and 10k nodes
"""

from __future__ import annotations

import time

from interop.analysis.scenario import Scenario
from interop.analysis.sensitivity import sensitivity
from interop.model import load_model
from interop.shipped import shipped_model_path


def timed(model, scenario, repeat: int = 3) -> tuple[float, int, int]:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = sensitivity(model, scenario)
        best = min(best, time.perf_counter() - start)
    variants = sum(len(a.variants) for a in result.assumptions)
    return best, len(result.assumptions), variants


def main() -> None:
    model = load_model(shipped_model_path())
    for scenario in (Scenario.build(embargo=["USA"]), Scenario.build(replace=[("F-35", "Gripen")], embargo=["USA"])):
        seconds, assumptions, variants = timed(model, scenario)
        print(
            f"shipped ({len(model)} nodes) `{scenario.describe()}`: {assumptions} assumptions, "
            f"{variants} variants, best of 3 {seconds * 1000:.1f} ms"
        )
    import tempfile
    from pathlib import Path

    from .synthetic import generate

    for size in (1_000, 10_000):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "synthetic.yaml"
            path.write_text(generate(size), encoding="utf-8")
            synthetic = load_model(path)
        nation = sorted(n.id for n in synthetic if n.kind == "nation" and n.id != "CAN")[0]
        seconds, assumptions, variants = timed(synthetic, Scenario.build(embargo=[nation]), repeat=1)
        print(
            f"synthetic {len(synthetic)} nodes, embargo {nation}: {assumptions} assumptions, {variants} variants, "
            f"{seconds:.2f} s ({seconds / max(variants, 1) * 1000:.1f} ms per variant)"
        )


if __name__ == "__main__":
    main()
