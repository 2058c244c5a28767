"""Calibrate the lumbar-spine BMD part of the calcium/bone module; prints the values module.py carries.

Why a refit (issue 4): with the published Peterson & Riggs 2012 denosumab-fitted BMD equation
(dBMD/dt = kout (OB/OB0)^gOB - kout (OC/OC0)^gOC BMD) daily teriparatide LOSES bone, because in the
Peterson & Riggs 2010 cell model teriparatide raises osteoclasts more than osteoblasts (1.71 vs 1.49
x baseline at 12 months), and under denosumab teriparatide adds nothing (osteoblasts follow the
osteoclast-derived TGF-beta), so the combination arm equals denosumab alone.  The 2012 paper fitted
the BMD component to denosumab data only (Miller 2008); it has no teriparatide BMD set.  We add a
teriparatide anabolic term on formation (module DEVIATION 5) and refit kout, gOB, gOC together with
its size, WITH the vitasim age-related loss (0.5 %/y in women), which the published fit did not have
(its drug parameters absorbed the trials' background change, so adding the loss on top of them
double-counted it: -1 %-point at 24 months of denosumab).

Calibration data (legacy OpenBoneMin files, /work/shared/data/openbonemin_legacy, 28-day months):
* teri_data8.csv: every teriparatide 20 ug/d arm with lumbar data EXCEPT ID 34 (validation) and
  ID 30 (corrupt values), points up to 24 months;
* deno_FINAL_check(5).csv: phase-2 arms ALT.ID 35-38, 40, 41 (6/14/30 mg Q3M, 14/100/210 mg Q6M) up
  to 24 months (before the switch to 60 mg), and the 60 mg Q6M arms ID 8, 11 and 15 (to 36 months).
Validation (tests/validation/test_calcium_bone.py, NOT used here): teri_data8 ID 34, denosumab ID 5
(ALT.ID 39, 60 mg Q6M) and the DATA combination arm (Leder_study_combination_arm.csv).

Method: the BMD equation does not feed back on the cell model, so osteoblasts/osteoclasts are
simulated once per arm (typical 65-year-old woman, eGFR 100, 25(OH)D 75 nmol/L) and BMD is
integrated on their daily values for each trial parameter set (least squares in %-points, each arm
weighted by its number of points).  The fitted set is then checked with the full model.

Run: PYTHONPATH=src python calibration/calcium_bone.py [DATA_DIR]
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

import vitasim
from vitasim.model.system import with_parameters
from vitasim.simulate import default_system, simulate

DATA = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/openbonemin_legacy")
MONTH_H = 672.0
AGE_LOSS = 0.5 / 100 / 8766  # 1/h, cb_bmd_age_loss_f (women, typical vitamin K status)
TERI_K = 1.0 / (7 * 24)      # cb_teri_anab_k
TERI_X50 = 1.0               # cb_teri_anab_x50
TERI_EXCLUDE = {34, 30}
DENO_IDS = (1, 2, 3, 4, 6, 7, 8, 11, 15)
DENO_MAX_MONTH = {1: 24, 2: 24, 3: 24, 4: 24, 6: 24, 7: 24}  # phase-2 arms: before the switch to 60 mg
FIT = ("cb_kout_bmd", "cb_gam_ob_bmd", "cb_gam_oc_bmd", "cb_teri_anab_emax")

# Secondary hyperparathyroidism (DEVIATION 7, issue 10): the shared joint-fit engine,
# python calibration/fit.py calcium_bone (arms in calibration/data/calcium_bone.yaml).
from fit import FitSpec  # noqa: E402

JOINT_FIT = FitSpec(module="calcium_bone", parameters=("cb_pth_vd_amp",), bounds={"cb_pth_vd_amp": (0.01, 100.0)},
                    quantities=("pth",))


def _profile(regimen):
    return vitasim.load_profile({"person": {"age": 65, "sex": "female", "weight": "70 kg",
                                            "egfr": "100 mL/min/1.73m2"},
                                 "labs": {"25ohd": "75 nmol/L"}, "regimen": regimen})


def teri(every_days=1):
    return [{"supplement": "teriparatide", "dose": "20 ug", "every": f"{every_days} day", "route": "subcutaneous"}]


def deno(mg, every_days):
    return [{"supplement": "denosumab", "dose": f"{mg:g} mg", "every": f"{every_days:g} day",
             "route": "subcutaneous"}]


def cells(regimen, days):
    """Daily osteoblasts and osteoclasts relative to baseline (the cell model ignores BMD)."""
    res = simulate(_profile(regimen), days=days, quantities=["osteoblasts_rel", "osteoclasts_rel"],
                   output_every_days=1, rules=False)
    return res.per_person["osteoblasts_rel"][0], res.per_person["osteoclasts_rel"][0]


def bmd_pct(ob, oc, teri_on, theta):
    """Lumbar BMD change (%) on the daily grid: the module's equation, integrated exactly per day."""
    kout, gob, goc, emax = theta
    n = len(ob)
    t_h = np.arange(n) * 24.0
    x = (1 - np.exp(-TERI_K * t_h)) if teri_on else np.zeros(n)
    obm = 0.5 * (ob[1:] + ob[:-1])
    f = obm ** gob * (1 + emax * x[1:] / (TERI_X50 + x[1:]) * obm)
    r = (0.5 * (oc[1:] + oc[:-1])) ** goc
    b = np.empty(n)
    b[0] = 1.0
    for i in range(n - 1):
        ss = f[i] / r[i]
        b[i + 1] = ss + (b[i] - ss) * np.exp(-kout * r[i] * 24.0)
    return (b * np.exp(-AGE_LOSS * t_h) - 1) * 100


