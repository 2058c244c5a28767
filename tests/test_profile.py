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
