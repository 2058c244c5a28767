"""Throughput of the coupled model (vitamin D, K, B12, magnesium, calcium/bone) and of the
non-stiff part without bone, against libroadrunner on the Peterson-Riggs SBML alone.

Run:  python benchmarks/bench_coupled.py [--sizes 1,1000,100000] [--light-sizes 1,1000,100000]

Scenario: examples/seeds_stack.yaml-like person (72-year-old woman, 25(OH)D 16 ng/mL) taking
1000 IU D3, 90 ug MK-7, 500 ug cyanocobalamin and 200 mg magnesium citrate daily for two years;
a virtual population (seed 1).  Output every 7 days.  Throughput is person-days per second of
wall time; our compile time is excluded (warm-up first).  libroadrunner simulates the
BIOMD0000000613 SBML alone (no vitamins, corrected INparenCtriol, teriparatide dose 0, CVODE
rtol 1e-6), one person after another with T65, T69, kb, koutL and T57 varied log-normally
(CV 20 %, as in the perf spike): it is the bone part only, with no doses, so that ratio favours
roadrunner.  The fair comparison is also printed: libroadrunner on exactly our coupled equations
(exported by ``vitasim.solve.antimony``, the four daily doses as SBML events), serial, at rtol 1e-6,
and at rtol 1e-10 as the accuracy reference for both engines.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SBML = Path(os.environ.get("VITASIM_SHARED", ROOT.parent / "shared")) / "data" / "sbml" / "BIOMD0000000613.xml"
PROFILE = {"person": {"age": 72, "sex": "female", "weight": "68 kg"}, "labs": {"25ohd": "16 ng/mL"},
           "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"},
                       {"supplement": "MK-7", "dose": "90 ug", "every": "1 day"},
                       {"supplement": "cyanocobalamin", "dose": "500 ug", "every": "1 day"},
                       {"supplement": "magnesium citrate", "dose": "200 mg", "every": "1 day"}]}
DAYS = 730.0


def roadrunner_rate(n: int) -> tuple[float, float] | None:
    try:
        import roadrunner
    except ImportError:
        return None
    if not SBML.is_file():
        return None
    text = SBML.read_text()
    import re
    rule = re.search(r'(<assignmentRule[^>]*variable="INparenCtriol">.*?</assignmentRule>)', text, re.DOTALL).group(1)
    text = text.replace(rule, rule.replace("<ci> C8 </ci>", "<cn> 90 </cn>"))
    t0 = time.perf_counter()
    rr = roadrunner.RoadRunner(text)
    load = time.perf_counter() - t0
    rr["teri_dose_mcg"] = 0.0
    rr.integrator.relative_tolerance = 1e-6
    rr.integrator.absolute_tolerance = 1e-9
    rng = np.random.default_rng(20240601)
    names = ["T65", "T69", "kb", "koutL", "T57"]
    base = {k: rr[k] for k in names}
    t0 = time.perf_counter()
    for _ in range(n):
        rr.resetAll()
        rr["teri_dose_mcg"] = 0.0
        for k in names:
            rr[k] = base[k] * float(np.exp(0.198 * rng.standard_normal()))
        rr.simulate(0.0, DAYS * 24.0, int(DAYS / 7) + 1)
    return n * DAYS / (time.perf_counter() - t0), load


ACCURACY_OUTPUTS = ["25ohd", "serum_calcium", "pth", "calcitriol", "bmd_lumbar_change_pct", "inr",
                    "b12_serum", "mg_serum"]


def roadrunner_same_equations(problem, n: int, rtol: float, atol: float):
    """libroadrunner on our coupled equations (Antimony export, doses as SBML events), serial."""
    try:
        import antimony  # noqa: F401

        from vitasim.solve.antimony import (
            load_roadrunner_with_events,
            solve_roadrunner_events,
        )
    except ImportError:
        return None
    t0 = time.perf_counter()
    rr = load_roadrunner_with_events(problem, rtol=rtol, atol=atol)
    load = time.perf_counter() - t0
    sub = dataclasses.replace(problem, params=problem.params[:n], y0=problem.y0[:n])
    t0 = time.perf_counter()
    vals = solve_roadrunner_events(sub, rr)
    return vals, n * DAYS / (time.perf_counter() - t0), load


def rel_error(values: np.ndarray, ref: np.ndarray) -> float:
    """Largest error relative to each output's range over the run (BMD change crosses zero)."""
    worst = 0.0
    for k in range(ref.shape[-1]):
        scale = max(np.nanmax(np.abs(ref[..., k])), 1e-12)
        worst = max(worst, float(np.nanmax(np.abs(values[..., k] - ref[..., k])) / scale))
    return worst


