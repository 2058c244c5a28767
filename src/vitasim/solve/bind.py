"""Bind a generated model module to the generic numerics: the compiled solver of one system.

The generated module (:mod:`vitasim.solve.codegen`) holds only the model's own functions and
pattern arrays.  :func:`bind` wires them to the methods, passes and event loop through small
namespace modules (:mod:`vitasim.solve.namespace`, which explains why namespaces and not plain
closures: numba's on-disk cache) and returns a :class:`CompiledModel`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Callable

import numpy as np
from numba import prange

from vitasim.solve import control, dopri5, events, fdjac, fields, hermite, linalg, namespace as _ns, passes, rosenbrock
from vitasim.solve import status
from vitasim.solve.namespace import jit_for, namespace

METHOD_ROSENBROCK = 0
METHOD_DOPRI5 = 1
_LU_FIELDS = ("PERM", "FILL_I", "FILL_J", "FILL_STRUCTURAL", "LCOL_PTR", "LCOL_ROWS", "LROW_PTR", "LROW_COLS",
              "UROW_PTR", "UROW_COLS")


@dataclass(frozen=True)
class CompiledModel:
    """One system, compiled: the model's functions and the population solver bound to them."""

    module: ModuleType                  # the generated module (model functions, pattern arrays)
    rhs: Callable                       # rhs(y, p, dy)
    outputs: Callable                   # outputs(y, p, out)
    N_STATES: int
    N_OUTPUTS: int
    jac_lu: tuple                       # symbolic LU of the full Jacobian (see vitasim.solve.linalg)
    up_idx: np.ndarray                  # the first block of a split (empty: no split)
    down_idx: np.ndarray                # the second block (every state without a split)
    prepare_population: Callable        # (P, Y0): derived quantities and start states, in place
    jacobian_at: Callable               # (y, p) -> J, coloured forward differences
    simulate_population: Callable       # see make_entries


def _pattern(model: ModuleType, prefix: str) -> dict:
    attrs = {"COLPTR": getattr(model, f"{prefix}_COLPTR"), "ROWS": getattr(model, f"{prefix}_ROWS"),
             "COLOR": getattr(model, f"{prefix}_COLOR"), "NCOLORS": getattr(model, f"{prefix}_NCOLORS")}
    attrs.update({f"LU_{k}": getattr(model, f"{prefix}_LU_{k}") for k in _LU_FIELDS})
    return attrs


