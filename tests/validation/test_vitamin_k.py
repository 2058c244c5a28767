"""Vitamin K module against published numbers NOT used for calibration (and a cross-check
against the Wajima 2009 SBML, BIOMD0000000340).

Calibration (calibration/vitamin_k.py) used: Knapen 2015 yogurt trial (MK-7 clearance),
Schurgers 2007 (K1 tmax 4 h; 7-8-fold MK-7:K1 ratio), Sato 2012 single 420 ug MK-4 (MK-4
availability), Theuwissen 2013's 45 ug/d step (hepatic MK-7 potency) and Knapen 2015's 3-year
dp-ucMGP -50 % (MGP constant).  The last is re-checked here as a consistency test and says so.
Each test names its source and tolerance.
"""
from __future__ import annotations

from dataclasses import replace
import os
from pathlib import Path

import numpy as np
import pytest

import vitasim
from vitasim.simulate import build_problem, default_system, simulate

pytestmark = pytest.mark.validation
SBML = Path(os.environ.get("VITASIM_SHARED", Path(__file__).resolve().parents[2].parent / "shared")) / "data" / "sbml" / "BIOMD0000000340.xml"  # ../shared beside the checkout, as in CI
NG_PER_NMOL_MK7 = 0.649


def _sim(profile: dict, days: float, quantities: list[str], every: float = 1.0, system=None):
    p = vitasim.load_profile(profile)
    res = simulate(p, days=days, quantities=quantities, output_every_days=every, system=system)
    return res.data["time"].values, {q: res.data[q].values for q in quantities}


def _mk7(dose: str, every: str | None = "1 day", **extra) -> dict:
    return {"supplement": "MK-7", "dose": dose, "every": every, **extra}


def test_mk7_terminal_half_life_is_about_three_days():
    """Schurgers 2007 (Blood 109:3279): very long MK-7 half-life, about 3 days (68-72 h in
    secondary sources).  After one 1 mg dose the excess over baseline between day 2 and day 6
    must decay with a half-life of 2-4 days."""
    t, v = _sim({"regimen": [_mk7("1 mg", None)]}, 7, ["mk7_plasma"], every=0.25)
    excess = v["mk7_plasma"] - v["mk7_plasma"][0]
    w = (t >= 2) & (t <= 6)
    slope = np.polyfit(t[w], np.log(excess[w]), 1)[0]
    assert 2.0 <= np.log(2) / -slope <= 4.0


def test_mk7_accumulates_several_fold_on_daily_dosing():
    """Schurgers 2007: MK-7 accumulates during prolonged daily intake.  The trough rise after
    6 weeks of 100 ug/d must be 4-8 times the rise 24 h after the first dose (a 3-day half-life
    with daily dosing gives about 4.8; the paper's 7-8-fold refers to MK-7 vs K1 and was used
    for calibration)."""
    t, v = _sim({"regimen": [_mk7("100 ug")]}, 42, ["mk7_plasma"])
    rise = v["mk7_plasma"] - v["mk7_plasma"][0]
    assert 4.0 <= rise[-1] / rise[1] <= 8.0


def test_k1_is_cleared_within_hours_mk7_is_not():
    """Schurgers 2007: K1 and MK-7 both peak at about 4 h (tolerance 2-8 h), but K1 is cleared
    within hours while MK-7 stays: at 24 h the K1 excess must be below a third of its peak
    (the model's single 8.8 h phase from Novotny 2010 gives about a quarter; the faster early
    phase of K1 is not represented, so this is conservative) and the MK-7 excess above half."""
    reg = [{"supplement": "K1", "dose": "1 mg"}, _mk7("1 mg", None)]
    t, v = _sim({"regimen": reg}, 2, ["k1_plasma", "mk7_plasma"], every=0.25 / 6)
    for q in ("k1_plasma", "mk7_plasma"):
        ex = v[q] - v[q][0]
        assert 2.0 <= t[np.argmax(ex)] * 24 <= 8.0, q
    k1 = v["k1_plasma"] - v["k1_plasma"][0]
    mk7 = v["mk7_plasma"] - v["mk7_plasma"][0]
    i24 = np.argmin(np.abs(t - 1.0))
    assert k1[i24] < k1.max() / 3
    assert mk7[i24] > 0.5 * mk7.max()


