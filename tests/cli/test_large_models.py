"""Large models: the progress bar (stderr, terminals only) and the --max-order explosion guard."""

from __future__ import annotations

import io
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


def test_guard_refuses_with_an_explanation(run, explosive_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import interop.analysis.cost as cost

    monkeypatch.setattr(cost, "DEFAULT_BUDGET", 100_000)
    out = explosive_file.parent / "cut-sets.json"
    result = run("spof", "--model", explosive_file, "--max-order", "4", "-o", out)
    assert result.code == 2
    assert "internal error" not in result.err
    message = " ".join(result.err.split())
    assert "the cut-set search at --max-order 4 looks explosive" in message
    assert "(the limit is 100,000)" in message
    assert "up to 66,711 candidate sets of 4 or fewer of the 36 nodes upstream" in message
    for hint in ("--capability ID", "--kinds supplier,nation", "a lower --max-order", "add --force"):
        assert hint in message
    assert not out.exists()


def test_force_runs_it_anyway(run, explosive_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import interop.analysis.cost as cost

    monkeypatch.setattr(cost, "DEFAULT_BUDGET", 100_000)
    result = run("spof", "--model", explosive_file, "--max-order", "4", "--force", "--format", "json")
    assert result.code == 0, result.err
    import json

    (entry,) = json.loads(result.out)["capabilities"]
    assert entry["id"] == "C"
    assert len(entry["cut_sets"]) == 9**4
    assert all(len(s) == 4 for s in entry["cut_sets"])


def test_narrowing_gets_under_the_budget(run, explosive_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import interop.analysis.cost as cost

    monkeypatch.setattr(cost, "DEFAULT_BUDGET", 100_000)
    assert run("spof", "--model", explosive_file, "--max-order", "3").code == 0
    assert run("spof", "--model", explosive_file, "--max-order", "4", "--kinds", "platform").code == 0


def test_budget_in_the_api() -> None:
    graph = baseline(model_from_data(explosive(8, 4)))
    with pytest.raises(CutSetBudgetExceeded) as stopped:
        minimal_cut_sets(graph, max_order=4, budget=100_000)
    assert stopped.value.eligible == 36
    assert stopped.value.max_order == 4
    assert stopped.value.work > 100_000
    assert len(minimal_cut_sets(graph, max_order=4)["C"]) == 9**4
    assert worst_case(graph, max_order=2).candidate_sets == 36 + 36 * 35 // 2


@pytest.mark.parametrize("order", ["1", "2", "4", "8"])
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
    assert [d for d, _ in calls] == list(range(total + 1))
