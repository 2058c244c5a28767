"""Vector fields ``f(t, y, ctx, dy)`` of a generated model, in the form the methods call.

* ``full``: every state, ``ctx`` = the person's parameter vector;
* ``up``: the first block of a split system (only its derivatives are written), same ``ctx``;
* ``down``: the second block in its own (local) indices, the first block's states read from the
  record of the first pass at time t (``ctx`` = (p, yfull, dyfull, record, seg), ``seg`` =
  the record's index range [klo, khi] that covers the current interval).

Each factory takes the model and the namespace the field will live in (``owner``, see
:func:`vitasim.solve.namespace.jit_for`).
"""
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
