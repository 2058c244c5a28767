"""Virtual people: the typical person of a profile, or N seeded draws around them.

Covariates (weight, eGFR, baseline labs) are the person's own; between-person variability
enters through each parameter's published coefficient of variation as a log-normal factor
with median 1 (so the typical person is the median person).  Draws use numpy's PCG64 from an
explicit seed and are reproducible bit for bit.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

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



def with_individuals(system: System, params: np.ndarray, individuals: dict[str, np.ndarray]) -> np.ndarray:
    """``params`` (n, n_params) with the named parameters replaced per person (e.g. one person's
    posterior draws from :mod:`vitasim.fit`); the others keep their population draws.  Names
    outside ``system`` are ignored (another subsystem's); a wrong length is an error."""
    from vitasim.errors import VitasimInputError
    n = params.shape[0]
    params = params.copy()
    index = {name: j for j, name in enumerate(system.pnames[:len(system.parameters)])}
    for name, values in individuals.items():
        values = np.asarray(values, dtype=np.float64)
        if values.shape != (n,):
            raise VitasimInputError("individuals", f"{name}: expected {n} values (one per person), got {values.shape}")
        if name in index:
            params[:, index[name]] = values
    return params


_IN_USE: ContextVar[dict[str, np.ndarray] | None] = ContextVar("vitasim_individuals", default=None)


@contextmanager
def individuals_in_use(individuals: dict[str, np.ndarray]):
    """Within this block, every ``simulate`` of as many people as there are draws uses
    ``individuals`` instead of the population draws of those parameters (how the planner plans on
    a person's posterior without a new argument on each of its calls)."""
    token = _IN_USE.set(individuals)
    try:
        yield
    finally:
        _IN_USE.reset(token)


def individuals_for(n: int) -> dict[str, np.ndarray] | None:
    """The draws in use (see :func:`individuals_in_use`) when they are ``n`` per parameter, else None."""
    found = _IN_USE.get()
    if found and n > 1 and all(np.shape(v) == (n,) for v in found.values()):
        return found
    return None


#: People per independent random stream in :func:`sample_rows` (fixed: it is part of the draw).
DRAW_BLOCK = 1024


def sample_rows(system: System, typical: np.ndarray, seed: int | None, start: int, stop: int) -> np.ndarray:
    """Rows ``start..stop-1`` of a virtual population, the same whatever the chunking.

    People are drawn in fixed blocks of :data:`DRAW_BLOCK`; block ``b`` has its own stream,
    ``SeedSequence(seed, spawn_key=(b,))`` (numpy's independent child streams), so person ``i``
    depends only on the seed and ``i``, never on which chunk or worker asks for it.  The same
    log-normal law as :func:`sample`, but not the same draws: :func:`sample` keeps its stream so
    that existing seeded populations do not change.
    """
    params = np.tile(typical, (stop - start, 1))
    varied = [(j, np.sqrt(np.log1p(par.cv ** 2))) for j, par in enumerate(system.parameters) if par.cv]
    for b in range(start // DRAW_BLOCK, (stop - 1) // DRAW_BLOCK + 1 if stop > start else 0):
        rng = np.random.default_rng(np.random.SeedSequence(0 if seed is None else seed, spawn_key=(b,)))
        z = rng.standard_normal((len(varied), DRAW_BLOCK))
        lo, hi = max(start, b * DRAW_BLOCK), min(stop, (b + 1) * DRAW_BLOCK)
        rows = slice(lo - start, hi - start)
        cols = slice(lo - b * DRAW_BLOCK, hi - b * DRAW_BLOCK)
        for m, (j, omega) in enumerate(varied):
            params[rows, j] *= np.exp(omega * z[m, cols])
    return params
