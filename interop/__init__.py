"""interop: what breaks, and when, if we swap or lose a defence supplier.

A small facade for notebooks and scripts; the CLI is a thin layer over the same functions::

    import interop
    model = interop.load()                       # the shipped Canada model
    result = interop.what_if(model, replace=[("F-35", "Gripen")])
    result.capabilities_lost, result.links_lost
    result.to_dict()                             # plain data (the CLI's JSON)
    interop.report(model, embargo="USA").to_markdown()   # every command has a function
    graph = interop.to_networkx(model)           # anything else networkx can do

Everything is importable lazily so ``import interop`` stays fast.
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

_LAZY = {
    "load": "interop.api",
    "from_dict": "interop.api",
    "scenario": "interop.api",
    "what_if": "interop.api",
    "spof": "interop.api",
    "service_graph": "interop.api",
    "to_networkx": "interop.api",
    "schema": "interop.api",
    "study": "interop.api",
    "check": "interop.api",
    "explain": "interop.api",
    "exposure": "interop.api",
    "sensitivity": "interop.api",
    "horizon": "interop.api",
    "HorizonResult": "interop.analysis.horizon",
    "compare": "interop.api",
    "timeline": "interop.api",
    "report": "interop.api",
    "diagram": "interop.api",
    "export": "interop.api",
    "Report": "interop.api",
    "Diagram": "interop.api",
    "Study": "interop.analysis",
    "Explanation": "interop.analysis.explain",
    "ExposureResult": "interop.analysis.exposure",
    "CompareResult": "interop.analysis.compare",
    "SensitivityResult": "interop.analysis.sensitivity",
    "Timeline": "interop.analysis.timeline",
    "Model": "interop.model",
    "Node": "interop.model",
    "Requirement": "interop.model",
    "Scenario": "interop.analysis",
    "WhatIfResult": "interop.analysis",
    "SpofResult": "interop.analysis",
    "InteropError": "interop.errors",
    "ModelError": "interop.errors",
    "ScenarioError": "interop.errors",
}

__all__ = ["__version__", *sorted(_LAZY)]


def __getattr__(name: str) -> object:
    """Import the public names on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'interop' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
