"""The analysis layer: pure functions from a model (and a scenario) to typed results. No I/O."""

from .cascade import Cascade, Cause, cascade
from .cutsets import minimal_cut_sets, single_points_of_failure
from .links import Link, interoperability_links
from .scenario import (
    Operation,
    Scenario,
    ServiceGraph,
    apply_scenario,
    baseline,
    resolve_scenario,
)
from .study import Origin, Study
from .whatif import Failure, SpofChange, SpofResult, WhatIfResult, spof, what_if

__all__ = [
    "Cascade",
    "Cause",
    "Failure",
    "Link",
    "Operation",
    "Origin",
    "Scenario",
    "ServiceGraph",
    "SpofChange",
    "SpofResult",
    "Study",
    "WhatIfResult",
    "apply_scenario",
    "baseline",
    "cascade",
    "interoperability_links",
    "minimal_cut_sets",
    "resolve_scenario",
    "single_points_of_failure",
    "spof",
    "what_if",
]
