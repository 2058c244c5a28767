"""Calibrate the vitamin B12 module's free parameters on CALIBRATION data only.

Fitted or derived here (the values module.py carries are printed at the end):

1. Intrinsic-factor (IF) absorption ``b12_vif``, ``b12_kif``: 56 % of a 1 ug oral dose absorbed
   (ODS fact sheet) and 2.0 ug absorbed through IF from a 500 ug dose (IOM 1998: 1.5-2.5 ug per
   meal saturates the ileal receptors; midpoint).
2. IM retention ``b12_vret_*``, ``b12_kret_*`` per form: Glass 1961, 72-h urinary loss after
   500 / 1000 ug IM: cyanocobalamin 60 / 69 %, hydroxocobalamin 16 / 27 %.
3. Serum scaling ``b12_cs``, ``b12_cp``: a man aged 45 on an omnivore diet (5 ug/d, IOM median)
   has serum B12 281 pmol/L (Gilsing 2010 omnivore mean); Kuzminski 1998's ORAL arm (2000 ug/d
   for 4 months from 93 pg/mL; all assumed to lack intrinsic factor) reaches 1005 pg/mL.
4. MMA curve ``b12_mma_floor``, ``b12_mma_n``: MMA = floor + (376 - floor) (148/serum)^n through
   Kuzminski's ORAL arm (3850 nmol/L at baseline, 169 at 4 months) and, by assumption, through
   the two deficiency cut-offs (148 pmol/L, 376 nmol/L; Bailey 2011).
5. Medicine factors: the log-SD of serum B12 implied by de Jager 2010 (-19 % shift moved
   deficiency from 2.7 % to 9.9 %), then metformin's steady-state IF factor (de Jager's shift
   after 4.3 y, corrected for this model's store turnover) and the PPI / H2-blocker food
   factors that reproduce Lam 2013's odds ratios (1.65, 1.25) from a 6 % baseline prevalence
   (Chan 2016).

Validation data are kept apart, in tests/validation/test_b12.py: Kuzminski 1998's IM arm,
Eussen 2005's dose finding, Sharabi 2003's 4-week rise.

Run: ``PYTHONPATH=src python calibration/b12.py`` (about a minute).
"""
from __future__ import annotations

import math

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq, least_squares
from scipy.stats import norm

import vitasim
from vitasim.model import with_parameters
from vitasim.simulate import default_system, simulate

MM = {"cyanocobalamin": 1355.37, "hydroxocobalamin": 1346.36}
PG_PER_PMOL = 1355.37 / 1000.0


def _par(system, name):
    return next(p.value for p in system.parameters if p.name == name)


def absorbed_from_dose(ug: float, vif: float, kif: float, ktr: float, kpas: float) -> tuple[float, float]:
    """(IF-absorbed, passively absorbed) ug from one oral dose of ``ug`` micrograms."""
    d = ug / MM["cyanocobalamin"] * 1000.0

    def rhs(_t, y):
        g = y[0]
        up = vif * g / (kif + g)
        return [-(ktr + kpas) * g - up, up, kpas * g]
    sol = solve_ivp(rhs, (0, 200), [d, 0.0, 0.0], method="LSODA", rtol=1e-10, atol=1e-14)
    return sol.y[1, -1] * MM["cyanocobalamin"] / 1000.0, sol.y[2, -1] * MM["cyanocobalamin"] / 1000.0


IF_FIRST_ORDER = 0.7  # 1/h: vif/kif, the IF uptake rate of a trace dose (kept < 1/h: no needlessly fast rate)


def fit_if(ktr: float, kpas: float) -> tuple[float, float]:
    """One free number (vif; kif = vif / 0.7 h) fitted to both targets by least squares.

    With one gut compartment the two targets conflict (the IF-absorbed amount grows with the
    logarithm of the dose): the fit lands between them, a documented residual."""
    def res(x):
        vif = float(np.exp(x[0]))
        kif = vif / IF_FIRST_ORDER
        a1 = sum(absorbed_from_dose(1.0, vif, kif, ktr, kpas))
        a500_if = absorbed_from_dose(500.0, vif, kif, ktr, kpas)[0]
        return [(a1 - 0.56) / 0.56, (a500_if - 2.0) / 2.0]
    sol = least_squares(res, np.log([0.05]), xtol=1e-12, ftol=1e-12)
    vif = float(np.exp(sol.x[0]))
    return vif, vif / IF_FIRST_ORDER


def retained(ug: float, form: str, vret: float, kret: float, kren: float) -> float:
    d = ug / MM[form] * 1000.0

    def rhs(_t, y):
        a = y[0]
        r = vret * a / (kret + a)
        return [-kren * a - r, r]
    sol = solve_ivp(rhs, (0, 400), [d, 0.0], method="LSODA", rtol=1e-10, atol=1e-12)
    return sol.y[1, -1] / d


MAX_RET_RATE = 0.5  # 1/h: vret/kret, the retention rate of a trace dose, bounded (no needlessly fast rate)


