"""Validation by simulation and re-estimation (as mapbayr was validated: lelouedec2021).

For a scenario (a profile, the days of the labs used for the fit and of one held-out lab):
draw people from the population (``eta ~ N(0, omega^2)``; a misspecified scenario adds
between-person variability in a parameter the fit's model keeps fixed), simulate their true
levels, add residual error, fit each person on the first labs only and predict the held-out one.
Reported: bias and precision of each learnt parameter (sheiner1981), eta-shrinkage (savic2009),
coverage of the 90 % prediction interval of the held-out lab, and its RMSE against the
population prediction.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from vitasim.fit.core import Z90, _predictive
from vitasim.fit.model import FitModel, Observation, model_for
from vitasim.fit.batch import find_modes
from vitasim.fit.residual import RESIDUALS
from vitasim.labs import CATALOGUE
from vitasim.profile import profile_from_dict

_LAB_OUTPUT = {lab.key: lab.output for lab in CATALOGUE if lab.output}


@dataclass(frozen=True)
class Scenario:
    """A virtual-patient scenario: ``fit_days`` labs are fitted, ``heldout_day`` is predicted."""

    name: str
    description: str
    profile: dict
    lab: str
    fit_days: tuple[float, ...]
    heldout_day: float
    truth_cv: dict[str, float] = field(default_factory=dict)   # misspecification: extra variability in the truth
    truth_noise: float = 1.0     # misspecification: the truth's residual SD is this multiple of the fitted one


def _observations(lab: str, days, values) -> tuple[Observation, ...]:
    return tuple(Observation(lab, _LAB_OUTPUT[lab], float(d), float(v), f"{v:.4g}", "simulated", RESIDUALS[lab])
                 for d, v in zip(days, values))


def simulate_people(scenario: Scenario, n: int, seed: int) -> tuple[FitModel, np.ndarray, np.ndarray]:
    """The scenario's fit model, true etas (n, d) and measured labs (n, len(fit_days) + 1)."""
    profile = profile_from_dict(scenario.profile)
    model = model_for(profile, (), scenario.heldout_day, outputs=[_LAB_OUTPUT[scenario.lab]])
    rng = np.random.default_rng(seed)
    eta = rng.standard_normal((n, len(model.estimated))) * model.omegas
    params = model.parameters(eta)
    index = {name: k for k, name in enumerate(model.system.pnames)}
    for name, cv in scenario.truth_cv.items():
        params[:, index[name]] *= np.exp(math.sqrt(math.log1p(cv ** 2)) * rng.standard_normal(n))
    days = np.array([0.0, *scenario.fit_days, scenario.heldout_day])
    true = model.solve_params(params, days)[:, 1:, 0]
    res = RESIDUALS[scenario.lab]
    noise = scenario.truth_noise * res.sigma(true) * rng.standard_normal(true.shape)
    measured = np.maximum(true + noise, 0.01 * true)
    return model, eta, measured


def run(scenario: Scenario, n: int = 1000, seed: int = 0, progress=None) -> dict[str, Any]:
    """Simulate ``n`` people, fit each on the first labs, score the held-out lab."""
    started = time.perf_counter()
    model, eta_true, measured = simulate_people(scenario, n, seed)
    d = len(model.estimated)
    days = np.array([0.0, scenario.heldout_day])
    res = RESIDUALS[scenario.lab]
    pop_mean, pop_sd = _predictive(model, np.zeros(d), np.diag(model.omegas ** 2), days)
    pop_pred = float(pop_mean[1, 0])
    pop_pi = math.sqrt(pop_sd[1, 0] ** 2 + float(res.sigma(pop_pred)) ** 2)
    person = FitModel(model.system, model.base, model.estimated,
                      _observations(scenario.lab, scenario.fit_days, measured[0, :-1]),
                      model.ev_t, model.ev_s, model.ev_a, model.outputs)
    eta_hat = np.zeros((n, d))
    ind_pred, ind_pi = np.zeros(n), np.zeros(n)
    converged = np.zeros(n, dtype=bool)
    block = 250
    for start in range(0, n, block):
        sl = slice(start, min(n, start + block))
        x, covs, out_days, mean, sens, ok = find_modes(person, measured[sl, :-1],
                                                       extra_days=np.array([scenario.heldout_day]))
        k = int(np.searchsorted(out_days, scenario.heldout_day))
        eta_hat[sl], converged[sl] = x, ok
        ind_pred[sl] = mean[:, k, 0]
        var = np.einsum("ni,nij,nj->n", sens[:, :, k, 0], covs, sens[:, :, k, 0])
        ind_pi[sl] = np.sqrt(var + res.sigma(mean[:, k, 0]) ** 2)
        if progress is not None:
            progress(sl.stop, n)
    y = measured[:, -1]
    covered = np.abs(y - ind_pred) <= Z90 * ind_pi
    pop_covered = np.abs(y - pop_pred) <= Z90 * pop_pi
    rmse_ind = float(np.sqrt(np.mean((ind_pred - y) ** 2)))
    rmse_pop = float(np.sqrt(np.mean((pop_pred - y) ** 2)))
    params = []
    for k, est in enumerate(model.estimated):
        rel = np.exp(eta_hat[:, k] - eta_true[:, k]) - 1.0
        params.append({"name": est.name, "bias_pct": 100 * float(np.mean(rel)),
                       "rmse_pct": 100 * float(np.sqrt(np.mean(rel ** 2))),
                       "prior_rmse_pct": 100 * float(np.sqrt(np.mean((np.exp(-eta_true[:, k]) - 1.0) ** 2))),
                       "shrinkage": float(1 - np.std(eta_hat[:, k]) / est.omega)})
    p = float(np.mean(covered))
    return {"scenario": scenario.name, "description": scenario.description, "n": n, "seed": seed,
            "coverage_90": p, "coverage_se": math.sqrt(p * (1 - p) / n),
            "population_coverage_90": float(np.mean(pop_covered)),
            "rmse_individual": rmse_ind, "rmse_population": rmse_pop, "rmse_gain": 1 - rmse_ind / rmse_pop,
            "unit": res.unit, "parameters": params, "seconds": time.perf_counter() - started,
            "misspecified": bool(scenario.truth_cv) or scenario.truth_noise != 1.0, "converged": float(np.mean(converged))}
