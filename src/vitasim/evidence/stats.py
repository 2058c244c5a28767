"""Quoted statistics recomputed from what they rest on (statcheck and GRIM in spirit).

Every test here is scipy's; this module only recovers the inputs a text implies (integer counts
behind a quoted percentage, a standard error behind a confidence interval) and compares the
recomputed value with the quoted one.  A mismatch is a :class:`Recomputation` with ``consistent``
False, the quoted value and the recomputed one side by side.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from scipy import stats

# A quoted p-value is taken as consistent with a recomputed one when both fall on the same side of
# 0.05 and they agree to the rounding the text used (statcheck's rule, Nuijten 2016).
ALPHA = 0.05


@dataclass(frozen=True)
class Recomputation:
    """One recomputed statistic: what was quoted, what the inputs give, and whether they agree."""

    kind: str
    inputs: dict[str, object]
    quoted: dict[str, float]
    recomputed: dict[str, float]
    consistent: bool
    notes: tuple[str, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        """One line: quoted beside recomputed."""
        quoted = ", ".join(f"{k} {v:g}" for k, v in self.quoted.items()) or "nothing quoted"
        got = ", ".join(f"{k} {v:.3g}" for k, v in self.recomputed.items())
        flag = "consistent" if self.consistent else "MISMATCH"
        return f"{self.kind}: quoted {quoted}; recomputed {got} ({flag})"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "inputs": self.inputs, "quoted": self.quoted, "recomputed": self.recomputed,
                "consistent": self.consistent, "notes": list(self.notes)}


def _decimals(text_value: str | float) -> int:
    text = str(text_value)
    return len(text.split(".")[1]) if "." in text else 0


def counts_for_percentage(percent: str | float, n: int) -> list[int]:
    """Every integer count k out of n whose percentage, rounded as quoted, equals ``percent``.

    ``percent`` keeps the decimals the text printed ("91.67" has two), since rounding is what
    links the count to the printed figure.
    """
    if n <= 0:
        raise ValueError("group size must be positive")
    places = _decimals(percent)
    target = round(float(percent), places)
    return [k for k in range(n + 1) if round(100.0 * k / n, places) == target]


def two_proportions(k1: int, n1: int, k2: int, n2: int) -> dict[str, float]:
    """Pearson chi-square (with and without Yates' correction) and Fisher's exact test, two-sided."""
    table = [[k1, n1 - k1], [k2, n2 - k2]]
    chi2, p_plain, _, _ = stats.chi2_contingency(table, correction=False)
    chi2_y, p_yates, _, _ = stats.chi2_contingency(table, correction=True)
    _, p_fisher = stats.fisher_exact(table)
    return {"chi2": float(chi2), "p_chi2": float(p_plain), "chi2_yates": float(chi2_y),
            "p_yates": float(p_yates), "p_fisher": float(p_fisher)}


def _p_agrees(quoted: float, recomputed: float, places: int) -> bool:
    same_side = (quoted < ALPHA) == (recomputed < ALPHA)
    return same_side and abs(round(recomputed, places) - quoted) <= 10 ** -places


def check_two_proportions(percent1: str | float, n1: int, percent2: str | float, n2: int,
                          quoted_p: str | float | None = None) -> Recomputation:
    """Recover the counts behind two quoted percentages and recompute the p-value three ways.

    Consistent when the quoted p (if any) is reproduced, to its printed decimals and on the same
    side of 0.05, by at least one standard test for at least one pair of recoverable counts.
    """
    ks1, ks2 = counts_for_percentage(percent1, n1), counts_for_percentage(percent2, n2)
    notes: list[str] = []
    if not ks1 or not ks2:
        return Recomputation("two proportions", {"percent1": float(percent1), "n1": n1, "percent2": float(percent2),
                                                 "n2": n2}, {}, {}, False,
                             ("no integer count out of the group size gives a quoted percentage (GRIM-like "
                              "impossibility)",))
    k1, k2 = ks1[0], ks2[0]
    if len(ks1) > 1 or len(ks2) > 1:
        notes.append(f"several counts fit the percentages ({ks1} and {ks2}); the first pair is shown")
    result = two_proportions(k1, n1, k2, n2)
    quoted: dict[str, float] = {}
    consistent = True
    if quoted_p is not None:
        quoted["p"] = float(quoted_p)
        places = max(_decimals(quoted_p), 2)
        candidates = [two_proportions(a, n1, b, n2) for a in ks1 for b in ks2]
        consistent = any(_p_agrees(float(quoted_p), c[key], places)
                         for c in candidates for key in ("p_chi2", "p_yates", "p_fisher"))
        if not consistent:
            notes.append("no standard two-sided test on these counts reproduces the quoted p-value")
        if (float(quoted_p) < ALPHA) and all(c[key] >= ALPHA for c in candidates
                                            for key in ("p_chi2", "p_yates", "p_fisher")):
            notes.append("quoted as significant, but every standard test gives p >= 0.05")
    recomputed = {"k1": float(k1), "k2": float(k2), "p_chi2": result["p_chi2"], "p_yates": result["p_yates"],
                  "p_fisher": result["p_fisher"]}
    return Recomputation("two proportions", {"percent1": float(percent1), "n1": n1, "percent2": float(percent2),
                                             "n2": n2}, quoted, recomputed, consistent, tuple(notes))


def mean_difference(mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int, *,
                    equal_var: bool = False, confidence: float = 0.95) -> dict[str, float]:
    """Two-sample t-test from summary statistics (scipy) and the CI of the difference mean1 - mean2.

    Welch by default; the CI uses the same standard error and degrees of freedom as the test.
    """
    res = stats.ttest_ind_from_stats(mean1, sd1, n1, mean2, sd2, n2, equal_var=equal_var)
    diff = mean1 - mean2
    if equal_var:
        pooled = ((n1 - 1) * sd1 ** 2 + (n2 - 1) * sd2 ** 2) / (n1 + n2 - 2)
        se = math.sqrt(pooled * (1 / n1 + 1 / n2))
        df = n1 + n2 - 2
    else:
        v1, v2 = sd1 ** 2 / n1, sd2 ** 2 / n2
        se = math.sqrt(v1 + v2)
        df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
    half = float(stats.t.ppf(0.5 + confidence / 2, df)) * se
    return {"difference": float(diff), "t": float(res.statistic), "df": float(df), "p": float(res.pvalue),
            "ci_low": diff - half, "ci_high": diff + half}


def check_mean_difference(mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int,
                          quoted_p: str | float | None = None) -> Recomputation:
    """Recompute a between-group p-value from means, SDs and group sizes (Welch and pooled)."""
    welch = mean_difference(mean1, sd1, n1, mean2, sd2, n2)
    pooled = mean_difference(mean1, sd1, n1, mean2, sd2, n2, equal_var=True)
    quoted: dict[str, float] = {}
    consistent = True
    notes: list[str] = []
    if quoted_p is not None:
        quoted["p"] = float(quoted_p)
        places = max(_decimals(quoted_p), 2)
        consistent = any(_p_agrees(float(quoted_p), r["p"], places) for r in (welch, pooled))
        if not consistent:
            notes.append("neither Welch's nor Student's t-test on these summaries gives the quoted p-value")
    return Recomputation("mean difference", {"mean1": mean1, "sd1": sd1, "n1": n1, "mean2": mean2, "sd2": sd2,
                                             "n2": n2}, quoted,
                         {"difference": welch["difference"], "p_welch": welch["p"], "p_student": pooled["p"],
                          "ci_low": welch["ci_low"], "ci_high": welch["ci_high"]}, consistent, tuple(notes))


def p_from_ci(estimate: float, low: float, high: float, *, ratio: bool = False,
              confidence: float = 0.95) -> float:
    """Two-sided p-value implied by an estimate and its CI (normal approximation, Altman & Bland 2011).

    Ratios (odds, risk, hazard) are taken on the log scale, where their CIs are symmetric.
    """
    if ratio:
        estimate, low, high = math.log(estimate), math.log(low), math.log(high)
    se = (high - low) / (2 * stats.norm.ppf(0.5 + confidence / 2))
    return float(2 * stats.norm.sf(abs(estimate) / se))


def check_ci_p(estimate: float, low: float, high: float, quoted_p: str | float, *, ratio: bool = False
               ) -> Recomputation:
    """Is a quoted p-value consistent with the quoted CI?  Also: a CI that excludes no effect must
    come with p < 0.05 and the reverse."""
    null = 1.0 if ratio else 0.0
    p = p_from_ci(estimate, low, high, ratio=ratio)
    crosses = low <= null <= high
    notes: list[str] = []
    q = float(quoted_p)
    side_ok = (q < ALPHA) != crosses
    if not side_ok:
        notes.append("the CI and the p-value disagree about significance at 0.05")
    # rounding of CI bounds makes the implied p approximate: accept within a factor of 2 or 0.01
    close = abs(p - q) <= max(0.01, 0.5 * max(p, q))
    if not close:
        notes.append("the p-value implied by the CI differs from the quoted one")
    return Recomputation("CI vs p", {"estimate": estimate, "ci_low": low, "ci_high": high, "ratio": ratio},
                         {"p": q}, {"p_from_ci": p}, side_ok and close, tuple(notes))


def grim(mean: str | float, n: int, items: int = 1) -> bool:
    """GRIM (Brown & Heathers 2017): can a mean of ``n`` integer answers (``items`` per person) print
    as ``mean`` with its decimals?  False means the mean is impossible."""
    places = _decimals(mean)
    target = round(float(mean), places)
    total = n * items
    approx = round(target * total)
    return any(round(k / total, places) == target for k in (approx - 1, approx, approx + 1))


def check_grim(mean: str, n: int, items: int = 1) -> Recomputation:
    """GRIM as a :class:`Recomputation`: the quoted mean beside the nearest possible ones."""
    places = _decimals(mean)
    total = n * items
    approx = round(float(mean) * total)
    near = sorted({round(k / total, places) for k in (approx - 1, approx, approx + 1) if k >= 0})
    ok = grim(mean, n, items)
    notes = () if ok else (f"no mean of {n} integer answers prints as {mean}; nearest possible {near}",)
    return Recomputation("GRIM", {"n": n, "items": items}, {"mean": float(mean)},
                         {"nearest_possible": near[0] if ok else min(near, key=lambda v: abs(v - float(mean)))},
                         ok, notes)
