"""The coloured finite-difference Jacobian against analytic Jacobians."""
import numpy as np
from numba import njit

from numerics_fixtures import A, dense_pattern, field, linear, tridiagonal_pattern


@njit(cache=True)
def chain(t, y, k, dy):
    """dy_i = -k_i y_i^2 + y_{i-1} - 0.5 y_{i+1}: tridiagonal, nonlinear on the diagonal."""
    n = y.shape[0]
    for i in range(n):
        dy[i] = -k[i] * y[i] * y[i]
        if i > 0:
            dy[i] += y[i - 1]
        if i < n - 1:
            dy[i] -= 0.5 * y[i + 1]


def chain_jacobian(y, k):
    n = y.size
    jac = np.diag(-2.0 * k * y)
    jac += np.diag(np.ones(n - 1), -1) - 0.5 * np.diag(np.ones(n - 1), 1)
    return jac


def test_linear_field_jacobian_is_the_matrix():
    ns, _ = field("fdjac_linear", linear, dense_pattern(3))
    y = np.array([1.0, -2.0, 0.5])
    f0 = np.empty(3)
    linear(0.0, y, A, f0)
    jac = np.zeros((3, 3))
    calls = ns.jac(0.0, y, A, f0, jac, np.empty(3), np.empty(3))
    assert calls == 3
    np.testing.assert_allclose(jac, A, rtol=1e-6, atol=1e-9)


def test_three_colours_give_the_whole_tridiagonal_jacobian():
    """Eight states, three right-hand-side calls; forward differences: error O(sqrt(eps)) relative."""
    n = 8
    ns, _ = field("fdjac_chain", chain, tridiagonal_pattern(n))
    k = np.linspace(0.5, 2.0, n)
    y = np.linspace(1.0, 3.0, n)
    f0 = np.empty(n)
    chain(0.0, y, k, f0)
    jac = np.zeros((n, n))
    assert ns.jac(0.0, y, k, f0, jac, np.empty(n), np.empty(n)) == 3
    np.testing.assert_allclose(jac, chain_jacobian(y, k), rtol=1e-6, atol=1e-7)
