"""The Python API: a few plain functions over the analysis layer, for notebooks and scripts.

>>> import interop
>>> m = interop.from_dict([
...     {"id": "PW", "kind": "supplier"},
...     {"id": "F135", "kind": "component", "requires": [{"id": "PW", "grace_days": 60}]},
...     {"id": "QRA", "kind": "capability", "requires": ["F135"]},
... ])
>>> r = interop.what_if(m, remove=["PW"])
>>> [(f.id, f.at_days) for f in r.capabilities_lost]
[('QRA', 60)]
>>> interop.spof(m).cut_sets["QRA"]
(('F135',), ('PW',))

The results are the analysis layer's own types (``WhatIfResult``, ``SpofResult``): they show as
tables in Jupyter and turn into plain data with ``to_dict()``.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .analysis import Scenario, ServiceGraph, SpofResult, WhatIfResult, apply_scenario, resolve_scenario
from .analysis import spof as _spof
from .analysis import what_if as _what_if
from .model import Model, load_model, model_from_data

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

Pairs = Mapping[str, str] | Iterable[tuple[str, str]]
Ids = str | Iterable[str]


def load(path: str | os.PathLike[str] | Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None) -> Model:
    """Load and validate a model: a YAML file, a directory of them, Python data (see ``from_dict``),
    or, with no argument, the shipped Canada model. Raises ``interop.ModelError`` listing every
    problem as ``file:line: what — how to fix``."""
    if path is None:
        from .shipped import shipped_model_path

        return load_model(shipped_model_path())
    if isinstance(path, (Mapping, list, tuple)):
        return from_dict(path)
    return load_model(path)


def from_dict(data: Mapping[str, Any] | Sequence[Mapping[str, Any]], origin: str = "<data>") -> Model:
    """A model from Python data shaped like a model file (``{"model": {...}, "nodes": [...]}``) or
    from a bare list of node mappings; validated like a file (messages name ``origin``)."""
    return model_from_data(data, origin)


def scenario(
    replace: Pairs = (), mix: Pairs = (), remove: Ids = (), embargo: Ids = (), at_days: int | None = None
) -> Scenario:
    """A Scenario from keyword arguments; pairs may be a dict ``{"F-35": "Gripen"}`` or tuples,
    and a single id may be given as a plain string."""
    return Scenario.build(
        replace=_pairs(replace), mix=_pairs(mix), remove=_ids(remove), embargo=_ids(embargo), at_days=at_days
    )


def what_if(
    model: Model,
    replace: Pairs = (),
    mix: Pairs = (),
    remove: Ids = (),
    embargo: Ids = (),
    at_days: int | None = None,
) -> WhatIfResult:
    """What breaks, and when: the same answer as ``interop what-if``.

    Replacements and mixes apply first (in order), then removals, then embargoes; ``at_days``
    looks at one day instead of "eventually". Ids may be aliases in any case.
    """
    return _what_if(model, scenario(replace, mix, remove, embargo, at_days))


def spof(
    model: Model,
    capabilities: Ids | None = None,
    max_order: int = 2,
    kinds: Collection[str] | None = None,
    replace: Pairs = (),
    mix: Pairs = (),
) -> SpofResult:
    """Minimal cut sets up to ``max_order`` for each capability (default: all in service), on the
    baseline or after replacements/mixes: the same answer as ``interop spof``."""
    wanted = None if capabilities is None else _ids(capabilities)
    return _spof(model, wanted, max_order=max_order, kinds=kinds, scenario=scenario(replace, mix))


def service_graph(
    model: Model, replace: Pairs = (), mix: Pairs = (), remove: Ids = (), embargo: Ids = ()
) -> ServiceGraph:
    """What is in service after a scenario, with rewired requirements (for ``to_networkx``)."""
    return apply_scenario(model, resolve_scenario(model, scenario(replace, mix, remove, embargo)))


def to_networkx(source: Model | ServiceGraph | WhatIfResult) -> nx.DiGraph:
    """A ``networkx.DiGraph``: an edge ``u -> v`` means u requires (or speaks) v; see
    ``interop.analysis.graph.to_networkx`` for the attributes. A WhatIfResult gives the graph
    in service after its scenario."""
    from .analysis.graph import to_networkx as convert

    if isinstance(source, WhatIfResult):
        source = source.graph if source.graph is not None else service_graph(source.model)
    return convert(source)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a model file, for editors and validators."""
    from .schema import model_schema

    return model_schema()


def _pairs(value: Pairs) -> list[tuple[str, str]]:
    items = value.items() if isinstance(value, Mapping) else value
    out = []
    for pair in items:
        if isinstance(pair, str) or len(pair) != 2:
            raise TypeError(f"expected (old, new) pairs, got {pair!r} — write e.g. [('F-35', 'Gripen')]")
        out.append((str(pair[0]), str(pair[1])))
    return out


def _ids(value: Ids) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value]
