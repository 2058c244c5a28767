"""Property tests: for any valid profile the planner returns a plan or a clear refusal, never
crashes, and never proposes a regimen above a danger threshold without a danger warning."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vitasim
from vitasim.errors import VitasimInputError
from vitasim.planner import check, plan

SUPPLEMENTS = ["vitamin D3", "D2", "cholecalciferol"]
CONDITIONS = ["sarcoidosis", "kidney stones", "hypercalcaemia", "primary hyperparathyroidism", "made-up illness"]
MEDICATIONS = ["hydrochlorothiazide", "digoxin", "orlistat", "aspirin"]

regimen_item = st.fixed_dictionaries({
    "supplement": st.sampled_from(SUPPLEMENTS),
    "dose": st.sampled_from(["400 IU", "1000 IU", "25 ug", "4000 IU", "10000 IU", "50000 IU", "-5 IU", "0 IU"]),
    "every": st.sampled_from(["1 day", "1 week", "4 week", "0 day", None]),
})

profiles = st.fixed_dictionaries({
    "person": st.fixed_dictionaries({
        "age": st.integers(min_value=10, max_value=125),
        "weight": st.sampled_from(["45 kg", "70 kg", "120 kg", "180 lb", "10 kg"]),
        "sex": st.sampled_from(["female", "male"]),
    }),
    "labs": st.fixed_dictionaries({"25ohd": st.sampled_from(["6 ng/mL", "15 ng/mL", "30 ng/mL", "70 ng/mL",
                                                             "40 nmol/L", "900 ng/mL"])}),
    "conditions": st.lists(st.sampled_from(CONDITIONS), max_size=2, unique=True),
    "medications": st.lists(st.sampled_from(MEDICATIONS), max_size=2, unique=True),
    "regimen": st.lists(regimen_item, max_size=2),
})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_plan_never_crashes_and_never_proposes_unsafe_doses(data):
    try:
        profile = vitasim.load_profile(data)
    except VitasimInputError as exc:          # a clear refusal, naming the field
        assert exc.field and str(exc)
        return
    for verb in (plan, check):
        typed = verb(profile, population=30, seed=2)
        result = typed.to_dict()
        json.dumps(result, allow_nan=False)          # the contract never holds NaN or infinity
        assert result["kind"] == verb.__name__
        codes = {w["code"]: w["severity"] for w in result["warnings"]}
        assert {f.code for f in typed.dangers} == {c for c, s in codes.items() if s == "danger"}
        if verb is plan:
            for outcome in typed.targets:
                if outcome.status == "met":   # met means: in target and safe in the judged population
                    assert outcome.fraction_in >= outcome.target.fraction_in
                    assert outcome.fraction_safe >= outcome.target.fraction_safe
                    assert outcome.solution is not None and outcome.solution.kept >= 1
            from vitasim.physiology.vitamin_d.rules import UL_IU_PER_DAY
            for item in result["regimen"]:
                if item["supplement"] in ("vitamin d3", "vitamin d2") and item.get("every") == "1 day":
                    iu = float(item["dose"].split()[0])
                    assert iu <= UL_IU_PER_DAY or codes.get("VITD_ABOVE_UL") == "danger"
        assert result["disclaimer"]
