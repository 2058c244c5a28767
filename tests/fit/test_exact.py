"""The Laplace approximation against an exact reference: emcee's ensemble MCMC on the same
posterior (same model, same residual error, same prior), for a person with two labs."""
from __future__ import annotations

import numpy as np
import pytest

from fit_profiles import with_labs
from vitasim.fit.core import Z90, fit
from vitasim.fit.posterior import Evaluator

emcee = pytest.importorskip("emcee")


@pytest.mark.slow
@pytest.mark.parametrize("labs", [((22, 84), (27, 168)), ((45, 84),)], ids=["low-responder", "one-lab"])
def test_laplace_matches_mcmc(labs):
    res = fit(with_labs(*labs))
    ev = Evaluator(res.model)
    d, walkers = res.eta.size, 16
    sampler = emcee.EnsembleSampler(walkers, d, lambda x: -ev.objective(x), vectorize=True)
    rng = np.random.default_rng(1)
    start = res.eta + 0.01 * rng.standard_normal((walkers, d))
    sampler.run_mcmc(start, 700, progress=False)
    chain = sampler.get_chain(discard=150, flat=True)   # 8800 draws; autocorrelation ~20 steps
    sd = np.sqrt(np.diag(res.covariance))
    # posterior means within a fifth of a posterior SD (MC error about 0.07 SD) ...
    assert np.all(np.abs(chain.mean(axis=0) - res.eta) < 0.2 * sd)
    # ... and the 90 % intervals' ends within a quarter of an SD
    lo, hi = np.percentile(chain, [5, 95], axis=0)
    assert np.all(np.abs(lo - (res.eta - Z90 * sd)) < 0.25 * sd)
    assert np.all(np.abs(hi - (res.eta + Z90 * sd)) < 0.25 * sd)
