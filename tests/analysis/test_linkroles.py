"""Links by role: every lost and gained link has exactly one role; the net table adds up; exact
roles on the shipped swap (MADL lost, boom→drogue, Link 16 carried)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from test_carried_links import _replacement_chains

from interop.analysis import Scenario, what_if
from interop.analysis.links import Link
from interop.model import model_from_data


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_replacement_chains())
def test_each_changed_link_has_one_role_and_the_table_adds_up(case):
    data, replacements, remove = case
    model = model_from_data(data)
    result = what_if(model, Scenario.build(replace=replacements, remove=remove), with_spof=False)
    roles = result.link_roles()
    lost_roles = [*roles.lost, *(Link(*sorted((c.old, c.partner)), c.via) for c in roles.carried)]
    lost_roles += [Link(*sorted((s.old, s.partner)), s.old_via) for s in roles.switched]
    assert sorted(lost_roles) == sorted(result.links_lost)  # each lost link once
    gained_roles = [*roles.new, *(Link(*sorted((c.new, c.partner)), c.via) for c in roles.carried)]
    gained_roles += [Link(*sorted((s.new, s.partner)), s.new_via) for s in roles.switched]
    assert set(gained_roles) == set(result.links_gained)  # a gained link may carry several lost ones
    assert sum(r.before for r in roles.rows) == len(result.links_lost) + len(result.links_kept)
    assert sum(r.after for r in roles.rows) == len(result.links_kept) + len(result.links_gained)
    assert sum(r.carried for r in roles.rows) == len(result.links_carried)
    assert roles.kept_through_swap == len(result.links_kept) + len(result.links_carried)


def test_shipped_swap_roles():
    import datetime

    import interop

    # On 2031 both the F-35A (IOC 2030) and the Gripen-E (earliest 2030) would serve.
    swap = Scenario.build(replace=[("F-35", "Gripen")], on=datetime.date(2031, 1, 1))
    roles = what_if(interop.load(), swap).link_roles()
    assert roles.lost_by_via() == {"MADL": ["DNK", "NOR", "USA"]}
    assert roles.switches_by_vias() == {("AAR-Boom", "AAR-Drogue"): ["USAF-KC-135", "USAF-KC-46A"]}
    assert roles.carried_by_via() == {"Link-16": (["Gripen-E"], ["DNK", "NATO", "NOR", "SWE", "USA"])}
    assert roles.fully_carried("Link-16") and not roles.new
