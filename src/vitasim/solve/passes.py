"""The three passes over an event plan, as (advance, observe, dose) actions for
:func:`vitasim.solve.events.make_event_loop`:

* ``explicit``: every state with Dormand-Prince 5(4);
* ``first``: the first block of a split system alone, Dormand-Prince, every step recorded
  (a record before and one after each dose of its own);
* ``second``: the stiff block with Rosenbrock-W, the first block read from the record (with no
  split the first block is empty and this is plain Rosenbrock-W on every state).

``methods`` is a namespace with the bound integrators (``dopri5_full``, ``dopri5_up``,
``rosenbrock_down``).  Each action reads its person's working arrays from a context tuple built by
:mod:`vitasim.solve.bind`.  A dose resets the step size (``hbox[0] = -1``): a jump starts afresh.
"""
import numpy as np
from numba import njit

from vitasim.solve import hermite, rosenbrock
from vitasim.solve.namespace import jit_for
from vitasim.solve.status import SolveStatus

_FAILED = int(SolveStatus.FAILED)


@njit(cache=True)
def _anchor(t, y, xctx):
    """Start the exact states' closed form at (t, y): no dose falls inside an interval."""
    g0, tbox, idx = xctx[1], xctx[2], xctx[4]
    for m in range(idx.shape[0]):
        g0[m] = y[idx[m]]
    tbox[0] = t
_SINGULAR = int(SolveStatus.SINGULAR)


def explicit(model, methods):
    """Context: (y, p, rtol, atol, work, stats, hbox, out, keep, allout, ev_s, ev_a, norm_idx, rec, none,
    xctx, refined); ``xctx`` = (p, g0, tbox, rate, idx) of the exact states (see
    :mod:`vitasim.solve.fields`), anchored here at the start of each interval (no dose inside one)."""
    @jit_for(methods)
    def advance(t, t_next, ctx):
        y, p, rtol, atol, work, stats, hbox = ctx[0], ctx[1], ctx[2], ctx[3], ctx[4], ctx[5], ctx[6]
        xctx = ctx[15]
        _anchor(t, y, xctx)
        h = methods.dopri5_full(t, t_next, y, xctx, hbox[0], rtol, atol, work, stats, ctx[12], ctx[13], ctx[14],
                                ctx[16])
        hbox[0] = h
        return _FAILED if h < 0.0 else 0

    @jit_for(methods)
    def observe(t, io, ctx):
        y, p, out, keep, allout = ctx[0], ctx[1], ctx[7], ctx[8], ctx[9]
        model.outputs(y, p, allout)
        for k in range(keep.shape[0]):
            out[io, k] = allout[keep[k]]

    @jit_for(methods)
    def dose(t, lo, hi, ctx):
        y, hbox, ev_s, ev_a = ctx[0], ctx[6], ctx[10], ctx[11]
        for e in range(lo, hi):
            y[ev_s[e]] += ev_a[e]
        hbox[0] = -1.0

    return advance, observe, dose


def first(model, methods):
    """Context: (y, p, rtol, atol, work, stats, hbox, f, ev_s, ev_a, rec, xctx, norm_idx, refined); the
    events are the first block's own doses only; ``xctx`` as in :func:`explicit`."""
    @jit_for(methods)
    def advance(t, t_next, ctx):
        y, p, rtol, atol, work, stats, hbox, rec = ctx[0], ctx[1], ctx[2], ctx[3], ctx[4], ctx[5], ctx[6], ctx[10]
        xctx = ctx[11]
        _anchor(t, y, xctx)
        h = methods.dopri5_up(t, t_next, y, xctx, hbox[0], rtol, atol, work, stats, ctx[12], rec, model.UP_IDX,
                              ctx[13])
        hbox[0] = h
        return _FAILED if h < 0.0 else 0

    @jit_for(methods)
    def observe(t, io, ctx):
        return None

    @jit_for(methods)
    def dose(t, lo, hi, ctx):
        y, p, hbox, f, ev_s, ev_a, rec = ctx[0], ctx[1], ctx[6], ctx[7], ctx[8], ctx[9], ctx[10]
        for e in range(lo, hi):
            y[ev_s[e]] += ev_a[e]
        model.rhs_up(y, p, f)
        hermite.append(t, y, f, rec[0], rec[1], rec[2], rec[3], model.UP_IDX)
        hbox[0] = -1.0

    return advance, observe, dose


def second(model, methods):
    """Context: (yd, fctx, rtol, atold, work, stats, hbox, out, keep, allout, ev_s, ev_a, local,
    jac, w, jage); ``fctx`` is the down field's (p, yfull, dyfull, rec, seg)."""
    @jit_for(methods)
    def advance(t, t_next, ctx):
        yd, fctx, rtol, atold, work, stats, hbox = ctx[0], ctx[1], ctx[2], ctx[3], ctx[4], ctx[5], ctx[6]
        rec, seg = fctx[3], fctx[4]
        cnt = rec[3][0]
        times = rec[0][0][:cnt]
        seg[0] = max(np.searchsorted(times, t, side="right") - 1, 0)
        seg[1] = min(np.searchsorted(times, t_next), cnt - 1)
        forced = model.UP_IDX.shape[0] > 0
        h = methods.rosenbrock_down(t, t_next, yd, fctx, hbox[0], rtol, atold, work, stats, ctx[13], ctx[14],
                                    ctx[15], forced)
        hbox[0] = h
        if h == rosenbrock.SINGULAR:
            return _SINGULAR
        return _FAILED if h < 0.0 else 0

    @jit_for(methods)
    def observe(t, io, ctx):
        yd, fctx, out, keep, allout = ctx[0], ctx[1], ctx[7], ctx[8], ctx[9]
        p, yfull, rec = fctx[0], fctx[1], fctx[3]
        cnt = rec[3][0]
        times = rec[0][0][:cnt]
        k = min(np.searchsorted(times, t), cnt - 1)  # the record at t before any dose there, or the next
        hermite.interpolate(t, yfull, rec[0][0], rec[1][0], rec[2][0], max(k - 1, 0) if times[k] > t else k, k,
                            model.UP_IDX)
        down = model.DOWN_IDX
        for m in range(down.shape[0]):
            yfull[down[m]] = yd[m]
        model.outputs(yfull, p, allout)
        for q in range(keep.shape[0]):
            out[io, q] = allout[keep[q]]

    @jit_for(methods)
    def dose(t, lo, hi, ctx):
        yd, hbox, ev_s, ev_a, local = ctx[0], ctx[6], ctx[10], ctx[11], ctx[12]
        for e in range(lo, hi):
            g = local[ev_s[e]]
            if g >= 0:
                yd[g] += ev_a[e]
        hbox[0] = -1.0  # a first-block dose is a jump in this block's input: restart the steps too

    return advance, observe, dose
