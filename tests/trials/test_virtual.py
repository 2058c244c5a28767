"""Virtual trials of registry arms on the population path (small R)."""
import numpy as np
import pytest

from vitasim.errors import VitasimInputError
from vitasim.simulate import system_for
from vitasim.trials.people import draw_covariates
from vitasim.trials.registry import get_arm
from vitasim.trials.virtual import run_arm

pytestmark = pytest.mark.slow


def test_b12_arm_replicates_are_reproducible_and_compared_per_visit():
    arm = get_arm("kuzminski1998_oral_2000")
    a = run_arm(arm, replicates=10, seed=1)
    b = run_arm(arm, replicates=10, seed=1)
    assert a.visits == b.visits and a.n == 18 and a.replicates == 10
    v = {x.quantity: x for x in a.visits}
    assert v["b12_serum"].pi_lo <= v["b12_serum"].predicted <= v["b12_serum"].pi_hi
    assert v["b12_serum"].observed_change == pytest.approx(1005 - 93)
    # calibrated on this arm: the oral arm's serum B12 within 30 %
    assert v["b12_serum"].predicted == pytest.approx(1005, rel=0.3)


def test_vitamin_d_arm_with_baseline_spread_gives_a_prediction_interval():
    arm = get_arm("ilahi2008_d3_100000iu_single")
    r = run_arm(arm, replicates=40, seed=0)
    (v,) = r.visits
    assert v.kind == "peak" and v.unit == "ng/mL"
    # spread across replicates of a 30-person mean: about the between-person SD / sqrt(30)
    assert 0.5 < v.pi_hi - v.pi_lo < 15
    assert v.predicted > 27.1                       # a single dose raises the mean individual peak


def test_drawn_covariates_match_the_reported_spread():
    arm = get_arm("ilahi2008_d3_100000iu_single")
    system = system_for(["25ohd"])
    cov = draw_covariates(system, arm, 20000, np.random.default_rng(0))
    base = cov["baseline_25ohd"] / 2.4962           # nmol/L -> ng/mL (MW 400.64)
    assert base.mean() == pytest.approx(27.1, rel=0.02) and base.std() == pytest.approx(7.7, rel=0.05)


def test_replicates_must_be_sensible():
    with pytest.raises(VitasimInputError, match="replicates"):
        run_arm(get_arm("ilahi2008_control"), replicates=1)


def test_a_pool_of_people_gives_about_the_same_interval_as_separate_trials():
    arm = get_arm("ilahi2008_d3_100000iu_single")
    exact = run_arm(arm, replicates=60, seed=3)
    pooled = run_arm(arm, replicates=60, seed=3, max_people=600)
    assert not exact.pooled and exact.people == 60 * 30
    assert pooled.pooled and pooled.people == 600
    (e,), (p,) = exact.visits, pooled.visits
    assert p.predicted == pytest.approx(e.predicted, rel=0.05)
    assert p.pi_hi - p.pi_lo == pytest.approx(e.pi_hi - e.pi_lo, rel=0.5)
