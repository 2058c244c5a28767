"""Throughput and accuracy of vitasim's solvers, and of libroadrunner on the same equations.

Run:  python benchmarks/bench_population.py [--quick | --full]

Throughput is person-days simulated per second of wall time (time.perf_counter), for the example
profile (examples/older_woman_loading.yaml: daily 2000 IU D3 + weekly 50 000 IU for 8 weeks), a
virtual population sampled with seed 1 (each person has their own parameters).  Our engine's
compile time is excluded (a warm-up call on a tiny batch first); roadrunner's model load time is
reported separately.  Rows marked "extrapolated" scale a measured per-person rate linearly.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "older_woman_loading.yaml"


def versions() -> str:
    import numba
    import scipy

    import vitasim
    parts = [f"python {platform.python_version()}", f"vitasim {vitasim.__version__}",
             f"numpy {np.__version__}", f"numba {numba.__version__}", f"scipy {scipy.__version__}"]
    try:
        import roadrunner
        parts.append(f"libroadrunner {roadrunner.__version__}")
    except ImportError:
        parts.append("libroadrunner n/a")
    return ", ".join(parts)


def machine() -> str:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return f"{platform.machine()} {platform.system()}, cpu_count={os.cpu_count()}, usable={usable}"


def subset(problem, k: int):
    return dataclasses.replace(problem, params=problem.params[:k], y0=problem.y0[:k])


def cli_times() -> tuple[str, str]:
    cmd = [sys.executable, "-m", "vitasim.cli", "simulate", str(EXAMPLE)]
    out = []
    for _ in range(2):
        t0 = time.perf_counter()
        try:
            res = subprocess.run(cmd, capture_output=True, timeout=600, cwd=ROOT)
            ok = res.returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        dt = time.perf_counter() - t0
        out.append(f"{dt:.2f} s" if ok else "n/a")
    return out[0], out[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="short smoke run (30 days, N <= 100)")
    ap.add_argument("--full", action="store_true",
                    help="also 100 000 x 10 y, reference on 100 people, roadrunner 10 y at N=1000")
    args = ap.parse_args()

    from vitasim import load_profile
    from vitasim.simulate import build_problem, default_system
    from vitasim.solve import solve_population, solve_reference
    try:
        from vitasim.solve.antimony import load_roadrunner_with_events, solve_roadrunner_events
        import antimony  # noqa: F401
        import roadrunner  # noqa: F401
        have_rr = True
    except ImportError:
        have_rr = False

    system = default_system()
    profile = load_profile(EXAMPLE)

    print(f"machine : {machine()}")
    print(f"versions: {versions()}")

    def problem(n: int, days: float, every: float):
        return build_problem(system, profile, days=days, population=n, seed=1, quantities=["25ohd"],
                             output_every_days=every)[0]

    # warm-up: compile (or load from numba's disk cache) outside the timings
    t0 = time.perf_counter()
    tiny = problem(2, 2, 1)
    solve_population(tiny)
    solve_reference(subset(tiny, 1))
    print(f"engine warm-up (compile / cache load): {time.perf_counter() - t0:.2f} s (excluded)")

    if args.quick:
        horizons = [("30 d", 30.0, 1.0)]
        pop_ns = {"30 d": [1, 100]}
        ref_meas = 1
        rr_ns = [1, 10]
    else:
        horizons = [("1 y", 365.0, 1.0), ("10 y", 3650.0, 7.0)]
        pop_ns = {"1 y": [1, 1000, 100_000], "10 y": [1, 1000] + ([100_000] if args.full else [])}
        ref_meas = 100 if args.full else 3
        rr_ns = [1, 100, 1000]

    rows = []  # (path, N, horizon, every, wall, pd/s, note)

    def add(path, n, hname, every, wall, days, note=""):
        rows.append((path, n, hname, every, wall, n * days / wall, note))

    acc = {}
    rr_load = None

    for hname, days, every in horizons:
        for n in pop_ns[hname]:
            prob = problem(n, days, every)
            t0 = time.perf_counter()
            pop = solve_population(prob)
            add(f"{pop.method} (numba)", n, hname, every, time.perf_counter() - t0, days)
            if hname == horizons[0][0] and n == max(pop_ns[hname]):
                big_prob, big_pop = prob, pop
        # reference: measured at N=1 and N=ref_meas (first horizon only), else extrapolated
        first = hname == horizons[0][0]
        ref_rate = None
        if first:
            for k in sorted({1, ref_meas}):
                sub = subset(big_prob, k)
                t0 = time.perf_counter()
                ref = solve_reference(sub)
                wall = time.perf_counter() - t0
                add("reference (scipy Radau)", k, hname, every, wall, days)
                ref_rate = k * days / wall
            kacc = min(ref_meas, 100)
            acc["pop"] = np.nanmax(np.abs(big_pop.values[:kacc, :, 0] / ref.values[:kacc, :, 0] - 1))
            acc["n"] = kacc
            acc["ref_vals"] = ref.values[:kacc, :, 0]
            ref_rate_1y = ref_rate
        else:
            ref_rate = ref_rate_1y
        for n in pop_ns[hname]:
            if not (first and n <= ref_meas):
                wall = n * days / ref_rate
                add("reference (scipy Radau)", n, hname, every, wall, days,
                    f"extrapolated from N={ref_meas}, {horizons[0][0]}")
        # libroadrunner, serial loop over people, model loaded once per tolerance setting
        if have_rr:
            for label, rtol, atol, ks in (("rtol 1e-6", 1e-6, 1e-9, rr_ns), ("rtol 1e-10", 1e-10, 1e-12, rr_ns[:2])):
                key = f"rr {label}"
                src = big_prob if first else prob
                t0 = time.perf_counter()
                rr = load_roadrunner_with_events(src, rtol=rtol, atol=atol)  # the horizon's dose events
                rr_load = time.perf_counter() - t0
                targets = ks if first else [1]
                rate = None
                for k in targets:
                    prob_k = subset(src, k)
                    t0 = time.perf_counter()
                    vals = solve_roadrunner_events(prob_k, rr)
                    wall = time.perf_counter() - t0
                    add(f"libroadrunner CVODE {label}", k, hname, every, wall, days)
                    rate = k * days / wall
                    if first and k >= acc["n"]:
                        acc.setdefault(key, np.nanmax(np.abs(vals[:acc["n"], :, 0] / acc["ref_vals"] - 1)))
                for n in pop_ns[hname]:
                    if n not in targets:
                        add(f"libroadrunner CVODE {label}", n, hname, every, n * days / rate, days,
                            f"extrapolated from N={targets[-1]}")

    print()
    print(f"{'path':<34} {'N':>8} {'horizon':>7} {'output':>7} {'wall s':>9} {'person-days/s':>14}  note")
    for path, n, hname, every, wall, rate, note in rows:
        print(f"{path:<34} {n:>8} {hname:>7} {every:>5g} d {wall:>9.3f} {rate:>14.4g}  {note}")
    print()
    if have_rr:
        print(f"libroadrunner model load (Antimony -> SBML -> LLVM): {rr_load:.3f} s per model (excluded above);")
        print("  doses are SBML events (one periodic event per dose stream), one rr.simulate call per person")
    else:
        print("libroadrunner: not installed (needs the roadrunner and antimony packages)")
    print(f"accuracy, first {acc['n']} people, {horizons[0][0]}, 25ohd vs reference path (Radau rtol 1e-9):")
    print(f"  population path (rtol 1e-4, float32 output): max rel err {acc['pop']:.2e}")
    for key in sorted(k for k in acc if k.startswith("rr ")):
        print(f"  libroadrunner CVODE {key[3:]}: max rel err {acc[key]:.2e}")
    cold, warm = cli_times()
    print(f"CLI `python -m vitasim.cli simulate {EXAMPLE.relative_to(ROOT)}`: cold {cold}, warm {warm}")


if __name__ == "__main__":
    main()
