"""The quantile sketch: its stated relative error holds, and merging does not depend on chunking."""
import numpy as np
import pytest

from vitasim.scale.sketch import DEFAULT_ALPHA, QuantileSketch

QS = [0.0, 0.05, 0.25, 0.5, 0.95, 0.999, 1.0]


def _data(seed=0):
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.lognormal(3.0, 1.0, (4000, 4)), -rng.lognormal(0.0, 2.0, (900, 4)),
                           np.zeros((50, 4)), rng.uniform(1e-6, 1e-3, (50, 4))])


@pytest.mark.parametrize("alpha", [DEFAULT_ALPHA, 1e-2])
def test_every_quantile_is_within_alpha_of_the_sample_quantile(alpha):
    x = _data()
    sk = QuantileSketch(4, alpha)
    sk.add(x)
    got = sk.quantiles(QS)
    true = np.quantile(x, QS, axis=0, method="lower")
    assert np.all(np.abs(got - true) <= alpha * np.abs(true) + 1e-300)
    assert np.abs(got - true).max() > 0          # it is an estimate, not the sorted data


def test_merge_is_exact_whatever_the_chunks_and_order():
    x = _data(1)
    whole = QuantileSketch(4)
    whole.add(x)
    rng = np.random.default_rng(2)
    cuts = np.sort(rng.choice(np.arange(1, x.shape[0]), 9, replace=False))
    parts = []
    for part in np.split(x, cuts):
        sk = QuantileSketch(4)
        sk.add(part)
        parts.append(sk)
    merged = QuantileSketch(4)
    for k in rng.permutation(len(parts)):
        merged.merge(parts[k])
    assert all(np.array_equal(a, b) for a, b in zip(whole.keys, merged.keys))
    assert all(np.array_equal(a, b) for a, b in zip(whole.counts, merged.counts))
    assert np.array_equal(whole.quantiles(QS), merged.quantiles(QS))


def test_nan_is_skipped_and_memory_does_not_grow_with_people():
    rng = np.random.default_rng(3)
    sk = QuantileSketch(1)
    sk.add(np.array([[np.nan], [1.0]]))
    assert sk.count() == 1
    sizes = []
    for _ in range(5):
        sk.add(rng.normal(50.0, 5.0, (20000, 1)))
        sizes.append(sk.buckets)
    assert sizes[-1] < 1.2 * sizes[1] and sizes[-1] < 2000   # bounded by the value range, not by N


def test_alpha_out_of_range_is_refused():
    with pytest.raises(ValueError):
        QuantileSketch(1, 0.0)


def test_a_constant_series_reads_exactly_and_extremes_are_exact():
    sk = QuantileSketch(2)
    sk.add(np.column_stack([np.ones(100), np.linspace(-3.0, 7.0, 100)]))
    q = sk.quantiles([0.0, 0.05, 0.5, 1.0])
    assert np.all(q[:, 0] == 1.0)
    assert q[0, 1] == -3.0 and q[-1, 1] == 7.0
