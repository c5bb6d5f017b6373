"""The cache of big models: a hit gives the same model, any edit (of the model or of interop's model
code) is a miss, and no entry can run code, be believed when corrupted, leak a private model, hang
the load or make interop delete files it did not write. Any doubt is a miss, never an error."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import stat
from pathlib import Path

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


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "models").glob("model-*.json"))


def _copy_model(tmp_path):
    path = tmp_path / "model.yaml"
    path.write_bytes(MINI.read_bytes())
    return path


def _no_parsing(monkeypatch):
    from interop.model import load as loader

    def refuse(*args, **kwargs):
        raise AssertionError("a cache hit must not parse the YAML again")

    monkeypatch.setattr(loader, "read_yaml", refuse)


def _parses(monkeypatch) -> list[int]:
    """Count the YAML parses from now on."""
    from interop.model import load as loader

    calls: list[int] = []
    real = loader.read_yaml

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "read_yaml", counting)
    return calls


def test_a_hit_returns_an_equal_model_without_parsing(cached, tmp_path, monkeypatch):
    path = _copy_model(tmp_path)
    first = load_model(path)
    assert len(_entries(cached)) == 1
    _no_parsing(monkeypatch)
    again = load_model(path)
    assert again == first and again is not first
    assert dict(again.nodes) == dict(first.nodes)
    assert again.find("p&w") == "PW" and again["F-35A"].location == first["F-35A"].location
    assert again["F-35A"].requires == first["F-35A"].requires
    assert again.files == first.files and again.home == "CAN"


def test_an_entry_is_plain_json_with_interops_header(cached, tmp_path):
    import json

    load_model(_copy_model(tmp_path))
    (entry,) = _entries(cached)
    header, _, body = entry.read_bytes().partition(b"\n")
    key = entry.name[len("model-") : -len(".json")]
    assert header.decode().startswith(f"interop-model-cache 2 {key} sha256=")
    assert json.loads(body)[0] == "interop-model-cache 2"


def test_an_edit_is_a_miss(cached, tmp_path):
    path = _copy_model(tmp_path)
    load_model(path)
    path.write_text(path.read_text().replace("name: Quick reaction alert", "name: QRA renamed"))
    assert load_model(path)["QRA"].name == "QRA renamed"
    assert len(_entries(cached)) == 2


def test_the_key_covers_the_model_layer_code(cached, tmp_path, monkeypatch):
    """A changed loader during development must not serve a model it did not build."""
    source = Path(cache.__file__).parent
    copy = tmp_path / "model-code"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.code_hash(copy)
    assert before == cache.code_hash(source)
    (copy / "load.py").write_text((copy / "load.py").read_text() + "\n# a changed loader\n")
    cache.code_hash.cache_clear()
    assert cache.code_hash(copy) != before
    path = _copy_model(tmp_path)
    load_model(path)
    monkeypatch.setattr(cache, "code_hash", lambda: "another loader")
    parses = _parses(monkeypatch)
    load_model(path)
    assert parses == [1]
    assert len(_entries(cached)) == 2


@pytest.mark.parametrize("offset", [-2, 40, 200])
def test_a_one_byte_corruption_is_a_miss(cached, tmp_path, monkeypatch, offset):
    """Before: a flipped byte in a pickle was believed (cut sets changed, check said OK)."""
    path = _copy_model(tmp_path)
    expected = load_model(path)
    (entry,) = _entries(cached)
    data = bytearray(entry.read_bytes())
    data[offset] ^= 0x01
    entry.write_bytes(bytes(data))
    parses = _parses(monkeypatch)
    assert load_model(path) == expected
    assert parses == [1]


def test_a_broken_entry_is_a_miss_not_an_error(cached, tmp_path):
    path = _copy_model(tmp_path)
    expected = load_model(path)
    for entry in _entries(cached):
        entry.write_bytes(b"not an entry")
    assert load_model(path) == expected


def test_a_planted_pickle_never_runs(cached, tmp_path, monkeypatch):
    """Before: a pickle at the entry's path (its key computed from a shared model) ran code."""
    path = _copy_model(tmp_path)
    load_model(path)
    (entry,) = _entries(cached)
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    key = entry.name[len("model-") : -len(".json")]
    for planted in (entry, cached / f"{key}.pickle", cached / "models" / f"{key}.pickle"):
        planted.write_bytes(pickle.dumps(Payload()))
    assert load_model(path)["QRA"].kind == "capability"
    assert not marker.exists()


def test_entries_are_private_and_the_folder_is_0700(cached, tmp_path):
    """Before: a 0600 model was cached as a 0644 entry."""
    path = _copy_model(tmp_path)
    path.chmod(0o600)
    old = os.umask(0)
    try:
        load_model(path)
    finally:
        os.umask(old)
    (entry,) = _entries(cached)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE((cached / "models").stat().st_mode) == 0o700


