"""``vitasim fit PROFILE [--format text|json] [--plot FILE.png]`` and
``vitasim fit --nmtran FILE.csv --lab 25ohd --supplement "vitamin D3"`` (many people).

Registered by ``vitasim.cli`` through EXTENSIONS.  Bad input raises VitasimInputError, which the
CLI prints as one line with exit 2.
"""
from __future__ import annotations

import json

from vitasim.errors import VitasimInputError

COMMANDS = ("fit",)


def add_parsers(subparsers) -> None:
    p = subparsers.add_parser("fit", help="learn the person's own parameters from their dated labs (MAP + Laplace)")
    p.add_argument("profile", nargs="?", help="profile YAML/JSON with labs dated after day 0")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--plot", metavar="FILE.png", help="write a PNG of the labs against the fit")
    p.add_argument("--horizon", type=float, metavar="DAYS", help="predict up to this day (default: last lab + 90)")
    p.add_argument("--nmtran", metavar="FILE.csv", help="fit every ID of an NM-TRAN-style CSV instead of a profile")
    p.add_argument("--lab", help="(--nmtran) the lab the DV column holds, e.g. 25ohd")
    p.add_argument("--supplement", help="(--nmtran) what AMT doses are, e.g. 'vitamin D3'")


def _one(args) -> int:
    from vitasim.fit import fit
    if args.plot and not args.plot.lower().endswith(".png"):
        raise VitasimInputError("--plot", "the plot file must end in .png")
    result = fit(args.profile, horizon_days=args.horizon)
    if args.plot:
        from vitasim.fit.plot import save
        save(result, args.plot)
    if args.format == "json":
        print(json.dumps(result.to_dict(), indent=1))
    else:
        from vitasim.fit.text import render
        print(render(result))
        if args.plot:
            print(f"plot written to {args.plot}")
    return 0


def _many(args) -> int:
    from vitasim.fit.nmtran import fit_all, read
    if not args.lab or not args.supplement:
        raise VitasimInputError("--nmtran", "needs --lab (what DV holds) and --supplement (what AMT is)")
    people = read(args.nmtran, lab=args.lab, supplement=args.supplement)
    rows = fit_all(people)
    if args.format == "json":
        print(json.dumps(rows, indent=1))
    else:
        for r in rows:
            est = "; ".join(f"{p['name']} {p['individual']:.4g} ({p['low_90']:.4g}-{p['high_90']:.4g})"
                            for p in r["parameters"])
            print(f"ID {r['id']}: {est}" + (f"  [{r['flags']} lab(s) left out]" if r["flags"] else ""))
    return 0


def run(args) -> int:
    if args.nmtran:
        return _many(args)
    if not args.profile:
        raise VitasimInputError("profile", "give a profile file, or --nmtran FILE.csv")
    return _one(args)
