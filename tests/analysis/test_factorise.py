"""Cut-set factorisation: products expand to exactly the cut sets they stand for (property tests
against the flat list, from random families and from random models), and exact groupings."""

from __future__ import annotations

from itertools import product as cartesian

import reference as ref
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.analysis import baseline, minimal_cut_sets
from interop.analysis.factorise import Product, expand_all, factorise
from interop.model import model_from_data

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALPHABET = [f"x{i}" for i in range(9)]


def _check_exact(family: set[frozenset[str]], products: tuple[Product, ...]) -> None:
    """The contract of factorise, checked from the definition of a product (not from its code)."""
    seen: list[frozenset[str]] = []
    for p in products:
        flat = [x for factor in p.factors for x in factor]
        assert len(flat) == len(set(flat)), f"factors of {p} overlap"
        assert all(list(f) == sorted(f) and f for f in p.factors)
        expansion = [frozenset(choice) for choice in cartesian(*p.factors)]
        assert len(expansion) == p.count
        assert all(s in family for s in expansion), f"{p} expands beyond the family"
        seen += expansion
    assert len(seen) == len(set(seen)), "two products stand for the same cut set"
    assert set(seen) == family


@st.composite
def _uniform_families(draw: st.DrawFn) -> set[frozenset[str]]:
    """Random families of k-sets (k = 1..3): unions of random products plus random extra sets."""
    k = draw(st.integers(1, 3))
    family: set[frozenset[str]] = set()
    for _ in range(draw(st.integers(0, 3))):
        pool = draw(st.permutations(ALPHABET))
        cuts = sorted(draw(st.lists(st.integers(1, len(pool) - 1), min_size=k - 1, max_size=k - 1, unique=True)))
        bounds = [0, *cuts, len(pool)]
        factors = [pool[bounds[i] : bounds[i + 1]] for i in range(k)]
        factors = [draw(st.lists(st.sampled_from(f), min_size=1, unique=True)) for f in factors]
        family |= {frozenset(choice) for choice in cartesian(*factors)}
    extra = draw(st.lists(st.lists(st.sampled_from(ALPHABET), min_size=k, max_size=k, unique=True), max_size=6))
    family |= {frozenset(s) for s in extra}
    return family


@SETTINGS
@given(_uniform_families())
def test_products_partition_the_family_exactly(family):
    _check_exact(family, factorise(family))


@SETTINGS
@given(_uniform_families())
def test_prefix_grouping_of_large_families_is_exact_too(family):
    _check_exact(family, factorise(family, greedy_limit=0))


def test_a_family_over_the_greedy_limit_is_grouped_by_prefix():
    pairs = [("A", f"x{i:04d}") for i in range(3)] + [("B", "C")]
    assert [p.factors for p in factorise(pairs, greedy_limit=3)] == [
        (("x0000", "x0001", "x0002"), ("A",)),
        (("B",), ("C",)),
    ]


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=4, unique=True), max_size=15))
def test_mixed_orders_give_back_the_flat_list(sets):
    family = {frozenset(s) for s in sets}
    products = factorise(family)
    _check_exact(family, products)
    assert expand_all(products) == tuple(sorted((tuple(sorted(s)) for s in family), key=lambda s: (len(s), s)))
    assert [p.order for p in products] == sorted(p.order for p in products)


@SETTINGS
@given(st.integers(1, 3), st.data())
def test_a_single_product_comes_back_as_itself(k, data):
    pool = data.draw(st.permutations(ALPHABET))
    sizes = [data.draw(st.integers(1, 3)) for _ in range(k)]
    factors, start = [], 0
    for size in sizes:
        factors.append(tuple(sorted(pool[start : start + size])))
        start += size
    family = {frozenset(choice) for choice in cartesian(*factors)}
    (only,) = factorise(family)
    assert sorted(only.factors) == sorted(factors)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ref.random_models(max_nodes=7), st.integers(1, 3))
def test_groups_of_real_cut_sets_expand_to_the_engine_output(data, k):
    model = model_from_data(data)
    for target, sets in minimal_cut_sets(baseline(model), max_order=k).items():
        products = factorise(sets)
        _check_exact({frozenset(s) for s in sets}, products)
        assert expand_all(products) == sets, target


def test_exact_grouping_with_a_leftover_pair():
    pairs = [("F1", c) for c in ("C1", "C2")] + [("F2", c) for c in ("C1", "C2", "C3")]
    assert [p.factors for p in factorise(pairs)] == [
        (("C1", "C2"), ("F1", "F2")),
        (("C3",), ("F2",)),
    ]


def test_triples_group_recursively():
    triples = [(a, b, c) for a in ("A1", "A2") for b in ("B1", "B2", "B3") for c in ("C",)]
    triples.append(("A1", "B1", "Z"))
    products = factorise(triples)
    assert [p.factors for p in products] == [
        (("B1", "B2", "B3"), ("A1", "A2"), ("C",)),
        (("A1",), ("B1",), ("Z",)),
    ]
    assert [p.count for p in products] == [6, 1]


def test_nothing_in_nothing_out():
    assert factorise([]) == ()


def test_norad_pairs_are_one_f35_item_with_one_cf18_item():
    """On the shipped model (whose data may grow): all the pairs are one product of two chains,
    on a date when both fighter fleets serve (2031: the F-35A after IOC, the CF-18 before 2033)."""
    import datetime

    import interop
    from interop.analysis import Scenario, spof

    on_2031 = Scenario(on=datetime.date(2031, 1, 1))
    sets = spof(interop.load(), ["NORAD-Air-Sovereignty"], max_order=3, scenario=on_2031).cut_sets[
        "NORAD-Air-Sovereignty"
    ]
    products = factorise(sets)
    pairs = [p for p in products if p.order == 2]
    assert len(pairs) == 1 and pairs[0].count == sum(1 for s in sets if len(s) == 2)
    f35_chain, cf18_chain = pairs[0].factors
    assert {"F-35A", "F135", "Pratt-Whitney", "Lockheed-Martin"} <= set(f35_chain)
    assert {"CF-18", "F404", "GE-Aerospace"} <= set(cf18_chain)
    assert [p.order for p in products if p.order == 1] == [1]
