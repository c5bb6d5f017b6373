"""Cross-reference validation of a parsed model: home nation, aliases, nation/operator,
interfaces and requirements must name nodes of the right kind."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any, cast

from .hints import suggest
from .problems import Problems
from .types import KINDS, Location, Node, lookup_key


def resolve_home(
    meta: Mapping[str, Any], meta_path: str | None, nodes: Mapping[str, Node], problems: Problems
) -> str | None:
    home = meta.get("home")
    if home is None:
        return "CAN" if "CAN" in nodes and nodes["CAN"].kind == "nation" else None
    if home not in nodes:
        problems.add(
            meta_path or "<model>",
            meta.get("_line"),
            f"home nation {home!r} is not a node",
            suggest(
                home,
                [n.id for n in nodes.values() if n.kind == "nation"],
                "add the nation as a node of kind nation, or fix 'home'",
            ),
        )
    elif nodes[home].kind != "nation" and nodes[home].kind in KINDS:
        problems.add(
            meta_path or "<model>",
            meta.get("_line"),
            f"home {home!r} is not of kind nation",
            "set 'home' to a node of kind nation",
        )
    return cast("str | None", home)


def difference(a: str, b: str) -> tuple[str, str]:
    """The code points where ``a`` and ``b`` differ (common start and end left out)."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1

    def codes(text: str) -> str:
        return " ".join(f"U+{ord(c):04X}" for c in text) or "nothing"

    return codes(a[start : len(a) - end]), codes(b[start : len(b) - end])


def check_lookalike_ids(nodes: Mapping[str, Node], problems: Problems) -> dict[str, str]:
    """Ids that the CLI could not tell apart (differing only in case, or in Unicode normalisation)
    are an error: ``--remove radar`` would otherwise pick one of them silently. Returns each
    lookup key's first id."""
    first: dict[str, str] = {}
    for node_id, node in nodes.items():
        key = lookup_key(node_id)
        other = first.setdefault(key, node_id)
        if other == node_id:
            continue
        where = node.location or Location("<model>")
        at = nodes[other].location
        if unicodedata.normalize("NFC", other) == unicodedata.normalize("NFC", node_id):
            here, there = difference(node_id, other)
            what = (
                f"the id {node_id!r} looks the same as {other!r} (first defined at {at}) but is written with "
                f"other Unicode characters ({here} where the first has {there})"
            )
            fix = "retype one of them so both use the same characters (NFC, as most editors write them)"
        else:
            what = f"the ids {node_id!r} and {other!r} (first defined at {at}) differ only in upper/lower case"
            fix = "ids are looked up ignoring case: rename one of them"
        problems.add(where.path, where.line, what, fix)
    return first


def validate(nodes: Mapping[str, Node], home: str | None, problems: Problems) -> None:
    ids = list(nodes)
    seen: dict[str, str] = check_lookalike_ids(nodes, problems)
    for node in nodes.values():
        where = node.location or Location("<model>")
        for alias in node.aliases:
            key = lookup_key(alias)
            other = seen.get(key)
            if other is not None and other != node.id:
                problems.add(
                    where.path,
                    where.line,
                    f"alias {alias!r} of {node.id!r} is already used by {other!r}",
                    "make aliases unique across all ids and aliases (ignoring case)",
                )
            seen[key] = node.id
        for field, kind in (("nation", "nation"), ("operator", "nation")):
            target = getattr(node, field)
            if target is None:
                continue
            if target not in nodes:
                problems.add(
                    where.path,
                    where.line,
                    f"{field} {target!r} of {node.id!r} is not a node",
                    suggest(target, ids, f"add a node {target!r} of kind nation, or fix the id"),
                )
            elif nodes[target].kind != kind and nodes[target].kind in KINDS:
                problems.add(
                    where.path,
                    where.line,
                    f"{field} {target!r} of {node.id!r} is a {nodes[target].kind}, not a nation",
                    f"point '{field}' at a node of kind nation",
                )
        for link in node.interfaces:
            if link not in nodes:
                problems.add(
                    where.path,
                    where.line,
                    f"interface {link!r} of {node.id!r} is not a node",
                    suggest(link, ids, "add a node of kind datalink, or fix the id"),
                )
            elif nodes[link].kind != "datalink" and nodes[link].kind in KINDS:
                problems.add(
                    where.path,
                    where.line,
                    f"interface {link!r} of {node.id!r} is a {nodes[link].kind}, not a datalink",
                    "list only datalink nodes in 'interfaces'",
                )
        for requirement in node.requires:
            if requirement.from_nation:
                continue
            at = requirement.location or where
            for target in requirement.targets:
                if target not in nodes:
                    problems.add(
                        at.path,
                        at.line,
                        f"{node.id!r} requires unknown id {target!r}",
                        suggest(target, ids, "add that node or fix the id"),
                    )
                elif target == node.id:
                    problems.add(at.path, at.line, f"{node.id!r} requires itself", "remove the requirement on itself")
                elif nodes[target].is_candidate and node.status == "active":
                    problems.add(
                        at.path,
                        at.line,
                        f"active node {node.id!r} requires candidate {target!r}",
                        "only candidates may require candidates: make the requirer a candidate "
                        f"or make {target!r} active",
                    )
