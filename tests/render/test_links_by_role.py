"""Golden text and Markdown for links by role and the swap's timeline on the mini model (the
shipped model's swap is golden in docs/scenarios/replace-f35-with-gripen.md), and the shipped
swap's headline sentence exactly."""

from __future__ import annotations

import pytest
from conftest import MINI

CASES = {
    "mini-swap": ("--model", str(MINI), "--replace", "F-35", "--with", "Gripen"),
    "mini-swap-embargo-usa": ("--model", str(MINI), "--replace", "F-35", "--with", "Gripen", "--embargo", "USA"),
}
SHIPPED_SWAP = ("--replace", "F-35", "--with", "Gripen")


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize(("fmt", "ext"), [("text", "txt"), ("markdown", "md")])
def test_what_if_links_by_role_golden(run, golden, name, fmt, ext):
    result = run("what-if", *CASES[name], "--timeline", "--format", fmt)
    assert result.code == 0, result.err
    golden(f"links/{name}.{ext}", result.out)


def test_shipped_swap_headline_states_the_net_change(run):
    # On 2031 both the F-35A (IOC 2030) and the Gripen-E (earliest 2030) would serve.
    out = run("what-if", "--replace", "F-35", "--with", "Gripen", "--on", "2031").out
    assert (
        "In short: MADL lost with DNK, NOR, USA; AAR-Boom→AAR-Drogue with USAF-KC-135, USAF-KC-46A; Link-16\n"
        "    kept with every partner through Gripen-E." in out
    )
    assert "link lost: F-35A ↔ DNK-F-35A via Link-16" not in run("what-if", *SHIPPED_SWAP, "--timeline").out
