"""interop init: a copy of the shipped model (or a skeleton) to edit; never overwrites."""

from __future__ import annotations

from conftest import ROOT


def test_init_copies_the_shipped_model_and_it_checks(run, tmp_path):
    target = tmp_path / "my-model"
    result = run("init", target)
    assert result.code == 0, result.err
    shipped = sorted(p.relative_to(ROOT / "graphs" / "canada") for p in (ROOT / "graphs" / "canada").rglob("*.yaml"))
    assert sorted(p.relative_to(target) for p in target.rglob("*.yaml")) == shipped
    for relative in shipped:
        assert (target / relative).read_bytes() == (ROOT / "graphs" / "canada" / relative).read_bytes()
    assert run("check", "--model", target).code == 0
    copied = run("what-if", "--model", target, "--replace", "F-35", "--with", "Gripen", "--format", "json").out
    assert copied == run("what-if", "--replace", "F-35", "--with", "Gripen", "--format", "json").out
    assert f"interop check --model {target}" in result.out


def test_init_refuses_to_overwrite(run, tmp_path):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    result = run("init", target)
    assert result.code == 4
    assert "already exists and is not an empty directory — init never overwrites" in result.err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert run("init", "--empty", a_file).code == 4 and a_file.read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "taken"]  # no staging folder left


def test_init_into_an_empty_directory(run, tmp_path):
    target = tmp_path / "empty-dir"
    target.mkdir()
    assert run("init", "--empty", target).code == 0
    assert [p.name for p in target.iterdir()] == ["model.yaml"]


def test_empty_skeleton_is_a_valid_commented_model(run, tmp_path):
    target = tmp_path / "scratch"
    assert run("init", "--empty", target).code == 0
    text = (target / "model.yaml").read_text()
    assert text.count("\n#") + text.count("  #") > 10  # it explains itself
    assert run("check", "--model", target).code == 0
    lost = run("what-if", "--model", target, "--remove", "Example-Supplier", "--format", "json").out
    assert '"id": "Example-Capability",\n        "at_days": 90' in lost
    swap = run("what-if", "--model", target, "--replace", "Fighter", "--with", "Example-Option", "--format", "json")
    assert swap.code == 0 and '"Example-Fighter",\n        "Example-Option",\n        "Partner-Tanker"' in swap.out


def test_missing_parent_is_exit_4(run, tmp_path):
    assert run("init", tmp_path / "no" / "such").code == 4
