"""Resolve what a user typed (id or alias, any case) to a canonical node id."""

from __future__ import annotations

from ..errors import ScenarioError
from .hints import suggest
from .types import Model


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
    names = [n.id for n in model] + [a for n in model for a in n.aliases]
    hint = suggest(text, names, "run 'interop list' to see the ids and aliases")
    raise ScenarioError(f"unknown id {text!r} in the model — {hint}")
