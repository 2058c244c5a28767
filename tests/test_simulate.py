"""simulate(): the sub-system chosen for requested quantities gives the full system's numbers."""
from __future__ import annotations

import numpy as np

import vitasim
from vitasim.simulate import default_system, run, system_for


def test_subsystem_keeps_what_the_quantity_reads():
    names = lambda qs: {m.name for m in system_for(qs).modules}
    assert names(["25ohd"]) == {"vitamin_d", "magnesium"}          # vitamin D reads the Mg cofactor
    assert names(["inr"]) == {"vitamin_k"}
    assert "calcium_bone" in names(["serum_calcium"]) and "vitamin_d" in names(["serum_calcium"])
    assert system_for(None) is default_system()


def test_subsystem_gives_the_same_25ohd_as_the_full_system():
    profile = vitasim.load_profile({"person": {"age": 70, "weight": "70 kg"}, "labs": {"25ohd": "15 ng/mL"},
                                    "regimen": [{"supplement": "D3", "dose": "2000 IU", "every": "1 day"}]})
    small, raw_small, _ = run(profile, days=60, quantities=["25ohd"], output_every_days=5)
    full, raw_full, _ = run(profile, days=60, quantities=["25ohd"], output_every_days=5, system=default_system())
    assert len(raw_small.values) == len(raw_full.values) == 1
    np.testing.assert_allclose(raw_small.values[0, :, 0], raw_full.values[0, :, 0], rtol=1e-5)
