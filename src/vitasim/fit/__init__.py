"""Learn the person: individual Bayesian calibration from their own dated labs.

``fit(profile)`` estimates the parameters that vary between people (the population distribution
is the prior) by maximum a posteriori estimation with a residual error model per lab, gives a
Laplace approximation of the posterior (checked against MCMC in the tests), each lab against its
fit, shrinkage, and predictions with individual intervals; ``FitResult.individuals(n)`` gives
posterior draws that ``simulate(..., individuals=...)`` and the planner use instead of the
population around the profile.  See ``docs/fit.md``.
"""
from vitasim.fit.core import MISFIT_Z, fit, fit_model
from vitasim.fit.result import FitResult

__all__ = ["MISFIT_Z", "FitResult", "fit", "fit_model"]
