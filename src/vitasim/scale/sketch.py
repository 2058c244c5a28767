"""A mergeable quantile sketch with a relative-error guarantee, one per output time and quantity.

Values are counted in logarithmic buckets: bucket ``k`` holds ``gamma**(k-1) < |x| <= gamma**k``
with ``gamma = (1 + alpha) / (1 - alpha)``, one bucket set per sign, and exact zeros (``|x|``
below ``min_value``) on their own.  The quantile at rank ``floor(q (n - 1))`` (numpy's "lower"
quantile) is read as the bucket's midpoint ``2 gamma**k / (gamma + 1)``, which is within
``alpha * |x|`` of every value in the bucket, hence of the true sample quantile; the exact
minimum and maximum are kept too and the estimate is clamped between them, which can only bring
it closer (a series whose people all share one value reads exactly) (Masson, Rim &
Lee 2019, "DDSketch: a fast and fully-mergeable quantile sketch with relative-error
guarantees", PVLDB 12(12):2195-2205).  Counts are integers, so merging is exact and the result
does not depend on how the people were chunked or in which order the chunks arrived.

Memory: one count per occupied bucket; values spanning a factor ``R`` occupy about
``ln(R) / (2 alpha)`` buckets per (time, quantity), whatever the number of people.
"""
from __future__ import annotations

import math

import numpy as np

#: Relative error of every quantile read from the sketch (0.05 %, half the 1e-3 accuracy target).
DEFAULT_ALPHA = 5e-4
#: Magnitudes below this count as zero (model units; far below any physiological quantity).
MIN_VALUE = 1e-30
_OFFSET = 1 << 40


class QuantileSketch:
    """Quantiles of many series at once: ``S`` series (e.g. time x quantity), each a sketch."""

    def __init__(self, n_series: int, alpha: float = DEFAULT_ALPHA) -> None:
        if not 0.0 < alpha < 1.0:
            raise ValueError(f"alpha must be in (0, 1), got {alpha}")
        self.alpha = float(alpha)
        self.gamma = (1.0 + alpha) / (1.0 - alpha)
        self._log_gamma = math.log(self.gamma)
        self.n_series = int(n_series)
        # per series: sorted signed keys and their counts (key 0: zero; +k / -k: positive / negative)
        self.keys: list[np.ndarray] = [np.zeros(0, dtype=np.int64) for _ in range(self.n_series)]
        self.counts: list[np.ndarray] = [np.zeros(0, dtype=np.int64) for _ in range(self.n_series)]
        # exact extremes: estimates are clamped into [lo, hi] (a constant series reads exactly)
        self.lo = np.full(self.n_series, np.inf)
        self.hi = np.full(self.n_series, -np.inf)

    def _encode(self, x: np.ndarray) -> np.ndarray:
        """Signed bucket keys (0 for zero); positive keys are shifted by one so 0 stays free."""
        mag = np.abs(x)
        zero = mag < MIN_VALUE
        k = np.ceil(np.log(np.where(zero, 1.0, mag)) / self._log_gamma).astype(np.int64)
        k = k + _OFFSET  # >= 1 for every magnitude a float holds above MIN_VALUE, so 0 stays for zero
        return np.where(zero, 0, np.where(x > 0, k, -k))

    def _decode(self, key: int) -> float:
        if key == 0:
            return 0.0
        k = abs(int(key)) - _OFFSET
        value = 2.0 * self.gamma ** k / (self.gamma + 1.0)
        return value if key > 0 else -value

    def add(self, values: np.ndarray) -> None:
        """Add the rows of ``values`` (people, series); NaN entries (failed people) are skipped."""
        values = np.asarray(values, dtype=np.float64).reshape(-1, self.n_series)
        for s in range(self.n_series):
            col = values[:, s]
            col = col[np.isfinite(col)]
            if col.size == 0:
                continue
            keys, counts = np.unique(self._encode(col), return_counts=True)
            self._merge_one(s, keys, counts)
            self.lo[s] = min(self.lo[s], col.min())
            self.hi[s] = max(self.hi[s], col.max())

    def _merge_one(self, s: int, keys: np.ndarray, counts: np.ndarray) -> None:
        if self.keys[s].size == 0:
            self.keys[s], self.counts[s] = keys.astype(np.int64), counts.astype(np.int64)
            return
        both = np.concatenate([self.keys[s], keys])
        merged, inverse = np.unique(both, return_inverse=True)
        total = np.zeros(merged.size, dtype=np.int64)
        np.add.at(total, inverse, np.concatenate([self.counts[s], counts]))
        self.keys[s], self.counts[s] = merged, total

    def merge(self, other: "QuantileSketch") -> "QuantileSketch":
        """Add ``other``'s counts to this sketch (same alpha and series); returns self."""
        if other.n_series != self.n_series or other.alpha != self.alpha:
            raise ValueError("sketches differ in series or alpha")
        for s in range(self.n_series):
            if other.keys[s].size:
                self._merge_one(s, other.keys[s], other.counts[s])
        self.lo = np.minimum(self.lo, other.lo)
        self.hi = np.maximum(self.hi, other.hi)
        return self

    def count(self, s: int = 0) -> int:
        return int(self.counts[s].sum())

    def quantiles(self, qs) -> np.ndarray:
        """(len(qs), n_series): the lower sample quantile at each q, within alpha relative error
        (NaN for an empty series)."""
        qs = np.atleast_1d(np.asarray(qs, dtype=np.float64))
        out = np.full((qs.size, self.n_series), np.nan)
        for s in range(self.n_series):
            keys, counts = self.keys[s], self.counts[s]
            n = int(counts.sum())
            if n == 0:
                continue
            # sorted keys are in value order: negative (largest magnitude first), zero, positive
            cum = np.cumsum(counts)
            for j, q in enumerate(qs):
                rank = int(math.floor(q * (n - 1)))
                if rank == 0 or rank == n - 1:  # the extremes are kept exactly
                    out[j, s] = self.lo[s] if rank == 0 else self.hi[s]
                    continue
                est = self._decode(int(keys[np.searchsorted(cum, rank + 1)]))
                out[j, s] = min(max(est, self.lo[s]), self.hi[s])
        return out

    @property
    def buckets(self) -> int:
        """Occupied buckets over all series (the sketch's size)."""
        return int(sum(k.size for k in self.keys))

    def nbytes(self) -> int:
        return 16 * self.buckets
