"""The short summary that opens every check and plan: what to do now, worst first, in plain words.

At most :data:`MAX_LINES` lines, in this order: dangers (stop or ask), the plan's changes (start,
stop, change a dose), targets the shelf doses cannot meet (the best safe dose, its chance and what
a clinician could add), cautions (ask), then re-tests and other advice that has a summary line.
The text, HTML and JSON outputs all show this one list (``summary`` in ``vitasim.plan/1``).
"""
from __future__ import annotations

import re

MAX_LINES = 5
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def headline(message: str, limit: int = 120) -> str:
    """The first sentence of a message, cut at a word boundary if it is long."""
    first = _SENTENCE.split(message.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " ..."


def _finding_line(f) -> str:
    if f.severity == "danger":
        return f"Danger: {f.action or headline(f.message)}"
    return f.action or f"Ask about: {headline(f.message)}"


def _change(old: str, new: str) -> str:
    """"Change vitamin D3 (cholecalciferol) from 1000 IU daily to 2000 IU daily."."""
    a, b = old.split(" "), new.split(" ")
    n = 0
    while n < min(len(a), len(b)) - 1 and a[n] == b[n]:
        n += 1
    name = " ".join(a[:n])
    return f"Change {name} from {' '.join(a[n:])} to {' '.join(b[n:])}." if n else f"Change {old} to {new}."


def _change_lines(changes) -> list[str]:
    stops = [c for c in changes if c.action == "stop"]
    starts = [c for c in changes if c.action == "start"]
    lines = []
    for c in stops:
        first = c.item.split(" ")[0]
        same = next((s for s in starts if s.item.split(" ")[0] == first), None)
        if same is not None and c.reason == "replaced by the proposed regimen":
            starts.remove(same)
            lines.append(_change(c.item, same.item))
        else:
            lines.append(f"Stop {c.item}: {headline(c.reason, 90)}")
    if starts:
        lines.append("Start " + "; ".join(s.item for s in starts) + ".")
    return lines


def _name(target) -> str:
    name = target.nutrient or target.code
    return name[:1].upper() + name[1:]


def _short_of_target(outcome, regimen) -> str | None:
    t = outcome.target
    takes = any(it.supplement.key in t.supplements for it in regimen)
    if outcome.status == "best safe regimen":
        return (f"{_name(t)}: {outcome.label} is the most that is safe without supervision, and only "
                f"{outcome.fraction_in:.0%} of similar people reach the target with it; ask a clinician what to add.")
    if outcome.status in ("no safe regimen found", "unsafe"):
        return f"{_name(t)}: no safe dose on the list reaches the target; ask a clinician."
    if outcome.status == "not met":
        if not takes:
            return f"{_name(t)}: without a supplement the target is unlikely to be reached; 'vitasim plan' proposes a dose."
        return f"{_name(t)}: the current dose is unlikely to reach the target (see below)."
    return None


def summarize(result) -> tuple[str, ...]:
    """The summary lines of a :class:`~vitasim.planner.results.PlanResult` (at most five)."""
    lines: list[str] = []
    dangers = [f for f in result.findings if f.severity == "danger"]
    # cautions that say what to do come before those that only inform
    cautions = sorted((f for f in result.findings if f.severity == "caution"), key=lambda f: not f.action)
    lines += [_finding_line(f) for f in dangers]
    lines += _change_lines(result.changes)
    lines += [line for o in result.targets if (line := _short_of_target(o, result.regimen))]
    advice = [a.summary for a in result.monitoring if a.summary]
    asks = [a for a in advice if a.startswith(("Ask", "See"))]
    lines += asks
    lines += [_finding_line(f) for f in cautions]
    lines += [a for a in advice if a not in asks]
    if not lines:
        lines.append("No danger found; nothing needs changing now." if result.kind == "check"
                     else "No change needed; keep the current regimen.")
    lines = list(dict.fromkeys(lines))
    if len(lines) > MAX_LINES:
        rest = len(lines) - (MAX_LINES - 1)
        lines = lines[:MAX_LINES - 1] + [f"... and {rest} more point{'s' if rest > 1 else ''} in the details below."]
    return tuple(lines)
