"""Large models: the progress bar (stderr, terminals only) and the --max-order explosion guard."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from conftest import MINI, ROOT

from interop.analysis.cost import CutSetBudgetExceeded, worst_case
from interop.analysis.cutsets import minimal_cut_sets
from interop.analysis.scenario import baseline
from interop.cli.progress import ProgressBar, progress_bar
from interop.model import load_model, model_from_data


def explosive(width: int, alternatives: int) -> dict:
    """C needs any one of X0..Xn; each X needs ``width`` suppliers of its own: the cut sets of C
    are one node (X or one of its suppliers) per alternative, (width + 1) ** alternatives of them."""
    nodes: list[dict] = [{"id": "CAN", "kind": "nation"}]
    for a in range(alternatives):
        nodes += [{"id": f"S{a}-{i}", "kind": "supplier"} for i in range(width)]
        nodes.append({"id": f"X{a}", "kind": "platform", "requires": [f"S{a}-{i}" for i in range(width)]})
    nodes.append({"id": "C", "kind": "capability", "requires": [{"any_of": [f"X{a}" for a in range(alternatives)]}]})
    return {"model": {"name": "explosive", "home": "CAN"}, "nodes": nodes}


@pytest.fixture
def explosive_file(tmp_path: Path) -> Path:
    path = tmp_path / "explosive.yaml"
    path.write_text(yaml.safe_dump(explosive(8, 4)))
    return path


# --- the guard ---------------------------------------------------------------------------------


def test_guard_refuses_a_too_big_answer_with_its_exact_size(run, explosive_file: Path, monkeypatch) -> None:
    import interop.analysis.cost as cost

    monkeypatch.setattr(cost, "DEFAULT_MAX_CUT_SETS", 1000)
    out = explosive_file.parent / "cut-sets.json"
    result = run("spof", "--model", explosive_file, "--max-order", "4", "-o", out)
    assert result.code == 2
    assert "internal error" not in result.err
    message = " ".join(result.err.split())
    assert (
        "C has 6,561 minimal cut sets of 4 or fewer nodes (counted exactly; this command lists at most 1,000)"
        in message
    )
    for hint in ("--capability ID", "--kinds supplier,nation", "a lower --max-order", "add --force"):
        assert hint in message
    assert not out.exists()


def test_guard_stops_on_work_with_the_steps_actually_done(run, explosive_file: Path, monkeypatch) -> None:
    import interop.analysis.cost as cost

    monkeypatch.setattr(cost, "DEFAULT_BUDGET", 50)
    result = run("spof", "--model", explosive_file, "--max-order", "1", "--capability", "C")
    assert result.code == 2
    message = " ".join(result.err.split())
    steps = re.search(r"was stopped after (\d+) steps of work \(the limit is 50\), (\d+) of 7 parts done", message)
    assert steps, message
    assert 50 < int(steps.group(1)) <= 55  # the steps actually done, checked as they are made
    assert "a lower --max-order" not in message  # already at order 1
    assert "--capability ID" not in message  # already one capability


def test_force_runs_it_anyway(run, explosive_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import interop.analysis.cost as cost

    monkeypatch.setattr(cost, "DEFAULT_MAX_CUT_SETS", 1000)
    monkeypatch.setattr(cost, "DEFAULT_BUDGET", 50)
    result = run("spof", "--model", explosive_file, "--max-order", "4", "--force", "--format", "json")
    assert result.code == 0, result.err
    import json

    (entry,) = json.loads(result.out)["capabilities"]
    assert entry["id"] == "C"
    assert len(entry["cut_sets"]) == 9**4
    assert all(len(s) == 4 for s in entry["cut_sets"])


def test_narrowing_gets_under_the_limit(run, explosive_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import interop.analysis.cost as cost

    monkeypatch.setattr(cost, "DEFAULT_MAX_CUT_SETS", 1000)
    assert run("spof", "--model", explosive_file, "--max-order", "3").code == 0
    assert run("spof", "--model", explosive_file, "--max-order", "4", "--kinds", "platform").code == 0


def test_budget_in_the_api() -> None:
    graph = baseline(model_from_data(explosive(8, 4)))
    with pytest.raises(CutSetBudgetExceeded) as stopped:
        minimal_cut_sets(graph, max_order=4, max_cut_sets=6560)
    assert (stopped.value.reason, stopped.value.figure, stopped.value.target) == ("cut_sets", 6561, "C")
    with pytest.raises(CutSetBudgetExceeded) as stopped:
        minimal_cut_sets(graph, max_order=4, budget=100)
    assert stopped.value.reason == "steps"
    assert 100 < stopped.value.figure <= 105
    assert len(minimal_cut_sets(graph, max_order=4, max_cut_sets=6561)["C"]) == 9**4
    assert worst_case(graph, max_order=2).candidate_sets == 36 + 36 * 35 // 2


def chain(n: int) -> dict:
    """A capability at the end of an n-node requirement chain (every node is a single point)."""
    nodes: list[dict] = [{"id": "CAN", "kind": "nation"}, {"id": "N0", "kind": "supplier"}]
    nodes += [{"id": f"N{i}", "kind": "component", "requires": [f"N{i - 1}"]} for i in range(1, n)]
    nodes.append({"id": "C", "kind": "capability", "requires": [f"N{n - 1}"]})
    return {"model": {"home": "CAN"}, "nodes": nodes}


def loop(n: int) -> dict:
    """n nodes each requiring the next, the last requiring the first, and a capability on one."""
    nodes: list[dict] = [{"id": "CAN", "kind": "nation"}]
    nodes += [{"id": f"L{i:04d}", "kind": "system", "requires": [f"L{(i + 1) % n:04d}"]} for i in range(n)]
    nodes.append({"id": "C", "kind": "capability", "requires": ["L0000", {"any_of": ["L0001", "L0002"]}]})
    return {"model": {"home": "CAN"}, "nodes": nodes}


def test_a_long_chain_at_order_one_is_linear() -> None:
    """Was 2.3 GB at 10k nodes (issue 16): families now share their tails in the diagram."""
    graph = baseline(model_from_data(chain(20_000)))
    (sets,) = minimal_cut_sets(graph, ["C"], max_order=1, budget=cost_budget()).values()
    assert len(sets) == 20_000
    assert sets[0] == ("N0",)


def test_a_requirement_loop_converges_within_the_budget() -> None:
    """Was 229 s at 1,000 nodes (issue 16): the loop's fixpoint takes a few passes."""
    graph = baseline(model_from_data(loop(1000)))
    result = minimal_cut_sets(graph, ["C"], max_order=2, budget=cost_budget())
    assert len(result["C"]) == 1000
    assert all(len(s) == 1 for s in result["C"])


