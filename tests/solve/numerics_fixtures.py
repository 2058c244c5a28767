"""Small vector fields with exact solutions, bound like a generated model (test helpers)."""
from __future__ import annotations

import numpy as np
from numba import njit

from vitasim.solve import fdjac
from vitasim.solve.namespace import namespace
from vitasim.solve.sparsity import JacobianPattern, sparse_lu

# y' = A y: a coupled linear system, rates 1/h; exact solution expm(A t) y0.
A = np.array([[-1.0, 0.5, 0.0], [0.2, -2.0, 0.3], [0.0, 0.7, -0.5]])
# the same structure, one rate 1000/h: stiff
A_STIFF = np.array([[-1000.0, 0.5, 0.0], [0.2, -2.0, 0.3], [0.0, 0.7, -0.5]])


@njit(cache=True)
def linear(t, y, a, dy):
    """f(t, y) = a @ y, written out (a: the matrix, passed as the context)."""
    n = y.shape[0]
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += a[i, j] * y[j]
        dy[i] = s


def dense_pattern(n: int) -> JacobianPattern:
    """Every entry structural; each column its own colour."""
    return JacobianPattern(np.arange(0, n * n + 1, n, dtype=np.int64), np.tile(np.arange(n, dtype=np.int64), n),
                           np.arange(n, dtype=np.int64), n)


def tridiagonal_pattern(n: int) -> JacobianPattern:
    """Entries (i, j) with |i - j| <= 1; columns j and j + 3 share no row: three colours."""
    rows, colptr = [], [0]
    for j in range(n):
        rows += [i for i in (j - 1, j, j + 1) if 0 <= i < n]
        colptr.append(len(rows))
    return JacobianPattern(np.array(colptr, dtype=np.int64), np.array(rows, dtype=np.int64),
                           np.arange(n, dtype=np.int64) % 3, 3)


def field(name: str, f, jp: JacobianPattern):
    """A namespace like the ones vitasim.solve.bind makes, with f, the pattern, LU and jac."""
    lu = sparse_lu(jp)
    attrs = {"f": f, "COLPTR": jp.colptr, "ROWS": jp.rows, "COLOR": jp.color, "NCOLORS": jp.n_colors}
    for k in ("perm", "fill_i", "fill_j", "fill_structural", "lcol_ptr", "lcol_rows", "lrow_ptr", "lrow_cols",
              "urow_ptr", "urow_cols"):
        attrs[f"LU_{k.upper()}"] = getattr(lu, k)
    ns = namespace(f"vitasim_test_fields.{name}", __file__, **attrs)
    ns.jac = fdjac.make_jacobian(ns)
    return ns, lu


def empty_record():
    """A hermite record for methods that record nothing (typed lists, as inside compiled code)."""
    from numba.typed import List
    return (List([np.empty(1)]), List([np.empty((1, 0))]), List([np.empty((1, 0))]), np.zeros(1, dtype=np.int64))
