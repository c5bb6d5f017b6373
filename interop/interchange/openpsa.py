"""Open-PSA Model Exchange Format (MEF) fault trees: export one capability, import fault trees.

Export: the top event is "capability C fails". A node's failure is OR(basic event "the node is
removed", every requirement item failing); a plain item is its target's failure, an any_of item
the AND of its alternatives' failures. Grace periods are ignored (eventual failure). The home
nation (and, with ``kinds``, every node of another kind) is never a basic event, as in ``spof``.
MEF trees must be acyclic, so cycles are unfolded: along each path from the top a node already
on the path contributes nothing (a failure cannot be caused through itself), which is exactly
the least fixpoint interop computes; gates are shared wherever the on-path nodes of the same
strongly connected component agree. So the minimal cut sets of the tree equal ``spof``'s.

Import: gates with ``and``, ``or``, ``atleast`` (k-of-n), a single event, or nested formulas;
basic events; house events with constant values (propagated away). Basic events become nodes of
kind component, gates nodes of kind system, top gates (referenced by no other gate) capabilities.
OR gate = one plain requirement per input; AND gate = one any_of of its inputs; atleast k of n =
one any_of per k-subset of the inputs (it fails as soon as all members of some k-subset fail).

Reference: Open-PSA Model Exchange Format 2.0d, https://open-psa.github.io/mef/
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import combinations
from math import comb
from typing import Any, TypeVar
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from .. import __version__
from ..analysis.scenario import ServiceGraph
from ..errors import ModelError, Problem, ScenarioError
from ..escape import escape_controls
from ..model import Model

T = TypeVar("T")
ID_ATTRIBUTE = "interop-id"
MAX_GATES = 200_000
MAX_SUBSETS = 10_000

# --- export -----------------------------------------------------------------------------------


@dataclass
class _Tree:
    """Gates (name → (connective, children, label)) and basic events (name → node id) being built."""

    gates: dict[str, tuple[str, list[tuple[str, str]], str]] = field(default_factory=dict)
    basic: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def name(self, wanted: str) -> str:
        """A fresh MEF identifier close to ``wanted``."""
        base = _identifier(wanted)
        name, n = base, 1
        while name.casefold() in self.used:
            n += 1
            name = f"{base}-{n}"
        self.used.add(name.casefold())
        return name


def _identifier(text: str) -> str:
    """A valid MEF name: an XML NCName without '.' or '--' (other characters become '_')."""
    name = re.sub(r"[^A-Za-z0-9_-]", "_", text)
    name = re.sub(r"-{2,}", "-", name).strip("-") or "_"
    return name if (name[0].isalpha() or name[0] == "_") else f"n{name}"


def to_open_psa(graph: ServiceGraph, capability: str, kinds: Collection[str] | None = None) -> str:
    """MEF XML text of the fault tree "``capability`` fails" on ``graph`` (canonical ids).

    >>> from interop.model import model_from_data
    >>> from interop.analysis import baseline
    >>> m = model_from_data([{"id": "A", "kind": "supplier"}, {"id": "B", "kind": "supplier"},
    ...     {"id": "C", "kind": "capability", "requires": [{"any_of": ["A", "B"]}]}])
    >>> print(to_open_psa(baseline(m), "C").split("<define-fault-tree")[1].split("</define-gate>")[0].strip())
    name="C">
        <define-gate name="C-fails">
          <label>C fails</label>
          <attributes><attribute name="interop-id" value="C"/></attributes>
          <and>
            <basic-event name="A"/>
            <basic-event name="B"/>
          </and>
    """
    model = graph.model
    if capability not in graph.requires:
        raise ScenarioError(f"{capability} is not in service — export a node that is in service")
    kind_set = frozenset(kinds) if kinds else None

    def eligible(node_id: str) -> bool:
        return node_id != model.home and (kind_set is None or model.nodes[node_id].kind in kind_set)

    region = graph.upstream([capability])
    digraph = nx.DiGraph()
    digraph.add_nodes_from(region)
    digraph.add_edges_from((v, t) for v in region for item in graph.requires[v] for t in item.targets)
    component: dict[str, frozenset[str]] = {}
    for members in nx.strongly_connected_components(digraph):
        frozen = frozenset(members)
        for member in members:
            component[member] = frozen if len(members) > 1 else frozenset()
    tree = _Tree()
    for node_id in sorted(n for n in region if eligible(n) and n != capability):
        tree.basic[tree.name(node_id)] = node_id
    basic_name = {node_id: name for name, node_id in tree.basic.items()}
    memo: dict[tuple[str, frozenset[str]], tuple[str, str] | None] = {}
    top_name = tree.name(f"{capability}-fails")

    def failure(node_id: str, path: frozenset[str]) -> tuple[str, str] | None:
        """Reference to the event "node_id fails" given the nodes on the path; None = cannot fail."""
        key = (node_id, path & component[node_id])
        if key in memo:
            return memo[key]
        inner = path | {node_id}
        children: list[tuple[str, str]] = []
        if node_id in basic_name:
            children.append(("basic-event", basic_name[node_id]))
        for position, item in enumerate(graph.requires[node_id]):
            refs = [None if t in inner else failure(t, inner) for t in item.targets]
            if any(ref is None for ref in refs):
                continue
            if len(refs) == 1:
                children.append(refs[0])  # type: ignore[arg-type]
            else:
                gate = tree.name(f"{node_id}-item{position + 1}")
                tree.gates[gate] = ("and", list(dict.fromkeys(refs)), f"all of {', '.join(item.targets)} fail")  # type: ignore[arg-type]
                children.append(("gate", gate))
            if len(tree.gates) > MAX_GATES:
                raise ScenarioError(
                    f"the fault tree of {capability} needs over {MAX_GATES} gates to unfold its cycles "
                    "— export a capability with fewer cycles, or restrict --kinds"
                )
        children = list(dict.fromkeys(children))
        result: tuple[str, str] | None
        if not children:
            result = None
        elif len(children) == 1:
            result = children[0]
        else:
            gate = tree.name(f"{node_id}-fails")
            tree.gates[gate] = ("or", children, f"{node_id} fails")
            result = ("gate", gate)
        memo[key] = result
        return result

    top_items: set[str] = set()
    with _deep_recursion(len(region)):
        children = []
        for position, item in enumerate(graph.requires[capability]):
            start = frozenset({capability})
            refs = [None if t == capability else failure(t, start) for t in item.targets]
            if any(ref is None for ref in refs):
                continue
            if len(refs) == 1:
                children.append(refs[0])
            else:
                gate = tree.name(f"{capability}-item{position + 1}")
                tree.gates[gate] = ("and", list(dict.fromkeys(refs)), f"all of {', '.join(item.targets)} fail")
                children.append(("gate", gate))
                top_items.add(gate)
    children = list(dict.fromkeys(children))
    connective = "or"
    if len(children) == 1 and children[0][0] == "gate" and children[0][1] in top_items:
        connective, inner, _ = tree.gates.pop(children[0][1])  # a lone any_of: the top is the AND itself
        children = inner
    return _xml(model, capability, top_name, connective, children, tree, kinds)


def _on_a_deep_stack(work: Callable[[], T], depth: int) -> T:
    """``work()`` with room to recurse ``depth`` levels: formulas nest and gates chain as deep as
    the file says (5,000 nested ``<or>``, a 5,000-gate chain), far past Python's default limit of
    1,000 frames. It runs in a thread with a stack sized for the depth, under a raised recursion
    limit, so a deep but valid tree is imported instead of crashing with RecursionError."""
    if depth < 200:
        return work()
    outcome: list[Any] = []

    def run() -> None:
        try:
            with _deep_recursion(4 * depth):
                outcome.append((True, work()))
        except BaseException as exc:  # handed to the caller's thread below
            outcome.append((False, exc))

    previous = threading.stack_size()
    threading.stack_size(min(2**30, max(32 * 2**20, 16 * 1024 * depth)))
    try:
        worker = threading.Thread(target=run, name="interop-open-psa", daemon=True)
        worker.start()
    finally:
        threading.stack_size(previous)
    worker.join()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


@contextmanager
def _deep_recursion(depth: int) -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 4 * depth + 1000))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def _xml(
    model: Model,
    capability: str,
    top: str,
    connective: str,
    children: list[tuple[str, str] | None],
    tree: _Tree,
    kinds: Collection[str] | None,
) -> str:
    used = _reachable(children, tree)
    home = f"The home nation {model.home} is never a basic event (as in interop spof). " if model.home else ""
    restricted = f"Only nodes of kinds {', '.join(sorted(kinds))} are basic events. " if kinds else ""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!--",
        f"  Fault tree exported by interop {__version__}: top event = capability {_comment(capability)} fails.",
        f"  Model: {_comment(model.name or 'model')}{', as of ' + _comment(model.as_of) if model.as_of else ''}.",
        "  Each node fails if it is removed (its basic event) or if any of its requirements fails;",
        "  an any_of group fails when all of its alternatives fail (an AND gate).",
        "  Grace periods are ignored: this tree describes eventual failure, not failure by a given day.",
        "  Cycles are unfolded: along each path from the top, a node already on the path contributes",
        "  nothing (a failure cannot be caused through itself), so the minimal cut sets of this tree",
        ("  equal those of interop spof. " + home + restricted).rstrip(),
        f'  Attribute "{ID_ATTRIBUTE}" holds the interop id where the MEF name had to differ.',
        "-->",
        "<opsa-mef>",
        f"  <define-fault-tree name={quoteattr(_identifier(capability))}>",
        f"    <define-gate name={quoteattr(top)}>",
        f"      <label>{escape(capability)} fails</label>",
        f'      <attributes><attribute name="{ID_ATTRIBUTE}" value={quoteattr(capability)}/></attributes>',
    ]
    refs = [c for c in children if c is not None]
    if not refs:
        out += ['      <constant value="false"/>']
    else:
        out += _formula(connective, refs, "      ")
    out.append("    </define-gate>")
    for name in sorted(used):
        connective, gate_children, label = tree.gates[name]
        out += [f"    <define-gate name={quoteattr(name)}>", f"      <label>{escape(label)}</label>"]
        out += _formula(connective, gate_children, "      ")
        out.append("    </define-gate>")
    out.append("  </define-fault-tree>")
    out.append("  <model-data>")
    basics = {name for kind, name in _all_refs(refs, tree) if kind == "basic-event"}
    for name in sorted(basics):
        node_id = tree.basic[name]
        out.append(f"    <define-basic-event name={quoteattr(name)}>")
        out.append(f"      <label>{escape(model.nodes[node_id].name)} ({escape(model.nodes[node_id].kind)})</label>")
        out.append(f'      <attributes><attribute name="{ID_ATTRIBUTE}" value={quoteattr(node_id)}/></attributes>')
        out.append("    </define-basic-event>")
    out += ["  </model-data>", "</opsa-mef>"]
    return escape_controls("\n".join(out) + "\n")  # XML 1.0 cannot hold control characters


def _formula(connective: str, refs: list[tuple[str, str]], indent: str) -> list[str]:
    if len(refs) == 1:
        kind, name = refs[0]
        return [f"{indent}<{kind} name={quoteattr(name)}/>"]
    lines = [f"{indent}<{connective}>"]
    lines += [f"{indent}  <{kind} name={quoteattr(name)}/>" for kind, name in refs]
    lines.append(f"{indent}</{connective}>")
    return lines


def _all_refs(refs: list[tuple[str, str]], tree: _Tree) -> set[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    stack = list(refs)
    while stack:
        ref = stack.pop()
        if ref in seen:
            continue
        seen.add(ref)
        if ref[0] == "gate":
            stack.extend(tree.gates[ref[1]][1])
    return seen


def _reachable(children: list[tuple[str, str] | None], tree: _Tree) -> set[str]:
    return {name for kind, name in _all_refs([c for c in children if c], tree) if kind == "gate"}


def _comment(text: str) -> str:
    return text.replace("--", "- -")


# --- import -----------------------------------------------------------------------------------

Expr = tuple  # ("ref", kind, name) | ("const", bool) | ("or"|"and", [Expr]) | ("atleast", k, [Expr])
COHERENT = ("or", "and", "atleast")
NOT_COHERENT = ("not", "xor", "nand", "nor", "iff", "imply", "cardinality")


@dataclass
class _Definitions:
    gates: dict[str, tuple[ET.Element, str, int | None]] = field(default_factory=dict)  # name → formula, scope, line
    basic: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # name → (label, interop id)
    house: dict[str, bool] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    referenced: set[str] = field(default_factory=set)  # gates used by another gate
    gate_ids: dict[str, str] = field(default_factory=dict)  # name → interop id recorded by the exporter


def from_open_psa(
    sources: str | bytes | Sequence[tuple[str | bytes, str]], path: str = "<open-psa>", tops: Collection[str] = ()
) -> dict[str, Any]:
    """Model data (the shape of a model file) from MEF XML: one text, or (text, path) pairs of the
    files of one model (e.g. a tree and its basic-event data). ModelError if it cannot be read.

    ``tops`` names the gates that become capabilities (default: every gate no other gate uses).

    >>> xml = ('<opsa-mef><define-fault-tree name="T"><define-gate name="top"><atleast min="2">'
    ...   '<basic-event name="a"/><basic-event name="b"/><basic-event name="c"/></atleast></define-gate>'
    ...   '</define-fault-tree></opsa-mef>')
    >>> [n.get("requires") for n in from_open_psa(xml)["nodes"]]
    [None, None, None, [{'any_of': ['a', 'b']}, {'any_of': ['a', 'c']}, {'any_of': ['b', 'c']}]]
    """
    files = [(sources, path)] if isinstance(sources, (str, bytes)) else list(sources)
    defs = _Definitions()
    elements = 0
    for text, where in files:
        root = _parse(text, where)
        elements += sum(1 for _ in root.iter())
        _collect(root, "", defs, where)
    path = files[0][1] if len(files) == 1 else ", ".join(where for _, where in files)
    return _on_a_deep_stack(lambda: _convert(defs, path, tops), elements)


def _convert(defs: _Definitions, path: str, tops: Collection[str]) -> dict[str, Any]:
    if not defs.gates:
        raise ModelError([Problem(path, None, "no <define-gate> found", "give a file with at least one fault tree")])
    simplified: dict[str, Any] = {}
    for name in sorted(defs.gates):
        _simplify_gate(name, defs, simplified, path, ())
    for top in tops:
        if top not in defs.gates:
            raise ModelError([Problem(path, None, f"no gate named {top!r}", _suggest_gate(top, defs.gates))])
    top_names = list(tops) or sorted(name for name in defs.gates if name not in defs.referenced)
    return _build(defs, simplified, top_names, path)


def _suggest_gate(name: str, gates: Collection[str]) -> str:
    from ..model.hints import suggest

    return suggest(name, gates, "name a <define-gate> of the file")


def _parse(text: str | bytes, path: str) -> ET.Element:
    if isinstance(text, str) and text.lstrip().startswith("<?xml"):
        text = text.encode("utf-8")
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise ModelError(
            [Problem(path, line, f"not well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc})", "fix the XML")]
        ) from None


def _collect(element: ET.Element, scope: str, defs: _Definitions, path: str) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        name = child.get("name", "")
        if tag in ("define-fault-tree", "define-component"):
            private = tag == "define-component" and child.get("role", "public") == "private"
            _collect(child, f"{scope}{name}." if private else scope, defs, path)
        elif tag == "model-data":
            _collect(child, scope, defs, path)
        elif tag == "define-gate":
            formula = [c for c in child if isinstance(c.tag, str) and c.tag not in ("label", "attributes")]
            if len(formula) != 1:
                raise ModelError(
                    [Problem(path, None, f"gate {name!r} has {len(formula)} formulas", "give each gate one formula")]
                )
            defs.gates[scope + name] = (formula[0], scope, None)
            defs.labels[scope + name] = _label(child) or ""
            recorded = _attribute(child, ID_ATTRIBUTE)
            if recorded:
                defs.gate_ids[scope + name] = recorded
        elif tag == "define-basic-event":
            defs.basic[scope + name] = (_label(child), _attribute(child, ID_ATTRIBUTE))
        elif tag == "define-house-event":
            constant = child.find("constant")
            defs.house[scope + name] = constant is not None and constant.get("value", "false").strip() == "true"


def _label(element: ET.Element) -> str | None:
    label = element.find("label")
    return " ".join(label.text.split()) if label is not None and label.text and label.text.strip() else None


def _attribute(element: ET.Element, name: str) -> str | None:
    for attribute in element.iter("attribute"):
        if attribute.get("name") == name:
            return attribute.get("value")
    return None


def _resolve(name: str, scope: str, kind: str, defs: _Definitions) -> tuple[str, str] | None:
    """(kind, full name) of a reference, looking in the enclosing scopes, innermost first."""
    tables = {"gate": defs.gates, "basic-event": defs.basic, "house-event": defs.house}
    scopes = [*[scope[: i + 1] for i in range(len(scope)) if scope[i] == "."][::-1], ""]
    for prefix in scopes:
        for table_kind in [kind] if kind != "event" else ["gate", "basic-event", "house-event"]:
            if prefix + name in tables[table_kind]:
                return table_kind, prefix + name
    return None


def _expression(element: ET.Element, scope: str, defs: _Definitions, gate: str, path: str) -> Expr:
    tag = element.tag
    if tag in ("gate", "basic-event", "house-event", "event"):
        name = element.get("name", "")
        found = _resolve(name, scope, tag, defs)
        if found is None:
            if tag in ("basic-event", "event"):  # undefined basic events are allowed (no data)
                defs.basic.setdefault(name, (None, None))
                return ("ref", "basic-event", name)
            raise ModelError(
                [Problem(path, None, f"gate {gate!r} uses undefined {tag} {name!r}", "define it or fix the name")]
            )
        if found[0] == "gate":
            defs.referenced.add(found[1])
        return ("ref", *found)
    if tag == "constant":
        return ("const", element.get("value", "false").strip() == "true")
    args = [_expression(c, scope, defs, gate, path) for c in element if isinstance(c.tag, str)]
    if tag in ("or", "and"):
        return (tag, args)
    if tag == "atleast":
        try:
            k = int(element.get("min", ""))
        except ValueError:
            raise ModelError(
                [Problem(path, None, f"gate {gate!r}: <atleast> without a whole-number min", 'add min="2" (etc.)')]
            ) from None
        return ("atleast", k, args)
    if tag in NOT_COHERENT:
        raise ModelError(
            [
                Problem(
                    path,
                    None,
                    f"gate {gate!r} uses <{tag}>, which interop cannot model (only coherent trees: and, or, atleast)",
                    "rewrite the gate without negation, or leave it out of the import",
                )
            ]
        )
    raise ModelError([Problem(path, None, f"gate {gate!r} uses unknown element <{tag}>", "use and, or, atleast")])


def _simplify_gate(name: str, defs: _Definitions, done: dict[str, Any], path: str, stack: tuple[str, ...]) -> Any:
    """The gate's formula with house events and constant sub-formulas folded away (True/False/Expr)."""
    if name in done:
        return done[name]
    if name in stack:
        raise ModelError(
            [Problem(path, None, f"gate {name!r} depends on itself ({' → '.join((*stack, name))})", "break the cycle")]
        )
    element, scope, _ = defs.gates[name]
    expr = _expression(element, scope, defs, name, path)
    result = _fold(expr, defs, done, path, (*stack, name))
    done[name] = result
    return result


