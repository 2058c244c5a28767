"""Regimen items: validation and expansion into exact dose times."""
import pytest

from vitasim.errors import VitasimInputError
from vitasim.physiology.vitamin_d.module import SUPPLEMENTS
from vitasim.regimen import DoseItem, dose_events, parse_item, resolve_supplement

NMOL_PER_IU_D3 = 1 / 40 * 1000 / 384.64  # 1 IU = 0.025 ug


def item(**kw):
    raw = {"supplement": "vitamin D3", "dose": "1000 IU"}
    raw.update(kw)
    return parse_item(raw, SUPPLEMENTS, 0)


def test_single_dose():
    it = item()
    assert it.every_h is None
    assert it.times(1000.0) == [0.0]
    assert it.amount == pytest.approx(1000 * NMOL_PER_IU_D3)
    assert it.route == "oral"


def test_single_dose_beyond_horizon():
    assert item(start="10 day").times(24.0 * 5) == []


def test_daily():
    assert item(every="1 day").times(24.0 * 5) == [0.0, 24.0, 48.0, 72.0, 96.0]


def test_daily_horizon_is_exclusive():
    assert item(every="1 day").times(72.0) == [0.0, 24.0, 48.0]


def test_every_12_hours():
    assert item(every="12 h").times(48.0) == [0.0, 12.0, 24.0, 36.0]


def test_weekly_with_stop():
    it = item(dose="50000 IU", every="1 week", stop="8 week")
    assert it.every_h == 168.0 and it.stop_h == 8 * 168.0
    assert it.times(24.0 * 365) == [168.0 * k for k in range(8)]


def test_stop_is_exclusive():
    assert item(every="1 day", stop="3 day").times(1000.0) == [0.0, 24.0, 48.0]


def test_doses_cap():
    assert item(every="1 day", doses=3).times(1000.0) == [0.0, 24.0, 48.0]


def test_missed_doses_are_removed():
    assert item(every="1 day", missed=[2, 4]).times(24.0 * 5) == [0.0, 48.0, 96.0]
    # missed doses still count against `doses`
    assert item(every="1 day", doses=3, missed=[1]).times(1000.0) == [24.0, 48.0]


def test_start_offsets_every_dose():
    assert item(every="1 week", start="2 day").times(24.0 * 21) == [48.0, 48.0 + 168.0, 48.0 + 336.0]
    assert item(start="36 h").times(100.0) == [36.0]


def test_start_with_stop_and_doses():
    it = item(every="1 day", start="1 day", stop="10 day", doses=4)
    assert it.times(1000.0) == [24.0, 48.0, 72.0, 96.0]


def test_no_drift_over_many_doses():
    times = item(every="8 h").times(24.0 * 3650)
    assert len(times) == 3 * 3650
    assert times[-1] == 8.0 * (3 * 3650 - 1)


def test_daily_equivalent():
    assert item(dose="50000 IU", every="1 week").daily_equivalent() == pytest.approx(
        50000 / 7 * NMOL_PER_IU_D3)


def test_dose_events_merge_and_sort():
    a = item(every="1 day")
    b = item(supplement="D2", dose="50000 IU", every="1 week")
    events = dose_events((b, a), 24.0 * 8)
    assert [e.time_h for e in events] == sorted(e.time_h for e in events)
    assert len(events) == 8 + 2
    d2 = [e for e in events if e.supplement == "vitamin_d2"]
    assert [e.time_h for e in d2] == [0.0, 168.0]
    assert all(e.state == "d2_gut" for e in d2)
    assert d2[0].amount == pytest.approx(50000 * 0.025 * 1000 / 396.65)


@pytest.mark.parametrize("every", ["0 day", "0 h", "-1 day", "-12 h"])
def test_zero_or_negative_interval(every):
    with pytest.raises(VitasimInputError) as info:
        item(every=every)
    assert info.value.field == "regimen[0].every"


def test_interval_must_be_a_duration():
    with pytest.raises(VitasimInputError) as info:
        item(every="1 kg")
    assert info.value.field == "regimen[0].every"
    with pytest.raises(VitasimInputError) as info:
        item(every=1)
    assert info.value.field == "regimen[0].every"


def test_stop_before_start():
    with pytest.raises(VitasimInputError) as info:
        item(every="1 day", start="5 day", stop="2 day")
    assert info.value.field == "regimen[0].stop"


@pytest.mark.parametrize("doses", [0, -1, 1.5, True, "3"])
def test_bad_doses(doses):
    with pytest.raises(VitasimInputError) as info:
        item(every="1 day", doses=doses)
    assert info.value.field == "regimen[0].doses"


@pytest.mark.parametrize("missed", [[0], [1.0], "1", [True]])
def test_bad_missed(missed):
    with pytest.raises(VitasimInputError) as info:
        item(every="1 day", missed=missed)
    assert info.value.field == "regimen[0].missed"


@pytest.mark.parametrize("dose", ["0 IU", "-1000 IU"])
def test_non_positive_dose(dose):
    with pytest.raises(VitasimInputError) as info:
        item(dose=dose)
    assert info.value.field == "regimen[0].dose"


def test_missing_dose():
    with pytest.raises(VitasimInputError) as info:
        parse_item({"supplement": "D3"}, SUPPLEMENTS, 2)
    assert info.value.field == "regimen[2].dose"


def test_unknown_supplement_suggests():
    with pytest.raises(VitasimInputError) as info:
        item(supplement="vitamin D33")
    assert info.value.field == "regimen[0].supplement"
    assert "did you mean" in info.value.message
    assert "vitamin d3" in info.value.message


