"""The content-hash cache of big models: a hit gives the same model, any edit is a miss, a broken
entry is a miss (never an error), and it can be turned off."""

from __future__ import annotations

import pytest
from conftest import MINI

from interop.model import cache, load_model


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """Cache on, in a temporary folder, for every model size (the mini model is tiny)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("INTEROP_CACHE_DIR", str(folder))
    monkeypatch.setenv("INTEROP_CACHE", "1")
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    return folder


def _copy_model(tmp_path):
    path = tmp_path / "model.yaml"
    path.write_bytes(MINI.read_bytes())
    return path


def test_a_hit_returns_an_equal_model_without_parsing(cached, tmp_path, monkeypatch):
    from interop.model import load as loader

    path = _copy_model(tmp_path)
    first = load_model(path)
    assert len(list(cached.glob("*.pickle"))) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("a cache hit must not parse the YAML again")

    monkeypatch.setattr(loader, "read_yaml", no_parsing)
    again = load_model(path)
    assert again == first and again is not first
    assert dict(again.nodes) == dict(first.nodes)
    assert again.find("p&w") == "PW" and again["F-35A"].location == first["F-35A"].location
    assert again.files == first.files and again.home == "CAN"


def test_an_edit_is_a_miss(cached, tmp_path):
    path = _copy_model(tmp_path)
    load_model(path)
    path.write_text(path.read_text().replace("name: Quick reaction alert", "name: QRA renamed"))
    assert load_model(path)["QRA"].name == "QRA renamed"
    assert len(list(cached.glob("*.pickle"))) == 2


def test_a_broken_entry_is_a_miss_not_an_error(cached, tmp_path):
    path = _copy_model(tmp_path)
    expected = load_model(path)
    for entry in cached.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_model(path) == expected


def test_invalid_models_are_never_cached(cached, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("nodes:\n  - {id: A, kind: platfrom}\n")
    with pytest.raises(Exception, match="did you mean 'platform'"):
        load_model(path)
    assert not cached.exists() or not list(cached.glob("*.pickle"))


def test_it_can_be_turned_off_and_small_models_are_not_cached(cached, tmp_path, monkeypatch):
    path = _copy_model(tmp_path)
    monkeypatch.setenv("INTEROP_CACHE", "0")
    load_model(path)
    assert not cached.exists()
    monkeypatch.setenv("INTEROP_CACHE", "1")
    monkeypatch.setattr(cache, "MIN_BYTES", 10_000_000)
    load_model(path)
    assert not cached.exists()


def test_keeps_only_the_most_recent_entries(cached, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    path = _copy_model(tmp_path)
    for number in range(4):
        path.write_text(MINI.read_text() + f"# edit {number}\n")
        load_model(path)
    assert len(list(cached.glob("*.pickle"))) == 2
