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
import os
import re
import sys
from pathlib import Path

from vitasim.errors import VitasimInputError, cut, printable

EXIT_INPUT = 2
# The API's names of the run options, as the command line spells them (errors name the flag).
CLI_FIELDS = {"days": "--days", "population": "--population", "seed": "--seed", "output_every_days": "--every",
              "solver": "--solver", "quantities": "--quantities"}
MIN_FREE_BYTES = 1024 * 1024     # an output directory with less free space than this is full
QUOTED = 80
_ARGUMENT = re.compile(r"argument ([^:]+): (.*)", re.S)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line naming the flag, exit 2, no usage dump
        message = re.sub(r"'([^']{%d,})'" % QUOTED, lambda q: f"'{cut(q.group(1), QUOTED)}'", message)
        m = _ARGUMENT.fullmatch(message)
        if m is not None:
            flag = m.group(1).split("/")[-1]
            raise VitasimInputError(flag, m.group(2))
        raise VitasimInputError("arguments", message)


def check_output(path: str | None, flag: str, suffixes: tuple[str, ...]) -> None:
    """Before any work: ``path`` can be written (its directory exists and is writable, it is not a
    directory, the disk is not full).  Directories are never created."""
    if path is None:
        return
    if not path.strip():
        raise VitasimInputError(flag, "an empty file name; give a file such as "
                                      f"'out{suffixes[0]}' or leave {flag} out")
    if not path.lower().endswith(suffixes):
        raise VitasimInputError(flag, f"the file must end in {' or '.join(suffixes)}")
    target = Path(path)
    shown = cut(printable(path))
    if target.is_dir():
        raise VitasimInputError(flag, f"{shown} is a directory; give a file name")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.exists():
        above = next((p for p in parent.parents if p.exists()), None)
        if above is not None and not above.is_dir():
            raise VitasimInputError(flag, f"{cut(printable(str(above)))} is a file, not a directory")
        raise VitasimInputError(flag, f"the directory {cut(printable(str(parent)))} does not exist "
                                      "(vitasim does not create directories)")
    if not parent.is_dir():
        raise VitasimInputError(flag, f"{cut(printable(str(parent)))} is a file, not a directory")
    try:
        fs = os.statvfs(parent)
        if fs.f_flag & os.ST_RDONLY:
            raise VitasimInputError(flag, f"{cut(printable(str(parent)))} is on a read-only file system")
        if fs.f_bavail * fs.f_frsize < MIN_FREE_BYTES:
            raise VitasimInputError(flag, f"the disk holding {cut(printable(str(parent)))} is full")
    except (OSError, AttributeError):
        pass
    if not os.access(parent, os.W_OK | os.X_OK):
        raise VitasimInputError(flag, f"cannot write in {cut(printable(str(parent)))} (permission denied)")
    if target.exists() and not os.access(target, os.W_OK):
        raise VitasimInputError(flag, f"{shown} exists and is not writable")


def _write(flag: str, path: str, write) -> None:
    """Run a writer (atomic: temp file and rename); a failure (disk full...) is one line on ``flag``."""
    try:
        write()
    except OSError as exc:
        raise VitasimInputError(flag, f"cannot write {cut(printable(path))}: "
                                      f"{exc.strerror or exc.__class__.__name__}") from None


def _run_options(args, population_field: str = "--population"):
    """The run options checked with the command line's names, before the profile is read."""
    from vitasim.simulate import check_options
    fields = {**CLI_FIELDS, "population": population_field}
    return check_options(days=getattr(args, "days", 180), population=args.population, seed=args.seed,
                         output_every_days=getattr(args, "every", None), fields=fields)


def _as_cli_error(exc: VitasimInputError) -> VitasimInputError:
    """An API error on a run option, renamed to the flag the user typed."""
    flag = CLI_FIELDS.get(exc.field)
    return exc if flag is None else VitasimInputError(flag, exc.message)


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
    "vitasim.web.cli",
    "vitasim.trials.cli",
    "vitasim.fit.cli",
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

    check_output(args.plot, "--plot", (".png", ".html"))
    _run_options(args)
    profile = load_profile(args.profile)
    big = args.population >= 20_000 and sys.stderr.isatty()
    bar, update = _progress_bar(big)
    try:
        result = simulate(profile, args.days, population=args.population, seed=args.seed, solver=args.solver,
                          output_every_days=args.every, progress=update, workers=args.workers,
                          scheduler=args.scheduler, per_person=args.workers is None and args.scheduler is None)
    except VitasimInputError as exc:
        raise _as_cli_error(exc) from None
    finally:
        if bar is not None:
            bar.stop()
    if args.plot:
        from vitasim.report import plot
        _write("--plot", args.plot, lambda: plot.write(result, args.plot))
    if args.format == "json":
        json.dump(contract.simulate_view(result), sys.stdout)
        sys.stdout.write("\n")
    elif args.format == "csv":
        sys.stdout.write(table.to_csv(result))
    else:
        _print_table(result, DISCLAIMER, table)
        if args.plot:
            print(f"plot written to {printable(args.plot)}")
    return 0


def _print_table(result, disclaimer: str, table) -> None:
    from rich.console import Console
    from rich.markup import escape
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
        console.print(f"[{style[f.severity]}]{f.severity.upper()}[/] {escape(f.code)}: {escape(printable(f.message))} "
                      f"[dim](refs: {escape(', '.join(f.refs))})[/]")
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

    check_output(args.report, "--report", (".html",))
    if not 20 <= args.population <= 100_000:
        raise VitasimInputError("--population", "must be between 20 and 100000")
    _run_options(args)
    profile = load_profile(args.profile)
    try:
        result = (plan if args.command == "plan" else check)(profile, population=args.population, seed=args.seed)
    except VitasimInputError as exc:
        raise _as_cli_error(exc) from None
    if args.report:
        from vitasim.report import plan_html
        _write("--report", args.report, lambda: plan_html.write(result, args.report, title=f"vitasim {args.command}"))
    if args.format == "json":
        json.dump(result.to_dict(), sys.stdout)
        sys.stdout.write("\n")
    else:
        from vitasim.report import plan_text
        plan_text.show(result, title=f"vitasim {args.command}")
        if args.report:
            print(f"report written to {printable(args.report)}")
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
        code = commands[args.command](args)
        sys.stdout.flush()
        return code
    except VitasimInputError as exc:
        print(f"vitasim: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # e.g. piped into `head`
        _silence_stdout()
        return 0
    except OSError as exc:   # stdout cannot be written (a full disk, /dev/full)
        _silence_stdout()
        print(f"vitasim: error: stdout: cannot write: {exc.strerror or exc.__class__.__name__}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("vitasim: interrupted", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again (a second error
    message, or a traceback, at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
