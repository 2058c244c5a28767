"""The terminal rendering of a plan or check result (warnings first, never hidden)."""
from __future__ import annotations

from rich.console import Console

_STYLE = {"danger": "bold red", "caution": "yellow", "info": "cyan"}


def show(result, *, title: str) -> None:
    """Print a PlanResult (or its ``vitasim.plan/1`` view) to the terminal."""
    from vitasim.report.contract import plan_view
    if not isinstance(result, dict):
        result = plan_view(result)
    console = Console()
    console.rule(title)
    if result["warnings"]:
        console.print("[bold]Warnings[/]")
        for w in result["warnings"]:
            console.print(f"  [{_STYLE[w['severity']]}]{w['severity'].upper()}[/] {w['code']}: {w['message']} "
                          f"[dim](refs: {', '.join(w['refs'])})[/]")
    console.print("[bold]Regimen[/]")
    if not result["regimen"]:
        console.print("  (no supplements)")
    for item in result["regimen"]:
        every = f" every {item['every']}" if "every" in item else " once"
        console.print(f"  {item['description']}: {item['dose']}{every}")
    for change in result.get("changes", []):
        console.print(f"  [bold]{change['action']}[/] {change['item']} - {change['reason']}")
    console.print("[bold]Targets[/]")
    for t in result["targets"]:
        line = f"  {t['code']}: {t['description']} - {t['status']}"
        if "fraction_in_target" in t:
            m = t["expected_at_by_day"]
            line += (f" ({t['fraction_in_target']:.0%} in target; day {t['by_day']:g}: median {m['median']}, "
                     f"5th-95th {m['p5']}-{m['p95']})")
        elif "reason" in t:
            line += f" ({t['reason']})"
        console.print(line)
    if result["explanations"]:
        console.print("[bold]Why[/]")
        for e in result["explanations"]:
            console.print(f"  {e['message']} [dim](refs: {', '.join(e['refs'])})[/]")
    if result["forms"]:
        console.print("[bold]Forms[/]")
        for f in result["forms"]:
            console.print(f"  {f['message']} [dim](refs: {', '.join(f['refs'])})[/]")
    if result["monitoring"]:
        console.print("[bold]Monitoring[/]")
        for m in result["monitoring"]:
            when = f" ({m['when']})" if m.get("when") else ""
            console.print(f"  {m['message']}{when}")
    console.print(f"[dim]{result['disclaimer']}[/]")
