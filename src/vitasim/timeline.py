"""Day 0 and the two ways a profile says "when": a calendar date or an offset from day 0.

A profile may name its day 0 (top-level ``start: 2026-01-10``); without it there are no dates,
only offsets.  Every time becomes a day offset (a float, negative before day 0) here, in one
place, so labs, medicines and regimen items agree on what "day 0" means.
"""
from __future__ import annotations

import datetime as dt
import math
import numbers
from dataclasses import dataclass

from vitasim import units
from vitasim.errors import VitasimInputError, quote

_HOURS_PER_DAY = 24.0
MAX_OFFSET_DAYS = 150 * 365   # a day offset further than a lifetime from day 0 is a typing error


def parse_date(raw: object, field: str) -> dt.date:
    """A calendar date from YAML (already a date) or an ISO string ``YYYY-MM-DD``."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise VitasimInputError(field, f"expected a date as YYYY-MM-DD, got {quote(raw)}")


def looks_like_date(raw: object) -> bool:
    """Whether ``raw`` is written as a calendar date (rather than a duration or a number)."""
    if isinstance(raw, dt.date):
        return True
    if isinstance(raw, str):
        try:
            dt.date.fromisoformat(raw.strip())
            return True
        except ValueError:
            return False
    return False


@dataclass(frozen=True)
class When:
    """A moment as given: its day offset from day 0 and, when given as one, its calendar date."""

    day: float
    date: dt.date | None = None

    def as_plain(self) -> str | float:
        """The serialisable form: the ISO date when one was given, else the day offset."""
        return self.date.isoformat() if self.date is not None else self.day


def when(raw: object, field: str, day0: dt.date | None) -> When:
    """A date (needs day 0), a number of days, or a duration such as ``-3 week`` -> :class:`When`."""
    if looks_like_date(raw):
        date = parse_date(raw, field)
        if day0 is None:
            raise VitasimInputError(field, f"{date.isoformat()} is a date, but the profile has no day 0; "
                                           "add a top-level 'start: YYYY-MM-DD' or give a day offset")
        return When(float((date - day0).days), date)
    if isinstance(raw, bool) or raw is None:
        raise VitasimInputError(field, f"expected a date (YYYY-MM-DD) or a day offset, got {quote(raw)}")
    if isinstance(raw, numbers.Real):
        day = float(raw)
    else:
        day = units.hours(units.parse(raw, field, "-3 week"), field) / _HOURS_PER_DAY
    if not math.isfinite(day) or abs(day) > MAX_OFFSET_DAYS:
        raise VitasimInputError(field, f"{quote(raw)} is more than {MAX_OFFSET_DAYS // 365} years from day 0")
    return When(day)
