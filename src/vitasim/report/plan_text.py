"""The terminal rendering of a plan or check result: the short summary first, then the details.

User text (names, messages) is printed literally, never read as console markup.
"""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

_STYLE = {"danger": "bold red", "caution": "yellow", "info": "cyan"}


def _evidence(entry: dict) -> str:
    links = entry.get("evidence") or []
    if not links:
        return ""
    return "; evidence: " + ", ".join(f"{e['id']} ({e['certainty']})" for e in links)


def _intake_text(i: dict) -> str:
    """"calcium: 528 mg from the listed diet + 1200 mg from supplements = 1728 mg/day; ..."."""
    from vitasim.rules import rounded
    unit = i["unit"].split("/")[0]
    diet = "diet not listed" if i["from_diet"] is None else f"{rounded(i['from_diet'])} {unit} from the listed diet"
    total = "" if i["total"] is None else f" = about {rounded(i['total'])} {i['unit']}"
    return (f"{i['nutrient']}: {diet} + {rounded(i['from_supplements'])} {unit} from supplements{total}; "
            f"recommended {rounded(i['recommended'])}, upper limit {rounded(i['upper_limit'])} {i['unit']}: "
            f"{i['status']}")


def _line(console: Console, *parts: tuple[str, str]) -> None:
    text = Text()
    for chunk, style in parts:
        text.append(chunk, style=style or None)
    console.print(text)


def _refs(entry: dict) -> tuple[str, str]:
    refs = ", ".join(entry.get("refs", []))
    return (f" (refs: {refs}{_evidence(entry)})" if refs else "", "dim")


def show(result, *, title: str) -> None:
    """Print a PlanResult (or its ``vitasim.plan/1`` view) to the terminal."""
    from vitasim.planner.format import short_name, when_text
    from vitasim.report.contract import plan_view
    if not isinstance(result, dict):
        result = plan_view(result)
    console = Console()
    console.rule(title)
    _line(console, ("What to do now", "bold"))
    for line in result.get("summary", []):
        _line(console, ("  " + line, ""))
    _line(console, ("Details", "bold"))
    if result["warnings"]:
        _line(console, ("Warnings", "bold"))
        for w in result["warnings"]:
            _line(console, ("  " + w["severity"].upper(), _STYLE[w["severity"]]),
                  (f" {w['code']}: {w['message']}", ""), _refs(w))
    _line(console, ("Regimen", "bold"))
    if not result["regimen"]:
        _line(console, ("  (no supplements)", ""))
    for item in result["regimen"]:
        _line(console, (f"  {short_name(item['description'])}: {item['dose']} {when_text(item)}", ""))
    for change in result.get("changes", []):
        _line(console, (f"  {change['action']}", "bold"), (f" {change['item']} - {change['reason']}", ""))
    _line(console, ("Targets", "bold"))
    for t in result["targets"]:
        line = f"  {t['code']}: {t['description']} - {t['status']}"
        if "fraction_in_target" in t:
            m = t["expected_at_by_day"]
            line += (f" ({t['fraction_in_target']:.0%} in target; day {t['by_day']:g}: median {m['median']}, "
                     f"5th-95th {m['p5']}-{m['p95']})")
        elif "reason" in t:
            line += f" ({t['reason']})"
        _line(console, (line, ""))
    for section, key in (("Why", "explanations"), ("Forms", "forms")):
        if result[key]:
            _line(console, (section, "bold"))
            for e in result[key]:
                _line(console, ("  " + e["message"], ""), _refs(e))
    if result["monitoring"]:
        _line(console, ("Monitoring", "bold"))
        for m in result["monitoring"]:
            when = f" ({m['when']})" if m.get("when") else ""
            _line(console, (f"  {m['message']}{when}", ""), _refs(m))
    if result.get("intakes"):
        _line(console, ("Intakes (per day)", "bold"))
        for i in result["intakes"]:
            _line(console, (f"  {_intake_text(i)}", ""), _refs(i))
    if result.get("assumptions"):
        _line(console, ("Assumptions", "bold"))
        for a in result["assumptions"]:
            _line(console, ("  " + a, ""))
    _line(console, (result["disclaimer"], "dim"))
