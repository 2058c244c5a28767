"""The stored record: a person round-trips to an equal profile; several people; runs kept."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from vitasim.errors import VitasimInputError
from vitasim.profile import profile_from_dict
from vitasim.store import (add_lab, get_person, list_people, open_store, profile_dict, profile_for_run,
                           record_run, save_profile)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'rec.sqlite3'}")
    yield s
    s.close()


def _example(name: str) -> dict:
    return yaml.safe_load((ROOT / "examples" / name).read_text())


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "examples").glob("*.yaml")))
def test_every_example_profile_round_trips_through_the_store(store, name):
    data = _example(name)
    with store.session() as s:
        pid = save_profile(s, data).id
    with store.session() as s:
        back = profile_dict(get_person(s, pid))
    assert profile_from_dict(back) == profile_from_dict(data)


def test_dated_history_is_kept_with_dates_and_sources(store):
    with store.session() as s:
        pid = save_profile(s, _example("dated_history.yaml")).id
    with store.session() as s:
        person = get_person(s, pid)
        d = [(lab.lab, lab.value, lab.unit, lab.taken_on, lab.source) for lab in person.labs if lab.lab == "25ohd"]
        assert d == [("25ohd", 14.0, "ng/mL", dt.date(2025, 10, 2), "GP"),
                     ("25ohd", 17.0, "ng/mL", dt.date(2026, 1, 6), "GP"),
                     ("25ohd", 29.0, "ng/mL", dt.date(2026, 4, 14), "clinic")]
        assert person.medicines[0].name == "hydrochlorothiazide" and person.medicines[0].since == "2023-05-01"
        assert person.regimen[0].start == "2026-01-10"


def test_several_people_are_kept_apart_and_listed_by_name(store):
    with store.session() as s:
        save_profile(s, {"name": "Mum", "person": {"age": 81, "sex": "female"}, "labs": {"25ohd": "12 ng/mL"}})
        save_profile(s, {"name": "Dad", "person": {"age": 84, "sex": "male"}, "labs": {"b12": "180 pmol/L"}})
    with store.session() as s:
        people = list_people(s)
        assert [p.name for p in people] == ["Dad", "Mum"]
        assert [lab.lab for lab in people[0].labs] == ["b12"] and [lab.lab for lab in people[1].labs] == ["25ohd"]


def test_bad_input_is_refused_with_the_field_and_nothing_is_saved(store):
    with pytest.raises(VitasimInputError) as err:
        with store.session() as s:
            save_profile(s, {"name": "x", "person": {"age": 72}})
            save_profile(s, {"name": "y", "labs": {"25ohd": "16 furlongs"}})
    assert err.value.field == "labs.25ohd"
    with store.session() as s:
        assert list_people(s) == []   # the first save rolled back with the second


def test_add_lab_validates_and_gives_a_calendar_from_the_first_date(store):
    with store.session() as s:
        pid = save_profile(s, {"name": "A", "person": {"age": 70, "sex": "female"}}).id
        add_lab(s, pid, "vitamin D", "18 ng/mL", date=dt.date(2026, 2, 1), source="GP")
        with pytest.raises(VitasimInputError):
            add_lab(s, pid, "25ohd", "900 ng/mL", date=dt.date(2026, 3, 1))
    with store.session() as s:
        p = get_person(s, pid)
        assert p.start == dt.date(2026, 2, 1) and len(p.labs) == 1 and p.labs[0].lab == "25ohd"
        assert profile_from_dict(profile_dict(p)).labs["25ohd"] == pytest.approx(18 * 2.496, rel=1e-3)


def test_profile_for_run_keeps_the_current_regimen_and_leaves_history_out(store):
    data = {"name": "B", "start": "2026-03-01", "person": {"age": 75},
            "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day", "start": "2026-03-01",
                         "stop": "2026-04-01"}]}
    with store.session() as s:
        pid = save_profile(s, data).id
        person = get_person(s, pid)
        run, notes = profile_for_run(person, dt.date(2026, 5, 1))    # today: the line is history
        assert run["regimen"] == [] and "history" in notes[-1] and run["start"] == "2026-05-01"
        run, notes = profile_for_run(person, dt.date(2026, 3, 15))   # today: taken now, from day 0
        assert run["regimen"][0].get("start") is None and "from day 0" in notes[-1]
    assert profile_from_dict(run).regimen[0].start_h == 0


def test_a_run_is_recorded_with_inputs_outputs_and_model_version(store):
    with store.session() as s:
        pid = save_profile(s, {"name": "C", "person": {"age": 70}}).id
        record_run(s, pid, "check", {"population": 20, "seed": 0},
                   {"contract": "vitasim.plan/1", "provenance": {"vitasim_version": "0.2.0", "model": "m@abc"}})
    with store.session() as s:
        run = get_person(s, pid).runs[0]
        assert (run.kind, run.inputs["population"], run.outputs["contract"], run.model_version) == \
               ("check", 20, "vitasim.plan/1", "m@abc")
