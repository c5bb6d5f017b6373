"""Seeded generator of large synthetic models shaped like a real ecosystem.

Layers: nations → suppliers → components and support chains → data links → platforms → systems →
capabilities, with dual-sourced parts (any_of), grace periods, partner assets (other operators, no
supply chain; 10% of platforms), data links on ~10% of home platforms and 5% of systems (links
grow as home × partner speakers per data link), candidate platforms with their own candidate
parts, and a few back edges that make cycles. About 150 bytes of YAML per node: 100k ≈ 15 MB.

    python -m benchmarks.synthetic 10000 -o /tmp/synthetic.yaml
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path


def generate(nodes: int, seed: int = 7) -> str:
    """YAML text of a valid model with about ``nodes`` nodes."""
    rng = random.Random(seed)
    out = ["model:", f"  name: Synthetic ecosystem ({nodes} nodes, seed {seed})", "  home: CAN", "nodes:"]
    count = {
        "nation": max(6, nodes // 2000),
        "supplier": nodes // 10,
        "datalink": max(3, nodes // 2000),
        "capability": max(2, nodes // 100),
        "system": nodes // 12,
        "platform": nodes // 5,
    }
    count["support"] = nodes // 10
    count["component"] = nodes - sum(count.values())
    nations = ["CAN"] + [f"N{i:03d}" for i in range(count["nation"] - 1)]
    for nation in nations:
        out += [f"  - id: {nation}", "    kind: nation"]

    def pick(pool: list[str], k: int) -> list[str]:
        return rng.sample(pool, min(k, len(pool)))

    def node(node_id: str, kind: str, requires: list[str], extra: tuple[str, ...] = ()) -> None:
        out.append(f"  - id: {node_id}")
        out.append(f"    kind: {kind}")
        out.append(f"    name: Synthetic {kind} {node_id}")
        out.extend(extra)
        if requires:
            out.append("    requires:")
            out.extend(requires)

    suppliers = [f"S{i:06d}" for i in range(count["supplier"])]
    for s in suppliers:
        node(s, "supplier", [], (f"    nation: {rng.choice(nations)}",))
    components = [f"C{i:06d}" for i in range(count["component"])]
    candidate_parts: list[str] = []
    active_parts: list[str] = []
    for c in components:
        candidate = rng.random() < 0.03
        reqs = []
        if rng.random() < 0.2:
            a, b = pick(suppliers, 2)
            reqs.append(f"      - any_of: [{a}, {b}]")
        else:
            reqs.append(f"      - {rng.choice(suppliers)}")
        earlier = active_parts + candidate_parts if candidate else active_parts
        if len(earlier) > 10 and rng.random() < 0.5:
            reqs.append(f"      - {{id: {rng.choice(earlier)}, grace_days: {rng.choice((0, 30, 90))}}}")
        (candidate_parts if candidate else active_parts).append(c)
        node(c, "component", reqs, ("    status: candidate",) if candidate else ())
    support = [f"U{i:06d}" for i in range(count["support"])]
    for u in support:
        reqs = [f"      - {{id: {x}, grace_days: {rng.choice((0, 30, 180))}}}" for x in pick(active_parts, 2)]
        node(u, "support", reqs, (f"    nation: {rng.choice(nations)}",))
    links = [f"L{i:03d}" for i in range(count["datalink"])]
    for link in links:
        node(link, "datalink", [f"      - {{id: {rng.choice(support)}, grace_days: 30}}"])
    platforms = [f"P{i:06d}" for i in range(count["platform"])]
    active_platforms: list[str] = []
    for p in platforms:
        partner = rng.random() < 0.1
        candidate = not partner and rng.random() < 0.05
        speaks = partner or rng.random() < 0.1  # links grow as home × partner speakers per data link
        interfaces = f"    interfaces: [{', '.join(pick(links, rng.randint(1, 2)))}]" if speaks else "    tags: []"
        if partner:
            node(p, "platform", [], (f"    operator: {rng.choice(nations[1:])}", interfaces))
            continue
        parts = pick(candidate_parts, 2) if candidate and candidate_parts else []
        reqs = [f"      - {{id: {x}, grace_days: {rng.choice((0, 60, 120))}}}" for x in parts + pick(active_parts, 3)]
        reqs += [f"      - {x}" for x in pick(support, 2)]
        node(p, "platform", reqs, ("    status: candidate" if candidate else "    status: active", interfaces))
        if not candidate:
            active_platforms.append(p)
    systems = [f"Y{i:06d}" for i in range(count["system"])]
    for y in systems:
        reqs = [f"      - {x}" for x in pick(active_platforms, 2) + pick(links, 1)]
        node(y, "system", reqs, (f"    interfaces: [{rng.choice(links)}]",) if rng.random() < 0.05 else ())
    for i in range(count["capability"]):
        reqs = []
        for _ in range(3):
            reqs.append(f"      - any_of: [{', '.join(pick(active_platforms, 3))}]")
        reqs += [f"      - {x}" for x in pick(systems, 2)]
        node(f"K{i:05d}", "capability", reqs)
    # A few back edges: support that needs a system (which needs platforms, which need support).
    for u in pick(support, max(1, len(support) // 200)):
        out.append(f"  - id: X{u}")
        out.append("    kind: support")
        out.append(f"    requires: [{rng.choice(systems)}]")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nodes", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    args.output.write_text(generate(args.nodes, args.seed))


if __name__ == "__main__":
    main()
