"""Helpers for validation tests: simulate a published trial arm with the typical person."""
from __future__ import annotations

import pytest

import vitasim
from vitasim.simulate import simulate

NMOL_PER_NG = 2.4962  # 25(OH)D, molar mass 400.64 g/mol (PubChem)


def arm(baseline_nmol: float, regimen: list[dict], days: float, *, weight: str = "70 kg", age: float = 70,
        solver: str = "population", population: int = 1, seed: int = 1, quantity: str = "25ohd"):
    """25(OH)D trajectory (nmol/L; median for a population), time in days and the Solution of one trial arm."""
    profile = vitasim.load_profile({"person": {"age": age, "weight": weight},
                                    "labs": {"25ohd": f"{baseline_nmol} nmol/L"}, "regimen": regimen})
    res = simulate(profile, days=days, solver=solver, population=population, seed=seed,
                   quantities=[quantity], output_every_days=1)
    values = res.data[quantity].values
    if population > 1:
        values = values[0]
    return values * NMOL_PER_NG, res.data["time"].values, res


def d3(dose: str, every: str | None = None, **extra) -> dict:
    return {"supplement": "D3", "dose": dose, "every": every, **extra}


def d2(dose: str, every: str | None = None, **extra) -> dict:
    return {"supplement": "D2", "dose": dose, "every": every, **extra}


@pytest.fixture(scope="session")
def simulate_arm():
    return arm
