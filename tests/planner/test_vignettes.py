"""Vignettes: each person in vignettes.yaml, checked or planned, must get the right warnings.

A warning's severity must be exactly the one expected; no plan may exceed an upper limit
without a ``danger`` warning (checked for every vignette).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import vitasim
from vitasim.planner import check, plan

VIGNETTES = yaml.safe_load((Path(__file__).parent / "vignettes.yaml").read_text())
POPULATION = 60


@pytest.fixture(scope="module")
def outcomes():
    cache = {}

    def get(v):
        if v["name"] not in cache:
            profile = vitasim.load_profile(v["profile"])
            cache[v["name"]] = (plan if v["command"] == "plan" else check)(profile, population=POPULATION, seed=1).to_dict()
        return cache[v["name"]]
    return get


@pytest.mark.parametrize("v", VIGNETTES, ids=[v["name"] for v in VIGNETTES])
def test_vignette(v, outcomes):
    result = outcomes(v)
    found = {w["code"]: w["severity"] for w in result["warnings"]}
    for code, severity in (v.get("expect_codes") or {}).items():
        assert found.get(code) == severity, f"{code}: expected {severity}, got {found.get(code)}; all {found}"
    for code in v.get("absent_codes", []):
        assert code not in found, f"{code} should not be raised"
    keys = {item["supplement"].replace(" ", "_") for item in result["regimen"]}
    for key in v.get("regimen_has", []):
        assert key in keys
    for key in v.get("regimen_lacks", []):
        assert key not in keys
    advice = {m["code"] for m in result["monitoring"]}
    for code in v.get("monitoring_has", []):
        assert code in advice
    assert "not a medical device" in result["disclaimer"]
    for w in result["warnings"]:
        assert set(w) == {"code", "severity", "message", "refs", "evidence"}
        assert all(set(e) == {"id", "certainty"} for e in w["evidence"])
    assert 1 <= len(result["summary"]) <= 5


def test_there_are_at_least_forty_vignettes():
    assert len(VIGNETTES) >= 40
