"""Throughput of the coupled model (vitamin D, K, B12, magnesium, calcium/bone) and of the
non-stiff part without bone, against libroadrunner on the Peterson-Riggs SBML alone.

Run:  python benchmarks/bench_coupled.py [--full]

Scenario: examples/seeds_stack.yaml-like person (72-year-old woman, 25(OH)D 16 ng/mL) taking
1000 IU D3, 90 ug MK-7, 500 ug cyanocobalamin and 200 mg magnesium citrate daily for two years;
a virtual population (seed 1).  Output every 7 days.  Throughput is person-days per second of
wall time; our compile time is excluded (warm-up first).  libroadrunner simulates the
BIOMD0000000613 SBML alone (no vitamins, corrected INparenCtriol, teriparatide dose 0, CVODE
rtol 1e-6), one person after another with T65, T69, kb, koutL and T57 varied log-normally
(CV 20 %, as in the perf spike): it is the bone part only, so the ratio favours roadrunner.
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
    rule = re.search(r'(<assignmentRule[^>]*variable="INparenCtriol">.*?</assignmentRule>)', text, re.S).group(1)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="1 000 and 100 000 people for the coupled model too")
    args = ap.parse_args()
    import vitasim
    from vitasim import physiology
    from vitasim.model import assemble
    from vitasim.simulate import build_problem, default_system
    from vitasim.solve import solve_population

    profile = vitasim.load_profile(PROFILE)
    full = default_system()
    light = assemble(*(m for m in physiology.modules() if m.name != "calcium_bone"))
    light_sizes = [1, 1000, 100_000]
    coupled_sizes = [1, 200] + ([1000, 100_000] if args.full else [])
    print(f"machine: cpu_count={os.cpu_count()}; horizon {DAYS:g} days, weekly output")
    print(f"{'system':<36} {'states':>6} {'N':>8} {'method':>22} {'wall s':>9} {'person-days/s':>14}")
    for label, system, sizes in (("D+K+B12+Mg (no bone)", light, light_sizes),
                                 ("D+K+B12+Mg+calcium/bone (coupled)", full, coupled_sizes)):
        warm, _, _ = build_problem(system, profile, days=14, population=2, seed=1, quantities=None,
                                   output_every_days=7)
        solve_population(warm)
        for n in sizes:
            prob, _, _ = build_problem(system, profile, days=DAYS, population=n, seed=1, quantities=None,
                                       output_every_days=7)
            t0 = time.perf_counter()
            raw = solve_population(prob)
            wall = time.perf_counter() - t0
            print(f"{label:<36} {len(system.states):>6} {n:>8} {raw.method:>22} {wall:>9.2f} {n * DAYS / wall:>14.4g}")
    rr = roadrunner_rate(100)
    if rr is None:
        print("libroadrunner: not available (needs libroadrunner and the shared SBML)")
    else:
        rate, load = rr
        print(f"{'libroadrunner, SBML 613 alone, serial':<36} {31:>6} {100:>8} {'CVODE rtol 1e-6':>22} "
              f"{100 * DAYS / rate:>9.2f} {rate:>14.4g}   (model load {load:.2f} s excluded)")


if __name__ == "__main__":
    main()
