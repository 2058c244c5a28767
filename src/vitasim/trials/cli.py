"""``vitasim trial ARM|--all|--list|design ...`` and ``vitasim export --sbml FILE [--profile P]``.

Registered by ``vitasim.cli`` (EXTENSIONS).  Bad input raises VitasimInputError(field, message),
which the CLI prints as one line with exit 2.
"""
from __future__ import annotations

import json
import sys
import time

from vitasim.errors import VitasimInputError

COMMANDS = ("trial", "export")
ALL_REPLICATES = 50          # --all default: fewer replicates so the registry runs in minutes
ALL_MAX_PEOPLE = 300       # --all: virtual people simulated per arm; larger arms resample a pool


def add_parsers(subparsers) -> None:
    t = subparsers.add_parser("trial", help="virtual trials of published arms; the scorecard; trial design")
    t.add_argument("target", nargs="?", help="an arm id, or 'design' (see --arm)")
    t.add_argument("--all", action="store_true", help="every arm of the registry and the scorecard")
    t.add_argument("--list", action="store_true", help="list the arms of the registry")
    t.add_argument("--role", choices=("calibration", "validation"), help="with --all/--list: only this role")
    t.add_argument("--nutrient", help="with --all/--list: only this nutrient")
    t.add_argument("--replicates", type=int, default=None,
                   help=f"replicate trials (default 200; with --all {ALL_REPLICATES}, fewer for large arms)")
    t.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    t.add_argument("--format", choices=("text", "json"), default="text")
    t.add_argument("--plot", metavar="FILE", help="write the visual predictive check (.png or .html)")
    t.add_argument("--arm", dest="design_arms", action="append", metavar="REGIMEN",
                   help="design: an arm, e.g. 'vitamin D3 2000 IU every 1 day' or 'placebo' (repeat; first = reference)")
    t.add_argument("--n", type=int, help="design: people per arm")
    t.add_argument("--days", type=float, help="design: duration in days")
    t.add_argument("--endpoint", help="design: model output compared, e.g. 25ohd")
    t.add_argument("--alpha", type=float, default=0.05, help="design: two-sided alpha (default 0.05)")
    t.add_argument("--absolute", action="store_true", help="design: compare the value at the end, not the change")
    t.add_argument("--age", type=float, help="design: age of the population (years)")
    t.add_argument("--weight", help="design: body weight, e.g. '80 kg'")
    t.add_argument("--lab", action="append", default=[], metavar="KEY=VALUE",
                   help="design: a baseline lab, e.g. '25ohd=20 ng/mL' (repeat)")
    e = subparsers.add_parser("export", help="write the coupled model with a profile's parameters and doses")
    e.add_argument("--sbml", required=True, metavar="FILE", help="SBML file to write (.xml or .sbml)")
    e.add_argument("--profile", help="profile file (YAML or JSON); default: the default person, no doses")
    e.add_argument("--days", type=float, default=365.0, help="doses up to this day (default 365)")


def _design(args) -> int:
    from vitasim.trials.design import design, design_text
    for flag, value in (("--arm", args.design_arms), ("--n", args.n), ("--days", args.days),
                        ("--endpoint", args.endpoint)):
        if value is None:
            raise VitasimInputError(flag, "required for 'vitasim trial design'")
    labs = {}
    for item in args.lab:
        if "=" not in item:
            raise VitasimInputError("--lab", f"expected KEY=VALUE, e.g. '25ohd=20 ng/mL', got {item!r}")
        k, v = item.split("=", 1)
        labs[k.strip()] = v.strip()
    person = {k: v for k, v in (("age", args.age), ("weight", args.weight)) if v is not None}
    d = design(args.design_arms, n=args.n, days=args.days, endpoint=args.endpoint, alpha=args.alpha,
               replicates=args.replicates or 200, seed=args.seed, person=person, labs=labs,
               change=not args.absolute)
    print(json.dumps(d.as_dict(), indent=2) if args.format == "json" else design_text(d))
    return 0


def _list(args) -> int:
    from vitasim.trials.registry import registry
    arms = [a for a in registry() if (args.role is None or a.role == args.role)
            and (args.nutrient is None or a.nutrient == args.nutrient)]
    if args.format == "json":
        print(json.dumps([a.model_dump(mode="json") for a in arms], indent=2))
    else:
        for a in arms:
            print(f"{a.id:<40} {a.nutrient:<12} {a.role:<12} n={a.population.n:<5} {a.reference}")
    return 0


