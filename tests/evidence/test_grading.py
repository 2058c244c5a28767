"""The grading algorithm pinned on small invented bodies of evidence (records built here, not shipped)."""
from __future__ import annotations

import pytest

from vitasim.evidence.grading import Context, Grade, grade, judge
from vitasim.evidence.records import Counts, Effect, Record


def make(design="rct", bias="low", effect=None, counts=None, reported=None, forms=("cholecalciferol",),
         dose_class="supplement", tags=(), rid="invented") -> Record:
    if effect is None and counts is None and reported is None:
        effect = Effect("mean difference", 5.0, (2.0, 8.0), "difference", "higher", "nmol/L")
    return Record(rid, ("x",), design, 100, "invented adults", tuple(tags), "invented", tuple(forms), dose_class,
                  "placebo", "invented outcome", effect, counts, reported, "", "", bias, "invented notes", ("k",))


def test_clean_trial_is_high():
    g = grade(make())
    assert (g.certainty, g.direction) == ("high", "benefit")


def test_observational_starts_low_and_case_series_very_low():
    assert grade(make(design="cohort")).certainty == "low"
    assert grade(make(design="case_series")).certainty == "very low"


def test_bias_and_a_ci_through_no_effect_rate_down_two():
    g = grade(make(bias="serious", effect=Effect("md", 1.0, (-1.0, 3.0), "difference", "higher", "u")))
    assert g.certainty == "low" and g.direction == "none"
    assert any("risk of bias" in r for r in g.reasons) and any("imprecision" in r for r in g.reasons)


def test_very_serious_bias_rates_down_two():
    assert grade(make(bias="very_serious")).certainty == "low"


def test_a_ratio_ci_spanning_appreciable_benefit_and_harm_rates_down_two():
    g = grade(make(effect=Effect("RR", 0.9, (0.5, 1.6), "ratio", "lower", "1")))
    assert g.certainty == "low"


def test_no_ci_reported_rates_down_one():
    g = grade(make(reported="benefit"))
    assert g.certainty == "moderate" and "cannot be judged" in g.reasons[-1]


def test_harm_direction_from_a_ratio():
    assert grade(make(effect=Effect("OR", 1.65, (1.58, 1.73), "ratio", "lower", "1"))).direction == "harm"


def test_large_effect_upgrades_only_clean_observational_evidence():
    big = Effect("RR", 0.3, (0.2, 0.45), "ratio", "lower", "1")
    huge = Effect("RR", 0.15, (0.1, 0.19), "ratio", "lower", "1")
    assert grade(make(design="cohort", effect=big)).certainty == "moderate"
    assert grade(make(design="cohort", effect=huge)).certainty == "high"
    assert grade(make(design="cohort", effect=big, bias="serious")).certainty == "very low"
    assert grade(make(design="rct", effect=huge, bias="serious")).certainty == "moderate"


def test_indirect_form_dose_and_population_at_most_two_levels():
    rec = make(forms=("alfacalcidol", "mk4"), dose_class="pharmacological", tags=("osteoporosis",))
    assert grade(rec).certainty == "high"
    claim = Context(forms=frozenset({"cholecalciferol"}))
    g = grade(rec, claim)
    assert g.certainty == "moderate" and "cholecalciferol" in g.reasons[-1]
    claim = Context(forms=frozenset({"cholecalciferol"}), dose_class="supplement", population=frozenset({"ckd"}))
    assert grade(rec, claim).certainty == "low"


def test_generic_form_names_are_covered_by_specific_ones():
    rec = make(forms=("mk7",))
    assert grade(rec, Context(forms=frozenset({"menaquinone"}))).certainty == "high"
    assert grade(rec, Context(forms=frozenset({"mk4"}))).certainty == "moderate"


def test_never_below_very_low():
    rec = make(design="case_series", bias="very_serious", reported="benefit")
    assert grade(rec, Context(forms=frozenset({"mk4"}), dose_class="pharmacological")).certainty == "very low"


def test_counts_give_direction_and_recomputation():
    rec = make(design="nonrandomised", effect=None, counts=Counts((33, 36), (26, 35), ("91.67", "74.29"), "0.044"))
    g = grade(rec)
    assert g.direction == "none" and g.certainty == "very low"
    assert g.recomputed is not None and not g.recomputed.consistent
    clear = make(effect=None, counts=Counts((40, 50), (20, 50), None, None))
    assert grade(clear).direction == "benefit" and grade(clear).certainty == "high"


@pytest.mark.parametrize("levels_dirs, asserts, verdict, certainty", [
    ([(4, "benefit")], "benefit", "supported", "high"),
    ([(2, "benefit")], "benefit", "partly supported", "low"),
    ([(1, "benefit")], "benefit", "unsupported", "very low"),
    ([(3, "none")], "benefit", "contradicted", "moderate"),
    ([(2, "none")], "benefit", "unsupported", "low"),
    ([(4, "benefit"), (4, "none")], "benefit", "partly supported", "moderate"),
    ([(4, "benefit"), (2, "none")], "benefit", "supported", "moderate"),
    ([(4, "benefit"), (1, "none")], "benefit", "supported", "high"),
    ([(3, "false"), (1, "true")], "true", "contradicted", "moderate"),
    ([(2, "benefit"), (2, "none")], "benefit", "unsupported", "very low"),
])
def test_verdicts(levels_dirs, asserts, verdict, certainty):
    grades = [Grade(make(rid=f"r{i}"), direction, level) for i, (level, direction) in enumerate(levels_dirs)]
    v = judge(asserts, grades)
    assert (v.verdict, v.certainty) == (verdict, certainty), v.reasons


def test_judge_needs_evidence():
    with pytest.raises(ValueError):
        judge("benefit", [])


def test_inconsistency_is_a_printed_reason():
    a = grade(make(effect=Effect("md", 5.0, (2.0, 8.0), "difference", "higher", "u")))
    b = grade(make(design="cohort", effect=Effect("md", -5.0, (-8.0, -2.0), "difference", "higher", "u")))
    v = judge("benefit", [a, b])
    assert any(r.startswith("inconsistency") for r in v.reasons)
