"""The population path: all people at once in compiled code, each with adaptive steps.

No Python loop over people: one call into the numba kernel, parallel over people.  The method
is chosen from the system's stiffness at the first person's start: if the fastest decay rate
of the Jacobian is below ``STIFF_RATE`` (per hour), the explicit Dormand-Prince 5(4) pair is
stable at the step sizes accuracy needs anyway (its stability boundary is about 3.3/|lambda|, so
below 2/h steps up to about 1.6 h are stable) and is much cheaper per step: no Jacobian, no LU;
otherwise the L-stable Rosenbrock-W 2(3) method is used.
"""
from __future__ import annotations

import numpy as np

from vitasim.solve.codegen import compile_system
from vitasim.solve.problem import Problem, RawSolution, default_atol

DEFAULT_RTOL = 1e-4
STIFF_RATE = 2.0  # 1/h: explicit steps up to ~1.6 h stay stable; dose transients need short steps anyway
METHODS = {"rosenbrock": 0, "dopri5": 1}


def stiffness(problem: Problem) -> float:
    """Largest |Re(lambda)| (1/h) of the Jacobian of the first person at the start."""
    gen = compile_system(problem.system)
    jac = gen.jacobian_at(np.ascontiguousarray(problem.y0[0], dtype=np.float64), problem.params[0])
    return float(np.max(np.abs(np.linalg.eigvals(jac).real)))


def choose_method(problem: Problem) -> str:
    return "dopri5" if stiffness(problem) < STIFF_RATE else "rosenbrock"


def solve_population(problem: Problem, *, rtol: float = DEFAULT_RTOL, dtype=np.float32,
                     method: str = "auto") -> RawSolution:
    """Integrate every person of ``problem``; outputs are stored in ``dtype`` to save memory."""
    gen = compile_system(problem.system)
    if method == "auto":
        method = choose_method(problem)
    n = problem.n
    y0 = np.ascontiguousarray(problem.y0, dtype=np.float64)
    atol = default_atol(y0, rtol, problem.ev_s, problem.ev_a)
    values = np.empty((n, problem.t_out.size, problem.keep.size), dtype=dtype)
    status = np.zeros(n, dtype=np.int64)
    stats = np.zeros((n, 5), dtype=np.int64)
    gen.simulate_population(np.ascontiguousarray(problem.params), y0, problem.ev_t, problem.ev_s,
                            problem.ev_a, problem.t_out, rtol, atol, values, problem.keep, status, stats,
                            METHODS[method])
    return RawSolution(values, status, stats, f"population/{method}", rtol)