def test_an_entry_open_to_others_or_a_folder_open_to_others_is_not_read(cached, tmp_path, monkeypatch):
    path = _copy_model(tmp_path)
    load_model(path)
    (entry,) = _entries(cached)
    entry.chmod(0o644)
    parses = _parses(monkeypatch)
    load_model(path)
    assert parses == [1]  # a loose entry is ignored (and replaced by a private one)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    (cached / "models").chmod(0o777)
    load_model(path)
    assert parses == [1, 1]  # a folder others can write to is not read
    assert stat.S_IMODE((cached / "models").stat().st_mode) == 0o700  # ours: closed again on write


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file away to another user needs root")
def test_an_entry_or_folder_of_another_user_is_not_read(cached, tmp_path, monkeypatch):
    path = _copy_model(tmp_path)
    load_model(path)
    (entry,) = _entries(cached)
    os.chown(entry, 12345, 12345)
    parses = _parses(monkeypatch)
    load_model(path)
    assert parses == [1]
    os.chown(cached / "models", 12345, 12345)
    load_model(path)
    assert parses == [1, 1]
    assert (cached / "models").stat().st_uid == 12345  # not ours: left alone, nothing written


def test_a_symbolic_link_at_an_entry_is_not_followed(cached, tmp_path, monkeypatch):
    path = _copy_model(tmp_path)
    load_model(path)
    (entry,) = _entries(cached)
    elsewhere = tmp_path / "elsewhere.json"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    parses = _parses(monkeypatch)
    load_model(path)
    assert parses == [1]


def test_a_fifo_at_an_entry_does_not_block(cached, tmp_path, monkeypatch):
    path = _copy_model(tmp_path)
    load_model(path)
    (entry,) = _entries(cached)
    entry.unlink()
    os.mkfifo(entry, 0o600)

    def hung(*args):
        raise AssertionError("the load blocked on a FIFO")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        assert load_model(path)["QRA"].kind == "capability"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_eviction_deletes_only_interops_own_entries(cached, tmp_path, monkeypatch):
    """Before: 10 foreign *.pickle files in INTEROP_CACHE_DIR, 3 of them deleted."""
    monkeypatch.setattr(cache, "KEEP", 2)
    cached.mkdir()
    foreign = [cached / f"{n:064x}.pickle" for n in range(10)]
    (cached / "models").mkdir(mode=0o700)
    lookalike = cached / "models" / f"model-{'0' * 64}.json"  # our name, not our header
    for file in (*foreign, lookalike):
        file.write_bytes(b"someone else's data")
        file.chmod(0o600)
    path = _copy_model(tmp_path)
    for number in range(4):
        path.write_text(MINI.read_text() + f"# edit {number}\n")
        load_model(path)
    assert all(file.read_bytes() == b"someone else's data" for file in (*foreign, lookalike))
    assert len(_entries(cached)) == 3  # two of ours, and the look-alike


def test_invalid_models_are_never_cached(cached, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("nodes:\n  - {id: A, kind: platfrom}\n")
    with pytest.raises(Exception, match="did you mean 'platform'"):
        load_model(path)
    assert not _entries(cached)


def test_it_can_be_turned_off_and_small_models_are_not_cached(cached, tmp_path, monkeypatch):
    path = _copy_model(tmp_path)
    monkeypatch.setenv("INTEROP_CACHE", "0")
    load_model(path)
    assert not cached.exists()
    monkeypatch.setenv("INTEROP_CACHE", "1")
    monkeypatch.setattr(cache, "MIN_BYTES", 10_000_000)
    load_model(path)
    assert not cached.exists()


@pytest.mark.parametrize("home", [None, "", "relative/home", "/"])
def test_without_a_usable_home_there_is_no_cache_and_a_note(tmp_path, monkeypatch, capsys, home):
    """Before: with HOME unset the cache landed in ./~/.cache or /.cache."""
    monkeypatch.setenv("INTEROP_CACHE", "1")
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setattr(cache, "_noted", False)
    for name in ("INTEROP_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    path = _copy_model(tmp_path)
    load_model(path)
    load_model(path)
    assert list(work.iterdir()) == []
    assert not Path("/.cache/interop/models").exists() or home != "/"
    err = capsys.readouterr().err
    assert err.count("note: HOME is") == 1
    assert "so big models are not cached (set INTEROP_CACHE_DIR to a folder of yours to cache them)" in err


def test_a_model_pickles_and_copies_for_notebooks(tmp_path):
    """Model.__reduce__ lets a notebook pickle or deep-copy a model (for multiprocessing, joblib)."""
    import copy

    model = load_model(MINI)
    for again in (pickle.loads(pickle.dumps(model)), copy.deepcopy(model)):
        assert again == model and again.find("p&w") == "PW"
        assert again["F-35A"].location == model["F-35A"].location


def test_service_windows_survive_the_cache(cached, tmp_path, monkeypatch):
    path = tmp_path / "dated.yaml"
    path.write_text(
        "model: {home: CAN, as_of: 2030}\n"
        "nodes:\n"
        "  - {id: CAN, kind: nation}\n"
        "  - {id: A, kind: platform, service: {from: 2020, until: 2032-06}, service_source: [https://example.org]}\n"
        "  - {id: B, kind: platform, service: {from: 2031}}\n"
    )
    first = load_model(path)
    _no_parsing(monkeypatch)
    again = load_model(path)
    assert again == first
    assert again["A"].service == first["A"].service and again["A"].service.end.isoformat() == "2032-06-30"
    assert again["B"].service.location == first["B"].service.location


def test_without_uids_the_cache_still_works(cached, tmp_path, monkeypatch):
    """Windows has no geteuid (its cache folder is private through ACLs): no crash, still a hit."""
    path = _copy_model(tmp_path)
    first = load_model(path)
    monkeypatch.delattr(os, "geteuid")
    _no_parsing(monkeypatch)
    assert load_model(path) == first
