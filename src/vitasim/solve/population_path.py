"""The population path: all people at once in compiled code, each with adaptive steps.

No Python loop over people: one call into the numba kernel, parallel over people.
"""
from __future__ import annotations

import numpy as np

from vitasim.solve.codegen import compile_system
from vitasim.solve.problem import Problem, RawSolution, default_atol

DEFAULT_RTOL = 1e-4


def solve_population(problem: Problem, *, rtol: float = DEFAULT_RTOL, dtype=np.float32) -> RawSolution:
    """Integrate every person of ``problem``; outputs are stored in ``dtype`` to save memory."""
    gen = compile_system(problem.system)
    n = problem.n
    y0 = np.ascontiguousarray(problem.y0, dtype=np.float64)
    atol = default_atol(y0, rtol)
    values = np.empty((n, problem.t_out.size, problem.keep.size), dtype=dtype)
    status = np.zeros(n, dtype=np.int64)
    stats = np.zeros((n, 5), dtype=np.int64)
    gen.simulate_population(np.ascontiguousarray(problem.params), y0, problem.ev_t, problem.ev_s,
                            problem.ev_a, problem.t_out, rtol, atol, values, problem.keep, status, stats)
    return RawSolution(values, status, stats, "population", rtol)