def test_sato2012_mk4_stays_undetectable_mk7_detectable_for_48h():
    """Sato 2012 (Nutr J 11:93): 60 ug/d MK-4 for 7 days did not raise serum MK-4 (validation;
    the single 420 ug dose was used for calibration), while 420 ug MK-7 was still detectable
    48 h later.  Tolerance: MK-4 < 0.1 ng/mL throughout; MK-7 excess at 48 h > 0.3 ng/mL."""
    _, v4 = _sim({"regimen": [{"supplement": "MK-4", "dose": "60 ug", "every": "1 day"}]}, 7, ["mk4_plasma"],
                 every=1 / 24)
    assert v4["mk4_plasma"].max() < 0.1
    t, v7 = _sim({"regimen": [_mk7("420 ug", None)]}, 3, ["mk7_plasma"], every=1 / 24)
    ex = v7["mk7_plasma"] - v7["mk7_plasma"][0]
    assert ex[np.argmin(np.abs(t - 2.0))] > 0.3


def test_calibration_knapen2015_dp_ucmgp_minus_half_at_180ug():
    """Knapen 2015 (Thromb Haemost 113:1135): 180 ug/d MK-7 for 3 years, dp-ucMGP about -50 %
    vs placebo.  CALIBRATION TARGET (k_ucmgp_u0 and k_t_half_mgp, joint fit), re-checked: -40 to -60 %,
    and the change must be complete within the first year (the trial saw it at every yearly visit)."""
    _, v = _sim({"person": {"sex": "female", "age": 60}, "regimen": [_mk7("180 ug")]}, 3 * 365, ["dp_ucmgp"], 365)
    rel = v["dp_ucmgp"] / v["dp_ucmgp"][0]
    assert 0.4 <= rel[-1] <= 0.6
    assert abs(rel[1] - rel[-1]) < 0.05


def _dp_ucmgp_change_at_12_weeks(dose: str) -> float:
    _, v = _sim({"person": {"age": 52, "weight": "75 kg"}, "regimen": [_mk7(dose)]}, 84, ["dp_ucmgp"], 84)
    return 100.0 * (v["dp_ucmgp"][-1] / v["dp_ucmgp"][0] - 1.0)


def test_calibration_dalmeijer2012_dp_ucmgp_falls_a_third_in_12_weeks_at_180ug():
    """Dalmeijer 2012 (Atherosclerosis 225:397): 180 ug/d MK-7 lowered dp-ucMGP by 31 % after 12 weeks
    (the full 3-year effect, Knapen 2015, is -50 %).  CALIBRATION TARGET of k_t_half_mgp (joint fit);
    before it (half-time 10 days) the model reached -50 % within weeks.  Tolerance: -25 to -37 %."""
    assert -37.0 <= _dp_ucmgp_change_at_12_weeks("180 ug") <= -25.0


def test_dalmeijer2012_dp_ucmgp_at_360ug_after_12_weeks():
    """Dalmeijer 2012: 360 ug/d MK-7 lowered dp-ucMGP by 46 % after 12 weeks (validation: not used in
    the fit).  Tolerance: within 1.25-fold (-36.8 to -57.5 %); model -41.5 %."""
    assert -57.5 <= _dp_ucmgp_change_at_12_weeks("360 ug") <= -36.8

def test_schurgers2007_mk7_carboxylates_osteocalcin_more_than_k1():
    """Schurgers 2007: at equal daily doses MK-7 induced more complete osteocalcin
    carboxylation than K1.  6 weeks of 100 ug/d each: ucOC must fall more with MK-7, and by
    at least a third of the baseline fraction."""
    out = {}
    for form in ("K1", "MK-7"):
        _, v = _sim({"regimen": [{"supplement": form, "dose": "100 ug", "every": "1 day"}]}, 42, ["ucoc_fraction"], 42)
        out[form] = v["ucoc_fraction"]
    assert out["MK-7"][-1] < out["K1"][-1]
    assert out["MK-7"][-1] < (2 / 3) * out["MK-7"][0]


