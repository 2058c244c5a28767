"""Scorecard mathematics on synthetic numbers."""
import math
from types import SimpleNamespace

import pytest

from vitasim.trials.scorecard import FE_CAP, arm_fold_error, fold_error, score, scorecard


def visit(obs, pred, lo, hi, day=10, oc=None, pc=None, kind="absolute", olo=None, ohi=None):
    return SimpleNamespace(kind=kind, day=day, observed_lo=olo, observed_hi=ohi, observed=obs, predicted=pred, pi_lo=lo, pi_hi=hi, observed_change=oc,
                           predicted_change=pc, inside=lo <= obs <= hi)


def result(visits, role="validation", nutrient="vitamin_d"):
    return SimpleNamespace(visits=visits, arm=SimpleNamespace(role=role, nutrient=nutrient))


def test_fold_error_is_symmetric_and_capped():
    assert fold_error(2.0, 1.0) == fold_error(1.0, 2.0) == 2.0
    assert fold_error(-3.0, -1.5) == 2.0
    assert fold_error(1.0, -1.0) == FE_CAP and fold_error(0.0, 1.0) == FE_CAP
    assert fold_error(1000.0, 1.0) == FE_CAP


def test_arm_fold_error_uses_changes_when_known_and_skips_day_zero():
    r = result([visit(50, 60, 0, 1, day=0), visit(100, 100, 0, 1, oc=20, pc=40), visit(100, 110, 0, 1, oc=10, pc=5)])
    assert arm_fold_error(r) == pytest.approx(2.0)       # sqrt(2 * 2)
    assert arm_fold_error(result([visit(10, 12.5, 0, 1)])) == pytest.approx(1.25)


def test_a_placebo_sized_change_is_scored_on_the_value():
    # baseline 50, observed 53 (+3, 6 % of baseline): the change ratio 1/3 would mean nothing
    assert arm_fold_error(result([visit(53, 51, 0, 1, oc=3, pc=1)])) == pytest.approx(53 / 51)
    # a 'change' endpoint has no baseline value to fall back on: its change is scored
    assert arm_fold_error(result([visit(3, 1, 0, 1, oc=3, pc=1, kind="change")])) == pytest.approx(3.0)


def test_group_scores():
    a = result([visit(10, 10, 9, 11)])                    # FE 1, inside
    b = result([visit(10, 40, 30, 50)])                   # FE 4, outside
    s = score([a, b])
    assert s.gmfe == pytest.approx(2.0) and s.within_1_25 == 0.5 and s.pi_coverage == 0.5
    assert s.arms == 2 and s.points == 2


def test_scorecard_rows_split_by_role_and_nutrient():
    rows = scorecard([result([visit(10, 10, 9, 11)], "calibration", "b12"),
                      result([visit(10, 20, 15, 25)], "validation", "vitamin_d"),
                      result([visit(10, 10, 9, 11)], "validation", "b12")])
    keys = [(r.role, r.nutrient) for r in rows]
    assert keys == [("calibration", "b12"), ("calibration", "all"), ("validation", "b12"),
                    ("validation", "vitamin_d"), ("validation", "all"), ("all", "all")]
    val = rows[4]
    assert val.gmfe == pytest.approx(math.sqrt(2.0)) and val.pi_coverage == 0.5


def test_a_change_indistinguishable_from_zero_has_no_fold_error_but_counts_for_coverage():
    placebo = result([visit(3.3, 0.1, -1, 1, oc=3.3, pc=0.1, kind="change", olo=-0.4, ohi=7.0)])
    assert arm_fold_error(placebo) is None
    s = score([placebo, result([visit(10, 20, 15, 25)])])
    assert s.gmfe == pytest.approx(2.0) and s.arms == 2 and s.pi_coverage == 0.0
