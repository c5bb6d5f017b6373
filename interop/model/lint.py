"""Stricter checks than validity, for curated models such as the shipped one."""

from __future__ import annotations

from ..errors import Problem
from .types import Location, Model


def missing_sources(model: Model) -> list[Problem]:
    """Every node needs a source and a confidence; so does every requirement that has a note
    or a grace period, and every ``benefits`` entry (those carry a claim of their own)."""
    problems: list[Problem] = []
    for node in model:
        where = node.location or Location("<model>")
        if not node.source:
            problems.append(
                Problem(
                    where.path,
                    where.line,
                    f"node {node.id!r} has no 'source'",
                    "add 'source:' with a URL or document reference",
                )
            )
        if not node.confidence:
            problems.append(
                Problem(
                    where.path,
                    where.line,
                    f"node {node.id!r} has no 'confidence'",
                    "add 'confidence: high', 'medium' or 'low'",
                )
            )
        for item in node.requires:
            if item.from_nation or not (item.grace_days or item.notes):
                continue
            at = item.location or where
            if not item.source and not node.source:
                problems.append(
                    Problem(
                        at.path,
                        at.line,
                        f"a requirement of {node.id!r} has no 'source'",
                        "add 'source:' to the requirement",
                    )
                )
        for benefit in node.benefits:  # a stated commitment is a claim: it needs its own source
            at = benefit.location or where
            if not benefit.source or not benefit.confidence:
                missing = "'source'" if not benefit.source else "'confidence'"
                problems.append(
                    Problem(
                        at.path,
                        at.line,
                        f"a 'benefits' entry of {node.id!r} has no {missing}",
                        "add 'source:' (where the commitment is stated) and 'confidence:'",
                    )
                )
    return problems
