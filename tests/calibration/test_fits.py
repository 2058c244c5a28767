"""The calibration's bookkeeping: declared parameter values are the last joint fit's output.

These tests read ``calibration/fits/<module>.json`` (written by ``python calibration/fit.py
<module>``) and compare without refitting, so they are fast; they fail when someone edits a fitted
value in a module by hand, or refits without updating the module.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CAL = ROOT / "calibration"
sys.path.insert(0, str(CAL))

import fit  # noqa: E402  (calibration/fit.py, not a package)

FITTED_MODULES = sorted(p.stem for p in (CAL / "fits").glob("*.json"))


def _declared(module: str) -> dict[str, float]:
    from vitasim.physiology import modules
    mod = next(m for m in modules() if m.name == module)
    return {p.name: float(p.value) for p in mod.parameters}


def test_there_is_at_least_one_fit():
    assert "vitamin_d" in FITTED_MODULES


@pytest.mark.parametrize("module", FITTED_MODULES)
def test_calibration_declared_values_equal_last_fit(module):
    result = fit.load_fit(module)
    declared = _declared(module)
    for name, value in result["parameters"].items():
        assert declared[name] == pytest.approx(value, rel=1e-12), (
            f"{module}.{name} declares {declared[name]} but the last fit (calibration/fits/{module}.json) gave {value}")


@pytest.mark.parametrize("module", FITTED_MODULES)
def test_calibration_fit_used_only_calibration_arms(module):
    """The objective is the sum of squares over calibration rows only, and roles match the data file."""
    result = fit.load_fit(module)
    roles = {a.id: a.role for a in fit.load_arms(module)}
    rows = result["arms"]
    assert {r["arm"] for r in rows} == set(roles)
    assert all(r["role"] == roles[r["arm"]] for r in rows)
    cal = [r["weighted_residual"] for r in rows if r["role"] == "calibration"]
    assert len(cal) == result["n_calibration_points"]
    assert math.isclose(sum(x * x for x in cal), result["objective"], rel_tol=1e-9)
    assert result["objective"] <= result["objective_start"]


@pytest.mark.parametrize("module", FITTED_MODULES)
def test_calibration_parameters_inside_bounds(module):
    result = fit.load_fit(module)
    assert result["bounds"], "a fit names its bounds"
    for name, (lo, hi) in result["bounds"].items():
        assert lo <= result["parameters"][name] <= hi


@pytest.mark.parametrize("module", sorted(p.stem for p in (CAL / "data").glob("*.yaml")))
def test_calibration_arms_are_well_formed_and_cited(module):
    from vitasim.refs import references
    refs = references()
    records = yaml.safe_load((CAL / "data" / f"{module}.yaml").read_text())
    arms = fit.load_arms(module)
    assert len(arms) == len(records)
    for rec, arm in zip(records, arms):
        assert rec["reference"] in refs, f"{arm.id}: unknown reference {rec['reference']!r}"
        assert rec.get("found_in"), f"{arm.id}: found_in is required"
        assert arm.role in ("calibration", "validation")
        assert all(e.kind in ("absolute", "change", "percent_change") for e in arm.endpoints)
        assert arm.days > 0
    assert any(a.role == "validation" for a in arms) and any(a.role == "calibration" for a in arms)


def test_standard_error_from_each_kind_of_spread():
    assert fit._se({"se": 2.0}, 10) == 2.0
    assert fit._se({"sd": 10.0}, 100) == pytest.approx(1.0)
    assert fit._se({"ci": [64, 75]}, None) == pytest.approx(11 / 3.92)
    assert fit._se({}, 50) is None


def test_fold_error_is_symmetric_and_flags_wrong_sign():
    assert fit.fold_error(20.0, 10.0) == pytest.approx(2.0)
    assert fit.fold_error(5.0, 10.0) == pytest.approx(2.0)
    assert fit.fold_error(-5.0, 10.0) == math.inf


def test_duplicate_arm_ids_are_refused(tmp_path, monkeypatch):
    rec = yaml.safe_load((CAL / "data" / "vitamin_d.yaml").read_text())[0]
    (tmp_path / "x.yaml").write_text(yaml.safe_dump([rec, rec]))
    monkeypatch.setattr(fit, "DATA", tmp_path)
    with pytest.raises(ValueError, match="duplicate"):
        fit.load_arms("x")


def test_fit_results_are_written_whole(tmp_path):
    target = tmp_path / "f.json"
    fit.write_json(target, {"a": 1})
    with pytest.raises(TypeError):
        fit.write_json(target, {"a": object()})
    assert json.loads(target.read_text()) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]
