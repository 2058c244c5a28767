"""``simulate``: the one entry point from a profile to predicted trajectories."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import xarray as xr

from vitasim import physiology, units
from vitasim.errors import VitasimInputError
from vitasim.model import System, assemble
from vitasim.population import sample, typical_vector
from vitasim.profile import Profile
from vitasim.regimen import dose_events
from vitasim.solve import Problem, RawSolution, get_solver, solver_names
from vitasim.solve.codegen import compile_system

MAX_DAYS = 36500
ONE_PERSON_RTOL = 1e-7
MAX_POPULATION = 5_000_000


@lru_cache(maxsize=None)
def default_system() -> System:
    """All registered physiology modules, assembled."""
    return assemble(*physiology.modules())


@lru_cache(maxsize=None)
def _assembled(names: tuple[str, ...]) -> System:
    return assemble(*(m for m in physiology.modules() if m.name in names))


def system_for(quantities: list[str] | tuple[str, ...] | None) -> System:
    """The smallest system that computes ``quantities`` (all modules when None).

    A module is kept when it computes a requested quantity or when a kept module reads one of its
    names (coupling through ``inputs`` included), so the numbers are those of the full system;
    simulating vitamin D alone then does not pay for the stiff calcium/bone model.
    """
    full = default_system()
    if not quantities:
        return full
    from vitasim.model.system import needed_modules
    keep = needed_modules(full.modules, list(quantities))
    if len(keep) == len(full.modules) or not keep:
        return full
    return _assembled(tuple(m.name for m in keep))


@dataclass(frozen=True)
class SimulationResult:
    """Trajectories with units: ``data`` is an xarray Dataset over ``time`` (days).

    One person: each quantity is a variable of shape (time,).  A population: each quantity has
    a ``stat`` dimension with ``median``, ``p5`` and ``p95``.  Values are in each quantity's
    display unit (``data[q].attrs['unit']``).
    """

    data: xr.Dataset
    profile: Profile
    population: int
    seed: int | None
    solver: str
    defaulted: tuple[str, ...]
    failed: int
    findings: tuple = field(default_factory=tuple)

    @property
    def quantities(self) -> list[str]:
        return list(self.data.data_vars)


def _time_grid(days: float, every_days: float | None) -> np.ndarray:
    if every_days is None:
        every_days = 1.0 if days <= 3 * 365 else 7.0
    n = int(np.floor(days / every_days + 1e-9))
    grid = np.arange(n + 1) * every_days
    if grid[-1] < days - 1e-9:
        grid = np.append(grid, days)
    return grid * 24.0


def touched_modules(system: System, profile: Profile) -> list[str]:
    """Modules the profile involves: a supplement in the regimen, or a lab, medicine or condition
    that one of the module's covariates reads."""
    by_supplement = {sup.key: mod.name for mod in system.modules for sup in mod.supplements}
    names = {by_supplement[item.supplement.key] for item in profile.regimen if item.supplement.key in by_supplement}
    for mod in system.modules:
        for cov in mod.covariates:
            if ((cov.lab and cov.lab in profile.labs) or (cov.medication_class and profile.takes(cov.medication_class))
                    or (cov.condition and cov.condition in profile.conditions)):
                names.add(mod.name)
    return [m.name for m in system.modules if m.name in names]


def ordered_quantities(system: System, profile: Profile) -> list[str]:
    """All output names, those of the modules the profile involves first."""
    first = touched_modules(system, profile)
    rank = {name: i for i, name in enumerate(first)}
    owned = [(rank.get(mod.name, len(first)), k, out.name) for k, mod in enumerate(system.modules)
             for out in mod.outputs]
    return [name for _, _, name in sorted(owned)]


def build_problem(system: System, profile: Profile, *, days: float, population: int, seed: int | None,
                  quantities: list[str] | None, output_every_days: float | None):
    """Profile -> solver Problem (pure arrays) plus what the result needs to label it."""
    typical, defaulted = typical_vector(system, profile)
    params = sample(system, typical, population, seed)
    y0 = np.zeros((population, len(system.states)))
    compile_system(system).prepare_population(params, y0)
    bad = ~np.isfinite(params).all(axis=1) | ~np.isfinite(y0).all(axis=1)
    if bad.any():
        raise VitasimInputError("profile", "the model cannot start from these values "
                                           "(a baseline outside what the model can reach)")
    t_out = _time_grid(days, output_every_days)
    snames = set(system.snames)
    events = [e for e in dose_events(profile.regimen, t_out[-1]) if e.state in snames]  # others: another subsystem
    names = [o.name for o in system.outputs]
    wanted = quantities or ordered_quantities(system, profile)
    for q in wanted:
        if q not in names:
            raise VitasimInputError("quantities", f"unknown quantity {q!r}; known: {', '.join(names)}")
    keep = np.array([names.index(q) for q in wanted], dtype=np.int64)
    problem = Problem(system, params, y0,
                      np.array([e.time_h for e in events], dtype=np.float64),
                      np.array([system.sindex(e.state) for e in events], dtype=np.int64),
                      np.array([e.amount for e in events], dtype=np.float64),
                      t_out, keep)
    return problem, wanted, tuple(defaulted)


