"""What a solver is asked: per-person parameters, start states, dose events, output times.

Solvers receive only arrays: they never see a vitamin, a profile or a unit.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vitasim.model import System
from vitasim.solve.status import STAT_NAMES, SolveStatus


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
    """Solver output: values (N, T, K) in the outputs' model units, per-person status
    (:class:`~vitasim.solve.status.SolveStatus` codes), counters (N, len(STAT_NAMES))."""

    values: np.ndarray
    status: np.ndarray
    stats: np.ndarray
    method: str
    rtol: float

    @property
    def ok(self) -> bool:
        return bool(np.all(self.status == SolveStatus.OK))

    @property
    def stats_by_name(self) -> dict[str, np.ndarray]:
        """The per-person counters by name (``steps``, ``rejected``, ...; see STAT_NAMES)."""
        return {name: self.stats[:, k] for k, name in enumerate(STAT_NAMES)}

    def statuses(self) -> list[SolveStatus]:
        """Each person's result code as a SolveStatus."""
        return [SolveStatus(int(s)) for s in self.status]


def default_atol(y0: np.ndarray, rtol: float, ev_s: np.ndarray | None = None,
                 ev_a: np.ndarray | None = None) -> np.ndarray:
    """Per-person absolute tolerances scaled to each state's natural size.

    1 % of ``rtol`` times the state's start value (floor 1e-3 units), or 1 % of ``rtol``
    times the largest dose the state receives if that is larger (a gut compartment starts
    empty but holds a whole dose).  Without the dose scale, an emptying gut compartment would
    be tracked to full relative accuracy long after it stopped mattering, which bounds the
    steps all day long.
    """
    scale = np.maximum(np.abs(y0), 1e-3) * 1e-2
    if ev_s is not None and ev_a is not None and len(ev_s):
        dose = np.zeros(y0.shape[-1])
        np.maximum.at(dose, np.asarray(ev_s, dtype=np.int64), np.abs(np.asarray(ev_a, dtype=np.float64)))
        scale = np.maximum(scale, dose * 1e-2)
    return scale * rtol
