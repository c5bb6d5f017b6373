"""The document model: a what-if is built once as blocks; text and Markdown format the same blocks."""

from __future__ import annotations

from conftest import MINI

from interop.analysis import Scenario, what_if
from interop.model import load_model
from interop.render import markdown, text
from interop.render.blocks import (
    DayTable,
    FailureTable,
    IdList,
    LinkGroups,
    NetTable,
    Note,
    Section,
    Title,
    what_if_document,
)


def test_what_if_document_holds_the_facts():
    result = what_if(load_model(MINI), Scenario.build(replace=[("F-35", "Gripen")], embargo=["USA"]))
    blocks = what_if_document(result)
    assert blocks[0] == Title(
        "What if: replace F-35A with Gripen-E; embargo USA", "Mini test ecosystem, as of 2026-01-01, 18 nodes"
    )
    sections = {b.title: b for b in blocks if isinstance(b, Section)}
    assert list(sections) == [
        "Service changes",
        "Capabilities",
        "Failures by day",
        "Interoperability links",
        "Single points of failure",
    ]
    assert sections["Service changes"].body[0] == IdList("Enter service", ("F414", "Gripen-E", "Saab"))
    lost = sections["Capabilities"].body[0]
    assert isinstance(lost, DayTable) and lost.rows == ((30, "QRA", "Quick reaction alert"),)
    failures = sections["Failures by day"].body[0]
    assert isinstance(failures, FailureTable) and [row[:2] for row in failures.rows] == [
        (f.at_days, f.id) for f in result.failed
    ]
    links = sections["Interoperability links"]
    assert links.summary == "0 kept, 3 lost, 0 new"  # the swap's links are lost to the embargo: none carried
    assert links.body[0] == Note("In short: Link-16 and MADL lost with USA.")
    table = links.body[1]
    assert isinstance(table, NetTable) and table.rows == (
        ("USA", "Link-16", "2", "0", "−2", ""),
        ("USA", "MADL", "1", "0", "−1", ""),
    )
    groups = links.body[2]
    assert isinstance(groups, LinkGroups) and sum(len(g.pairs) for g in groups.lost) == len(result.links_lost)


def test_text_and_markdown_format_the_same_blocks():
    result = what_if(load_model(MINI), Scenario.build(embargo=["USA"]))
    blocks = what_if_document(result)
    assert text.what_if(result) == text.format_blocks(blocks)
    assert markdown.what_if(result) == markdown.format_blocks(blocks)
    plain, marked = text.what_if(result), markdown.what_if(result)
    for failure in result.failed:
        assert failure.id in plain and f"| {failure.at_days} | {failure.id} |" in marked
