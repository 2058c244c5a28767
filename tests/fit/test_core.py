"""fit(profile): estimates with intervals, labs against the fit, honesty about what it knows."""
from __future__ import annotations

import numpy as np
import pytest

from fit_profiles import with_labs
from vitasim.errors import VitasimInputError
from vitasim.fit.core import MISFIT_Z, fit
from vitasim.fit.model import build
from vitasim.api import load_profile


def test_low_responder_is_learnt_with_intervals(three_labs):
    res = fit(three_labs)
    assert res.converged
    names = [e.name for e in res.estimates]
    assert names == ["vmax_ref", "cl25_ref"]          # the vitamin D parameters that vary between people
    for e in res.estimates:
        assert e.low < e.value < e.high
        assert 0.0 < e.shrinkage < 1.0
    # labs well below the population's prediction: the individual prediction moves towards them
    for lab in res.labs:
        assert lab.measured < lab.individual < lab.population
        assert abs(lab.z_individual) < abs(lab.z_population) + 1.0
    pred = res.predictions[0]
    assert np.all(pred.pi_low <= pred.individual) and np.all(pred.individual <= pred.pi_high)
    assert np.all(pred.ci_high - pred.ci_low <= pred.pi_high - pred.pi_low + 1e-9)
    assert [u[2] for u in res.not_used] == ["the start state (baseline)"]


def test_the_mode_is_a_minimum_of_the_posterior(three_labs):
    from vitasim.fit.posterior import Evaluator
    res = fit(three_labs)
    ev = Evaluator(res.model)
    f0 = ev.objective(res.eta[None, :])[0]
    rng = np.random.default_rng(0)
    around = res.eta + 0.05 * rng.standard_normal((20, res.eta.size))
    assert np.all(ev.objective(around) >= f0 - 1e-9)


def test_one_lab_says_the_estimate_leans_on_the_population():
    res = fit(with_labs((30, 84)))
    assert any(n.startswith("One lab after day 0") for n in res.notes)
    assert all(e.shrinkage > 0.5 for e in res.estimates)


def test_a_lab_out_of_reach_is_flagged_not_fitted(three_labs):
    normal = fit(three_labs)
    odd = fit(with_labs((22, 84), (27, 168), (110, 200)))
    flagged = [f for f in odd.labs if not f.used]
    assert len(flagged) == 1 and flagged[0].day == 200
    assert flagged[0].z_population > MISFIT_Z
    assert "non-adherence" in flagged[0].flag
    assert any("left out of the fit" in n for n in odd.notes)
    # the fit is not bent towards it: the same estimates as without it
    np.testing.assert_allclose(odd.eta, normal.eta, atol=0.02)


def test_regimen_not_taken_is_not_simulated():
    taken = load_profile(with_labs((22, 84)))
    skipped = load_profile(with_labs((22, 84), extra={"regimen": [{**with_labs()["regimen"][0], "taken": False}]}))
    assert skipped.regimen[0].taken is False and skipped.regimen[0].times(1000.0) == []
    assert skipped.regimen[0].as_plain()["taken"] is False
    m_taken, _ = build(taken)
    m_skipped, _ = build(skipped)
    assert m_taken.ev_t.size > 0 and m_skipped.ev_t.size == 0


def test_nothing_to_learn_names_the_field():
    with pytest.raises(VitasimInputError) as info:
        fit({**with_labs(), "labs": {"25ohd": "14 ng/mL"}})
    assert info.value.field == "labs"
    with pytest.raises(VitasimInputError) as info:
        fit({"start": "2026-01-10", "person": {"age": 70}, "medications": ["warfarin"],
             "labs": {"inr": [{"value": 2.1, "day": 30}]}})
    assert info.value.field == "labs" and "no between-person variability" in info.value.message


def test_json_contract_round_numbers(three_labs):
    out = fit(three_labs).to_dict()
    assert out["contract"] == "vitasim.fit/1"
    assert {p["name"] for p in out["parameters"]} == {"vmax_ref", "cl25_ref"}
    assert all(set(p) >= {"population", "individual", "low_90", "high_90", "shrinkage", "source"}
               for p in out["parameters"])
    assert out["labs"][0]["used"] is True
    import json
    json.dumps(out)
