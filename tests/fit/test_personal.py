"""check/plan on the person's posterior: the answer changes when their labs say it should, and says why."""
from __future__ import annotations

import pytest

from fit_profiles import with_labs
from vitasim.planner import check
from vitasim.planner.personal import CODE


@pytest.mark.slow
def test_low_responder_check_differs_from_population(three_labs):
    personal = check(three_labs, population=100)
    population = check(three_labs, population=100, personal=False)
    target = "VITD_TARGET_OLDER"
    p = next(t for t in personal.targets if t.target.code == target)
    q = next(t for t in population.targets if t.target.code == target)
    assert p.fraction_in < q.fraction_in - 0.2        # labs well below the population's prediction
    notes = [e for e in personal.explanations if e.target == CODE]
    assert len(notes) == 1 and "posterior" in notes[0].message and "lowered" in notes[0].message
    assert not [e for e in population.explanations if e.target == CODE]


@pytest.mark.slow
def test_without_lab_history_the_plan_is_the_population_one():
    data = with_labs()
    assert [e.message for e in check(data, population=50).explanations] == \
        [e.message for e in check(data, population=50, personal=False).explanations]


@pytest.mark.slow
def test_low_responder_plan_asks_for_more_than_the_population_plan():
    from vitasim.planner import plan
    low = with_labs((18, 84), (20, 168))    # +4 and +6 ng/mL on 2000 IU/d: well under the population's rise
    personal = plan(low, population=100)
    population = plan(low, population=100, personal=False)
    per_day = lambda result: sum(it.daily_equivalent() for it in result.regimen if it.supplement.key == "vitamin_d3")
    assert per_day(personal) > per_day(population)
    assert any(e.target == CODE and "VITD_TARGET_OLDER" in e.message for e in personal.explanations)
