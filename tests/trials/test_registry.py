"""The registry of published arms: every record validates; counts per nutrient and role are as reached."""
from collections import Counter

import pytest

from vitasim.errors import VitasimInputError
from vitasim.refs import references
from vitasim.trials.registry import NUTRIENTS, get_arm, parse_arm, registry

# The counts the registry holds today (issue 10's targets are higher: see docs/trials.md).
COUNTS = {"vitamin_d": 42, "b12": 11, "vitamin_k": 12, "bone_drug": 15, "calcium_pth": 8, "magnesium": 6}


def test_every_arm_validates_with_known_reference_role_and_source():
    arms = registry()
    refs = references()
    assert len({a.id for a in arms}) == len(arms)
    for a in arms:
        assert a.reference in refs, a.id
        assert a.role in ("calibration", "validation") and a.nutrient in NUTRIENTS
        assert a.found_in.strip() and a.population.n >= 1
        assert all(v.day <= a.horizon_days for e in a.endpoints for v in e.visits)


def test_counts_per_nutrient_are_those_reached():
    counts = Counter(a.nutrient for a in registry())
    assert {k: v for k, v in counts.items()} == COUNTS


def test_both_roles_present_for_vitamin_d_and_bone_drugs():
    roles = Counter((a.nutrient, a.role) for a in registry())
    for nut in ("vitamin_d", "bone_drug"):
        assert roles[(nut, "calibration")] >= 1 and roles[(nut, "validation")] >= 1


def _record(**change):
    raw = {"id": "x2020_arm", "reference": "ilahi2008", "found_in": "abstract", "role": "validation",
           "nutrient": "vitamin_d", "population": {"n": 10, "baseline": {"25ohd": {"mean": 20, "unit": "ng/mL"}}},
           "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"}], "duration_days": 30,
           "endpoints": [{"quantity": "25ohd", "unit": "ng/mL", "visits": [{"day": 30, "mean": 25, "sd": 5}]}]}
    raw.update(change)
    return raw


def test_a_good_record_parses():
    arm = parse_arm(_record())
    assert arm.baseline_of("25ohd").mean == 20


@pytest.mark.parametrize("change, field", [
    ({"reference": "nobody1999"}, "x2020_arm.reference"),
    ({"role": "training"}, "x2020_arm.role"),
    ({"endpoints": [{"quantity": "25ohd", "unit": "kg", "visits": [{"day": 30, "mean": 1}]}]}, "x2020_arm.endpoints[0].unit"),
    ({"endpoints": [{"quantity": "bogus", "unit": "ng/mL", "visits": [{"day": 30, "mean": 1}]}]}, "x2020_arm.endpoints[0].quantity"),
    ({"population": {"n": 10, "baseline": {"25ohd": {"mean": 20, "unit": "mmHg"}}}}, "x2020_arm.population.baseline.25ohd.unit"),
    ({"regimen": [{"supplement": "unobtainium", "dose": "1 mg"}]}, "x2020_arm.regimen[0].supplement"),
    ({"population": {"n": 0}}, "x2020_arm.population.n"),
])
def test_bad_records_name_the_field(change, field):
    with pytest.raises(VitasimInputError) as err:
        parse_arm(_record(**change))
    assert err.value.field == field


def test_a_ci_must_contain_its_mean():
    bad = _record(endpoints=[{"quantity": "25ohd", "unit": "ng/mL", "visits": [{"day": 30, "mean": 9, "ci": [10, 12]}]}])
    with pytest.raises(VitasimInputError, match="ci"):
        parse_arm(bad)


def test_unknown_arm_suggests_near_ids():
    with pytest.raises(VitasimInputError, match="ilahi2008_control"):
        get_arm("ilahi2008_contro")
