"""Day 0, dates and day offsets."""
import datetime as dt

import pytest

from vitasim.errors import VitasimInputError
from vitasim.timeline import When, parse_date, when

DAY0 = dt.date(2026, 1, 10)


def test_dates_become_day_offsets():
    assert when("2026-01-10", "f", DAY0) == When(0.0, DAY0)
    assert when(dt.date(2026, 4, 12), "f", DAY0).day == 92.0           # 21 + 28 + 31 + 12
    assert when("2025-12-31", "f", DAY0).day == -10.0


def test_offsets_as_numbers_or_durations():
    assert when(-30, "f", None) == When(-30.0)
    assert when("-2 week", "f", None) == When(-14.0)
    assert when("36 h", "f", DAY0) == When(1.5)


def test_date_without_day0_is_an_error_naming_the_field():
    with pytest.raises(VitasimInputError) as info:
        when("2026-01-10", "labs.25ohd[0].date", None)
    assert info.value.field == "labs.25ohd[0].date" and "start" in info.value.message


@pytest.mark.parametrize("raw", [True, None, float("nan"), "soon", "3 kg"])
def test_bad_moments(raw):
    with pytest.raises(VitasimInputError):
        when(raw, "f", DAY0)


@pytest.mark.parametrize("raw", ["2026-13-01", "10/01/2026", 20260110])
def test_bad_dates(raw):
    with pytest.raises(VitasimInputError) as info:
        parse_date(raw, "start")
    assert info.value.field == "start"


def test_as_plain_prefers_the_date():
    assert When(3.0, dt.date(2026, 1, 13)).as_plain() == "2026-01-13"
    assert When(-3.0).as_plain() == -3.0
