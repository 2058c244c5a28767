"""Magnesium module against published numbers NOT used for calibration.

Calibration (calibration/magnesium.py) used Fine 1991 (absorption vs intake), Firoz & Graber 2001
(oxide 4 % absorbed), the IOM 1997 mid-range serum Mg (renal threshold) and Fatemi 1991 (serum
fall in depletion).  Each test names its source and tolerance; known misses are strict xfails.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

import vitasim
from vitasim.simulate import build_problem, default_system, simulate
from vitasim.solve import solve_reference

pytestmark = pytest.mark.validation
NG_PER_NMOL = 1 / 2.4962   # 25(OH)D


def sim(profile: dict, days: float, quantities=("mg_serum", "mg_urine", "mg_status")):
    p = vitasim.load_profile(profile)
    res = simulate(p, days=days, quantities=list(quantities), output_every_days=1)
    return {q: res.per_person[q][0] for q in quantities}


def person(**kw):
    return {"age": 70, "weight": "70 kg", "egfr": 75, **kw}


def test_zhang2016_serum_and_urine_response_to_400_mg_for_12_weeks():
    """Zhang 2016 (J Nutr 146:595) meta-analysis of 48 RCTs (197-994 mg/d, median 12 wk): serum
    Mg +0.04 (95 % CI 0.02-0.06) mmol/L and 24-h urine Mg +1.52 (1.20-1.83) mmol vs placebo.  We
    simulate 400 mg/d of a soluble salt for 12 weeks in the default person (the trials mixed salts
    and populations).  Tolerance: the 95 % CIs."""
    on = sim({"person": person(), "regimen": [{"supplement": "magnesium citrate", "dose": "400 mg",
                                               "every": "1 day"}]}, 84)
    off = sim({"person": person()}, 84)
    assert 0.02 <= on["mg_serum"][-1] - off["mg_serum"][-1] <= 0.06
    assert 1.20 <= on["mg_urine"][-1] - off["mg_urine"][-1] <= 1.83


def test_zhang2016_higher_baseline_gives_smaller_serum_response():
    """Zhang 2016: the higher the baseline circulating Mg, the smaller its response to supplements.
    Qualitative: the rise after 12 weeks of 300 mg/d from 0.70 mmol/L exceeds that from 0.90."""
    rise = {}
    for s0 in (0.70, 0.90):
        lab = {"mg": f"{s0} mmol/L"}
        on = sim({"person": person(), "labs": lab, "regimen": [{"supplement": "magnesium glycinate",
                                                              "dose": "300 mg", "every": "1 day"}]}, 84)
        off = sim({"person": person(), "labs": lab}, 84)
        rise[s0] = on["mg_serum"][-1] - off["mg_serum"][-1]
    assert rise[0.70] > rise[0.90] > 0


def _absorbed_fraction(dose_mg: float, form: str) -> float:
    """Fraction of one dose absorbed: total body Mg gained after 5 days with the kidney closed
    (filtration set to zero) and no diet, so every absorbed mmol stays in the body."""
    system = default_system()
    p = vitasim.load_profile({"person": person(), "regimen": [{"supplement": form, "dose": f"{dose_mg} mg"}]})
    prob, _, _ = build_problem(system, p, days=5, population=1, seed=0, quantities=["mg_serum", "mg_status"],
                               output_every_days=5)
    params = prob.params.copy()
    params[:, system.pindex("mg_clf")] = 0.0
    params[:, system.pindex("mg_abs_diet")] = 0.0
    out = solve_reference(replace(prob, params=params))
    k = {n: system.pindex(n) for n in ("mg_ve", "mg_cell_ref", "mg_bone_ref")}
    serum, status = out.values[0, :, 0], out.values[0, :, 1]
    pools = (params[0, k["mg_cell_ref"]] + params[0, k["mg_bone_ref"]]) * status
    total = serum * params[0, k["mg_ve"]] + pools
    return float((total[-1] - total[0]) / (dose_mg / 24.305))


def test_sabatier2003_fractional_absorption_of_a_70_mg_dose():
    """Sabatier 2003 (Am J Clin Nutr 77:1206): 70 mg of 26Mg orally in 6 men, absorption by faecal
    monitoring 0.48 (SD 0.05).  Model, soluble salt: within 0.48 +- 0.10 (2 SD)."""
    assert _absorbed_fraction(70, "magnesium chloride") == pytest.approx(0.48, abs=0.10)


def test_fractional_absorption_falls_with_the_dose():
    """Fine 1991 / Schuchardt 2017: the fraction absorbed falls as the dose grows.  Model: 100 mg >
    250 mg > 500 mg > 1000 mg (soluble salt), and 1000 mg still above the 7 % passive share."""
    f = [_absorbed_fraction(d, "magnesium citrate") for d in (100, 250, 500, 1000)]
    assert f[0] > f[1] > f[2] > f[3] > 0.07


def test_oxide_is_less_bioavailable_than_citrate_single_dose_urine():
    """Kappeler 2017 (BMC Nutr 3:7): 24-h urinary Mg after one dose is higher with citrate than
    with oxide (difference 0.565 mmol, 95 % CI 0.212-0.918; dose not in the abstract).  Qualitative:
    the model's 24-h urinary increment is larger for citrate at 300 mg (dose assumed)."""
    base = sim({"person": person()}, 2)["mg_urine"]
    inc = {}
    for form in ("magnesium citrate", "magnesium oxide"):
        u = sim({"person": person(), "regimen": [{"supplement": form, "dose": "300 mg"}]}, 2)["mg_urine"]
        inc[form] = float(np.trapezoid(u[:2] - base[:2], dx=1.0))
    assert inc["magnesium citrate"] > inc["magnesium oxide"] > 0


