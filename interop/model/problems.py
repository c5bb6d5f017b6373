"""Collecting a model's problems: every problem is reported as ``path:line: what — how to fix``,
and all problems of a model are gathered (up to a cap) and raised together as one ModelError,
so a user fixes them in one go."""

from __future__ import annotations

from ..errors import ModelError, Problem

MAX_PROBLEMS = 50


class Problems:
    """Collects problems up to a cap; raising turns them into one ModelError."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.dropped = 0

    def add(self, path: str, line: int | None, what: str, fix: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(path, line, what, fix))
        else:
            self.dropped += 1

    def raise_if_any(self) -> None:
        if self.items:
            ordered = sorted(self.items, key=lambda p: (p.path, p.line or 0, p.what))
            raise ModelError(ordered, more=self.dropped)
