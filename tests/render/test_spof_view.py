"""Cut sets a person can read: grouped products, the default view without cut sets that hold
another capability (said, with how to see them), orders with nothing said, and a top-N."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import MINI, MODELS

from interop.analysis import spof
from interop.analysis.cutview import cut_set_view
from interop.model import load_model
from interop.render import markdown, text

CUTSETS = MODELS / "cutsets.yaml"


def test_view_hides_cut_sets_with_another_capability_and_names_empty_orders():
    model = load_model(CUTSETS)
    result = spof(model, ["Intercept"], max_order=3)
    assert result.cut_sets["Intercept"] == (
        ("Air-Picture",),
        ("Radar",),
        ("A-Engine", "B-Jet"),
        ("A-Engine", "B-Maker"),
        ("A-Jet", "B-Jet"),
        ("A-Jet", "B-Maker"),
        ("A-Maker", "B-Jet"),
        ("A-Maker", "B-Maker"),
        ("B-Jet", "USA"),
        ("B-Maker", "USA"),
    )
    view = cut_set_view(model, "Intercept", result.cut_sets["Intercept"], 3)
    assert view.hidden == 1 and view.empty_orders == (3,)
    assert [p.factors for p in view.products] == [
        (("Radar",),),
        (("A-Engine", "A-Jet", "A-Maker", "USA"), ("B-Jet", "B-Maker")),
    ]
    everything = cut_set_view(model, "Intercept", result.cut_sets["Intercept"], 3, include_capabilities=True)
    assert everything.hidden == 0 and everything.products[0].factors == (("Air-Picture", "Radar"),)


@pytest.mark.parametrize("show_all", [False, True])
def test_text_and_markdown_golden(golden, show_all):
    result = dataclasses.replace(spof(load_model(CUTSETS), max_order=3), show_all=show_all)
    suffix = "-all" if show_all else ""
    golden(f"spof/cutsets{suffix}.txt", text.spof(result))
    golden(f"spof/cutsets{suffix}.md", markdown.spof(result))


def test_the_default_and_the_empty_orders_are_said():
    out = text.spof(spof(load_model(CUTSETS), ["Intercept"], max_order=3))
    assert "those that contain another capability are left out (--all" in out
    assert "  No triples beyond the pairs above." in out
    assert "  (1 cut set with another capability not shown — --all shows them)" in out
    assert (
        "  Pairs (8, as 1 group):\n"
        "    one of 4 {A-Engine, A-Jet, A-Maker, USA} together with one of 2 {B-Jet, B-Maker}\n" in out
    )


def test_top_n_says_how_many_more():
    result = dataclasses.replace(spof(load_model(MINI), max_order=3), limit=0)
    out = text.spof(result)
    assert "… and 1 more group (2 pairs) — --all or -o FILE lists every one" in out
    assert "one of 2 {CC-330, SWE} together with KC-46" not in out
    assert "one of 2 {CC-330, SWE} together with KC-46" in text.spof(dataclasses.replace(result, show_all=True))


def test_cli_all_flag_and_json_keeps_every_cut_set(run):
    default = run("spof", "--model", CUTSETS, "--capability", "Intercept").out
    assert "Air-Picture" not in default.split("\nIntercept\n")[1]
    assert (
        "Single points of failure (2): Air-Picture, Radar"
        in run("spof", "--model", CUTSETS, "--capability", "Intercept", "--all").out
    )
    doc = run("spof", "--model", CUTSETS, "--capability", "Intercept", "--format", "json").out
    assert '"Air-Picture"' in doc
