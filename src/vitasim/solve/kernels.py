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
def _w_sparse(jac, hd, w, lu):
    """Fill the entries of W = I - hd*J that the symbolic LU uses, in permuted order; max |W|.

    ``lu`` is a generated symbolic factorisation: (perm, fill_i, fill_j, fill_structural,
    lcol_ptr, lcol_rows, lrow_ptr, lrow_cols, urow_ptr, urow_cols), see vitasim.solve.sparsity.
    """
    perm, fill_i, fill_j, fill_structural = lu[0], lu[1], lu[2], lu[3]
    big = 0.0
    for k in range(fill_i.shape[0]):
        i = fill_i[k]
        j = fill_j[k]
        v = 0.0
        if fill_structural[k] == 1:
            v = -hd * jac[perm[i], perm[j]]
        if i == j:
            v += 1.0
        w[i, j] = v
        if abs(v) > big:
            big = abs(v)
    return big


@_njit(cache=True)
def _lu_factor_sparse(a, scale, lu):
    """In-place LU of the permuted W over its symbolic pattern; False if a pivot is too small."""
    lcol_ptr, lcol_rows, urow_ptr, urow_cols = lu[4], lu[5], lu[8], lu[9]
    n = a.shape[0]
    for k in range(n):
        pivot = a[k, k]
        if abs(pivot) <= 1e-10 * scale:
            return False
        inv = 1.0 / pivot
        for q in range(lcol_ptr[k], lcol_ptr[k + 1]):
            i = lcol_rows[q]
            a[i, k] *= inv
            f = a[i, k]
            for r in range(urow_ptr[k], urow_ptr[k + 1]):
                j = urow_cols[r]
                a[i, j] -= f * a[k, j]
    return True


@_njit(cache=True)
def _lu_solve_sparse(a, b, x, lu):
    """Solve W x = b in place of b (state order) with the factors of _lu_factor_sparse."""
    perm, lrow_ptr, lrow_cols, urow_ptr, urow_cols = lu[0], lu[6], lu[7], lu[8], lu[9]
    n = a.shape[0]
    for i in range(n):
        s = b[perm[i]]
        for q in range(lrow_ptr[i], lrow_ptr[i + 1]):
            j = lrow_cols[q]
            s -= a[i, j] * x[j]
        x[i] = s
    for i in range(n - 1, -1, -1):
        s = x[i]
        for q in range(urow_ptr[i], urow_ptr[i + 1]):
            j = urow_cols[q]
            s -= a[i, j] * x[j]
        x[i] = s / a[i, i]
    for i in range(n):
        b[perm[i]] = x[i]


@_njit(cache=True)
def _factor(jac, hd, w, piv, lu):
    """Factorise W = I - hd*J: sparse without pivoting, else dense with partial pivoting.

    Returns 1 (sparse factors in w), 2 (dense factors in w, piv) or 0 (singular).
    """
    scale = _w_sparse(jac, hd, w, lu)
    if _lu_factor_sparse(w, scale, lu):
        return 1
    n = jac.shape[0]
    for i in range(n):
        for j in range(n):
            w[i, j] = -hd * jac[i, j]
        w[i, i] += 1.0
    return 2 if _lu_factor(w, piv) else 0


@_njit(cache=True)
def _solve(w, piv, kind, b, x, lu):
    if kind == 1:
        _lu_solve_sparse(w, b, x, lu)
    else:
        _lu_solve(w, piv, b)


@_njit(cache=True)
def _full_lu():
    return (JAC_LU_PERM, JAC_LU_FILL_I, JAC_LU_FILL_J, JAC_LU_FILL_STRUCTURAL, JAC_LU_LCOL_PTR,
            JAC_LU_LCOL_ROWS, JAC_LU_LROW_PTR, JAC_LU_LROW_COLS, JAC_LU_UROW_PTR, JAC_LU_UROW_COLS)


