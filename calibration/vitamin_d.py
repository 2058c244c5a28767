"""Calibrate the vitamin D module's free parameters jointly on the CALIBRATION arms only.

Arms: ``calibration/data/vitamin_d.yaml`` (role fixed there before any fit).  The joint fit
(``calibration/fit.py``, weighted least squares on every calibration arm at once) estimates the
parameters in ``FIT``; validation arms (Barger-Lux 1998 25 ug/d, pilot D-Health 30 000 IU/month,
van Groningen 2010 smaller courses, Chapuy 1992, Scragg 1995) are only reported.  The D2 catabolism
``cl_other_d2_ref`` keeps its separate one-target calibration (``fit_d2`` below: daily D2 raises total
25(OH)D 40 % less than D3, van den Heuvel 2024), run after the D3 fit.

Run: ``python calibration/fit.py vitamin_d`` (re-runs the joint fit and writes
``calibration/fits/vitamin_d.json``; the D2 step runs after the joint fit, with its values).
"""
from __future__ import annotations

import numpy as np

from fit import FitSpec


def fit_d2(values: dict[str, float] | None = None) -> dict[str, float]:
    """cl_other_d2_ref so that daily D2 (1000 IU, 16 weeks, from 40 nmol/L) raises total 25(OH)D 40 % less than D3."""
    import vitasim
    from scipy.optimize import least_squares
    from vitasim.model import with_parameters
    from vitasim.simulate import simulate, system_for

    base = with_parameters(system_for(["25ohd"]), **(values or {}))

    def rise(system, form: str) -> float:
        prof = vitasim.load_profile({"person": {"age": 66, "sex": "female", "weight": "70 kg"},
                                     "labs": {"25ohd": "40 nmol/L"},
                                     "regimen": [{"supplement": form, "dose": "1000 IU", "every": "1 day"}]})
        res = simulate(prof, days=112, solver="population", quantities=["25ohd"], output_every_days=112,
                       system=system, rules=False)
        return float(res.values("25ohd", "nmol/L")[0, -1]) - 40.0

    def resid(x: np.ndarray) -> np.ndarray:
        system = with_parameters(base, cl_other_d2_ref=float(np.exp(x[0])))
        return np.array([rise(system, "D2") / rise(system, "D3") - 0.60])

    fit = least_squares(resid, np.log([0.3]), diff_step=1e-2, bounds=(np.log(1e-4), np.log(10.0)))
    value = float(f"{np.exp(fit.x[0]):.4g}")
    print(f"cl_other_d2_ref = {value} L/h, residual {fit.fun}")
    return {"cl_other_d2_ref": value}


FIT = FitSpec(
    module="vitamin_d",
    parameters=("vmax_ref", "cl_lin_ref", "cl_other_d3_ref", "q_ref"),
    bounds={"vmax_ref": (0.2, 5.0), "cl_lin_ref": (1e-3, 0.2), "cl_other_d3_ref": (1e-3, 2.0), "q_ref": (1e-3, 1.0)},
    quantities=("25ohd",),
    post=fit_d2,
    post_note="cl_other_d2_ref refitted with the D3 values so that daily D2 raises total 25(OH)D 40 % less than D3 "
              "(van den Heuvel 2024; 1000 IU/d, 16 weeks, from 40 nmol/L)",
)


if __name__ == "__main__":
    from fit import main
    raise SystemExit(main(["vitamin_d", *sys.argv[1:]]))
