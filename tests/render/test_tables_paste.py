"""Tables that paste: compare includes the baseline and fits a page; exposure puts the largest
exposure first; plurals read right."""

from __future__ import annotations

import re

from conftest import MINI


def test_compare_has_the_baseline_first_and_a_narrow_summary(run):
    md = run("compare", "--replace", "F-35", "--with", "Gripen", "--format", "markdown").out
    first_table = next(line for line in md.splitlines() if line.startswith("| #"))
    assert first_table == "| # | Option | Capabilities | SPOF | Foreign SPOF | Links | Made in CAN |"
    assert "| 1 | baseline (no change) |" in md and "| 2 | replace F-35A with Gripen-E |" in md
    assert max(line.count(" | ") + 1 for line in md.splitlines() if line.startswith("| ")) <= 7
    text = run("compare", "--replace", "F-35", "--with", "Gripen").out
    assert max(len(line) for line in text.splitlines()) <= 110
    assert "1  baseline (no change)" in text


def test_exposure_largest_first(run):
    out = run("exposure").out
    nations = re.findall(r"^([A-Z]{3,4}) — ", out, flags=re.M)
    assert nations[0] == "USA"
    md = run("exposure", "--format", "markdown").out
    rows = [line.split(" | ")[0].lstrip("| ") for line in md.splitlines() if re.match(r"^\| [A-Z]{3,4} \|", line)]
    assert rows[0] == "USA"
    doc = run("exposure", "--format", "json").out
    ids = re.findall(r'"nation": "([A-Z]+)"', doc)
    assert ids == sorted(ids)  # JSON keeps id order


def test_plurals(run):
    out = run("what-if", "--model", MINI, "--replace", "F-35", "--with", "Gripen").out
    assert "None lost: the only capability holds." in out
    assert "1 nodes" not in run("what-if", "--model", MINI, "--remove", "GE").out
    assert "Failures (1 node, by day)" in run("what-if", "--model", MINI, "--remove", "GE").out
