"""Generic stiff-ODE kernels, appended verbatim to every generated model module.

This file is *text*: :mod:`vitasim.solve.codegen` appends it after a model's ``rhs``,
``outputs``, ``N_STATES`` and ``N_OUTPUTS`` so that numba compiles solver and model as one
unit (inlining the right-hand side, and caching both on disk).  It knows nothing about
physiology; importing it on its own is meaningless.

Two methods, chosen per system by :mod:`vitasim.solve.population_path` from its stiffness:

* ``METHOD_ROSENBROCK`` (0): the Rosenbrock-W pair of order 2(3) of Shampine & Reichelt (1997),
  "The MATLAB ODE suite", SIAM J Sci Comput 18:1-22 (the formula behind ode23s): L-stable, one
  LU of ``I - h*d*J`` per step, an embedded third-order error estimate, valid with an
  approximate Jacobian, which we therefore re-use across steps.  For stiff systems.
* ``METHOD_DOPRI5`` (1): the explicit Dormand-Prince 5(4) pair (Hairer, Norsett & Wanner,
  Solving ODEs I, II.5), first-same-as-last, no Jacobian.  For systems whose fastest time scale
  is slow compared with the steps accuracy needs anyway (vitamin D kinetics: hours).

Each person steps adaptively on their own, so a batch never waits for its stiffest member;
people run in parallel (``prange``).
"""
import math as _math

import numpy as _np
from numba import njit as _njit, prange as _prange

METHOD_ROSENBROCK = 0
METHOD_DOPRI5 = 1
_D = 1.0 / (2.0 + _math.sqrt(2.0))
_E32 = 6.0 + _math.sqrt(2.0)
JAC_MAX_AGE = 10  # accepted steps before the Jacobian is refreshed


@_njit(cache=True)
def _lu_factor(a, piv):
    """In-place LU with partial pivoting of a small dense matrix; False if singular."""
    n = a.shape[0]
    for k in range(n):
        m = k
        big = abs(a[k, k])
        for i in range(k + 1, n):
            if abs(a[i, k]) > big:
                big = abs(a[i, k])
                m = i
        if big == 0.0:
            return False
        piv[k] = m
        if m != k:
            for j in range(n):
                tmp = a[k, j]
                a[k, j] = a[m, j]
                a[m, j] = tmp
        inv = 1.0 / a[k, k]
        for i in range(k + 1, n):
            a[i, k] *= inv
            f = a[i, k]
            if f != 0.0:
                for j in range(k + 1, n):
                    a[i, j] -= f * a[k, j]
    return True


@_njit(cache=True)
def _lu_solve(a, piv, b):
    """Solve in place with the factors from _lu_factor."""
    n = a.shape[0]
    for k in range(n):
        m = piv[k]
        if m != k:
            tmp = b[k]
            b[k] = b[m]
            b[m] = tmp
    for i in range(n):
        s = b[i]
        for j in range(i):
            s -= a[i, j] * b[j]
        b[i] = s
    for i in range(n - 1, -1, -1):
        s = b[i]
        for j in range(i + 1, n):
            s -= a[i, j] * b[j]
        b[i] = s / a[i, i]


@_njit(cache=True)
def _w_sparse(jac, hd, w):
    """Fill the entries of W = I - hd*J that the symbolic LU uses, in permuted order; max |W|."""
    big = 0.0
    for k in range(LU_FILL_I.shape[0]):
        i = LU_FILL_I[k]
        j = LU_FILL_J[k]
        v = 0.0
        if LU_FILL_STRUCTURAL[k] == 1:
            v = -hd * jac[LU_PERM[i], LU_PERM[j]]
        if i == j:
            v += 1.0
        w[i, j] = v
        if abs(v) > big:
            big = abs(v)
    return big


@_njit(cache=True)
def _lu_factor_sparse(a, scale):
    """In-place LU of the permuted W over its symbolic pattern; False if a pivot is too small."""
    n = a.shape[0]
    for k in range(n):
        pivot = a[k, k]
        if abs(pivot) <= 1e-10 * scale:
            return False
        inv = 1.0 / pivot
        for q in range(LU_LCOL_PTR[k], LU_LCOL_PTR[k + 1]):
            i = LU_LCOL_ROWS[q]
            a[i, k] *= inv
            f = a[i, k]
            for r in range(LU_UROW_PTR[k], LU_UROW_PTR[k + 1]):
                j = LU_UROW_COLS[r]
                a[i, j] -= f * a[k, j]
    return True


