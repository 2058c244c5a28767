"""Calibration of the magnesium module (prints the fitted values that module.py carries).

Calibration data only (validation uses other numbers, see tests/validation/test_magnesium.py):

1. Fine 1991 (J Clin Invest 88:396): fractional absorption of Mg from a standard meal falls from
   65 % at the lowest intake to 11 % at the highest (meal + 80 mEq = 40 mmol), with a linear
   (passive) component absorbing 7 % of intake.  The Mg content of the test meal is not in the
   abstract: we assume 1.5 mmol (36 mg) [vitasim_gap].
   a) the per-meal "hyperbolic + linear" relation used for dietary Mg (Fine's own form);
   b) the gut ODE used for supplement doses (saturable + passive absorption competing with
      transit), fitted to the same two points.
2. Firoz & Graber 2001 (Magnes Res 14:257): magnesium oxide, ~21 mEq/day (10.5 mmol), fractional
   absorption 4 % (urinary increment) -> the oxide dissolution rate.
3. The renal threshold: the default person (70 kg, eGFR 75, diet 280 mg/d) is at the middle of
   the IOM 1997 normal range, 0.85 mmol/L.
4. Fatemi 1991 (J Clin Endocrinol Metab 73:1067): 3 weeks of a diet with < 1 mEq Mg/day lowered
   serum Mg from 0.80 to 0.61 mmol/L -> the width of the renal threshold (how much Mg the kidney
   still loses as serum falls), jointly with 3.

Run: PYTHONPATH=src python calibration/magnesium.py
"""
from __future__ import annotations

import math

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq, fsolve

MEAL_MMOL = 1.5          # assumed Mg content of Fine's standard meal (not in the abstract)
HIGH_MMOL = MEAL_MMOL + 40.0
F_LOW, F_HIGH, F_PASSIVE = 0.65, 0.11, 0.07   # fine1991
K_TRANSIT = 0.1375       # 1/h: time scale of the gut (mean residence ~7 h); sets speed, not fractions


def fine_meal_parameters() -> tuple[float, float]:
    """Vmax (mmol/meal) and Km (mmol) of absorbed = Vmax*D/(Km+D) + 0.07*D through Fine's two points."""
    def eqs(x):
        vm, km = x
        return [vm / (km + MEAL_MMOL) + F_PASSIVE - F_LOW, vm / (km + HIGH_MMOL) + F_PASSIVE - F_HIGH]
    vm, km = fsolve(eqs, [2.0, 2.0])
    return float(vm), float(km)


K_GUT_KM = 2.0           # mmol, Michaelis constant of the saturable (transcellular) route: assumed
K_RECOVER_RATIO = 0.2    # recovery of absorptive capacity relative to transit (fitted family, see below)


def bolus_fraction(dose: float, kv: float, qmax: float, ktr: float, kdiss: float | None = None) -> float:
    """Fraction of an oral bolus absorbed by the gut ODE of module.py (soluble, or oxide if kdiss).

    Saturable uptake kv*cap*G/(Km+G) uses up a capacity ``cap`` (qmax mmol per full use) that
    recovers at krec = 0.2*ktr; passive uptake kpass*G with kpass/(kpass+ktr) = 7 % (Fine 1991).
    """
    kpass = F_PASSIVE / (1 - F_PASSIVE) * ktr
    krec = K_RECOVER_RATIO * ktr

    def rhs(_, y):
        ox, g, cap, a = y
        sat = kv * cap * g / (K_GUT_KM + g)
        diss = 0.0 if kdiss is None else kdiss * ox
        return [-diss - ktr * ox, diss - sat - kpass * g - ktr * g, -sat / qmax + krec * (1 - cap),
                sat + kpass * g]
    y0 = [dose, 0.0, 1.0, 0.0] if kdiss is not None else [0.0, dose, 1.0, 0.0]
    sol = solve_ivp(rhs, (0, 240), y0, method="LSODA", rtol=1e-9, atol=1e-12)
    return float(sol.y[3, -1] / dose)


def gut_parameters() -> tuple[float, float]:
    """kv (mmol/h) and qmax (mmol) through Fine's two points.  The fraction absorbed is invariant
    to a common time scale of kv, ktr and krec: K_TRANSIT sets that scale (gut rate at rest
    kv/Km + kpass + ktr kept below 1/h so the population path stays explicit)."""
    def eqs(x):
        kv, q = np.exp(x)
        return [bolus_fraction(MEAL_MMOL, kv, q, K_TRANSIT) - F_LOW,
                bolus_fraction(HIGH_MMOL, kv, q, K_TRANSIT) - F_HIGH]
    kv, q = np.exp(fsolve(eqs, np.log([1.4, 1.0])))
    return float(kv), float(q)


