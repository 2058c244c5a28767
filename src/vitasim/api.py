"""The public functions: load a profile, simulate it (with the rules' findings), check and plan it."""
from __future__ import annotations

import os
from typing import Any

from vitasim.errors import VitasimInputError
from vitasim.profile import Profile, profile_from_dict, read_profile_file
from vitasim.solution import Solution

DISCLAIMER = ("vitasim is a research and education tool, not a medical device and not medical advice. "
              "Discuss any change of supplements or medicines with a clinician.")

ProfileSource = Profile | str | bytes | os.PathLike | dict[str, Any]


def _validated(data: Any) -> Profile:
    """Validate against the modules' declarations: no model is assembled or compiled to read a profile."""
    return profile_from_dict(data)


def load_profile(source: ProfileSource) -> Profile:
    """Read and validate a profile from a YAML/JSON file path or a mapping (a Profile is returned as is).

    Raises :class:`~vitasim.errors.VitasimInputError` naming the bad field.
    """
    if isinstance(source, Profile):
        return source
    if isinstance(source, dict):
        return _validated(source)
    if isinstance(source, (str, bytes, os.PathLike)):
        return _validated(read_profile_file(source))
    raise VitasimInputError("profile", f"expected a file path, a mapping or a Profile, got {type(source).__name__}")


def simulate(profile: ProfileSource, days: float = 180, *, population: int = 1, seed: int | None = 0,
             solver: str = "auto", quantities: list[str] | None = None, output_every_days: float | None = None,
             progress=None, per_person: bool = True, individuals: dict | None = None,
             workers: int | None = None, scheduler: str | None = None) -> Solution:
    """Simulate one person (``population=1``, the typical person) or a seeded virtual population.

    Parameters
    ----------
    profile : a Profile, a path to a YAML/JSON profile, or a mapping.
    days : horizon in days (a number, 1-36500).
    population : number of virtual people; above 1 the summary holds median, p5 and p95.
    seed : random seed of the virtual population (reproducible bit for bit).
    solver : ``"auto"`` (the compiled population path; for one person at rtol 1e-7),
        ``"population"``, ``"reference"`` (scipy Radau at rtol 1e-9, for validation) or any other
        registered solver (``vitasim.solve.solver_names()``).
    quantities : output names to keep (default: all).
    output_every_days : spacing of the output grid in days, at least 1 hour (default: 1 day up to 3 years,
        else 7).
    progress : optional callback ``(done, total)`` called as blocks of people finish.
    per_person : keep the per-person trajectories (False: only the summary, to save memory).
    individuals : parameter name -> one value per person (e.g. ``vitasim.fit(p).individuals(n)``),
        replacing the population draws of those parameters.
    workers, scheduler : run the population in chunks on Dask (a LocalCluster of ``workers``
        processes, or the cluster at ``scheduler``), the summary reduced while simulating.

    Every bad argument raises :class:`~vitasim.errors.VitasimInputError` naming it (``.field``); a
    population whose estimated memory does not fit is refused before anything is allocated.

    Returns
    -------
    :class:`~vitasim.solution.Solution` with ``.data`` (xarray Dataset with units), ``.per_person``,
    ``.findings`` and ``.provenance``.

    Examples
    --------
    >>> res = simulate({"person": {"age": 70, "weight": "70 kg"}, "labs": {"25ohd": "20 ng/mL"},
    ...                 "regimen": [{"supplement": "D3", "dose": "1000 IU", "every": "1 day"}]}, days=30)
    >>> round(float(res.data["25ohd"][-1]), 0) > 20
    True
    """
    from vitasim.simulate import simulate as _simulate
    return _simulate(load_profile(profile), days=days, population=population, seed=seed, solver=solver,
                     quantities=quantities, output_every_days=output_every_days, progress=progress,
                     per_person=per_person, individuals=individuals, workers=workers, scheduler=scheduler)


__all__ = ["DISCLAIMER", "ProfileSource", "load_profile", "simulate"]
