"""The scorecard: how well the model's virtual trials reproduce the registry, by role and nutrient.

Per arm, the fold error is taken on the change from baseline where the baseline is known (an
``absolute`` endpoint with a reported baseline, or a ``change`` endpoint), otherwise on the
value itself; a reported change whose 95 % CI includes zero (placebo drift) has no fold error
and is left out of the GMFE (it still counts for coverage); an ``absolute`` endpoint whose observed change is under :data:`MIN_CHANGE` of its
baseline (a placebo arm) is scored on the value, where a fold error means something; for each visit after day 0, ``fe = max(p/o, o/p)`` with ``p``, ``o`` the predicted
and observed (changes of opposite sign, or a zero, count as :data:`FE_CAP`).  An arm's fold error is
the geometric mean over its visits.  A group reports

* ``gmfe``: the geometric mean of its arms' fold errors;
* ``within_1_25``: the share of its arms with a fold error at most 1.25;
* ``pi_coverage``: the share of its observed visit means inside the 90 % prediction interval.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

FE_CAP = 10.0
WITHIN = 1.25
MIN_CHANGE = 0.10   # fraction of the baseline below which a change is too small to score as a ratio


def fold_error(predicted: float, observed: float) -> float:
    """max(p/o, o/p) for two numbers of the same sign; :data:`FE_CAP` otherwise (also the cap)."""
    if predicted == 0 or observed == 0 or (predicted > 0) != (observed > 0) or not np.isfinite(predicted):
        return FE_CAP
    r = predicted / observed
    return float(min(max(r, 1.0 / r), FE_CAP))


def _change_is_zero(v) -> bool:
    """A reported change whose 95 % CI includes 0 (a placebo arm's drift): no ratio to score."""
    return (v.kind in ("change", "percent_change") and v.observed_lo is not None and v.observed_hi is not None
            and v.observed_lo <= 0.0 <= v.observed_hi)


def visit_fold_error(v) -> float | None:
    """Fold error of one :class:`~vitasim.trials.virtual.VisitResult` (on the change when known);
    None for a change indistinguishable from zero (it still counts for the interval coverage)."""
    if _change_is_zero(v):
        return None
    if v.observed_change is not None and v.predicted_change is not None:
        baseline = v.observed - v.observed_change
        small = v.kind in ("absolute", "peak") and abs(v.observed_change) < MIN_CHANGE * abs(baseline)
        if not small:
            return fold_error(v.predicted_change, v.observed_change)
    return fold_error(v.predicted, v.observed)


def arm_fold_error(result) -> float | None:
    """Geometric mean fold error over an arm's visits after day 0 (None when it has none)."""
    fes = [fe for fe in (visit_fold_error(v) for v in result.visits if v.day > 0) if fe is not None]
    return float(math.exp(np.mean(np.log(fes)))) if fes else None


@dataclass(frozen=True)
class Score:
    role: str
    nutrient: str
    arms: int
    points: int
    gmfe: float | None
    within_1_25: float | None
    pi_coverage: float | None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def score(results, role: str = "all", nutrient: str = "all") -> Score:
    """Scores of a group of arm results (any iterable of ArmResult)."""
    results = list(results)
    fes = [fe for fe in (arm_fold_error(r) for r in results) if fe is not None]
    points = [v for r in results for v in r.visits if v.day > 0]
    gmfe = float(math.exp(np.mean(np.log(fes)))) if fes else None
    within = float(np.mean([fe <= WITHIN for fe in fes])) if fes else None
    coverage = float(np.mean([v.inside for v in points])) if points else None
    return Score(role, nutrient, len(results), len(points), gmfe, within, coverage)


def scorecard(results) -> list[Score]:
    """One row per (role, nutrient) present, then per role over all nutrients, then overall."""
    results = list(results)
    rows = []
    for role in ("calibration", "validation"):
        mine = [r for r in results if r.arm.role == role]
        for nut in sorted({r.arm.nutrient for r in mine}):
            rows.append(score([r for r in mine if r.arm.nutrient == nut], role, nut))
        if mine:
            rows.append(score(mine, role, "all"))
    rows.append(score(results, "all", "all"))
    return rows


def _fmt(x: float | None, pct: bool = False) -> str:
    if x is None:
        return "-"
    return f"{100 * x:.0f} %" if pct else f"{x:.2f}"


def scorecard_text(rows: list[Score]) -> str:
    head = f"{'role':<12} {'nutrient':<12} {'arms':>4} {'points':>6} {'GMFE':>6} {'<=1.25x':>8} {'in 90% PI':>9}"
    lines = [head, "-" * len(head)]
    for s in rows:
        lines.append(f"{s.role:<12} {s.nutrient:<12} {s.arms:>4} {s.points:>6} {_fmt(s.gmfe):>6} "
                     f"{_fmt(s.within_1_25, True):>8} {_fmt(s.pi_coverage, True):>9}")
    return "\n".join(lines)