def _all(args) -> int:
    from vitasim.trials.registry import NUTRIENTS, registry
    from vitasim.trials.scorecard import arm_fold_error, scorecard, scorecard_text
    from vitasim.trials.virtual import run_arm
    if args.nutrient is not None and args.nutrient not in NUTRIENTS:
        raise VitasimInputError("--nutrient", f"unknown nutrient {args.nutrient!r}; accepted: {', '.join(NUTRIENTS)}")
    arms = [a for a in registry() if (args.role is None or a.role == args.role)
            and (args.nutrient is None or a.nutrient == args.nutrient)]
    start = time.perf_counter()
    results = []
    for k, a in enumerate(arms, 1):
        reps = args.replicates or ALL_REPLICATES
        t0 = time.perf_counter()
        results.append(run_arm(a, replicates=reps, seed=args.seed, max_people=ALL_MAX_PEOPLE))
        print(f"[{k}/{len(arms)}] {a.id}: {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    rows = scorecard(results)
    elapsed = time.perf_counter() - start
    if args.format == "json":
        print(json.dumps({"scorecard": [r.as_dict() for r in rows], "seconds": elapsed,
                          "arms": [{**r.as_dict(), "fold_error": arm_fold_error(r)} for r in results]}, indent=2))
        return 0
    for r in results:
        fe = arm_fold_error(r)
        inside = sum(v.inside for v in r.visits if v.day > 0)
        total = sum(1 for v in r.visits if v.day > 0)
        fe_text = f"{fe:5.2f}" if fe is not None else "    -"
        print(f"{r.arm.id:<40} {r.arm.role:<11} FE {fe_text}  in PI {inside}/{total}  "
              f"(R={r.replicates}, people={r.people}{', n assumed' if r.arm.population.n_assumed else ''})")
    print()
    print(scorecard_text(rows))
    reps = (f"{args.replicates or ALL_REPLICATES} replicate trials per arm; at most {ALL_MAX_PEOPLE} virtual people "
            f"simulated per arm (larger arms draw each trial's people from that pool)")
    print(f"\n{len(results)} arms, {reps}, seed {args.seed}; {elapsed:.0f} s")
    return 0


def _one(args) -> int:
    from vitasim.trials.registry import get_arm
    from vitasim.trials.scorecard import arm_fold_error
    from vitasim.trials.virtual import run_arm
    arm = get_arm(args.target)
    if args.plot and not args.plot.lower().endswith((".png", ".html")):
        raise VitasimInputError("--plot", "the plot file must end in .png or .html")
    result = run_arm(arm, replicates=args.replicates or 200, seed=args.seed, keep_curves=bool(args.plot))
    if args.plot:
        from vitasim.trials.vpc import write
        write(result, args.plot)
    if args.format == "json":
        print(json.dumps({**result.as_dict(), "fold_error": arm_fold_error(result)}, indent=2))
        return 0
    print(f"{arm.id}: {arm.design} ({arm.reference}; read in: {arm.found_in})")
    if arm.population.n_assumed:
        print(f"n is not reported per arm: {arm.population.n_assumed}")
    if result.pooled:
        print(f"{result.people} virtual people simulated; each replicate trial draws its {result.n} from them")
    print(f"role {arm.role}; n = {result.n}; {result.replicates} replicate trials, seed {result.seed}"
          + (f"; {result.failed} virtual people failed to solve" if result.failed else ""))
    print(f"{'endpoint':<28} {'day':>6} {'observed':>10} {'95% CI':>19} {'predicted':>10} {'90% PI':>19} in PI")
    for v in result.visits:
        ci = "" if v.observed_lo is None else f"{v.observed_lo:.4g}-{v.observed_hi:.4g}"
        print(f"{v.quantity + ' (' + v.kind + ', ' + v.unit + ')':<28} {v.day:>6g} {v.observed:>10.4g} {ci:>19} "
              f"{v.predicted:>10.4g} {f'{v.pi_lo:.4g}-{v.pi_hi:.4g}':>19} {'yes' if v.inside else 'no'}")
    fe = arm_fold_error(result)
    if fe is not None:
        print(f"fold error (change from baseline where known): {fe:.2f}")
    if args.plot:
        print(f"visual predictive check written to {args.plot}")
    return 0


def _trial(args) -> int:
    if args.replicates is not None and args.replicates < 2:
        raise VitasimInputError("--replicates", f"must be >= 2, got {args.replicates}")
    if args.target == "design":
        return _design(args)
    if args.list:
        return _list(args)
    if args.all:
        if args.target:
            raise VitasimInputError("--all", "give an arm id or --all, not both")
        return _all(args)
    if not args.target:
        raise VitasimInputError("arm", "give an arm id, --all, --list or 'design'")
    return _one(args)


def _export(args) -> int:
    import vitasim
    from vitasim.trials.sbml import export
    if args.profile:
        from pathlib import Path
        if not Path(args.profile).is_file():
            raise VitasimInputError("--profile", f"no such file: {args.profile}")
        profile = vitasim.load_profile(args.profile)
    else:
        profile = vitasim.load_profile({"person": {}})
    path = export(profile, args.sbml, days=args.days)
    print(f"SBML written to {path}")
    return 0


def run(args) -> int:
    return _trial(args) if args.command == "trial" else _export(args)
