"""Random small models and a naive reference for the decision-support property tests.

The reference works on the raw model data (dicts), never on interop.analysis: it builds the
requirement structure after replace/mix operations by hand and computes failure times by naive
fixpoint iteration from "never" (Bellman–Ford-like), which gives the greatest fixpoint.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import strategies as st
from reference import requirement_items

INF = math.inf
NATIONS = ("H", "F", "G")


@st.composite
def decision_models(draw: st.DrawFn, max_nodes: int = 7) -> dict[str, Any]:
    """Valid models: home H, foreign F and G, data link D, and up to ``max_nodes`` nodes with
    plain and any_of requirements (grace 0–4, cycles allowed), `nation:` and `operator:` fields
    and some candidates."""
    n = draw(st.integers(2, max_nodes))
    ids = [f"n{i}" for i in range(n)]
    candidate = {i: draw(st.integers(0, 3)) == 0 for i in ids}
    nodes: list[dict[str, Any]] = [{"id": x, "kind": "nation"} for x in NATIONS]
    nodes.append({"id": "D", "kind": "datalink", "nation": draw(st.sampled_from([None, "F"]))})
    if nodes[-1]["nation"] is None:
        del nodes[-1]["nation"]
    for node_id in ids:
        allowed = [t for t in [*ids, "F", "G", "D"] if t != node_id and (candidate[node_id] or not candidate.get(t))]
        items = requirement_items(draw, allowed, max_grace=4)
        node: dict[str, Any] = {
            "id": node_id,
            "kind": draw(st.sampled_from(["supplier", "component", "platform", "capability"])),
            "status": "candidate" if candidate[node_id] else "active",
            "requires": items,
        }
        nation = draw(st.sampled_from([None, None, "H", "F", "G"]))
        if nation:
            node["nation"] = nation
        operator = draw(st.sampled_from([None, "H", "F", "G"]))
        if operator:
            node["operator"] = operator
        if draw(st.booleans()):
            node["interfaces"] = ["D"]
        nodes.append(node)
    return {"model": {"home": "H"}, "nodes": nodes}


def raw_requirements(data: dict[str, Any]) -> dict[str, list[tuple[tuple[str, ...], bool, int]]]:
    """node → [(targets, any_of, grace)] straight from the data (``nation:`` as a plain item)."""
    out = {}
    for node in data["nodes"]:
        items = []
        for item in node.get("requires", []):
            if isinstance(item, str):
                items.append(((item,), False, 0))
            elif "any_of" in item:
                items.append((tuple(item["any_of"]), True, item.get("grace_days", 0)))
            else:
                items.append(((item["id"],), False, item.get("grace_days", 0)))
        if node.get("nation"):
            items.append(((node["nation"],), False, 0))
        out[node["id"]] = items
    return out


def mixed_structure(data: dict[str, Any], a: str, b: str) -> dict[str, list[tuple[tuple[str, ...], bool, int]]]:
    """Requirements in service after ``mix a with b``: b and the candidates it needs enter; every
    requirement on a may be met by a or b (an any_of group); a node never requires itself."""
    requirements = raw_requirements(data)
    candidates = {n["id"] for n in data["nodes"] if n.get("status") == "candidate"}
    in_service = {n["id"] for n in data["nodes"]} - candidates
    frontier = [b]
    while frontier:
        x = frontier.pop()
        if x not in in_service:
            in_service.add(x)
            frontier += [t for targets, _, _ in requirements[x] for t in targets if t in candidates]
    out = {}
    for node in sorted(in_service):
        items = []
        for targets, any_of, grace in requirements[node]:
            if a in targets:
                expanded: list[str] = []
                for t in targets:
                    for u in (a, b) if t == a else (t,):
                        if u != node and u not in expanded:
                            expanded.append(u)
                if not expanded:
                    continue
                items.append((tuple(expanded), any_of or len(expanded) > 1, grace))
            else:
                items.append((targets, any_of, grace))
        out[node] = items
    return out


def naive_times(requirements: dict[str, list[tuple[tuple[str, ...], bool, int]]], start: set[str]) -> dict[str, int]:
    """Failure day of every node that fails, by iterating the equations from 'never'."""
    times: dict[str, float] = {n: (0 if n in start else INF) for n in requirements}
    for _ in range(20 * len(times) + 20):
        changed = False
        for node, items in requirements.items():
            if node in start:
                continue
            best = min(
                (
                    (max(times[t] for t in targets) if any_of else times[targets[0]]) + grace
                    for targets, any_of, grace in items
                ),
                default=INF,
            )
            if best < times[node]:
                times[node], changed = best, True
        if not changed:
            return {n: int(t) for n, t in times.items() if t < INF}
    raise AssertionError("naive iteration did not converge")
