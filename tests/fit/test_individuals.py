"""simulate(individuals=...) and individuals_in_use: a person's posterior replaces the population draws."""
from __future__ import annotations

import numpy as np
import pytest

from fit_profiles import with_labs
from vitasim.api import load_profile
from vitasim.errors import VitasimInputError
from vitasim.population import individuals_in_use
from vitasim.simulate import simulate


def _run(profile, **kw):
    return simulate(profile, days=60, population=50, seed=3, quantities=["25ohd"], rules=False, **kw)


def test_named_draws_replace_population_draws_only():
    profile = load_profile(with_labs())
    pop = _run(profile).per_person["25ohd"]
    fixed = {"vmax_ref": np.full(50, 1.3), "cl25_ref": np.full(50, 0.015), "mg_thr": np.full(50, 0.9214)}
    same = _run(profile, individuals=fixed).per_person["25ohd"]
    # every person typical in every varying parameter the 25(OH)D system has: identical trajectories
    assert np.ptp(same[:, -1]) < 1e-3 * same[0, -1] < np.ptp(pop[:, -1])
    high = _run(profile, individuals={**fixed, "vmax_ref": np.full(50, 2.6)}).per_person["25ohd"]
    assert np.all(high[:, -1] > same[:, -1])


def test_context_applies_to_matching_population_sizes_only():
    profile = load_profile(with_labs())
    draws = {"vmax_ref": np.full(50, 2.6), "cl25_ref": np.full(50, 0.015)}
    with individuals_in_use(draws):
        inside = _run(profile).per_person["25ohd"]
        one = simulate(profile, days=60, quantities=["25ohd"], rules=False).per_person["25ohd"]
    np.testing.assert_allclose(inside, _run(profile, individuals=draws).per_person["25ohd"])
    assert one.shape[0] == 1   # population 1: the typical person, draws not used
    np.testing.assert_allclose(_run(profile).per_person["25ohd"], _run(profile).per_person["25ohd"])


def test_wrong_length_names_the_field():
    with pytest.raises(VitasimInputError) as info:
        _run(load_profile(with_labs()), individuals={"vmax_ref": np.ones(3)})
    assert info.value.field == "individuals"


def test_public_simulate_takes_a_fitted_posterior(three_labs):
    import vitasim
    fitted = vitasim.fit(three_labs)
    draws = fitted.individuals(40, seed=1)
    assert set(draws) == {"vmax_ref", "cl25_ref"} and all(v.shape == (40,) for v in draws.values())
    personal = vitasim.simulate(three_labs, days=84, population=40, individuals=draws)
    population = vitasim.simulate(three_labs, days=84, population=40)
    # the person's labs were low: their posterior predicts lower levels than the population
    assert float(personal.data["25ohd"].sel(stat="median")[-1]) < float(population.data["25ohd"].sel(stat="median")[-1])