def test_what_if_with_a_replacement_on_a_long_chain_is_guarded_and_answers() -> None:
    from interop.analysis import Scenario, what_if

    data = chain(20_000)
    data["nodes"].append({"id": "N0-new", "kind": "supplier", "status": "candidate"})
    result = what_if(model_from_data(data), Scenario.build(replace=[("N0", "N0-new")]))
    assert [(c.capability, c.node) for c in result.spof_added] == [("C", "N0-new")]
    assert [(c.capability, c.node) for c in result.spof_removed] == [("C", "N0")]


def cost_budget() -> int:
    from interop.analysis.cost import DEFAULT_BUDGET

    return DEFAULT_BUDGET


@pytest.mark.parametrize("order", ["1", "2", "4", "8", "14"])
def test_small_models_never_trip_the_guard(run, order: str) -> None:
    assert run("spof", "--model", MINI, "--max-order", order).code == 0
    shipped = ROOT / "graphs" / "canada"
    if shipped.is_dir():
        result = run("spof", "--model", shipped, "--max-order", order, "--format", "json")
        assert result.code == 0, result.err


# --- progress ----------------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_waits_then_draws_then_wipes() -> None:
    now = [0.0]
    stream = FakeTerminal()
    bar = ProgressBar("Loading model", stream, delay=0.5, clock=lambda: now[0])
    bar(1, 4)
    assert stream.getvalue() == ""  # quick steps never flash a bar
    now[0] = 0.6
    bar(1, 4)
    assert stream.getvalue() == "\rLoading model [#######-----------------------]  25%"
    now[0] = 0.65
    bar(2, 4)  # throttled: at most ten redraws a second
    assert stream.getvalue().count("\r") == 1
    now[0] = 0.8
    bar(4, 4)
    assert stream.getvalue().endswith("[##############################] 100%")
    bar.close()
    assert stream.getvalue().endswith("\r" + " " * len("Loading model [##############################] 100%") + "\r")


def test_no_bar_unless_a_terminal() -> None:
    with progress_bar("x", io.StringIO()) as bar:
        assert bar is None
    with progress_bar("x", FakeTerminal()) as bar:
        assert isinstance(bar, ProgressBar)


def test_cli_output_has_no_progress_when_not_a_terminal(run) -> None:
    result = run("spof", "--model", MINI)
    assert "\r" not in result.out + result.err


def test_loading_reports_progress(tmp_path: Path) -> None:
    for i in range(3):
        nodes = "".join(f"  - {{id: N{i}-{j}, kind: supplier}}\n" for j in range(4000))
        (tmp_path / f"part{i}.yaml").write_text("nodes:\n" + nodes)
    calls: list[tuple[int, int]] = []
    model = load_model(tmp_path, lambda done, total: calls.append((done, total)))
    assert len(model) == 12000
    total = sum(p.stat().st_size for p in tmp_path.iterdir())
    assert calls[-1] == (total, total)
    assert all(t == total for _, t in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert any(0 < d < total // 3 for d, _ in calls)  # inside the first file, not only between files


def test_cut_sets_report_progress() -> None:
    graph = baseline(load_model(MINI))
    calls: list[tuple[int, int]] = []
    minimal_cut_sets(graph, max_order=2, progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert calls[-1] == (total, total)
    done = [d for d, _ in calls]
    assert done[0] == 0 and done == sorted(done)  # rises (every 64 gates, then every target) to the total
