"""Calcium/bone module against published outcomes (each test names source and tolerance)."""
from functools import cache

import numpy as np
import pytest

import vitasim
from vitasim.simulate import simulate
from vitasim.units import convert_values

MONTH = 28  # days: the OpenBoneMin data files use 28-day months


def _sim(regimen, days, quantities, every, c25=75.0, egfr=100):
    prof = vitasim.load_profile({"person": {"age": 65, "sex": "female", "weight": "70 kg",
                                            "egfr": f"{egfr} mL/min/1.73m2"},
                                 "labs": {"25ohd": f"{c25} nmol/L"}, "regimen": regimen})
    res = simulate(prof, days=days, quantities=quantities, output_every_days=every)
    return {q: res.per_person[q][0] for q in quantities}, res


DENO = [{"supplement": "denosumab", "dose": "60 mg", "every": f"{6 * MONTH} day", "route": "subcutaneous"}]
TERI = [{"supplement": "teriparatide", "dose": "20 ug", "every": "1 day", "route": "subcutaneous"}]


def test_denosumab_lumbar_bmd_and_ctx():
    """Denosumab 60 mg Q6M: lumbar spine BMD +4.55 % at 12 and +7.19 % at 24 months (legacy
    OpenBoneMin data, deno_FINAL_check(5).csv ID 5 = phase-2 ALT.ID 39; SE ~0.4-0.7; a validation
    arm: calibration/calcium_bone.py fits other denosumab arms), CTX ~12 % of baseline at 1 month
    (same file; osteoclasts as the CTX proxy as in OpenBoneMin).  Tolerance: BMD within +-1.5
    %-points (about 2 SE), osteoclasts 0-25 % of baseline at 1 month.  Age-related loss included."""
    v, _ = _sim(DENO, 24 * MONTH, ["bmd_lumbar_change_pct", "osteoclasts_rel"], MONTH)
    assert v["bmd_lumbar_change_pct"][12] == pytest.approx(4.55, abs=1.5)
    assert v["bmd_lumbar_change_pct"][24] == pytest.approx(7.19, abs=1.5)
    assert 0.0 < v["osteoclasts_rel"][1] < 0.25


@cache
def _bmd_24_months(arm):
    """Lumbar BMD change (%) at 0..24 (28-day) months for 'teri' or 'combo' (shared by tests: daily
    dosing makes these the slowest bone runs)."""
    regimen = {"teri": TERI, "combo": TERI + DENO}[arm]
    v, _ = _sim(regimen, 24 * MONTH, ["bmd_lumbar_change_pct"], MONTH)
    return v["bmd_lumbar_change_pct"]


@pytest.mark.xfail(strict=True, reason="model +7.7 % at 12 months vs observed +6 % (DATA teriparatide arm): "
                                       "calibrated on the other teriparatide arms, which average +7.5 % at 12 months")
def test_teriparatide_lumbar_bmd_12_months():
    """Teriparatide 20 ug/d: lumbar spine BMD +6 % at 12 months (legacy teri_data8.csv ID 34, the DATA
    teriparatide arm; research note target 11; validation arm, not used by calibration/calcium_bone.py).
    Tolerance +-1.5 %-points."""
    assert _bmd_24_months("teri")[12] == pytest.approx(6.0, abs=1.5)


def test_teriparatide_lumbar_bmd_24_months():
    """Teriparatide 20 ug/d: lumbar spine BMD +9 % at 24 months (teri_data8.csv ID 34; research note
    target 11; validation arm).  Tolerance +-1.5 %-points; also rising from 12 to 24 months."""
    v = _bmd_24_months("teri")
    assert v[24] == pytest.approx(9.0, abs=1.5)
    assert v[24] > v[12] > 0


def test_teriparatide_denosumab_combination_lumbar_bmd_12_months():
    """Teriparatide 20 ug/d + denosumab 60 mg Q6M (DATA study combination arm, Leder 2014;
    Leder_study_combination_arm.csv; research note target 12): lumbar spine BMD +9.13 % at 12 months,
    95 % CI 7.79-10.47 (tolerance: within the CI).  Validation arm (no combination data in calibration)."""
    assert 7.79 <= _bmd_24_months("combo")[12] <= 10.47


@pytest.mark.xfail(strict=True, reason="model +11.3 % at 24 months vs observed +13.0 % (95 % CI 11.51-14.50): "
                                       "the combination gain slows too much in the second year")
def test_teriparatide_denosumab_combination_lumbar_bmd_24_months():
    """DATA combination arm (Leder 2014): lumbar spine BMD +13.0 % at 24 months, 95 % CI 11.51-14.50
    (tolerance: within the CI)."""
    assert 11.51 <= _bmd_24_months("combo")[24] <= 14.50


def test_steady_state_ten_years_normal_ranges_and_age_related_loss():
    """No supplement, normal diet, replete (75 nmol/L), eGFR 100: serum Ca stays in 2.15-2.60
    mmol/L (normal_calcium_range), PTH in 1.6-6.9 pmol/L (15-65 pg/mL, usual intact-PTH interval),
    and lumbar BMD falls at the age-related rate we impose (0.5 %/y in women, warming2002):
    -4 to -6 % over 10 years."""
    v, _ = _sim([], 3650, ["serum_calcium", "pth", "bmd_lumbar_change_pct"], 365)
    assert np.all((v["serum_calcium"] > 2.15) & (v["serum_calcium"] < 2.60))
    assert np.all((v["pth"] > 1.6) & (v["pth"] < 6.9))
    assert -6.0 < v["bmd_lumbar_change_pct"][-1] < -4.0


def test_extreme_vitamin_d_triggers_hypercalcaemia_but_2000_iu_does_not():
    """Vitamin D intoxication causes hypercalcaemia (serum Ca > 2.60 mmol/L, normal_calcium_range)
    through 25(OH)D acting on the vitamin D receptor in gut, kidney and bone (Jones 2008, Tebben
    2016); frank toxicity is mostly seen above 350 nmol/L of 25(OH)D (IOM 2011, p 443); 2000 IU/d
    does not do it.  Scenario (issue 4): 50 000 IU/d vs 2000 IU/d for 6 months from 75 nmol/L.
    Model numbers at 6 months: 25(OH)D ~830 vs ~120 nmol/L, serum Ca ~2.64 vs ~2.36 mmol/L."""
    out = {}
    for dose in ("2000 IU", "50000 IU"):
        prof = vitasim.load_profile({"person": {"age": 65, "weight": "70 kg"}, "labs": {"25ohd": "75 nmol/L"},
                                     "regimen": [{"supplement": "D3", "dose": dose, "every": "1 day"}]})
        res = vitasim.simulate(prof, days=180)
        ca = convert_values(res.data["serum_calcium"].values, res.data["serum_calcium"].attrs["unit"], "mmol/L",
                            "calcium")
        ohd = convert_values(res.data["25ohd"].values, res.data["25ohd"].attrs["unit"], "nmol/L", "25ohd")
        out[dose] = ({f.code: f.severity for f in res.findings}, float(np.max(ca)), float(np.max(ohd)))
    codes_low, ca_low, ohd_low = out["2000 IU"]
    codes_high, ca_high, ohd_high = out["50000 IU"]
    assert "CA_HYPERCALCAEMIA" not in codes_low and ca_low < 2.45 and ohd_low < 200
    assert codes_high.get("CA_HYPERCALCAEMIA") == "danger"
    assert ca_high > 2.60 and ohd_high > 350
