"""``vitasim claims ARTICLE [--format text|json] [--report FILE.html]`` and ``vitasim evidence TOPIC``.

Registered by ``vitasim.cli``: :func:`add_parsers` adds the subcommands, :func:`run` executes one.
Bad input raises VitasimInputError(field, message), which the CLI prints as one line with exit 2.
"""
from __future__ import annotations

import difflib
from pathlib import Path

from vitasim.errors import VitasimInputError

COMMANDS = ("claims", "evidence")


def add_parsers(subparsers) -> None:
    c = subparsers.add_parser("claims", help="check the claims of a health article (text, Markdown or HTML)")
    c.add_argument("article", help="article file (.txt, .md or .html)")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--report", metavar="FILE.html", help="write a self-contained HTML report")
    e = subparsers.add_parser("evidence", help="list the graded evidence on a topic")
    e.add_argument("topic", nargs="?", help="topic (omit to list the topics)")


def _read(path: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise VitasimInputError("article", f"no such file: {path}")
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise VitasimInputError("article", f"{path} is not UTF-8 text") from None


def _claims(args) -> int:
    from vitasim.evidence import render
    from vitasim.evidence.claims import check_article
    from vitasim.evidence.text import kind_of

    if args.report and not args.report.lower().endswith(".html"):
        raise VitasimInputError("--report", "the report file must end in .html")
    raw = _read(args.article)
    check = check_article(raw, kind_of(args.article, raw))
    if args.report:
        Path(args.report).write_text(render.html_report(check, f"vitasim claims: {Path(args.article).name}"),
                                     encoding="utf-8")
    if args.format == "json":
        print(render.as_json(check))
    else:
        print(render.text(check))
        if args.report:
            print(f"report written to {args.report}")
    return 0


def _evidence(args) -> int:
    from vitasim.evidence import render
    from vitasim.evidence.records import on_topic, topics

    if not args.topic:
        print("topics: " + ", ".join(topics()))
        return 0
    recs = on_topic(args.topic)
    if not recs:
        close = difflib.get_close_matches(args.topic.lower().replace(" ", "_"), topics(), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; topics: {', '.join(topics())}"
        raise VitasimInputError("topic", f"no evidence on {args.topic!r}{hint}")
    print(render.topic_text(args.topic, recs))
    return 0


def run(args) -> int:
    """Execute ``vitasim claims`` or ``vitasim evidence``."""
    return {"claims": _claims, "evidence": _evidence}[args.command](args)
