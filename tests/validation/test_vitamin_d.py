"""Vitamin D module against published numbers NOT used for calibration.

Calibration (issue 10: one joint weighted least-squares fit, calibration/fit.py) used the calibration
arms of calibration/data/vitamin_d.yaml (Barger-Lux 1998 250 and 1250 ug/d, Gallagher 2012, VITAL, pilot
D-Health 60 000 IU/month, Ilahi 2008, van Groningen 2010 8 x 25 000 IU), van den Heuvel 2024 (D2 vs D3
daily) and Veugelers 2015 (between-person SD); tests of those numbers are named test_calibration_*.  The
arm-by-arm comparison is in test_vitamin_d_arms.py.  Each test names its source and tolerance.  Where the model is known to miss a published number the
test is an expected failure (``xfail(strict=True)``): it documents the gap with the numbers and
turns into a failure the day the model starts to pass it, so the marker must then be removed.
"""
from __future__ import annotations

import numpy as np
import pytest

from conftest import arm, d2, d3

pytestmark = pytest.mark.validation


@pytest.mark.xfail(strict=True, reason="model slope 1.11 vs 1.97 nmol/L per ug/d (tolerance +-30 %) after the joint fit "
                                       "(was 2.25 before): the fit follows VITAL, pilot D-Health and Gallagher 2012 "
                                       "(0.4-0.7 nmol/L per ug/d at 25-110 ug/d in older adults); the steeper response at "
                                       "5-15 ug/d from an assumed 40 nmol/L needs more spare 25-hydroxylation capacity "
                                       "than those arms allow (the same miss as Barger-Lux's 25 ug/d arm)")
def test_cashman2009_winter_dose_response_slope_in_older_adults():
    """Cashman 2009 (AJCN 89:1366): 0/5/10/15 ug/d D3 for 22 weeks in adults >= 64 y in winter;
    slope of 25(OH)D on intake 1.97 nmol/L per ug/d.  Baseline per arm not in the abstract: we
    assume 40 nmol/L.  Tolerance: +-30 % (model 1.11)."""
    finals = [arm(40.0, [d3(f"{u} ug", "1 day")] if u else [], 154, age=72)[0][-1] for u in (0, 5, 10, 15)]
    slope = np.polyfit([0, 5, 10, 15], finals, 1)[0]
    assert slope == pytest.approx(1.97, rel=0.30)


def test_tracer_half_life_of_25ohd3_is_two_to_three_weeks():
    """Jones 2014 (JCEM 99:3373): 25(OH)D3 tracer half-life 15.1 (SD 3.1) days.  We add an extra
    amount to the 25(OH)D3 pool (an IV tracer) and follow the excess over placebo with the
    reference solver; it must decay with a half-life of 14-21 days (2-3 weeks)."""
    from vitasim.simulate import build_problem, default_system
    from vitasim.solve import solve_reference
    import vitasim
    system = default_system()
    profile = vitasim.load_profile({"person": {"age": 70, "weight": "70 kg"}, "labs": {"25ohd": "50 nmol/L"}})
    base, _, _ = build_problem(system, profile, days=42, population=1, seed=0, quantities=["25ohd3"],
                               output_every_days=1)
    from dataclasses import replace
    tracer = replace(base, ev_t=np.array([0.0]), ev_s=np.array([system.sindex("ohd3")]), ev_a=np.array([40.0]))
    excess = solve_reference(tracer).values[0, :, 0] - solve_reference(base).values[0, :, 0]
    days = base.t_out / 24.0
    window = (days >= 7) & (days <= 35)
    slope = np.polyfit(days[window], np.log(excess[window]), 1)[0]
    assert 14.0 <= np.log(2) / -slope <= 21.0


@pytest.mark.xfail(strict=True, reason="model ratio about 1.3 (+18.8 vs +14.1 nmol/L per 1000 IU/d) vs >= 5 in Ekwaru 2014 "
                                       "(+12.0 vs +1.1): Ekwaru is observational (self-reported doses, unknown duration "
                                       "and adherence); the controlled Barger-Lux 1998 arms give +12.4 nmol/L per 1000 IU/d "
                                       "between 10 000 and 50 000 IU/d, which the model follows")
def test_dose_response_saturates_at_high_doses():
    """Ekwaru 2014 (PLoS One 9:e111265): +12 nmol/L per 1000 IU/d at 0-1000 IU/d falls to +1.1 at
    15 000-20 000 IU/d.  The model is calibrated on the high-dose slope only; validated here is
    that the marginal response at 0-1000 IU/d is at least 5 times that at 15 000-20 000 IU/d
    (two years of use from 60 nmol/L)."""
    finals = [arm(60.0, [d3(f"{d} IU", "1 day")] if d else [], 730)[0][-1] for d in (0, 1000, 15000, 20000)]
    low = finals[1] - finals[0]
    high = (finals[3] - finals[2]) / 5.0
    assert low >= 5.0 * high > 0


