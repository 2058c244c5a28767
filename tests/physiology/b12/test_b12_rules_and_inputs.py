"""B12 rules (table-driven, named after the codes) and bad-input handling."""
from __future__ import annotations

import numpy as np
import pytest

import vitasim
from vitasim.physiology.b12 import rules as r
from vitasim.solution import Solution
from vitasim.simulate import default_system


def _ctx(profile: dict, final_probability: float | None = None) -> Solution:
    prof = vitasim.load_profile(profile)
    per = {} if final_probability is None else {"b12_deficiency_probability": np.array([[10.0, final_probability]])}
    return Solution.from_values(prof, default_system(), 30.0, np.array([0.0, 30.0]), per, ())


B12 = {"supplement": "B12", "dose": "1000 ug", "every": "1 day"}


@pytest.mark.parametrize("profile, expected", [
    ({"regimen": [B12]}, "info"),
    ({"regimen": []}, None),
])
def test_B12_NO_UL(profile, expected):
    found = r.no_upper_limit(_ctx(profile))
    assert (found[0].severity if found else None) == expected
    if found:
        assert found[0].code == "B12_NO_UL" and "iom1998" in found[0].refs


@pytest.mark.parametrize("profile, expected", [
    ({"medications": ["Nexium"]}, "caution"),
    ({"medications": ["pepcid"]}, "caution"),
    ({"medications": ["Glucophage"]}, "caution"),
    ({"conditions": ["atrophic gastritis"]}, "caution"),
    ({"person": {"age": 60}, "regimen": [B12]}, "caution"),
    ({"person": {"age": 60}}, None),          # age alone, B12 not in play
    ({"person": {"age": 40}, "regimen": [B12]}, None),
])
def test_B12_ABSORPTION_RISK(profile, expected):
    found = r.absorption_risk(_ctx(profile))
    assert (found[0].severity if found else None) == expected
    if found:
        assert found[0].code == "B12_ABSORPTION_RISK" and found[0].refs


@pytest.mark.parametrize("regimen, expected", [
    ([], "danger"),
    ([{"supplement": "B12", "dose": "100 ug", "every": "1 day"}], "danger"),
    ([{"supplement": "B12", "dose": "1000 ug", "every": "1 day"}], "caution"),
    ([{"supplement": "methylcobalamin", "dose": "2000 ug", "every": "1 day", "route": "sublingual"}], "caution"),
    ([{"supplement": "hydroxocobalamin", "dose": "1000 ug", "every": "12 week", "route": "intramuscular"}],
     "caution"),
])
def test_B12_PERNICIOUS_ANAEMIA(regimen, expected):
    found = r.pernicious_anaemia(_ctx({"conditions": ["pernicious anemia"], "regimen": regimen}))
    assert found and found[0].code == "B12_PERNICIOUS_ANAEMIA" and found[0].severity == expected
    assert "kuzminski1998" in found[0].refs
    assert r.pernicious_anaemia(_ctx({"regimen": regimen})) == []


@pytest.mark.parametrize("condition", ["tingling feet", "numbness", "peripheral neuropathy", "pins and needles"])
def test_B12_NEUROLOGICAL_SYMPTOMS(condition):
    found = r.neurological_symptoms(_ctx({"conditions": [condition]}))
    assert found and found[0].code == "B12_NEUROLOGICAL_SYMPTOMS" and found[0].severity == "caution"
    assert r.neurological_symptoms(_ctx({})) == []


@pytest.mark.parametrize("final, expected", [(80.0, "caution"), (50.0, None), (5.0, None)])
def test_B12_PREDICTED_DEFICIENT(final, expected):
    found = r.predicted_deficient(_ctx({"regimen": [B12]}, final))
    assert (found[0].severity if found else None) == expected


def test_B12_FORM_NOTE_names_cyanocobalamin_and_equivalence():
    found = r.form_note(_ctx({"regimen": [B12]}))
    assert found[0].code == "B12_FORM_NOTE" and "cyanocobalamin" in found[0].message
    assert "paul2017" in found[0].refs


