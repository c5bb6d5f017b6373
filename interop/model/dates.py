"""DATE values of model format v1.1: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a date, or a year).

A DATE names a *period* (a year, a month or a day). A service window's ``from`` (and ``--on``)
means the first day of its period, ``until`` the last day, so ``until: 2032`` is 2032-12-31
(contract §4.1). Parsing is strict and never depends on locale or the clock.

>>> parse_period("2032").last
datetime.date(2032, 12, 31)
>>> parse_period("2032-02").last
datetime.date(2032, 2, 29)
>>> parse_period(2035).first
datetime.date(2035, 1, 1)
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
MIN_YEAR = 1000
FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


class DateFormError(ValueError):
    """A value that is not a DATE; the message says what is wrong in a planner's words."""


@dataclass(frozen=True, slots=True)
class Period:
    """A year, month or day written as a DATE: its first and last day and the text as written."""

    first: datetime.date
    last: datetime.date
    text: str


def parse_period(value: object) -> Period:
    """The period a DATE names; DateFormError when ``value`` is not a DATE.

    Accepts text in the three forms, an integer year, or a ``datetime.date`` (a day).
    """
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return Period(value, value, value.isoformat())
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateFormError(f"{value!r} is not a date (write {FORMS})")
    text = str(value).strip()
    match = _DATE.match(text)
    if match is None:
        raise DateFormError(f"{text!r} is not a date (write {FORMS}, e.g. 2032, 2032-06 or 2032-06-30)")
    year, month, day = int(match[1]), match[2], match[3]
    if year < MIN_YEAR:
        raise DateFormError(f"{text!r}: the year {year} is out of range (write a four-digit year from {MIN_YEAR})")
    if month is None:
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), text)
    if not 1 <= int(month) <= 12:
        raise DateFormError(f"{text!r}: there is no month {int(month)} (months run 01 to 12)")
    last_day = calendar.monthrange(year, int(month))[1]
    if day is None:
        return Period(datetime.date(year, int(month), 1), datetime.date(year, int(month), last_day), text)
    if not 1 <= int(day) <= last_day:
        raise DateFormError(f"{text!r}: {year}-{month} has no day {int(day)} (it has {last_day} days)")
    on = datetime.date(year, int(month), int(day))
    return Period(on, on, text)


def first_day(value: object) -> datetime.date:
    """The first day of the period a DATE names (how ``from`` and ``--on`` read)."""
    return parse_period(value).first


def last_day(value: object) -> datetime.date:
    """The last day of the period a DATE names (how ``until`` reads)."""
    return parse_period(value).last


__all__ = ["FORMS", "DateFormError", "Period", "first_day", "last_day", "parse_period"]
