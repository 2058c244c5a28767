"""Vector fields ``f(t, y, ctx, dy)`` of a generated model, in the form the methods call.

* ``full``: every state, ``ctx`` = the person's parameter vector;
* ``up``: the first block of a split system (only its derivatives are written), same ``ctx``;
* ``full_exact`` / ``up_exact``: as ``full`` / ``up`` with ``ctx`` = (p, g0, tbox, rate, idx):
  the states ``idx`` (linear decay on their own, :mod:`vitasim.solve.transients`) are set to
  their exact value ``g0 * exp(-rate * (t - tbox[0]))`` before f is evaluated (in the stage
  vector itself, so the accepted state carries the exact value too);
* ``down``: the second block in its own (local) indices, the first block's states read from the
  record of the first pass at time t (``ctx`` = (p, yfull, dyfull, record, seg), ``seg`` =
  the record's index range [klo, khi] that covers the current interval).

Each factory takes the model and the namespace the field will live in (``owner``, see
:func:`vitasim.solve.namespace.jit_for`).
"""
import math

import numpy as np

from vitasim.solve import hermite
from vitasim.solve.namespace import jit_for


def make_full(model, owner):
    @jit_for(owner)
    def f(t, y, p, dy):
        model.rhs(y, p, dy)
    return f


def make_up(model, owner):
    @jit_for(owner)
    def f(t, y, p, dy):
        model.rhs_up(y, p, dy)
    return f


def make_down(model, owner):
    @jit_for(owner)
    def f(t, yd, ctx, fd):
        p, yfull, dyfull, rec, seg = ctx
        hermite.interpolate(t, yfull, rec[0][0], rec[1][0], rec[2][0], seg[0], seg[1], model.UP_IDX)
        down = model.DOWN_IDX
        for k in range(down.shape[0]):
            yfull[down[k]] = yd[k]
        model.rhs_down(yfull, p, dyfull)
        for k in range(down.shape[0]):
            fd[k] = dyfull[down[k]]
    return f


def _exact(model, owner, up):
    @jit_for(owner)
    def f(t, y, ctx, dy):
        p, g0, tbox, rate, idx = ctx
        dt = t - tbox[0]
        for m in range(idx.shape[0]):
            y[idx[m]] = g0[m] * math.exp(-rate[m] * dt)
        if up:
            model.rhs_up(y, p, dy)
        else:
            model.rhs(y, p, dy)
    return f


def make_full_exact(model, owner):
    return _exact(model, owner, False)


def make_up_exact(model, owner):
    return _exact(model, owner, True)


def exact_rates(model, owner):
    """``rates(y, p, idx, rate, up)``: each state's decay rate ``-f(x = 1)`` (the states ``idx``
    read only themselves, so the other entries of the scratch copy do not matter)."""
    @jit_for(owner)
    def rates(y, p, idx, rate, up):
        yy = y.copy()
        dy = np.zeros(y.shape[0])
        for m in range(idx.shape[0]):
            yy[idx[m]] = 1.0
        if up:
            model.rhs_up(yy, p, dy)
        else:
            model.rhs(yy, p, dy)
        for m in range(idx.shape[0]):
            rate[m] = -dy[idx[m]]
    return rates
