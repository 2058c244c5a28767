"""The chunked Dask run: the same people and the same summary for one and for two workers."""
import numpy as np
import pytest

import vitasim
from vitasim.errors import VitasimInputError
from vitasim.simulate import simulate

pytest.importorskip("dask.distributed")

PROFILE = {"person": {"age": 70, "sex": "female", "weight": "70 kg"}, "labs": {"25ohd": "20 ng/mL"},
           "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"}]}


@pytest.fixture(scope="module")
def runs():
    profile = vitasim.load_profile(PROFILE)
    kw = dict(days=20, population=30, seed=5, quantities=["25ohd"], output_every_days=5, per_person=True)
    return simulate(profile, workers=1, **kw), simulate(profile, workers=2, **kw)


@pytest.mark.slow
def test_one_and_two_workers_give_identical_results(runs):
    one, two = runs
    assert one.population == two.population == 30 and one.failed == two.failed == 0
    assert np.array_equal(one.per_person["25ohd"], two.per_person["25ohd"])
    assert np.array_equal(one.data["25ohd"].values, two.data["25ohd"].values)
    assert one.provenance.seed == 5 and one.solver == "population"


@pytest.mark.slow
def test_streamed_summary_is_within_its_stated_error(runs):
    """Median, p5 and p95 from the merged sketch against numpy's lower quantiles of the same people."""
    one, _ = runs
    alpha = one.data["25ohd"].attrs["relative_error"]
    vals = one.per_person["25ohd"].astype(np.float64)
    true = np.quantile(vals, [0.5, 0.05, 0.95], axis=0, method="lower")
    from vitasim import units
    out = one.system.output("25ohd")
    true = units.convert_values(true, out.unit, out.display_unit or out.unit, out.compound)
    got = one.data["25ohd"].values
    assert np.all(np.abs(got - true) <= alpha * np.abs(true) * (1 + 1e-9))


def test_bad_workers_are_refused_with_the_field():
    with pytest.raises(VitasimInputError) as err:
        simulate(vitasim.load_profile(PROFILE), days=5, population=4, workers=0)
    assert err.value.field == "workers"
