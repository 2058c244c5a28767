"""Statistics found in sentences and recomputed."""
from __future__ import annotations

from vitasim.evidence.quoted import recompute


def test_means_with_sds_and_group_sizes():
    got = recompute("Scores fell from 3.2 ± 1.1 (n = 40) to 2.5 ± 1.0 (n = 40), p = 0.004.")
    assert got and got[0].kind == "mean difference" and got[0].consistent
    wrong = recompute("Scores were 3.2 ± 1.1 (n = 40) vs 3.0 ± 1.0 (n = 40), p = 0.004.")
    assert not wrong[0].consistent


def test_two_percentages_with_sizes_in_the_text():
    got = recompute("Fusion: 91.67% of 36 patients vs 74.29% of 35 patients, p = 0.044.")
    assert got[0].recomputed["k1"] == 33 and not got[0].consistent


def test_ratio_ci_and_p():
    assert recompute("The hazard ratio was 0.72 (95% CI 0.55 to 0.95), p = 0.02.")[0].consistent


def test_grim_on_a_scale_mean():
    bad = recompute("Participants scored 3.48 on a five-point scale (n = 19).")
    assert bad[0].kind == "GRIM" and not bad[0].consistent
    assert recompute("Participants scored 3.47 on a five-point scale (n = 19).")[0].consistent


def test_no_statistic_no_recomputation():
    assert recompute("Vitamin D is made in the skin.") == []
