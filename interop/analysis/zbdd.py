"""Zero-suppressed binary decision diagrams for families of minimal cut sets, truncated at order K.

A ZBDD (S. Minato, "Zero-suppressed BDDs for set manipulation in combinatorial problems",
DAC 1993) stores a family of sets as a shared graph of vertices ``(v, high, low)``: the family
``{s ∪ {v} : s ∈ high} ∪ low``, with two terminals, 0 (no set) and 1 (only the empty set), and
no vertex whose high edge is 0. Vertices are unique (hash-consed), so equal families are equal
integers and every operation can be memoised on its operands.

The operations are the ones fault-tree tools use for minimal cut sets (A. Rauzy, "New algorithms
for fault trees analysis", Reliability Engineering & System Safety 40, 1993, and "Mathematical
foundation of minimal cutsets", IEEE Trans. Reliability 50(4), 2001; as implemented in SCRAM's
``src/zbdd.cc``): union and product of *minimal* families stay minimal because each new vertex
drops from its high branch every set that contains a set of its low branch (Rauzy's *without*
operator), and products are truncated at the order limit while they are built, so no set larger
than K ever exists. Truncation is *weighted*: a variable that stands for a module (a sub-tree
sharing no event with the rest, see :mod:`interop.analysis.faulttree`) weighs the size of the
module's smallest cut set, so a branch is cut as soon as it cannot lead to a set of order ≤ K.

Variable order: smaller index = nearer the root. The caller numbers variables depth-first from the
top (the classic "depth-first, left-most" heuristic), which keeps chains and trees linear in size.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence

EMPTY = 0  #: the family with no set (nothing fails)
BASE = 1  #: the family holding only the empty set (the neutral element of the product)

_TERMINAL_VAR = sys.maxsize  # terminals sort below every variable


class WorkLimitExceeded(Exception):
    """The diagram grew past the caller's limit on memoised steps (see ZBDD.max_steps)."""

    def __init__(self, steps: int) -> None:
        self.steps = steps
        super().__init__(f"ZBDD work passed {steps:,} steps")


