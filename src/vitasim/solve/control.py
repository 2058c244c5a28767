"""Step-size control shared by the methods: the weighted error norm and the first step."""
import math

from numba import njit


@njit(cache=True)
def error_norm(v, y, ynew, rtol, atol, idx):
    """Root mean square of ``v[i] / (atol[i] + rtol*max(|y[i]|, |ynew[i]|))`` over the states ``idx``.

    Only the states in ``idx`` count: the first block of a split system is judged on its own
    states (the others do not move in that pass).
    """
    s = 0.0
    for m in range(idx.shape[0]):
        i = idx[m]
        sc = atol[i] + rtol * max(abs(y[i]), abs(ynew[i]))
        s += (v[i] / sc) ** 2
    return math.sqrt(s / max(idx.shape[0], 1))


@njit(cache=True)
def start_step(y, f0, rtol, atol, span):
    """A first step from the sizes of y and its derivative (Hairer, Norsett & Wanner, II.4)."""
    n = y.shape[0]
    d0 = 0.0
    d1 = 0.0
    for i in range(n):
        sc = atol[i] + rtol * abs(y[i])
        d0 += (y[i] / sc) ** 2
        d1 += (f0[i] / sc) ** 2
    d0 = math.sqrt(d0 / n)
    d1 = math.sqrt(d1 / n)
    h = 1e-6 if (d0 < 1e-5 or d1 < 1e-5) else 0.01 * d0 / d1
    return min(h, span)


@njit(cache=True)
def scaled_norm(v, y, rtol, atol, idx):
    """Root mean square of ``v[i] / (atol[i] + rtol*|y[i]|)`` over the states ``idx``."""
    s = 0.0
    for m in range(idx.shape[0]):
        i = idx[m]
        s += (v[i] / (atol[i] + rtol * abs(y[i]))) ** 2
    return math.sqrt(s / max(idx.shape[0], 1))


@njit(cache=True)
def start_step_guess(y, f0, rtol, atol, span, idx):
    """The first-order guess ``0.01 * |y| / |f|`` over the states ``idx`` (Hairer, Norsett & Wanner,
    II.4, steps a-b), before the second-derivative refinement of :func:`start_step_refined`."""
    d0 = scaled_norm(y, y, rtol, atol, idx)
    d1 = scaled_norm(f0, y, rtol, atol, idx)
    h = 1e-6 if (d0 < 1e-5 or d1 < 1e-5) else 0.01 * d0 / d1
    return min(h, span)


@njit(cache=True)
def start_step_refined(h0, y, f0, f1, rtol, atol, span, idx, order):
    """Hairer, Norsett & Wanner's first step (II.4, steps c-f): ``f1`` is f after an Euler step of
    ``h0``; the step is ``(0.01 / max(|f0|, |f1 - f0| / h0)) ** (1 / (order + 1))``, at most
    ``100 h0``.  After a dose the first-order guess alone is far too short when the jump is in a
    state that does not limit accuracy; the second derivative says how fast things really move."""
    d1 = scaled_norm(f0, y, rtol, atol, idx)
    s = 0.0
    for m in range(idx.shape[0]):
        i = idx[m]
        s += ((f1[i] - f0[i]) / (atol[i] + rtol * abs(y[i]))) ** 2
    d2 = math.sqrt(s / max(idx.shape[0], 1)) / h0
    big = max(d1, d2)
    h1 = max(1e-6, h0 * 1e-3) if big <= 1e-15 else (0.01 / big) ** (1.0 / (order + 1.0))
    return min(100.0 * h0, h1, span)