def _fold(expr: Expr, defs: _Definitions, done: dict[str, Any], path: str, stack: tuple[str, ...]) -> Any:
    kind = expr[0]
    if kind == "const":
        return expr[1]
    if kind == "ref":
        if expr[1] == "house-event":
            return defs.house[expr[2]]
        if expr[1] == "gate":
            value = _simplify_gate(expr[2], defs, done, path, stack)
            return value if isinstance(value, bool) else expr
        return expr
    if kind == "atleast":
        k, args = expr[1], [_fold(a, defs, done, path, stack) for a in expr[2]]
        k -= sum(1 for a in args if a is True)
        args = [a for a in args if not isinstance(a, bool)]
        if k <= 0:
            return True
        if k > len(args):
            return False
        if k == 1:
            return ("or", args) if len(args) > 1 else args[0]
        if k == len(args):
            return ("and", args)
        return ("atleast", k, args)
    args = [_fold(a, defs, done, path, stack) for a in expr[1]]
    absorbing = kind == "or"  # True absorbs OR, False absorbs AND
    if any(a is absorbing for a in args):
        return absorbing
    args = [a for a in args if not isinstance(a, bool)]
    if not args:
        return not absorbing
    args = [b for a in args for b in (a[1] if a[0] == kind else [a])]
    return args[0] if len(args) == 1 else (kind, args)