def oxide_dissolution(kv: float, qmax: float) -> float:
    dose = 10.5  # mmol, ~21 mEq (firoz2001)
    return brentq(lambda kd: bolus_fraction(dose, kv, qmax, K_TRANSIT, kd) - 0.04, 1e-5, 5.0)


def _system_with(**values):
    from vitasim.model.system import with_parameters
    from vitasim.simulate import default_system
    return with_parameters(default_system(), **values) if values else default_system()


def renal_threshold(width: float | None = None) -> float:
    """Threshold putting the default person at 0.85 mmol/L (closed form of module.py's steady state)."""
    import vitasim
    from vitasim.solve.codegen import compile_system
    from vitasim.population import typical_vector
    system = _system_with()
    profile = vitasim.load_profile({"person": {"age": 75, "weight": "70 kg", "egfr": 75}})

    def serum(thr):
        s = _system_with(mg_thr=thr, **({} if width is None else {"mg_thr_width": width}))
        vec, _ = typical_vector(s, profile)
        p = vec[None, :].copy()
        y0 = np.zeros((1, len(s.states)))
        compile_system(s).prepare_population(p, y0)
        return p[0, s.pindex("mg_s0")]
    return brentq(lambda thr: serum(thr) - 0.85, 0.4, 1.6)


def fatemi_drop(width: float, thr: float) -> float:
    """Serum Mg after 21 days of a ~10 mg/day diet from a measured 0.80 mmol/L (module.py)."""
    import vitasim
    from dataclasses import replace
    from vitasim.simulate import build_problem
    from vitasim.solve import solve_reference
    from vitasim.solve.codegen import compile_system
    system = _system_with(mg_thr_width=width, mg_thr=thr)
    profile = vitasim.load_profile({"person": {"age": 30, "weight": "70 kg", "egfr": 100},
                                    "labs": {"mg": "0.80 mmol/L"}})
    prob, _, _ = build_problem(system, profile, days=21, population=1, seed=0, quantities=["mg_serum"],
                               output_every_days=21)
    # start in steady state on the usual diet at 0.80 mmol/L (the prepared problem); from day 0 the
    # absorbed dietary Mg is that of ~10 mg/day (< 1 mEq/day), with the person's absorption efficiency
    params = prob.params.copy()
    eff = params[0, system.pindex("mg_eff")]
    low_diet = 10.0 / 24.305 / 24.0   # mmol/h
    f_low = params[0, system.pindex("mg_f_diet")]   # upper bound of the fraction absorbed at a low intake
    params[0, system.pindex("mg_abs_diet")] = eff * low_diet * f_low
    y0 = prob.y0
    out = solve_reference(replace(prob, params=params, y0=y0))
    return float(out.values[0, -1, 0])


def main() -> None:
    vm, km = fine_meal_parameters()
    print(f"mg_meal_vmax = {vm:.4g} mmol per meal, mg_meal_km = {km:.4g} mmol   (fine1991, per-meal form)")
    kv, q = gut_parameters()
    kpass = F_PASSIVE / (1 - F_PASSIVE) * K_TRANSIT
    print(f"mg_gut_kv = {kv:.4g} mmol/h, mg_gut_qmax = {q:.4g} mmol, mg_gut_km = {K_GUT_KM} mmol, "
          f"mg_gut_ktr = {K_TRANSIT} 1/h, mg_gut_kpass = {kpass:.4g} 1/h, mg_gut_krec = {K_RECOVER_RATIO * K_TRANSIT:.4g} 1/h")
    print(f"   gut rate at rest kv/Km + kpass + ktr = {kv / K_GUT_KM + kpass + K_TRANSIT:.3f} 1/h")
    for d in (MEAL_MMOL, 4.1, 10.5, 16.5, HIGH_MMOL):
        fine = vm / (km + d) + F_PASSIVE
        print(f"   soluble bolus {d:5.1f} mmol ({d * 24.305:6.0f} mg): model {bolus_fraction(d, kv, q, K_TRANSIT):.3f}"
              f"  Fine form {fine:.3f}")
    kd = oxide_dissolution(kv, q)
    print(f"mg_oxide_kdiss = {kd:.4g} 1/h  (oxide 10.5 mmol absorbed 4 %; soluble salt at that dose: "
          f"{bolus_fraction(10.5, kv, q, K_TRANSIT):.3f})")
    width = brentq(lambda w: fatemi_drop(w, renal_threshold(w)) - 0.61, 0.05, 0.2, xtol=1e-4)
    thr = renal_threshold(width)
    print(f"mg_thr_width = {width:.4g} mmol/L  (Fatemi 1991: 0.80 -> 0.61 mmol/L in 21 days of < 1 mEq/d)")
    print(f"mg_thr = {thr:.4g} mmol/L  (default person at 0.85 mmol/L)")


if __name__ == "__main__":
    main()
