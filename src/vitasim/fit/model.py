"""The fit's model of one person: which parameters are learnt, what was measured, and how to
predict the labs for many parameter sets in one compiled call.

Learnt parameters are those with between-person variability (a ``cv``) in the modules whose
outputs the person's labs measure.  Each is written ``value = typical * exp(eta)``; the prior of
``eta`` is the population distribution, normal with SD ``omega = sqrt(log(1 + cv**2))`` (the
log-normal draws of :mod:`vitasim.population`), centred on the person's covariate-adjusted
typical value.  Predictions for many ``eta`` at once (finite-difference stencils, posterior draws,
emcee walkers) are one population solve: one compiled call, no recompilation.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from vitasim.errors import VitasimInputError
from vitasim.fit.residual import RESIDUALS, ResidualModel
from vitasim.labs import CATALOGUE
from vitasim.model import System
from vitasim.population import typical_vector
from vitasim.profile import Profile
from vitasim.regimen import dose_events
from vitasim.solve.codegen import compile_system
from vitasim.solve.population_path import solve_population
from vitasim.solve.problem import Problem

FIT_RTOL = 1e-7       # tight, so finite differences of the objective are smooth
_LAB_OUTPUT = {lab.key: lab.output for lab in CATALOGUE if lab.output}


@dataclass(frozen=True)
class Estimated:
    """A learnt parameter: its typical value for this person and its population prior."""

    name: str
    module: str
    index: int            # column in the system's parameter vector
    typical: float
    unit: str
    cv: float
    source: str

    @property
    def omega(self) -> float:
        """SD of log(value / typical) in the population."""
        return math.sqrt(math.log1p(self.cv ** 2))


@dataclass(frozen=True)
class Observation:
    """One measured lab used in the likelihood (value in the lab's catalogue unit)."""

    lab: str
    output: str
    day: float
    value: float
    given: str
    source: str
    residual: ResidualModel


@dataclass(frozen=True)
class FitModel:
    """Arrays for predicting ``observations`` of one person under parameter sets ``eta``."""

    system: System
    base: np.ndarray                  # (n_params,) the person's typical parameter vector
    estimated: tuple[Estimated, ...]
    observations: tuple[Observation, ...]
    ev_t: np.ndarray
    ev_s: np.ndarray
    ev_a: np.ndarray
    outputs: tuple[str, ...]          # outputs predicted (one per observed lab kind)

    @property
    def omegas(self) -> np.ndarray:
        return np.array([e.omega for e in self.estimated])

    def parameters(self, eta: np.ndarray, base: np.ndarray | None = None) -> np.ndarray:
        """(m, n_params) parameter matrices for ``eta`` (m, d), derived quantities not yet filled."""
        eta = np.atleast_2d(np.asarray(eta, dtype=np.float64))
        base = self.base if base is None else base
        params = np.tile(base, (eta.shape[0], 1)) if base.ndim == 1 else np.array(base, dtype=np.float64)
        for k, est in enumerate(self.estimated):
            params[:, est.index] = params[:, est.index] * np.exp(eta[:, k])
        return params

    def solve_params(self, params: np.ndarray, days: np.ndarray) -> np.ndarray:
        """Outputs (m, len(days), len(outputs)) for full parameter rows (derived filled here)."""
        params = np.array(params, dtype=np.float64)
        y0 = np.zeros((params.shape[0], len(self.system.states)))
        compile_system(self.system).prepare_population(params, y0)
        t_h = np.asarray(days, dtype=np.float64) * 24.0
        names = [o.name for o in self.system.outputs]
        keep = np.array([names.index(q) for q in self.outputs], dtype=np.int64)
        raw = solve_population(Problem(self.system, params, y0, self.ev_t, self.ev_s, self.ev_a, t_h, keep),
                               rtol=FIT_RTOL, dtype=np.float64)
        values = raw.values
        values[raw.status != 0] = np.nan
        return values

    def solve(self, eta: np.ndarray, days: np.ndarray) -> np.ndarray:
        """Outputs (m, len(days), len(outputs)) for parameter sets ``eta`` (m, d)."""
        return self.solve_params(self.parameters(eta), days)

    def obs_days(self) -> np.ndarray:
        """Output days that cover every observation (0 first, as the solver's grid starts there)."""
        return np.unique(np.concatenate([[0.0], [o.day for o in self.observations]]))

    def observed(self, values: np.ndarray, days: np.ndarray) -> np.ndarray:
        """Pick each observation's prediction out of ``solve`` output: (m, n_obs)."""
        cols = [self.outputs.index(o.output) for o in self.observations]
        rows = [int(np.searchsorted(days, o.day)) for o in self.observations]
        return values[:, rows, cols]

    def without(self, dropped: set[int]) -> "FitModel":
        """The same model with observations ``dropped`` (indices) left out of the likelihood."""
        kept = tuple(o for i, o in enumerate(self.observations) if i not in dropped)
        return FitModel(self.system, self.base, self.estimated, kept, self.ev_t, self.ev_s, self.ev_a, self.outputs)


def learnt_parameters(system: System, outputs: list[str], base: np.ndarray) -> tuple[Estimated, ...]:
    """Parameters with between-person variability in the modules that compute ``outputs``."""
    owners = {o.name: m.name for m in system.modules for o in m.outputs}
    wanted = {owners[q] for q in outputs if q in owners}
    index = {name: k for k, name in enumerate(system.pnames)}
    return tuple(Estimated(p.name, m.name, index[p.name], float(base[index[p.name]]), p.unit, float(p.cv),
                           p.cv_source)
                 for m in system.modules if m.name in wanted for p in m.parameters if p.cv)


def observations_of(profile: Profile) -> tuple[tuple[Observation, ...], list[tuple[str, float, str]]]:
    """Labs after day 0 with a residual model and a predicting output; and the rest with the reason
    they are not in the likelihood (a result at or before day 0 fixes the start state)."""
    used, skipped = [], []
    for lab, history in profile.lab_history.items():
        for r in history:
            if r.when.day <= 0:
                why = ("the start state (baseline)" if profile.labs.get(lab) == r.value
                       else "before day 0: history the simulation does not cover")
                skipped.append((lab, r.when.day, why))
            elif lab not in RESIDUALS or lab not in _LAB_OUTPUT:
                skipped.append((lab, r.when.day, "no residual error model or predicting output for this lab"))
            else:
                used.append(Observation(lab, _LAB_OUTPUT[lab], float(r.when.day), float(r.value), str(r.given),
                                        r.source, RESIDUALS[lab]))
    return tuple(sorted(used, key=lambda o: (o.day, o.lab))), skipped


def model_for(profile: Profile, observations: tuple[Observation, ...], horizon_days: float,
              outputs: list[str] | None = None) -> FitModel:
    """The fit model of ``profile`` for ``observations`` (or, without any, for ``outputs``), with
    doses up to ``horizon_days`` (raises naming ``labs`` when the modules declare no variability)."""
    from vitasim.simulate import system_for
    outputs = outputs or list(dict.fromkeys(o.output for o in observations))
    system = system_for(outputs)
    base, _ = typical_vector(system, profile)
    estimated = learnt_parameters(system, outputs, base)
    if not estimated:
        raise VitasimInputError("labs", f"the modules predicting {', '.join(outputs)} declare no between-person "
                                        "variability: nothing to learn")
    snames = set(system.snames)
    events = [e for e in dose_events(profile.regimen, (horizon_days + 1.0) * 24.0) if e.state in snames]
    return FitModel(system, base, estimated, observations,
                    np.array([e.time_h for e in events], dtype=np.float64),
                    np.array([system.sindex(e.state) for e in events], dtype=np.int64),
                    np.array([e.amount for e in events], dtype=np.float64), tuple(outputs))


def build(profile: Profile, *, horizon_days: float | None = None) -> tuple[FitModel, list[tuple[str, float, str]]]:
    """The fit model of ``profile``'s labs after day 0, and the labs not in the likelihood with why."""
    observations, skipped = observations_of(profile)
    if not observations:
        raise VitasimInputError("labs", "no lab result after day 0 to learn from; give dated results taken "
                                        "while on the regimen (e.g. {value: 24 ng/mL, date: ...} after 'start')")
    last = max(o.day for o in observations)
    return model_for(profile, observations, last if horizon_days is None else max(horizon_days, last)), skipped
