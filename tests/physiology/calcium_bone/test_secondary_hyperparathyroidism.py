"""DEVIATION 7: baseline PTH depends on 25(OH)D, everyone starts in steady state, repletion lowers it."""
from __future__ import annotations

import numpy as np
import pytest

import vitasim
from vitasim.simulate import simulate


def _pth(baseline_nmol: float, regimen: list[dict] | None = None, days: float = 180) -> np.ndarray:
    prof = vitasim.load_profile({"person": {"age": 75, "sex": "female", "weight": "65 kg", "egfr": "70 mL/min/1.73m2"},
                                 "labs": {"25ohd": f"{baseline_nmol} nmol/L"}, "regimen": regimen or []})
    res = simulate(prof, days=days, quantities=["pth", "serum_calcium"], output_every_days=30, solver="population")
    return res.values("pth", "pmol/L")[0]


@pytest.fixture(scope="module")
def untreated():
    return {b: _pth(b) for b in (20.0, 50.0, 100.0)}


def test_deficient_people_start_with_higher_pth(untreated):
    assert untreated[20.0][0] > untreated[50.0][0] > untreated[100.0][0]
    assert untreated[20.0][0] / untreated[50.0][0] > 1.1


def test_the_reference_person_starts_at_the_published_pth(untreated):
    assert untreated[50.0][0] == pytest.approx(3.85, rel=1e-3)


@pytest.mark.parametrize("baseline", [20.0, 100.0])
def test_deficiency_adds_no_drift_of_its_own(untreated, baseline):
    """Untreated people keep their 25(OH)D; whatever drift the calcium model has at their age and eGFR
    (the published steady state is a 100 mL/min reference) is the reference person's, so the
    relative PTH path of a deficient or replete person follows the reference person's."""
    rel = untreated[baseline] / untreated[baseline][0]
    ref = untreated[50.0] / untreated[50.0][0]
    assert np.max(np.abs(rel - ref)) < 0.005


def test_repletion_lowers_pth_in_deficiency_more_than_in_repletion(untreated):
    """2000 IU/d for 180 days against the same person untreated (the untreated path carries the model's
    own drift at this age and eGFR): from 20 nmol/L PTH falls by more than 10 %, from 100 nmol/L by
    less than 5 %."""
    d3 = [{"supplement": "D3", "dose": "2000 IU", "every": "1 day"}]
    low = _pth(20.0, d3)
    high = _pth(100.0, d3)
    assert low[-1] / untreated[20.0][-1] - 1.0 < -0.10
    assert abs(high[-1] / untreated[100.0][-1] - 1.0) < 0.05
