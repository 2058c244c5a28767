"""``fit``: learn a person's parameters from their dated labs (MAP + Laplace), honestly.

Steps: build the person's model (:mod:`vitasim.fit.model`); screen every lab against the
population's prior predictive distribution and leave out one the model cannot reach (|z| above
:data:`MISFIT_Z`: a possible non-adherence, a different assay or an unlisted medicine) instead of
bending the fit to it; find the posterior mode and its Laplace covariance
(:mod:`vitasim.fit.posterior`); predict each lab on a day grid with a 90 % interval of the true
level (parameter uncertainty, delta method) and of a new measurement (plus residual error).
"""
from __future__ import annotations

import time

import numpy as np

from vitasim.fit.model import FitModel, build
from vitasim.fit.posterior import find_mode, sensitivities, stencil
from vitasim.fit.result import FitResult, LabFit, ParameterEstimate, Prediction
from vitasim.labs import CATALOGUE
from vitasim.profile import Profile

Z90 = 1.6448536269514722        # standard normal 95th percentile: two-sided 90 % intervals
MISFIT_Z = 3.0                  # |z| beyond which a lab is outside what the model reaches (99.7 %)
MISFIT_SOURCE = "vitasim_gap"   # a declared convention (three-sigma), not a published cut-off
MISSED_Z = 2.0                  # |z| after the fit above which a used lab is reported as still missed (95 %)
CLOSE_TO_POPULATION = 0.7       # shrinkage above which the estimate is reported as near the population
_OUTPUT_LAB = {lab.output: lab.key for lab in CATALOGUE if lab.output}


def _predictive(model: FitModel, eta: np.ndarray, cov: np.ndarray, days: np.ndarray):
    """Median prediction, its SD from parameter uncertainty (delta method), on ``days``: (T, K) each."""
    d = eta.size
    values = model.solve(stencil(eta), days)
    jac = sensitivities(values, d)                        # (d, T, K)
    var = np.einsum("itk,ij,jtk->tk", jac, cov, jac)
    return values[0], np.sqrt(np.maximum(var, 0.0))


def _obs_index(model: FitModel, days: np.ndarray, obs) -> tuple[int, int]:
    return int(np.searchsorted(days, obs.day)), model.outputs.index(obs.output)


def screen(model: FitModel, days: np.ndarray, threshold: float = MISFIT_Z) -> tuple[np.ndarray, np.ndarray, set[int]]:
    """Population predictions at the observations, their prior-predictive z, and which are beyond reach."""
    prior = np.diag(model.omegas ** 2)
    mean, sd = _predictive(model, np.zeros(len(model.estimated)), prior, days)
    pop, z = np.zeros(len(model.observations)), np.zeros(len(model.observations))
    for i, o in enumerate(model.observations):
        t, k = _obs_index(model, days, o)
        pop[i] = mean[t, k]
        total = np.sqrt(sd[t, k] ** 2 + o.residual.sigma(mean[t, k]) ** 2)
        z[i] = (o.value - mean[t, k]) / total
    return pop, z, {i for i in range(len(z)) if abs(z[i]) > threshold}


