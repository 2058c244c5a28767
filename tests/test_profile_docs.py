"""docs/profile.md cannot drift: its example loads and round-trips, every lab is documented."""
import re
from pathlib import Path

import yaml

import vitasim
from vitasim.labs import CATALOGUE
from vitasim.profile import VERSION, profile_from_dict

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "profile.md").read_text(encoding="utf-8")


def test_the_documented_example_loads_and_round_trips():
    blocks = re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S)
    assert blocks
    for block in blocks:
        p = profile_from_dict(yaml.safe_load(block))
        assert profile_from_dict(p.to_dict()) == p
        assert p.lab_history["25ohd"][1].source == "clinic"


def test_every_lab_in_the_catalogue_is_documented():
    for lab in CATALOGUE:
        assert f"| `{lab.key}` |" in DOC, lab.key
        for code in lab.loinc:
            assert code in DOC, (lab.key, code)


def test_the_version_is_documented():
    assert VERSION in DOC


def test_v2_example_profile_loads_round_trips_and_simulates():
    path = ROOT / "examples" / "dated_history.yaml"
    p = vitasim.load_profile(path)
    assert p.start is not None and p.egfr_from_creatinine and len(p.lab_history["25ohd"]) == 3
    assert p.labs["25ohd"] == vitasim.load_profile({"labs": {"25ohd": "17 ng/mL"}}).labs["25ohd"]
    assert p.medication_entries[0].since.day < 0
    assert profile_from_dict(p.to_dict()) == p
    res = vitasim.simulate(p, days=10)
    assert res.data["25ohd"].attrs["unit"] == "ng/mL" and float(res.data["25ohd"][-1]) > 17.0   # daily D3 from 17 ng/mL
