"""What a fit returns: estimates with intervals, each lab against its fit, predictions, notes.

``FitResult.to_dict()`` is the ``vitasim.fit/1`` JSON contract (additive changes only).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from vitasim.fit.model import FitModel

CONTRACT = "vitasim.fit/1"


@dataclass(frozen=True)
class ParameterEstimate:
    """One learnt parameter: population (typical) value, the person's MAP value and 90 % interval."""

    name: str
    module: str
    unit: str
    typical: float
    value: float
    low: float
    high: float
    eta: float
    eta_sd: float
    omega: float
    shrinkage: float         # posterior variance / prior variance of eta: 1 = the labs taught nothing
    source: str


@dataclass(frozen=True)
class LabFit:
    """A measured lab against the population and individual predictions."""

    lab: str
    day: float
    measured: float
    given: str
    population: float
    individual: float
    z_population: float      # standardised distance from the population prediction (prior predictive)
    z_individual: float      # standardised residual after the fit
    used: bool               # in the likelihood (False: flagged and left out)
    flag: str = ""


@dataclass(frozen=True)
class Prediction:
    """A predicted lab on a day grid: individual median with 90 % CI (true level) and PI (a new lab),
    and the population prediction with its 90 % PI."""

    lab: str
    output: str
    days: np.ndarray
    individual: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    pi_low: np.ndarray
    pi_high: np.ndarray
    population: np.ndarray
    pop_low: np.ndarray
    pop_high: np.ndarray


@dataclass(frozen=True)
class FitResult:
    """A person's fit: see module docstring.  ``eta``/``covariance``: the Laplace posterior."""

    model: FitModel
    estimates: tuple[ParameterEstimate, ...]
    labs: tuple[LabFit, ...]
    predictions: tuple[Prediction, ...]
    eta: np.ndarray
    covariance: np.ndarray
    notes: tuple[str, ...]
    not_used: tuple[tuple[str, float, str], ...]
    converged: bool
    seconds: float
    solves: int
    refs: tuple[str, ...] = field(default=())

    def draws(self, n: int, seed: int = 0) -> np.ndarray:
        """``n`` parameter rows (n, n_params) from the Laplace posterior: replaces population draws."""
        rng = np.random.default_rng(seed)
        eta = rng.multivariate_normal(self.eta, self.covariance, size=n)
        return self.model.parameters(eta)

    def individuals(self, n: int, seed: int = 0) -> dict[str, np.ndarray]:
        """``n`` draws of each learnt parameter's value by name (for ``simulate(individuals=...)``)."""
        rows = self.draws(n, seed)
        return {e.name: rows[:, e_model.index] for e, e_model in zip(self.estimates, self.model.estimated)}

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (the ``vitasim.fit/1`` contract)."""
        r = lambda x: float(round(float(x), 6))
        return {
            "contract": CONTRACT,
            "converged": self.converged,
            "seconds": round(self.seconds, 3),
            "solves": self.solves,
            "parameters": [{"name": e.name, "module": e.module, "unit": e.unit, "population": r(e.typical),
                            "individual": r(e.value), "low_90": r(e.low), "high_90": r(e.high),
                            "eta": r(e.eta), "eta_sd": r(e.eta_sd), "omega": r(e.omega),
                            "shrinkage": r(e.shrinkage), "source": e.source} for e in self.estimates],
            "labs": [{"lab": f.lab, "day": f.day, "measured": r(f.measured), "given": f.given,
                      "population": r(f.population), "individual": r(f.individual),
                      "z_population": r(f.z_population), "z_individual": r(f.z_individual), "used": f.used,
                      "flag": f.flag} for f in self.labs],
            "predictions": [{"lab": p.lab, "output": p.output, "days": [r(x) for x in p.days],
                             "individual": [r(x) for x in p.individual],
                             "ci_90": [[r(a), r(b)] for a, b in zip(p.ci_low, p.ci_high)],
                             "pi_90": [[r(a), r(b)] for a, b in zip(p.pi_low, p.pi_high)],
                             "population": [r(x) for x in p.population],
                             "population_pi_90": [[r(a), r(b)] for a, b in zip(p.pop_low, p.pop_high)]}
                            for p in self.predictions],
            "not_used": [{"lab": lab, "day": day, "why": why} for lab, day, why in self.not_used],
            "notes": list(self.notes),
            "refs": list(self.refs),
        }
