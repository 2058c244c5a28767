"""Every rule's message names only what it is about (table-driven over all rules).

The rules run on one profile that holds a medicine of every class, every supplement and many
conditions, with predicted trajectories that trigger the prediction rules.  A message may name
the person's medicines only when they belong to the class the rule is about (VITK_VKA_INTERACTION
names warfarin, never omeprazole), and supplements of other nutrients never appear.
"""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

import vitasim
from vitasim import names, physiology

MEDICINES = ["warfarin", "apixaban", "omeprazole", "famotidine", "metformin", "hydrochlorothiazide", "digoxin",
             "orlistat", "furosemide", "doxycycline", "levothyroxine"]
CONDITIONS = ["sarcoidosis", "kidney stones", "pernicious anaemia", "atrophic gastritis", "peripheral neuropathy",
              "leg cramps", "ckd stage 4", "hypercalcaemia"]
REGIMEN = [{"supplement": "vitamin D3", "dose": "60000 IU", "every": "1 day"},
           {"supplement": "vitamin D2", "dose": "500000 IU"},
           {"supplement": "MK-7", "dose": "100 ug", "every": "1 day", "stop": "30 day"},
           {"supplement": "cyanocobalamin", "dose": "100 ug", "every": "1 day"},
           {"supplement": "magnesium oxide", "dose": "500 mg", "every": "1 day"},
           {"supplement": "calcium", "dose": "2500 mg", "every": "1 day"}]

# code -> medication classes whose members the message may name
MAY_NAME = {"VITK_VKA_INTERACTION": {"vitamin_k_antagonist"}, "VITK_INR_OUT_OF_RANGE": set(),
            "VITK_DOAC": {"doac"}, "VITD_THIAZIDE": {"thiazide"}, "VITD_DIGOXIN": {"digoxin"},
            "VITD_ABSORPTION_LOWERED": {"vitd_absorption_lowering"}, "MG_SEPARATE_DOSING": {"mg_separate_dosing"},
            "B12_ABSORPTION_RISK": {"ppi", "h2_blocker", "metformin"},
            "MG_PPI_DIURETIC": {"ppi", "loop_diuretic", "thiazide", "digoxin"}}
# code prefix -> supplement words the message may contain (others' supplements are forbidden)
SUPPLEMENT_WORDS = {"MK-7": "VITK_", "cyanocobalamin": "B12_", "magnesium oxide": "MG_"}
# condition word -> codes that may name it
CONDITION_WORDS = {"sarcoid": {"VITD_CONTRAINDICATED"}, "cramp": {"MG_CRAMPS_EVIDENCE"},
                   "neuropathy": {"B12_NEUROLOGICAL_SYMPTOMS"}, "pernicious": {"B12_PERNICIOUS_ANAEMIA"},
                   "gastritis": {"B12_ABSORPTION_RISK"}}


@pytest.fixture(scope="module")
def context():
    profile = vitasim.load_profile({"person": {"age": 70, "sex": "female", "weight": "70 kg", "egfr": 25},
                                    "medications": MEDICINES, "conditions": CONDITIONS, "regimen": REGIMEN,
                                    "labs": {"serum_calcium": "2.7 mmol/L"}})
    t = np.linspace(0, 60, 11)
    rising = np.tile(np.linspace(2.5, 5.0, 11), (6, 1))
    per_person = {"inr": rising, "25ohd": np.full((6, 11), 300.0), "mg_serum": np.full((6, 11), 2.5),
                  "b12_deficiency_probability": np.full((6, 11), 80.0), "serum_calcium": np.full((6, 11), 2.7)}
    return SimpleNamespace(profile=profile, per_person=per_person, t_days=t, days=60.0, population=6,
                           defaulted=("baseline_25ohd", "k_inr0", "baseline_b12", "baseline_holotc", "baseline_mma",
                                      "mg_serum0"))


def _findings(context):
    return [(rule, f) for rule in physiology.rule_sets() for f in rule(context)]


def test_every_rule_fires_on_the_kitchen_sink_profile(context):
    fired = {rule for rule, _ in _findings(context)}
    silent = [r.__module__ + "." + r.__name__ for r in physiology.rule_sets() if r not in fired]
    assert not silent, f"rules not exercised by the audit profile: {silent}"


def _medicine_classes() -> dict[str, set[str]]:
    resolver = names.medications()
    return {m: set(resolver.get(m).classes) for m in MEDICINES}


@pytest.mark.parametrize("rule", physiology.rule_sets(), ids=lambda r: f"{r.__module__.split('.')[-2]}.{r.__name__}")
def test_message_names_only_what_it_is_about(rule, context):
    classes = _medicine_classes()
    for f in rule(context):
        text = f.message + " " + f.action
        allowed = MAY_NAME.get(f.code, set())
        for med, its in classes.items():
            if med in text.lower():
                assert its & allowed, f"{f.code} names {med} ({sorted(its)}), not in its class: {text}"
        for word, prefix in SUPPLEMENT_WORDS.items():
            if word.lower() in text.lower():
                assert f.code.startswith(prefix), f"{f.code} names the supplement {word}: {text}"
        for word, codes in CONDITION_WORDS.items():
            if word in text.lower():
                assert f.code in codes, f"{f.code} names the condition '{word}': {text}"


def test_vka_message_names_only_the_antagonist(context):
    from vitasim.physiology.vitamin_k.rules import vka_interaction
    (f,) = vka_interaction(context)
    assert "(warfarin)" in f.message and "omeprazole" not in f.message and "apixaban" not in f.message


MONITORING_MAY_NAME = {"VITD_CHECK_CALCIUM": {"thiazide", "digoxin"},
                       "CA_CITRATE_WITH_ACID_SUPPRESSANT": {"ppi", "h2_blocker"},
                       "VITK_KEEP_INTAKE_STEADY": set(), "VITK_CHECK_INR": set()}


@pytest.mark.parametrize("advise", physiology.plan_parts().monitoring,
                         ids=lambda f: f"{f.__module__.split('.')[-2]}.{f.__name__}")
def test_monitoring_advice_names_only_what_it_is_about(advise, context):
    classes = _medicine_classes()
    for a in advise(context.profile, context.profile.regimen):
        text = (a.message + " " + a.summary).lower()
        for med, its in classes.items():
            if med in text:
                assert its & MONITORING_MAY_NAME.get(a.code, set()), f"{a.code} names {med}: {a.message}"


def test_calcium_check_advice_names_the_persons_reason():
    from vitasim.physiology.vitamin_d.plan import monitoring
    p = vitasim.load_profile({"person": {"age": 70}, "medications": ["hydrochlorothiazide", "omeprazole"],
                              "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"}]})
    (a,) = [a for a in monitoring(p, p.regimen) if a.code == "VITD_CHECK_CALCIUM"]
    assert "(hydrochlorothiazide)" in a.message and "digoxin" not in a.message
