"""interop: what breaks, and when, if we swap or lose a defence supplier.

A small facade for notebooks and scripts; the CLI is a thin layer over the same functions::

    import interop
    model = interop.load()                       # the shipped Canada model
    result = interop.what_if(model, replace=[("F-35", "Gripen")])
    result.capabilities_lost, result.links_lost

Everything is importable lazily so ``import interop`` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"
