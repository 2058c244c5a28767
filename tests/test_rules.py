"""Findings, merging, and the vitamin D safety rules (on hand-built contexts: no simulation)."""
import numpy as np
import pytest

from vitasim import load_profile, physiology
from vitasim.physiology.vitamin_d import rules as vd
from vitasim.population import typical_vector
from vitasim.refs import references
from vitasim.rules import SEVERITIES, Finding, merge, run_rules
from vitasim.solution import Solution
from vitasim.simulate import default_system

SYSTEM = default_system()


def context(regimen=(), labs=None, days=180.0, per_person=None):
    data = {"person": {"age": 72, "weight": "70 kg"}, "regimen": list(regimen)}
    if labs is not None:
        data["labs"] = labs
    profile = load_profile(data)
    _, defaulted = typical_vector(SYSTEM, profile)
    t = np.arange(int(days) + 1, dtype=float)
    if per_person is None:
        per_person = {"25ohd": np.full((1, t.size), 60.0)}
    return Solution.from_values(profile, SYSTEM, float(days), t, per_person, tuple(defaulted))


def codes(ctx):
    return {f.code: f.severity for f in run_rules(physiology.rule_sets(), ctx)}


def d3(dose, every=None, **kw):
    entry = {"supplement": "vitamin D3", "dose": dose, **kw}
    if every:
        entry["every"] = every
    return entry


# ---- Finding and merge ---------------------------------------------------------------------

def test_severities():
    assert SEVERITIES == ("info", "caution", "danger")


@pytest.mark.parametrize("severity", ["warning", "DANGER", "", None])
def test_finding_rejects_unknown_severity(severity):
    with pytest.raises(ValueError):
        Finding("X", severity, "m")


def test_finding_as_dict():
    f = Finding("X", "info", "msg", ("iom2011",))
    assert f.as_dict() == {"code": "X", "severity": "info", "message": "msg", "refs": ["iom2011"]}


def test_merge_keeps_most_severe_per_code():
    out = merge([Finding("A", "caution", "a1"), Finding("A", "danger", "a2"), Finding("A", "info", "a3"),
                 Finding("B", "info", "b1"), Finding("B", "caution", "b2")])
    assert [(f.code, f.severity, f.message) for f in out] == [("A", "danger", "a2"), ("B", "caution", "b2")]


def test_merge_never_downgrades_danger():
    out = merge([Finding("A", "danger", "first"), Finding("A", "caution", "later"), Finding("A", "info", "x")])
    assert len(out) == 1 and out[0].severity == "danger" and out[0].message == "first"


def test_merge_keeps_first_of_equal_severity_and_sorts():
    out = merge([Finding("Z", "info", "z"), Finding("C", "caution", "c1"), Finding("C", "caution", "c2"),
                 Finding("M", "danger", "m"), Finding("A", "info", "a")])
    assert [f.code for f in out] == ["M", "C", "A", "Z"]
    assert out[1].message == "c1"


def test_merge_empty():
    assert merge([]) == []


def test_run_rules_merges():
    ctx = context()
    out = run_rules([lambda c: [Finding("A", "info", "x")], lambda c: [Finding("A", "danger", "y")]], ctx)
    assert [(f.code, f.severity) for f in out] == [("A", "danger")]


def test_context_population():
    ctx = context(per_person={"25ohd": np.zeros((7, 3))})
    assert ctx.population == 7
    assert context(per_person={}).population == 1


def test_vitamin_d_rules_registered():
    assert set(vd.RULES) <= set(physiology.rule_sets())


# ---- vitamin D rules -----------------------------------------------------------------------

def test_5000_iu_daily_above_ul():
    found = codes(context([d3("5000 IU", "1 day")], labs={"25ohd": "20 ng/mL"}))
    assert found.get("VITD_ABOVE_UL") == "danger"
    f = vd.upper_limit(context([d3("5000 IU", "1 day")]))[0]
    assert "5,000 IU/day" in f.message
    assert f.refs == ("iom2011",)


def test_50000_iu_weekly_above_ul():
    found = codes(context([d3("50000 IU", "1 week")], labs={"25ohd": "20 ng/mL"}))
    assert found.get("VITD_ABOVE_UL") == "danger"
    f = vd.upper_limit(context([d3("50000 IU", "1 week")]))[0]
    assert "7,140 IU/day" in f.message  # 4 doses in any 28 days = 7143 IU/day, quoted to 3 significant figures