def fit_im(form: str, kren: float, targets: tuple[float, float]) -> tuple[float, float]:
    """(vret, kret) with vret/kret <= 0.5/h, least squares on the two retained fractions."""
    def res(x):
        vret = float(np.exp(x[0]))
        kret = vret * float(np.exp(x[1]))
        return [retained(500, form, vret, kret, kren) - targets[0], retained(1000, form, vret, kret, kren) - targets[1]]
    sol = least_squares(res, [np.log(5.0), np.log(10.0)], bounds=([-10, np.log(1 / MAX_RET_RATE)], [10, 15]),
                        xtol=1e-12, ftol=1e-12)
    vret = float(np.exp(sol.x[0]))
    return vret, vret * float(np.exp(sol.x[1]))


def kuzminski_oral_final(system) -> float:
    """Serum B12 (pmol/L) after 120 days of 2000 ug/d oral cyanocobalamin from 93 pg/mL, no IF."""
    prof = vitasim.load_profile({"person": {"age": 70}, "labs": {"b12": "93 pg/mL"},
                                 "conditions": ["pernicious anaemia"],
                                 "regimen": [{"supplement": "cyanocobalamin", "dose": "2000 ug", "every": "1 day"}]})
    res = simulate(prof, days=120, solver="population", quantities=["b12_serum"], output_every_days=120,
                   system=system, rules=False)
    return float(res.per_person["b12_serum"][0, -1])


def main() -> None:
    base = default_system()
    ktr = _par(base, "b12_ktr")
    kpas = _par(base, "b12_f_passive") / (1 - _par(base, "b12_f_passive")) * ktr
    print(f"passive fraction kpas/(ktr+kpas) = {kpas / (ktr + kpas):.4f} (target 0.01)")
    vif, kif = fit_if(ktr, kpas)
    print(f"b12_vif = {vif:.4g} nmol/h, b12_kif = {kif:.4g} nmol")
    for ug in (1, 5, 10, 25, 50, 500, 1000, 2000):
        i, p = absorbed_from_dose(ug, vif, kif, ktr, kpas)
        print(f"   {ug:5d} ug: IF {i:.2f} ug + passive {p:.2f} ug = {100 * (i + p) / ug:.1f} %")
    kren = _par(base, "b12_kren")
    vcn, kcn = fit_im("cyanocobalamin", kren, (0.40, 0.31))
    voh, koh = fit_im("hydroxocobalamin", kren, (0.84, 0.73))
    print(f"b12_vret_cn = {vcn:.4g}, b12_kret_cn = {kcn:.4g}; b12_vret_oh = {voh:.4g}, b12_kret_oh = {koh:.4g}")
    for f, v, k in (("cyanocobalamin", vcn, kcn), ("hydroxocobalamin", voh, koh)):
        print(f"   {f}: retained 100/500/1000 ug = " + ", ".join(f"{100 * retained(u, f, v, k, kren):.0f} %"
                                                                   for u in (100, 500, 1000)))

    # 3. serum scaling: typical man (5 ug/d, 51 % absorbed) at 281 pmol/L, and Kuzminski oral arm.
    kloss_h = _par(base, "b12_kloss") / 24
    kp = math.log(2) / (_par(base, "b12_t_half_circ") * 24)
    intake = 5.0 * (0.5 + 0.01) / 1.35537 / 24  # nmol/h absorbed
    system = with_parameters(base, b12_vif=vif, b12_kif=kif, b12_vret_cn=vcn, b12_kret_cn=kcn,
                             b12_vret_oh=voh, b12_kret_oh=koh)

    def scaled(ws):
        return with_parameters(system, b12_cs=ws * 281.0 * kloss_h / intake, b12_cp=(1 - ws) * 281.0 * kp / intake)
    target = 1005.0 / PG_PER_PMOL
    ws = brentq(lambda w: kuzminski_oral_final(scaled(w)) - target, 0.2, 0.999, xtol=1e-5)
    cs, cp = ws * 281.0 * kloss_h / intake, (1 - ws) * 281.0 * kp / intake
    print(f"store share of typical serum B12 = {ws:.4f}: b12_cs = {cs:.5g}, b12_cp = {cp:.5g} pmol/L per nmol")

    # 4. MMA curve through (68.6, 3850), (148, 376) and (741.5, 169).
    c_base, c_end = 93.0 / PG_PER_PMOL, target

    def n_of(f):
        return math.log((3850 - f) / (376 - f)) / math.log(148 / c_base)
    floor = brentq(lambda f: f + (376 - f) * (148 / c_end) ** n_of(f) - 169.0, 50.0, 168.99)
    print(f"b12_mma_floor = {floor:.1f} nmol/L, b12_mma_n = {n_of(floor):.3f}")

    # 5. medicine factors.
    sigma = -math.log(0.81) / (norm.ppf(0.099) - norm.ppf(0.027))
    w_p = 1 - ws
    settle = 1 - math.exp(-_par(base, "b12_kloss") * 4.3 * 365)
    met = 1 - 0.19 / (ws * settle + w_p)
    p0 = 0.06
    factors = {}
    for name, odds_ratio in (("ppi", 1.65), ("h2", 1.25)):
        odds = p0 / (1 - p0) * odds_ratio
        p1 = odds / (1 + odds)
        factors[name] = math.exp(-(norm.ppf(p1) - norm.ppf(p0)) * sigma)
    print(f"log-SD of serum B12 (de Jager) = {sigma:.3f}; store settled {settle:.2f} after 4.3 y")
    print(f"b12_met_if = {met:.3f}; b12_ppi_food = {factors['ppi']:.3f}; b12_h2_food = {factors['h2']:.3f}")


if __name__ == "__main__":
    main()
