"""Profiles: validation with units, canonical values, and file reading."""
import json

import pytest

import vitasim
from vitasim import VitasimInputError, load_profile
from vitasim.model import Covariate
from vitasim.profile import Profile

NMOL_PER_NG_25OHD = 1000 / 400.64  # ng/mL -> nmol/L


def base(**sections):
    data = {"person": {"age": 72, "sex": "female", "weight": "68 kg"}}
    data.update(sections)
    return data


def field_of(data):
    with pytest.raises(VitasimInputError) as info:
        load_profile(data)
    return info.value.field


def test_full_profile():
    p = load_profile(base(labs={"25ohd": "16 ng/mL"},
                          regimen=[{"supplement": "vitamin D3", "dose": "2000 IU", "every": "1 day"}],
                          medications=["Examplemab "], conditions=["made-up syndrome"], name="Ann"))
    assert isinstance(p, Profile)
    assert p.age == 72.0 and p.sex == "female" and p.weight_kg == 68.0
    assert p.labs == {"25ohd": pytest.approx(16 * NMOL_PER_NG_25OHD)}
    # names no module knows are kept, with the nearest known name, to be reported
    assert p.medications == () and p.unknown_medications[0][0] == "Examplemab"
    assert p.conditions == () and p.unknown_conditions[0][0] == "made-up syndrome" and p.name == "Ann"
    assert len(p.regimen) == 1 and p.regimen[0].every_h == 24.0


def test_weight_in_pounds():
    p = load_profile({"person": {"weight": "150 lb"}})
    assert p.weight_kg == pytest.approx(150 * 0.45359237, rel=1e-12)
    assert load_profile({"person": {"weight": "68000 g"}}).weight_kg == pytest.approx(68.0)


@pytest.mark.parametrize("weight", [68, "68", "20 kg", "400 kg", "68 cm"])
def test_bad_weight(weight):
    assert field_of({"person": {"weight": weight}}) == "person.weight"


def test_height():
    assert load_profile({"person": {"height": "1.65 m"}}).height_cm == pytest.approx(165.0)
    assert field_of({"person": {"height": "165 kg"}}) == "person.height"
    assert field_of({"person": {"height": "50 cm"}}) == "person.height"


def test_labs_in_ng_and_nmol_agree():
    a = load_profile({"labs": {"25ohd": "30 ng/mL"}})
    b = load_profile({"labs": {"25ohd": "74.88019169329074 nmol/L"}})
    assert a.labs["25ohd"] == pytest.approx(b.labs["25ohd"], rel=1e-12)
    assert a.labs["25ohd"] == pytest.approx(74.88, abs=0.005)


@pytest.mark.parametrize("key", ["25(OH)D", "25-OH-D", "Vitamin D", "25-hydroxyvitamin D", "25ohd3"])
def test_lab_synonyms(key):
    p = load_profile({"labs": {key: "20 ng/mL"}})
    assert p.labs == {"25ohd": pytest.approx(20 * NMOL_PER_NG_25OHD)}


def test_impossible_lab_rejected():
    with pytest.raises(VitasimInputError) as info:
        load_profile({"labs": {"25ohd": "900 ng/mL"}})
    assert info.value.field == "labs.25ohd"
    assert "ng/mL" in info.value.message


@pytest.mark.parametrize("value", ["0.5 nmol/L", "30", "30 kg", "30 IU"])
def test_bad_lab_value(value):
    assert field_of({"labs": {"25ohd": value}}) == "labs.25ohd"


def test_unknown_lab():
    with pytest.raises(VitasimInputError) as info:
        load_profile({"labs": {"25ohdd": "30 ng/mL"}})
    assert info.value.field == "labs.25ohdd"
    assert "unknown lab" in info.value.message
    assert "25ohd" in info.value.message


def test_labs_must_be_mapping():
    assert field_of({"labs": ["25ohd"]}) == "labs"


@pytest.mark.parametrize("sex,canonical", [("F", "female"), ("woman", "female"), (" Male ", "male"), ("m", "male")])
def test_sex_synonyms(sex, canonical):
    assert load_profile({"person": {"sex": sex}}).sex == canonical


