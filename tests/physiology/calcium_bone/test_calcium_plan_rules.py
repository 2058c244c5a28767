"""Calcium in the planner: intake from the listed diet and supplements against the IOM 2011
reference intakes, food first, the salt with acid suppressants, and the calcium rules."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import vitasim
from vitasim.physiology.calcium_bone import intake, plan, rules

MILK = {"food": "Milk, reduced fat (2%)", "amount": "250 g", "per": "1 day"}


def _profile(**kw):
    data = {"person": {"age": kw.pop("age", 70), "sex": kw.pop("sex", "female"), "weight": "70 kg"}}
    if "egfr" in kw:
        data["person"]["egfr"] = kw.pop("egfr")
    data.update(kw)
    return vitasim.load_profile(data)


@pytest.mark.parametrize("age,sex,rda,ul", [(30, "female", 1000, 2500), (55, "female", 1200, 2000),
                                            (60, "male", 1000, 2000), (75, "male", 1200, 2000),
                                            (45, "male", 1000, 2500)])
def test_reference_intakes_are_iom_2011(age, sex, rda, ul):
    p = _profile(age=age, sex=sex)
    assert intake.rda_mg(p) == rda and intake.ul_mg(p) == ul


def test_diet_intake_is_the_usda_value_times_the_amount():
    p = _profile(diet=[MILK])
    assert intake.diet_mg_per_day(p) == pytest.approx(126.0 * 2.5)      # 126 mg/100 g in the USDA extract
    assert intake.diet_mg_per_day(_profile()) is None                   # no diet: unknown, never assumed


def test_supplement_intake_is_elemental_mg_per_day():
    p = _profile(regimen=[{"supplement": "calcium carbonate", "dose": "500 mg", "every": "1 day"},
                          {"supplement": "calcium", "dose": "1400 mg", "every": "1 week"}])
    assert intake.supplement_mg_per_day(p.regimen) == pytest.approx(700.0, rel=1e-6)


def test_low_intake_advises_food_first_with_amounts():
    p = _profile(diet=[MILK])
    (advice,) = [a for a in plan.monitoring(p, p.regimen) if a.code == "CA_INTAKE_LOW"]
    assert "Food first" in advice.message and "yogurt" in advice.message and "1,200 mg/day" in advice.message
    assert advice.summary.startswith("Calcium: about 315 mg/day") and "iom2011" in advice.refs


def test_unknown_diet_with_a_supplement_says_so():
    p = _profile(regimen=[{"supplement": "calcium", "dose": "500 mg", "every": "1 day"}])
    codes = {a.code for a in plan.monitoring(p, p.regimen)}
    assert "CA_INTAKE_UNKNOWN" in codes and "CA_INTAKE_LOW" not in codes


def test_citrate_advice_names_only_the_acid_suppressant():
    p = _profile(medications=["omeprazole", "warfarin"],
                 regimen=[{"supplement": "calcium", "dose": "500 mg", "every": "1 day"}])
    (advice,) = [a for a in plan.monitoring(p, p.regimen) if a.code == "CA_CITRATE_WITH_ACID_SUPPRESSANT"]
    assert "omeprazole" in advice.message and "warfarin" not in advice.message and "citrate" in advice.message
    assert not [a for a in plan.monitoring(_profile(medications=["omeprazole"]), ())
                if a.code == "CA_CITRATE_WITH_ACID_SUPPRESSANT"]


def _ctx(p):
    return SimpleNamespace(profile=p, per_person={}, days=30.0, defaulted=())


def test_intake_above_the_upper_limit_is_a_danger_with_the_figures():
    p = _profile(diet=[MILK], regimen=[{"supplement": "calcium", "dose": "1800 mg", "every": "1 day"}])
    (f,) = rules.intake_above_ul(_ctx(p))
    assert f.severity == "danger" and "2,000 mg/day" in f.message and "2,120" in f.message
    ok = _profile(diet=[MILK], regimen=[{"supplement": "calcium", "dose": "1500 mg", "every": "1 day"}])
    assert rules.intake_above_ul(_ctx(ok)) == []
    young = _profile(age=40, diet=[MILK], regimen=[{"supplement": "calcium", "dose": "1800 mg", "every": "1 day"}])
    assert rules.intake_above_ul(_ctx(young)) == []       # 2500 mg/day below 51


def test_kidney_stones_with_a_calcium_supplement():
    p = _profile(conditions=["kidney stones"], regimen=[{"supplement": "calcium", "dose": "500 mg", "every": "1 day"}])
    (f,) = rules.supplement_kidney_stones(_ctx(p))
    assert f.severity == "caution" and "jackson2006" in f.refs
    assert rules.supplement_kidney_stones(_ctx(_profile(conditions=["kidney stones"]))) == []


@pytest.mark.parametrize("egfr,fires", [(25, True), (45, False)])
def test_vitamin_d_in_advanced_kidney_disease(egfr, fires):
    p = _profile(egfr=egfr, regimen=[{"supplement": "vitamin D3", "dose": "800 IU", "every": "1 day"}])
    found = rules.vitd_advanced_ckd(_ctx(p))
    assert bool(found) == fires
    if fires:
        assert "eGFR 25" in found[0].message and "kdigo2017" in found[0].refs and "calcium" not in found[0].action[:20]


def test_every_cited_key_exists():
    from vitasim.refs import references
    cited = {"iom2011", "usda_fdc", "ods_calcium", "uab_calcium_tips", "jackson2006", "kdigo2017"}
    assert cited <= set(references())


def test_the_plan_reports_calcium_intake_against_its_reference_intakes(capsys):
    data = {"person": {"age": 70, "sex": "female", "weight": "70 kg"}, "labs": {"25ohd": "30 ng/mL"}, "diet": [MILK]}
    result = vitasim.check(data, population=20, seed=1)
    (ca,) = result.to_dict()["intakes"]
    assert ca == {"nutrient": "calcium", "unit": "mg/day", "from_diet": 315, "from_supplements": 0, "total": 315,
                  "recommended": 1200, "upper_limit": 2000, "status": "below recommended", "refs": ["iom2011", "usda_fdc"]}
    assert any(line.startswith("Calcium: about 315 mg/day, below 1,200") for line in result.summary)
    from vitasim.report import plan_text
    plan_text.show(result, title="t")
    out = " ".join(capsys.readouterr().out.split())
    assert "calcium: 315 mg from the listed diet + 0 mg from supplements = about 315 mg/day" in out
    none = vitasim.check({"person": {"age": 70}, "labs": {"25ohd": "30 ng/mL"}}, population=20, seed=1)
    assert none.to_dict()["intakes"] == []         # neither eaten (listed) nor taken: nothing to judge
