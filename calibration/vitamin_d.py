"""Calibrate the vitamin D module's free parameters on CALIBRATION data only.

Free parameters: ``vmax_ref`` (started from Ocampo-Pelland 2016's 1.62 nmol/h), ``cl_lin_ref``
and ``cl_other_d2_ref``.  Calibration data:

* Gallagher 2012 (Ann Intern Med 156:425): older women, baseline 25(OH)D 39 nmol/L; after 12
  months of 4000-4800 IU/d the dose-response plateaus at about 112 nmol/L (we fit 4400 IU/d).
* Ekwaru 2014 (PLoS One 9:e111265): in long-term supplement users each extra 1000 IU/d adds
  only 1.1 nmol/L between 15 000 and 20 000 IU/d (we fit two years of use from 60 nmol/L;
  duration and baseline are not reported in the abstract: assumptions).
* van den Heuvel 2024 (Adv Nutr 15:100133): daily D2 raises total 25(OH)D 40 % less than the
  same daily dose of D3 (we fit 1000 IU/d for 16 weeks from 40 nmol/L).

Validation data are kept apart, in tests/validation/ (Cashman 2009, Ekwaru's low-dose slope,
van Groningen 2010, Hammami 2017, Veugelers 2015, Ilahi 2008, Armas 2004, Tripkovic 2012).

Run: ``python calibration/vitamin_d.py`` (a minute or two); it prints the values module.py carries.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import least_squares

import vitasim
from vitasim.model import with_parameters
from vitasim.simulate import default_system, run

WEIGHT = "70 kg"


def _profile(baseline_nmol: float, regimen: list[dict]) -> vitasim.profile.Profile:
    return vitasim.load_profile({"person": {"age": 66, "sex": "female", "weight": WEIGHT},
                                 "labs": {"25ohd": f"{baseline_nmol} nmol/L"}, "regimen": regimen})


def final_25ohd(system, baseline: float, regimen: list[dict], days: float) -> float:
    res, _, _ = run(_profile(baseline, regimen), days=days, solver="population", quantities=["25ohd"],
                    output_every_days=days, system=system)
    return float(res.data["25ohd"].values[-1]) * 2.4962  # ng/mL -> nmol/L (MW 400.64)


def residuals_d3(x: np.ndarray) -> np.ndarray:
    vmax, cl_lin = np.exp(x)
    system = with_parameters(default_system(), vmax_ref=vmax, cl_lin_ref=cl_lin)
    gallagher = final_25ohd(system, 39.0, [{"supplement": "D3", "dose": "4400 IU", "every": "1 day"}], 365)
    hi = [final_25ohd(system, 60.0, [{"supplement": "D3", "dose": f"{d} IU", "every": "1 day"}], 730)
          for d in (15000, 20000)]
    slope = (hi[1] - hi[0]) / 5.0
    return np.array([(gallagher - 112.0) / 112.0, (slope - 1.1) / 1.1])


def residual_d2(x: np.ndarray, system) -> np.ndarray:
    system = with_parameters(system, cl_other_d2_ref=float(np.exp(x[0])))
    reg = lambda form: [{"supplement": form, "dose": "1000 IU", "every": "1 day"}]
    d3 = final_25ohd(system, 40.0, reg("D3"), 112) - 40.0
    d2 = final_25ohd(system, 40.0, reg("D2"), 112) - 40.0
    return np.array([(d2 / d3) - 0.60])


def main() -> None:
    base = default_system()
    fit = least_squares(residuals_d3, np.log([1.62, 0.005]), diff_step=1e-3, xtol=1e-8)
    vmax, cl_lin = np.exp(fit.x)
    print(f"vmax_ref = {vmax:.4g} nmol/h, cl_lin_ref = {cl_lin:.4g} L/h; relative residuals {np.round(fit.fun, 4)}")
    system = with_parameters(base, vmax_ref=vmax, cl_lin_ref=cl_lin)
    fit2 = least_squares(residual_d2, np.log([0.05]), args=(system,), diff_step=1e-2, bounds=(np.log(1e-4), np.log(10.0)))
    print(f"cl_other_d2_ref = {np.exp(fit2.x[0]):.4g} L/h, residual {fit2.fun}")


if __name__ == "__main__":
    main()