def fit_model(model: FitModel, *, days: np.ndarray | None = None, threshold: float = MISFIT_Z,
              not_used=(), started: float | None = None) -> FitResult:
    """Fit a built :class:`FitModel` (profiles, NM-TRAN rows and the re-estimation all come here)."""
    started = time.perf_counter() if started is None else started
    obs_days = model.obs_days()
    grid = np.unique(np.concatenate([obs_days, days if days is not None else np.arange(0.0, obs_days[-1] + 1.0)]))
    pop_obs, z_pop, flagged = screen(model, grid, threshold)
    kept = model.without(flagged)
    d = len(model.estimated)
    prior = np.diag(model.omegas ** 2)
    if kept.observations:
        mode = find_mode(kept)
        eta, cov, converged, solves = mode.eta, mode.covariance, mode.converged, mode.solves
    else:
        eta, cov, converged, solves = np.zeros(d), prior, True, 0
    ind, ind_sd = _predictive(model, eta, cov, grid)
    pop, pop_sd = _predictive(model, np.zeros(d), prior, grid)
    labs = []
    for i, o in enumerate(model.observations):
        t, k = _obs_index(model, grid, o)
        z_ind = (o.value - ind[t, k]) / o.residual.sigma(ind[t, k])
        flag = ""
        if i in flagged:
            flag = (f"{'above' if z_pop[i] > 0 else 'below'} anything the model reaches for this person "
                    f"(z = {z_pop[i]:+.1f} against the population's prediction): possible non-adherence, a "
                    "different assay, or a medicine or condition not listed; left out of the fit")
        labs.append(LabFit(o.lab, o.day, o.value, o.given, float(pop_obs[i]), float(ind[t, k]), float(z_pop[i]),
                           float(z_ind), i not in flagged, flag))
    predictions = []
    for k, out in enumerate(model.outputs):
        res = next(o.residual for o in model.observations if o.output == out)
        sig_i, sig_p = res.sigma(ind[:, k]), res.sigma(pop[:, k])
        pi_i = np.sqrt(ind_sd[:, k] ** 2 + sig_i ** 2)
        pi_p = np.sqrt(pop_sd[:, k] ** 2 + sig_p ** 2)
        predictions.append(Prediction(_OUTPUT_LAB.get(out, out), out, grid, ind[:, k],
                                      np.maximum(ind[:, k] - Z90 * ind_sd[:, k], 0), ind[:, k] + Z90 * ind_sd[:, k],
                                      np.maximum(ind[:, k] - Z90 * pi_i, 0), ind[:, k] + Z90 * pi_i,
                                      pop[:, k], np.maximum(pop[:, k] - Z90 * pi_p, 0), pop[:, k] + Z90 * pi_p))
    sds = np.sqrt(np.diag(cov))
    estimates = tuple(ParameterEstimate(e.name, e.module, e.unit, e.typical, e.typical * float(np.exp(eta[j])),
                                        e.typical * float(np.exp(eta[j] - Z90 * sds[j])),
                                        e.typical * float(np.exp(eta[j] + Z90 * sds[j])), float(eta[j]),
                                        float(sds[j]), e.omega, min(float(sds[j] ** 2 / e.omega ** 2), 1.0), e.source)
                      for j, e in enumerate(model.estimated))
    notes = _notes(estimates, labs)
    refs = tuple(sorted({k for o in model.observations for k in o.residual.source.split(";")}
                        | {k for e in model.estimated for k in e.source.split(";")}))
    return FitResult(model, estimates, tuple(labs), tuple(predictions), eta, cov, tuple(notes), tuple(not_used),
                     converged, time.perf_counter() - started,
                     solves + 3, refs)   # + the screen's and the two predictive solves


def _notes(estimates, labs) -> list[str]:
    used = [f for f in labs if f.used]
    shrink = ", ".join(f"{e.name} {e.shrinkage:.0%}" for e in estimates)
    notes = []
    if len(used) <= 1:
        notes.append(f"{'One lab' if used else 'No usable lab'} after day 0: the estimates lean on the population "
                     f"(shrinkage {shrink}; 100 % = the labs taught nothing); another lab will sharpen them.")
    elif all(e.shrinkage > CLOSE_TO_POPULATION and abs(e.eta) < 0.5 * e.omega for e in estimates):
        notes.append(f"The labs agree with the population's prediction: the estimates stay close to it "
                     f"(shrinkage {shrink}).")
    for e in estimates:
        notes.append(f"{e.name}: {e.value:.4g} {e.unit} (90 % interval {e.low:.4g}-{e.high:.4g}), "
                     f"{e.value / e.typical:.0%} of the typical {e.typical:.4g}; shrinkage {e.shrinkage:.0%}.")
    for f in labs:
        if f.flag:
            notes.append(f"{f.lab} on day {f.day:g} ({f.given}) is {f.flag}.")
        elif abs(f.z_individual) > MISSED_Z:
            notes.append(f"{f.lab} on day {f.day:g} ({f.given}): even with the learnt parameters the model misses it "
                         f"(z = {f.z_individual:+.1f}); what differs in this person may not be among the parameters "
                         "learnt, or a dose, an assay or a medicine is not as listed.")
    return notes


def fit(profile: Profile | str | dict, *, horizon_days: float | None = None, threshold: float = MISFIT_Z) -> FitResult:
    """Learn the person's own parameters from their dated labs.

    ``profile``: a Profile, a path or a mapping with labs dated after day 0 (``start``) while on the
    regimen.  ``horizon_days``: how far to predict (default: the last lab + 90 days).  Returns a
    :class:`~vitasim.fit.result.FitResult` (``to_dict()`` is the ``vitasim.fit/1`` contract).
    """
    from vitasim.api import load_profile
    from vitasim.fit.model import observations_of
    started = time.perf_counter()
    profile = load_profile(profile)
    observations, _ = observations_of(profile)
    last = max((o.day for o in observations), default=0.0)
    end = horizon_days if horizon_days is not None else last + 90.0
    model, skipped = build(profile, horizon_days=end)
    step = 1.0 if end <= 400 else 7.0
    return fit_model(model, days=np.arange(0.0, end + step / 2, step), threshold=threshold, not_used=skipped,
                     started=started)
