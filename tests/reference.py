"""Brute-force reference implementations of the semantics, written straight from the contract.

Deliberately naive (fixpoint iteration, subset enumeration) and independent of interop.analysis,
so property tests can compare the real algorithms against them on small random models.
"""

from __future__ import annotations

import math
from itertools import combinations
from typing import Any

from hypothesis import strategies as st

INF = math.inf
Items = list[tuple[tuple[str, ...], bool, int]]  # (targets, any_of, grace)


def structure(model: Any, replace: list[tuple[str, str]] = (), mix: list[tuple[str, str]] = ()) -> dict[str, Items]:
    """In-service nodes and their requirements after replacements/mixes (spec §2, literally)."""
    reqs: dict[str, Items] = {n.id: [(tuple(r.targets), r.any_of, r.grace_days) for r in n.requires] for n in model}
    in_service = {n.id for n in model if not n.is_candidate}
    ops = [("replace", a, b) for a, b in replace] + [("mix", a, b) for a, b in mix]
    for op, a, b in ops:
        # b and the candidates it requires, transitively, enter service
        stack = [b]
        while stack:
            x = stack.pop()
            if x in in_service:
                continue
            in_service.add(x)
            stack += [t for targets, _, _ in reqs[x] for t in targets if model[t].is_candidate]
        if op == "replace":
            in_service.discard(a)
        for node, items in reqs.items():
            new_items: Items = []
            for targets, any_of, grace in items:
                if a in targets:
                    if op == "replace":
                        targets = tuple(b if t == a else t for t in targets)
                    else:
                        targets = tuple(x for t in targets for x in ((a, b) if t == a else (t,)))
                    targets = tuple(t for t in dict.fromkeys(targets) if t != node)
                    if not targets:
                        continue
                    any_of = any_of or len(targets) > 1
                new_items.append((targets, any_of, grace))
            reqs[node] = new_items
    return {n: reqs[n] for n in sorted(in_service)}


def failure_times(reqs: dict[str, Items], removed: set[str]) -> dict[str, float]:
    """Greatest fixpoint of the failure-time equations, by iteration from 'never'."""
    times = {n: (0 if n in removed else INF) for n in reqs}
    for _ in range(10 * len(reqs) + 10):
        changed = False
        for node, items in reqs.items():
            if node in removed:
                continue
            best = INF
            for targets, any_of, grace in items:
                t = max(times[x] for x in targets) if any_of else times[targets[0]]
                best = min(best, t + grace)
            if best < times[node]:
                times[node] = best
                changed = True
        if not changed:
            return times
    raise AssertionError("reference iteration did not converge")


def fails_eventually(reqs: dict[str, Items], removed: set[str], node: str) -> bool:
    return failure_times(reqs, removed)[node] < INF


def minimal_cut_sets(reqs: dict[str, Items], target: str, k: int, eligible: set[str]) -> list[tuple[str, ...]]:
    """Every minimal cut set of size ≤ k drawn from ``eligible``, by enumerating subsets."""
    found: list[frozenset[str]] = []
    pool = sorted(eligible - {target})
    for size in range(1, k + 1):
        for combo in combinations(pool, size):
            s = frozenset(combo)
            if any(f <= s for f in found):
                continue
            if fails_eventually(reqs, set(s), target):
                found.append(s)
    return sorted((tuple(sorted(s)) for s in found), key=lambda s: (len(s), s))


def links(
    model: Any, reqs: dict[str, Items], times: dict[str, float], at: int | None = None
) -> set[tuple[str, str, str]]:
    """All (a, b, s) triples of the contract, by checking every pair."""
    home = model.home

    def works(x: str) -> bool:
        t = times.get(x, INF)
        return t == INF or (at is not None and t > at)

    out = set()
    nodes = sorted(reqs)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if not (works(a) and works(b)):
                continue
            op_a = model[a].operator or home
            op_b = model[b].operator or home
            if op_a == op_b or home not in (op_a, op_b):
                continue
            for s in set(model[a].interfaces) & set(model[b].interfaces):
                if s in reqs and works(s):
                    out.add((a, b, s))
    return out


def carried_links(
    replacements: list[tuple[str, str]], lost: set[tuple[str, str, str]], gained: set[tuple[str, str, str]]
) -> list[tuple[str, str, str, str]]:
    """Contract 4.2, literally: for each ``replace A with B`` (in order), follow later replacements of
    B (a chain) to the node that finally took A's requirements over; a lost link (A, P, s) and a
    gained link (final, P, s) with the same partner P and data link s are one carried link."""
    out = set()
    for i, (a, b) in enumerate(replacements):
        final = b
        for x, y in replacements[i + 1 :]:
            if x == final:
                final = y
        for link in lost:
            if a not in link[:2]:
                continue
            partner = link[1] if link[0] == a else link[0]
            if (*sorted((final, partner)), link[2]) in gained:
                out.add((a, final, partner, link[2]))
    return sorted(out)


