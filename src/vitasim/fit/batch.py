"""MAP and Laplace for many people at once: one compiled solve per Newton iteration for all of them.

Used by the simulation-re-estimation (thousands of people sharing a model and a regimen but not
their labs).  Each iteration evaluates every person's finite-difference stencil
(:func:`vitasim.fit.posterior.stencil`) as one population and takes a damped Newton step
(Levenberg-Marquardt damping, a step is kept only if it lowers that person's objective).  The
result matches :func:`vitasim.fit.posterior.find_mode` (scipy, one person at a time; tested).
"""
from __future__ import annotations

import numpy as np

from vitasim.fit.model import FitModel
from vitasim.fit.posterior import _BIG, _positive_definite, derivatives, sensitivities, stencil


def _objective(model: FitModel, y: np.ndarray, values: np.ndarray, eta: np.ndarray) -> np.ndarray:
    """Per-row objective; ``y`` (rows, n_obs) measured, ``values`` (rows, n_obs) predicted."""
    res = [o.residual for o in model.observations]
    sig = np.column_stack([r.sigma(values[:, i]) for i, r in enumerate(res)])
    out = np.sum(0.5 * ((y - values) / sig) ** 2 + np.log(sig), axis=1) + 0.5 * np.sum((eta / model.omegas) ** 2, axis=1)
    return np.where(np.isfinite(out), out, _BIG)


def find_modes(model: FitModel, y: np.ndarray, *, iterations: int = 30, gtol: float = 1e-4, ftol: float = 1e-8,
               extra_days: np.ndarray | None = None):
    """Modes (n, d), Laplace covariances (n, d, d), the output days, predictions at the modes
    (n, T, K), their sensitivities (n, d, T, K) and whether each person converged (n,)."""
    n, d = y.shape[0], len(model.estimated)
    days = np.unique(np.concatenate([model.obs_days(), extra_days if extra_days is not None else []]))
    cols = [model.outputs.index(o.output) for o in model.observations]
    rows = [int(np.searchsorted(days, o.day)) for o in model.observations]
    m = stencil(np.zeros(d)).shape[0]
    x_acc, x_try = np.zeros((n, d)), np.zeros((n, d))
    f_acc = np.full(n, np.inf)
    g_acc, h_acc = np.zeros((n, d)), np.zeros((n, d, d))
    mean, sens = None, None
    lam = np.full(n, 1e-3)
    done = np.zeros(n, dtype=bool)
    for _ in range(iterations):
        todo = np.flatnonzero(~done)
        if todo.size == 0:
            break
        pts = np.concatenate([stencil(x_try[i]) for i in todo])
        values = model.solve(pts, days)                                   # (len(todo)*m, T, K)
        if mean is None:
            mean = np.zeros((n, *values.shape[1:]))
            sens = np.zeros((n, d, *values.shape[1:]))
        obj = _objective(model, np.repeat(y[todo], m, axis=0), values[:, rows, cols], pts).reshape(todo.size, m)
        values = values.reshape(todo.size, m, *values.shape[1:])
        for k, i in enumerate(todo):
            f, g, h = derivatives(obj[k], d)
            if f <= f_acc[i] + 1e-12:
                settled = f_acc[i] - f < ftol      # the objective stopped falling: at the mode within noise
                x_acc[i], f_acc[i], g_acc[i], h_acc[i] = x_try[i], f, g, h
                mean[i], sens[i] = values[k, 0], sensitivities(values[k], d)
                lam[i] = max(lam[i] / 3.0, 1e-6)
                done[i] = np.max(np.abs(g)) < gtol or settled
            else:
                lam[i] *= 10.0
            if not done[i]:
                hp = _positive_definite(h_acc[i], model.omegas)
                x_try[i] = x_acc[i] - np.linalg.solve(hp + lam[i] * np.eye(d) * np.trace(hp) / d, g_acc[i])
    covs = np.array([np.linalg.inv(_positive_definite(h_acc[i], model.omegas)) for i in range(n)])
    return x_acc, covs, days, mean, sens, done
