"""SBML export round trip: libroadrunner loads the file and reproduces vitasim's reference path."""
import numpy as np
import pytest

import vitasim
from vitasim.solve import solve_reference
from vitasim.trials.sbml import export, scenario_problem

roadrunner = pytest.importorskip("roadrunner")
pytest.importorskip("antimony")
pytestmark = pytest.mark.slow

PROFILE = {"name": "small", "person": {"age": 70, "sex": "female", "weight": "70 kg"},
           "labs": {"25ohd": "40 nmol/L"},
           "regimen": [{"supplement": "vitamin D3", "dose": "2000 IU", "every": "1 day"},
                       {"supplement": "vitamin D3", "dose": "50000 IU", "start": "10 day"}]}


def test_roadrunner_reproduces_the_reference_path_from_the_exported_file(tmp_path):
    profile = vitasim.load_profile(PROFILE)
    days = 30
    path = export(profile, tmp_path / "model.xml", days=days)
    problem = scenario_problem(profile, days=days, output_every_days=1)
    ref = solve_reference(problem).values[0]                     # (T, outputs)
    rr = roadrunner.RoadRunner(str(path))
    rr.setIntegrator("cvode")
    rr.integrator.relative_tolerance = 1e-10
    rr.integrator.absolute_tolerance = 1e-12
    rr.integrator.max_steps = 10**7
    ids = ["out_" + "".join(ch if ch.isalnum() else "_" for ch in problem.system.outputs[k].name)
           for k in problem.keep]
    res = np.asarray(rr.simulate(times=(problem.t_out).tolist(), selections=["time"] + ids))[:, 1:]
    assert res.shape == ref.shape
    # relative on every output; an output that stays at zero (no D2 given: 25(OH)D2) is held to
    # an absolute floor of 1e-6 of the largest value of that output, or 1e-12
    floor = np.maximum(1e-6 * np.max(np.abs(ref), axis=0, keepdims=True), 1e-12)
    rel = np.abs(res - ref) / np.maximum(np.abs(ref), floor)
    worst = np.unravel_index(np.argmax(rel), rel.shape)
    assert rel.max() < 1e-4, (ids[worst[1]], problem.t_out[worst[0]] / 24, rel.max())


def test_export_refuses_other_suffixes(tmp_path):
    with pytest.raises(vitasim.errors.VitasimInputError, match="--sbml"):
        export(vitasim.load_profile({"person": {}}), tmp_path / "model.txt")