def _theuwissen(doses=(10, 20, 45), inr0=2.0):
    reg = [_mk7(f"{d} ug", start=f"{14 * i} day", stop=f"{14 * (i + 1)} day") for i, d in enumerate(doses)]
    t, v = _sim({"labs": {"inr": inr0}, "medications": ["acenocoumarol"], "regimen": reg}, 42,
                ["inr", "ucoc_fraction", "dp_ucmgp"])
    return t, v


def test_theuwissen2013_low_doses_lower_inr_clinically():
    """Theuwissen 2013 (J Thromb Haemost 11:1085): on acenocoumarol (INR about 2.0), 10 and 20
    ug/d MK-7 (2 weeks each) gave a clinically relevant INR fall in >= 40 % and >= 60 % of
    subjects (the 45 ug/d step, -40 %, was used for calibration).  We take 'clinically
    relevant' as a fall of >= 0.5 INR units (our assumption): the typical person must reach it
    at 20 ug/d (>= 60 % did) and be within 0.25-0.8 of it at 10 ug/d (about half did)."""
    t, v = _theuwissen()
    inr = v["inr"]
    at = lambda day: inr[np.argmin(np.abs(t - day))]
    assert inr[0] == pytest.approx(2.0, abs=1e-3)
    assert 0.25 <= inr[0] - at(14) <= 0.8
    assert inr[0] - at(28) >= 0.5
    assert inr[0] - at(42) == pytest.approx(0.8, abs=0.05)  # calibration target, re-checked


def test_theuwissen2013_dp_ucmgp_unchanged_under_vka():
    """Theuwissen 2013: dp-ucMGP did not change with 10-45 ug/d MK-7 under VKA.  Tolerance:
    within 10 % of baseline after 6 weeks; and the VKA raises it above the untreated reference."""
    _, v = _theuwissen()
    assert abs(v["dp_ucmgp"][-1] / v["dp_ucmgp"][0] - 1) < 0.10
    _, ref = _sim({}, 1, ["dp_ucmgp"])
    assert v["dp_ucmgp"][0] > ref["dp_ucmgp"][0]


@pytest.mark.xfail(strict=True, reason="model: ucOC falls 9.5 percentage points (92 -> 83 %) with 45 ug/d MK-7 "
                                       "under VKA; observed unchanged (Theuwissen 2013). Extrahepatic VKOR "
                                       "inhibition is taken equal to the hepatic one, so MK-7 partly overcomes it")
def test_theuwissen2013_ucoc_unchanged_under_vka():
    """Theuwissen 2013: ucOC did not change with 10-45 ug/d MK-7 under VKA.  Tolerance: within
    5 percentage points of baseline after 6 weeks."""
    _, v = _theuwissen()
    assert abs(v["ucoc_fraction"][-1] - v["ucoc_fraction"][0]) < 5.0


def test_theuwissen2012_no_inr_change_in_healthy_people():
    """Theuwissen 2012 (Br J Nutr 108:1652): MK-7 had no effect on thrombin generation in
    healthy people.  Without a VKA, 360 ug/d for 12 weeks must keep the INR within 1.00 +- 0.06."""
    _, v = _sim({"regimen": [_mk7("360 ug")]}, 84, ["inr"], 7)
    assert np.all(np.abs(v["inr"] - 1.0) <= 0.06)