@pytest.mark.parametrize("sex", ["x", "unknown", "2"])
def test_bad_sex(sex):
    assert field_of({"person": {"sex": sex}}) == "person.sex"


@pytest.mark.parametrize("age", [17, 121, -5, "abc", "72 kg", True])
def test_age_out_of_range_or_invalid(age):
    assert field_of({"person": {"age": age}}) == "person.age"


def test_age_with_unit():
    assert load_profile({"person": {"age": "72 years"}}).age == pytest.approx(72.0)
    assert load_profile({"person": {"age": 18}}).age == 18.0
    assert load_profile({"person": {"age": 120}}).age == 120.0


def test_egfr():
    assert load_profile({"person": {"egfr": 55}}).egfr == 55.0
    assert load_profile({"person": {"egfr": "55 mL/min/1.73m2"}}).egfr == 55.0
    assert field_of({"person": {"egfr": 0}}) == "person.egfr"
    assert field_of({"person": {"egfr": "high"}}) == "person.egfr"


def test_unknown_sections_and_fields():
    assert field_of({"persn": {}}) == "persn"
    assert field_of({"person": {"agee": 70}}) == "person.agee"
    assert field_of({"person": "old"}) == "person"
    assert field_of({"regimen": {"supplement": "D3"}}) == "regimen"
    assert field_of({"medications": "warfarin"}) == "medications"
    assert field_of({"regimen": [{"supplement": "D3", "dose": "1000 IU"}, {"supplement": "D9", "dose": "1 IU"}]}) \
        == "regimen[1].supplement"


def test_empty_profile_uses_defaults():
    p = load_profile({})
    assert p.labs == {} and p.regimen == () and p.age is None
    cov = Covariate("baseline_25ohd", "nmol/L", 50.0, 2.5, 750.0, "iom2011", "b", lab="25ohd", compound="25ohd")
    assert p.covariate(cov) == (50.0, False)
    p2 = load_profile({"labs": {"25ohd": "50 nmol/L"}, "person": {"weight": "80 kg"}})
    assert p2.covariate(cov) == (pytest.approx(50.0), True)
    wcov = Covariate("weight", "kg", 70.0, 25.0, 300.0, "anderson2008", "w")
    assert p2.covariate(wcov) == (80.0, True)
    assert p.covariate(wcov) == (70.0, False)