def make_entries(model: ModuleType, loops: ModuleType, full: ModuleType, prefix: str) -> dict[str, Callable]:
    """The compiled entry points (those called from Python, cached on disk)."""
    owner = namespace(f"{prefix}.entries", model.__file__, model=model)
    owner.rates = fields.exact_rates(model, owner)

    @jit_for(owner)
    def simulate_one(y, p, plan, up_plan, ev_s, ev_a, up_s, up_a, rtol, atol, out, keep, stats, method, exact):
        """One person across the plan; 0, or a SolveStatus code (the outputs not reached are NaN).

        ``exact``: the explicit passes write the linearly decaying states in closed form (leaving
        them out of the error norm) and choose first steps from the second derivative."""
        n = y.shape[0]
        t0 = plan[0][0] if plan[0].shape[0] > 0 else 0.0
        allout = np.empty(model.N_OUTPUTS)
        hbox = np.full(1, -1.0)
        if method == METHOD_DOPRI5:
            work = np.zeros((9, max(n, 1)))
            xidx = model.FULL_EXACT_IDX if exact else np.zeros(0, dtype=np.int64)
            rate = np.zeros(xidx.shape[0])
            owner.rates(y, p, xidx, rate, False)
            xctx = (p, np.zeros(xidx.shape[0]), np.zeros(1), rate, xidx)
            ctx = (y, p, rtol, atol, work, stats, hbox, out, keep, allout, ev_s, ev_a,
                   model.FULL_NORM_IDX if exact else np.arange(n), hermite.new_record(0), np.zeros(0, dtype=np.int64),
                   xctx, exact)
            code, io = loops.explicit(plan[0], plan[1], plan[2], t0, ctx)
        else:
            up, down = model.UP_IDX, model.DOWN_IDX
            nd = down.shape[0]
            rec = hermite.new_record(up.shape[0])
            f = np.zeros(n)
            model.rhs_up(y, p, f)
            hermite.append(t0, y, f, rec[0], rec[1], rec[2], rec[3], up)  # before any dose at t0
            if up.shape[0] > 0:
                xidx = model.UP_EXACT_IDX if exact else np.zeros(0, dtype=np.int64)
                rate = np.zeros(xidx.shape[0])
                owner.rates(y, p, xidx, rate, True)
                xctx = (p, np.zeros(xidx.shape[0]), np.zeros(1), rate, xidx)
                ctx1 = (y, p, rtol, atol, np.zeros((9, max(n, 1))), stats, hbox, f, up_s, up_a, rec, xctx,
                        model.UP_NORM_IDX if exact else up, exact)
                code, io = loops.first(up_plan[0], up_plan[1], up_plan[2], t0, ctx1)
                if code != 0:
                    out[:, :] = np.nan
                    return code
            yd = np.empty(nd)
            atold = np.empty(nd)
            local = np.full(n, -1, dtype=np.int64)
            for k in range(nd):
                yd[k] = y[down[k]]
                atold[k] = atol[down[k]]
                local[down[k]] = k
            fctx = (p, y.copy(), np.zeros(n), rec, np.zeros(2, dtype=np.int64))
            hbox[0] = -1.0
            ctx = (yd, fctx, rtol, atold, np.zeros((9, max(nd, 1))), stats, hbox, out, keep, allout, ev_s, ev_a,
                   local, np.zeros((nd, nd)), np.zeros((nd, nd)), np.full(1, -1, dtype=np.int64))
            code, io = loops.second(plan[0], plan[1], plan[2], t0, ctx)
        if code != 0:
            out[io:, :] = np.nan
        return code

    entries = owner
    entries.simulate_one = simulate_one

    @jit_for(entries, parallel=True)
    def simulate_population(P, Y0, plan, up_plan, ev_s, ev_a, up_s, up_a, rtol, atol, out, keep, status, stats,
                            method, exact):
        """All people in parallel, each with its own adaptive steps (no lock-step)."""
        for i in prange(P.shape[0]):
            y = Y0[i].copy()
            status[i] = entries.simulate_one(y, P[i], plan, up_plan, ev_s, ev_a, up_s, up_a, rtol, atol[i], out[i],
                                             keep, stats[i], method, exact)

    @jit_for(entries, parallel=True)
    def prepare_population(P, Y0):
        """Fill derived quantities and initial states for every person, in parallel."""
        for i in prange(P.shape[0]):
            entries.model.derive(P[i])
            entries.model.init(P[i], Y0[i])

    @jit_for(entries)
    def jacobian_at(y, p):
        """A fresh Jacobian matrix at y (coloured forward differences)."""
        n = y.shape[0]
        f0 = np.empty(n)
        full.f(0.0, y, p, f0)
        jac = np.zeros((n, n))
        full.jac(0.0, y, p, f0, jac, np.empty(n), np.empty(n))
        return jac

    return {"simulate_population": simulate_population, "prepare_population": prepare_population,
            "jacobian_at": jacobian_at}


@lru_cache(maxsize=1)
def numerics_digest() -> str:
    """A hash of the numerics' source files.

    Numba checks a cached function against its own file only, not the files of what it calls:
    the entry points here inline the methods of other modules.  The digest is part of every
    namespace's name, hence of the cache key, so a change to any numerics file recompiles.
    """
    h = hashlib.sha256()
    for module in (control, dopri5, events, fdjac, fields, hermite, linalg, _ns, passes, rosenbrock, status):
        h.update(Path(module.__file__).read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:12]


def bind(model: ModuleType) -> CompiledModel:
    """The population solver of the generated ``model`` (compiled lazily on first call)."""
    prefix = f"{model.__name__}.n{numerics_digest()}"

    def ns(role: str, **attrs) -> ModuleType:
        return namespace(f"{prefix}.{role}", model.__file__, **attrs)

    full = ns("full", **_pattern(model, "JAC"))
    full.f = fields.make_full(model, full)
    full.jac = fdjac.make_jacobian(full)
    fullx = ns("fullx")
    fullx.f = fields.make_full_exact(model, fullx)
    up = ns("up")
    up.f = fields.make_up_exact(model, up)
    down = ns("down", **_pattern(model, "DOWN"))
    down.f = fields.make_down(model, down)
    down.jac = fdjac.make_jacobian(down)
    methods = ns("methods", dopri5_full=dopri5.make_integrate(fullx), dopri5_up=dopri5.make_integrate(up),
                 rosenbrock_down=rosenbrock.make_integrate(down))
    loops = {}
    for role, make in (("explicit", passes.explicit), ("first", passes.first), ("second", passes.second)):
        advance, observe, dose = make(model, methods)
        loops[role] = events.make_event_loop(ns(f"{role}_actions", advance=advance, observe=observe, dose=dose))
    entries = make_entries(model, ns("loops", **loops), full, prefix)
    return CompiledModel(model, model.rhs, model.outputs, model.N_STATES, model.N_OUTPUTS,
                         tuple(getattr(model, f"JAC_LU_{k}") for k in _LU_FIELDS), model.UP_IDX, model.DOWN_IDX,
                         **entries)
