"""Calibrate the vitamin K module on calibration data only; prints the values module.py carries.

Calibration data (validation uses other numbers, see tests/validation/test_vitamin_k.py):

* k_cl_mk7: Knapen 2015 (J Nutr Sci): 2 x 28 ug/d MK-7 for 12 weeks raised fasting MK-7 from
  0.28 to 1.94 ng/mL; at steady state CL/F = daily dose / rise (a 3-day half-life makes the
  fasting level close to the daily mean).
* k_ka: Schurgers 2007: oral K1 peaks at 4 h (one compartment, K1 half-time 8.8 h).
* k_f_mk4: Sato 2012: 420 ug MK-4 undetectable; we take a peak rise of 0.1 ng/mL as the limit.
* k_w_h7: Theuwissen 2013: on acenocoumarol (INR 2.0) MK-7 10, 20 then 45 ug/d for 2 weeks each;
  the 45 ug/d step lowered the INR by about 40 % (the 10 and 20 ug/d steps are validation).
* k_ucmgp_u0: Knapen 2015 (Thromb Haemost): 180 ug/d MK-7 for 3 years, dp-ucMGP -50 % vs placebo.

Run: PYTHONPATH=src python calibration/vitamin_k.py

dp-ucMGP (issue 10): ``k_ucmgp_u0`` and ``k_t_half_mgp`` are now fitted jointly by the shared engine
(``python calibration/fit.py vitamin_k``, arms in calibration/data/vitamin_k.yaml: Knapen 2015 3 years and
Dalmeijer 2012 180 ug/d at 12 weeks; Dalmeijer 2012 360 ug/d is validation); ``FIT`` below.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import brentq

import vitasim
from vitasim.model.system import with_parameters
from vitasim.simulate import default_system, simulate

from fit import FitSpec

FIT = FitSpec(
    module="vitamin_k",
    parameters=("k_ucmgp_u0", "k_t_half_mgp"),
    bounds={"k_ucmgp_u0": (0.3, 0.99), "k_t_half_mgp": (24.0, 24.0 * 365)},
    quantities=("dp_ucmgp",),
)


def _pars(system):
    return {p.name: p.value for p in system.parameters}


def cl_mk7() -> float:
    dose_ug_per_h = 2 * 28.0 / 24.0
    rise_ug_per_l = 1.94 - 0.28
    return dose_ug_per_h / rise_ug_per_l


def ka(t_half_k1: float, tmax: float = 4.0) -> float:
    ke = np.log(2) / t_half_k1
    return brentq(lambda k: np.log(k / ke) / (k - ke) - tmax, ke * 1.0001, 20.0)


def f_mk4(system, limit_ng_per_ml: float = 0.1) -> float:
    p = _pars(system)
    k, ke = p["k_ka"], np.log(2) / p["k_t_half_mk4"]
    v = p["k_cl_mk7"] * p["k_k1_mk7_ratio"] / (np.log(2) / p["k_t_half_k1"])
    t = np.linspace(0, 24, 2401)
    shape = k / (k - ke) * (np.exp(-ke * t) - np.exp(-k * t))
    dose_nmol = 420.0 / 444.7 * 1000
    peak_ng = (dose_nmol / v * shape.max()) * 444.7 / 1000
    return limit_ng_per_ml / peak_ng


def theuwissen_inr(system, day: float = 42) -> tuple[float, float]:
    profile = vitasim.load_profile({"person": {"age": 50}, "labs": {"inr": 2.0}, "medications": ["acenocoumarol"],
                                    "regimen": [{"supplement": "MK-7", "dose": f"{d} ug", "every": "1 day",
                                                 "start": f"{14 * i} day", "stop": f"{14 * (i + 1)} day"}
                                                for i, d in enumerate((10, 20, 45))]})
    res = simulate(profile, days=day, quantities=["inr"], output_every_days=1, system=system, rules=False)
    inr = res.data["inr"].values
    return float(inr[0]), float(inr[-1])


def knapen_mgp(system, years: float = 3) -> float:
    profile = vitasim.load_profile({"person": {"age": 60, "sex": "female"},
                                    "regimen": [{"supplement": "MK-7", "dose": "180 ug", "every": "1 day"}]})
    res = simulate(profile, days=365 * years, quantities=["dp_ucmgp"], output_every_days=30, system=system,
                   rules=False)
    v = res.data["dp_ucmgp"].values
    return float(v[-1] / v[0])


def main() -> None:
    system = default_system()
    p = _pars(system)
    print(f"k_cl_mk7   = {cl_mk7():.3f} L/h   (module {p['k_cl_mk7']})")
    print(f"k_ka       = {ka(p['k_t_half_k1']):.3f} 1/h   (module {p['k_ka']})")
    print(f"k_f_mk4    = {f_mk4(system):.4f}       (module {p['k_f_mk4']})")

    def inr_gap(w):
        base, end = theuwissen_inr(with_parameters(system, k_w_h7=w))
        return end / base - 0.60
    w = brentq(inr_gap, 0.2, 20.0, xtol=1e-3)
    print(f"k_w_h7     = {w:.3f}        (module {p['k_w_h7']})")

    def mgp_gap(u0):
        return knapen_mgp(with_parameters(system, k_ucmgp_u0=u0)) - 0.5
    u0 = brentq(mgp_gap, 0.5, 0.99, xtol=1e-3)
    print(f"k_ucmgp_u0 = {u0:.3f}        (module {p['k_ucmgp_u0']})")


if __name__ == "__main__":
    main()
