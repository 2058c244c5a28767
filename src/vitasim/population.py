"""Virtual people: the typical person of a profile, or N seeded draws around them.

Covariates (weight, eGFR, baseline labs) are the person's own; between-person variability
enters through each parameter's published coefficient of variation as a log-normal factor
with median 1 (so the typical person is the median person).  Draws use numpy's PCG64 from an
explicit seed and are reproducible bit for bit.
"""
from __future__ import annotations

import numpy as np

from vitasim.model import System
from vitasim.profile import Profile


def typical_vector(system: System, profile: Profile) -> tuple[np.ndarray, list[str]]:
    """The per-person vector of the typical person, and names of covariates left at default."""
    vec = np.zeros(len(system.pnames))
    k = 0
    for par in system.parameters:
        vec[k] = par.value
        k += 1
    defaulted = []
    for cov in system.covariates:
        value, given = profile.covariate(cov)
        if not given:
            defaulted.append(cov.name)
        vec[k] = value
        k += 1
    return vec, defaulted


def sample(system: System, typical: np.ndarray, n: int, seed: int | None) -> np.ndarray:
    """An (n, n_params) matrix: row 0..n-1 drawn around ``typical`` (n == 1: typical only)."""
    params = np.tile(typical, (n, 1))
    if n == 1:
        return params
    rng = np.random.default_rng(seed)
    for j, par in enumerate(system.parameters):
        if par.cv:
            omega = np.sqrt(np.log1p(par.cv ** 2))
            params[:, j] *= np.exp(omega * rng.standard_normal(n))
    return params
