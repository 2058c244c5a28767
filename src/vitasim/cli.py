"""The command line: a thin layer that parses arguments, calls the API and formats output.

``vitasim simulate PROFILE [--days N] [--population N] [--seed S] [--format table|json|csv]
[--plot FILE.png|FILE.html]``, ``vitasim check|plan PROFILE [--format text|json]
[--report FILE.html]``, ``vitasim refs [KEY]``, ``vitasim params``, ``vitasim claims ARTICLE
[--format text|json] [--report FILE.html]`` and ``vitasim evidence [TOPIC]``.  Bad input prints one line naming the
field and exits with code 2; nothing is half-written.
"""
from __future__ import annotations

import argparse
import json
import sys

from vitasim.errors import VitasimInputError

EXIT_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        raise VitasimInputError("arguments", message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="vitasim", description="Simulate vitamin D (and more) in an ageing body. Not a medical device.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    s = sub.add_parser("simulate", help="simulate a profile (YAML or JSON)")
    s.add_argument("profile", help="profile file (YAML or JSON)")
    s.add_argument("--days", type=float, default=180, help="horizon in days (default 180)")
    s.add_argument("--population", type=int, default=1, help="virtual people (default 1: the typical person)")
    s.add_argument("--seed", type=int, default=0, help="random seed of the population (default 0)")
    s.add_argument("--format", choices=("table", "json", "csv"), default="table")
    s.add_argument("--plot", metavar="FILE", help="write a plot (.png or .html)")
    s.add_argument("--solver", default="auto", help="auto (default), population, reference, roadrunner")
    s.add_argument("--every", type=float, default=None, metavar="DAYS", help="output spacing in days")
    s.add_argument("--workers", type=int, default=None, help="run the population on N Dask worker processes")
    s.add_argument("--scheduler", default=None, metavar="ADDRESS", help="a running Dask scheduler (tcp://host:8786)")
    for name, text in (("check", "review the regimen in a profile: warnings, targets, monitoring"),
                       ("plan", "propose a safe, evidence-linked regimen for a profile")):
        c = sub.add_parser(name, help=text)
        c.add_argument("profile", help="profile file (YAML or JSON)")
        c.add_argument("--format", choices=("text", "json"), default="text")
        c.add_argument("--report", metavar="FILE.html", help="write a self-contained HTML report with plots")
        c.add_argument("--seed", type=int, default=0, help="seed of the virtual population (default 0)")
        c.add_argument("--population", type=int, default=300, help="virtual people per evaluation (default 300)")
    r = sub.add_parser("refs", help="print a reference (or list all keys)")
    r.add_argument("key", nargs="?", help="citation key")
    sub.add_parser("params", help="list every model parameter with value, unit, variability and source")
    for ext in _extensions():
        ext.add_parsers(sub)
    return p


# Subpackages that add their own subcommands: each module has ``COMMANDS`` (names),
# ``add_parsers(subparsers)`` and ``run(args) -> int``.  One line per extension keeps this file thin.
EXTENSIONS = (
    "vitasim.evidence.cli",
)


def _extensions():
    import importlib
    return [importlib.import_module(name) for name in EXTENSIONS]


def _progress_bar(enabled: bool):
    if not enabled:
        return None, None
    from rich.console import Console
    from rich.progress import Progress
    bar = Progress(transient=True, console=Console(stderr=True))
    task = bar.add_task("simulating", total=1)
    bar.start()

    def update(done: int, total: int) -> None:
        bar.update(task, total=total, completed=done)
    return bar, update


def _simulate(args) -> int:
    from vitasim.api import DISCLAIMER, load_profile, simulate
    from vitasim.report import contract, table

    if args.plot and not args.plot.lower().endswith((".png", ".html")):
        raise VitasimInputError("--plot", "the file must end in .png or .html")
    profile = load_profile(args.profile)
    big = args.population >= 20_000 and sys.stderr.isatty()
    bar, update = _progress_bar(big)
    try:
        result = simulate(profile, args.days, population=args.population, seed=args.seed, solver=args.solver,
                          output_every_days=args.every, progress=update, workers=args.workers,
                          scheduler=args.scheduler, per_person=args.workers is None and args.scheduler is None)
    finally:
        if bar is not None:
            bar.stop()
    if args.plot:
        from vitasim.report import plot
        plot.write(result, args.plot)
    if args.format == "json":
        json.dump(contract.simulate_view(result), sys.stdout)
        sys.stdout.write("\n")
    elif args.format == "csv":
        sys.stdout.write(table.to_csv(result))
    else:
        _print_table(result, DISCLAIMER, table)
        if args.plot:
            print(f"plot written to {args.plot}")
    return 0


def _print_table(result, disclaimer: str, table) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    who = "the typical person" if result.population == 1 else (
        f"{result.population} virtual people (seed {result.seed}): median (5th-95th percentile)")
    per_table = 4 if result.population == 1 else 2
    from vitasim.simulate import default_system, touched_modules
    system = default_system()
    involved = set(touched_modules(system, result.profile))
    owner = {out.name: mod.name for mod in system.modules for out in mod.outputs}
    names = [q for q in result.quantities if owner.get(q) in involved] or result.quantities
    hidden = len(result.quantities) - len(names)
    for start in range(0, len(names), per_table):
        header, body = table.rows(result, quantities=names[start:start + per_table])
        t = Table(title=f"vitasim: predicted trajectories for {who}" if start == 0 else None)
        for h in header:
            t.add_column(h, justify="right", overflow="fold")
        for row in body:
            t.add_row(*row)
        console.print(t)
    if hidden:
        console.print(f"[dim]{hidden} more quantities (modules this profile does not involve): "
                      "see --format json or csv[/]")
    style = {"danger": "bold red", "caution": "yellow", "info": "cyan"}
    for f in result.findings:
        console.print(f"[{style[f.severity]}]{f.severity.upper()}[/] {f.code}: {f.message} "
                      f"[dim](refs: {', '.join(f.refs)})[/]")
    console.print(f"[dim]{disclaimer}[/]")


def _refs(args) -> int:
    from vitasim.refs import cite, references

    if args.key:
        ref = cite(args.key)
        print(f"{ref.key}: {ref.format()}")
        if ref.note:
            print(f"  note: {ref.note}")
    else:
        for key, ref in sorted(references().items()):
            print(f"{key}: {ref.format()}")
    return 0


def _plan_or_check(args) -> int:
    from vitasim.api import load_profile
    from vitasim.planner import check, plan

    if args.report and not args.report.lower().endswith(".html"):
        raise VitasimInputError("--report", "the report file must end in .html")
    if not 20 <= args.population <= 100_000:
        raise VitasimInputError("--population", "must be between 20 and 100000")
    profile = load_profile(args.profile)
    result = (plan if args.command == "plan" else check)(profile, population=args.population, seed=args.seed)
    if args.report:
        from vitasim.report import plan_html
        plan_html.write(result, args.report, title=f"vitasim {args.command}")
    if args.format == "json":
        json.dump(result.to_dict(), sys.stdout)
        sys.stdout.write("\n")
    else:
        from vitasim.report import plan_text
        plan_text.show(result, title=f"vitasim {args.command}")
        if args.report:
            print(f"report written to {args.report}")
    return 0


def _params(_args) -> int:
    from vitasim.simulate import default_system

    system = default_system()
    for module in system.modules:
        print(f"# {module.name}: {module.description}")
        print(f"{'name':<22} {'value':>11} {'unit':<24} {'cv':>5}  source")
        for p in module.parameters:
            cv = f"{p.cv:.2f}" if p.cv else "-"
            print(f"{p.name:<22} {p.value:>11.5g} {p.unit:<24} {cv:>5}  {p.source}")
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        commands = {"simulate": _simulate, "refs": _refs, "params": _params, "plan": _plan_or_check,
                    "check": _plan_or_check}
        for ext in _extensions():
            commands.update(dict.fromkeys(ext.COMMANDS, ext.run))
        return commands[args.command](args)
    except VitasimInputError as exc:
        print(f"vitasim: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("vitasim: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
