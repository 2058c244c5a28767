"""The explicit Dormand-Prince 5(4) pair with adaptive steps (Hairer, Norsett & Wanner, Solving
ODEs I, II.5): first-same-as-last, no Jacobian.  For systems whose fastest time scale is slow
compared with the steps accuracy needs anyway (vitamin D kinetics: hours)."""
import numpy as np

from vitasim.solve import control, hermite
from vitasim.solve.namespace import jit_for

#: Returned instead of a next step when the step size underflows.
FAILED = -1.0


def make_integrate(field):
    """``integrate(t0, t1, y, ctx, h, rtol, atol, work, stats, norm_idx, rec, rec_idx, refined) -> next h``
    for ``field`` (a namespace with ``f(t, y, ctx, dy)``).

    Advances ``y`` in place from t0 to t1.  ``h`` is the proposed first step (<= 0: choose one);
    ``work`` is scratch of shape (9, n); ``stats`` counts (steps, rejected, rhs evaluations,
    jacobians, failures); the error is measured over the states ``norm_idx``.  ``rec`` is a
    :mod:`~vitasim.solve.hermite` record (lists and count): when ``rec_idx`` is not empty, the
    states ``rec_idx`` of every accepted step are appended to it.  Returns :data:`FAILED` if the
    step size underflows.  ``refined``: choose a first step with Hairer, Norsett & Wanner's
    second-derivative estimate over ``norm_idx`` (one more f call) instead of ``0.01 |y|/|f|`` over
    every state.
    """
    @jit_for(field)
    def integrate(t0, t1, y, ctx, h, rtol, atol, work, stats, norm_idx, rec, rec_idx, refined):
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
        err = np.empty(n)
        record = rec_idx.shape[0] > 0
        t = t0
        field.f(t, y, ctx, k1)
        stats[2] += 1
        if h <= 0.0 and refined:
            h0 = control.start_step_guess(y, k1, rtol, atol, t1 - t0, norm_idx)
            for i in range(n):
                ytmp[i] = y[i] + h0 * k1[i]
            field.f(t + h0, ytmp, ctx, k2)
            stats[2] += 1
            h = control.start_step_refined(h0, y, k1, k2, rtol, atol, t1 - t0, norm_idx, 4.0)
        elif h <= 0.0:
            h = control.start_step(y, k1, rtol, atol, t1 - t0)
        while t < t1:
            if t + 1.01 * h >= t1:
                h = t1 - t
            for i in range(n):
                ytmp[i] = y[i] + h * (0.2 * k1[i])
            field.f(t + 0.2 * h, ytmp, ctx, k2)
            for i in range(n):
                ytmp[i] = y[i] + h * (3.0 / 40.0 * k1[i] + 9.0 / 40.0 * k2[i])
            field.f(t + 0.3 * h, ytmp, ctx, k3)
            for i in range(n):
                ytmp[i] = y[i] + h * (44.0 / 45.0 * k1[i] - 56.0 / 15.0 * k2[i] + 32.0 / 9.0 * k3[i])
            field.f(t + 0.8 * h, ytmp, ctx, k4)
            for i in range(n):
                ytmp[i] = y[i] + h * (19372.0 / 6561.0 * k1[i] - 25360.0 / 2187.0 * k2[i]
                                      + 64448.0 / 6561.0 * k3[i] - 212.0 / 729.0 * k4[i])
            field.f(t + 8.0 / 9.0 * h, ytmp, ctx, k5)
            for i in range(n):
                ytmp[i] = y[i] + h * (9017.0 / 3168.0 * k1[i] - 355.0 / 33.0 * k2[i] + 46732.0 / 5247.0 * k3[i]
                                      + 49.0 / 176.0 * k4[i] - 5103.0 / 18656.0 * k5[i])
            field.f(t + h, ytmp, ctx, k6)
            for i in range(n):
                ynew[i] = y[i] + h * (35.0 / 384.0 * k1[i] + 500.0 / 1113.0 * k3[i] + 125.0 / 192.0 * k4[i]
                                      - 2187.0 / 6784.0 * k5[i] + 11.0 / 84.0 * k6[i])
            field.f(t + h, ynew, ctx, k7)
            stats[2] += 6
            for i in range(n):
                err[i] = h * (71.0 / 57600.0 * k1[i] - 71.0 / 16695.0 * k3[i] + 71.0 / 1920.0 * k4[i]
                              - 17253.0 / 339200.0 * k5[i] + 22.0 / 525.0 * k6[i] - 1.0 / 40.0 * k7[i])
            e = control.error_norm(err, y, ynew, rtol, atol, norm_idx)
            if e != e:  # NaN: treat as a failed step
                e = 1e10
            if e <= 1.0:
                t += h
                for i in range(n):
                    y[i] = ynew[i]
                    k1[i] = k7[i]
                stats[0] += 1
                if record:
                    hermite.append(t, y, k1, rec[0], rec[1], rec[2], rec[3], rec_idx)
                h = h * (5.0 if e < 1e-15 else min(5.0, max(0.2, 0.9 * e ** -0.2)))
            else:
                stats[1] += 1
                h = h * max(0.1, 0.9 * e ** -0.2)
                if h < 1e-12 * max(1.0, abs(t)):
                    stats[4] += 1
                    return FAILED
        return h

    return integrate
