"""Magnesium rules, table-driven: each row is a profile and the finding (code, severity) it must
(or must not) give.  Serum-based rules are tested with synthetic per-person values."""
from __future__ import annotations

import numpy as np
import pytest

import vitasim
from vitasim.physiology.magnesium import rules as R
from vitasim.rules import run_rules
from vitasim.solution import Solution
from vitasim.simulate import default_system


def ctx(profile: dict, per_person=None, days=30, defaulted=()):
    p = vitasim.load_profile(profile)
    return Solution.from_values(p, default_system(), days, np.arange(days + 1.0), per_person or {}, tuple(defaulted))


def person(**kw):
    return {"age": 75, "weight": "70 kg", **kw}


def mg(dose, form="magnesium citrate", every="1 day", **extra):
    return {"supplement": form, "dose": dose, "every": every, **extra}


def found(c, rule) -> dict:
    return {f.code: f.severity for f in run_rules([rule], c)}


CASES = [
    # (rule, profile, code, expected severity or None)
    ("MG_ABOVE_UL", R.above_ul, {"person": person(), "regimen": [mg("400 mg")]}, "danger"),
    ("MG_ABOVE_UL", R.above_ul, {"person": person(), "regimen": [mg("350 mg")]}, None),
    ("MG_ABOVE_UL", R.above_ul, {"person": person(), "regimen": [mg("200 mg", every="12 hour")]}, "danger"),
    ("MG_ABOVE_UL", R.above_ul, {"person": person(), "regimen": [mg("600 mg", every="2 day")]}, "danger"),
    ("MG_ABOVE_UL", R.above_ul, {"person": person(), "regimen": [mg("250 mg", "magnesium oxide"),
                                                                 mg("150 mg", "magnesium glycinate")]}, "danger"),
    ("MG_KIDNEY_DISEASE", R.kidney_disease, {"person": person(egfr=25), "regimen": [mg("100 mg")]}, "danger"),
    ("MG_KIDNEY_DISEASE", R.kidney_disease, {"person": person(), "conditions": ["ckd stage 4"],
                                             "regimen": [mg("100 mg")]}, "danger"),
    ("MG_KIDNEY_DISEASE", R.kidney_disease, {"person": person(egfr=45), "regimen": [mg("100 mg")]}, "caution"),
    ("MG_KIDNEY_DISEASE", R.kidney_disease, {"person": person(), "conditions": ["chronic kidney disease"],
                                             "regimen": [mg("100 mg")]}, "caution"),
    ("MG_KIDNEY_DISEASE", R.kidney_disease, {"person": person(egfr=25)}, None),
    ("MG_KIDNEY_DISEASE", R.kidney_disease, {"person": person(egfr=75), "regimen": [mg("100 mg")]}, None),
    ("MG_CRAMPS_EVIDENCE", R.cramps_evidence, {"person": person(), "conditions": ["night cramps"]}, "info"),
    ("MG_CRAMPS_EVIDENCE", R.cramps_evidence, {"person": person(), "regimen": [mg("100 mg")]}, "info"),
    ("MG_CRAMPS_EVIDENCE", R.cramps_evidence, {"person": person()}, None),
    ("MG_SEPARATE_DOSING", R.separate_dosing, {"person": person(), "medications": ["doxycycline"],
                                               "regimen": [mg("100 mg")]}, "caution"),
    ("MG_SEPARATE_DOSING", R.separate_dosing, {"person": person(), "medications": ["Fosamax"],
                                               "regimen": [mg("100 mg")]}, "caution"),
    ("MG_SEPARATE_DOSING", R.separate_dosing, {"person": person(), "medications": ["levothyroxine"],
                                               "regimen": [mg("100 mg")]}, "caution"),
    ("MG_SEPARATE_DOSING", R.separate_dosing, {"person": person(), "medications": ["cipro"],
                                               "regimen": [mg("100 mg")]}, "caution"),
    ("MG_SEPARATE_DOSING", R.separate_dosing, {"person": person(), "medications": ["doxycycline"]}, None),
    ("MG_PPI_DIURETIC", R.ppi_diuretic, {"person": person(), "medications": ["Nexium"]}, "caution"),
    ("MG_PPI_DIURETIC", R.ppi_diuretic, {"person": person(), "medications": ["furosemide"]}, "caution"),
    ("MG_PPI_DIURETIC", R.ppi_diuretic, {"person": person(), "medications": ["HCTZ"]}, "caution"),
    ("MG_PPI_DIURETIC", R.ppi_diuretic, {"person": person(), "medications": ["doxycycline"]}, None),
    ("MG_OXIDE_LAXATIVE", R.oxide_laxative, {"person": person(), "regimen": [mg("400 mg", "MgO")]}, "info"),
    ("MG_OXIDE_LAXATIVE", R.oxide_laxative, {"person": person(), "regimen": [mg("400 mg")]}, None),
]