@_njit(cache=True)
def _lu_solve_sparse(a, b, x):
    """Solve W x = b in place of b (state order) with the factors of _lu_factor_sparse."""
    n = a.shape[0]
    for i in range(n):
        s = b[LU_PERM[i]]
        for q in range(LU_LROW_PTR[i], LU_LROW_PTR[i + 1]):
            j = LU_LROW_COLS[q]
            s -= a[i, j] * x[j]
        x[i] = s
    for i in range(n - 1, -1, -1):
        s = x[i]
        for q in range(LU_UROW_PTR[i], LU_UROW_PTR[i + 1]):
            j = LU_UROW_COLS[q]
            s -= a[i, j] * x[j]
        x[i] = s / a[i, i]
    for i in range(n):
        b[LU_PERM[i]] = x[i]


@_njit(cache=True)
def _factor(jac, hd, w, piv):
    """Factorise W = I - hd*J: sparse without pivoting, else dense with partial pivoting.

    Returns 1 (sparse factors in w), 2 (dense factors in w, piv) or 0 (singular).
    """
    scale = _w_sparse(jac, hd, w)
    if _lu_factor_sparse(w, scale):
        return 1
    n = jac.shape[0]
    for i in range(n):
        for j in range(n):
            w[i, j] = -hd * jac[i, j]
        w[i, i] += 1.0
    return 2 if _lu_factor(w, piv) else 0


@_njit(cache=True)
def _solve(w, piv, kind, b, x):
    if kind == 1:
        _lu_solve_sparse(w, b, x)
    else:
        _lu_solve(w, piv, b)


@_njit(cache=True)
def jacobian(y, p, f0, jac, ytmp, ftmp):
    """Forward-difference Jacobian d rhs / d y at y, given f0 = rhs(y); returns rhs calls made.

    Columns of one colour (``JAC_COLOR``, generated from the structural pattern) share no row,
    so they are perturbed together: one right-hand-side call per colour, not per state.  Only
    entries of the pattern are written: ``jac`` must start as zeros and be reused.
    """
    n = y.shape[0]
    for i in range(n):
        ytmp[i] = y[i]
    for c in range(JAC_NCOLORS):
        for j in range(n):
            if JAC_COLOR[j] == c:
                ytmp[j] = y[j] + 1.49e-8 * max(abs(y[j]), 1e-6)
        rhs(ytmp, p, ftmp)
        for j in range(n):
            if JAC_COLOR[j] == c:
                h = ytmp[j] - y[j]  # the step actually representable in floating point
                for k in range(JAC_COLPTR[j], JAC_COLPTR[j + 1]):
                    r = JAC_ROWS[k]
                    jac[r, j] = (ftmp[r] - f0[r]) / h
                ytmp[j] = y[j]
    return JAC_NCOLORS


@_njit(cache=True)
def jacobian_at(y, p):
    """Convenience for the reference path: a fresh Jacobian matrix at y."""
    n = y.shape[0]
    f0 = _np.empty(n)
    rhs(y, p, f0)
    jac = _np.zeros((n, n))
    jacobian(y, p, f0, jac, _np.empty(n), _np.empty(n))
    return jac


@_njit(cache=True)
def _norm(v, y, ynew, rtol, atol):
    n = v.shape[0]
    s = 0.0
    for i in range(n):
        sc = atol[i] + rtol * max(abs(y[i]), abs(ynew[i]))
        s += (v[i] / sc) ** 2
    return _math.sqrt(s / n)


@_njit(cache=True)
def _start_step(y, f0, rtol, atol, span):
    """A first step from the sizes of y and its derivative (Hairer, Norsett & Wanner, II.4)."""
    n = y.shape[0]
    d0 = 0.0
    d1 = 0.0
    for i in range(n):
        sc = atol[i] + rtol * abs(y[i])
        d0 += (y[i] / sc) ** 2
        d1 += (f0[i] / sc) ** 2
    d0 = _math.sqrt(d0 / n)
    d1 = _math.sqrt(d1 / n)
    h = 1e-6 if (d0 < 1e-5 or d1 < 1e-5) else 0.01 * d0 / d1
    return min(h, span)