class ZBDD:
    """One manager: the unique table, the memo tables and the variables' weights.

    ``max_steps`` (optional) bounds the memoised operation steps plus vertices made; past it the
    running operation raises :class:`WorkLimitExceeded` (the engine's safety net).
    """

    def __init__(self, max_steps: int | None = None) -> None:
        self.var: list[int] = [_TERMINAL_VAR, _TERMINAL_VAR]
        self.high: list[int] = [0, 0]
        self.low: list[int] = [0, 0]
        self.min_weight: list[int] = [sys.maxsize, 0]  # weight of the lightest set; 0 has none
        self.max_weight: list[int] = [-1, 0]  # weight of the heaviest set
        self.weights: dict[int, int] = {}
        self.max_steps = max_steps if max_steps is not None else sys.maxsize
        self._clear_memos: list[Callable[[], None]] = []
        self._counter = [0]
        self._build_operations()

    @property
    def steps(self) -> int:
        """Operation steps done so far (memo misses plus vertices made)."""
        return self._counter[0]

    def size(self) -> int:
        """Vertices made so far (terminals included)."""
        return len(self.var)

    def single(self, v: int, weight: int = 1) -> int:
        """The family ``{{v}}``; ``weight`` is what v counts for in truncation (1 for an event)."""
        if weight != 1:
            self.weights[v] = weight
        return self.vertex(v, BASE, EMPTY)

    def clear_memo(self) -> None:
        """Forget the operation memos (the vertices stay): bounds memory between big steps."""
        for clear in self._clear_memos:
            clear()

    def _build_operations(self) -> None:
        """The operations as closures over local tables: the recursion is the hot loop, and
        local names cost far less than attribute look-ups in CPython."""
        var, high, low = self.var, self.high, self.low
        min_w, max_w, weights = self.min_weight, self.max_weight, self.weights
        unique: dict[tuple[int, int, int], int] = {}
        union_memo: dict[tuple[int, int], int] = {}
        product_memo: dict[tuple[int, int, int], int] = {}
        without_memo: dict[tuple[int, int], int] = {}
        prune_memo: dict[tuple[int, int], int] = {}
        self._clear_memos = [union_memo.clear, product_memo.clear, without_memo.clear, prune_memo.clear]
        counter = self._counter
        limit_steps = self.max_steps
        weight_of = weights.get

        def vertex(v: int, hi: int, lo: int) -> int:
            """The vertex ``(v, hi, lo)``, reduced (hi 0 gives lo) and unique."""
            if hi == EMPTY:
                return lo
            key = (v, hi, lo)
            found = unique.get(key)
            if found is not None:
                return found
            node = len(var)
            var.append(v)
            high.append(hi)
            low.append(lo)
            w = weight_of(v, 1)
            min_w.append(min(min_w[hi] + w, min_w[lo]))
            max_w.append(max(max_w[hi] + w, max_w[lo]))
            unique[key] = node
            counter[0] += 1
            if counter[0] > limit_steps:
                raise WorkLimitExceeded(counter[0])
            return node

        def union(f: int, g: int) -> int:
            """Minimal form of f ∪ g (both minimal, both already within the order limit)."""
            if f == g or g == EMPTY:
                return f
            if f == EMPTY:
                return g
            if f == BASE or g == BASE:
                return BASE
            if f > g:
                f, g = g, f
            key = (f, g)
            found = union_memo.get(key)
            if found is not None:
                return found
            vf, vg = var[f], var[g]
            if vf < vg:
                result = vertex(vf, without(high[f], g), union(low[f], g))
            elif vg < vf:
                result = vertex(vg, without(high[g], f), union(f, low[g]))
            else:
                lo = union(low[f], low[g])
                result = vertex(vf, without(union(high[f], high[g]), lo), lo)
            union_memo[key] = result
            counter[0] += 1
            return result

        def without(f: int, g: int) -> int:
            """The sets of f that contain no set of g (Rauzy's f ÷ g): removes non-minimal sets."""
            if f == EMPTY or g == EMPTY:
                return f
            if f == g or g == BASE:
                return EMPTY
            if min_w[g] > max_w[f]:
                return f  # every set of g is heavier than any of f: none can be inside one
            vf = var[f]
            while var[g] < vf:  # g's top variable is in no set of f
                g = low[g]
                if g == EMPTY:
                    return f
                if g == BASE:
                    return EMPTY
            if f == BASE:
                while g > BASE:  # does g hold the empty set?
                    g = low[g]
                return EMPTY if g == BASE else BASE
            key = (f, g)
            found = without_memo.get(key)
            if found is not None:
                return found
            if vf < var[g]:
                result = vertex(vf, without(high[f], g), without(low[f], g))
            else:
                hi = without(without(high[f], high[g]), low[g])
                result = vertex(vf, hi, without(low[f], low[g]))
            without_memo[key] = result
            counter[0] += 1
            return result

        def product(f: int, g: int, limit: int) -> int:
            """Minimal form of {a ∪ b : a ∈ f, b ∈ g} keeping only sets of weight ≤ ``limit``."""
            if f == EMPTY or g == EMPTY or limit < 0:
                return EMPTY
            if f == BASE:
                return prune(g, limit)
            if g == BASE or f == g:
                return prune(f, limit)
            if min_w[f] > limit or min_w[g] > limit:
                return EMPTY
            if f > g:
                f, g = g, f
            key = (f, g, limit)
            found = product_memo.get(key)
            if found is not None:
                return found
            vf, vg = var[f], var[g]
            if vg < vf:
                f, g, vf, vg = g, f, vg, vf
            sub = limit - weight_of(vf, 1)
            if vf < vg:
                top_high = product(high[f], g, sub)
                top_low = product(low[f], g, limit)
            else:
                # (v·f1 + f0)(v·g1 + g0) = v·(f1·(g1 + g0) + f0·g1) + f0·g0
                top_high = union(product(high[f], union(high[g], low[g]), sub), product(low[f], high[g], sub))
                top_low = product(low[f], low[g], limit)
            result = vertex(vf, without(top_high, top_low), top_low)
            product_memo[key] = result
            counter[0] += 1
            return result

        def prune(f: int, limit: int) -> int:
            """The sets of f of weight ≤ ``limit``."""
            if limit < 0:
                return EMPTY
            if f <= BASE or max_w[f] <= limit:
                return f
            if min_w[f] > limit:
                return EMPTY
            key = (f, limit)
            found = prune_memo.get(key)
            if found is not None:
                return found
            v = var[f]
            result = vertex(v, prune(high[f], limit - weight_of(v, 1)), prune(low[f], limit))
            prune_memo[key] = result
            counter[0] += 1
            return result

        self.vertex = vertex
        self.union = union
        self.without = without
        self.product = product
        self.prune = prune

    def union_all(self, families: Sequence[int]) -> int:
        """Union of many families, deepest top variable first (the cheapest order)."""
        var = self.var
        result = EMPTY
        for f in sorted(families, key=lambda f: -var[f]):
            result = self.union(result, f)
        return result

    def product_all(self, families: Sequence[int], limit: int) -> int:
        """Product of many families within ``limit``, deepest top variable first."""
        if not families or EMPTY in families:
            return EMPTY
        var = self.var
        ordered = sorted(families, key=lambda f: -var[f])
        result = self.prune(ordered[0], limit)
        for f in ordered[1:]:
            result = self.product(result, f, limit)
            if result == EMPTY:
                break
        return result

    # --- reading families out ----------------------------------------------------------------

    def sets(self, f: int) -> Iterator[list[int]]:
        """Every set of f, as a list of variables (top first). Iterative: chains may be long."""
        var, high, low = self.var, self.high, self.low
        stack: list[tuple[int, list[int]]] = [(f, [])]
        while stack:
            node, prefix = stack.pop()
            while node > BASE:
                stack.append((low[node], prefix))
                prefix = [*prefix, var[node]]
                node = high[node]
            if node == BASE:
                yield prefix

    def count_by_size(self, f: int, limit: int, sizes: dict[int, list[int]]) -> list[int]:
        """How many sets f stands for, by size 0..limit, once each variable ``v`` in ``sizes`` is
        replaced by its own sets (``sizes[v][s]`` of size s); other variables count as size 1.
        Exact and linear in the vertices of f: the engine's honest figure before enumerating."""
        memo: dict[int, list[int]] = {EMPTY: [0] * (limit + 1), BASE: [1] + [0] * limit}
        unit = [0, 1] + [0] * (limit - 1) if limit >= 1 else [0]
        var, high, low = self.var, self.high, self.low
        stack = [f]
        while stack:
            node = stack[-1]
            if node in memo:
                stack.pop()
                continue
            h, lo = high[node], low[node]
            missing = [x for x in (h, lo) if x not in memo]
            if missing:
                stack.extend(missing)
                continue
            stack.pop()
            own = sizes.get(var[node], unit)
            counts = list(memo[lo])
            above = memo[h]
            for a, ca in enumerate(above):
                if ca:
                    for b in range(1, limit + 1 - a):
                        cb = own[b] if b < len(own) else 0
                        if cb:
                            counts[a + b] += ca * cb
            memo[node] = counts
        return memo[f]