@pytest.mark.parametrize("code,rule,profile,severity", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_table(code, rule, profile, severity):
    got = found(ctx(profile), rule)
    assert got.get(code) == severity, got


def serum(values):
    return {"mg_serum": np.array(values, dtype=float)}


@pytest.mark.parametrize("values,severity", [
    ([[0.85, 0.9, 0.95]], None),
    ([[0.85, 1.2, 1.3]], "caution"),
    ([[0.85, 0.65, 0.6]], "caution"),
    ([[0.9, 1.6, 2.3]], "danger"),
    ([[0.9, 1.0, 1.0]] * 18 + [[0.9, 2.2, 2.5]] * 2, "caution"),   # 10 % of a population above 2 mmol/L
])
def test_MG_SERUM_OUT_OF_RANGE(values, severity):
    c = ctx({"person": person()}, per_person=serum(values))
    assert found(c, R.serum_out_of_range).get("MG_SERUM_OUT_OF_RANGE") == severity


def test_MG_BASELINE_ASSUMED_only_without_a_measured_serum_mg():
    c = ctx({"person": person(), "regimen": [mg("100 mg")]}, defaulted=("mg_serum0",))
    assert found(c, R.baseline_assumed) == {"MG_BASELINE_ASSUMED": "info"}
    c = ctx({"person": person(), "labs": {"magnesium": "2.0 mg/dL"}, "regimen": [mg("100 mg")]})
    assert found(c, R.baseline_assumed) == {}


def test_every_rule_cites_known_references():
    from vitasim.refs import references
    c = ctx({"person": person(egfr=20), "medications": ["omeprazole", "doxycycline"],
             "conditions": ["leg cramps"], "regimen": [mg("500 mg", "magnesium oxide")]},
            per_person=serum([[0.9, 2.5]]), defaulted=("mg_serum0",))
    out = run_rules(R.RULES, c)
    assert {f.code for f in out} == {"MG_ABOVE_UL", "MG_KIDNEY_DISEASE", "MG_CRAMPS_EVIDENCE", "MG_SEPARATE_DOSING",
                                     "MG_PPI_DIURETIC", "MG_SERUM_OUT_OF_RANGE", "MG_OXIDE_LAXATIVE",
                                     "MG_BASELINE_ASSUMED"}
    refs = references()
    for f in out:
        assert f.refs and all(r in refs for r in f.refs), f.code


@pytest.mark.parametrize("entry,field", [
    ({"supplement": "magnesium carbonate", "dose": "100 mg"}, "regimen[0].supplement"),
    ({"supplement": "magnesium citrate", "dose": "50 g"}, "regimen[0].dose"),
    ({"supplement": "magnesium citrate", "dose": "-5 mg"}, "regimen[0].dose"),
])
def test_bad_magnesium_input_names_the_field(entry, field):
    with pytest.raises(vitasim.VitasimInputError) as info:
        vitasim.load_profile({"person": person(), "regimen": [entry]})
    assert info.value.field == field


@pytest.mark.parametrize("lab,value", [({"mg": "0.1 mg/dL"}, None), ({"mg": "0.2 ng/mL"}, None)])
def test_impossible_serum_mg_is_rejected(lab, value):
    with pytest.raises(vitasim.VitasimInputError) as info:
        vitasim.load_profile({"person": person(), "labs": lab})
    assert info.value.field == "labs.mg"


def test_lab_units_and_synonyms_agree():
    a = vitasim.load_profile({"person": person(), "labs": {"mg": "2.0 mg/dL"}})
    b = vitasim.load_profile({"person": person(), "labs": {"serum magnesium": "0.8229 mmol/L"}})
    assert a.labs["mg"] == pytest.approx(b.labs["mg"], rel=1e-3)
    assert a.labs["mg"] == pytest.approx(2.0 * 10 / 24.305, rel=1e-6)   # 1 mg/dL = 0.4114 mmol/L