@_njit(cache=True)
def integrate(y, p, t0, t1, h, rtol, atol, work, stats, jac, w, jage):
    """Advance y in place from t0 to t1 with adaptive Rosenbrock-W 2(3) steps.

    ``h`` is the proposed first step (<= 0: choose one); returns the step to propose next.
    ``work`` is a scratch array of shape (9, n); ``stats`` counts [steps, rejected, rhs
    evaluations, jacobians, failures].  ``jac`` (zeros at first) and ``w`` are (n, n) scratch
    kept by the caller so that the Jacobian outlives a dose: as a W-method the formula keeps
    its order with an aged Jacobian, which is refreshed after ``JAC_MAX_AGE`` steps, on a
    rejected step, or when ``jage[0] < 0`` (none yet); ``jage[0]`` is its age in steps.
    """
    n = y.shape[0]
    f0 = work[0]
    k1 = work[1]
    k2 = work[2]
    k3 = work[3]
    f1 = work[4]
    ynew = work[5]
    ytmp = work[6]
    ftmp = work[7]
    err = work[8]
    piv = _np.empty(n, dtype=_np.int64)
    xs = _np.empty(n)
    kind = 1
    t = t0
    rhs(y, p, f0)
    stats[2] += 1
    if h <= 0.0:
        h = _start_step(y, f0, rtol, atol, t1 - t0)
    fresh = False
    need_jac = jage[0] < 0
    last_h = -1.0
    while t < t1:
        if t + 1.01 * h >= t1:
            h = t1 - t
        if need_jac:
            stats[2] += jacobian(y, p, f0, jac, ytmp, ftmp)
            stats[3] += 1
            need_jac = False
            fresh = True
            jage[0] = 0
            last_h = -1.0
        if h != last_h:
            kind = _factor(jac, h * _D, w, piv)
            if kind == 0:
                stats[4] += 1
                return -1.0
            last_h = h
        for i in range(n):
            k1[i] = f0[i]
        _solve(w, piv, kind, k1, xs)
        for i in range(n):
            ytmp[i] = y[i] + 0.5 * h * k1[i]
        rhs(ytmp, p, f1)
        for i in range(n):
            k2[i] = f1[i] - k1[i]
        _solve(w, piv, kind, k2, xs)
        for i in range(n):
            k2[i] += k1[i]
            ynew[i] = y[i] + h * k2[i]
        rhs(ynew, p, ftmp)
        for i in range(n):
            k3[i] = ftmp[i] - _E32 * (k2[i] - f1[i]) - 2.0 * (k1[i] - f0[i])
        _solve(w, piv, kind, k3, xs)
        stats[2] += 2
        for i in range(n):
            err[i] = h / 6.0 * (k1[i] - 2.0 * k2[i] + k3[i])
        e = _norm(err, y, ynew, rtol, atol)
        if e != e:  # NaN: treat as a failed step
            e = 1e10
        if e <= 1.0:
            t += h
            for i in range(n):
                y[i] = ynew[i]
                f0[i] = ftmp[i]
            stats[0] += 1
            fac = 5.0 if e < 1e-12 else min(5.0, max(0.2, 0.9 * e ** (-1.0 / 3.0)))
            hn = h * fac
            # Keep the factorisation when the step would barely change; refresh J now and then.
            if 0.8 <= fac <= 1.25 and h < t1 - t:
                hn = h
            jage[0] += 1
            if jage[0] >= JAC_MAX_AGE:
                need_jac = True
            h = hn
            fresh = False
        else:
            stats[1] += 1
            h = h * max(0.1, 0.9 * e ** (-1.0 / 3.0))
            if not fresh:
                need_jac = True
            if h < 1e-12 * max(1.0, abs(t)):
                stats[4] += 1
                return -1.0
    return h


