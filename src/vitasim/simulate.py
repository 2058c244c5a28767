"""``simulate``: the one entry point from a profile to predicted trajectories."""
from __future__ import annotations

import math
import numbers
import os
from dataclasses import replace
from functools import lru_cache

import numpy as np

from vitasim import physiology, units
from vitasim.errors import VitasimInputError, quote
from vitasim.model import System, assemble
from vitasim.population import individuals_for, sample, sample_rows, typical_vector, with_individuals
from vitasim.profile import Profile
from vitasim.regimen import MIN_INTERVAL_H, MIN_INTERVAL_TEXT, dose_events, ignored_in_horizon
from vitasim.rules import Finding, merge, profile_findings, run_rules
from vitasim.solution import Provenance, Solution, model_fingerprint
from vitasim.solve import Problem, RawSolution, get_solver, solver_names
from vitasim.solve.codegen import compile_system

MAX_DAYS = 36500
ONE_PERSON_RTOL = 1e-7
MAX_POPULATION = 5_000_000
MAX_SEED = 2 ** 63 - 1
# The finest output grid: the shortest dosing interval (vitasim.regimen.MIN_INTERVAL_H, 30 minutes).
# Absorption spreads each dose over hours, so a finer grid shows nothing more and only multiplies
# the output ('--every 1e-6' over 180 days would be 180 million points per quantity and person).
MIN_OUTPUT_EVERY_DAYS = MIN_INTERVAL_H / 24.0
# People per block of the population kernel, as person-days: compiled code does not see Ctrl-C,
# so the work is cut into blocks of about a second at most (a person-day of the full coupled model
# costs some tens of microseconds); the block size depends only on the inputs, so results stay
# reproducible bit for bit.
PERSON_DAYS_PER_BLOCK = 20_000
MIN_BLOCK = 16
MEMORY_SHARE = 0.8    # of the memory available now, the most one simulation may plan to use


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
                  individuals: dict[str, np.ndarray] | None = None, rows: tuple[int, int] | None = None):
    """Profile -> solver Problem (pure arrays) plus what the result needs to label it.

    ``individuals`` (parameter name -> one value per person, e.g. a person's posterior draws from
    :mod:`vitasim.fit`; default: those of :func:`vitasim.population.individuals_in_use`) replaces
    the population draws of those parameters; the others keep theirs.  ``rows``: people
    start..stop-1 of a chunked population (:func:`vitasim.population.sample_rows`)."""
    typical, defaulted = typical_vector(system, profile)
    if rows is None:
        params = sample(system, typical, population, seed)
    else:
        params = sample_rows(system, typical, seed, rows[0], rows[1])
        population = rows[1] - rows[0]
    individuals = individuals if individuals is not None else individuals_for(population)
    if individuals is not None:
        params = with_individuals(system, params, individuals)
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