@_njit(cache=True)
def _down_lu():
    return (DOWN_LU_PERM, DOWN_LU_FILL_I, DOWN_LU_FILL_J, DOWN_LU_FILL_STRUCTURAL, DOWN_LU_LCOL_PTR,
            DOWN_LU_LCOL_ROWS, DOWN_LU_LROW_PTR, DOWN_LU_LROW_COLS, DOWN_LU_UROW_PTR, DOWN_LU_UROW_COLS)


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
def _set_up(t, yfull, rec_t, rec_y, rec_f, klo, khi):
    """Write the first block's states at time t into yfull, by cubic Hermite interpolation of the
    recorded steps between records klo and khi (no dose jump lies strictly between them)."""
    nu = UP_IDX.shape[0]
    if nu == 0:
        return
    k = klo
    lo = klo
    hi = khi
    while hi - lo > 1:  # largest k in [klo, khi - 1] with rec_t[k] <= t
        mid = (lo + hi) // 2
        if rec_t[mid] <= t:
            lo = mid
        else:
            hi = mid
    k = lo
    if khi <= klo:
        for m in range(nu):
            yfull[UP_IDX[m]] = rec_y[klo, m]
        return
    dt = rec_t[k + 1] - rec_t[k]
    if dt <= 0.0:
        for m in range(nu):
            yfull[UP_IDX[m]] = rec_y[k, m]
        return
    s = min(max((t - rec_t[k]) / dt, 0.0), 1.0)
    h00 = (1.0 + 2.0 * s) * (1.0 - s) ** 2
    h10 = s * (1.0 - s) ** 2
    h01 = s * s * (3.0 - 2.0 * s)
    h11 = s * s * (s - 1.0)
    for m in range(nu):
        yfull[UP_IDX[m]] = (h00 * rec_y[k, m] + h10 * dt * rec_f[k, m] + h01 * rec_y[k + 1, m]
                            + h11 * dt * rec_f[k + 1, m])


@_njit(cache=True)
def _rhs_down_local(yd, p, fd, yfull, dyfull):
    """Right-hand side of the second block in its own (local) indices; yfull holds the first block."""
    nd = DOWN_IDX.shape[0]
    for k in range(nd):
        yfull[DOWN_IDX[k]] = yd[k]
    rhs_down(yfull, p, dyfull)
    for k in range(nd):
        fd[k] = dyfull[DOWN_IDX[k]]


@_njit(cache=True)
def _jacobian_down(yd, p, f0, jac, ytmp, ftmp, yfull, dyfull):
    """Coloured forward differences of the second block (first block held where yfull has it)."""
    n = yd.shape[0]
    for i in range(n):
        ytmp[i] = yd[i]
    for c in range(DOWN_NCOLORS):
        for j in range(n):
            if DOWN_COLOR[j] == c:
                ytmp[j] = yd[j] + 1.49e-8 * max(abs(yd[j]), 1e-6)
        _rhs_down_local(ytmp, p, ftmp, yfull, dyfull)
        for j in range(n):
            if DOWN_COLOR[j] == c:
                h = ytmp[j] - yd[j]
                for k in range(DOWN_COLPTR[j], DOWN_COLPTR[j + 1]):
                    r = DOWN_ROWS[k]
                    jac[r, j] = (ftmp[r] - f0[r]) / h
                ytmp[j] = yd[j]
    return DOWN_NCOLORS


@_njit(cache=True)
def integrate(y, p, t0, t1, h, rtol, atol, work, stats, jac, w, jage, yfull, dyfull, rec_t, rec_y, rec_f,
              klo, khi):
    """Advance the second block ``y`` (local indices, see DOWN_IDX) in place from t0 to t1 with
    adaptive Rosenbrock-W 2(3) steps, the first block's states interpolated from its record
    (records klo..khi cover [t0, t1]; with no first block, DOWN_IDX is every state).

    ``h`` is the proposed first step (<= 0: choose one); returns the step to propose next.
    ``work`` is a scratch array of shape (9, n); ``stats`` counts [steps, rejected, rhs
    evaluations, jacobians, failures].  ``jac`` (zeros at first) and ``w`` are (n, n) scratch
    kept by the caller so that the Jacobian outlives a dose: as a W-method the formula keeps
    its order with an aged Jacobian, which is refreshed after ``JAC_MAX_AGE`` steps, on a
    rejected step, or when ``jage[0] < 0`` (none yet); ``jage[0]`` is its age in steps.
    """
    n = y.shape[0]
    lu = _down_lu()
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
    tdot = _np.zeros(n)
    forced = UP_IDX.shape[0] > 0
    kind = 1
    t = t0
    _set_up(t, yfull, rec_t, rec_y, rec_f, klo, khi)
    _rhs_down_local(y, p, f0, yfull, dyfull)
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
            _set_up(t, yfull, rec_t, rec_y, rec_f, klo, khi)
            stats[2] += _jacobian_down(y, p, f0, jac, ytmp, ftmp, yfull, dyfull)
            stats[3] += 1
            need_jac = False
            fresh = True
            jage[0] = 0
            last_h = -1.0
        if h != last_h:
            kind = _factor(jac, h * _D, w, piv, lu)
            if kind == 0:
                stats[4] += 1
                return -1.0
            last_h = h
        hd = h * _D
        if forced:  # T = d rhs / d t through the first block's input (Shampine & Reichelt's T term)
            dt = 1e-6 * max(h, 1e-3)
            _set_up(t + dt, yfull, rec_t, rec_y, rec_f, klo, khi)
            _rhs_down_local(y, p, tdot, yfull, dyfull)
            stats[2] += 1
            for i in range(n):
                tdot[i] = (tdot[i] - f0[i]) / dt
        for i in range(n):
            k1[i] = f0[i] + hd * tdot[i]
        _solve(w, piv, kind, k1, xs, lu)
        for i in range(n):
            ytmp[i] = y[i] + 0.5 * h * k1[i]
        _set_up(t + 0.5 * h, yfull, rec_t, rec_y, rec_f, klo, khi)
        _rhs_down_local(ytmp, p, f1, yfull, dyfull)
        for i in range(n):
            k2[i] = f1[i] - k1[i]
        _solve(w, piv, kind, k2, xs, lu)
        for i in range(n):
            k2[i] += k1[i]
            ynew[i] = y[i] + h * k2[i]
        _set_up(t + h, yfull, rec_t, rec_y, rec_f, klo, khi)
        _rhs_down_local(ynew, p, ftmp, yfull, dyfull)
        for i in range(n):
            k3[i] = ftmp[i] - _E32 * (k2[i] - f1[i]) - 2.0 * (k1[i] - f0[i]) + hd * tdot[i]
        _solve(w, piv, kind, k3, xs, lu)
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
def _f(up, y, p, dy):
    if up:
        rhs_up(y, p, dy)
    else:
        rhs(y, p, dy)