def test_ckd_serum_stays_normal_at_moderate_ckd_and_fractional_excretion_rises():
    """van de Wal-Visscher 2018; Swaminathan 2003: in CKD serum Mg usually stays normal (kidneys
    raise fractional excretion) and rises as GFR falls further.  Without supplements: serum within
    the adult interval 0.70-1.10 mmol/L (RCPA) at eGFR 45; higher at eGFR 20 than at 90; and the
    fractional excretion at eGFR 20 is more than twice that at eGFR 90."""
    res = {e: sim({"person": person(egfr=e)}, 2) for e in (90, 45, 20)}
    assert 0.70 <= res[45]["mg_serum"][0] <= 1.10
    assert res[20]["mg_serum"][0] > res[90]["mg_serum"][0]

    def fe(e):
        filtered = e * 0.06 * 24 * 0.7 * res[e]["mg_serum"][0]   # mmol/d (ultrafilterable 70 %)
        return res[e]["mg_urine"][0] / filtered
    assert fe(20) > 2 * fe(90)


def test_ckd_scenario_magnesium_oxide_raises_serum_and_warns():
    """IOM 1997: hypermagnesaemia arises mainly with impaired renal function plus non-food Mg.  The
    example profile (80 y, eGFR 25, 400 mg/d oxide) must raise serum Mg above the same person
    without it and give the MG_KIDNEY_DISEASE danger."""
    import yaml
    from pathlib import Path
    data = yaml.safe_load((Path(__file__).parents[2] / "examples" / "magnesium_ckd.yaml").read_text())
    res = vitasim.simulate(vitasim.load_profile(data), days=180)
    codes = {f.code: f.severity for f in res.findings}
    assert codes.get("MG_KIDNEY_DISEASE") == "danger"
    on = sim(data, 180)["mg_serum"]
    off = sim({**data, "regimen": []}, 180)["mg_serum"]
    assert on[-1] > off[-1] + 0.01


def test_medicines_lower_the_predicted_baseline():
    """FDA 2011: long-term PPIs and loop/thiazide diuretics lower serum Mg.  Direction only (effect
    sizes are assumptions): without a measured value, each lowers the predicted baseline."""
    base = sim({"person": person()}, 1)["mg_serum"][0]
    for med in ("omeprazole", "furosemide", "hydrochlorothiazide"):
        assert sim({"person": person(), "medications": [med]}, 1)["mg_serum"][0] < base


def _vitd(s0_mmol, ohd_ng, mg_reg, days=84):
    prof = {"person": person(), "labs": {"mg": f"{s0_mmol} mmol/L", "25ohd": f"{ohd_ng} ng/mL"},
            "regimen": mg_reg}
    return sim(prof, days, ("25ohd", "mg_serum"))["25ohd"]


def test_dai2018_magnesium_raises_25ohd_when_low():
    """Dai 2018 (Am J Clin Nutr 108:1249): 12 weeks of Mg raised 25(OH)D3 when baseline 25(OH)D was
    below 30 ng/mL.  Direction and modesty: with low Mg status (serum 0.65 mmol/L) and 20 ng/mL,
    250 mg/d glycinate (dose assumed: Dai individualised it) raises 25(OH)D vs placebo by more than
    0 and less than 5 ng/mL (the effect size is an assumption of the model)."""
    reg = [{"supplement": "magnesium glycinate", "dose": "250 mg", "every": "1 day"}]
    diff = (_vitd(0.65, 20, reg)[-1] - _vitd(0.65, 20, [])[-1]) * NG_PER_NMOL
    assert 0 < diff < 5


@pytest.mark.xfail(strict=True, reason="the model only lets Mg raise 25-hydroxylation; Dai 2018 found a "
                                       "fall at 30-50 ng/mL (likely via CYP24A1 catabolism, not modelled)")
def test_dai2018_magnesium_lowers_25ohd_when_high():
    """Dai 2018: at baseline 25(OH)D 30-50 ng/mL Mg supplementation lowered 25(OH)D3.  Model:
    40 ng/mL, serum Mg 0.80 mmol/L, 250 mg/d glycinate for 12 weeks must lower 25(OH)D vs placebo."""
    reg = [{"supplement": "magnesium glycinate", "dose": "250 mg", "every": "1 day"}]
    assert _vitd(0.80, 40, reg)[-1] < _vitd(0.80, 40, [])[-1]


def test_steady_state_without_doses():
    """Internal consistency (no published number): without doses a measured baseline is a steady
    state, and mg_status is 1 at the replete serum 0.85 mmol/L."""
    r = sim({"person": person(), "labs": {"mg": "0.85 mmol/L"}}, 60)
    assert np.ptp(r["mg_serum"]) < 1e-4
    assert r["mg_status"][0] == pytest.approx(1.0, abs=1e-6)
