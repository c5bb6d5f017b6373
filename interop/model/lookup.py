"""Resolve what a user typed (id or alias, any case) to a canonical node id, and suggest the node
they meant when it is not one: punctuation, spaces and case do not count (``F35`` → F-35A,
``gripen e`` → Gripen-E), and a start of a name finds it (``pratt`` → Pratt-Whitney)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from ..errors import ScenarioError
from .types import Model, Node

_PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """The letters and digits of ``text``, case-folded: how people remember an id.

    >>> normalise("Gripen-E"), normalise("gripen e"), normalise("F-35A")
    ('gripene', 'gripene', 'f35a')
    """
    return _PUNCTUATION.sub("", text.casefold())


def resolve(model: Model, text: str) -> str:
    """Canonical id for ``text`` (an id or alias, case-insensitive), or ScenarioError (exit 3)
    with a 'did you mean' hint.

    >>> from interop.model import model_from_data
    >>> m = model_from_data([{"id": "F-35A", "kind": "platform", "aliases": ["F-35"]}])
    >>> resolve(m, "f-35")
    'F-35A'
    """
    found = model.find(text)
    if found is not None:
        return found
    close = similar_ids(model, text)
    hint = f"did you mean {_quoted(close)}?" if close else "run 'interop list' to see the ids and aliases"
    raise ScenarioError(f"unknown id {text!r} in the model — {hint}")


def similar_ids(model: Model, text: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` canonical ids a user probably meant by ``text``, best first.

    Stages, each tried only if the one before finds nothing: the same letters and digits as an
    id, alias or name (``F35`` is the alias F-35 of F-35A); a name that starts with them
    (``pratt``); one that contains them; then close spellings (difflib on the normalised forms,
    only those nearly as close as the best).
    Inside a stage, shorter keys (closer matches) come first, then ids in order.
    """
    wanted = normalise(text)
    if not wanted:
        return []
    keys = [(normalise(key), node.id) for node in model for key in _keys(node)]
    keys = [(key, node_id) for key, node_id in keys if key]
    stages = (
        lambda key: key == wanted,
        lambda key: key.startswith(wanted),
        lambda key: wanted in key,
    )
    for matches in stages:
        found = sorted((len(key), node_id) for key, node_id in keys if matches(key))
        if found:
            return _unique(node_id for _, node_id in found)[:limit]
    by_key: dict[str, list[str]] = {}
    for key, node_id in keys:
        by_key.setdefault(key, []).append(node_id)
    close = difflib.get_close_matches(wanted, sorted(by_key), n=limit, cutoff=0.6)
    if not close:
        return []
    best = difflib.SequenceMatcher(None, wanted, close[0]).ratio()
    close = [key for key in close if difflib.SequenceMatcher(None, wanted, key).ratio() >= best - 0.1]
    return _unique(node_id for key in close for node_id in sorted(by_key[key]))[:limit]


def _keys(node: Node) -> Iterable[str]:
    yield node.id
    yield from node.aliases
    if node.name and node.name != node.id:
        yield node.name


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _quoted(ids: list[str]) -> str:
    if len(ids) == 1:
        return repr(ids[0])
    return "one of " + ", ".join(repr(i) for i in ids)
