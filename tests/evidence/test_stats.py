"""Statistics recomputation: known answers computed here by hand (closed forms), not by scipy."""
from __future__ import annotations

import math

import pytest

from vitasim.evidence import stats


def _chi2_p(chi2: float) -> float:  # one degree of freedom: P(X > chi2) = erfc(sqrt(chi2 / 2))
    return math.erfc(math.sqrt(chi2 / 2))


def _fisher_two_sided(a: int, b: int, c: int, d: int) -> float:
    r1, r2, c1, n = a + b, c + d, a + c, a + b + c + d

    def prob(x: int) -> float:
        return math.comb(r1, x) * math.comb(r2, c1 - x) / math.comb(n, c1)
    observed = prob(a)
    return sum(prob(x) for x in range(max(0, c1 - r2), min(r1, c1) + 1) if prob(x) <= observed * (1 + 1e-7))


def test_counts_are_recovered_from_quoted_percentages():
    assert stats.counts_for_percentage("91.67", 36) == [33]
    assert stats.counts_for_percentage("74.29", 35) == [26]
    assert stats.counts_for_percentage("50", 3) == []  # no k/3 rounds to 50 %


def test_two_proportions_match_the_closed_forms_on_the_fusion_counts():
    a, b, c, d = 33, 3, 26, 9
    n = a + b + c + d
    denom = (a + b) * (c + d) * (a + c) * (b + d)
    chi2 = n * (a * d - b * c) ** 2 / denom
    yates = n * (abs(a * d - b * c) - n / 2) ** 2 / denom
    res = stats.two_proportions(33, 36, 26, 35)
    assert res["chi2"] == pytest.approx(chi2)
    assert res["p_chi2"] == pytest.approx(_chi2_p(chi2))
    assert res["p_yates"] == pytest.approx(_chi2_p(yates))
    assert res["p_fisher"] == pytest.approx(_fisher_two_sided(a, b, c, d))
    assert round(res["p_chi2"], 3) == 0.051 and round(res["p_fisher"], 3) == 0.063


def test_the_fusion_p_value_is_flagged():
    check = stats.check_two_proportions("91.67", 36, "74.29", 35, "0.044")
    assert not check.consistent
    assert check.recomputed["k1"] == 33 and check.recomputed["k2"] == 26
    assert any("every standard test gives p >= 0.05" in n for n in check.notes)
    assert "quoted p 0.044" in check.summary() and "MISMATCH" in check.summary()


def test_a_correct_p_value_passes():
    a, b, c, d = 50, 50, 30, 70
    p = _chi2_p(200 * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d)))
    check = stats.check_two_proportions("50", 100, "30", 100, f"{p:.3f}")
    assert check.consistent, check.summary()


def test_impossible_percentage_is_reported():
    check = stats.check_two_proportions("50", 3, "20", 10, "0.01")
    assert not check.consistent and "impossib" in check.notes[0]


def test_mean_difference_t_and_ci_by_hand():
    res = stats.mean_difference(10.0, 2.0, 20, 8.0, 2.0, 20, equal_var=True)
    se = math.sqrt(4.0 * (1 / 20 + 1 / 20))
    assert res["t"] == pytest.approx(2.0 / se)
    assert res["df"] == 38
    assert res["ci_low"] > 0 and res["p"] < 0.01
    assert (res["ci_low"] + res["ci_high"]) / 2 == pytest.approx(2.0)


def test_mean_difference_ci_excludes_zero_exactly_when_p_below_alpha():
    for m2 in (8.0, 8.7, 9.0, 9.5, 9.9):
        res = stats.mean_difference(10.0, 2.0, 20, m2, 2.5, 25)
        assert (res["p"] < 0.05) == (res["ci_low"] > 0)


def test_check_mean_difference_flags_a_wrong_p():
    assert stats.check_mean_difference(10.0, 2.0, 20, 8.0, 2.0, 20, "0.003").consistent
    assert not stats.check_mean_difference(10.0, 2.0, 20, 9.5, 2.0, 20, "0.01").consistent


def test_p_from_ci_altman_bland_example():
    # difference 10, 95 % CI 2 to 18: SE = 16 / 3.92 = 4.08, z = 2.45, p = 0.014
    assert stats.p_from_ci(10, 2, 18) == pytest.approx(0.014, abs=0.001)


def test_ci_and_p_consistency_on_a_ratio():
    assert stats.check_ci_p(0.72, 0.55, 0.95, "0.02", ratio=True).consistent
    wrong = stats.check_ci_p(0.72, 0.55, 0.95, "0.20", ratio=True)
    assert not wrong.consistent and any("disagree" in n for n in wrong.notes)


def test_grim():
    # Brown & Heathers' logic: 28 integer answers cannot average 5.19 (145/28 = 5.18, 146/28 = 5.21)
    assert not stats.grim("5.19", 28)
    assert stats.grim("5.18", 28)
    # two items per person: 56 answers, 291/56 = 5.196 prints as 5.20, impossible with one item
    assert stats.grim("5.20", 28, items=2)
    assert not stats.grim("5.20", 28)
