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
