"""When no shelf regimen meets the criterion, the planner proposes the best safe one (any nutrient).

The choice is tested on every target the modules declare with invented evaluations (no
simulation), and once end to end on the person of issue 14: a 70-year-old woman of 140 kg with a
25(OH)D of 6 ng/mL, whom 4000 IU/day (the upper limit) brings to 30 ng/mL in fewer than 90 % of
similar people.
"""
from __future__ import annotations

import pytest

from vitasim import physiology
from vitasim.planner.search import Evaluation, best_safe, candidate_items
from vitasim.rules import Finding

TARGETS = physiology.plan_parts().targets


def _ev(target, i, fraction_in, fraction_safe=1.0, danger=None):
    cand = target.candidates[i]
    findings = (Finding(danger, "danger", "x"),) if danger else ()
    return Evaluation(cand, candidate_items(cand), fraction_in, fraction_safe, (1, 1, 1), (1, 1, 1), findings, None)


@pytest.mark.parametrize("target", TARGETS, ids=[t.code for t in TARGETS])
def test_best_safe_is_the_safe_candidate_reaching_most_people(target):
    n = len(target.candidates)
    assert n >= 3
    tried = [_ev(target, i, 0.1 + 0.7 * i / n) for i in range(n - 1)]
    tried.append(_ev(target, n - 1, 0.89, danger="SOME_UPPER_LIMIT"))          # the strongest is unsafe
    best = best_safe(tried, target)
    assert best is tried[-2]
    assert best_safe(tried, target, frozenset({"SOME_UPPER_LIMIT"})) is tried[-1]   # a danger it cannot cure
    unsafe_band = [_ev(target, i, 0.8, fraction_safe=0.5) for i in range(n)]
    assert best_safe(unsafe_band, target) is None
    tie = [_ev(target, 1, 0.6), _ev(target, 2, 0.6)]
    assert best_safe(tie, target) is tie[0]                                     # the gentler of equals


@pytest.mark.parametrize("target", TARGETS, ids=[t.code for t in TARGETS])
def test_nothing_is_proposed_when_no_supplement_does_as_well(target):
    nothing = _ev(target, 0, 0.5)
    assert not nothing.items
    assert best_safe([nothing, _ev(target, 1, 0.5)], target) is None


@pytest.mark.parametrize("target", TARGETS, ids=[t.code for t in TARGETS])
def test_each_target_says_what_a_clinician_could_add_and_when_to_retest(target):
    import vitasim
    from vitasim.refs import references
    p = vitasim.load_profile({"person": {"age": 70, "sex": "female", "weight": "140 kg"}, "labs": {"25ohd": "6 ng/mL"}})
    text, refs = target.clinician(p)
    assert text and set(refs) <= set(references())
    assert target.retest.startswith("Re-test") and target.nutrient


@pytest.mark.slow
def test_heavy_severely_deficient_person_gets_the_best_safe_vitamin_d():
    import vitasim
    result = vitasim.plan({"person": {"age": 70, "sex": "female", "weight": "140 kg"}, "labs": {"25ohd": "6 ng/mL"}},
                          population=60, seed=0)
    (vitd,) = [t for t in result.targets if t.target.code == "VITD_TARGET_OLDER"]
    assert vitd.status == "best safe regimen" and vitd.fraction_in < vitd.target.fraction_in
    assert vitd.fraction_safe >= vitd.target.fraction_safe and vitd.label == "vitamin D3 4000 IU daily"
    view = result.to_dict()
    assert {"supplement": "vitamin d3", "dose": "4000 IU", "every": "1 day"}.items() <= view["regimen"][-1].items()
    assert "VITD_ABOVE_UL" not in {w["code"] for w in view["warnings"]}
    (why,) = [e["message"] for e in view["explanations"] if e["target"] == "VITD_TARGET_OLDER"]
    assert f"{vitd.fraction_in:.0%} of 60 similar virtual people reach 30 ng/mL" in why
    assert "7 capsules of 50,000 IU" in why and "Re-test 25(OH)D" in why
    assert any(line.startswith("Vitamin D: vitamin D3 4000 IU daily") for line in view["summary"])
    assert any("loading course (7 x 50,000 IU)" in line for line in view["summary"])
