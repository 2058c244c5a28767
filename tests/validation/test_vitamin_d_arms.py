"""Vitamin D against the trial arms of calibration/data/vitamin_d.yaml, arm by arm.

Calibration arms (``test_calibration_*``) check that the joint fit (calibration/fits/vitamin_d.json)
still holds them; validation arms were never used in a fit.  The criterion is the one of the
issue's scorecard: the modelled effect (change from baseline, or the reported percent change) lies
within 1.25-fold of the observed one.  Known misses are strict xfails with their numbers, so the
day the model passes one the marker must go.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "calibration"))

import fit  # noqa: E402

pytestmark = pytest.mark.validation

ARMS = {a.id: a for a in fit.load_arms("vitamin_d")}
TOLERANCE = 1.25

# arm id -> why it misses (model vs observed effect with the fitted values)
KNOWN_MISSES = {
    "bargerlux1998_d3_25": "model +16 vs observed +29 nmol/L after 8 weeks of 1000 IU/d from 67 nmol/L: the young "
                           "men of Barger-Lux respond twice as much per IU at 1000 IU/d as the older adults of VITAL, "
                           "pilot D-Health and Gallagher (0.015-0.018 nmol/L per IU/d), which the fit follows",
    "vangroningen2010_d3_25000_biweekly_x4": "model +40 vs observed +29 nmol/L: from the assumed deficient baseline "
                                             "(25 nmol/L, a gap) the spare 25-hydroxylation capacity makes the first "
                                             "doses count most; observed rises are nearly proportional to the total "
                                             "dose (29/43/69 for 100/150/200 kIU)",
    "vangroningen2010_d3_25000_weekly_x6": "model +59 vs observed +43 nmol/L (see the biweekly x4 arm)",
    "chapuy1992_d3_800_ca_1200": "25(OH)D: model +62 % vs observed +162 % (baseline 25(OH)D not in the abstract, "
                                 "40 nmol/L assumed); PTH: model -19 % vs observed -44 % (-7 % before "
                                 "DEVIATION 7 made baseline PTH depend on 25(OH)D)",
}


def _effects(arm: fit.Arm) -> list[tuple[dict, float]]:
    rows = fit.arm_residuals(fit._Systems({}), arm)
    return [(r, fit.fold_error(r["model_change"], r["observed_change"])) for r in rows]


def _cases(role: str):
    for arm_id, arm in ARMS.items():
        if arm.role != role:
            continue
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[arm_id])] if arm_id in KNOWN_MISSES else []
        yield pytest.param(arm_id, marks=marks, id=arm_id)


@pytest.mark.parametrize("arm_id", list(_cases("calibration")))
def test_calibration_arm_within_fold(arm_id):
    for row, fold in _effects(ARMS[arm_id]):
        assert fold <= TOLERANCE, (f"{arm_id} {row['quantity']} day {row['day']:.0f}: model {row['model_change']:.1f} "
                                   f"vs observed {row['observed_change']:.1f}")


@pytest.mark.parametrize("arm_id", list(_cases("validation")))
def test_validation_arm_within_fold(arm_id):
    for row, fold in _effects(ARMS[arm_id]):
        assert fold <= TOLERANCE, (f"{arm_id} {row['quantity']} day {row['day']:.0f}: model {row['model_change']:.1f} "
                                   f"vs observed {row['observed_change']:.1f}")


def test_ordinary_daily_doses_in_older_adults_are_not_overestimated():
    """The issue's headline miss: 2000 IU/d for a year in older adults (VITAL: +12 ng/mL = +30 nmol/L from
    29.8 ng/mL).  Before the joint fit the model gave +18 ng/mL (1.5-fold); now the rise must lie within
    1.25-fold of VITAL's, and the pilot D-Health monthly arms (30 000 and 60 000 IU/month, +22 and +36
    nmol/L) must not be exceeded by more than 1.25-fold either."""
    rows = [r for a in ("manson2019vital_d3_2000", "tran2012dhealth_d3_60000_monthly",
                        "tran2012dhealth_d3_30000_monthly") for r, _ in _effects(ARMS[a])]
    for r in rows:
        assert r["model_change"] <= TOLERANCE * r["observed_change"], r["arm"]
    vital = rows[0]
    assert fit.fold_error(vital["model_change"], vital["observed_change"]) <= TOLERANCE
