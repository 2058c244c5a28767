"""``simulate``: the one entry point from a profile to predicted trajectories."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np

from vitasim import physiology
from vitasim.errors import VitasimInputError
from vitasim.model import System, assemble
from vitasim.population import sample, sample_rows, typical_vector
from vitasim.profile import Profile
from vitasim.regimen import dose_events
from vitasim.rules import Finding, merge, profile_findings, run_rules
from vitasim.solution import Provenance, Solution, model_fingerprint
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


def _time_grid(days: float, every_days: float | None) -> np.ndarray:
    if every_days is None:
        every_days = 1.0 if days <= 3 * 365 else 7.0
    n = int(np.floor(days / every_days + 1e-9))
    grid = np.arange(n + 1) * every_days
    if grid[-1] < days - 1e-9:
        grid = np.append(grid, days)
    return grid * 24.0


def touched_modules(system: System, profile: Profile) -> list[str]:
    """Modules the profile involves: a supplement in the regimen, a lab, medicine or condition that
    one of the module's covariates reads, or a measured lab that one of its outputs predicts (a
    serum calcium or PTH result involves the calcium/bone model)."""
    from vitasim.labs import CATALOGUE
    by_supplement = {sup.key: mod.name for mod in system.modules for sup in mod.supplements}
    names = {by_supplement[item.supplement.key] for item in profile.regimen if item.supplement.key in by_supplement}
    by_output = {out.name: mod.name for mod in system.modules for out in mod.outputs}
    for lab in CATALOGUE:
        if lab.output in by_output and (lab.key in profile.labs or lab.key in getattr(profile, "lab_history", {})):
            names.add(by_output[lab.output])
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
                  quantities: list[str] | None, output_every_days: float | None,
                  rows: tuple[int, int] | None = None):
    """Profile -> solver Problem (pure arrays) plus what the result needs to label it.  ``rows``:
    people start..stop-1 of a chunked population (:func:`vitasim.population.sample_rows`)."""
    typical, defaulted = typical_vector(system, profile)
    if rows is None:
        params = sample(system, typical, population, seed)
    else:
        params = sample_rows(system, typical, seed, rows[0], rows[1])
        population = rows[1] - rows[0]
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


def simulate(profile: Profile, *, days: float = 180, population: int = 1, seed: int | None = 0,
             solver: str = "auto", quantities: list[str] | tuple[str, ...] | None = None,
             output_every_days: float | None = None, system: System | None = None, progress=None,
             rules: bool = True, per_person: bool = True, workers: int | None = None,
             scheduler: str | None = None) -> Solution:
    """Simulate a validated profile and apply every module's rules: the one path from a profile to
    predictions.  ``system`` defaults to the smallest system computing ``quantities``;
    ``rules=False`` skips the findings (the dose search scores targets itself); ``per_person=False``
    keeps only the summary (frees memory for large populations).  ``workers`` / ``scheduler``: the
    population runs in chunks on Dask (a LocalCluster of ``workers`` processes, or the cluster at
    ``scheduler``) and the summary is reduced while simulating (:mod:`vitasim.scale`)."""
    if isinstance(days, bool) or not isinstance(days, (int, float)) or not 1 <= days <= MAX_DAYS:
        raise VitasimInputError("days", f"must be between 1 and {MAX_DAYS}, got {days!r}")
    if isinstance(population, bool) or not isinstance(population, (int, np.integer)) or not 1 <= population <= MAX_POPULATION:
        raise VitasimInputError("population", f"must be a whole number 1-{MAX_POPULATION}, got {population!r}")
    population = int(population)
    if output_every_days is not None and (isinstance(output_every_days, bool)
                                          or not isinstance(output_every_days, (int, float))
                                          or not 0 < output_every_days <= days):
        raise VitasimInputError("output_every", f"must be > 0 and <= days, got {output_every_days!r}")
    method = "population" if solver == "auto" else solver
    if method not in solver_names():
        raise VitasimInputError("solver", f"unknown solver {solver!r}; accepted: auto, {', '.join(solver_names())}")
    if quantities is not None:
        if isinstance(quantities, str) or not all(isinstance(q, str) for q in quantities):
            raise VitasimInputError("quantities", "must be a list of quantity names, e.g. ['25ohd']")
        quantities = list(quantities)
    system = system or system_for(quantities)
    if workers is not None or scheduler is not None:
        from vitasim.scale.streamed import simulate_streamed
        return simulate_streamed(profile, system, days=days, population=population, seed=seed, solver=method,
                                 quantities=quantities, output_every_days=output_every_days, rules=rules,
                                 per_person=per_person, workers=workers, scheduler=scheduler)
    _guard_in_process(system, population, days, quantities, output_every_days)
    problem, wanted, defaulted = build_problem(system, profile, days=days, population=population, seed=seed,
                                               quantities=quantities, output_every_days=output_every_days)
    options = {"rtol": ONE_PERSON_RTOL} if method == "population" and population == 1 else {}  # one person: tight
    backend = get_solver(method, **options)
    raw = _solve_in_blocks(problem, backend.solve, progress)
    ok = raw.status == 0
    values = {name: raw.values[ok, :, k] for k, name in enumerate(wanted)}
    from vitasim import __version__
    provenance = Provenance(__version__, model_fingerprint(system), tuple(m.name for m in system.modules),
                            raw.method, float(raw.rtol), seed if population > 1 else None, population)
    solution = Solution(profile, system, float(days), problem.t_out / 24.0, values, tuple(wanted), population,
                        provenance, tuple(defaulted), int(np.sum(~ok)), raw.status, raw.stats)
    if rules:
        solution = solution.with_findings(findings_for(solution))
    return solution if per_person else solution.without_per_person()


def _guard_in_process(system: System, population: int, days: float, quantities, output_every_days) -> None:
    """Refuse, with the figure, an in-process run that will not fit in memory."""
    from vitasim.scale.guard import check_memory, estimate_memory
    n_q = len(quantities) if quantities else len(system.outputs)
    est = estimate_memory(population, len(system.pnames), len(system.states),
                          _time_grid(days, output_every_days).size, n_q)
    check_memory(est, hint="; run it with workers (summaries streamed, per_person=False) or fewer people")


def findings_for(solution: Solution) -> list[Finding]:
    """Every module's rules on ``solution``, plus unknown names and solver failures (merged)."""
    found = list(run_rules(physiology.rule_sets(), solution))
    found.extend(profile_findings(solution.profile))
    if solution.failed:
        found.append(Finding("SOLVER_FAILED", "caution",
                             f"The solver failed for {solution.failed} of {solution.population} virtual people; "
                             "their trajectories are left out of the summary.", ("hairer1996",)))
    return merge(found)