# --- random models ----------------------------------------------------------------------------


def requirement_items(draw: st.DrawFn, allowed: list[str], max_grace: int) -> list[dict[str, Any]]:
    """0–3 requirement items over ``allowed`` ids: plain or any_of (2–3 alternatives), with a grace."""
    items: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        if not allowed:
            break
        grace = draw(st.integers(0, max_grace))
        if draw(st.booleans()) and len(allowed) >= 2:
            alternatives = draw(st.lists(st.sampled_from(allowed), min_size=2, max_size=3, unique=True))
            items.append({"any_of": alternatives, "grace_days": grace})
        else:
            items.append({"id": draw(st.sampled_from(allowed)), "grace_days": grace})
    return items


@st.composite
def random_models(draw: st.DrawFn, max_nodes: int = 8, candidates: bool = True, swap: bool = False) -> dict[str, Any]:
    """Small valid models: nations H (home) and F, a datalink D, and up to ``max_nodes`` others with
    random requirements (plain and any_of, grace 0–5, cycles allowed) and some candidates.

    ``swap``: the model always has a candidate (n0) to bring in, so a replacement or mix can be
    drawn on every example (D is always an active non-nation node to replace)."""
    n = draw(st.integers(2, max_nodes))
    ids = [f"n{i}" for i in range(n)]
    status = {i: ("candidate" if candidates and draw(st.integers(0, 4)) == 0 else "active") for i in ids}
    if swap:
        status["n0"] = "candidate"
    nodes: list[dict[str, Any]] = [
        {"id": "H", "kind": "nation"},
        {"id": "F", "kind": "nation"},
        {"id": "D", "kind": "datalink", "requires": draw(st.lists(st.sampled_from(ids), max_size=1, unique=True))},
    ]
    if any(status[t] == "candidate" for t in nodes[2]["requires"]):
        nodes[2]["requires"] = []
    kinds = ["supplier", "component", "platform", "capability"]
    for node_id in ids:
        allowed = [
            t
            for t in [*ids, "F", "D"]
            if t != node_id and (status[node_id] == "candidate" or t in ("F", "D") or status[t] == "active")
        ]
        items = requirement_items(draw, allowed, max_grace=5)
        node = {
            "id": node_id,
            "kind": draw(st.sampled_from(kinds)),
            "status": status[node_id],
            "requires": items,
            "operator": draw(st.sampled_from(["H", "F"])),
        }
        if draw(st.booleans()):
            node["interfaces"] = ["D"]
        nodes.append(node)
    return {"model": {"home": "H"}, "nodes": nodes}


# --- dates (contract 4.1, 4.4) ----------------------------------------------------------------


def window_contains(node: Any, day: Any) -> bool:
    """A node serves on ``day`` when its window (first day of ``from``, last day of ``until``) holds it."""
    window = node.service
    if window is None:
        return True
    return (window.start is None or window.start <= day) and (window.end is None or day <= window.end)


def dated_structure(reqs: dict[str, Items], model: Any, day: Any) -> tuple[dict[str, Items], set[str]]:
    """The plan ``reqs`` (after replacements) read on ``day``: (requirements of the supported
    nodes, with any_of alternatives cut to supported ones; the gaps).

    In service on D: the plan's nodes whose window contains D. Unsupported: a node in service
    with a requirement none of whose targets is supported; the supported set is the greatest
    fixpoint, found by removing unsupported nodes until nothing changes (grace plays no role)."""
    serving = {n for n in reqs if window_contains(model[n], day)}
    supported = set(serving)
    changed = True
    while changed:
        changed = False
        for node in sorted(supported):
            if any(not any(t in supported for t in targets) for targets, _, _ in reqs[node]):
                supported.discard(node)
                changed = True
    out: dict[str, Items] = {}
    for node in sorted(supported):
        out[node] = [
            (tuple(t for t in targets if t in supported), any_of, grace) for targets, any_of, grace in reqs[node]
        ]
    return out, serving - supported


@st.composite
def dated_models(draw: st.DrawFn, max_nodes: int = 8) -> dict[str, Any]:
    """random_models with service windows on some nodes (years 2020–2030, month and day forms)."""
    data = draw(random_models(max_nodes=max_nodes))
    forms = st.sampled_from(["year", "month", "day"])
    for node in data["nodes"]:
        if node["kind"] == "nation" or not draw(st.booleans()):
            continue
        window: dict[str, Any] = {}
        start = draw(st.integers(2020, 2030))
        end = draw(st.integers(start, 2031))
        for key, year in (("from", start), ("until", end)):
            if not draw(st.booleans()):
                continue
            form = draw(forms)
            window[key] = year if form == "year" else (f"{year}-06" if form == "month" else f"{year}-06-15")
        node["service"] = window
    return data
