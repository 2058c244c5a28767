"""What a solver is asked: per-person parameters, start states, dose events, output times.

Solvers receive only arrays: they never see a vitamin, a profile or a unit.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vitasim.model import System


@dataclass(frozen=True)
class Problem:
    """A batch of people sharing one dose schedule; times in hours."""

    system: System
    params: np.ndarray      # (N, n_params), derived quantities already filled
    y0: np.ndarray          # (N, n_states)
    ev_t: np.ndarray        # (E,) dose times, sorted
    ev_s: np.ndarray        # (E,) state index per dose
    ev_a: np.ndarray        # (E,) amount per dose in the state's unit
    t_out: np.ndarray       # (T,) output times, sorted
    keep: np.ndarray        # (K,) indices into system.outputs to record

    @property
    def n(self) -> int:
        return int(self.params.shape[0])


@dataclass(frozen=True)
class RawSolution:
    """Solver output: values (N, T, K) in the outputs' model units, per-person status, counters."""

    values: np.ndarray
    status: np.ndarray
    stats: np.ndarray
    method: str
    rtol: float

    @property
    def ok(self) -> bool:
        return bool(np.all(self.status == 0))


def default_atol(y0: np.ndarray, rtol: float) -> np.ndarray:
    """Per-person absolute tolerances scaled to each state's starting size (floor 1e-3 units)."""
    return np.maximum(np.abs(y0), 1e-3) * rtol * 1e-2