def _refs(expr: Any) -> Iterator[tuple]:
    if isinstance(expr, bool):
        return
    if expr[0] == "ref":
        yield expr
    elif expr[0] == "atleast":
        for a in expr[2]:
            yield from _refs(a)
    elif expr[0] in ("or", "and"):
        for a in expr[1]:
            yield from _refs(a)


def _build(defs: _Definitions, simplified: dict[str, Any], tops: list[str], path: str) -> dict[str, Any]:
    """Nodes for the gates reachable from ``tops`` and the basic events they use."""
    ids: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    counters: dict[str, int] = {}

    def fresh(wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{wanted}~{n}"
        taken.add(candidate.casefold())
        return candidate

    def node_id(kind: str, name: str) -> str:
        if (kind, name) not in ids:
            ids[(kind, name)] = fresh((defs.basic[name][1] or name) if kind == "basic-event" else name)
        return ids[(kind, name)]

    for name in tops:  # a capability keeps the interop id the exporter recorded on its top gate
        ids[("gate", name)] = fresh(defs.gate_ids.get(name) or name)
    nodes: dict[str, dict[str, Any]] = {}
    pending: list[tuple[str, Any, str, str]] = []

    def id_for(sub: Any, owner: str, gate: str) -> str:
        if sub[0] == "ref":
            return node_id(sub[1], sub[2])
        counters[owner] = counters.get(owner, 0) + 1
        anonymous = fresh(f"{owner}/{counters[owner]}")
        pending.append((anonymous, sub, owner, gate))
        return anonymous

    def item_for(sub: Any, owner: str, gate: str) -> Any:
        if sub[0] == "and" and all(a[0] == "ref" for a in sub[1]):
            return {"any_of": [node_id(a[1], a[2]) for a in sub[1]]}
        return id_for(sub, owner, gate)

    def items(sub: Any, owner: str, gate: str) -> list[Any]:
        if sub is False:
            return []
        if sub[0] == "ref":
            return [node_id(sub[1], sub[2])]
        if sub[0] == "or":
            return [item_for(a, owner, gate) for a in sub[1]]
        if sub[0] == "and":
            return [{"any_of": [id_for(a, owner, gate) for a in sub[1]]}]
        k, args = sub[1], [id_for(a, owner, gate) for a in sub[2]]
        count = comb(len(args), k)
        if count > MAX_SUBSETS:
            raise ModelError(
                [
                    Problem(
                        path,
                        None,
                        f"gate {gate!r}: atleast {k} of {len(args)} expands to {count} any_of groups",
                        f"split the gate (k-of-n becomes one any_of per k-subset; at most {MAX_SUBSETS})",
                    )
                ]
            )
        return [{"any_of": list(subset)} for subset in combinations(args, k)]

    stack = [(name, True) for name in reversed(tops)]
    seen: set[str] = set()
    while stack:
        name, is_top = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        expr = simplified[name]
        if expr is True:
            raise ModelError(
                [
                    Problem(
                        path,
                        None,
                        f"gate {name!r} is always true (its house events make it fail whatever happens)",
                        "set those house events to false, or import another top gate with --top",
                    )
                ]
            )
        gate_node = node_id("gate", name)
        nodes[gate_node] = _node(gate_node, "capability" if is_top else "system", defs.labels.get(name))
        nodes[gate_node]["requires"] = items(expr, gate_node, name)
        while pending:
            anonymous, sub, owner, gate = pending.pop(0)
            nodes[anonymous] = _node(anonymous, "system", f"part of {owner}")
            nodes[anonymous]["requires"] = items(sub, owner, gate)
        for ref in reversed(list(_refs(expr))):
            if ref[1] == "gate":
                stack.append((ref[2], False))
    for (kind, name), identifier in ids.items():
        if kind == "basic-event":
            nodes[identifier] = _node(identifier, "component", defs.basic[name][0])
    for node in nodes.values():
        if not node.get("requires"):
            node.pop("requires", None)
    return {"nodes": [nodes[key] for key in sorted(nodes)]}


def _node(identifier: str, kind: str, label: str | None) -> dict[str, Any]:
    node: dict[str, Any] = {"id": identifier, "kind": kind}
    if label and label != identifier:
        node["name"] = label
    return node
