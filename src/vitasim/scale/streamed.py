"""``simulate(..., workers=N)``: the chunked, streamed path from a profile to a Solution."""
from __future__ import annotations

import numpy as np

from vitasim.errors import VitasimInputError
from vitasim.scale.distributed import DEFAULT_CHUNK, run_streamed, summary_dataset
from vitasim.scale.guard import check_memory, estimate_memory
from vitasim.solution import Provenance, Solution, model_fingerprint
from vitasim.solve.status import STAT_NAMES


def simulate_streamed(profile, system, *, days, population, seed, solver, quantities, output_every_days, rules,
                      per_person, workers, scheduler, chunk: int | None = None) -> Solution:
    """As :func:`vitasim.simulate.simulate`, people in chunks on Dask; the summary comes from the
    merged quantile sketches (relative error ``data[q].attrs['relative_error']``); per-person
    arrays only if ``per_person`` (and they fit)."""
    from vitasim.simulate import ONE_PERSON_RTOL, build_problem, findings_for
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, (int, np.integer))
                                or not 1 <= workers <= 1024):
        raise VitasimInputError("workers", f"must be a whole number 1-1024, got {workers!r}")
    if scheduler is not None and (not isinstance(scheduler, str) or not scheduler.strip()):
        raise VitasimInputError("scheduler", f"must be an address such as tcp://host:8786, got {scheduler!r}")
    workers = int(workers or 1)
    # labels and output times from a one-person problem (cheap); the people are built on the workers
    probe, wanted, defaulted = build_problem(system, profile, days=days, population=1, seed=seed,
                                             quantities=quantities, output_every_days=output_every_days)
    n_times = probe.t_out.size
    chunk = min(DEFAULT_CHUNK, max(1, -(-population // workers)))
    check_memory(estimate_memory(population, len(system.pnames), len(system.states), n_times, len(wanted),
                                 workers=0 if scheduler else workers, chunk=chunk, per_person=per_person),
                 hint="; ask for per_person=False (the summary is streamed) or fewer people")
    options = {"rtol": ONE_PERSON_RTOL} if solver == "population" and population == 1 else {}
    run = run_streamed(system, profile, days=days, population=population, seed=seed, wanted=wanted,
                       output_every_days=output_every_days, solver=solver, options=options, workers=workers,
                       scheduler=scheduler, chunk=chunk, per_person=per_person, n_times=n_times)
    from vitasim import __version__
    provenance = Provenance(__version__, model_fingerprint(system), tuple(m.name for m in system.modules),
                            run.method, float(run.rtol), seed, population)
    if per_person:
        ok = run.status == 0
        values = {name: run.values[ok, :, k] for k, name in enumerate(wanted)}
    else:
        values = {}
    solution = Solution(profile, system, float(days), probe.t_out / 24.0, values, tuple(wanted), population,
                        provenance, tuple(defaulted), run.failed, run.status, None)
    data = summary_dataset(run, system, wanted, probe.t_out / 24.0)
    solution.__dict__["data"] = data  # the streamed summary, not one recomputed from per-person arrays
    if rules:
        solution = solution.with_findings(findings_for(solution))
        solution.__dict__["data"] = data
    solution.__dict__["solver_totals"] = dict(zip(STAT_NAMES, run.stats.tolist()))  # counters summed over people
    return solution