def teri_observed():
    d = pd.read_csv(DATA / "teri_data8.csv", na_values=".")
    d = d[(d.evid == 0) & d.lsBMD.notna() & (d.time > 0) & (d.time <= 24 * MONTH_H) & ~d.ID.isin(TERI_EXCLUDE)]
    return [(int(i), g.time.values / 24.0, g.lsBMD.values - 100) for i, g in d.groupby("ID")]


def deno_arms():
    d = pd.read_csv(DATA / "deno_FINAL_check(5).csv", na_values=".")
    arms = []
    for i in DENO_IDS:
        g = d[d.ID == i]
        doses = g[g.evid == 1]
        mg = float(doses.amt.iloc[0]) / 1e6
        every = float(np.diff(doses.time.values[:2])[0]) / 24.0
        obs = g[(g.evid == 0) & g["BMD.lumbar.spine_dv"].notna() & (g.time > 0)]
        obs = obs[obs.time <= DENO_MAX_MONTH.get(i, 36) * MONTH_H]
        arms.append((i, mg, every, obs.time.values / 24.0, obs["BMD.lumbar.spine_dv"].values - 100))
    return arms


def main():
    teri_arms = teri_observed()
    days = int(24 * 28)
    ob_t, oc_t = cells(teri(), days)
    sims = [("teri", i, True, ob_t, oc_t, t, y) for i, t, y in teri_arms]
    for i, mg, every, t, y in deno_arms():
        ob, oc = cells(deno(mg, every), int(np.ceil(t.max())))
        sims.append(("deno", i, False, ob, oc, t, y))

    def resid(theta):
        out = []
        for _, _, on, ob, oc, t, y in sims:
            m = bmd_pct(ob, oc, on, theta)
            out.append((np.interp(t, np.arange(len(m)), m) - y) / np.sqrt(len(t)))
        return np.concatenate(out)

    p0 = (0.000145, 0.0793, 0.0679, 0.1)
    fit = least_squares(resid, p0, bounds=([1e-5, 0.0, 0.0, 0.0], [2e-3, 1.0, 1.0, 2.0]), x_scale=p0)
    theta = fit.x
    print("published start", dict(zip(FIT, p0)), "rms %-pt", round(float(np.sqrt(np.mean(
        np.concatenate([(np.interp(t, np.arange(len(m := bmd_pct(ob, oc, on, p0))), m) - y) for _, _, on, ob, oc, t, y in sims]) ** 2))), 2))
    for name, v in zip(FIT, theta):
        print(f"{name} = {v:.6g}")
    for kind, i, on, ob, oc, t, y in sims:
        m = np.interp(t, np.arange(len(ob)), bmd_pct(ob, oc, on, theta))
        print(f"  {kind} ID {i}: " + ", ".join(f"{tt / 28:.0f} mo {yy:+.2f}/{mm:+.2f}" for tt, yy, mm in zip(t, y, m)))

    # check with the full model (observed vs model, % change at 12 / 24 months)
    system = with_parameters(default_system(), **dict(zip(FIT, map(float, theta))))
    for label, reg in (("teriparatide 20 ug/d", teri()), ("denosumab 60 mg Q6M", deno(60, 168)),
                       ("combination", teri() + deno(60, 168))):
        res = simulate(_profile(reg), days=days, quantities=["bmd_lumbar_change_pct"],
                       output_every_days=28, system=system, rules=False)
        v = res.per_person["bmd_lumbar_change_pct"][0]
        print(f"full model, {label}: 12 mo {v[12]:+.2f} %, 24 mo {v[24]:+.2f} %")


if __name__ == "__main__":
    main()
