"""Every dated question the CLI answers with --on, the API answers with on= (issue 11: same answers)."""

from __future__ import annotations

import json

import pytest
from conftest import MODELS

import interop

DATED = MODELS / "dated.yaml"
SWAP = {"replace": {"F-35": "Gripen"}}
CLI_SWAP = ("--replace", "F-35", "--with", "Gripen")


@pytest.fixture(scope="module")
def dated():
    return interop.load(DATED)


def test_diagram_on_a_date_is_the_cli_diagram(run, dated) -> None:
    api = interop.diagram(dated, **SWAP, on="2033").to_dot()
    cli = run("diagram", "--model", DATED, *CLI_SWAP, "--on", "2033", "--format", "dot")
    assert cli.code == 0 and api == cli.out
    assert api != interop.diagram(dated, **SWAP, on="2035").to_dot()  # the date is not ignored


def test_report_on_a_date_is_the_cli_report(run, dated) -> None:
    api = interop.report(dated, **SWAP, on="2033").to_markdown()
    cli = run("report", "--model", DATED, *CLI_SWAP, "--on", "2033")
    assert cli.code == 0 and api == cli.out and "2033-01-01" in api


def test_timeline_and_sensitivity_on_a_date(run, dated) -> None:
    events = interop.timeline(dated, **SWAP, on="2033").to_dict()
    cli = run("what-if", "--model", DATED, *CLI_SWAP, "--on", "2033", "--timeline", "--format", "json")
    assert cli.code == 0 and json.loads(cli.out)["timeline"] == events["timeline"]
    rests = interop.sensitivity(dated, **SWAP, on="2033").to_dict()
    cli = run("sensitivity", "--model", DATED, *CLI_SWAP, "--on", "2033", "--format", "json")
    assert cli.code == 0 and json.loads(cli.out) == rests


def test_compare_on_a_date(run, dated) -> None:
    table = interop.compare(dated, [None, SWAP], on="2033").to_dict()
    cli = run("compare", "--model", DATED, *CLI_SWAP, "--on", "2033", "--format", "json")
    assert cli.code == 0 and json.loads(cli.out) == table
