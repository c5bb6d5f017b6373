"""The failure logic of a service graph as a fault tree, preprocessed for the cut-set engine.

A node fails if it is removed or if any requirement item fails: an OR gate over the basic event
"v is removed" (only for nodes that may be in a cut set) and its items; a plain item is its
target's gate, an any_of item an AND gate over its alternatives' gates. Each capability asked
about gets a *target gate*, the OR of its items alone (a cut set never holds the capability).

Preprocessing, as fault-tree tools do before building diagrams (A. Rauzy, "New algorithms for
fault trees analysis", RESS 40, 1993; SCRAM's ``src/preprocessor.cc``), all linear:

- **constant propagation**: a gate that can never fail (no event below it: the home nation, a
  node whose kind is filtered out) is dropped from ORs and empties the ANDs that need it;
- **gate coalescing**: a child gate of the same connective with no other parent is merged into
  its parent (OR of OR, AND of AND), and a one-input gate is replaced by its input;
- **module detection** (Y. Dutuit and A. Rauzy, "A linear-time algorithm to find modules of
  fault trees", IEEE Trans. Reliability 45(3), 1996): one depth-first walk dates the first and
  last visit of every vertex; a gate is a module, sharing no event with the rest of the tree,
  iff every vertex below it is first visited after it and last visited before it is left.
  A module's cut sets are found once and it stands as one variable in its parents.

Cycles (a requirement loop) are kept as they are: their gates form strongly connected
components, solved by the engine as a least fixpoint; a gate in a cycle is never a module.
The depth-first walk also numbers the variables (the ZBDD order, top first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .components import components_dependencies_first
from .scenario import ServiceGraph

OR, AND = False, True


@dataclass
class FaultTree:
    """Gates ``0..n-1``: ``is_and[g]`` and ``children[g]``; a child ``c >= 0`` is a gate, ``c < 0``
    the event ``events[~c]`` (a node id). ``target_gate`` maps each target to its gate."""

    is_and: list[bool] = field(default_factory=list)
    children: list[list[int]] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    event_of_node: dict[str, int] = field(default_factory=dict)
    target_gate: dict[str, int] = field(default_factory=dict)
    false: set[int] = field(default_factory=set)  # gates that can never fail
    order: dict[int, int] = field(default_factory=dict)  # child code (gate or ~event) -> first visit date
    modules: set[int] = field(default_factory=set)
    components: list[list[int]] = field(default_factory=list)  # gates, dependencies first
    cyclic: set[int] = field(default_factory=set)

    def add_gate(self, is_and: bool, children: list[int]) -> int:
        self.is_and.append(is_and)
        self.children.append(children)
        return len(self.is_and) - 1


def build(graph: ServiceGraph, targets: Iterable[str], eligible: Callable[[str], bool]) -> FaultTree:
    """The preprocessed fault tree of everything ``targets`` depend on."""
    tree = FaultTree()
    wanted = list(targets)
    asked = set(wanted)
    requires = graph.requires
    region = sorted(graph.upstream(wanted))
    gate_of = {node_id: tree.add_gate(OR, []) for node_id in region}
    for node_id in region:
        own = gate_of[node_id]
        if eligible(node_id):
            tree.event_of_node[node_id] = len(tree.events)
            tree.children[own].append(~len(tree.events))
            tree.events.append(node_id)
        items: list[int] = []
        for item in requires[node_id]:
            alternatives = sorted({gate_of[t] for t in item.targets})
            if len(alternatives) == 1:
                items.append(alternatives[0])
            else:
                items.append(tree.add_gate(AND, alternatives))
        if node_id in asked:
            target = tree.add_gate(OR, items)
            tree.target_gate[node_id] = target
            tree.children[own].append(target)
        else:
            tree.children[own].extend(items)
    _preprocess(tree, [tree.target_gate[t] for t in wanted])
    return tree


def _preprocess(tree: FaultTree, roots: list[int]) -> None:
    components = components_dependencies_first(roots, _gate_children(tree), sort_members=False)
    for members in components:
        if len(members) > 1 or members[0] in tree.children[members[0]]:
            tree.cyclic.update(members)
    _propagate_constants(tree, components)
    _coalesce(tree, components)  # dropping constants only shrinks inputs: the order still holds
    tree.components = components_dependencies_first(roots, _gate_children(tree), sort_members=False)
    _detect_modules(tree, roots)


def _gate_children(tree: FaultTree) -> Callable[[int], list[int]]:
    children = tree.children
    return lambda g: [c for c in children[g] if c >= 0]


def _propagate_constants(tree: FaultTree, components: list[list[int]]) -> None:
    """Gates that can never fail, found dependencies first, and dropped from their parents."""
    false, children, is_and = tree.false, tree.children, tree.is_and
    for members in components:
        for g in members:
            kept = [c for c in children[g] if c not in false or c < 0]
            if is_and[g] and len(kept) < len(children[g]):
                kept = []
            children[g] = kept
            if not kept and g not in tree.cyclic:
                false.add(g)


def _coalesce(tree: FaultTree, components: list[list[int]]) -> None:
    """Merge single-parent children of the same connective into their parent; bypass one-input
    gates. Cyclic gates are left alone."""
    parents: dict[int, int] = {}
    for kids in tree.children:
        for c in kids:
            if c >= 0:
                parents[c] = parents.get(c, 0) + 1
    keep = set(tree.target_gate.values()) | tree.cyclic
    children, is_and = tree.children, tree.is_and
    for members in components:
        for g in members:
            if g in tree.cyclic:
                continue
            own: list[int] = []
            absorbed: list[list[int]] = []
            for c in children[g]:
                bypassed = False
                while c >= 0 and c not in keep and len(children[c]) == 1:
                    c = children[c][0]  # a one-input gate is its input
                    bypassed = True  # (c may now be reached from several parents: never absorb it)
                if not bypassed and c >= 0 and c not in keep and parents.get(c, 0) == 1 and is_and[c] == is_and[g]:
                    absorbed.append(children[c])  # c has no other parent: its list can be taken over
                else:
                    own.append(c)
            if absorbed:
                # Small into large: extend the longest list, so a long chain merges in linear time.
                absorbed.sort(key=len)
                merged = absorbed.pop()
                for part in absorbed:
                    merged.extend(part)
                merged.extend(own)
                children[g] = merged
            else:
                children[g] = own
    done: dict[int, list[int]] = {}  # absorbed gates share their list with their parent: dedupe once
    for g, kids in enumerate(children):
        if len(kids) > 1:
            if id(kids) not in done:
                done[id(kids)] = list(dict.fromkeys(kids))
            children[g] = done[id(kids)]


def _detect_modules(tree: FaultTree, roots: list[int]) -> None:
    """Dutuit–Rauzy dates: first and last visit of every vertex in one depth-first walk, then a
    gate is a module iff its descendants' dates lie strictly inside its own visit."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    leave: dict[int, int] = {}
    children = tree.children
    time = 0
    for root in roots:
        if root in first:
            time += 1
            last[root] = time
            continue
        time += 1
        first[root] = last[root] = time
        stack = [(root, iter(children[root]))]
        while stack:
            g, pending = stack[-1]
            for c in pending:
                time += 1
                if c in first:
                    last[c] = time
                    continue
                first[c] = last[c] = time
                if c >= 0:
                    stack.append((c, iter(children[c])))
                    break
            else:
                stack.pop()
                time += 1
                leave[g] = last[g] = max(last[g], time)
    tree.order = first
    low: dict[int, int] = {}
    high: dict[int, int] = {}
    for members in tree.components:
        below_lo: list[int] = []
        below_hi: list[int] = []
        if len(members) > 1:  # a loop: its members are below one another
            below_lo.append(min(first[g] for g in members))
            below_hi.append(max(last[g] for g in members))
        for g in members:
            for c in children[g]:
                below_lo.append(min(first[c], low.get(c, first[c])))
                below_hi.append(max(last[c], high.get(c, last[c])))
        g0 = members[0]
        low_value = min(below_lo) if below_lo else first[g0]
        high_value = max(below_hi) if below_hi else first[g0]
        for g in members:
            low[g], high[g] = low_value, high_value
        if (
            len(members) == 1
            and g0 not in tree.cyclic
            and below_lo
            and first[g0] < low_value
            and high_value < leave[g0]
        ):
            tree.modules.add(g0)


