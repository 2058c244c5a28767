"""The Rosenbrock-W pair of order 2(3) of Shampine & Reichelt (1997), "The MATLAB ODE suite",
SIAM J Sci Comput 18:1-22 (the formula behind ode23s): L-stable, one LU of ``I - h*d*J`` per
step, an embedded third-order error estimate.  As a W-method it keeps its order with an
approximate Jacobian, which is therefore re-used across steps (and across dose events)."""
import math

import numpy as np

from vitasim.solve import control, linalg
from vitasim.solve.namespace import jit_for

D = 1.0 / (2.0 + math.sqrt(2.0))
E32 = 6.0 + math.sqrt(2.0)
JAC_MAX_AGE = 10  # accepted steps before the Jacobian is refreshed
#: Returned instead of a next step.
FAILED = -1.0
SINGULAR = -2.0


def make_integrate(field):
    """``integrate(t0, t1, y, ctx, h, rtol, atol, work, stats, jac, w, jage, forced) -> next h`` for
    ``field`` (a namespace with ``f(t, y, ctx, dy)``, ``jac`` from
    :func:`vitasim.solve.fdjac.make_jacobian` and the symbolic LU arrays ``LU_PERM`` ... ``LU_UROW_COLS``).

    Advances ``y`` in place from t0 to t1.  ``h`` is the proposed first step (<= 0: choose one);
    ``work`` is scratch (9, n); ``stats`` counts (steps, rejected, rhs evaluations, jacobians,
    failures).  ``jac`` (zeros at first) and ``w`` are (n, n) scratch kept by the caller so that
    the Jacobian outlives a dose; it is refreshed after ``JAC_MAX_AGE`` accepted steps, on a
    rejected step, or when ``jage[0] < 0`` (none yet); ``jage[0]`` is its age in steps.
    ``forced``: f depends on t (an interpolated input), so the method's T = df/dt term is
    differenced.  Returns :data:`FAILED` (step underflow) or :data:`SINGULAR` (no LU).
    """
    @jit_for(field)
    def integrate(t0, t1, y, ctx, h, rtol, atol, work, stats, jac, w, jage, forced):
        n = y.shape[0]
        lu = (field.LU_PERM, field.LU_FILL_I, field.LU_FILL_J, field.LU_FILL_STRUCTURAL, field.LU_LCOL_PTR,
              field.LU_LCOL_ROWS, field.LU_LROW_PTR, field.LU_LROW_COLS, field.LU_UROW_PTR, field.LU_UROW_COLS)
        all_idx = np.arange(n)
        f0 = work[0]
        k1 = work[1]
        k2 = work[2]
        k3 = work[3]
        f1 = work[4]
        ynew = work[5]
        ytmp = work[6]
        ftmp = work[7]
        err = work[8]
        piv = np.empty(n, dtype=np.int64)
        xs = np.empty(n)
        tdot = np.zeros(n)
        kind = linalg.SPARSE
        t = t0
        field.f(t, y, ctx, f0)
        stats[2] += 1
        if h <= 0.0:
            h = control.start_step(y, f0, rtol, atol, t1 - t0)
        fresh = False
        need_jac = jage[0] < 0
        last_h = -1.0
        while t < t1:
            if t + 1.01 * h >= t1:
                h = t1 - t
            if need_jac:
                stats[2] += field.jac(t, y, ctx, f0, jac, ytmp, ftmp)
                stats[3] += 1
                need_jac = False
                fresh = True
                jage[0] = 0
                last_h = -1.0
            if h != last_h:
                kind = linalg.factor_w(jac, h * D, w, piv, lu)
                if kind == linalg.SINGULAR:
                    stats[4] += 1
                    return SINGULAR
                last_h = h
            hd = h * D
            if forced:  # T = d f / d t through the input (Shampine & Reichelt's T term)
                dt = 1e-6 * max(h, 1e-3)
                field.f(t + dt, y, ctx, tdot)
                stats[2] += 1
                for i in range(n):
                    tdot[i] = (tdot[i] - f0[i]) / dt
            for i in range(n):
                k1[i] = f0[i] + hd * tdot[i]
            linalg.solve_w(w, piv, kind, k1, xs, lu)
            for i in range(n):
                ytmp[i] = y[i] + 0.5 * h * k1[i]
            field.f(t + 0.5 * h, ytmp, ctx, f1)
            for i in range(n):
                k2[i] = f1[i] - k1[i]
            linalg.solve_w(w, piv, kind, k2, xs, lu)
            for i in range(n):
                k2[i] += k1[i]
                ynew[i] = y[i] + h * k2[i]
            field.f(t + h, ynew, ctx, ftmp)
            for i in range(n):
                k3[i] = ftmp[i] - E32 * (k2[i] - f1[i]) - 2.0 * (k1[i] - f0[i]) + hd * tdot[i]
            linalg.solve_w(w, piv, kind, k3, xs, lu)
            stats[2] += 2
            for i in range(n):
                err[i] = h / 6.0 * (k1[i] - 2.0 * k2[i] + k3[i])
            e = control.error_norm(err, y, ynew, rtol, atol, all_idx)
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
                    return FAILED
        return h

    return integrate
