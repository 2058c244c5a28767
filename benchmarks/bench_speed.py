"""Issue 13 in one run: the coupled model against libroadrunner on the Peterson-Riggs bone SBML
alone, machine-independent counters before and after, and the accuracy of every quantity.

Run:  python benchmarks/bench_speed.py [--people 200] [--repeats 3] [--ref-people 2] [--ref-days 365]

* Ours: the coupled model (vitamin D, K, B12, magnesium, calcium/bone), N people (seed 1) x 10
  years, 1000 IU D3 and 90 ug MK-7 daily, output every 30 days, the population path at its
  default rtol, "before" (``exact=False``: every state integrated, first-order first step after a
  dose) and "after" (linearly decaying states exact between doses, second-derivative first step).
* libroadrunner: BIOMD0000000613 alone (corrected INparenCtriol, teriparatide 0, CVODE rtol 1e-6,
  atol 1e-9), N people x 10 years with five parameters varied (CV 20 %, as in the perf spike),
  30-day output, two worker processes, model load and pool start excluded.
* The runs are interleaved (roadrunner, before, after) ``--repeats`` times on the same machine;
  the ratio is taken within each repeat and the median reported, so load from other jobs moves
  both sides alike.  Counters (steps, right-hand sides, Jacobians) do not depend on the machine.
* Accuracy: every output of the coupled model, ``--ref-people`` people over ``--ref-days``, the
  population path against the reference path (scipy Radau, rtol 1e-9), as the largest error
  relative to each output's largest magnitude.
* Vitamin D alone (the same D3 regimen, 10 years, 30-day output) and ``simulate`` of one person
  (warm) are timed too.
"""
from __future__ import annotations

import argparse
import dataclasses
import multiprocessing as mp
import os
import re
import statistics
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SBML = Path(os.environ.get("VITASIM_SHARED", ROOT.parent / "shared")) / "data" / "sbml" / "BIOMD0000000613.xml"
PROFILE = {"person": {"age": 72, "sex": "female", "weight": "68 kg"}, "labs": {"25ohd": "16 ng/mL"},
           "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"},
                       {"supplement": "MK-7", "dose": "90 ug", "every": "1 day"}]}
DAYS = 3650.0
EVERY = 30.0
RR_VARIED = ["T65", "T69", "kb", "koutL", "T57"]

_RR = None


def _rr_init() -> None:
    global _RR
    import roadrunner
    text = SBML.read_text()
    rule = re.search(r'(<assignmentRule[^>]*variable="INparenCtriol">.*?</assignmentRule>)', text, re.DOTALL).group(1)
    text = text.replace(rule, rule.replace("<ci> C8 </ci>", "<cn> 90 </cn>"))
    _RR = roadrunner.RoadRunner(text)
    _RR.integrator.relative_tolerance = 1e-6
    _RR.integrator.absolute_tolerance = 1e-9


def _rr_people(factors: np.ndarray) -> int:
    """Simulate one person per row of ``factors`` (multipliers of RR_VARIED); returns the count."""
    base = {k: _RR[k] for k in RR_VARIED}
    for row in factors:
        _RR.resetAll()
        _RR["teri_dose_mcg"] = 0.0
        for k, f in zip(RR_VARIED, row):
            _RR[k] = base[k] * float(f)
        _RR.simulate(0.0, DAYS * 24.0, int(DAYS / EVERY) + 1)
    return len(factors)


def roadrunner_pool(n: int):
    """A started two-process pool with the model loaded, and the people's factors; None if unavailable."""
    try:
        import roadrunner  # noqa: F401
    except ImportError:
        return None
    if not SBML.is_file():
        return None
    pool = mp.get_context("spawn").Pool(2, initializer=_rr_init)
    pool.map(_rr_people, [np.ones((1, 5)), np.ones((1, 5))])  # both workers loaded and warm
    factors = np.exp(0.198 * np.random.default_rng(20240601).standard_normal((n, 5)))
    return pool, factors


def time_roadrunner(pool, factors) -> float:
    t0 = time.perf_counter()
    done = sum(pool.map(_rr_people, np.array_split(factors, 2)))
    assert done == len(factors)
    return time.perf_counter() - t0


def counters(raw, days: float) -> str:
    st = raw.stats.mean(axis=0)
    return (f"{st[0] / days:.2f} steps/day, {st[2] / days:.1f} RHS/day, {st[3] / (days / 365.25):.1f} "
            f"Jacobians/person-year, {st[1] / days:.2f} rejected/day, {int((raw.status != 0).sum())} failures")


