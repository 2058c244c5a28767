"""The structural Jacobian pattern, its colouring, and the sparse LU against dense linear algebra."""
import numpy as np
import pytest

import vitasim
from vitasim.model import Module, Parameter, State, assemble
from vitasim.simulate import build_problem, default_system
from vitasim.solve import linalg
from vitasim.solve.codegen import compile_system
from vitasim.solve.problem import default_atol
from vitasim.solve.sparsity import pattern, sparse_lu, state_dependencies

PROFILE = {"person": {"age": 72, "sex": "female", "weight": "68 kg"}, "labs": {"25ohd": "16 ng/mL"},
           "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"},
                       {"supplement": "MK-7", "dose": "90 ug", "every": "1 day"}]}


@pytest.fixture(scope="module")
def coupled():
    """The whole default system for one person, a few days into a regimen (doses in the gut)."""
    system = default_system()
    gen = compile_system(system)
    prob, _, _ = build_problem(system, vitasim.load_profile(PROFILE), days=2, population=1, seed=1,
                               quantities=None, output_every_days=1)
    y = np.ascontiguousarray(prob.y0[0]).copy()
    y[prob.ev_s[:2]] += prob.ev_a[:2]
    return system, gen, y, prob.params[0]


def dense_jacobian(gen, y, p, *, central=False):
    """Column-by-column differences, independent of the kernel.

    Forward differences with the kernel's step reproduce its one-sided slopes at the model's
    kinks (``min``/``max`` switching exactly at a baseline value); central ones average them.
    """
    n = y.size
    jac = np.empty((n, n))
    f0, fp, fm = np.empty(n), np.empty(n), np.empty(n)
    gen.rhs(y, p, f0)
    for j in range(n):
        h = (1e-6 * max(abs(y[j]), 1e-3)) if central else (1.49e-8 * max(abs(y[j]), 1e-6))
        yp, ym = y.copy(), y.copy()
        yp[j] += h
        ym[j] -= h
        gen.rhs(yp, p, fp)
        if central:
            gen.rhs(ym, p, fm)
            jac[:, j] = (fp - fm) / (yp[j] - ym[j])
        else:
            jac[:, j] = (fp - f0) / (yp[j] - y[j])
    return jac


def test_colouring_is_valid_and_much_smaller_than_the_state_count(coupled):
    system, _, _, _ = coupled
    jp = pattern(system)
    n = len(system.states)
    for c in range(jp.n_colors):
        rows = [set(jp.rows[jp.colptr[j]:jp.colptr[j + 1]]) for j in range(n) if jp.color[j] == c]
        assert sum(len(r) for r in rows) == len(set().union(*rows))  # no shared row within a colour
    assert jp.n_colors <= n // 4


def test_pattern_covers_every_numerically_nonzero_entry(coupled):
    system, gen, y, p = coupled
    jp = pattern(system)
    n = y.size
    structural = np.zeros((n, n), dtype=bool)
    for j in range(n):
        structural[jp.rows[jp.colptr[j]:jp.colptr[j + 1]], j] = True
    numeric = dense_jacobian(gen, y, p, central=True)
    assert not np.any((np.abs(numeric) > 1e-12 * np.abs(numeric).max()) & ~structural)


def test_coloured_differences_match_dense_differences(coupled):
    """Same forward differences, one call per colour instead of per column: tolerance 1e-6 of the
    column's largest entry (rounding in intermediates that both perturbed columns feed)."""
    _, gen, y, p = coupled
    ours = gen.jacobian_at(y, p)
    ref = dense_jacobian(gen, y, p)
    scale = np.maximum(np.abs(ref).max(axis=0), 1e-12)
    assert np.max(np.abs(ours - ref) / scale) < 1e-6


@pytest.mark.parametrize("hd", [1e-3, 0.3, 10.0, 1e3])
def test_sparse_lu_solves_like_numpy(coupled, hd):
    _, gen, y, p = coupled
    jac = gen.jacobian_at(y, p)
    n = y.size
    w = np.zeros((n, n))
    piv = np.zeros(n, dtype=np.int64)
    kind = linalg.factor_w(jac, hd, w, piv, gen.jac_lu)
    assert kind == linalg.SPARSE  # this system never needs the pivoting fallback at these step sizes
    b = np.linspace(-1.0, 2.0, n)
    x = b.copy()
    linalg.solve_w(w, piv, kind, x, np.empty(n), gen.jac_lu)
    np.testing.assert_allclose(x, np.linalg.solve(np.eye(n) - hd * jac, b), rtol=1e-9, atol=1e-12)


def test_fill_in_is_small(coupled):
    system, _, _, _ = coupled
    lu = sparse_lu(pattern(system))
    assert lu.n_fill <= len(system.states)


SADDLE = Module(name="saddle", description="x' = x + y, y' = x: a zero pivot at h*d = 1 (test only)",
                parameters=(Parameter("rate", 1.0, "1/h", "vitasim_gap", "unit rate (x' is per hour)"),),
                states=(State("x", "1", "x"), State("y", "1", "y")),
                equations={"x": "rate * (x + y)", "y": "rate * x"})


def test_zero_pivot_falls_back_to_dense_partial_pivoting():
    system = assemble(SADDLE)
    gen = compile_system(system)
    jac = np.array([[1.0, 1.0], [1.0, 0.0]])
    w = np.zeros((2, 2))
    piv = np.zeros(2, dtype=np.int64)
    kind = linalg.factor_w(jac, 1.0, w, piv, gen.jac_lu)  # W = [[0, -1], [-1, 1]]: no LU without pivoting
    assert kind == linalg.DENSE
    b = np.array([1.0, 2.0])
    linalg.solve_w(w, piv, kind, b, np.empty(2), gen.jac_lu)
    np.testing.assert_allclose(b, np.linalg.solve(np.eye(2) - jac, [1.0, 2.0]))


def test_dependencies_follow_intermediates():
    deps = state_dependencies(assemble(SADDLE))
    assert deps == [frozenset({"x", "y"}), frozenset({"x"})]


def test_atol_scales_with_the_largest_dose_into_a_state():
    y0 = np.array([[0.0, 50.0]])
    atol = default_atol(y0, 1e-4, np.array([0, 0]), np.array([200.0, 100.0]))
    np.testing.assert_allclose(atol[0], [200.0 * 1e-2 * 1e-4, 50.0 * 1e-2 * 1e-4])
    np.testing.assert_allclose(default_atol(y0, 1e-4)[0], [1e-3 * 1e-2 * 1e-4, 50.0 * 1e-2 * 1e-4])