def test_unknown_supplement_lists_known():
    with pytest.raises(VitasimInputError) as info:
        item(supplement="zinc")
    assert "vitamin d3" in info.value.message and "vitamin d2" in info.value.message


@pytest.mark.parametrize("name", [None, "", "   ", 3])
def test_missing_supplement_name(name):
    with pytest.raises(VitasimInputError) as info:
        item(supplement=name)
    assert info.value.field == "regimen[0].supplement"


@pytest.mark.parametrize("name,key", [
    ("D3", "vitamin_d3"), ("d3", "vitamin_d3"), ("cholecalciferol", "vitamin_d3"),
    ("Vitamin-D3", "vitamin_d3"), ("vitamin_d3", "vitamin_d3"), ("  VITAMIN   d3 ", "vitamin_d3"),
    ("colecalciferol", "vitamin_d3"), ("ergocalciferol", "vitamin_d2"), ("Vitamin D2", "vitamin_d2"),
    ("D2", "vitamin_d2"),
])
def test_synonyms_resolve(name, key):
    assert resolve_supplement(name, SUPPLEMENTS, "f").key == key
    assert item(supplement=name).supplement.key == key


def test_ergocalciferol_amount_uses_d2_molar_mass():
    it = item(supplement="ergocalciferol", dose="2000 IU")
    assert it.supplement.state == "d2_gut"
    assert it.amount == pytest.approx(50_000 / 396.65)


def test_dose_limit():
    assert item(dose="600000 IU").amount == pytest.approx(600000 * NMOL_PER_IU_D3)
    with pytest.raises(VitasimInputError) as info:
        item(dose="600001 IU")
    assert info.value.field == "regimen[0].dose"
    assert "600000 IU" in info.value.message
    with pytest.raises(VitasimInputError):
        item(dose="20 mg")  # 800 000 IU


def test_dose_in_mass_units():
    assert item(dose="25 ug").amount == pytest.approx(1000 * NMOL_PER_IU_D3)


@pytest.mark.parametrize("dose", ["1000", 1000, "1000 kg/L", "two pills"])
def test_bad_dose(dose):
    with pytest.raises(VitasimInputError) as info:
        item(dose=dose)
    assert info.value.field == "regimen[0].dose"


def test_route():
    assert item(route="Oral").route == "oral"
    with pytest.raises(VitasimInputError) as info:
        item(route="intramuscular")
    assert info.value.field == "regimen[0].route"
    assert "oral" in info.value.message


def test_unknown_field():
    with pytest.raises(VitasimInputError) as info:
        item(frequency="daily")
    assert info.value.field == "regimen[0].frequency"


def test_item_must_be_mapping():
    with pytest.raises(VitasimInputError) as info:
        parse_item("D3 1000 IU", SUPPLEMENTS, 4)
    assert info.value.field == "regimen[4]"


def test_item_is_a_doseitem():
    assert isinstance(item(), DoseItem)


# ---- dates against day 0, and back to plain data ---------------------------------------------
import datetime as dt

DAY0 = dt.date(2026, 1, 10)


def dated(**kw):
    raw = {"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"}
    raw.update(kw)
    return parse_item(raw, SUPPLEMENTS, 0, DAY0)


def test_start_and_stop_as_dates():
    it = dated(start="2026-01-12", stop=dt.date(2026, 1, 15))
    assert (it.start_h, it.stop_h) == (48.0, 120.0)
    assert (it.start_date, it.stop_date) == (dt.date(2026, 1, 12), dt.date(2026, 1, 15))
    assert it.times(1000.0) == [48.0, 72.0, 96.0]
    assert dated(start="2026-01-10").start_h == 0.0


def test_dates_and_durations_mix():
    assert dated(start="2026-01-12", stop="5 day").stop_h == 120.0


@pytest.mark.parametrize("kw, field", [
    ({"start": "2026-01-09"}, "regimen[0].start"),          # before day 0: not simulated
    ({"stop": "2026-01-10"}, "regimen[0].stop"),            # a stop on day 0 leaves nothing
    ({"start": "2026-01-20", "stop": "2026-01-15"}, "regimen[0].stop"),
])
def test_bad_dates(kw, field):
    with pytest.raises(VitasimInputError) as info:
        dated(**kw)
    assert info.value.field == field


def test_a_date_needs_day_0():
    with pytest.raises(VitasimInputError) as info:
        item(start="2026-01-12")
    assert info.value.field == "regimen[0].start" and "day 0" in info.value.message


@pytest.mark.parametrize("kw", [
    {}, {"every": "1 week", "stop": "8 week", "doses": 5, "missed": [3, 1]}, {"start": "36 h", "every": "8 h"},
    {"start": "2026-02-01", "stop": "2026-03-01", "every": "1 day"}, {"supplement": "D2", "dose": "50000 IU"},
])
def test_as_plain_round_trips(kw):
    raw = {"supplement": "vitamin D3", "dose": "1000 IU"}
    raw.update(kw)
    it = parse_item(raw, SUPPLEMENTS, 0, DAY0)
    assert parse_item(it.as_plain(), SUPPLEMENTS, 0, DAY0) == it


@pytest.mark.parametrize("hours, text", [(24.0, "1 day"), (168.0, "1 week"), (1344.0, "8 week"), (36.0, "36 h"),
                                         (0.0, "0 h"), (72.0, "3 day"), (0.5, "0.5 h"), (1 / 3, f"{1 / 3!r} h")])
def test_duration_text_reads_back_exactly(hours, text):
    from vitasim.regimen import _duration, duration_text
    assert duration_text(hours) == text
    assert _duration(text, "f", allow_zero=True) == hours
