"""The virtual people of an arm: the arm's typical person as a profile, and per-person covariates.

The typical person (:func:`arm_profile`) carries the arm's mean age, sex, weight, eGFR, baseline
labs, medicines, conditions and regimen; it is an ordinary profile, validated as any other.
:func:`draw_covariates` then gives each virtual person their own covariates, drawn to match the
arm's reported spread: age normal (or uniform over a reported range), sex Bernoulli on the
female fraction, weight and eGFR normal, each baseline lab log-normal with the reported mean and
SD (labs are positive and right-skewed).  Draws are clipped to each covariate's declared bounds.
Where an arm reports no spread, everyone gets the mean.
"""
from __future__ import annotations

import numpy as np

from vitasim import labs as lab_catalogue
from vitasim import units
from vitasim.model import System
from vitasim.profile import Profile


def _lab_value(key: str, spread) -> str:
    return f"{spread.mean!r} {spread.unit}"


def _weight_kg(arm) -> tuple[float, float] | None:
    """Mean and SD of body weight in kg: as reported, or from BMI and a reported height."""
    pop = arm.population
    if pop.weight is not None and pop.weight.mean is not None:
        f = units.convert_values(1.0, pop.weight.unit or "kg", "kg")
        return pop.weight.mean * f, (pop.weight.sd or 0.0) * f
    if pop.bmi is not None and pop.bmi.mean is not None and pop.height is not None and pop.height.mean:
        h = pop.height.mean * units.convert_values(1.0, pop.height.unit or "cm", "m")
        return pop.bmi.mean * h * h, (pop.bmi.sd or 0.0) * h * h
    return None


def _age(arm) -> tuple[float, float, float | None, float | None] | None:
    a = arm.population.age
    if a is None:
        return None
    if a.mean is not None:
        return a.mean, a.sd or 0.0, a.min, a.max
    if a.min is not None and a.max is not None:
        return (a.min + a.max) / 2.0, 0.0, a.min, a.max
    return None


def arm_profile(arm) -> Profile:
    """The arm's typical person on the arm's regimen, as a validated profile."""
    from vitasim.api import load_profile
    pop = arm.population
    person: dict = {}
    age = _age(arm)
    if age is not None:
        person["age"] = float(min(max(age[0], 18.0), 120.0))
    if pop.female_fraction is not None:
        person["sex"] = "female" if pop.female_fraction >= 0.5 else "male"
    w = _weight_kg(arm)
    if w is not None:
        person["weight"] = f"{w[0]!r} kg"
    if pop.egfr is not None and pop.egfr.mean is not None:
        person["egfr"] = float(pop.egfr.mean)
    data = {"person": person, "labs": {k: _lab_value(k, s) for k, s in pop.baseline.items()},
            "medications": list(pop.medications), "conditions": list(pop.conditions),
            "regimen": [dict(item) for item in arm.regimen], "name": arm.id}
    try:
        return load_profile(data)
    except Exception as exc:  # name the arm: the profile error names the field
        from vitasim.errors import VitasimInputError
        if isinstance(exc, VitasimInputError):
            raise VitasimInputError(f"{arm.id}.{exc.field}", exc.message) from None
        raise


def _normal(rng, mean: float, sd: float, n: int) -> np.ndarray:
    return np.full(n, mean) if not sd else mean + sd * rng.standard_normal(n)


def _lognormal(rng, mean: float, sd: float, n: int) -> np.ndarray:
    if not sd or mean <= 0:
        return np.full(n, mean)
    s2 = np.log1p((sd / mean) ** 2)
    return mean * np.exp(np.sqrt(s2) * rng.standard_normal(n) - s2 / 2.0)


def draw_covariates(system: System, arm, n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Per-person values (in each covariate's unit) of the covariates the arm reports a spread for."""
    pop = arm.population
    out: dict[str, np.ndarray] = {}
    names = {c.name: c for c in system.covariates}
    age = _age(arm)
    if "age" in names and age is not None:
        mean, sd, lo, hi = age
        vals = rng.uniform(lo, hi, n) if (not sd and lo is not None and hi is not None) else _normal(rng, mean, sd, n)
        if lo is not None or hi is not None:
            vals = np.clip(vals, lo if lo is not None else -np.inf, hi if hi is not None else np.inf)
        out["age"] = vals
    if "sex_female" in names and pop.female_fraction is not None:
        out["sex_female"] = (rng.random(n) < pop.female_fraction).astype(float)
    w = _weight_kg(arm)
    if "weight" in names and w is not None:
        out["weight"] = _normal(rng, w[0], w[1], n)
    if "egfr" in names and pop.egfr is not None and pop.egfr.mean is not None:
        out["egfr"] = _normal(rng, pop.egfr.mean, pop.egfr.sd or 0.0, n)
    for key, spread in pop.baseline.items():
        lab = lab_catalogue.resolver().get(key)
        for cov in system.covariates:
            if lab is not None and cov.lab == lab.key:
                vals = _lognormal(rng, spread.mean, spread.sd or 0.0, n)
                out[cov.name] = np.asarray(units.convert_values(vals, spread.unit, cov.unit, cov.compound), float)
    for name, vals in out.items():
        cov = names[name]
        out[name] = np.clip(vals, cov.low, cov.high)
    return out
