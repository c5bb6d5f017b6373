"""Service windows in the model layer: DATE forms and period boundaries, loading, check warnings."""

from __future__ import annotations

import datetime

import pytest

from interop.model import model_from_data
from interop.model.dates import DateFormError, first_day, last_day, parse_period
from interop.model.service import window_warnings

D = datetime.date


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2032", D(2032, 1, 1), D(2032, 12, 31)),
        (2032, D(2032, 1, 1), D(2032, 12, 31)),
        ("2032-06", D(2032, 6, 1), D(2032, 6, 30)),
        ("2032-02", D(2032, 2, 1), D(2032, 2, 29)),
        ("2031-02", D(2031, 2, 1), D(2031, 2, 28)),
        ("2032-06-30", D(2032, 6, 30), D(2032, 6, 30)),
        (D(2030, 5, 4), D(2030, 5, 4), D(2030, 5, 4)),
        (datetime.datetime(2030, 5, 4, 12, 0), D(2030, 5, 4), D(2030, 5, 4)),
    ],
)
def test_a_date_names_a_period(text: object, first: datetime.date, last: datetime.date) -> None:
    period = parse_period(text)
    assert (period.first, period.last) == (first, last)
    assert first_day(text) == first and last_day(text) == last


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2032-13", "there is no month 13"),
        ("2032-00", "there is no month 0"),
        ("2031-02-29", "2031-02 has no day 29 (it has 28 days)"),
        ("2032-6", "'2032-6' is not a date"),
        ("32", "'32' is not a date"),
        ("0999", "the year 999 is out of range"),
        ("soon", "'soon' is not a date"),
        (True, "True is not a date"),
        (2032.5, "2032.5 is not a date"),
        ("2032-06-30T00:00", "is not a date"),
    ],
)
def test_malformed_dates_say_why(value: object, message: str) -> None:
    with pytest.raises(DateFormError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_period(value)


def _model(*nodes: dict[str, object], as_of: object = None) -> object:
    meta: dict[str, object] = {"home": "H"}
    if as_of is not None:
        meta["as_of"] = as_of
    return model_from_data({"model": meta, "nodes": [{"id": "H", "kind": "nation"}, *nodes]})


def test_windows_are_read_to_their_first_and_last_days() -> None:
    model = _model(
        {"id": "A", "kind": "platform", "service": {"from": 1982, "until": 2032}, "service_source": "https://x"},
        {"id": "B", "kind": "platform", "service": {"from": "2030-07"}},
        {"id": "C", "kind": "platform", "service": {"until": "2032-06"}},
        {"id": "E", "kind": "platform"},
    )
    a, b, c, e = (model[x] for x in "ABCE")
    assert (a.service.start, a.service.end) == (D(1982, 1, 1), D(2032, 12, 31))
    assert a.service_source == ("https://x",)
    assert (b.service.start, b.service.end) == (D(2030, 7, 1), None)
    assert (c.service.start, c.service.end) == (None, D(2032, 6, 30))
    assert e.service is None
    assert a.serves_on(D(1982, 1, 1)) and a.serves_on(D(2032, 12, 31))
    assert not a.serves_on(D(1981, 12, 31)) and not a.serves_on(D(2033, 1, 1))
    assert not b.serves_on(D(2030, 6, 30)) and b.serves_on(D(2030, 7, 1))
    assert c.serves_on(D(2032, 6, 30)) and not c.serves_on(D(2032, 7, 1))
    assert e.serves_on(D(1, 1, 1))
    assert a.service.absence(D(2033, 1, 1)) == "left service 2032-12-31"
    assert b.service.absence(D(2029, 1, 1)) == "enters 2030-07"
    assert model.has_service_dates


def test_as_of_reads_as_its_first_day() -> None:
    assert _model(as_of=2026).as_of == "2026-01-01"
    assert _model(as_of="2026-11").as_of_date == D(2026, 11, 1)
    assert _model(as_of=D(2026, 11, 1)).as_of == "2026-11-01"
    assert _model().as_of is None and _model().as_of_date is None
    assert not _model().has_service_dates


def test_a_window_of_one_day_is_valid() -> None:
    model = _model({"id": "A", "kind": "platform", "service": {"from": "2030-01-01", "until": "2030-01-01"}})
    assert model["A"].serves_on(D(2030, 1, 1)) and not model["A"].serves_on(D(2030, 1, 2))


def test_check_warns_where_a_requirement_leaves_service_before_its_requirer() -> None:
    model = _model(
        {"id": "Old", "kind": "platform", "service": {"until": 2032}},
        {"id": "New", "kind": "platform", "service": {"from": 2030}},
        {"id": "Short", "kind": "platform", "service": {"until": 2028}},
        {"id": "Cap", "kind": "capability", "requires": ["Old", {"any_of": ["Old", "New"]}]},
        {"id": "Tied", "kind": "capability", "service": {"until": 2032}, "requires": ["Old"]},
        {"id": "Later", "kind": "capability", "service": {"until": 2035}, "requires": [{"any_of": ["Old", "Short"]}]},
    )
    assert [w.what for w in window_warnings(model)] == [
        "'Cap' needs Old, which leaves service 2032-12-31, before 'Cap' does (no end date)",
        "'Later' needs any of (Old | Short), which leaves service 2032-12-31, before 'Later' does (2035-12-31)",
    ]


def test_check_prints_the_warnings_and_exits_0(run, tmp_path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "model: {home: H, as_of: 2030}\n"
        "nodes:\n"
        "  - {id: H, kind: nation}\n"
        "  - {id: Old, kind: platform, service: {until: 2032}}\n"
        "  - id: Cap\n"
        "    kind: capability\n"
        "    requires:\n"
        "      - Old\n",
        encoding="utf-8",
    )
    result = run("check", "--model", path)
    assert result.code == 0
    assert result.err == (
        f"{path}:8: warning: 'Cap' needs Old, which leaves service 2032-12-31, before 'Cap' does (no end date) — "
        "add the successor as an alternative (any_of), end the requirer's service too, or accept the gap\n"
    )
    assert result.out.startswith("OK: model, as of 2030-01-01")


def test_a_model_without_service_keys_gives_no_warnings(run) -> None:
    from conftest import MINI

    result = run("check", "--model", MINI)
    assert (result.code, result.err) == (0, "")


def test_the_model_cache_keeps_service_windows() -> None:
    from interop.model import cache

    model = _model({"id": "A", "kind": "platform", "service": {"from": 2020, "until": "2032-06"}}, as_of=2030)
    again = cache._decode(cache._encode(model))
    assert again is not None
    assert again["A"].service == model["A"].service and again.as_of == "2030-01-01"