@_njit(cache=True)
def _norm_up(v, y, ynew, rtol, atol):
    """The error norm over the first block's states only."""
    s = 0.0
    for m in range(UP_IDX.shape[0]):
        i = UP_IDX[m]
        sc = atol[i] + rtol * max(abs(y[i]), abs(ynew[i]))
        s += (v[i] / sc) ** 2
    return _math.sqrt(s / max(UP_IDX.shape[0], 1))


@_njit(cache=True)
def _record(t, y, f, rec_t, rec_y, rec_f, cnt):
    k = cnt[0]
    rec_t[k] = t
    for m in range(UP_IDX.shape[0]):
        rec_y[k, m] = y[UP_IDX[m]]
        rec_f[k, m] = f[UP_IDX[m]]
    cnt[0] = k + 1


@_njit(cache=True)
def integrate_explicit(y, p, t0, t1, h, rtol, atol, work, stats, up, rec_t, rec_y, rec_f, cnt):
    """Advance y in place from t0 to t1 with adaptive Dormand-Prince 5(4) steps.

    Same contract as :func:`integrate`.  With ``up`` only the first block of a split system moves
    (``rhs_up``; the error norm over its states) and every accepted step is appended to the
    record (rec_t, rec_y, rec_f; ``cnt[0]`` entries used); returns -2 if the record is full.
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
    _f(up, y, p, k1)
    stats[2] += 1
    if h <= 0.0:
        h = _start_step(y, k1, rtol, atol, t1 - t0)
    while t < t1:
        if t + 1.01 * h >= t1:
            h = t1 - t
        for i in range(n):
            ytmp[i] = y[i] + h * (0.2 * k1[i])
        _f(up, ytmp, p, k2)
        for i in range(n):
            ytmp[i] = y[i] + h * (3.0 / 40.0 * k1[i] + 9.0 / 40.0 * k2[i])
        _f(up, ytmp, p, k3)
        for i in range(n):
            ytmp[i] = y[i] + h * (44.0 / 45.0 * k1[i] - 56.0 / 15.0 * k2[i] + 32.0 / 9.0 * k3[i])
        _f(up, ytmp, p, k4)
        for i in range(n):
            ytmp[i] = y[i] + h * (19372.0 / 6561.0 * k1[i] - 25360.0 / 2187.0 * k2[i]
                                  + 64448.0 / 6561.0 * k3[i] - 212.0 / 729.0 * k4[i])
        _f(up, ytmp, p, k5)
        for i in range(n):
            ytmp[i] = y[i] + h * (9017.0 / 3168.0 * k1[i] - 355.0 / 33.0 * k2[i] + 46732.0 / 5247.0 * k3[i]
                                  + 49.0 / 176.0 * k4[i] - 5103.0 / 18656.0 * k5[i])
        _f(up, ytmp, p, k6)
        for i in range(n):
            ynew[i] = y[i] + h * (35.0 / 384.0 * k1[i] + 500.0 / 1113.0 * k3[i] + 125.0 / 192.0 * k4[i]
                                  - 2187.0 / 6784.0 * k5[i] + 11.0 / 84.0 * k6[i])
        _f(up, ynew, p, k7)
        stats[2] += 6
        for i in range(n):
            err[i] = h * (71.0 / 57600.0 * k1[i] - 71.0 / 16695.0 * k3[i] + 71.0 / 1920.0 * k4[i]
                          - 17253.0 / 339200.0 * k5[i] + 22.0 / 525.0 * k6[i] - 1.0 / 40.0 * k7[i])
        e = _norm_up(err, y, ynew, rtol, atol) if up else _norm(err, y, ynew, rtol, atol)
        if e != e:
            e = 1e10
        if e <= 1.0:
            t += h
            for i in range(n):
                y[i] = ynew[i]
                k1[i] = k7[i]
            stats[0] += 1
            if up:
                if cnt[0] >= rec_t.shape[0]:
                    return -2.0
                _record(t, y, k1, rec_t, rec_y, rec_f, cnt)
            h = h * (5.0 if e < 1e-15 else min(5.0, max(0.2, 0.9 * e ** -0.2)))
        else:
            stats[1] += 1
            h = h * max(0.1, 0.9 * e ** -0.2)
            if h < 1e-12 * max(1.0, abs(t)):
                stats[4] += 1
                return -1.0
    return h


@_njit(cache=True)
def _grow(rec_t, rec_y, rec_f, used):
    """Twice the room, the first ``used`` records kept."""
    cap = 2 * rec_t.shape[0]
    nt = _np.empty(cap)
    ny = _np.empty((cap, rec_y.shape[1]))
    nf = _np.empty((cap, rec_f.shape[1]))
    nt[:used] = rec_t[:used]
    ny[:used] = rec_y[:used]
    nf[:used] = rec_f[:used]
    return nt, ny, nf


@_njit(cache=True)
def _first_block(y, p, ev_t, ev_s, ev_a, t0, tend, rtol, atol, stats, is_up):
    """Pass 1 of a split system: the first block alone (explicit steps, its own doses), every
    accepted step recorded; at a dose, a record just before and one just after it."""
    n = y.shape[0]
    nu = UP_IDX.shape[0]
    rec_t = _np.empty(1024)
    rec_y = _np.empty((1024, nu))
    rec_f = _np.empty((1024, nu))
    cnt = _np.zeros(1, dtype=_np.int64)
    work = _np.zeros((9, max(n, 1)))
    f = _np.zeros(n)
    n_ev = ev_t.shape[0]
    t = t0
    j = 0
    while j < n_ev and ev_t[j] <= t:
        if is_up[ev_s[j]]:
            y[ev_s[j]] += ev_a[j]
        j += 1
    rhs_up(y, p, f)
    _record(t, y, f, rec_t, rec_y, rec_f, cnt)
    h = -1.0
    while t < tend:
        t_next = tend
        jj = j
        while jj < n_ev and not is_up[ev_s[jj]]:
            jj += 1
        if jj < n_ev and ev_t[jj] < t_next:
            t_next = ev_t[jj]
        if t_next > t:
            ysave = y.copy()
            used = cnt[0]
            hh = integrate_explicit(y, p, t, t_next, h, rtol, atol, work, stats, True, rec_t, rec_y, rec_f, cnt)
            while hh == -2.0:
                rec_t, rec_y, rec_f = _grow(rec_t, rec_y, rec_f, used)
                y[:] = ysave
                cnt[0] = used
                hh = integrate_explicit(y, p, t, t_next, h, rtol, atol, work, stats, True, rec_t, rec_y, rec_f,
                                        cnt)
            if hh < 0.0:
                return 1, rec_t, rec_y, rec_f, cnt[0]
            h = hh
            t = t_next
        dosed = False
        while j < n_ev and ev_t[j] <= t:
            if is_up[ev_s[j]]:
                y[ev_s[j]] += ev_a[j]
                dosed = True
            j += 1
        if dosed:
            rhs_up(y, p, f)
            if cnt[0] >= rec_t.shape[0]:
                rec_t, rec_y, rec_f = _grow(rec_t, rec_y, rec_f, cnt[0])
            _record(t, y, f, rec_t, rec_y, rec_f, cnt)
            h = -1.0
    return 0, rec_t, rec_y, rec_f, cnt[0]


@_njit(cache=True)
def _simulate_blocks(y, p, ev_t, ev_s, ev_a, t_out, rtol, atol, out, keep, stats):
    """Rosenbrock path: the first block of a split system on its own (explicit steps, recorded),
    then the stiff second block (DOWN_IDX) with the first as an interpolated input.  With no
    split the first block is empty and this is plain Rosenbrock on every state."""
    n = y.shape[0]
    nd = DOWN_IDX.shape[0]
    n_ev = ev_t.shape[0]
    n_out = t_out.shape[0]
    t = t_out[0] if n_out > 0 else 0.0
    if n_ev > 0 and ev_t[0] < t:
        t = ev_t[0]
    local = _np.full(n, -1, dtype=_np.int64)
    for k in range(nd):
        local[DOWN_IDX[k]] = k
    is_up = _np.zeros(n, dtype=_np.bool_)
    for m in range(UP_IDX.shape[0]):
        is_up[UP_IDX[m]] = True
    if UP_IDX.shape[0] > 0:
        tend = t_out[n_out - 1] if n_out > 0 else t
        status, rec_t, rec_y, rec_f, cnt = _first_block(y, p, ev_t, ev_s, ev_a, t, max(tend, t), rtol, atol,
                                                        stats, is_up)
        if status != 0:
            out[:, :] = _np.nan
            return 1
    else:
        rec_t = _np.zeros(1)
        rec_y = _np.zeros((1, 0))
        rec_f = _np.zeros((1, 0))
        cnt = 1
    times = rec_t[:cnt]
    yd = _np.empty(nd)
    atold = _np.empty(nd)
    for k in range(nd):
        yd[k] = y[DOWN_IDX[k]]
        atold[k] = atol[DOWN_IDX[k]]
    yfull = y.copy()
    dyfull = _np.zeros(n)
    work = _np.zeros((9, max(nd, 1)))
    jac = _np.zeros((nd, nd))
    w = _np.zeros((nd, nd))
    jage = _np.full(1, -1, dtype=_np.int64)
    allout = _np.empty(N_OUTPUTS)
    ie = 0
    io = 0
    h = -1.0
    while io < n_out:
        while io < n_out and t_out[io] <= t:
            k = _np.searchsorted(times, t)  # the record at t before any dose there, or the next one
            k = min(k, cnt - 1)
            _set_up(t, yfull, rec_t, rec_y, rec_f, max(k - 1, 0) if times[k] > t else k, k)
            for m in range(nd):
                yfull[DOWN_IDX[m]] = yd[m]
            outputs(yfull, p, allout)
            for q in range(keep.shape[0]):
                out[io, q] = allout[keep[q]]
            io += 1
        dosed = False
        while ie < n_ev and ev_t[ie] <= t:
            g = local[ev_s[ie]]
            if g >= 0:
                yd[g] += ev_a[ie]
            dosed = True  # a first-block dose is a jump in this block's input: restart the steps too
            ie += 1
        if dosed:
            h = -1.0
        if io >= n_out:
            break
        t_next = t_out[io]
        if ie < n_ev and ev_t[ie] < t_next:
            t_next = ev_t[ie]
        klo = max(_np.searchsorted(times, t, side="right") - 1, 0)
        khi = min(_np.searchsorted(times, t_next), cnt - 1)
        h = integrate(yd, p, t, t_next, h, rtol, atold, work, stats, jac, w, jage, yfull, dyfull, rec_t, rec_y,
                      rec_f, klo, khi)
        if h < 0.0:
            for j in range(io, n_out):
                for q in range(keep.shape[0]):
                    out[j, q] = _np.nan
            return 1
        t = t_next
    return 0


@_njit(cache=True)
def simulate_one(y, p, ev_t, ev_s, ev_a, t_out, rtol, atol, out, keep, stats, method):
    """One person: integrate across dose events, recording outputs at t_out.

    Outputs at a time are recorded *before* doses given at that same time (trough values).
    ``out`` has shape (len(t_out), len(keep)); ``keep`` selects which outputs to store.
    Returns 0 on success, 1 if the solver failed (the rest of ``out`` is NaN).
    """
    if method != METHOD_DOPRI5:
        return _simulate_blocks(y, p, ev_t, ev_s, ev_a, t_out, rtol, atol, out, keep, stats)
    n = y.shape[0]
    work = _np.zeros((9, max(n, 1)))
    no_t = _np.zeros(1)
    no_y = _np.zeros((1, 1))
    no_cnt = _np.zeros(1, dtype=_np.int64)
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
        h = integrate_explicit(y, p, t, t_next, h, rtol, atol, work, stats, False, no_t, no_y, no_y, no_cnt)
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
    method: METHOD_ROSENBROCK (one block, or two if the module was generated with a split) or
    METHOD_DOPRI5.
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
