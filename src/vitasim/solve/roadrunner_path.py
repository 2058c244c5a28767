"""libroadrunner (SUNDIALS CVODE) as a solver of the same protocol: an independent simulator on
exactly our equations (the Antimony export of :mod:`vitasim.solve.antimony`).

One model is loaded per problem; each person's constants and start states are written into it,
and the person is integrated piecewise along the event plan (:mod:`vitasim.solve.events`):
outputs at a time first, then the doses at that time, exactly as the other solvers.  A serial
loop over people: for cross-checks and one-person detail, not for crowds.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vitasim.solve.problem import Problem, RawSolution
from vitasim.solve.status import STAT_NAMES, SolveStatus

DEFAULT_RTOL = 1e-10
DEFAULT_ATOL = 1e-12


def _require_roadrunner() -> None:
    try:
        import antimony  # noqa: F401
        import roadrunner  # noqa: F401
    except ImportError as exc:
        raise ImportError("solver 'roadrunner' needs the optional packages libroadrunner and antimony "
                          "(pip install libroadrunner antimony)") from exc


@dataclass(frozen=True)
class RoadrunnerSolver:
    """CVODE through libroadrunner at ``rtol``/``atol`` (scalars; CVODE's own error control)."""

    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL
    name: str = "roadrunner"

    def solve(self, problem: Problem) -> RawSolution:
        """Values at ``problem.t_out`` of the kept outputs for every person; a person whose
        integration raises is marked FAILED (values NaN), the others go on."""
        _require_roadrunner()
        from vitasim.solve.antimony import load_roadrunner, set_person, simulate_person

        n_t, n_k = problem.t_out.size, problem.keep.size
        values = np.full((problem.n, n_t, n_k), np.nan)
        status = np.zeros(problem.n, dtype=np.int64)
        stats = np.zeros((problem.n, len(STAT_NAMES)), dtype=np.int64)
        if problem.n == 0:
            return RawSolution(values, status, stats, "roadrunner/cvode", self.rtol)
        rr = load_roadrunner(problem.system, problem.params[0], problem.y0[0], rtol=self.rtol, atol=self.atol)
        for i in range(problem.n):
            set_person(rr, problem.system, problem.params[i], problem.y0[i])
            try:
                values[i] = simulate_person(rr, problem.system, problem.ev_t, problem.ev_s, problem.ev_a,
                                            problem.t_out, problem.keep)
            except RuntimeError:  # CVODE gave up (roadrunner raises RuntimeError)
                status[i] = SolveStatus.FAILED
                stats[i, STAT_NAMES.index("failures")] += 1
                continue
            if not np.all(np.isfinite(values[i])):
                status[i] = SolveStatus.FAILED
        return RawSolution(values, status, stats, "roadrunner/cvode", self.rtol)