def test_2000_iu_daily_is_fine():
    found = codes(context([d3("2000 IU", "1 day")], labs={"25ohd": "20 ng/mL"}))
    assert "VITD_ABOVE_UL" not in found
    assert found == {}


def test_4000_iu_daily_is_exactly_at_ul():
    assert vd.upper_limit(context([d3("4000 IU", "1 day")])) == []
    assert vd.upper_limit(context([d3("4001 IU", "1 day")]))[0].severity == "danger"


def test_100000_iu_every_4_weeks_is_below_ul():
    ctx = context([d3("100000 IU", "4 week")], labs={"25ohd": "20 ng/mL"})
    assert vd.upper_limit(ctx) == []          # 3571 IU/day on average
    assert "VITD_ABOVE_UL" not in codes(ctx)


def test_two_items_add_up():
    ctx = context([d3("2000 IU", "1 day"), {"supplement": "D2", "dose": "2500 IU", "every": "1 day"}])
    assert [f.code for f in vd.upper_limit(ctx)] == ["VITD_ABOVE_UL"]


def test_loading_course_judged_over_28_days_even_if_it_stops():
    # 50 000 IU weekly for 8 weeks within a 1-year horizon
    ctx = context([d3("50000 IU", "1 week", stop="8 week")], days=365)
    assert vd.upper_limit(ctx)[0].severity == "danger"


def test_above_ul_with_short_horizon():
    """A daily 5000 IU regimen simulated for a week is still judged over a full 28-day window."""
    assert [f.code for f in vd.upper_limit(context([d3("5000 IU", "1 day")], days=7))] == ["VITD_ABOVE_UL"]


def test_large_bolus():
    ctx = context([d3("300000 IU")], labs={"25ohd": "20 ng/mL"})
    found = codes(ctx)
    assert found.get("VITD_LARGE_BOLUS") == "caution"
    assert found.get("VITD_ABOVE_UL") == "danger"   # 300 000 / 28 = 10 714 IU/day
    f = vd.large_bolus(ctx)[0]
    assert "300,000 IU" in f.message
    assert set(f.refs) == {"sanders2010", "demay2024"}


def test_no_large_bolus_below_threshold():
    assert vd.large_bolus(context([d3("299999 IU")])) == []
    assert vd.large_bolus(context([d3("100000 IU", "4 week")])) == []
    assert vd.large_bolus(context()) == []


def test_baseline_assumed_when_no_lab():
    ctx = context([d3("1000 IU", "1 day")])
    assert "baseline_25ohd" in ctx.defaulted
    assert codes(ctx) == {"VITD_BASELINE_ASSUMED": "info"}


def test_no_baseline_finding_with_lab():
    ctx = context([d3("1000 IU", "1 day")], labs={"25ohd": "50 nmol/L"})
    assert "baseline_25ohd" not in ctx.defaulted
    assert vd.baseline_assumed(ctx) == []


def test_high_25ohd_typical_person_is_danger():
    ctx = context(labs={"25ohd": "20 ng/mL"}, per_person={"25ohd": np.array([[50.0, 260.0, 240.0]])})
    assert [(f.code, f.severity) for f in vd.high_25ohd(ctx)] == [("VITD_25OHD_HIGH", "danger")]


def test_high_25ohd_tail_of_population_is_caution():
    values = np.full((100, 3), 100.0)
    values[:6, 1] = 300.0      # 6 % of people exceed 250 nmol/L
    ctx = context(labs={"25ohd": "20 ng/mL"}, per_person={"25ohd": values})
    assert [(f.code, f.severity) for f in vd.high_25ohd(ctx)] == [("VITD_25OHD_HIGH", "caution")]
    values[:6, 1] = 100.0
    values[:5, 1] = 300.0      # exactly 5 %: not flagged
    assert vd.high_25ohd(ctx) == []


def test_high_25ohd_not_flagged_at_threshold_or_without_output():
    ctx = context(per_person={"25ohd": np.full((1, 3), 250.0)})
    assert vd.high_25ohd(ctx) == []
    assert vd.high_25ohd(context(per_person={})) == []


def test_all_finding_refs_are_known():
    refs = references()
    ctx = context([d3("300000 IU"), d3("50000 IU", "1 week")],
                  per_person={"25ohd": np.full((1, 3), 400.0)})
    found = run_rules(physiology.rule_sets(), ctx)
    assert {f.code for f in found} == {"VITD_ABOVE_UL", "VITD_LARGE_BOLUS", "VITD_25OHD_HIGH",
                                       "VITD_BASELINE_ASSUMED"}
    for f in found:
        assert f.refs and all(k in refs for k in f.refs), f.code
