"""Trial design: simulated power against the closed-form two-sample calculation."""
import numpy as np
import pytest
from scipy import stats

from vitasim.errors import VitasimInputError
from vitasim.trials.design import closed_form_n, closed_form_power, compare, parse_arm_spec


def test_closed_form_power_and_n_agree_with_textbook_numbers():
    # delta = 0.5 SD, alpha 0.05, 80 % power: n = 2 (1.96 + 0.8416)^2 / 0.25 = 62.8 -> 63 per arm
    assert closed_form_n(0.5, 1.0, 0.05) == 63
    assert closed_form_power(0.5, 1.0, 63, 0.05) == pytest.approx(0.80, abs=0.01)
    assert closed_form_power(0.0, 1.0, 50, 0.05) == pytest.approx(0.05, abs=1e-9)
    assert closed_form_n(0.0, 1.0, 0.05) is None


def test_simulated_power_matches_closed_form_on_normal_data():
    rng = np.random.default_rng(3)
    reps, n, delta, sd = 2000, 40, 0.6, 1.0
    ref = rng.normal(0.0, sd, (reps, n))
    arm = rng.normal(delta, sd, (reps, n))
    (c,) = compare([ref, arm], ["placebo", "active"], 0.05)
    expected = closed_form_power(delta, sd, n, 0.05)
    assert c.power == pytest.approx(expected, abs=0.035)          # Monte Carlo SE ~0.01
    assert c.difference == pytest.approx(delta, abs=0.02)
    assert c.spread == pytest.approx(sd * np.sqrt(2 / n), rel=0.08)
    # the t-test used is Welch's: same p as scipy on one replicate
    p = stats.ttest_ind(arm[0], ref[0], equal_var=False).pvalue
    assert (p < 0.05) == bool(np.mean([p < 0.05]))


def test_arm_specs():
    assert parse_arm_spec("placebo", 0) == []
    assert parse_arm_spec("vitamin D3 2000 IU every 1 day; calcium 500 mg every 1 day", 1) == [
        {"supplement": "vitamin D3", "dose": "2000 IU", "every": "1 day"},
        {"supplement": "calcium", "dose": "500 mg", "every": "1 day"}]
    assert parse_arm_spec("vitamin D3 100000 IU", 2) == [{"supplement": "vitamin D3", "dose": "100000 IU"}]
    with pytest.raises(VitasimInputError, match=r"--arm\[3\]"):
        parse_arm_spec("lots of sunshine", 3)


@pytest.mark.slow
def test_design_of_a_vitamin_d_trial_end_to_end(capsys):
    from vitasim.cli import main
    from vitasim.trials.design import design
    d = design(["placebo", "vitamin D3 400 IU every 1 day"], n=8, days=60, endpoint="25ohd", replicates=150,
               labs={"25ohd": "40 nmol/L"})
    (c,) = d.comparisons
    assert c.difference > 0 and c.spread > 0 and c.person_sd > 0
    # simulated power agrees with the normal approximation at the simulated difference and SD
    assert c.power == pytest.approx(c.power_closed_form, abs=0.15)
    assert c.n_for_80 == closed_form_n(c.difference, c.person_sd, 0.05)
    code = main(["trial", "design", "--arm", "placebo", "--arm", "vitamin D3 400 IU every 1 day", "--n", "8",
                 "--days", "60", "--endpoint", "25ohd", "--replicates", "50", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0 and '"n_for_80"' in out