def rel_errors(values: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Per output: largest |error| over people and times / largest |reference|."""
    scale = np.maximum(np.nanmax(np.abs(ref), axis=(0, 1)), 1e-300)
    return np.nanmax(np.abs(values - ref), axis=(0, 1)) / scale


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--ref-people", type=int, default=2)
    ap.add_argument("--ref-days", type=float, default=365.0)
    ap.add_argument("--vitd-people", type=int, default=2000)
    args = ap.parse_args()

    import vitasim
    from vitasim.simulate import build_problem, default_system, system_for
    from vitasim.solve import solve_population, solve_reference

    print(f"machine: cpu_count={os.cpu_count()}, load average {os.getloadavg()[0]:.1f}; "
          f"coupled: {args.people} people x {DAYS:g} days, daily D3 + MK-7, output every {EVERY:g} days")
    profile = vitasim.load_profile(PROFILE)
    full = default_system()
    warm, _, _ = build_problem(full, profile, days=40, population=2, seed=1, quantities=None, output_every_days=EVERY)
    for exact in (False, True):
        solve_population(warm, exact=exact)
    prob, _, _ = build_problem(full, profile, days=DAYS, population=args.people, seed=1, quantities=None,
                               output_every_days=EVERY)
    rr = roadrunner_pool(args.people)
    rows = {"roadrunner": [], "before": [], "after": []}
    raws = {}
    for r in range(args.repeats):
        if rr is not None:
            rows["roadrunner"].append(time_roadrunner(*rr))
        for label, exact in (("before", False), ("after", True)):
            t0 = time.perf_counter()
            raws[label] = solve_population(prob, exact=exact)
            rows[label].append(time.perf_counter() - t0)
        line = ", ".join(f"{k} {v[-1]:.2f} s" for k, v in rows.items() if v)
        print(f"  repeat {r + 1}: {line}")
    pdays = args.people * DAYS
    print(f"{'engine':<58} {'median wall s':>13} {'person-days/s':>14}")
    if rr is not None:
        print(f"{'libroadrunner, SBML 613 alone, 2 processes, 30-day output':<58} "
              f"{statistics.median(rows['roadrunner']):>13.2f} {pdays / statistics.median(rows['roadrunner']):>14.4g}")
    for label in ("before", "after"):
        wall = statistics.median(rows[label])
        print(f"{'ours, coupled (' + label + '), ' + raws[label].method:<58} {wall:>13.2f} {pdays / wall:>14.4g}"
              f"   ({counters(raws[label], DAYS)})")
        if rr is not None:
            ratios = [a / b for a, b in zip(rows["roadrunner"], rows[label])]
            print(f"    ratio to libroadrunner (same repeat, median of {len(ratios)}): "
                  f"{statistics.median(ratios):.3f} (runs: {', '.join(f'{x:.3f}' for x in ratios)})")
    if rr is not None:
        rr[0].close()
    diff = rel_errors(raws["after"].values.astype(float), raws["before"].values.astype(float))
    print(f"after vs before, {args.people} people x 10 years: largest difference {diff.max():.2e} of an output's range")

    # accuracy of every output against the reference path
    names = [o.name for o in full.outputs]
    pref, _, _ = build_problem(full, profile, days=args.ref_days, population=args.ref_people, seed=1, quantities=None,
                               output_every_days=EVERY)
    t0 = time.perf_counter()
    ref = solve_reference(pref)
    t_ref = time.perf_counter() - t0
    print(f"accuracy, {args.ref_people} people x {args.ref_days:g} days, every output vs the reference path "
          f"(Radau rtol 1e-9, {t_ref:.0f} s):")
    for label, exact in (("before", False), ("after", True)):
        err = rel_errors(solve_population(pref, exact=exact).values.astype(float), ref.values)
        worst = np.argsort(err)[::-1][:4]
        print(f"  {label}: largest {err.max():.2e} ({', '.join(f'{names[pref.keep[k]]} {err[k]:.1e}' for k in worst)});"
              f" outputs above 1e-3: {int((err > 1e-3).sum())} of {err.size}")

    # vitamin D alone, and one person warm
    vd = system_for(["25ohd"])
    pvd, _, _ = build_problem(vd, vitasim.load_profile({**PROFILE, "regimen": PROFILE["regimen"][:1]}), days=DAYS,
                              population=args.vitd_people, seed=1, quantities=["25ohd"], output_every_days=EVERY)
    for label, exact in (("before", False), ("after", True)):
        solve_population(dataclasses.replace(pvd, params=pvd.params[:2], y0=pvd.y0[:2]), exact=exact)
        t0 = time.perf_counter()
        raw = solve_population(pvd, exact=exact)
        wall = time.perf_counter() - t0
        print(f"vitamin D alone ({label}), {args.vitd_people} people x 10 y: {args.vitd_people * DAYS / wall:.3g} "
              f"person-days/s ({counters(raw, DAYS)})")
    vitasim.simulate(PROFILE, days=365)
    t0 = time.perf_counter()
    vitasim.simulate(PROFILE, days=365)
    print(f"simulate, one person, 1 year, coupled, warm: {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