def test_kimball2017_high_daily_doses_stay_below_300_nmol_per_l():
    """Kimball 2017 (Dermatoendocrinol 9:e1300213): intakes up to 15 000 IU/d gave 25(OH)D up to
    300 nmol/L.  The typical person on 15 000 IU/d for a year must rise above 100 and stay
    below 300 nmol/L (model 282; was a strict xfail at 352 before the joint fit of issue 10)."""
    y, _, _ = arm(60.0, [d3("15000 IU", "1 day")], 365)
    assert 100.0 < y.max() < 300.0


def test_vangroningen2010_largest_loading_course():
    """van Groningen 2010 (Eur J Endocrinol 162:805): 25 000 IU weekly for 8 weeks (200 000 IU) in
    deficient adults (76 % below 30 nmol/L; we assume 25 nmol/L and 70 kg) raised 25(OH)D3 by
    69 (95 % CI 64-75) nmol/L, measured 10 days after the last dose.  Tolerance: +-15 %."""
    y, _, _ = arm(25.0, [d3("25000 IU", "1 week", doses=8)], 7 * 7 + 10)
    assert y[-1] - 25.0 == pytest.approx(69.0, rel=0.15)


@pytest.mark.xfail(strict=True, reason="model 100k/150k IU arms give +40/+59 vs observed +29/+43 (was +46/+69 before "
                                       "the joint fit): see test_vitamin_d_arms.py")
def test_vangroningen2010_smaller_loading_courses():
    """van Groningen 2010: 25 000 IU every 2 weeks x4 (100 000 IU) -> +29 (23-35); weekly x6
    (150 000 IU) -> +43 (36-50) nmol/L, 10 days after the last dose.  Tolerance: the 95 % CI."""
    y1, _, _ = arm(25.0, [d3("25000 IU", "2 week", doses=4)], 6 * 7 + 10)
    y2, _, _ = arm(25.0, [d3("25000 IU", "1 week", doses=6)], 5 * 7 + 10)
    assert 23.0 <= y1[-1] - 25.0 <= 35.0
    assert 36.0 <= y2[-1] - 25.0 <= 50.0


def test_armas2004_single_d3_dose_peaks_after_about_two_weeks():
    """Armas 2004 (JCEM 89:5387): after a single 50 000 IU D3 dose, 25(OH)D kept rising and peaked
    at day 14.  Tolerance: peak between day 7 and day 21 (model: day 12)."""
    y, t, _ = arm(70.0, [d3("50000 IU")], 28)
    assert 7.0 <= t[int(np.argmax(y))] <= 21.0


@pytest.mark.xfail(strict=True, reason="model D3:D2 AUC(0-28) ratio 1.7 vs observed 3.4 (9.5 to infinity) after one "
                                       "50 000 IU dose")
def test_armas2004_d2_much_less_potent_after_a_single_dose():
    """Armas 2004: AUC(0-28 d) of the 25(OH)D rise, D3 204.7 vs D2 60.2 ng*d/mL (potency 9.5:1
    by AUC to infinity).  Tolerance: D3/D2 AUC(0-28) ratio between 2.5 and 5 (observed 3.4)."""
    y3, t, _ = arm(70.0, [d3("50000 IU")], 28)
    y2, _, _ = arm(70.0, [d2("50000 IU")], 28)
    ratio = np.trapezoid(y3 - 70.0, t) / np.trapezoid(y2 - 70.0, t)
    assert 2.5 <= ratio <= 5.0


def test_tripkovic2012_bolus_d3_beats_d2():
    """Tripkovic 2012 (AJCN 95:1357): with bolus dosing D3 raised 25(OH)D 34.1 (95 % CI 16.4-51.8)
    nmol/L more than D2.  Scenario: 50 000 IU weekly for 8 weeks from 50 nmol/L, compared at
    12 weeks.  Tolerance: the 95 % CI."""
    y3, _, _ = arm(50.0, [d3("50000 IU", "1 week", doses=8)], 84)
    y2, _, _ = arm(50.0, [d2("50000 IU", "1 week", doses=8)], 84)
    assert 16.4 <= y3[-1] - y2[-1] <= 51.8


def test_hammami2017_dosing_interval_at_equal_total_dose():
    """Hammami 2017 (BMC Endocr Disord 17:12): 250 000 IU of D3 over 140 days; 25(OH)D3 AUC was
    11 % higher with 2-weekly and 10 % higher with 4-weekly than with daily dosing.  Tolerance:
    each intermittent AUC within -10 % / +25 % of the daily AUC (model 0.97 and 0.92; was a strict
    xfail at 0.67 for 4-weekly before the joint fit of issue 10 removed the slow fat store)."""
    auc = {}
    for name, reg in {"daily": [d3("1786 IU", "1 day")], "2wk": [d3("25000 IU", "2 week")],
                      "4wk": [d3("50000 IU", "4 week")]}.items():
        y, t, _ = arm(39.8, reg, 140, age=33)
        auc[name] = np.trapezoid(y - 39.8, t)
    for name in ("2wk", "4wk"):
        assert 0.9 <= auc[name] / auc["daily"] <= 1.25