def test_wajima2009_vitamin_k_cycle_qss_matches_sbml_in_roadrunner():
    """Cross-check of the reduced vitamin K cycle against BIOMD0000000340 (Wajima 2009).

    The full SBML (whole coagulation network, event-driven warfarin dosing) fails in CVODE here,
    so we take its vitamin K sub-network with its own parameter values read from the file: K,
    KH2, KO and peripheral K states, VKOR inhibition Imax*C/(IC50+C), and factors II, VII and X
    made in proportion to KH2 (their consumption by the cascade is zero at rest).  Warfarin is
    held at the steady-state mean concentration of the SBML's 4 mg/day scenario.  Our module,
    with Wajima's linear carboxylation (k_kc very large) and the same inhibition, replaces
    K/KH2/KO by a quasi-steady state.  Tolerance on the INR: within 15 % during the first day,
    5 % from day 2 on and 1 % at day 14.  The looseness of the first day is the cycle's own
    lag: in the full cycle KH2 falls over about a day (the KO pool fills and peripheral K
    buffers the quinone), whereas the QSS responds at once, so the reduced INR leads by up to
    12 % at 12 h; the factors' turnover (days) then dominates and the two agree."""
    rr = pytest.importorskip("roadrunner")
    if not SBML.exists():
        pytest.skip("SBML file not available")
    full = rr.RoadRunner(str(SBML))
    g = {k: full[k] for k in ("d_VK", "d_VK2", "d_VKH2", "d_VKO", "VK0", "VKH20", "VKO0", "vitaminK_k12",
                              "vitaminK_k21_Vc", "I_max", "IC50", "d_II", "d_VII", "d_X", "warfarin_CL")}
    c_ss = 4.0 / (g["warfarin_CL"] * 24.0)          # mean concentration of 4 mg/day
    inh = g["I_max"] * c_ss / (g["IC50"] + c_ss)
    ant = f"""
    model vkc
      i := {inh}
      VK' = d_VK*VK0 - d_VK*VK - d_VK2*VK*(1-i) + d_VKO*VKO*(1-i) - (k12*VK - k21*VKp)
      VKp' = k12*VK - k21*VKp
      VKH2' = d_VK2*VK*(1-i) - d_VKH2*VKH2
      VKO' = d_VKH2*VKH2 - d_VKO*VKO*(1-i)
      F2' = d_II*(VKH2/VKH20 - F2); F7' = d_VII*(VKH2/VKH20 - F7); F10' = d_X*(VKH2/VKH20 - F10)
      VK = VK0; VKp = VK0*k12/k21; VKH2 = VKH20; VKO = VKO0; F2 = 1; F7 = 1; F10 = 1
      d_VK = {g['d_VK']}; d_VK2 = {g['d_VK2']}; d_VKH2 = {g['d_VKH2']}; d_VKO = {g['d_VKO']}
      VK0 = {g['VK0']}; VKH20 = {g['VKH20']}; VKO0 = {g['VKO0']}
      k12 = {g['vitaminK_k12']}; k21 = {g['vitaminK_k21_Vc']}
      d_II = {g['d_II']}; d_VII = {g['d_VII']}; d_X = {g['d_X']}
    end"""
    pytest.importorskip("antimony")
    sub = rr.RoadRunner(_antimony_to_sbml(ant))
    ref = sub.simulate(0, 14 * 24, 14 * 4 + 1, ["time", "F2", "F7", "F10"])
    ref = np.array(ref)

    from vitasim.model.system import with_parameters
    system = with_parameters(default_system(), k_kc=1e7)
    params = {p.name: p.value for p in system.parameters}
    assert params["k_d_f2"] == g["d_II"] and params["k_d_f7"] == g["d_VII"] and params["k_d_f10"] == g["d_X"]
    profile = vitasim.load_profile({"labs": {"inr": 1.0 / (1.0 - inh)}, "medications": ["warfarin"]})
    base, _, _ = build_problem(system, profile, days=14, population=1, seed=0, quantities=["inr"],
                               output_every_days=0.25)
    y0 = base.y0.copy()
    for s in ("k_f2", "k_f7", "k_f10"):
        y0[:, system.sindex(s)] = 1.0           # start untreated, then the VKA acts
    from vitasim.solve import solve_reference
    inr = solve_reference(replace(base, y0=y0)).values[0, :, 0]
    ref_inr = 1.0 / np.cbrt(ref[:, 1] * ref[:, 2] * ref[:, 3])
    err = np.abs(inr / ref_inr - 1)
    days = ref[:, 0] / 24.0
    assert err.max() < 0.15
    assert err[days >= 2].max() < 0.05
    assert abs(inr[-1] - ref_inr[-1]) / ref_inr[-1] < 0.01   # same steady state


def _antimony_to_sbml(text: str) -> str:
    import antimony
    antimony.clearPreviousLoads()
    if antimony.loadAntimonyString(text) < 0:
        raise RuntimeError(antimony.getLastError())
    return antimony.getSBMLString(antimony.getMainModuleName())
