"""Typed, immutable model data: nodes, their requirements, and the model that holds them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

KINDS = (
    "nation",
    "supplier",
    "component",
    "platform",
    "system",
    "datalink",
    "support",
    "capability",
)
STATUSES = ("active", "candidate")
CONFIDENCES = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was written: file path (as the user gave it) and 1-based line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, slots=True)
class Requirement:
    """One AND item of a node: a single target, or an ``any_of`` group of alternatives.

    The requirer keeps working ``grace_days`` after the item stops holding (a plain item stops
    holding when its target fails, a group when its last alternative fails).
    """

    targets: tuple[str, ...]
    any_of: bool = False
    grace_days: int = 0
    label: str | None = None
    source: tuple[str, ...] = ()
    confidence: str | None = None
    notes: str | None = None
    from_nation: bool = False
    location: Location | None = None

    @property
    def target(self) -> str:
        """The single target of a plain requirement (the first alternative of a group)."""
        return self.targets[0]

    def describe(self) -> str:
        """Short human form: ``X`` or ``any of (A | B)``, with grace if any."""
        text = f"any of ({' | '.join(self.targets)})" if self.any_of else self.targets[0]
        if self.label:
            text += f" [{self.label}]"
        if self.grace_days:
            text += f" (grace {self.grace_days} d)"
        return text


@dataclass(frozen=True, slots=True)
class Node:
    """A platform, supplier, nation, data link, … with what it requires and what it speaks."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    nation: str | None = None
    operator: str | None = None
    status: str = "active"
    requires: tuple[Requirement, ...] = ()
    interfaces: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    confidence: str | None = None
    notes: str | None = None
    tags: tuple[str, ...] = ()
    location: Location | None = None

    @property
    def is_candidate(self) -> bool:
        return self.status == "candidate"

    def label(self) -> str:
        """``id`` alone, or ``id (name)`` when the name says more."""
        return self.id if self.name in ("", self.id) else f"{self.id} ({self.name})"


@dataclass(frozen=True)
class Model:
    """A validated model: nodes by id (sorted), metadata, and the files it was read from."""

    nodes: Mapping[str, Node]
    name: str | None = None
    home: str | None = None
    as_of: str | None = None
    files: tuple[str, ...] = ()
    _lookup: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = dict(sorted(self.nodes.items()))
        object.__setattr__(self, "nodes", MappingProxyType(ordered))
        if not self._lookup:
            lookup: dict[str, str] = {}
            for node in ordered.values():
                for key in (node.id, *node.aliases):
                    lookup.setdefault(key.casefold(), node.id)
            object.__setattr__(self, "_lookup", MappingProxyType(lookup))

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle as plain dicts (mapping proxies cannot be pickled); used by the model cache."""
        return (_rebuild, (dict(self.nodes), self.name, self.home, self.as_of, self.files, dict(self._lookup)))

    def __len__(self) -> int:
        return len(self.nodes)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes.values())

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.nodes

    def __getitem__(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def find(self, text: str) -> str | None:
        """Canonical id for an id or alias typed in any case, or None."""
        if text in self.nodes:
            return text
        return self._lookup.get(text.strip().casefold())

    def operator_of(self, node_id: str) -> str | None:
        """A node's operator: its own ``operator`` or the model's home nation."""
        return self.nodes[node_id].operator or self.home


def _rebuild(
    nodes: dict[str, Node],
    name: str | None,
    home: str | None,
    as_of: str | None,
    files: tuple[str, ...],
    lookup: dict[str, str],
) -> Model:
    return Model(nodes=nodes, name=name, home=home, as_of=as_of, files=files, _lookup=MappingProxyType(lookup))
