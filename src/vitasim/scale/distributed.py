"""A population on Dask: chunks of people on workers, quantile sketches merged as they arrive.

Each task builds its own people (:func:`vitasim.population.sample_rows`: person ``i`` depends on
the seed and ``i`` only), solves them with the registered solver and returns a
:class:`~vitasim.scale.sketch.QuantileSketch` of every output time and quantity (model units),
the failure count and the solver counters summed.  The caller keeps at most two chunks per worker
in flight and merges sketches as they complete, so its memory does not grow with the number of
people.  Sketch counts are integers: the summary is the same, bit for bit, for any number of
workers, any chunk size and any completion order.

``scheduler=None`` starts a ``LocalCluster`` of ``workers`` processes (one thread each: the
compiled solver is parallel inside a process already); an address (``tcp://host:8786``) uses a
running cluster, where every worker needs vitasim installed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vitasim.errors import VitasimInputError
from vitasim.scale.sketch import DEFAULT_ALPHA, QuantileSketch
from vitasim.solve.status import STAT_NAMES

#: People per task unless told: large enough that scheduling costs little, small enough to stream.
DEFAULT_CHUNK = 2000
QUANTILES = (0.5, 0.05, 0.95)   # the order of vitasim.solution.STATS: median, p5, p95


@dataclass
class ChunkResult:
    """What one task returns: its rows, sketch, failures, counters summed, and (if asked) values."""

    start: int
    stop: int
    sketch: QuantileSketch
    failed: int
    stats: np.ndarray           # (len(STAT_NAMES),) summed over the chunk's people
    method: str
    rtol: float
    values: np.ndarray | None   # (people, times, quantities) float32, only when per_person
    status: np.ndarray | None


def run_chunk(system, profile, days, seed, wanted, output_every_days, start, stop, solver, options, alpha,
              per_person) -> ChunkResult:
    """Solve people ``start..stop-1`` and sketch their outputs (runs on a worker)."""
    from vitasim.simulate import build_problem
    from vitasim.solve import get_solver
    problem, _, _ = build_problem(system, profile, days=days, population=stop - start, seed=seed,
                                  quantities=list(wanted), output_every_days=output_every_days, rows=(start, stop))
    raw = get_solver(solver, **options).solve(problem)
    ok = raw.status == 0
    sketch = QuantileSketch(problem.t_out.size * len(wanted), alpha)
    sketch.add(raw.values[ok].reshape(int(ok.sum()), -1))
    return ChunkResult(start, stop, sketch, int((~ok).sum()), raw.stats.sum(axis=0), raw.method, float(raw.rtol),
                       raw.values if per_person else None, raw.status if per_person else None)


def _client(workers: int, scheduler: str | None):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is an optional extra
        raise VitasimInputError("workers", "needs dask[distributed] (pip install 'vitasim[scale]')") from None
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


@dataclass
class StreamedRun:
    """The merged result of a chunked run."""

    sketch: QuantileSketch
    failed: int
    stats: np.ndarray
    method: str
    rtol: float
    values: np.ndarray | None
    status: np.ndarray | None


def run_streamed(system, profile, *, days, population, seed, wanted, output_every_days, solver, options,
                 workers: int = 1, scheduler: str | None = None, chunk: int | None = None,
                 alpha: float = DEFAULT_ALPHA, per_person: bool = False, n_times: int) -> StreamedRun:
    """All people in chunks on Dask; sketches merged in the caller as tasks complete."""
    from dask.distributed import as_completed
    chunk = int(chunk or min(DEFAULT_CHUNK, max(1, -(-population // max(workers, 1)))))
    bounds = [(a, min(population, a + chunk)) for a in range(0, population, chunk)]
    client, cluster = _client(workers, scheduler)
    try:
        shared = client.scatter([system, profile], broadcast=True)
        window = 2 * max(workers, len(client.scheduler_info().get("workers", {})) or 1)

        def submit(b):
            return client.submit(run_chunk, shared[0], shared[1], days, seed, tuple(wanted), output_every_days,
                                 b[0], b[1], solver, options, alpha, per_person, pure=False)

        todo = iter(bounds)
        pending = as_completed([submit(b) for _, b in zip(range(window), todo)])
        merged = QuantileSketch(n_times * len(wanted), alpha)
        failed, stats, method, rtol = 0, np.zeros(len(STAT_NAMES), dtype=np.int64), "", float("nan")
        values = np.empty((population, n_times, len(wanted)), dtype=np.float32) if per_person else None
        status = np.empty(population, dtype=np.int64) if per_person else None
        for fut in pending:
            res: ChunkResult = fut.result()
            fut.release()
            merged.merge(res.sketch)
            failed += res.failed
            stats += res.stats
            method, rtol = res.method, res.rtol
            if per_person:
                values[res.start:res.stop] = res.values
                status[res.start:res.stop] = res.status
            nxt = next(todo, None)
            if nxt is not None:
                pending.add(submit(nxt))
        return StreamedRun(merged, failed, stats, method, rtol, values, status)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def summary_dataset(run: StreamedRun, system, wanted, t_days):
    """The population summary (median, p5, p95 per time, display units) from the merged sketch."""
    import xarray as xr

    from vitasim import units
    from vitasim.solution import STATS
    q = run.sketch.quantiles(QUANTILES).reshape(len(QUANTILES), t_days.size, len(wanted))
    data = {}
    for k, name in enumerate(wanted):
        out = system.output(name)
        unit = out.display_unit or out.unit
        arr = units.convert_values(q[:, :, k], out.unit, unit, out.compound)
        data[name] = xr.DataArray(arr, dims=("stat", "time"),
                                  attrs={"unit": unit, "description": out.description,
                                         "relative_error": run.sketch.alpha})
    return xr.Dataset(data, coords={"time": ("time", np.asarray(t_days, dtype=np.float64), {"unit": "day"}),
                                    "stat": list(STATS)})
