"""CA_HYPERCALCAEMIA also fires on a measured serum calcium (the profile's baseline lab)."""
from types import SimpleNamespace

import numpy as np
import pytest

import vitasim
from vitasim.physiology.calcium_bone.rules import hypercalcaemia


def context(labs, predicted=None):
    """What the rule may read: .profile, .system, .per_person, .t_days, .days, .defaulted."""
    per_person = {} if predicted is None else {"serum_calcium": np.array([[2.4, predicted]])}
    return SimpleNamespace(profile=vitasim.load_profile({"labs": labs}), system=None, per_person=per_person,
                           t_days=np.arange(2.0), days=2.0, defaulted=())


@pytest.mark.parametrize("written, fires", [("2.85 mmol/L", True), ("11.4 mg/dL", True), ("2.60 mmol/L", False),
                                            ("2.41 mmol/L", False)])
def test_CA_HYPERCALCAEMIA_measured(written, fires):
    found = hypercalcaemia(context({"serum calcium": written}))
    assert bool(found) == fires
    if fires:
        assert found[0].code == "CA_HYPERCALCAEMIA" and found[0].severity == "danger"
        assert "measured serum calcium" in found[0].message and "normal_calcium_range" in found[0].refs


def test_measured_and_predicted_in_one_finding():
    found = hypercalcaemia(context({"calcium": "2.85 mmol/L"}, predicted=2.9))
    assert len(found) == 1 and "measured" in found[0].message and "predicted" in found[0].message


def test_only_the_baseline_counts():
    # a high value after day 0 is history, not the starting state
    labs = {"calcium": [{"value": "2.4 mmol/L", "day": -10}, {"value": "2.9 mmol/L", "day": 30}]}
    assert hypercalcaemia(context(labs)) == []


def test_measured_calcium_reaches_the_rules_through_simulate():
    res = vitasim.simulate({"person": {"age": 70}, "labs": {"calcium": "2.85 mmol/L"}}, days=3)
    codes = {f.code: f.severity for f in res.findings}
    assert codes.get("CA_HYPERCALCAEMIA") == "danger"