def block_size(n: int, days: float) -> int:
    """People per block: about PERSON_DAYS_PER_BLOCK person-days (at least MIN_BLOCK people), so that
    Ctrl-C is seen between blocks; depends only on ``n`` and ``days`` (reproducible results)."""
    return max(MIN_BLOCK, min(n, int(PERSON_DAYS_PER_BLOCK // max(days, 1.0))))


def _solve_in_blocks(problem: Problem, solver, progress) -> RawSolution:
    """Solve in blocks of people (see :func:`block_size`); a progress callback hears of each."""
    n = problem.n
    block = block_size(n, float(problem.t_out[-1]) / 24.0 if problem.t_out.size else 1.0)
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


API_FIELDS = {"days": "days", "population": "population", "seed": "seed", "output_every_days": "output_every_days",
              "quantities": "quantities", "solver": "solver"}


def _is_int(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_real(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_options(*, days: object, population: object, seed: object, output_every_days: object = None,
                  quantities: object = None, fields: dict[str, str] | None = None) -> tuple[float, int, int | None,
                                                                                              float | None,
                                                                                              list[str] | None]:
    """Validate the run options; errors name the field as the caller's user wrote it (``fields`` maps
    ``days``, ``population``, ``seed``, ``output_every_days`` and ``quantities`` to e.g. ``--every``).

    Returns them normalised: ``(days, population, seed, output_every_days, quantities)``.
    """
    name = {**API_FIELDS, **(fields or {})}
    if not _is_real(days) or not math.isfinite(float(days)) or not 1 <= float(days) <= MAX_DAYS:
        raise VitasimInputError(name["days"], f"must be a number of days between 1 and {MAX_DAYS}, got {quote(days)}")
    days = float(days)
    if not _is_int(population) or not 1 <= int(population) <= MAX_POPULATION:
        raise VitasimInputError(name["population"], f"must be a whole number 1-{MAX_POPULATION}, got {quote(population)}")
    population = int(population)
    if seed is not None and (not _is_int(seed) or not 0 <= int(seed) <= MAX_SEED):
        raise VitasimInputError(name["seed"], f"must be a whole number 0-{MAX_SEED}, got {quote(seed)}")
    seed = None if seed is None else int(seed)
    if output_every_days is not None:
        every = output_every_days
        if not _is_real(every) or not math.isfinite(float(every)):
            raise VitasimInputError(name["output_every_days"], f"must be a number of days, got {quote(every)}")
        if not MIN_OUTPUT_EVERY_DAYS <= float(every) <= days:
            raise VitasimInputError(name["output_every_days"],
                                    f"must be between {MIN_INTERVAL_TEXT} ({MIN_OUTPUT_EVERY_DAYS:.4g} day, the shortest dosing "
                                    f"interval the model supports) and the {days:g} days simulated, got {quote(every)}")
        output_every_days = float(every)
    if quantities is not None:
        if isinstance(quantities, (str, bytes)) or not isinstance(quantities, (list, tuple)) or \
                not all(isinstance(q, str) for q in quantities):
            raise VitasimInputError(name["quantities"], f"must be a list of quantity names, e.g. ['25ohd'], "
                                                        f"got {quote(quantities)}")
        quantities = list(quantities)
    return days, population, seed, output_every_days, quantities


def available_memory() -> int | None:
    """Bytes of memory available now (Linux MemAvailable; else free pages), None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def bytes_per_person(system: System, n_times: int, n_quantities: int) -> int:
    """Memory one virtual person needs at the peak of a run, in bytes: the parameter row (float64,
    drawn) and start states (twice: as built and as the solver's copy), the outputs (float32, n_times x
    n_quantities) three times (the solver's array, the block concatenation or the copy of the people
    kept, and the per-quantity arrays), and the summary's float64 working copy of one quantity."""
    n_params, n_states = len(system.pnames), len(system.states)
    return 8 * (n_params + 2 * n_states) + 3 * 4 * n_times * n_quantities + 2 * 8 * n_times


def check_memory(system: System, population: int, n_times: int, n_quantities: int, field: str = "population",
                 available: int | None = None) -> None:
    """Refuse, before anything is allocated, a run whose estimated peak memory does not fit."""
    available = available_memory() if available is None else available
    if available is None:
        return
    each = bytes_per_person(system, n_times, n_quantities)
    budget = MEMORY_SHARE * available
    if population * each > budget:
        fits = int(budget // each)
        raise VitasimInputError(field, f"{population:,} people need about {population * each / 2**30:.1f} GiB "
                                       f"({each / 1024:.1f} KiB each for {n_times:,} output times x {n_quantities} "
                                       f"quantities); {available / 2**30:.1f} GiB is available, so at most "
                                       f"{fits:,} fit (fewer days, a coarser output grid or fewer quantities fit more; "
                                       "or run it with workers, which stream the summaries)")


def simulate(profile: Profile, *, days: float = 180, population: int = 1, seed: int | None = 0,
             solver: str = "auto", quantities: list[str] | tuple[str, ...] | None = None,
             output_every_days: float | None = None, system: System | None = None, progress=None,
             rules: bool = True, per_person: bool = True,
             individuals: dict[str, np.ndarray] | None = None, workers: int | None = None,
             scheduler: str | None = None) -> Solution:
    """Simulate a validated profile and apply every module's rules: the one path from a profile to
    predictions.  ``system`` defaults to the smallest system computing ``quantities``;
    ``rules=False`` skips the findings (the dose search scores targets itself); ``per_person=False``
    keeps only the summary (frees memory for large populations); ``individuals`` (name -> values, one
    per person, ``population`` of them) replaces the population draws (a person's posterior).
    ``workers`` / ``scheduler``: the population runs in chunks on Dask (a LocalCluster of ``workers``
    processes, or the cluster at ``scheduler``) and the summary is reduced while simulating
    (:mod:`vitasim.scale`)."""
    days, population, seed, output_every_days, quantities = check_options(
        days=days, population=population, seed=seed, output_every_days=output_every_days, quantities=quantities)
    if not isinstance(solver, str):
        raise VitasimInputError("solver", f"must be a solver name, got {quote(solver)}")
    method = "population" if solver == "auto" else solver
    if method not in solver_names():
        raise VitasimInputError("solver", f"unknown solver {quote(solver)}; accepted: auto, {', '.join(solver_names())}")
    system = system or system_for(quantities)
    if workers is not None or scheduler is not None:
        if individuals is not None:
            raise VitasimInputError("workers", "a person's posterior (individuals) runs in process, not on workers")
        from vitasim.scale.streamed import simulate_streamed
        return simulate_streamed(profile, system, days=days, population=population, seed=seed, solver=method,
                                 quantities=quantities, output_every_days=output_every_days, rules=rules,
                                 per_person=per_person, workers=workers, scheduler=scheduler)
    n_quantities = len(quantities) if quantities else len(system.outputs)
    check_memory(system, population, _time_grid(days, output_every_days).size, n_quantities)
    problem, wanted, defaulted = build_problem(system, profile, days=days, population=population, seed=seed,
                                               quantities=quantities, output_every_days=output_every_days,
                                               individuals=individuals)
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


def alert_sources(profile: Profile) -> tuple[str, ...]:
    """Citation keys of the emergency ranges the profile's labs fall in."""
    from vitasim.labs import resolver
    keys = {alert.split(":", 1)[0].removeprefix("labs.") for alert in profile.lab_alerts}
    return tuple(sorted({lab.alert_source for key in keys if (lab := resolver().get(key)) is not None}))


def input_findings(profile: Profile, days: float) -> list[Finding]:
    """What the input held that this run leaves out, and accepted labs in an emergency range (never silent)."""
    found = []
    if profile.defaults_assumed:
        found.append(Finding("PROFILE_DEFAULTS_ASSUMED", "info", "Assumed: " + "; ".join(profile.defaults_assumed)
                             + ".", ()))
    ignored = [*profile.ignored, *ignored_in_horizon(profile.regimen, days * 24.0)]
    if ignored:
        found.append(Finding("PROFILE_IGNORED", "info", "Not used: " + "; ".join(ignored) + ".", ()))
    if profile.lab_alerts:
        found.append(Finding("PROFILE_LAB_EMERGENCY", "danger", "Measured " + "; ".join(profile.lab_alerts) + ".",
                             alert_sources(profile)))
    return found


BASELINE_TOLERANCE = 0.02   # relative: a start further than this from a given lab is reported


def baseline_findings(solution: Solution) -> list[Finding]:
    """A given lab the model cannot start from (below the floor it represents, such as MMA under its
    non-B12 floor, or an INR under 1 on a vitamin K antagonist) is reported with the value used."""
    from vitasim.labs import resolver
    profile, system = solution.profile, solution.system
    owner = {out.name: mod for mod in system.modules for out in mod.outputs}
    said = []
    for key, given in sorted(profile.labs.items()):
        lab = resolver().get(key)
        values = solution.per_person.get(lab.output) if lab is not None and lab.output else None
        if values is None or values.shape[0] == 0 or values.shape[1] == 0:
            continue
        mod = owner[lab.output]
        injected = {sup.key for sup in mod.supplements}
        if any(it.supplement.key in injected and it.start_h == 0 and it.route != "oral" for it in profile.regimen):
            continue   # a dose straight into the blood at day 0 moves the first output
        out = system.output(lab.output)
        start = float(np.median(values[:, 0]))
        if out.unit != lab.unit:
            start = float(units.convert_values(start, out.unit, lab.unit, out.compound or lab.compound))
        if abs(start - given) > BASELINE_TOLERANCE * max(abs(given), 1e-12):
            said.append(f"labs.{key}: given {given:.4g} {lab.unit}, the model starts at {start:.4g} {lab.unit}, the "
                        "nearest value it represents")
    if not said:
        return []
    return [Finding("PROFILE_LAB_NOT_AS_GIVEN", "caution", "; ".join(said) + ". Predictions for these labs start "
                    "from the model's value, not the measured one.", ())]


def findings_for(solution: Solution) -> list[Finding]:
    """Every module's rules on ``solution``, plus unknown names and solver failures (merged)."""
    found = list(run_rules(physiology.rule_sets(), solution))
    found.extend(profile_findings(solution.profile))
    found.extend(input_findings(solution.profile, solution.days))
    found.extend(baseline_findings(solution))
    if solution.failed:
        found.append(Finding("SOLVER_FAILED", "caution",
                             f"The solver failed for {solution.failed} of {solution.population} virtual people; "
                             "their trajectories are left out of the summary.", ("hairer1996",)))
    return merge(found)
