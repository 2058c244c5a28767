"""The step record and its cubic Hermite interpolation."""
import numpy as np
from numba import njit

from vitasim.solve import hermite


@njit(cache=True)
def fill(ts, ys, fs, idx):
    rec = hermite.new_record(idx.shape[0])
    for k in range(ts.shape[0]):
        hermite.append(ts[k], ys[k], fs[k], rec[0], rec[1], rec[2], rec[3], idx)
    return rec[0][0][:rec[3][0]].copy(), rec[1][0][:rec[3][0]].copy(), rec[2][0][:rec[3][0]].copy()


def test_record_grows_past_its_first_capacity_and_keeps_every_entry():
    n = hermite.START_CAPACITY * 2 + 5
    ts = np.arange(n, dtype=float)
    ys = np.column_stack([ts, -ts, 2 * ts])
    fs = np.ones_like(ys)
    rt, ry, rf = fill(ts, ys, fs, np.array([2, 0]))
    np.testing.assert_array_equal(rt, ts)
    np.testing.assert_array_equal(ry, ys[:, [2, 0]])
    np.testing.assert_array_equal(rf, fs[:, [2, 0]])


def test_cubic_is_reproduced_exactly():
    """Cubic Hermite interpolation is exact for a cubic given its values and slopes at the records."""
    ts = np.array([0.0, 0.7, 1.5, 3.0])
    y = lambda t: 2.0 - t + 0.5 * t ** 2 - 0.3 * t ** 3  # noqa: E731
    dy = lambda t: -1.0 + t - 0.9 * t ** 2  # noqa: E731
    rec_y, rec_f = y(ts)[:, None], dy(ts)[:, None]
    out = np.zeros(2)
    for t in np.linspace(0.0, 3.0, 31):
        hermite.interpolate(t, out, ts, rec_y, rec_f, 0, 3, np.array([1]))
        assert abs(out[1] - y(t)) < 1e-12
        assert out[0] == 0.0  # only the recorded states are written


def test_a_jump_between_two_records_at_one_time_is_respected():
    """Records before and after a dose at t = 1: the range [klo, khi] chooses the side."""
    ts = np.array([0.0, 1.0, 1.0, 2.0])
    rec_y = np.array([[0.0], [1.0], [11.0], [12.0]])
    rec_f = np.ones((4, 1))
    out = np.zeros(1)
    hermite.interpolate(1.0, out, ts, rec_y, rec_f, 0, 1, np.array([0]))
    assert out[0] == 1.0    # before the dose
    hermite.interpolate(1.5, out, ts, rec_y, rec_f, 2, 3, np.array([0]))
    assert out[0] == 11.5   # after it (slope 1)