def test_hammami2017_between_person_spread_of_the_rise():
    """Hammami 2017: SD of the 140-day rise 16.3 nmol/L on active treatment (placebo 11.6, which
    includes assay and seasonal noise the model has no part of).  The virtual population's SD
    of the rise on daily 1786 IU must lie between 8 and 24 nmol/L (+-50 % of 16.3)."""
    _, _, raw = arm(39.8, [d3("1786 IU", "1 day")], 140, age=33, population=2000, seed=7)
    rise = raw.per_person["25ohd"][:, -1] - 39.8
    assert 8.0 <= float(np.std(rise)) <= 24.0


def test_gallagher2012_ekwaru2014_obese_people_reach_lower_levels():
    """Gallagher 2012 / Ekwaru 2014: on the same supplementation obese people sit 17.8-19.8 nmol/L
    lower than normal-weight people.  Scenario: 2000 IU/d for a year from 50 nmol/L, 105 vs 70 kg.
    Tolerance: a difference of 10-30 nmol/L."""
    lean, _, _ = arm(50.0, [d3("2000 IU", "1 day")], 365, weight="70 kg")
    obese, _, _ = arm(50.0, [d3("2000 IU", "1 day")], 365, weight="105 kg")
    assert 10.0 <= lean[-1] - obese[-1] <= 30.0


def test_vitamin_d_lowers_pth_modestly_in_deficient_and_barely_in_replete_people():
    """Trials: correcting deficiency (about 10 ng/mL -> 30+ ng/mL) lowers PTH and raises calcium
    absorption modestly; in replete people extra vitamin D does little (Gallagher 2012: PTH fell
    with dose).  2000 IU/d for a year: from 25 nmol/L PTH must fall 5-60 % (Chapuy 1992: -44 % with
    800 IU + calcium from a deficient baseline; model -52 % since DEVIATION 7 made baseline PTH depend
    on 25(OH)D, fitted on Scragg 1995) and calcium absorbed rise 5-40 %; from 75 nmol/L both must
    change by less than 5 %.  The direction and the contrast are what is validated.)"""
    from vitasim.simulate import simulate
    import vitasim
    q = ["pth", "calcium_absorbed"]
    change = {}
    for baseline in (25.0, 75.0):
        prof = vitasim.load_profile({"person": {"age": 70, "sex": "female", "weight": "70 kg"},
                                     "labs": {"25ohd": f"{baseline} nmol/L"},
                                     "regimen": [d3("2000 IU", "1 day")]})
        values = simulate(prof, days=365, quantities=q, output_every_days=365, solver="population").array()
        change[baseline] = values[0, -1] / values[0, 0] - 1.0
    assert -0.60 <= change[25.0][0] <= -0.05 and 0.05 <= change[25.0][1] <= 0.40
    assert abs(change[75.0][0]) < 0.05 and abs(change[75.0][1]) < 0.05


def test_calibration_bargerlux1998_intoxication_dose_raises_25ohd_by_hundreds():
    """Barger-Lux 1998 (Osteoporos Int 8:222): healthy men, baseline 67 nmol/L; vitamin D3 1250 ug/d
    (50 000 IU/d) for 8 weeks raised 25(OH)D by 643 nmol/L (250 ug/d: +146).  This arm is a
    calibration target of the joint fit, so this checks the calibration holds (model +647).
    Tolerance: +-30 %."""
    y, _, _ = arm(67.0, [d3("1250 ug", "1 day")], 56, age=28)
    assert y[-1] - 67.0 == pytest.approx(643.0, rel=0.30)

@pytest.mark.xfail(strict=True, reason="model +16 vs observed +29 nmol/L (tolerance +-35 %; was +24 before the joint fit): "
                                       "the young men's low-dose arm responds twice as much per IU as the older adults of "
                                       "VITAL, pilot D-Health and Gallagher 2012, which the fit follows")
def test_bargerlux1998_low_dose_arm():
    """Barger-Lux 1998: 25 ug/d (1000 IU/d) of D3 for 8 weeks from 67 nmol/L raised 25(OH)D by 29 nmol/L
    (a validation arm).  Tolerance: +-35 % (model +16)."""
    y, _, _ = arm(67.0, [d3("25 ug", "1 day")], 56, age=28)
    assert y[-1] - 67.0 == pytest.approx(29.0, rel=0.35)


def test_bargerlux1998_dose_response_is_nearly_linear_above_25_ug():
    """Barger-Lux 1998: 8-week rises 29 / 146 / 643 nmol/L at 25 / 250 / 1250 ug/d: the increment per
    ug/d between 250 and 1250 ug/d (0.50) is at least 0.6 times that between 25 and 250 (0.52), i.e.
    no strong saturation up to intoxication doses.  Model: the ratio must lie between 0.6 and 1.5 (model 0.96)."""
    rises = [arm(67.0, [d3(f"{u} ug", "1 day")], 56, age=28)[0][-1] - 67.0 for u in (25, 250, 1250)]
    ratio = ((rises[2] - rises[1]) / 1000.0) / ((rises[1] - rises[0]) / 225.0)
    assert 0.6 <= ratio <= 1.5
