"""Text and Markdown for `interop sensitivity` and the report's "what this answer rests on".

Formatting only: every fact comes from ``SensitivityResult``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .common import model_title, wrap_items

if TYPE_CHECKING:
    from ..analysis.sensitivity import Assumption, CapabilityChange, SensitivityResult, Variant

INDENT = "  "


def day(value: int | None) -> str:
    return "holds" if value is None else f"day {value}"


def change_text(change: CapabilityChange) -> str:
    return f"{change.capability} {day(change.before)} → {day(change.after)}"


def variant_head(variant: Variant) -> str:
    """``at 90 days: `` for a stretched grace period, ``without it: `` for a dropped fact."""
    return f"at {variant.label}: " if variant.label[:1].isdigit() else f"{variant.label}: "


def variant_lines(variant: Variant, indent: int) -> list[str]:
    head = " " * indent + variant_head(variant)
    if not variant.changed:
        return [head + "no change"]
    lines = wrap_items(head, [change_text(c) for c in variant.changes], sep="; ", indent=indent + 4)
    return lines + [f"{' ' * (indent + 2)}flips: {flip}" for flip in variant.flips]


def answer_lines(result: SensitivityResult) -> list[str]:
    lost = sorted((d, c) for c, d in result.capabilities.items() if d is not None)
    if not lost:
        return [answer_line(result)]
    return wrap_items("The answer: ", [f"{c} day {d}" for d, c in lost], indent=4)


def answer_line(result: SensitivityResult) -> str:
    lost = sorted((d, c) for c, d in result.capabilities.items() if d is not None)
    if not lost:
        return "The answer: no capability is lost" + _by(result) + "."
    parts = ", ".join(f"{c} day {d}" for d, c in lost)
    return f"The answer: {parts}" + _by(result) + "."


def _by(result: SensitivityResult) -> str:
    return "" if result.scenario.at_days is None else f" (by day {result.scenario.at_days})"


def title(result: SensitivityResult) -> str:
    """``replace A with B; embargo USA``, and ``on 2035-01-01`` when the question has a date."""
    on = getattr(result.scenario, "on", None)
    text = result.scenario.describe()
    return text if on is None or f"on {on.isoformat()}" in text else f"{text}; on {on.isoformat()}"


def text(result: SensitivityResult) -> str:
    """Plain text: the answer, the assumptions it rests on with each variant, then the rest."""
    out = [f"Sensitivity: {title(result)}", f"Model: {model_title(result.model)}", ""]
    out += answer_lines(result)
    out.append("")
    out += rests_on_lines(result)
    if result.no_effect:
        out.append("")
        out += wrap_items(
            f"No effect inside their range ({len(result.no_effect)}): ", [a.title for a in result.no_effect], sep="; "
        )
    return "\n".join(out) + "\n"


def rests_on_lines(result: SensitivityResult) -> list[str]:
    """The "what this answer rests on" block shared by `sensitivity` and `report` (text)."""
    matter = result.rests_on
    if not matter:
        return [f"What this answer rests on: none of the {len(result.assumptions)} assumptions tried changes it."]
    out = [f"What this answer rests on ({len(matter)} of {len(result.assumptions)} assumptions change it)"]
    for assumption in matter:
        out.append(f"{INDENT}{assumption.title}")
        out += wrap_items(f"{INDENT * 2}where: ", assumption.where, indent=6)
        for variant in assumption.variants:
            out += variant_lines(variant, 4)
    return out


def markdown(result: SensitivityResult, heading_level: int = 2) -> str:
    """Markdown: the answer, a table of the assumptions that change it, the rest in one line."""
    hashes = "#" * heading_level
    out = [f"{hashes} Sensitivity: {title(result)}", "", f"*Model: {model_title(result.model)}*", ""]
    out += [answer_line(result), ""]
    out += rests_on_markdown(result, heading_level + 1)
    if result.no_effect:
        rest = "; ".join(a.title for a in result.no_effect)
        out += ["", f"No effect inside their range ({len(result.no_effect)}): {rest}."]
    return "\n".join(out) + "\n"


def rests_on_markdown(result: SensitivityResult, heading_level: int = 3) -> list[str]:
    """The "what this answer rests on" section (Markdown), shared with the report."""
    out = [f"{'#' * heading_level} What this answer rests on", ""]
    matter = result.rests_on
    if not matter:
        return [*out, f"None of the {len(result.assumptions)} assumptions tried changes the answer."]
    out += [
        f"{len(matter)} of {len(result.assumptions)} assumptions change the answer inside their range:",
        "",
        "| Assumption | Tried | Capabilities whose day changes | Conclusions that flip |",
        "|---|---|---|---|",
    ]
    for assumption in matter:
        for variant in assumption.variants:
            out.append(_row(assumption, variant))
    return out


def _row(assumption: Assumption, variant: Variant) -> str:
    changes = "; ".join(change_text(c) for c in variant.changes) or "none"
    flips = "; ".join(variant.flips) or "none"
    tried = variant.label if variant.label[:1].isdigit() else variant.label.capitalize()
    return f"| {_cell(assumption.title)} | {tried} | {_cell(changes)} | {_cell(flips)} |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
