"""Simulation and re-estimation of `vitasim fit` (issue 12): >= 1000 virtual people per scenario.

Each scenario draws people from the population prior, simulates their labs with residual error,
fits each person on the first labs (MAP + Laplace) and predicts a held-out later lab.  Writes
benchmarks/results/fit_reestimation.json and the table between the markers in README.md.

Run: PYTHONPATH=src python benchmarks/fit_reestimation.py [--n 1000] [--only NAME ...]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from vitasim.fit.reestimate import Scenario, run

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "fit_reestimation.json"
START, END = "<!-- fit-reestimation:start -->", "<!-- fit-reestimation:end -->"

OLDER_WOMAN = {"person": {"age": 72, "sex": "female", "weight": "68 kg"}, "labs": {"25ohd": "14 ng/mL"},
               "regimen": [{"supplement": "vitamin D3", "dose": "2000 IU", "every": "1 day"}]}
SCENARIOS = (
    Scenario("vitd_2000", "deficient older woman (14 ng/mL), D3 2000 IU/d; fit the 12-week lab, predict week 24",
             OLDER_WOMAN, "25ohd", (84.0,), 168.0),
    Scenario("vitd_misspecified", "as vitd_2000, but the truth varies D3 elimination (cl_other_d3_ref, cv 40 %), "
             "which the fitted model keeps fixed", OLDER_WOMAN, "25ohd", (84.0,), 168.0,
             {"cl_other_d3_ref": 0.4}),
    Scenario("vitd_noisier_assay", "as vitd_2000, but the truth's lab error is twice the declared one (an assay "
             "or a person more variable than the residual model says)", OLDER_WOMAN, "25ohd", (84.0,), 168.0,
             truth_noise=2.0),
    Scenario("vitd_loading", "deficient woman (10 ng/mL), D3 50 000 IU weekly x 8 then 2000 IU/d; fit weeks 4 "
             "and 8, predict week 16",
             {"person": {"age": 60, "sex": "female", "weight": "75 kg"}, "labs": {"25ohd": "10 ng/mL"},
              "regimen": [{"supplement": "vitamin D3", "dose": "50000 IU", "every": "1 week", "stop": "8 week"},
                          {"supplement": "vitamin D3", "dose": "2000 IU", "every": "1 day", "start": "8 week"}]},
             "25ohd", (28.0, 56.0), 112.0),
    Scenario("b12_metformin", "78-year-old woman on metformin and omeprazole, B12 210 pg/mL, cyanocobalamin "
             "1000 ug/d; fit week 8, predict week 16",
             {"person": {"age": 78, "sex": "female", "weight": "64 kg"}, "labs": {"b12": "210 pg/mL"},
              "medications": ["omeprazole", "metformin"],
              "regimen": [{"supplement": "cyanocobalamin", "dose": "1000 ug", "every": "1 day"}]},
             "b12", (56.0,), 112.0),
)
NOT_RUN = {"vka_inr": "MK-7 under a vitamin K antagonist with INR: not run, the vitamin K module declares no "
                      "between-person variability (no parameter has a cv), so an INR cannot inform any parameter"}


def table(results: list[dict]) -> str:
    """The README table (markdown)."""
    rows = ["| scenario | n | learnt: bias / RMSE of value (prior RMSE), eta-shrinkage | 90 % PI coverage of held-out lab "
            "(± MC SE) | RMSE individual / population | gain |",
            "|---|---|---|---|---|---|"]
    for r in results:
        pars = "; ".join(f"{p['name']} {p['bias_pct']:+.1f} % / {p['rmse_pct']:.1f} % ({p['prior_rmse_pct']:.1f} %), "
                         f"{p['shrinkage']:.0%}" for p in r["parameters"])
        rows.append(f"| {r['scenario']}{' (misspecified)' if r['misspecified'] else ''} | {r['n']} | {pars} | "
                    f"{r['coverage_90']:.1%} ± {r['coverage_se']:.1%} | {r['rmse_individual']:.1f} / "
                    f"{r['rmse_population']:.1f} {r['unit']} | {r['rmse_gain']:.0%} |")
    for name, why in NOT_RUN.items():
        rows.append(f"| {name} | - | {why} | - | - | - |")
    return "\n".join(rows)


def write_readme(results: list[dict]) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text()
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        tmp = readme.with_suffix(".md.tmp")
        tmp.write_text(head + START + "\n" + table(results) + "\n" + END + tail)
        os.replace(tmp, readme)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args(argv)
    done = {r["scenario"]: r for r in json.loads(OUT.read_text())} if OUT.exists() else {}
    for sc in SCENARIOS:
        if args.only and sc.name not in args.only:
            continue
        res = run(sc, n=args.n, seed=args.seed, progress=lambda i, n: print(f"  {sc.name}: {i}/{n}", flush=True))
        done[sc.name] = res
        OUT.parent.mkdir(parents=True, exist_ok=True)
        tmp = OUT.with_suffix(".tmp")
        tmp.write_text(json.dumps([done[s.name] for s in SCENARIOS if s.name in done], indent=1))
        os.replace(tmp, OUT)
        print(json.dumps(res), flush=True)
    results = [done[s.name] for s in SCENARIOS if s.name in done]
    write_readme(results)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