def per_output(values: np.ndarray, ref: np.ndarray) -> str:
    """Largest absolute error of each output, in its model unit."""
    return ", ".join(f"{q} {np.nanmax(np.abs(values[..., k] - ref[..., k])):.1e}"
                     for k, q in enumerate(ACCURACY_OUTPUTS))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,1000", help="coupled population sizes (comma list), e.g. 1,1000,100000")
    ap.add_argument("--light-sizes", default="1,1000", help="population sizes for the model without bone")
    ap.add_argument("--rr-people", type=int, default=20, help="people for libroadrunner on the coupled equations")
    args = ap.parse_args()
    import vitasim
    from vitasim import physiology
    from vitasim.model import assemble
    from vitasim.simulate import build_problem, default_system
    from vitasim.solve import solve_population

    profile = vitasim.load_profile(PROFILE)
    full = default_system()
    light = assemble(*(m for m in physiology.modules() if m.name != "calcium_bone"))
    print(f"machine: cpu_count={os.cpu_count()}; horizon {DAYS:g} days, weekly output")
    print(f"{'system':<44} {'states':>6} {'N':>8} {'method':>22} {'wall s':>9} {'person-days/s':>14}")
    runs = (("ours: D+K+B12+Mg (no bone)", light, [int(x) for x in args.light_sizes.split(",") if x], True),
            ("ours: coupled, one block (no split)", full, [1], False),
            ("ours: D+K+B12+Mg+calcium/bone (coupled)", full, [int(x) for x in args.sizes.split(",") if x], True))
    for label, system, sizes, split in runs:
        warm, _, _ = build_problem(system, profile, days=14, population=2, seed=1, quantities=None,
                                   output_every_days=7)
        solve_population(warm, split=split)
        for n in sizes:
            prob, _, _ = build_problem(system, profile, days=DAYS, population=n, seed=1, quantities=None,
                                       output_every_days=7)
            t0 = time.perf_counter()
            raw = solve_population(prob, split=split)
            wall = time.perf_counter() - t0
            steps = raw.stats[:, 0].mean() / DAYS
            print(f"{label:<44} {len(system.states):>6} {n:>8} {raw.method:>22} {wall:>9.2f} {n * DAYS / wall:>14.4g}"
                  f"   ({steps:.0f} steps/person-day, {int((raw.status != 0).sum())} failures)")

    # Same coupled equations and dose events in libroadrunner; its rtol 1e-10 run is the accuracy reference.
    prob, _, _ = build_problem(full, profile, days=DAYS, population=max(args.rr_people, 3), seed=1,
                               quantities=ACCURACY_OUTPUTS, output_every_days=7)
    ref = roadrunner_same_equations(prob, 3, 1e-10, 1e-12)
    if ref is None:
        print("libroadrunner on the coupled equations: not available (needs libroadrunner and antimony)")
    else:
        ref_vals, ref_rate, _ = ref
        ours = solve_population(dataclasses.replace(prob, params=prob.params[:3], y0=prob.y0[:3]))
        prac = roadrunner_same_equations(prob, args.rr_people, 1e-6, 1e-9)
        vals, rate, load = prac
        print(f"{'libroadrunner, same coupled equations':<44} {len(full.states):>6} {args.rr_people:>8} "
              f"{'CVODE rtol 1e-6':>22} {args.rr_people * DAYS / rate:>9.2f} {rate:>14.4g}   "
              f"(serial, doses as SBML events, model load {load:.2f} s excluded)")
        print(f"{'libroadrunner, same coupled equations':<44} {len(full.states):>6} {3:>8} "
              f"{'CVODE rtol 1e-10':>22} {3 * DAYS / ref_rate:>9.2f} {ref_rate:>14.4g}   (accuracy reference)")
        print(f"accuracy over 2 years, first 3 people, outputs {', '.join(ACCURACY_OUTPUTS)}: largest error "
              f"relative to each output's largest value, against roadrunner rtol 1e-10:")
        print(f"  ours (population path, rtol 1e-4): {rel_error(ours.values.astype(float), ref_vals):.2e}"
              f" (per output: {per_output(ours.values.astype(float), ref_vals)})")
        print(f"  libroadrunner rtol 1e-6:           {rel_error(vals[:3], ref_vals):.2e}"
              f" (per output: {per_output(vals[:3], ref_vals)})")
    rr = roadrunner_rate(100)
    if rr is None:
        print("libroadrunner: not available (needs libroadrunner and the shared SBML)")
    else:
        rate, load = rr
        print(f"{'libroadrunner, SBML 613 alone (no vitamins)':<44} {31:>6} {100:>8} {'CVODE rtol 1e-6':>22} "
              f"{100 * DAYS / rate:>9.2f} {rate:>14.4g}   (model load {load:.2f} s excluded)")


if __name__ == "__main__":
    main()