#: Above this many events the supports (one bit per event per gate) would cost too much memory,
#: and every gate keeps the query's order limit.
MAX_EVENTS_FOR_NEEDS = 20_000


def order_needs(tree: FaultTree, roots: list[int], k: int) -> dict[int, int]:
    """For each gate, the largest of its cut sets that can still be part of a root's cut set of
    order ≤ k (gates not listed keep k). Exact pruning, not a heuristic: in an AND gate, siblings
    whose events are disjoint from a child's (and from one another) add at least their smallest
    order to any set the child contributes, so the child's sets may be that much smaller.

    Lower bounds on the smallest order come from the structure (OR: the least of its inputs; AND:
    the sum over inputs with pairwise disjoint events, picked greedily, or the largest input), so
    the whole pass is linear in the tree's size times the bits of the supports."""
    needs: dict[int, int] = {}
    if len(tree.events) > MAX_EVENTS_FOR_NEEDS:
        return needs
    children, is_and, cyclic = tree.children, tree.is_and, tree.cyclic
    support: dict[int, int] = {}
    bound: dict[int, int] = {}

    def of(c: int) -> tuple[int, int]:
        return (1 << ~c, 1) if c < 0 else (support[c], bound[c])

    for members in tree.components:
        if len(members) > 1 or members[0] in cyclic:
            bits = 0
            for g in members:
                for c in children[g]:
                    if c < 0 or c not in members:
                        bits |= of(c)[0]
            for g in members:
                support[g], bound[g] = bits, 1
            continue
        g = members[0]
        kids = [of(c) for c in children[g]]
        bits = 0
        for s, _ in kids:
            bits |= s
        support[g] = bits
        if not kids:
            bound[g] = 1
        elif not is_and[g]:
            bound[g] = min(b for _, b in kids)
        else:
            bound[g] = max(max(b for _, b in kids), sum(b for _, b in _disjoint(kids)))
    for root in roots:
        needs[root] = k
    for members in reversed(tree.components):
        if (len(members) > 1 or members[0] in cyclic) and any(g in needs for g in members):
            for g in members:
                needs[g] = k
        for p in members:
            need = needs.get(p)
            if need is None:
                continue
            inputs = children[p]
            if p in cyclic or len(members) > 1:
                need = k
                discounts = [0] * len(inputs)
            elif is_and[p] and len(inputs) > 1:
                discounts = _discounts([of(c) for c in inputs])
            else:
                discounts = [0] * len(inputs)
            for c, discount in zip(inputs, discounts, strict=True):
                if c >= 0:
                    needs[c] = max(needs.get(c, -1), need - discount)
    return needs


def _disjoint(kids: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Greedily, heaviest first, inputs whose supports are pairwise disjoint."""
    chosen: list[tuple[int, int]] = []
    taken = 0
    for s, b in sorted(kids, key=lambda sb: -sb[1]):
        if not s & taken:
            chosen.append((s, b))
            taken |= s
    return chosen


def _discounts(kids: list[tuple[int, int]]) -> list[int]:
    """For each input of an AND gate, the least size its siblings must add to any of its sets."""
    chosen = _disjoint(kids)
    out = []
    for s, _ in kids:
        out.append(sum(b for t, b in chosen if not t & s))  # the input itself overlaps itself
    return out
