"""What a simulation returns: one :class:`Solution` that rules, the planner, reports, calibration
scripts and validation tests all read.

A Solution carries the per-person trajectories (model units, people whose solve succeeded), the
summary Dataset in display units (the typical person's trajectory, or median and 5th/95th
percentiles of a population), the profile and assembled system it came from, failure counts and
provenance (model fingerprint, solver, tolerance, seed, vitasim version): enough to tell later
what was simulated and to redo it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Mapping

import numpy as np
import xarray as xr

from vitasim import units
from vitasim.model import System
from vitasim.profile import Profile

STATS = ("median", "p5", "p95")
_FINGERPRINTS: dict[int, tuple[System, str]] = {}


def model_fingerprint(system: System) -> str:
    """A short hash of the assembled model's declarations (modules, parameters, equations, units).

    Two solutions with the same fingerprint came from the same equations and parameter values.
    """
    cached = _FINGERPRINTS.get(id(system))
    if cached is not None and cached[0] is system:
        return cached[1]
    digest = hashlib.sha256(repr(system.modules).encode()).hexdigest()[:16]
    _FINGERPRINTS[id(system)] = (system, digest)
    return digest


@dataclass(frozen=True)
class Provenance:
    """Where a Solution came from: enough to reproduce it."""

    vitasim_version: str
    model: str                  # fingerprint of the assembled model (see model_fingerprint)
    modules: tuple[str, ...]
    solver: str                 # the method that ran, e.g. "population/dopri5"
    rtol: float
    seed: int | None
    population: int

    def as_dict(self) -> dict:
        return {"vitasim_version": self.vitasim_version, "model": self.model, "modules": list(self.modules),
                "solver": self.solver, "rtol": self.rtol, "seed": self.seed, "population": self.population}


def summarise(per_person: Mapping[str, np.ndarray], system: System, quantities: tuple[str, ...],
              t_days: np.ndarray, population: int) -> xr.Dataset:
    """Display units; for a population, median, p5 and p95 at each time over the people kept."""
    data = {}
    for name in quantities:
        out = system.output(name)
        unit = out.display_unit or out.unit
        vals = np.asarray(per_person[name], dtype=np.float64)
        if population == 1:
            row = vals[0] if vals.shape[0] else np.full(t_days.size, np.nan)
            arr = units.convert_values(row, out.unit, unit, out.compound)
            data[name] = xr.DataArray(arr, dims=("time",), attrs={"unit": unit, "description": out.description})
        else:
            stats = (np.nanpercentile(vals, [50, 5, 95], axis=0) if vals.shape[0]
                     else np.full((3, t_days.size), np.nan))
            arr = units.convert_values(stats, out.unit, unit, out.compound)
            data[name] = xr.DataArray(arr, dims=("stat", "time"), attrs={"unit": unit, "description": out.description})
    coords: dict = {"time": ("time", np.asarray(t_days, dtype=np.float64), {"unit": "day"})}
    if population > 1:
        coords["stat"] = list(STATS)
    return xr.Dataset(data, coords=coords)


@dataclass(frozen=True)
class Solution:
    """Predicted trajectories of one person or a virtual population, with what they came from.

    * ``per_person[q]``: array (people kept, time) of quantity ``q`` in its model unit
      (``system.output(q).unit``); people whose solve failed are left out and counted in ``failed``.
    * ``data``: the summary as an xarray Dataset over ``time`` (days) in display units
      (``data[q].attrs['unit']``): shape (time,) for one person, (stat, time) with ``median``,
      ``p5``, ``p95`` for a population.
    * ``findings``: the rules' warnings on this solution (filled by ``simulate``).
    """

    profile: Profile
    system: System
    days: float
    t_days: np.ndarray
    per_person: Mapping[str, np.ndarray]
    quantities: tuple[str, ...]
    population: int
    provenance: Provenance
    defaulted: tuple[str, ...] = ()
    failed: int = 0
    status: np.ndarray | None = None          # (population,) SolveStatus codes
    stats: np.ndarray | None = None           # (population, len(STAT_NAMES)) solver counters
    findings: tuple = field(default_factory=tuple)

    @classmethod
    def from_values(cls, profile: Profile, system: System, days: float, t_days, per_person: Mapping[str, np.ndarray],
                    defaulted: tuple[str, ...] = (), *, solver: str = "given") -> "Solution":
        """A Solution around given trajectories (model units): for rules applied to data that did
        not come from ``simulate`` (tests, imported trajectories)."""
        from vitasim import __version__
        per = {k: np.asarray(v, dtype=np.float64) for k, v in per_person.items()}
        n = next((v.shape[0] for v in per.values()), 1)
        prov = Provenance(__version__, model_fingerprint(system), tuple(m.name for m in system.modules), solver,
                          float("nan"), None, n)
        return cls(profile, system, float(days), np.asarray(t_days, dtype=np.float64), per, tuple(per), max(n, 1),
                   prov, tuple(defaulted))

    @cached_property
    def data(self) -> xr.Dataset:
        return summarise(self.per_person, self.system, self.quantities, self.t_days, self.population)

    @property
    def seed(self) -> int | None:
        return self.provenance.seed

    @property
    def solver(self) -> str:
        """The solver's registered name ("population", "reference"...); the method that ran is in
        ``provenance.solver`` (e.g. "population/dopri5")."""
        return self.provenance.solver.split("/")[0]

    @property
    def kept(self) -> int:
        """People whose trajectories are kept (the population less failures)."""
        first = next(iter(self.per_person.values()), None)
        return self.population - self.failed if first is None else int(first.shape[0])

    def values(self, quantity: str, unit: str | None = None) -> np.ndarray:
        """Per-person values of ``quantity`` (people kept, time), in ``unit`` (default: model unit)."""
        if quantity not in self.per_person:
            from vitasim.errors import VitasimInputError
            raise VitasimInputError("quantity", f"{quantity!r} was not simulated; simulated: {', '.join(self.quantities)}")
        vals = self.per_person[quantity]
        out = self.system.output(quantity)
        return vals if unit is None or unit == out.unit else units.convert_values(vals, out.unit, unit, out.compound)

    def array(self, quantities: tuple[str, ...] | list[str] | None = None) -> np.ndarray:
        """Per-person values as one array (people kept, time, quantity), model units."""
        names = list(quantities or self.quantities)
        return np.stack([np.asarray(self.per_person[q]) for q in names], axis=-1)

    def with_findings(self, findings) -> "Solution":
        return replace(self, findings=tuple(findings))

    def without_per_person(self) -> "Solution":
        """The same solution with the summary kept and per-person arrays dropped (to free memory)."""
        self.data  # noqa: B018 - compute the summary before the arrays go
        slim = replace(self, per_person={})
        slim.__dict__["data"] = self.data
        return slim


__all__ = ["Provenance", "STATS", "Solution", "model_fingerprint", "summarise"]
