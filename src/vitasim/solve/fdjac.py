"""The Jacobian of a vector field by coloured forward differences.

Columns of one colour (from the structural pattern, :mod:`vitasim.solve.sparsity`) share no row,
so they are perturbed together: one right-hand-side call per colour, not per state.
"""
from vitasim.solve.namespace import jit_for

#: Relative perturbation: about sqrt(machine epsilon), the usual forward-difference choice
#: (Hairer & Wanner, Solving ODEs II, IV.8 / scipy's approx_derivative), floor 1e-6 in the state.
REL_STEP = 1.49e-8
ABS_FLOOR = 1e-6


def make_jacobian(field):
    """``jacobian(t, y, ctx, f0, jac, ytmp, ftmp) -> rhs calls`` for ``field`` (a namespace with
    ``f(t, y, ctx, dy)`` and the pattern ``COLPTR``, ``ROWS``, ``COLOR``, ``NCOLORS``).

    ``f0`` is f(t, y); only entries of the pattern are written, so ``jac`` must start as zeros
    and be reused.
    """
    @jit_for(field)
    def jacobian(t, y, ctx, f0, jac, ytmp, ftmp):
        n = y.shape[0]
        colptr, rows, color = field.COLPTR, field.ROWS, field.COLOR
        for i in range(n):
            ytmp[i] = y[i]
        for c in range(field.NCOLORS):
            for j in range(n):
                if color[j] == c:
                    ytmp[j] = y[j] + REL_STEP * max(abs(y[j]), ABS_FLOOR)
            field.f(t, ytmp, ctx, ftmp)
            for j in range(n):
                if color[j] == c:
                    h = ytmp[j] - y[j]  # the step actually representable in floating point
                    for k in range(colptr[j], colptr[j + 1]):
                        r = rows[k]
                        jac[r, j] = (ftmp[r] - f0[r]) / h
                    ytmp[j] = y[j]
        return field.NCOLORS

    return jacobian