def test_synonyms_resolve_to_forms():
    prof = vitasim.load_profile({"regimen": [
        {"supplement": "Vitamin B12", "dose": "1 mg"}, {"supplement": "mecobalamin", "dose": "1 mg"},
        {"supplement": "hydroxycobalamin", "dose": "1 mg"}, {"supplement": "dibencozide", "dose": "1 mg"},
        {"supplement": "cobamamide", "dose": "1 mg"}, {"supplement": "cobalamin", "dose": "1 mg"}]})
    assert [it.supplement.key for it in prof.regimen] == [
        "cyanocobalamin", "methylcobalamin", "hydroxocobalamin", "adenosylcobalamin", "adenosylcobalamin",
        "cyanocobalamin"]
    assert prof.regimen[0].amount == pytest.approx(1000 / 1.35537, rel=1e-4)  # nmol


@pytest.mark.parametrize("item, field", [
    ({"supplement": "methylcobalamin", "dose": "1000 ug", "route": "intramuscular"}, "regimen[0].route"),
    ({"supplement": "adenosylcobalamin", "dose": "1000 ug", "route": "intramuscular"}, "regimen[0].route"),
    ({"supplement": "B12", "dose": "-5 ug"}, "regimen[0].dose"),
    ({"supplement": "B12", "dose": "50 mg"}, "regimen[0].dose"),
    ({"supplement": "methylcobalamine forte", "dose": "5 ug"}, "regimen[0].supplement"),
])
def test_bad_b12_input_names_the_field(item, field):
    with pytest.raises(vitasim.VitasimInputError) as info:
        vitasim.load_profile({"regimen": [item]})
    assert info.value.field == field
    assert "\n" not in str(info.value)


def test_lab_units_and_medication_classes():
    prof = vitasim.load_profile({"labs": {"b12": "210 pg/mL", "mma": "0.4 umol/L"},
                                 "medications": ["Prilosec", "famotidine", "metformin"],
                                 "conditions": ["PA", "vegan"]})
    assert prof.labs["b12"] == pytest.approx(210 / 1.35537, rel=1e-4)
    assert prof.labs["mma"] == pytest.approx(400.0)
    assert {"ppi", "h2_blocker", "metformin"} <= prof.medication_classes
    assert {"pernicious_anaemia", "vegan"} <= set(prof.conditions)


def _baseline(profile: dict) -> float:
    res = vitasim.simulate(profile, days=1, quantities=["b12_serum"])
    return float(res.data["b12_serum"].values[0])


def test_measured_b12_is_the_starting_value_and_steady():
    res = vitasim.simulate({"person": {"age": 70}, "labs": {"b12": "300 pg/mL"}}, days=60,
                           quantities=["b12_serum"], output_every_days=30)
    assert res.data["b12_serum"].values == pytest.approx([300.0, 300.0, 300.0], rel=1e-4)


def test_without_lab_medicines_and_diet_lower_the_steady_state():
    ref = _baseline({"person": {"age": 45, "sex": "male"}})
    assert ref * 0.738 == pytest.approx(281.0, rel=0.01)  # Gilsing 2010 omnivores (calibration target)
    assert _baseline({"person": {"age": 45, "sex": "male"}, "medications": ["metformin"]}) < 0.85 * ref
    assert _baseline({"person": {"age": 45, "sex": "male"}, "medications": ["omeprazole"]}) < ref
    assert _baseline({"person": {"age": 45, "sex": "male"}, "conditions": ["vegan"]}) == pytest.approx(0.43 * ref,
                                                                                                      rel=0.02)


def test_holotc_and_mma_labs_set_the_baseline_when_b12_is_missing():
    tc = vitasim.simulate({"labs": {"holotc": "50 pmol/L"}}, days=1, quantities=["b12_serum", "holotc"])
    assert float(tc.data["holotc"].values[0]) == pytest.approx(50.0, rel=1e-3)
    mma = vitasim.simulate({"labs": {"mma": "600 nmol/L"}}, days=1, quantities=["mma"])
    assert float(mma.data["mma"].values[0]) == pytest.approx(600.0, rel=1e-3)
    both = vitasim.simulate({"labs": {"b12": "400 pmol/L", "mma": "300 nmol/L"}}, days=1, quantities=["mma"])
    assert float(both.data["mma"].values[0]) == pytest.approx(300.0, rel=1e-3)
