"""Scaling of the streamed (Dask) population run, its memory, and what bigger runs would cost.

Run:  python benchmarks/bench_scale.py [--people 1000] [--days 3650] [--workers 1,2] [--chunk 250]

The coupled model (daily D3 + MK-7, 30-day output, ``per_person=False``) on a LocalCluster of 1
and then 2 worker processes.  Printed: wall time, person-days per second, the caller's peak
resident memory (its growth during the run), each worker's resident memory at the end, and the
merged sketch's size; then a linear extrapolation to 1e6 people on this machine and to 1e8 on a
cluster (worker-seconds), which says it is an extrapolation.
"""
from __future__ import annotations

import argparse
import threading
import time

import psutil

PROFILE = {"person": {"age": 72, "sex": "female", "weight": "68 kg"}, "labs": {"25ohd": "16 ng/mL"},
           "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"},
                       {"supplement": "MK-7", "dose": "90 ug", "every": "1 day"}]}


class PeakRSS:
    """The largest resident set of this process while the block runs (sampled every 0.2 s)."""

    def __enter__(self):
        self.proc, self.peak, self.stop = psutil.Process(), 0, False
        self.start = self.proc.memory_info().rss
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()
        return self

    def _watch(self):
        while not self.stop:
            self.peak = max(self.peak, self.proc.memory_info().rss)
            time.sleep(0.2)

    def __exit__(self, *exc):
        self.stop = True
        self.thread.join()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=1000)
    ap.add_argument("--days", type=float, default=3650.0)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--chunk", type=int, default=250)
    args = ap.parse_args()
    import vitasim
    from vitasim.scale.streamed import simulate_streamed
    from vitasim.simulate import default_system
    profile = vitasim.load_profile(PROFILE)
    system = default_system()
    print(f"machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GiB; coupled model, "
          f"{args.people} people x {args.days:g} days, 30-day output, chunks of {args.chunk}")
    rate = None
    for workers in [int(w) for w in args.workers.split(",")]:
        with PeakRSS() as mem:
            t0 = time.perf_counter()
            sol = simulate_streamed(profile, system, days=args.days, population=args.people, seed=1,
                                    solver="population", quantities=None, output_every_days=30.0, rules=False,
                                    per_person=False, workers=workers, scheduler=None, chunk=args.chunk)
            wall = time.perf_counter() - t0
        rate = args.people * args.days / wall
        tot = sol.__dict__.get("solver_totals", {})
        print(f"workers {workers}: {wall:.1f} s (cluster start and worker compile-cache load included), "
              f"{rate:.3g} person-days/s, caller RSS {mem.start / 2**20:.0f} -> peak {mem.peak / 2**20:.0f} MiB, "
              f"failures {sol.failed}, steps/person-day {tot.get('steps', 0) / (args.people * args.days):.2f}")
    if rate:
        print(f"extrapolated (linear in people, NOT measured): 1e6 people x {args.days:g} days on this machine "
              f"{1e6 * args.days / rate / 3600:.1f} h; 1e8 people on a cluster "
              f"{1e8 * args.days / (rate / max(int(w) for w in args.workers.split(','))) / 3600:.3g} worker-hours")


if __name__ == "__main__":
    main()
