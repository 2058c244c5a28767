"""Dense and sparse LU of W = I - hd*J against numpy.linalg.solve."""
import numpy as np
import pytest

from numerics_fixtures import dense_pattern, tridiagonal_pattern
from vitasim.solve import linalg
from vitasim.solve.sparsity import sparse_lu


def lu_tuple(lu):
    return (lu.perm, lu.fill_i, lu.fill_j, lu.fill_structural, lu.lcol_ptr, lu.lcol_rows, lu.lrow_ptr, lu.lrow_cols,
            lu.urow_ptr, lu.urow_cols)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_dense_lu_with_pivoting_solves_like_numpy(seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(7, 7))
    a[0, 0] = 0.0  # a zero on the diagonal: needs a row swap
    b = rng.normal(size=7)
    f, piv, x = a.copy(), np.zeros(7, dtype=np.int64), b.copy()
    assert linalg.lu_factor(f, piv)
    linalg.lu_solve(f, piv, x)
    np.testing.assert_allclose(x, np.linalg.solve(a, b), rtol=1e-10, atol=1e-12)


def test_dense_lu_reports_a_singular_matrix():
    a = np.array([[1.0, 2.0], [2.0, 4.0]])
    assert not linalg.lu_factor(a, np.zeros(2, dtype=np.int64))


@pytest.mark.parametrize("hd", [1e-3, 0.5, 50.0])
def test_sparse_lu_over_a_tridiagonal_pattern_solves_like_numpy(hd):
    n = 9
    jp = tridiagonal_pattern(n)
    lu = lu_tuple(sparse_lu(jp))
    rng = np.random.default_rng(3)
    jac = np.zeros((n, n))
    for j in range(n):
        for r in jp.rows[jp.colptr[j]:jp.colptr[j + 1]]:
            jac[r, j] = rng.normal() - (3.0 if r == j else 0.0)
    w, piv = np.zeros((n, n)), np.zeros(n, dtype=np.int64)
    kind = linalg.factor_w(jac, hd, w, piv, lu)
    assert kind == linalg.SPARSE
    b = rng.normal(size=n)
    x = b.copy()
    linalg.solve_w(w, piv, kind, x, np.empty(n), lu)
    np.testing.assert_allclose(x, np.linalg.solve(np.eye(n) - hd * jac, b), rtol=1e-10, atol=1e-12)


def test_zero_sparse_pivot_falls_back_to_dense_pivoting():
    """J = [[1, 1], [1, 0]], hd = 1: W = [[0, -1], [-1, 1]] has no LU without a row swap."""
    lu = lu_tuple(sparse_lu(dense_pattern(2)))
    jac = np.array([[1.0, 1.0], [1.0, 0.0]])
    w, piv = np.zeros((2, 2)), np.zeros(2, dtype=np.int64)
    kind = linalg.factor_w(jac, 1.0, w, piv, lu)
    assert kind == linalg.DENSE
    b = np.array([1.0, 2.0])
    linalg.solve_w(w, piv, kind, b, np.empty(2), lu)
    np.testing.assert_allclose(b, np.linalg.solve(np.eye(2) - jac, [1.0, 2.0]))


def test_singular_w_is_reported():
    lu = lu_tuple(sparse_lu(dense_pattern(2)))
    jac = np.array([[1.0, 0.0], [0.0, 1.0]])  # W = I - J = 0
    assert linalg.factor_w(jac, 1.0, np.zeros((2, 2)), np.zeros(2, dtype=np.int64), lu) == linalg.SINGULAR
