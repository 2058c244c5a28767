"""simulate(): the sub-system chosen for requested quantities gives the full system's numbers."""
from __future__ import annotations

import numpy as np

import vitasim
from vitasim.simulate import default_system, simulate, system_for


def test_subsystem_keeps_what_the_quantity_reads():
    names = lambda qs: {m.name for m in system_for(qs).modules}
    assert names(["25ohd"]) == {"vitamin_d", "magnesium"}          # vitamin D reads the Mg cofactor
    assert names(["inr"]) == {"vitamin_k"}
    assert "calcium_bone" in names(["serum_calcium"]) and "vitamin_d" in names(["serum_calcium"])
    assert system_for(None) is default_system()


def test_subsystem_gives_the_same_25ohd_as_the_full_system():
    profile = vitasim.load_profile({"person": {"age": 70, "weight": "70 kg"}, "labs": {"25ohd": "15 ng/mL"},
                                    "regimen": [{"supplement": "D3", "dose": "2000 IU", "every": "1 day"}]})
    small = simulate(profile, days=60, quantities=["25ohd"], output_every_days=5)
    full = simulate(profile, days=60, quantities=["25ohd"], output_every_days=5, system=default_system())
    assert small.per_person["25ohd"].shape[0] == full.per_person["25ohd"].shape[0] == 1
    np.testing.assert_allclose(small.per_person["25ohd"][0], full.per_person["25ohd"][0], rtol=1e-5)
    assert small.provenance.model != full.provenance.model        # different systems, told apart


def test_solution_carries_provenance_and_per_person_values():
    profile = {"person": {"age": 70, "weight": "70 kg"}, "labs": {"25ohd": "15 ng/mL"},
               "regimen": [{"supplement": "D3", "dose": "2000 IU", "every": "1 day"}]}
    sol = vitasim.simulate(profile, 30, population=40, seed=3, quantities=["25ohd"])
    assert isinstance(sol, vitasim.Solution)
    assert sol.per_person["25ohd"].shape == (40, 31) and sol.failed == 0
    assert sol.provenance.seed == 3 and sol.provenance.population == 40 and sol.provenance.rtol == 1e-4
    assert sol.provenance.solver.startswith("population/") and sol.provenance.vitasim_version == vitasim.__version__
    # the summary is computed from the per-person values it carries
    median_model_unit = np.median(sol.per_person["25ohd"], axis=0)
    shown = sol.data["25ohd"].sel(stat="median").values
    np.testing.assert_allclose(shown, median_model_unit / 2.4962, rtol=2e-3)   # nmol/L -> ng/mL
    slim = sol.without_per_person()
    assert slim.per_person == {} and np.array_equal(slim.data["25ohd"].values, sol.data["25ohd"].values)
    again = vitasim.simulate(profile, 30, population=40, seed=3, quantities=["25ohd"])
    assert np.array_equal(again.per_person["25ohd"], sol.per_person["25ohd"])    # bit for bit


def test_public_api_names_are_the_functions():
    assert callable(vitasim.simulate) and callable(vitasim.check) and callable(vitasim.plan)
    assert callable(vitasim.cite) and callable(vitasim.load_profile)


def test_a_measured_calcium_lab_involves_the_bone_model_and_a_computed_egfr_is_said():
    from vitasim.simulate import touched_modules
    profile = vitasim.load_profile({"person": {"age": 78, "sex": "female", "weight": "60 kg"},
                                    "labs": {"serum_calcium": "2.4 mmol/L", "creatinine": "1.2 mg/dL"}})
    assert "calcium_bone" in touched_modules(default_system(), profile)
    without = vitasim.load_profile({"person": {"age": 78, "sex": "female", "weight": "60 kg"}})
    assert "calcium_bone" not in touched_modules(default_system(), without)
    sol = vitasim.simulate(profile, 5, quantities=["25ohd"])
    said = {f.code: f for f in sol.findings}
    assert said["PROFILE_ASSUMPTION"].severity == "info" and "CKD-EPI 2021" in said["PROFILE_ASSUMPTION"].message
    assert "PROFILE_ASSUMPTION" not in {f.code for f in vitasim.simulate(without, 5, quantities=["25ohd"]).findings}
