"""Table-driven tests of the vitamin K rules (named after their codes) and of input checking."""
from __future__ import annotations

import pytest

import vitasim
from vitasim.errors import VitasimInputError

MK7 = {"supplement": "MK-7", "dose": "180 ug", "every": "1 day"}


def _codes(profile: dict, days: float = 28) -> dict[str, str]:
    res = vitasim.simulate(profile, days=days, quantities=["inr"], output_every_days=1)
    return {f.code: f.severity for f in res.findings}


@pytest.mark.parametrize("profile, expected", [
    ({"medications": ["warfarin"], "labs": {"inr": 2.5}, "regimen": [MK7]}, "danger"),
    ({"medications": ["Sintrom"], "labs": {"inr": 2.5},
      "regimen": [{"supplement": "vitamin K1", "dose": "50 ug", "every": "1 day"}]}, "danger"),
    ({"medications": ["Marcoumar"], "labs": {"inr": 2.5}, "regimen": [{**MK7, "stop": "7 day"}]}, "danger"),
    ({"medications": ["warfarin"], "labs": {"inr": 2.5}}, None),
    ({"regimen": [MK7]}, None),
    ({"medications": ["Eliquis"], "regimen": [MK7]}, None),
])
def test_VITK_VKA_INTERACTION(profile, expected):
    assert _codes(profile).get("VITK_VKA_INTERACTION") == expected


def test_VITK_VKA_INTERACTION_mentions_stopping():
    res = vitasim.simulate({"medications": ["warfarin"], "labs": {"inr": 2.5},
                            "regimen": [{**MK7, "stop": "7 day"}]}, days=14, quantities=["inr"])
    msg = next(f.message for f in res.findings if f.code == "VITK_VKA_INTERACTION")
    assert "Stopping" in msg and "INR checked within days" in msg


@pytest.mark.parametrize("profile, expected", [
    ({"medications": ["warfarin"], "labs": {"inr": 2.6}, "regimen": [MK7]}, "danger"),        # INR falls < 2
    ({"medications": ["warfarin"], "labs": {"inr": 2.5}}, None),                              # stable
    ({"medications": ["warfarin"], "labs": {"inr": 2.9},
      "regimen": [{**MK7, "dose": "2 ug"}]}, None),                                            # small drop, stays >= 2
    ({"medications": ["warfarin"], "labs": {"inr": 1.2}, "regimen": [MK7]}, "danger"),        # already low, falls
    ({"regimen": [MK7]}, None),                                                                # no VKA
])
def test_VITK_INR_OUT_OF_RANGE(profile, expected):
    assert _codes(profile).get("VITK_INR_OUT_OF_RANGE") == expected


def test_VITK_INR_OUT_OF_RANGE_message_names_the_day():
    res = vitasim.simulate({"medications": ["warfarin"], "labs": {"inr": 2.6}, "regimen": [MK7]}, days=28,
                           quantities=["inr"])
    msg = next(f.message for f in res.findings if f.code == "VITK_INR_OUT_OF_RANGE")
    assert "below 2.0" in msg and "2.0-3.0" in msg


@pytest.mark.parametrize("profile, expected", [
    ({"medications": ["warfarin"]}, "info"),
    ({"medications": ["warfarin"], "labs": {"inr": 2.1}}, None),
    ({}, None),
])
def test_VITK_INR_ASSUMED(profile, expected):
    assert _codes(profile).get("VITK_INR_ASSUMED") == expected


@pytest.mark.parametrize("profile, expected", [({"regimen": [MK7]}, "info"), ({}, None),
                                               ({"regimen": [{"supplement": "D3", "dose": "1000 IU"}]}, None)])
def test_VITK_NO_UL(profile, expected):
    assert _codes(profile).get("VITK_NO_UL") == expected


@pytest.mark.parametrize("med, expected", [("Xarelto", "info"), ("dabigatran", "info"), ("Savaysa", "info"),
                                           ("Lixiana", "info"), ("apixaban", "info"), ("warfarin", None)])
def test_VITK_DOAC(med, expected):
    assert _codes({"medications": [med]}).get("VITK_DOAC") == expected


@pytest.mark.parametrize("name, key", [("vitamin K2", "mk7"), ("MK7", "mk7"), ("menaquinone-7", "mk7"),
                                       ("menatetrenone", "mk4"), ("MK-4", "mk4"), ("phytonadione", "vitamin_k1"),
                                       ("K1", "vitamin_k1"), ("phylloquinone", "vitamin_k1")])
def test_synonyms(name, key):
    p = vitasim.load_profile({"regimen": [{"supplement": name, "dose": "100 ug"}]})
    assert p.regimen[0].supplement.key == key


@pytest.mark.parametrize("med, cls", [("Coumadin", "vitamin_k_antagonist"), ("Jantoven", "vitamin_k_antagonist"),
                                      ("Marevan", "vitamin_k_antagonist"), ("Falithrom", "vitamin_k_antagonist"),
                                      ("Eliquis", "doac"), ("Pradaxa", "doac")])
def test_medications_are_recognised(med, cls):
    p = vitasim.load_profile({"medications": [med]})
    assert p.takes(cls) and not p.unknown_medications


@pytest.mark.parametrize("profile, field", [
    ({"regimen": [{"supplement": "MK-9", "dose": "100 ug"}]}, "regimen[0].supplement"),
    ({"regimen": [{"supplement": "MK-7", "dose": "100 ug", "route": "intramuscular"}]}, "regimen[0].route"),
    ({"regimen": [{"supplement": "MK-7", "dose": "100 IU"}]}, "regimen[0].dose"),
    ({"regimen": [{"supplement": "MK-7", "dose": "50 mg"}]}, "regimen[0].dose"),
    ({"labs": {"inr": 50}}, "labs.inr"),
    ({"labs": {"inr": "2.5 ng/mL"}}, "labs.inr"),
])
def test_bad_input_names_the_field(profile, field):
    with pytest.raises(VitasimInputError) as err:
        vitasim.load_profile(profile)
    assert err.value.field == field


def test_intravenous_k1_lands_in_plasma():
    p = vitasim.load_profile({"regimen": [{"supplement": "K1", "dose": "1 mg", "route": "intravenous"}]})
    assert p.regimen[0].route == "intravenous"
