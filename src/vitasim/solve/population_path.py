"""The population path: all people at once in compiled code, each with adaptive steps.

No Python loop over people: one call into the numba kernel, parallel over people.  The method
is chosen from the system's stiffness at the first person's start: if the fastest decay rate
of the Jacobian is below ``STIFF_RATE`` (per hour), the explicit Dormand-Prince 5(4) pair is
stable at the step sizes accuracy needs anyway (its stability boundary is about 3.3/|lambda|, so
below 2/h steps up to about 1.6 h are stable) and is much cheaper per step: no Jacobian, no LU;
otherwise the L-stable Rosenbrock-W 2(3) method is used.

A stiff system whose stiff states are read by nothing outside their block (the calcium/bone
model reads the vitamins; no vitamin reads bone) is integrated in two passes per person: the
rest first, alone, with explicit Dormand-Prince steps and every step recorded; then the stiff
block alone with Rosenbrock-W steps, the rest interpolated from the record (cubic Hermite) as
a known input.  This is exact splitting, not an approximation: the Jacobian is
block-triangular.  Each block takes the steps it needs (the coupled model: about 18 explicit
steps a day for four daily dose streams, about 1.5 implicit steps a day for bone, instead of
46 implicit steps a day for everything).
"""
from __future__ import annotations

import numpy as np

from vitasim.solve.bind import METHOD_DOPRI5, METHOD_ROSENBROCK
from vitasim.solve.codegen import compile_system
from vitasim.solve.events import event_plan
from vitasim.solve.problem import Problem, RawSolution, default_atol
from vitasim.solve.status import STAT_NAMES
from vitasim.solve.sparsity import downstream_closure, state_dependencies

DEFAULT_RTOL = 1e-4
STIFF_RATE = 2.0  # 1/h: explicit steps up to ~1.6 h stay stable; dose transients need short steps anyway
METHODS = {"rosenbrock": METHOD_ROSENBROCK, "dopri5": METHOD_DOPRI5}


def stiffness(problem: Problem) -> float:
    """Largest |Re(lambda)| (1/h) of the Jacobian of the first person at the start."""
    gen = compile_system(problem.system)
    jac = gen.jacobian_at(np.ascontiguousarray(problem.y0[0], dtype=np.float64), problem.params[0])
    return float(np.max(np.abs(np.linalg.eigvals(jac).real)))


def choose_method(problem: Problem) -> str:
    return "dopri5" if stiffness(problem) < STIFF_RATE else "rosenbrock"


def stiff_block(problem: Problem) -> tuple[int, ...] | None:
    """The states to integrate implicitly, when the rest can go first on its own; else None.

    Seeds are the states whose own decay rate (|J_ii| of the first person at the start) reaches
    ``STIFF_RATE``; the block is them plus every state that reads them (so the rest does not read
    the block: the Jacobian is block-triangular).  Split only if the rest is non-stiff.
    """
    gen = compile_system(problem.system)
    jac = gen.jacobian_at(np.ascontiguousarray(problem.y0[0], dtype=np.float64), problem.params[0])
    seeds = {i for i in range(jac.shape[0]) if abs(jac[i, i]) >= STIFF_RATE}
    if not seeds:
        return None
    down = downstream_closure(problem.system, seeds)
    up = [i for i in range(jac.shape[0]) if i not in set(down)]
    if not up:
        return None
    rest = jac[np.ix_(up, up)]
    if np.max(np.abs(np.linalg.eigvals(rest).real)) >= STIFF_RATE:
        return None
    return down


def second_block_events(problem: Problem, down: tuple[int, ...]) -> np.ndarray:
    """Which doses the second block must stop at: its own, and every first-block dose if it reads
    (directly or through intermediates) a state that a first-block dose makes jump.  Otherwise
    the first block's doses only kink its input (the interpolated record is continuous: a
    record before and after each dose), and its error control sees to that without a restart.
    """
    ev_s = np.asarray(problem.ev_s, dtype=np.int64)
    inside = np.isin(ev_s, np.asarray(down, dtype=np.int64))
    deps = state_dependencies(problem.system)
    read = set().union(*(deps[i] for i in down)) if len(down) else set()
    names = problem.system.snames
    jumping = {names[s] for s in np.unique(ev_s[~inside])}
    return np.ones(ev_s.size, dtype=bool) if read & jumping else inside


def solve_population(problem: Problem, *, rtol: float = DEFAULT_RTOL, dtype=np.float32,
                     method: str = "auto", split: bool = True, exact: bool = False,
                     input_stops: bool = True) -> RawSolution:
    """Integrate every person of ``problem``; outputs are stored in ``dtype`` to save memory.

    With the Rosenbrock method and ``split``, a system whose stiff part is read by nothing else
    is integrated in two blocks (:func:`stiff_block`): the non-stiff rest first with explicit
    Dormand-Prince steps, then the stiff part alone with the rest as an interpolated input.
    ``exact``: the explicit passes write states that decay linearly on their own (absorption
    depots, :mod:`vitasim.solve.transients`) in closed form between doses, out of the error norm,
    and pick each first step after a dose from the second derivative.  Off by default: it halves
    the explicit steps of the coupled model, but with a split the second block reads those states
    through the first block's (now long) interpolated steps, outside any error control, and the
    teriparatide cross-check against libroadrunner then misses by 1.0e-4 at rtol 1e-8 (6.7e-7
    without it); see benchmarks/README.md (issue 13).  ``input_stops``: the second block of a split also stops and
    restarts its steps at the first block's doses (False: only where its input actually jumps, i.e.
    when it reads a dosed first-block state; see :func:`second_block_events`).
    """
    if method == "auto":
        method = choose_method(problem)
    down = stiff_block(problem) if method == "rosenbrock" and split else None
    gen = compile_system(problem.system, down)
    label = f"population/{method}" if down is None else "population/dopri5+rosenbrock"
    n = problem.n
    y0 = np.ascontiguousarray(problem.y0, dtype=np.float64)
    atol = default_atol(y0, rtol, problem.ev_s, problem.ev_a)
    values = np.empty((n, problem.t_out.size, problem.keep.size), dtype=dtype)
    status = np.zeros(n, dtype=np.int64)
    stats = np.zeros((n, len(STAT_NAMES)), dtype=np.int64)
    ev_t = np.ascontiguousarray(problem.ev_t, dtype=np.float64)
    ev_s = np.ascontiguousarray(problem.ev_s, dtype=np.int64)
    ev_a = np.ascontiguousarray(problem.ev_a, dtype=np.float64)
    plan = event_plan(problem.t_out, ev_t)
    # the first block of a split runs alone, to the last output, with its own doses only
    mine = np.isin(ev_s, gen.up_idx)
    up_plan = event_plan(np.array([max(problem.t_out[-1], plan.start)]) if problem.t_out.size else np.zeros(0),
                         ev_t[mine])
    up_s, up_a = ev_s[mine], ev_a[mine]
    if down is not None and not input_stops:
        keep2 = second_block_events(problem, down)
        plan2 = event_plan(problem.t_out, ev_t[keep2])
        if plan2.start == plan.start:  # else a dose before the first output: keep every stop
            plan, ev_s, ev_a = plan2, ev_s[keep2], ev_a[keep2]
    gen.simulate_population(np.ascontiguousarray(problem.params), y0, tuple(plan), tuple(up_plan), ev_s, ev_a,
                            up_s, up_a, float(rtol), atol, values,
                            np.ascontiguousarray(problem.keep, dtype=np.int64), status, stats, METHODS[method],
                            bool(exact))
    return RawSolution(values, status, stats, label, rtol)
