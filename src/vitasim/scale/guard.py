"""How much memory a population run needs, and a refusal that names the figure.

The in-process path holds every person's parameters and start states (float64), the solver's
output (float32, people x times x quantities), the per-quantity copies ``simulate`` keeps, and one
float64 quantity at a time while summarising.  The streamed path (``workers``) holds only one
chunk per worker and the quantile sketches in the caller.
"""
from __future__ import annotations

from dataclasses import dataclass

from vitasim.errors import VitasimInputError

GIB = 1024 ** 3
#: Fraction of the memory available now that a run may plan to use (the rest: the OS, other work).
USABLE = 0.7
#: A worker's fixed cost: interpreter, numpy/numba, the compiled model (measured about 0.3 GiB).
WORKER_BASE = 0.4 * GIB
#: Sketch buckets per (time, quantity) series, an upper figure: values over a factor 1e3 at alpha 5e-4.
SKETCH_BUCKETS = 7000


@dataclass(frozen=True)
class MemoryEstimate:
    """Bytes the caller holds, and bytes each worker holds (0: no workers)."""

    caller: float
    per_worker: float
    workers: int

    @property
    def total(self) -> float:
        return self.caller + self.per_worker * self.workers


def estimate_memory(people: int, n_params: int, n_states: int, n_times: int, n_quantities: int, *,
                    workers: int = 0, chunk: int = 0, per_person: bool = True) -> MemoryEstimate:
    """Bytes a run needs.  Without workers: everything in this process.  With workers: each holds
    one chunk (parameters, states, float32 output, a float64 copy to sketch) plus its base; the
    caller holds the merged sketches (and every person's output if ``per_person``)."""
    per_person_bytes = people * n_times * n_quantities * 4.0
    if workers <= 0:
        caller = (people * (n_params + n_states) * 8.0 + 2 * per_person_bytes + people * n_times * 8.0)
        return MemoryEstimate(caller, 0.0, 0)
    chunk_bytes = chunk * ((n_params + n_states) * 8.0 + n_times * n_quantities * (4.0 + 8.0))
    sketches = 2 * n_times * n_quantities * SKETCH_BUCKETS * 16.0   # the merged one and one arriving
    caller = sketches + (per_person_bytes if per_person else 0.0) + 2 * workers * chunk_bytes  # results in flight
    return MemoryEstimate(caller, WORKER_BASE + 2 * chunk_bytes, workers)


def available_memory() -> float:
    """Bytes available now: psutil's figure (what the OS could give without swapping) when
    installed (it comes with dask), else the free physical pages (an underestimate)."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with the scale extra
        import os
        return float(os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    return float(psutil.virtual_memory().available)


def check_memory(estimate: MemoryEstimate, *, available: float | None = None, hint: str = "") -> None:
    """Raise VitasimInputError('population', ...) naming the figures if the run will not fit."""
    have = available_memory() if available is None else float(available)
    if estimate.total > USABLE * have:
        raise VitasimInputError(
            "population", f"this run needs about {estimate.total / GIB:.1f} GiB of memory and "
                          f"{have / GIB:.1f} GiB is available (at most {USABLE:.0%} is used){hint}")