def summarise(raw: RawSolution, system: System, wanted: list[str], t_out_h: np.ndarray) -> xr.Dataset:
    """Convert model units to display units; for N > 1 reduce to median, p5, p95 per time."""
    days = t_out_h / 24.0
    data = {}
    n = raw.values.shape[0]
    for k, qname in enumerate(wanted):
        out = system.output(qname)
        unit = out.display_unit or out.unit
        vals = raw.values[:, :, k]
        if n == 1:
            arr = units.convert_values(vals[0].astype(np.float64), out.unit, unit, out.compound)
            data[qname] = xr.DataArray(arr, dims=("time",), attrs={"unit": unit, "description": out.description})
        else:
            ok = raw.status == 0
            stats = np.nanpercentile(vals[ok], [50, 5, 95], axis=0) if ok.any() else np.full((3, len(days)), np.nan)
            arr = units.convert_values(stats.astype(np.float64), out.unit, unit, out.compound)
            data[qname] = xr.DataArray(arr, dims=("stat", "time"), attrs={"unit": unit, "description": out.description})
    coords = {"time": ("time", days, {"unit": "day"})}
    if n > 1:
        coords["stat"] = ["median", "p5", "p95"]
    return xr.Dataset(data, coords=coords)


def _solve_in_blocks(problem: Problem, solver, progress) -> RawSolution:
    """Solve in blocks of people so a progress callback can report; one block when small."""
    n = problem.n
    block = n if (progress is None or n < 20_000) else max(10_000, -(-n // 20))
    parts = []
    for start in range(0, n, block):
        stop = min(n, start + block)
        sub = replace(problem, params=problem.params[start:stop], y0=problem.y0[start:stop])
        parts.append(solver(sub))
        if progress is not None:
            progress(stop, n)
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    return RawSolution(np.concatenate([p.values for p in parts]), np.concatenate([p.status for p in parts]),
                       np.concatenate([p.stats for p in parts]), first.method, first.rtol)


def run(profile: Profile, *, days: float = 180, population: int = 1, seed: int | None = 0,
        solver: str = "auto", quantities: list[str] | None = None, output_every_days: float | None = None,
        system: System | None = None, progress=None) -> tuple[SimulationResult, RawSolution, Problem]:
    """Simulate and also return the raw per-person solution (for rules and research use)."""
    if isinstance(days, bool) or not isinstance(days, (int, float)) or not 1 <= days <= MAX_DAYS:
        raise VitasimInputError("days", f"must be between 1 and {MAX_DAYS}, got {days!r}")
    if isinstance(population, bool) or not isinstance(population, int) or not 1 <= population <= MAX_POPULATION:
        raise VitasimInputError("population", f"must be a whole number 1-{MAX_POPULATION}, got {population!r}")
    if output_every_days is not None and not 0 < output_every_days <= days:
        raise VitasimInputError("output_every", f"must be > 0 and <= days, got {output_every_days!r}")
    method = "population" if solver == "auto" else solver
    if method not in solver_names():
        raise VitasimInputError("solver", f"unknown solver {solver!r}; accepted: auto, {', '.join(solver_names())}")
    system = system or system_for(quantities)
    problem, wanted, defaulted = build_problem(system, profile, days=days, population=population, seed=seed,
                                               quantities=quantities, output_every_days=output_every_days)
    options = {"rtol": ONE_PERSON_RTOL} if method == "population" and population == 1 else {}  # one person: tight
    raw = _solve_in_blocks(problem, get_solver(method, **options).solve, progress)
    data = summarise(raw, system, wanted, problem.t_out)
    result = SimulationResult(data, profile, population, seed if population > 1 else None, method, defaulted,
                              int(np.sum(raw.status != 0)))
    return result, raw, problem
