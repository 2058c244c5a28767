"""CSV and FHIR lab import: mapped by LOINC through the catalogue, problems by line, nothing guessed."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from vitasim import labs
from vitasim.errors import VitasimInputError
from vitasim.labimport import lab_for_loinc, read_csv, read_fhir, save
from vitasim.profile import profile_from_dict
from vitasim.store import get_person, open_store, profile_dict, save_profile

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("code, key", [
    ("62292-8", "25ohd"), ("1989-3", "25ohd"), ("14635-7", "25ohd"), ("2132-9", "b12"), ("13964-2", "mma"),
    ("19123-9", "mg"), ("2601-3", "mg"), ("6301-6", "inr"), ("34714-6", "inr"), ("46418-0", "inr"),
    ("38875-1", "inr"), ("17861-6", "serum_calcium"), ("2000-8", "serum_calcium"), ("2777-1", "phosphate"),
    ("2731-8", "pth"), ("2160-0", "creatinine")])
def test_the_issue_s_loinc_codes_map_through_the_catalogue(code, key):
    assert lab_for_loinc(code).key == key


def test_no_loinc_code_belongs_to_two_labs():
    codes = [c for lab in labs.CATALOGUE for c in lab.loinc]
    assert len(codes) == len(set(codes))


CSV = """date,loinc,name,value,unit,source
2026-01-02,62292-8,,16,ng/mL,GP
2026-01-03,14635-7,,40,nmol/L,
2026-01-03,2093-3,cholesterol,5,mmol/L,
2026-01-04,2132-9,,300,parsecs per fortnight,
2026-01-04,6301-6,,2.4,,
,19123-9,,2.1,mg/dL,
2026-01-04,,magnesium,0.8,mmol/L,lab
2026-01-05,,vitamin q,1,mmol/L,
2026-01-05,62292-8,,16,,
"""


def test_csv_results_and_problems_by_line():
    r = read_csv(CSV)
    assert [(x.line, x.lab, x.value) for x in r.results] == [
        (2, "25ohd", "16 ng/mL"), (3, "25ohd", "40 nmol/L"), (6, "inr", 2.4), (8, "mg", "0.8 mmol/L")]
    assert r.results[0].source == "GP" and r.results[1].source == "CSV import"
    assert r.results[0].date == dt.date(2026, 1, 2)
    problems = {p.line: (p.kind, p.message) for p in r.problems}
    assert problems[4][0] == "skipped" and "2093-3" in problems[4][1]
    assert problems[5][0] == "error" and problems[5][1].startswith("unit:")      # unknown unit: not guessed
    assert problems[7] == ("error", "date: the date is missing (YYYY-MM-DD)")
    assert problems[9][0] == "skipped" and "vitamin q" in problems[9][1]
    assert problems[10] == ("error", "unit: the unit is missing; 25ohd needs one (e.g. nmol/L)")
    assert not r.ok


def test_csv_with_semicolons_and_decimal_commas_and_a_bad_header():
    r = read_csv("Date;Name;Value;Unit\n2026-02-01;B12;210,5;pmol/L\n")
    assert r.ok and r.results[0].value == "210.5 pmol/L"
    bad = read_csv("when,what\n2026-01-01,x\n")
    assert bad.problems[0].line == 1 and "header lacks" in bad.problems[0].message


def test_implausible_value_is_an_error_on_its_line():
    r = read_csv("date,loinc,value,unit\n2026-01-01,62292-8,16,nmol/mL\n")   # a unit slip: 1000x
    assert r.errors[0].line == 2 and "not a plausible value" in r.errors[0].message


def test_fhir_bundle():
    text = (DATA / "bundle.json").read_text()
    r = read_fhir(text)
    assert [(x.lab, x.value, x.date, x.source) for x in r.results] == [
        ("25ohd", "38 nmol/L", dt.date(2026, 1, 5), "City Lab"), ("inr", 2.6, dt.date(2026, 1, 6), "FHIR import"),
        ("mg", "2 mg/dL", dt.date(2026, 1, 7), "FHIR import")]
    skipped = {p.where: (p.line, p.message) for p in r.skipped}
    lines = text.splitlines()
    chol = skipped["entry 3, id chol"]
    assert '"resourceType": "Observation"' in lines[chol[0] - 1] and '"chol"' in lines[chol[0]]
    assert skipped["entry 4, id mg-old"][1] == "status entered-in-error"
    assert r.ok


def test_fhir_single_observation_with_an_unknown_unit_is_an_error():
    obs = {"resourceType": "Observation", "status": "final", "effectiveDateTime": "2026-01-01",
           "code": {"coding": [{"system": "http://loinc.org", "code": "2132-9"}]},
           "valueQuantity": {"value": 250, "unit": "zorkmids/L", "code": "zorkmids/L",
                             "system": "http://unitsofmeasure.org"}}
    r = read_fhir(json.dumps(obs, indent=1))
    assert not r.ok and r.errors[0].line == 2 and "valueQuantity.unit" in r.errors[0].message


def test_fhir_rejects_what_is_not_fhir():
    assert read_fhir("{not json").errors[0].message.startswith("not valid JSON")
    assert "expected a FHIR Bundle" in read_fhir('{"resourceType": "Patient"}').errors[0].message
    bad = read_fhir(json.dumps({"resourceType": "Observation", "status": "final", "code": 5}))
    assert "not a valid FHIR Observation" in bad.errors[0].message


def test_saving_an_import_adds_dated_results_to_a_stored_person(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    with store.session() as s:
        pid = save_profile(s, {"name": "Mum", "person": {"age": 80, "sex": "female"}}).id
        save(s, pid, read_fhir((DATA / "bundle.json").read_text()))
        with pytest.raises(VitasimInputError):
            save(s, pid, read_csv(CSV))   # has errors: refused
    with store.session() as s:
        p = profile_from_dict(profile_dict(get_person(s, pid)))
        assert set(p.lab_history) == {"25ohd", "inr", "mg"}
        assert p.lab_history["25ohd"][0].source == "City Lab"
        assert p.lab_history["mg"][0].value == pytest.approx(2.0 / 2.4305, rel=1e-3)   # mg/dL -> mmol/L
    store.close()
