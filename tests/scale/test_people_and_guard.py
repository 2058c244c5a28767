"""Chunk-invariant people, and the memory guard's refusal."""
import numpy as np
import pytest

import vitasim
from vitasim.errors import VitasimInputError
from vitasim.population import DRAW_BLOCK, sample_rows, typical_vector
from vitasim.scale.guard import GIB, check_memory, estimate_memory
from vitasim.simulate import default_system, simulate

PROFILE = {"person": {"age": 70, "sex": "female", "weight": "70 kg"}, "labs": {"25ohd": "20 ng/mL"},
           "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"}]}


def test_a_person_is_the_same_whatever_the_chunk():
    system = default_system()
    typical, _ = typical_vector(system, vitasim.load_profile(PROFILE))
    n = 2 * DRAW_BLOCK + 300
    whole = sample_rows(system, typical, 7, 0, n)
    for cuts in ([1, 1024, 1025, 2100], [500, 1500], [2047, 2048, 2049]):
        bounds = [0, *cuts, n]
        parts = [sample_rows(system, typical, 7, a, b) for a, b in zip(bounds, bounds[1:])]
        assert np.array_equal(np.concatenate(parts), whole)
    assert not np.array_equal(sample_rows(system, typical, 8, 0, 50), whole[:50])   # the seed matters
    varied = [j for j, p in enumerate(system.parameters) if p.cv]
    ratio = whole[:, varied] / typical[varied]
    assert np.all(np.abs(np.median(np.log(ratio), axis=0)) < 0.1)   # log-normal around the typical person
    assert len({row.tobytes() for row in whole}) == n


def test_guard_names_the_figures():
    est = estimate_memory(1_000_000, 383, 69, 122, 31)
    with pytest.raises(VitasimInputError) as err:
        check_memory(est, available=4 * GIB)
    assert err.value.field == "population"
    assert "GiB of memory" in str(err.value) and "4.0 GiB is available" in str(err.value)
    streamed = estimate_memory(1_000_000, 383, 69, 122, 31, workers=2, chunk=2000, per_person=False)
    assert streamed.total < 0.25 * est.total
    check_memory(streamed, available=8 * GIB)   # the streamed run fits where the in-process one does not


def test_simulate_refuses_an_in_process_run_that_will_not_fit():
    with pytest.raises(VitasimInputError) as err:
        simulate(vitasim.load_profile(PROFILE), days=36500, population=5_000_000, seed=1, output_every_days=1)
    assert "GiB" in str(err.value) and "workers" in str(err.value)
