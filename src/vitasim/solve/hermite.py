"""A record of accepted steps (time, state, derivative) and cubic Hermite interpolation in it.

The first block of a split system is integrated alone and every accepted step is recorded; the
second block then reads the first block's states at any time from this record (a known input).
The record lives in three one-element lists so that it can grow inside compiled code.
"""
import numpy as np
from numba import njit

START_CAPACITY = 1024


@njit(cache=True)
def new_record(nu):
    """An empty record for ``nu`` states: ([times], [states], [derivatives]) and the count."""
    return ([np.empty(START_CAPACITY)], [np.empty((START_CAPACITY, nu))], [np.empty((START_CAPACITY, nu))],
            np.zeros(1, dtype=np.int64))


@njit(cache=True)
def append(t, y, f, rt, ry, rf, cnt, idx):
    """Append time t and the states ``idx`` of y and f, doubling the room when full."""
    k = cnt[0]
    if k >= rt[0].shape[0]:
        grow(rt, ry, rf, k)
    rec_t, rec_y, rec_f = rt[0], ry[0], rf[0]
    rec_t[k] = t
    for m in range(idx.shape[0]):
        rec_y[k, m] = y[idx[m]]
        rec_f[k, m] = f[idx[m]]
    cnt[0] = k + 1


@njit(cache=True)
def grow(rt, ry, rf, used):
    """Twice the room, the first ``used`` records kept."""
    cap = 2 * rt[0].shape[0]
    nt = np.empty(cap)
    ny = np.empty((cap, ry[0].shape[1]))
    nf = np.empty((cap, rf[0].shape[1]))
    nt[:used] = rt[0][:used]
    ny[:used] = ry[0][:used]
    nf[:used] = rf[0][:used]
    rt[0] = nt
    ry[0] = ny
    rf[0] = nf


@njit(cache=True)
def interpolate(t, yfull, rec_t, rec_y, rec_f, klo, khi, idx):
    """Write the recorded states at time t into ``yfull[idx]``, by cubic Hermite interpolation
    between records klo and khi (no dose jump lies strictly between them)."""
    nu = idx.shape[0]
    if nu == 0:
        return
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
            yfull[idx[m]] = rec_y[klo, m]
        return
    dt = rec_t[k + 1] - rec_t[k]
    if dt <= 0.0:
        for m in range(nu):
            yfull[idx[m]] = rec_y[k, m]
        return
    s = min(max((t - rec_t[k]) / dt, 0.0), 1.0)
    h00 = (1.0 + 2.0 * s) * (1.0 - s) ** 2
    h10 = s * (1.0 - s) ** 2
    h01 = s * s * (3.0 - 2.0 * s)
    h11 = s * s * (s - 1.0)
    for m in range(nu):
        yfull[idx[m]] = (h00 * rec_y[k, m] + h10 * dt * rec_f[k, m] + h01 * rec_y[k + 1, m]
                         + h11 * dt * rec_f[k + 1, m])