@_njit(cache=True)
def integrate_explicit(y, p, t0, t1, h, rtol, atol, work, stats):
    """Advance y in place from t0 to t1 with adaptive Dormand-Prince 5(4) steps.

    Same contract as :func:`integrate`.
    """
    n = y.shape[0]
    k1 = work[0]
    k2 = work[1]
    k3 = work[2]
    k4 = work[3]
    k5 = work[4]
    k6 = work[5]
    k7 = work[6]
    ynew = work[7]
    ytmp = work[8]
    err = _np.empty(n)
    t = t0
    rhs(y, p, k1)
    stats[2] += 1
    if h <= 0.0:
        h = _start_step(y, k1, rtol, atol, t1 - t0)
    while t < t1:
        if t + 1.01 * h >= t1:
            h = t1 - t
        for i in range(n):
            ytmp[i] = y[i] + h * (0.2 * k1[i])
        rhs(ytmp, p, k2)
        for i in range(n):
            ytmp[i] = y[i] + h * (3.0 / 40.0 * k1[i] + 9.0 / 40.0 * k2[i])
        rhs(ytmp, p, k3)
        for i in range(n):
            ytmp[i] = y[i] + h * (44.0 / 45.0 * k1[i] - 56.0 / 15.0 * k2[i] + 32.0 / 9.0 * k3[i])
        rhs(ytmp, p, k4)
        for i in range(n):
            ytmp[i] = y[i] + h * (19372.0 / 6561.0 * k1[i] - 25360.0 / 2187.0 * k2[i]
                                  + 64448.0 / 6561.0 * k3[i] - 212.0 / 729.0 * k4[i])
        rhs(ytmp, p, k5)
        for i in range(n):
            ytmp[i] = y[i] + h * (9017.0 / 3168.0 * k1[i] - 355.0 / 33.0 * k2[i] + 46732.0 / 5247.0 * k3[i]
                                  + 49.0 / 176.0 * k4[i] - 5103.0 / 18656.0 * k5[i])
        rhs(ytmp, p, k6)
        for i in range(n):
            ynew[i] = y[i] + h * (35.0 / 384.0 * k1[i] + 500.0 / 1113.0 * k3[i] + 125.0 / 192.0 * k4[i]
                                  - 2187.0 / 6784.0 * k5[i] + 11.0 / 84.0 * k6[i])
        rhs(ynew, p, k7)
        stats[2] += 6
        for i in range(n):
            err[i] = h * (71.0 / 57600.0 * k1[i] - 71.0 / 16695.0 * k3[i] + 71.0 / 1920.0 * k4[i]
                          - 17253.0 / 339200.0 * k5[i] + 22.0 / 525.0 * k6[i] - 1.0 / 40.0 * k7[i])
        e = _norm(err, y, ynew, rtol, atol)
        if e != e:
            e = 1e10
        if e <= 1.0:
            t += h
            for i in range(n):
                y[i] = ynew[i]
                k1[i] = k7[i]
            stats[0] += 1
            h = h * (5.0 if e < 1e-15 else min(5.0, max(0.2, 0.9 * e ** -0.2)))
        else:
            stats[1] += 1
            h = h * max(0.1, 0.9 * e ** -0.2)
            if h < 1e-12 * max(1.0, abs(t)):
                stats[4] += 1
                return -1.0
    return h


@_njit(cache=True)
def simulate_one(y, p, ev_t, ev_s, ev_a, t_out, rtol, atol, out, keep, stats, method):
    """One person: integrate across dose events, recording outputs at t_out.

    Outputs at a time are recorded *before* doses given at that same time (trough values).
    ``out`` has shape (len(t_out), len(keep)); ``keep`` selects which outputs to store.
    Returns 0 on success, 1 if the solver failed (the rest of ``out`` is NaN).
    """
    n = y.shape[0]
    work = _np.zeros((9, max(n, 1)))
    jac = _np.zeros((n, n))
    w = _np.zeros((n, n))
    jage = _np.full(1, -1, dtype=_np.int64)
    allout = _np.empty(N_OUTPUTS)
    n_ev = ev_t.shape[0]
    n_out = t_out.shape[0]
    t = t_out[0] if n_out > 0 else 0.0
    if n_ev > 0 and ev_t[0] < t:
        t = ev_t[0]
    ie = 0
    io = 0
    h = -1.0
    while io < n_out:
        while io < n_out and t_out[io] <= t:
            outputs(y, p, allout)
            for k in range(keep.shape[0]):
                out[io, k] = allout[keep[k]]
            io += 1
        dosed = False
        while ie < n_ev and ev_t[ie] <= t:
            y[ev_s[ie]] += ev_a[ie]
            ie += 1
            dosed = True
        if dosed:
            h = -1.0
        if io >= n_out:
            break
        t_next = t_out[io]
        if ie < n_ev and ev_t[ie] < t_next:
            t_next = ev_t[ie]
        if method == METHOD_DOPRI5:
            h = integrate_explicit(y, p, t, t_next, h, rtol, atol, work, stats)
        else:
            h = integrate(y, p, t, t_next, h, rtol, atol, work, stats, jac, w, jage)
        if h < 0.0:
            for j in range(io, n_out):
                for k in range(keep.shape[0]):
                    out[j, k] = _np.nan
            return 1
        t = t_next
    return 0


@_njit(cache=True, parallel=True)
def simulate_population(P, Y0, ev_t, ev_s, ev_a, t_out, rtol, atol, out, keep, status, stats, method):
    """All people in parallel, each with its own adaptive steps (no lock-step).

    P: (N, n_params) per-person parameters (derived already filled); Y0: (N, n_states);
    out: (N, len(t_out), len(keep)); status: (N,) solver status; stats: (N, 5) counters;
    method: METHOD_ROSENBROCK or METHOD_DOPRI5.
    """
    N = P.shape[0]
    for i in _prange(N):
        y = Y0[i].copy()
        status[i] = simulate_one(y, P[i], ev_t, ev_s, ev_a, t_out, rtol, atol[i], out[i], keep,
                                 stats[i], method)


@_njit(cache=True, parallel=True)
def prepare_population(P, Y0):
    """Fill derived quantities and initial states for every person, in parallel."""
    for i in _prange(P.shape[0]):
        derive(P[i])
        init(P[i], Y0[i])
