"""Each method's order of convergence on a linear ODE with an exact solution (expm)."""
import numpy as np
import pytest
from scipy.linalg import expm

from numerics_fixtures import A, A_STIFF, dense_pattern, empty_record, field, linear
from vitasim.solve import dopri5, rosenbrock

Y0 = np.array([1.0, 2.0, -1.0])
T_END = 2.0


def fixed_steps(integrate, a, h, **kw):
    """Integrate to T_END in steps of h, each its own call, tolerances so loose that every step is
    accepted: the global error of the formula itself."""
    y = Y0.copy()
    stats = np.zeros(5, dtype=np.int64)
    n_steps = int(round(T_END / h))
    for k in range(n_steps):
        nh = integrate(k * h, (k + 1) * h, y, a, h, stats, **kw)
        assert nh > 0
    assert stats[0] == n_steps and stats[1] == 0
    return np.max(np.abs(y - expm(a * T_END) @ Y0))


def dopri(ns):
    make = dopri5.make_integrate(ns)
    idx = np.arange(3)
    rec = empty_record()

    def run(t0, t1, y, a, h, stats):
        return make(t0, t1, y, a, h, 1e6, np.full(3, 1e6), np.zeros((9, 3)), stats, idx, rec,
                    np.zeros(0, dtype=np.int64), False)
    return run


def rosen(ns):
    make = rosenbrock.make_integrate(ns)

    def run(t0, t1, y, a, h, stats, jac, w, jage):
        return make(t0, t1, y, a, h, 1e6, np.full(3, 1e6), np.zeros((9, 3)), stats, jac, w, jage, False)
    return run


def orders(errors):
    return [np.log2(a / b) for a, b in zip(errors, errors[1:])]


def test_dormand_prince_is_fifth_order():
    ns, _ = field("methods_dopri", linear, dense_pattern(3))
    run = dopri(ns)
    errors = [fixed_steps(run, A, h) for h in (0.2, 0.1, 0.05)]
    assert errors[-1] < 1e-8
    for p in orders(errors):
        assert 4.6 < p < 5.6, orders(errors)


@pytest.mark.parametrize("a", [A, A_STIFF], ids=["mild", "stiff"])
def test_rosenbrock_w_is_second_order_with_an_exact_jacobian(a):
    """Order 2 on the mild system; on the stiff one (rate 1000/h, steps 0.2..0.05 h, so h*rate up
    to 200) L-stability keeps it stable and the error of the slow modes shrinks at order 2 too."""
    ns, _ = field("methods_rosen", linear, dense_pattern(3))
    run = rosen(ns)
    errors = []
    for h in (0.2, 0.1, 0.05):
        jac, w, jage = np.zeros((3, 3)), np.zeros((3, 3)), np.full(1, -1, dtype=np.int64)
        errors.append(fixed_steps(run, a, h, jac=jac, w=w, jage=jage))
    for p in orders(errors):
        assert 1.7 < p < 2.4, orders(errors)


@pytest.mark.parametrize("refined", [False, True], ids=["first-order-start", "second-derivative-start"])
def test_dormand_prince_meets_its_tolerance_adaptively(refined):
    """With real tolerances the adaptive steps reach rtol-sized errors and stay cheap, whichever
    way the first step is chosen."""
    ns, _ = field("methods_dopri_adaptive", linear, dense_pattern(3))
    make = dopri5.make_integrate(ns)
    for rtol in (1e-4, 1e-8):
        y = Y0.copy()
        stats = np.zeros(5, dtype=np.int64)
        h = make(0.0, T_END, y, A, -1.0, rtol, np.full(3, rtol * 1e-3), np.zeros((9, 3)), stats, np.arange(3),
                 empty_record(), np.zeros(0, dtype=np.int64), refined)
        assert h > 0
        err = np.max(np.abs(y - expm(A * T_END) @ Y0) / np.abs(expm(A * T_END) @ Y0))
        assert err < 10 * rtol, (rtol, err)
        assert stats[0] < 200
