"""Fitting a diagram to a page: folds and cuts are exact, single points of failure match brute force."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reference import fails_eventually, random_models, structure

from interop.analysis.pagefit import FOLD_MIN, fit_to_page
from interop.analysis.views import Dependency, diagram_view
from interop.model import model_from_data


def _nodes(*items: tuple[str, str, str | None]) -> list[dict[str, object]]:
    return [{"id": i, "kind": k, **({"nation": n} if n else {})} for i, k, n in items]


def test_a_nation_of_look_alikes_folds_into_one_box_with_its_dependencies_merged() -> None:
    deps = [
        Dependency("Cap", 0, ("Jet",)),
        Dependency("Jet", 0, ("S1",)),
        Dependency("Jet", 1, ("S2",), grace_days=90),
        Dependency("Jet", 2, ("S3", "Other"), any_of=True),
        Dependency("S2", 0, ("S1",)),  # inside the fold: not drawn
        Dependency("S4", 0, ("Jet",)),  # a single point of failure: kept apart
    ]
    groups = {"S1": "USA", "S2": "USA", "S3": "USA", "S4": "USA"}
    kinds = {"Cap": "capability", "Jet": "platform", "Other": "supplier"} | {s: "supplier" for s in groups}
    fit = fit_to_page(
        ["Cap", "Jet", "Other", "S1", "S2", "S3", "S4"], deps, groups,
        kinds=kinds, state={}, keep={"S4"}, max_nodes=5,
    )  # fmt: skip
    assert fit.nodes == ("Cap", "Jet", "Other", "S4", "fold:USA:1")
    (fold,) = fit.folds.values()
    assert fold.members == ("S1", "S2", "S3") and fold.kinds == (("supplier", 3),) and not fold.whole_group
    assert {(d.requirer, d.targets, d.any_of, d.grace_days) for d in fit.dependencies} == {
        ("Cap", ("Jet",), False, 0),
        ("Jet", ("fold:USA:1",), False, 0),
        ("Jet", ("fold:USA:1",), False, 90),
        ("Jet", ("Other", "fold:USA:1"), True, 0),
        ("S4", ("Jet",), False, 0),
    }
    assert fit.cut_depth is None and fit.selected == 7


def test_nodes_fold_only_with_nodes_in_the_same_state() -> None:
    groups = dict.fromkeys(("A", "B", "C", "D", "E", "F"), "USA")
    state = {"A": ("fails", 0), "B": ("fails", 0), "C": ("fails", 0), "D": ("fails", 90), "E": None, "F": None}
    fit = fit_to_page(
        list(groups), [], groups, kinds=dict.fromkeys(groups, "supplier"), state=state, keep=set(), max_nodes=2
    )
    assert fit.cut_depth is None  # no capability to cut towards: folded only
    assert [f.members for f in fit.folds.values()] == [("A", "B", "C")]  # D, E, F: fewer than FOLD_MIN alike


def test_a_view_still_too_large_is_cut_by_depth_and_says_what_it_left_out() -> None:
    chain = [Dependency("Cap", 0, ("P1", "P2")), Dependency("P1", 0, ("K1",)), Dependency("P2", 0, ("K2", "K3"))]
    chain += [Dependency("K1", 0, ("S1",)), Dependency("K2", 0, ("S2",))]
    nodes = ["Cap", "P1", "P2", "K1", "K2", "K3", "S1", "S2"]
    kinds = {"Cap": "capability"} | {n: "component" for n in nodes[1:]}
    fit = fit_to_page(nodes, chain, {}, kinds=kinds, state={}, keep=set(), max_nodes=6)
    assert fit.nodes == ("Cap", "K1", "K2", "K3", "P1", "P2") and fit.cut_depth == 2
    assert dict(fit.not_drawn) == {"K1": 1, "K2": 1}
    tight = fit_to_page(nodes, chain, {}, kinds=kinds, state={}, keep=set(), max_nodes=2)
    assert tight.nodes == ("Cap", "P1", "P2") and tight.cut_depth == 1  # at least one step, even if over
    assert dict(tight.not_drawn) == {"P1": 1, "P2": 2}


@st.composite
def page_inputs(draw: st.DrawFn) -> tuple[list[str], list[Dependency], dict[str, str | None], dict[str, object]]:
    count = draw(st.integers(2, 14))
    nodes = [f"n{i}" for i in range(count)]
    groups = {n: draw(st.sampled_from([None, "USA", "SWE"])) for n in nodes}
    state: dict[str, object] = {n: draw(st.sampled_from([None, ("fails", 0), ("fails", 30)])) for n in nodes}
    deps = []
    for requirer in nodes:
        for item in range(draw(st.integers(0, 2))):
            others = [n for n in nodes if n != requirer]
            targets = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
            any_of = len(targets) > 1 and draw(st.booleans())
            for target in targets if not any_of else [None]:
                chosen = tuple(sorted(targets)) if target is None else (target,)
                deps.append(Dependency(requirer, item * 10 + len(deps), chosen, any_of, draw(st.sampled_from([0, 30]))))
    return nodes, deps, groups, state


@settings(deadline=None)
@given(page_inputs(), st.integers(1, 10))
def test_folding_redirects_every_dependency_and_invents_none(inputs, max_nodes) -> None:
    nodes, deps, groups, state = inputs
    kinds = {n: "supplier" for n in nodes}
    fit = fit_to_page(nodes, deps, groups, kinds=kinds, state=state, keep=set(), max_nodes=max_nodes, cut=False)
    box = {m: f.id for f in fit.folds.values() for m in f.members}
    for fold in fit.folds.values():  # look-alikes only, never fewer than FOLD_MIN
        assert len(fold.members) >= FOLD_MIN
        assert len({(groups[m], state[m]) for m in fold.members}) == 1
        if fold.nation is None:  # no nation: they meet exactly the same requirements
            assert len({frozenset((d.requirer, d.item) for d in deps if m in d.targets) for m in fold.members}) == 1
    assert set(fit.nodes) == {box.get(n, n) for n in nodes}

    def key(d: Dependency, mapping: dict[str, str]) -> tuple[object, ...]:
        requirer = mapping.get(d.requirer, d.requirer)
        return (requirer, tuple(sorted({mapping.get(t, t) for t in d.targets} - {requirer})), d.any_of, d.grace_days)

    expected = {k for d in deps if (k := key(d, box))[1]}
    assert {key(d, {}) for d in fit.dependencies} == expected
    if len(fit.nodes) > max_nodes:  # it stopped only because nothing else could fold
        meets = {n: frozenset((d.requirer, d.item) for d in deps if n in d.targets) for n in nodes}
        needs_something = {d.requirer for d in deps}
        alike: dict[object, int] = {}
        for n in (n for n in fit.nodes if n not in fit.folds):
            if groups[n] is not None:
                key: object = (groups[n], state[n])
            elif meets[n] and (state[n] is not None or n not in needs_something):
                key = (None, state[n], meets[n])
            else:
                continue
            alike[key] = alike.get(key, 0) + 1
        assert all(c < FOLD_MIN for c in alike.values())


@settings(deadline=None, max_examples=60)
@given(random_models(max_nodes=7, candidates=False))
def test_single_points_of_failure_drawn_match_brute_force(data) -> None:
    model = model_from_data(data)
    view = diagram_view(model, max_nodes=None)
    reqs = structure(model)
    capabilities = [
        n
        for n in view.nodes
        if model.nodes[n].kind == "capability" and n in reqs and not fails_eventually(reqs, set(), n)
    ]
    expected = {
        n
        for n in view.nodes
        if model.nodes[n].kind != "capability" and any(fails_eventually(reqs, {n}, c) for c in capabilities)
    }
    assert set(view.spofs) == expected
