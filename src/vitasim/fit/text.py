"""The fit as text for the terminal: estimates, each lab against its fit, notes."""
from __future__ import annotations

import numpy as np

from vitasim.fit.result import FitResult
from vitasim.report.units_text import display


def _day_value(pred, day: float) -> tuple[float, float, float]:
    k = int(np.argmin(np.abs(pred.days - day)))
    return float(pred.individual[k]), float(pred.pi_low[k]), float(pred.pi_high[k])


def render(result: FitResult) -> str:
    """A plain-text report of ``result``."""
    lines = ["Individual parameters (MAP, 90 % interval from the Laplace posterior; population = the prior):"]
    for e in result.estimates:
        lines.append(f"  {e.name:<16} {e.value:.4g} {e.unit} ({e.low:.4g}-{e.high:.4g}); population {e.typical:.4g}; "
                     f"shrinkage {e.shrinkage:.0%}")
    lines.append("")
    lines.append("Labs (measured | population prediction | individual fit | z after fit):")
    for f in result.labs:
        out = next(p.output for p in result.predictions if p.lab == f.lab)
        mark = "" if f.used else "  [left out]"
        lines.append(f"  {f.lab} day {f.day:g}: {display(out, f.measured)} | {display(out, f.population)} | "
                     f"{display(out, f.individual)} | {f.z_individual:+.1f}{mark}")
    for lab, day, why in result.not_used:
        lines.append(f"  {lab} day {day:g}: not in the likelihood ({why})")
    lines.append("")
    lines.append("Predictions (individual, 90 % prediction interval of a new lab):")
    for p in result.predictions:
        for day in sorted({float(p.days[-1]), float(p.days[len(p.days) // 2])}):
            mid, lo, hi = _day_value(p, day)
            lines.append(f"  {p.lab} day {day:g}: {display(p.output, mid)} ({display(p.output, lo)}-"
                         f"{display(p.output, hi)})")
    lines.append("")
    lines += [f"- {n}" for n in result.notes]
    lines.append(f"({result.seconds:.2f} s, {result.solves} batched solves{'' if result.converged else ', NOT converged'})")
    return "\n".join(lines)
