"""Small linear algebra for the implicit method: ``W = I - h*d*J`` factorised and solved.

Two factorisations, both in place and allocation-free (they run inside every implicit step):

* sparse, without pivoting, over a symbolic LU computed once per system
  (:func:`vitasim.solve.sparsity.sparse_lu`: minimum-degree order, fill-in pattern);
* dense LU with partial pivoting, the fallback when a sparse pivot is too small.

The symbolic LU is passed as a tuple of ten int64 arrays, in the field order of
:class:`vitasim.solve.sparsity.SparseLU`: (perm, fill_i, fill_j, fill_structural, lcol_ptr,
lcol_rows, lrow_ptr, lrow_cols, urow_ptr, urow_cols).
"""
from numba import njit

#: Results of :func:`factor_w`.
SINGULAR, SPARSE, DENSE = 0, 1, 2
#: A sparse pivot below this fraction of max|W| sends the factorisation to dense pivoting.
PIVOT_FLOOR = 1e-10


@njit(cache=True)
def lu_factor(a, piv):
    """In-place LU with partial pivoting of a small dense matrix; False if singular."""
    n = a.shape[0]
    for k in range(n):
        m = k
        big = abs(a[k, k])
        for i in range(k + 1, n):
            if abs(a[i, k]) > big:
                big = abs(a[i, k])
                m = i
        if big == 0.0:
            return False
        piv[k] = m
        if m != k:
            for j in range(n):
                tmp = a[k, j]
                a[k, j] = a[m, j]
                a[m, j] = tmp
        inv = 1.0 / a[k, k]
        for i in range(k + 1, n):
            a[i, k] *= inv
            f = a[i, k]
            if f != 0.0:
                for j in range(k + 1, n):
                    a[i, j] -= f * a[k, j]
    return True


@njit(cache=True)
def lu_solve(a, piv, b):
    """Solve A x = b in place of b with the factors from :func:`lu_factor`."""
    n = a.shape[0]
    for k in range(n):
        m = piv[k]
        if m != k:
            tmp = b[k]
            b[k] = b[m]
            b[m] = tmp
    for i in range(n):
        s = b[i]
        for j in range(i):
            s -= a[i, j] * b[j]
        b[i] = s
    for i in range(n - 1, -1, -1):
        s = b[i]
        for j in range(i + 1, n):
            s -= a[i, j] * b[j]
        b[i] = s / a[i, i]


@njit(cache=True)
def fill_w(jac, hd, w, lu):
    """Write the entries of W = I - hd*J that the symbolic LU uses, in permuted order; max |W|."""
    perm, fill_i, fill_j, fill_structural = lu[0], lu[1], lu[2], lu[3]
    big = 0.0
    for k in range(fill_i.shape[0]):
        i = fill_i[k]
        j = fill_j[k]
        v = 0.0
        if fill_structural[k] == 1:
            v = -hd * jac[perm[i], perm[j]]
        if i == j:
            v += 1.0
        w[i, j] = v
        if abs(v) > big:
            big = abs(v)
    return big


@njit(cache=True)
def lu_factor_sparse(a, scale, lu):
    """In-place LU of the permuted W over its symbolic pattern; False if a pivot is too small."""
    lcol_ptr, lcol_rows, urow_ptr, urow_cols = lu[4], lu[5], lu[8], lu[9]
    n = a.shape[0]
    for k in range(n):
        pivot = a[k, k]
        if abs(pivot) <= PIVOT_FLOOR * scale:
            return False
        inv = 1.0 / pivot
        for q in range(lcol_ptr[k], lcol_ptr[k + 1]):
            i = lcol_rows[q]
            a[i, k] *= inv
            f = a[i, k]
            for r in range(urow_ptr[k], urow_ptr[k + 1]):
                j = urow_cols[r]
                a[i, j] -= f * a[k, j]
    return True


@njit(cache=True)
def lu_solve_sparse(a, b, x, lu):
    """Solve W x = b in place of b (state order) with the factors of :func:`lu_factor_sparse`;
    ``x`` is scratch of the same length."""
    perm, lrow_ptr, lrow_cols, urow_ptr, urow_cols = lu[0], lu[6], lu[7], lu[8], lu[9]
    n = a.shape[0]
    for i in range(n):
        s = b[perm[i]]
        for q in range(lrow_ptr[i], lrow_ptr[i + 1]):
            j = lrow_cols[q]
            s -= a[i, j] * x[j]
        x[i] = s
    for i in range(n - 1, -1, -1):
        s = x[i]
        for q in range(urow_ptr[i], urow_ptr[i + 1]):
            j = urow_cols[q]
            s -= a[i, j] * x[j]
        x[i] = s / a[i, i]
    for i in range(n):
        b[perm[i]] = x[i]


@njit(cache=True)
def factor_w(jac, hd, w, piv, lu):
    """Factorise W = I - hd*J into ``w``: sparse without pivoting, else dense with partial pivoting.

    Returns SPARSE, DENSE (``piv`` holds the row swaps) or SINGULAR.
    """
    scale = fill_w(jac, hd, w, lu)
    if lu_factor_sparse(w, scale, lu):
        return SPARSE
    n = jac.shape[0]
    for i in range(n):
        for j in range(n):
            w[i, j] = -hd * jac[i, j]
        w[i, i] += 1.0
    return DENSE if lu_factor(w, piv) else SINGULAR


@njit(cache=True)
def solve_w(w, piv, kind, b, x, lu):
    """Solve W x = b in place of b with the factors of :func:`factor_w` (``x``: scratch)."""
    if kind == SPARSE:
        lu_solve_sparse(w, b, x, lu)
    else:
        lu_solve(w, piv, b)