def test_yaml_file(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("person: {age: 70, weight: 150 lb}\nlabs: {25ohd: 20 ng/mL}\n"
                 "regimen:\n  - {supplement: D3, dose: 1000 IU, every: 1 day}\n")
    p = load_profile(f)
    assert p.weight_kg == pytest.approx(68.0388555)
    assert p.labs["25ohd"] == pytest.approx(20 * NMOL_PER_NG_25OHD)
    assert load_profile(str(f)) == p


def test_json_file(tmp_path):
    f = tmp_path / "p.json"
    f.write_text(json.dumps({"person": {"age": 70, "weight": "70 kg"}, "labs": {"25ohd": "50 nmol/L"},
                             "regimen": [{"supplement": "cholecalciferol", "dose": "50 ug", "every": "1 week"}]}))
    p = load_profile(f)
    assert p.age == 70 and p.weight_kg == 70.0
    assert p.labs["25ohd"] == pytest.approx(50.0)
    assert p.regimen[0].every_h == 168.0


def test_malformed_yaml(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("person: {age: 70\nlabs: [\n")
    with pytest.raises(VitasimInputError) as info:
        load_profile(f)
    assert info.value.field == "profile"
    assert "bad.yaml" in info.value.message and "YAML" in info.value.message


def test_malformed_json(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('{"person": {"age": 70,}}')
    with pytest.raises(VitasimInputError) as info:
        load_profile(f)
    assert info.value.field == "profile"
    assert "JSON" in info.value.message and "line 1" in info.value.message


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just text\n"])
def test_yaml_that_is_not_a_mapping(tmp_path, text):
    f = tmp_path / "p.yaml"
    f.write_text(text)
    with pytest.raises(VitasimInputError) as info:
        load_profile(f)
    assert info.value.field == "profile"


def test_missing_file(tmp_path):
    with pytest.raises(VitasimInputError) as info:
        load_profile(tmp_path / "nope.yaml")
    assert info.value.field == "profile"
    assert "not found" in info.value.message


def test_directory_instead_of_file(tmp_path):
    with pytest.raises(VitasimInputError) as info:
        load_profile(tmp_path)
    assert info.value.field == "profile"


def test_example_profile():
    from pathlib import Path
    p = vitasim.load_profile(Path(__file__).resolve().parents[1] / "examples" / "older_woman_loading.yaml")
    assert p.age == 72.0 and p.sex == "female" and p.weight_kg == 68.0
    assert p.labs["25ohd"] == pytest.approx(16 * NMOL_PER_NG_25OHD)
    assert [it.every_h for it in p.regimen] == [24.0, 168.0]
    assert p.regimen[1].stop_h == 8 * 168.0


# ---- vitasim.profile/2: plain data, history, day 0 -------------------------------------------
import datetime as dt

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vitasim.profile import VERSION, profile_from_dict

V2 = {
    "version": VERSION, "start": "2026-01-10", "name": "v2",
    "person": {"age": 70, "sex": "female", "weight": "150 lb"},
    "labs": {"25ohd": [{"value": "16 ng/mL", "date": "2025-10-01"}, {"value": "20 ng/mL", "date": "2026-01-08"},
                       {"value": "31 ng/mL", "date": "2026-04-12", "source": "clinic"}],
             "creatinine": "1.1 mg/dL", "PTH": {"value": "7 pmol/L", "day": -3}},
    "medications": [{"name": "Coumadin", "since": "2023-05-01"}, "omeprazole", "Examplemab"],
    "regimen": [{"supplement": "D3", "dose": "2000 IU", "every": "1 day", "start": "2026-01-20", "stop": "2026-03-01"}],
}


def test_validation_does_not_assemble_the_model(monkeypatch):
    import vitasim.model
    import vitasim.model.system

    def forbidden(*a, **k):
        raise AssertionError("the profile must validate without assembling the model")
    monkeypatch.setattr(vitasim.model, "assemble", forbidden)
    monkeypatch.setattr(vitasim.model.system, "assemble", forbidden)
    assert profile_from_dict(V2).age == 70.0
    assert profile_from_dict(V2, "any system, ignored") == profile_from_dict(V2)


def test_v2_history_baseline_and_dates():
    p = profile_from_dict(V2)
    assert p.start == dt.date(2026, 1, 10)
    assert [r.when.day for r in p.lab_history["25ohd"]] == [-101.0, -2.0, 92.0]
    assert p.labs["25ohd"] == pytest.approx(20 * NMOL_PER_NG_25OHD)         # latest at or before day 0
    assert p.lab_units["25ohd"] == "nanogram / milliliter"
    assert p.lab_history["25ohd"][2].source == "clinic"
    assert p.labs["pth"] == pytest.approx(7.0)
    assert p.medications == ("warfarin", "omeprazole") and p.unknown_medications[0][0] == "Examplemab"
    assert p.medication_entries[0].since.day == -(dt.date(2026, 1, 10) - dt.date(2023, 5, 1)).days
    assert p.takes("vitamin_k_antagonist") and p.takes("ppi")
    assert (p.regimen[0].start_h, p.regimen[0].stop_h) == (240.0, 50 * 24.0)


def test_labs_all_after_day_0_have_no_baseline():
    p = profile_from_dict({"labs": {"25ohd": [{"value": "30 ng/mL", "day": 14}]}})
    assert "25ohd" not in p.labs and len(p.lab_history["25ohd"]) == 1


def test_egfr_from_creatinine_is_an_assumption():
    p = profile_from_dict(V2)
    expected = 142 * (1.1 / 0.7) ** -1.2 * 0.9938 ** 70 * 1.012      # CKD-EPI 2021, woman (inker2021)
    assert p.egfr == pytest.approx(expected, rel=1e-9) and p.egfr_from_creatinine
    assert "CKD-EPI 2021" in p.assumptions[0]
    given_egfr = profile_from_dict({**V2, "person": {**V2["person"], "egfr": 40}})
    assert given_egfr.egfr == 40.0 and given_egfr.assumptions == ()
    no_sex = profile_from_dict({"person": {"age": 70}, "labs": {"creatinine": "1.1 mg/dL"}})
    assert no_sex.egfr is None and no_sex.assumptions == ()


def test_to_dict_round_trips_through_json_and_yaml():
    p = profile_from_dict(V2)
    plain = p.to_dict()
    assert plain["version"] == VERSION
    assert profile_from_dict(json.loads(json.dumps(plain))) == p
    assert profile_from_dict(yaml.safe_load(yaml.safe_dump(plain))) == p
    assert "egfr" not in plain["person"]                   # computed, so recomputed on reading


@pytest.mark.parametrize("data, field", [
    ({"labs": {"25ohd": {"value": "16 ng/mL", "date": "2026-01-10"}}}, "labs.25ohd.date"),
    ({"start": "2026-01-10", "labs": {"25ohd": ["16 ng/mL"]}}, "labs.25ohd[0]"),
    ({"labs": {"25ohd": []}}, "labs.25ohd"),
    ({"labs": {"25ohd": [{"value": "16 ng/mL", "day": 0, "date": "2026-01-10"}]}}, "labs.25ohd[0].day"),
    ({"labs": {"25ohd": [{"day": 0}]}}, "labs.25ohd[0].value"),
    ({"labs": {"25ohd": [{"value": "16 ng/mL", "day": 0, "lab": "x"}]}}, "labs.25ohd[0].lab"),
    ({"labs": {"25ohd": "16 ng/mL", "25(OH)D": "17 ng/mL"}}, "labs.25(OH)D"),
    ({"labs": {"calcium": "28 mmol/L"}}, "labs.calcium"),
    ({"start": "10 Jan 2026"}, "start"),
    ({"version": "vitasim.profile/9"}, "version"),
    ({"medications": [{"name": "warfarin", "since": "2023-05-01"}]}, "medications[0].since"),
    ({"medications": [{"name": "warfarin", "from": -3}]}, "medications[0].from"),
    ({"medications": [3]}, "medications[0]"),
    ({"conditions": [None]}, "conditions[0]"),
    ({"start": "2026-01-10", "regimen": [{"supplement": "D3", "dose": "1000 IU", "start": "2025-12-01"}]},
     "regimen[0].start"),
    ({"regimen": [{"supplement": "D3", "dose": "1000 IU", "start": "2026-02-01"}]}, "regimen[0].start"),
    ({"person": {"age": 20, "sex": "male"}, "labs": {"creatinine": "10 umol/L"}}, "labs.creatinine"),
])
def test_v2_errors_name_the_field(data, field):
    assert field_of(data) == field


def test_new_labs_are_accepted_with_synonyms():
    p = profile_from_dict({"labs": {"Calcium": "9.6 mg/dL", "phosphorus": "3.4 mg/dL", "iPTH": "45 pg/mL",
                                    "1,25(OH)2D": "40 pg/mL", "ucOC": "30 %", "dp-ucMGP": "450 pmol/L"}})
    assert set(p.labs) == {"serum_calcium", "phosphate", "pth", "calcitriol", "ucoc_fraction", "dp_ucmgp"}


_LAB_VALUES = {"25ohd": ("ng/mL", 5.0, 100.0), "serum_calcium": ("mmol/L", 1.5, 3.5), "pth": ("pg/mL", 5.0, 500.0),
               "creatinine": ("umol/L", 40.0, 400.0), "inr": (None, 0.9, 5.0), "ucoc_fraction": ("%", 1.0, 90.0)}


@st.composite
def profiles(draw):
    day0 = draw(st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1))))

    def moment():
        if day0 is not None and draw(st.booleans()):
            return (day0 + dt.timedelta(days=draw(st.integers(-900, 900)))).isoformat()
        return draw(st.integers(-900, 900))

    data = {"person": {}}
    if day0 is not None:
        data["start"] = day0.isoformat()
    if draw(st.booleans()):
        data["person"]["age"] = draw(st.one_of(st.integers(18, 120), st.floats(18, 120)))
    if draw(st.booleans()):
        data["person"]["sex"] = draw(st.sampled_from(["F", "male", "woman"]))
    if draw(st.booleans()):
        data["person"]["weight"] = f"{draw(st.floats(60, 600))!r} lb"
    if draw(st.booleans()):
        data["person"]["height"] = f"{draw(st.floats(1.0, 2.3))!r} m"
    labs = {}
    for key in draw(st.lists(st.sampled_from(sorted(_LAB_VALUES)), unique=True, max_size=4)):
        unit, lo, hi = _LAB_VALUES[key]

        def value():
            v = draw(st.floats(lo, hi))
            return v if unit is None else f"{v!r} {unit}"
        if draw(st.booleans()):
            labs[key] = value()
        else:
            labs[key] = [{"value": value(), ("date" if isinstance(m := moment(), str) else "day"): m,
                          **({"source": "clinic"} if draw(st.booleans()) else {})}
                         for _ in range(draw(st.integers(1, 3)))]
    data["labs"] = labs
    meds = draw(st.lists(st.sampled_from(["warfarin", "Losec", "metformin", "Examplemab", "furosemide"]), max_size=3))
    data["medications"] = [m if draw(st.booleans()) else {"name": m, "since": moment()} for m in meds]
    data["conditions"] = draw(st.lists(st.sampled_from(["CKD", "vegan", "made-up syndrome", "sarcoid"]), max_size=3))
    regimen = []
    for _ in range(draw(st.integers(0, 3))):
        item = {"supplement": draw(st.sampled_from(["D3", "MK-7", "magnesium citrate", "cyanocobalamin"])),
                "dose": f"{draw(st.integers(1, 400))} ug"}
        if draw(st.booleans()):
            item["every"] = draw(st.one_of(st.integers(1, 14).map(lambda d: f"{d} day"),
                                           st.floats(0.5, 400.0).map(lambda h: f"{h!r} h")))
        start = draw(st.integers(0, 60))
        if day0 is not None and draw(st.booleans()):
            item["start"] = (day0 + dt.timedelta(days=start)).isoformat()
        elif start:
            item["start"] = f"{start} day"
        if draw(st.booleans()):
            item["stop"] = f"{start + draw(st.integers(1, 100))} day"
        regimen.append(item)
    data["regimen"] = regimen
    if draw(st.booleans()):
        data["diet"] = [{"food": "Fish, salmon, sockeye, cooked, dry heat", "amount": "150 g", "per": "1 week"},
                        {"food": "Egg, whole, boiled or poached", "amount": f"{draw(st.integers(10, 200))} g"}]
    if draw(st.booleans()):
        data["notes"] = draw(st.text(max_size=20))
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_to_dict_round_trips(data):
    p = profile_from_dict(data)
    plain = p.to_dict()
    assert profile_from_dict(plain) == p
    assert profile_from_dict(json.loads(json.dumps(plain))) == p
    assert profile_from_dict(yaml.safe_load(yaml.safe_dump(plain))) == p
    assert plain == profile_from_dict(plain).to_dict()


def test_a_lab_in_another_unit_than_its_covariate_is_converted():
    from vitasim.model import Covariate
    p = profile_from_dict({"labs": {"25ohd": "20 ng/mL"}})
    in_ng = Covariate("baseline_25ohd_ng", "ng/mL", 20.0, 1.0, 300.0, "iom2011", "b", lab="25ohd", compound="25ohd")
    assert p.covariate(in_ng) == (pytest.approx(20.0, rel=1e-12), True)


def test_explicit_version_1_reads_the_same():
    data = {"person": {"age": 70}, "labs": {"25ohd": "20 ng/mL"}}
    assert profile_from_dict({"version": "vitasim.profile/1", **data}) == profile_from_dict(data)
