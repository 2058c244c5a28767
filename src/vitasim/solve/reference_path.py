"""The reference path: scipy's Radau (implicit Runge-Kutta, order 5) per person, tight tolerance.

Used for validation and one-person detail.  It integrates piecewise between dose events and
output times, applying doses as jumps, with the generated numba right-hand side and Jacobian.
"""
from __future__ import annotations

import numpy as np
from scipy.integrate import solve_ivp

from vitasim.solve.codegen import compile_system
from vitasim.solve.events import event_plan
from vitasim.solve.problem import Problem, RawSolution, default_atol
from vitasim.solve.status import STAT_NAMES, SolveStatus

DEFAULT_RTOL = 1e-9


def solve_reference(problem: Problem, *, rtol: float = DEFAULT_RTOL, method: str = "Radau") -> RawSolution:
    """Integrate each person with scipy (a loop over people: for validation, not for crowds)."""
    gen = compile_system(problem.system)
    n_t, n_k = problem.t_out.size, problem.keep.size
    values = np.full((problem.n, n_t, n_k), np.nan)
    status = np.zeros(problem.n, dtype=np.int64)
    stats = np.zeros((problem.n, len(STAT_NAMES)), dtype=np.int64)
    allout = np.empty(gen.N_OUTPUTS)
    plan = event_plan(problem.t_out, problem.ev_t)
    for i in range(problem.n):
        p = problem.params[i]
        y = problem.y0[i].astype(np.float64).copy()
        atol = default_atol(y, rtol)
        dy = np.empty_like(y)

        def f(_t, yy, p=p, dy=dy):
            gen.rhs(yy, p, dy)
            return dy.copy()

        def jac(_t, yy, p=p):
            return gen.jacobian_at(np.ascontiguousarray(yy), p)

        t = plan.start
        for t_stop, outs, doses in plan.steps():
            if t_stop > t:
                sol = solve_ivp(f, (t, t_stop), y, method=method, jac=jac, rtol=rtol, atol=atol)
                stats[i, 0] += sol.t.size - 1
                stats[i, 2] += sol.nfev
                stats[i, 3] += sol.njev
                if not sol.success:
                    status[i] = SolveStatus.FAILED
                    break
                y = sol.y[:, -1].copy()
                t = t_stop
            for io in outs:
                gen.outputs(y, p, allout)
                values[i, io] = allout[problem.keep]
            for ie in doses:
                y[problem.ev_s[ie]] += problem.ev_a[ie]
    return RawSolution(values, status, stats, "reference", rtol)
