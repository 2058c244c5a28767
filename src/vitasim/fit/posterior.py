"""The negative log posterior of a person's ``eta``, its mode (MAP) and its Laplace approximation.

    -log p(eta | labs) = sum_i [ (y_i - f_i(eta))**2 / (2 sigma_i**2) + log sigma_i ]
                         + sum_k eta_k**2 / (2 omega_k**2)  + const

with ``sigma_i`` the residual SD of lab ``i`` at the prediction (:mod:`vitasim.fit.residual`).
Derivatives come from one finite-difference stencil: the centre, +-h along each axis and the four
corners of each pair, evaluated as one population of (1 + 2d + 2d(d-1)) virtual people in a single
compiled solve.  The same stencil gives the gradient, the Hessian and the sensitivities of any
predicted quantity (for intervals by the delta method).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize

from vitasim.fit.model import FitModel

STEP = 1e-2          # finite-difference step in eta (omegas are 0.05-0.25)
GRAD_OK = 1e-2       # gradient accepted at the mode (see find_mode)
_BIG = 1e12          # objective where the solver failed (outside what the model can reach)


def neg_log_post(model: FitModel, values_obs: np.ndarray, eta: np.ndarray) -> np.ndarray:
    """(m,) objective from predictions at the observations (m, n_obs) and ``eta`` (m, d)."""
    y = np.array([o.value for o in model.observations])
    sig = np.column_stack([o.residual.sigma(values_obs[:, i]) for i, o in enumerate(model.observations)]) \
        if model.observations else np.zeros((eta.shape[0], 0))
    nll = np.sum(0.5 * ((y - values_obs) / sig) ** 2 + np.log(sig), axis=1)
    prior = 0.5 * np.sum((eta / model.omegas) ** 2, axis=1)
    out = nll + prior
    return np.where(np.isfinite(out), out, _BIG)


def stencil(x: np.ndarray, h: float = STEP) -> np.ndarray:
    """Points of the central-difference stencil around ``x``: centre, +-h e_i, pair corners."""
    d = x.size
    pts = [x.copy()]
    for i in range(d):
        for s in (1, -1):
            p = x.copy(); p[i] += s * h; pts.append(p)
    for i in range(d):
        for j in range(i + 1, d):
            for si, sj in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
                p = x.copy(); p[i] += si * h; p[j] += sj * h; pts.append(p)
    return np.array(pts)


def derivatives(f: np.ndarray, d: int, h: float = STEP) -> tuple[float, np.ndarray, np.ndarray]:
    """Value, gradient and Hessian from objective values on :func:`stencil` points."""
    f0 = f[0]
    g = np.array([(f[1 + 2 * i] - f[2 + 2 * i]) / (2 * h) for i in range(d)])
    hess = np.zeros((d, d))
    for i in range(d):
        hess[i, i] = (f[1 + 2 * i] - 2 * f0 + f[2 + 2 * i]) / h ** 2
    k = 1 + 2 * d
    for i in range(d):
        for j in range(i + 1, d):
            pp, pm, mp, mm = f[k:k + 4]
            hess[i, j] = hess[j, i] = (pp - pm - mp + mm) / (4 * h * h)
            k += 4
    return float(f0), g, hess


def sensitivities(values: np.ndarray, d: int, h: float = STEP) -> np.ndarray:
    """d(prediction)/d(eta) from stencil predictions (m_stencil, ...) -> (d, ...)."""
    return np.array([(values[1 + 2 * i] - values[2 + 2 * i]) / (2 * h) for i in range(d)])


class Evaluator:
    """Caches stencil evaluations so scipy's fun, jac and hess at one point cost one solve."""

    def __init__(self, model: FitModel):
        self.model = model
        self.days = model.obs_days()
        self.solves = 0
        self._key: bytes | None = None
        self._value: tuple[float, np.ndarray, np.ndarray] | None = None

    def objective(self, eta: np.ndarray) -> np.ndarray:
        """Objective for many parameter sets (m, d) in one solve."""
        eta = np.atleast_2d(eta)
        self.solves += 1
        obs = self.model.observed(self.model.solve(eta, self.days), self.days)
        return neg_log_post(self.model, obs, eta)

    def at(self, x: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        key = np.asarray(x, dtype=np.float64).tobytes()
        if key != self._key:
            pts = stencil(np.asarray(x, dtype=np.float64))
            self._value = derivatives(self.objective(pts), x.size)
            self._key = key
        return self._value


@dataclass(frozen=True)
class Mode:
    """The posterior mode of ``eta``, the Hessian there and how the search went."""

    eta: np.ndarray
    hessian: np.ndarray
    covariance: np.ndarray
    objective: float
    converged: bool
    solves: int


def _positive_definite(hess: np.ndarray, omegas: np.ndarray) -> np.ndarray:
    """``hess`` if positive definite; else its eigenvalues floored at the prior's precision (a
    flat direction of the likelihood keeps at least the prior's information)."""
    w, v = np.linalg.eigh(0.5 * (hess + hess.T))
    floor = 1.0 / np.max(omegas) ** 2
    if np.all(w > 0):
        return hess
    return (v * np.maximum(w, floor)) @ v.T


def find_mode(model: FitModel, start: np.ndarray | None = None) -> Mode:
    """MAP estimate of ``eta`` (scipy trust-region, exact Hessian from the stencil) and the Laplace
    covariance (inverse Hessian of the negative log posterior at the mode)."""
    ev = Evaluator(model)
    d = len(model.estimated)
    x0 = np.zeros(d) if start is None else np.asarray(start, dtype=np.float64)
    res = optimize.minimize(lambda x: ev.at(x)[0], x0, jac=lambda x: ev.at(x)[1], hess=lambda x: ev.at(x)[2],
                            method="trust-exact", options={"gtol": 1e-4, "maxiter": 50})
    value, grad, hess = ev.at(res.x)
    hess = _positive_definite(hess, model.omegas)
    # a gradient below GRAD_OK (per unit eta) moves eta by < GRAD_OK * omega^2, far inside its SD: scipy's
    # stricter gtol can fail on finite-difference noise along directions the labs do not inform
    converged = bool(res.success) or float(np.max(np.abs(grad))) < GRAD_OK
    return Mode(np.array(res.x), hess, np.linalg.inv(hess), value, converged, ev.solves)
