"""The report of a plan shows the plan's own result: the same view as its JSON, and plots of the
very virtual populations the plan judged (no second simulation with other people)."""
from __future__ import annotations

import json

import numpy as np
import pytest

import vitasim
from vitasim.planner.results import PlanResult
from vitasim.report import contract, plan_html

PROFILE = {"person": {"age": 74, "sex": "female", "weight": "66 kg"}, "labs": {"25ohd": "14 ng/mL"},
           "regimen": [{"supplement": "vitamin D3", "dose": "400 IU", "every": "1 day"}]}


@pytest.fixture(scope="module")
def planned() -> PlanResult:
    return vitasim.plan(PROFILE, population=40, seed=4)


def test_plan_is_a_frozen_typed_result_with_the_solutions_it_judged(planned):
    assert isinstance(planned, PlanResult) and planned.kind == "plan"
    with pytest.raises(AttributeError):
        planned.kind = "check"                      # frozen
    judged = [t for t in planned.targets if t.evaluated]
    assert judged, "the vitamin D target is evaluated for this profile"
    for outcome in judged:
        sol = outcome.solution
        assert sol.population == 40 and sol.seed == 4
        values = sol.per_person[outcome.target.quantity]
        after = sol.t_days >= outcome.target.by_day
        reached = values[:, after].min(axis=1) >= outcome.target.low
        assert np.isclose(reached.mean(), outcome.fraction_in)      # the fraction comes from these people


def test_json_text_and_html_share_one_view(planned, capsys):
    view = planned.to_dict()
    assert view == contract.plan_view(planned)
    json.dumps(view, allow_nan=False)
    html = plan_html.render(planned, title="t")
    for w in view["warnings"]:
        assert w["code"] in html
    from vitasim.report import plan_text
    plan_text.show(planned, title="t")
    text = capsys.readouterr().out
    for t in view["targets"]:
        assert t["code"] in text


def test_the_report_plots_the_judged_population_without_simulating_again(planned, monkeypatch):
    import sys
    sim = sys.modules["vitasim.simulate"]      # the module (vitasim.simulate is the function)

    def refuse(*args, **kwargs):
        raise AssertionError("the report must not simulate a new population")
    monkeypatch.setattr(sim, "simulate", refuse)
    monkeypatch.setattr(sys.modules["vitasim.api"], "simulate", refuse)
    monkeypatch.setattr(sys.modules["vitasim.planner"], "simulate", refuse)
    html = plan_html.render(planned, title="vitasim plan")
    assert "<img" in html and "not a medical device" in html
