"""Typed, immutable model data: nodes, their requirements, and the model that holds them."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, get_args

# The model's vocabularies, as types (for mypy) and as tuples (for validation and messages).
Kind = Literal["nation", "supplier", "component", "platform", "system", "datalink", "support", "capability"]
Status = Literal["active", "candidate"]
Confidence = Literal["high", "medium", "low"]
KINDS: tuple[Kind, ...] = get_args(Kind)
STATUSES: tuple[Status, ...] = get_args(Status)
CONFIDENCES: tuple[Confidence, ...] = get_args(Confidence)


def lookup_key(text: str) -> str:
    """What an id or alias typed on the command line is matched by: case and Unicode form (NFC)
    ignored, so 'radar' finds 'Radar' and 'Québec' typed with e + U+0301 finds 'Québec'."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


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
    confidence: Confidence | None = None
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
class ServiceWindow:
    """When a node serves: from ``start`` through ``end``, both inclusive; None = open-ended.

    ``start_text``/``end_text`` keep the DATE as written (``2034``), for messages; the dates are
    the first day of ``from``'s period and the last day of ``until``'s (contract §4.1).
    """

    start: datetime.date | None = None
    end: datetime.date | None = None
    start_text: str | None = None
    end_text: str | None = None
    location: Location | None = None

    def contains(self, day: datetime.date) -> bool:
        """Whether the node is within its window on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def describe(self) -> str:
        """``2026-01-01 to 2032-12-31``, ``from 2030-01-01``, ``until 2032-12-31`` or ``always``."""
        if self.start and self.end:
            return f"{self.start.isoformat()} to {self.end.isoformat()}"
        if self.start:
            return f"from {self.start.isoformat()}"
        if self.end:
            return f"until {self.end.isoformat()}"
        return "always"

    def absence(self, day: datetime.date) -> str:
        """Why the node is out of its window on ``day``: ``enters 2034`` or ``left service 2032-12-31``."""
        if self.start is not None and day < self.start:
            return f"enters {self.start_text or self.start.isoformat()}"
        if self.end is not None and self.end < day:
            return f"left service {self.end.isoformat()}"
        return "in service"


@dataclass(frozen=True, slots=True)
class Benefit:
    """A stated industrial-benefit commitment attached to a buy (a platform or contract node).

    It records what a policy, pledge or offer *says* (``commitment``), with its source and
    confidence; the tool shows it as stated, never computes with it.
    """

    policy: str
    commitment: str
    source: tuple[str, ...] = ()
    confidence: Confidence | None = None
    notes: str | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Node:
    """A platform, supplier, nation, data link, … with what it requires and what it speaks."""

    id: str
    kind: Kind
    name: str
    aliases: tuple[str, ...] = ()
    nation: str | None = None
    operator: str | None = None
    status: Status = "active"
    requires: tuple[Requirement, ...] = ()
    interfaces: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    confidence: Confidence | None = None
    notes: str | None = None
    tags: tuple[str, ...] = ()
    location: Location | None = None
    service: ServiceWindow | None = None
    service_source: tuple[str, ...] = ()
    benefits: tuple[Benefit, ...] = ()

    @property
    def is_candidate(self) -> bool:
        return self.status == "candidate"

    def label(self) -> str:
        """``id`` alone, or ``id (name)`` when the name says more."""
        return self.id if self.name in ("", self.id) else f"{self.id} ({self.name})"

    def serves_on(self, day: datetime.date) -> bool:
        """Whether ``day`` lies within the node's service window (always, without one)."""
        return self.service is None or self.service.contains(day)


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
                    lookup.setdefault(lookup_key(key), node.id)
            object.__setattr__(self, "_lookup", MappingProxyType(lookup))

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle as plain dicts (mapping proxies cannot be pickled), so a notebook can pickle, deep-copy
        or send a model to another process (tested in tests/test_cache.py)."""
        return (_rebuild, (dict(self.nodes), self.name, self.home, self.as_of, self.files, dict(self._lookup)))

    def __repr__(self) -> str:
        """Short (the nodes are in ``nodes``): ``<Model 'name' as of DATE, N nodes>``."""
        as_of = f" as of {self.as_of}" if self.as_of else ""
        return f"<Model {self.name or 'model'!r}{as_of}, {len(self.nodes)} nodes>"

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
        return self._lookup.get(lookup_key(text.strip()))

    @property
    def as_of_date(self) -> datetime.date | None:
        """The first day of ``as_of`` (the default ``--on`` date), or None without one."""
        from .dates import DateFormError, first_day

        if not self.as_of:
            return None
        try:
            return first_day(self.as_of)
        except DateFormError:  # the loader validates as_of; a hand-built Model may not
            return None

    @property
    def has_service_dates(self) -> bool:
        """Whether any node has a service window."""
        return any(node.service is not None for node in self.nodes.values())

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
