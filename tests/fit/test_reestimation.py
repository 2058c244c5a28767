"""Simulation and re-estimation, small: the batched MAP equals scipy's, and the 90 % prediction
interval of a held-out lab covers about 90 % of simulated people (the full >= 1000-people table:
benchmarks/fit_reestimation.py)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from vitasim.fit.batch import find_modes
from vitasim.fit.model import FitModel
from vitasim.fit.posterior import find_mode
from vitasim.fit.reestimate import Scenario, _observations, run, simulate_people

SCENARIO = Scenario("vitd_2000", "older woman, 2000 IU/d; fit week 12, predict week 24",
                    {"person": {"age": 72, "sex": "female", "weight": "68 kg"}, "labs": {"25ohd": "14 ng/mL"},
                     "regimen": [{"supplement": "vitamin D3", "dose": "2000 IU", "every": "1 day"}]},
                    "25ohd", (84.0,), 168.0)


def test_batched_modes_equal_scipy_modes():
    model, _, measured = simulate_people(SCENARIO, 5, seed=7)
    person = lambda i: FitModel(model.system, model.base, model.estimated,
                                _observations("25ohd", (84.0,), measured[i, :-1]), model.ev_t, model.ev_s,
                                model.ev_a, model.outputs)
    x, covs, *_ , ok = find_modes(person(0), measured[:, :-1])
    assert ok.all()
    for i in range(5):
        mode = find_mode(person(i))
        np.testing.assert_allclose(x[i], mode.eta, atol=1e-4)
        np.testing.assert_allclose(covs[i], mode.covariance, rtol=1e-3)


@pytest.mark.slow
def test_held_out_coverage_and_gain():
    n = 150
    res = run(SCENARIO, n=n, seed=11)
    half_width = 3 * math.sqrt(0.9 * 0.1 / n)          # 3 Monte Carlo SEs around 90 %
    assert abs(res["coverage_90"] - 0.90) <= half_width, res
    assert res["rmse_individual"] < res["rmse_population"], res
    for p in res["parameters"]:
        assert abs(p["bias_pct"]) < 5.0 and p["rmse_pct"] < p["prior_rmse_pct"], p
