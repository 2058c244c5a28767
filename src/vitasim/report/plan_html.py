"""A self-contained HTML report of a plan or check, with the predicted trajectories plotted."""
from __future__ import annotations

import base64
import html
import io
from pathlib import Path

from vitasim.report.files import write_atomic


def _plot_png(result) -> bytes | None:
    """Median and 5-95 % band of each evaluated target quantity, over the very virtual population
    the planner judged that target on (no new simulation)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    judged = [t for t in result.targets if t.solution is not None and t.target.quantity in t.solution.quantities]
    if not judged:
        return None
    fig, axes = plt.subplots(len(judged), 1, figsize=(7, 2.8 * len(judged)), squeeze=False)
    for ax, outcome in zip(axes[:, 0], judged):
        sol, q = outcome.solution, outcome.target.quantity
        da = sol.data[q]
        t = sol.data["time"].values
        if "stat" in da.dims:
            ax.fill_between(t, da.sel(stat="p5"), da.sel(stat="p95"), alpha=0.25, label="5th-95th percentile")
            ax.plot(t, da.sel(stat="median"), label=f"median of {sol.kept} virtual people (seed {sol.seed})")
        else:
            ax.plot(t, da.values, label="typical person")
        ax.set_title(f"{outcome.target.code}: {outcome.label or outcome.status}", fontsize=9)
        ax.set_ylabel(f"{q} ({da.attrs['unit']})")
        ax.set_xlabel("day")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return buf.getvalue()


def _cites(entry: dict) -> str:
    """Citation keys and linked evidence records (with their certainty) of one entry, escaped."""
    esc = html.escape
    refs = ", ".join(entry.get("refs", []))
    links = ", ".join(f"{e['id']} ({e['certainty']})" for e in entry.get("evidence") or [])
    text = refs + (f"; evidence: {links}" if links else "")
    return f" <small>({esc(text)})</small>" if text else ""


def render(plan_result, *, title: str) -> str:
    """The report of a PlanResult: its ``vitasim.plan/1`` view, plus plots of the judged populations."""
    from vitasim.planner.format import short_name, when_text
    from vitasim.report.contract import plan_view
    result = plan_view(plan_result)
    esc = html.escape
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{esc(title)}</title>",
             "<style>body{font-family:sans-serif;max-width:52em;margin:2em auto}.danger{color:#b00;font-weight:bold}"
             ".caution{color:#a60}.info{color:#06a}.summary{font-size:1.15em;border:2px solid #333;padding:.5em 1em}"
             "</style></head><body>",
             f"<h1>{esc(title)}</h1><section class='summary'><h2>What to do now</h2><ol>"]
    parts += [f"<li>{esc(line)}</li>" for line in result["summary"]]
    parts.append(f"</ol></section><p><strong>{esc(result['disclaimer'])}</strong></p><h2>Warnings</h2><ul>")
    parts += [f"<li class='{esc(w['severity'])}'>{esc(w['severity'].upper())} {esc(w['code'])}: {esc(w['message'])}"
              f"{_cites(w)}</li>" for w in result["warnings"]] or ["<li>none</li>"]
    parts.append("</ul><h2>Regimen</h2><ul>")
    parts += [f"<li>{esc(short_name(i['description']))}: {esc(i['dose'])} {esc(when_text(i))}</li>"
              for i in result["regimen"]] or ["<li>no supplements</li>"]
    parts.append("</ul><h2>Targets</h2><ul>")
    parts += [f"<li>{esc(t['description'])}: {esc(t['status'])}</li>" for t in result["targets"]]
    parts.append("</ul><h2>Why</h2><ul>")
    parts += [f"<li>{esc(e['message'])}{_cites(e)}</li>" for e in result["explanations"]]
    parts.append("</ul><h2>Forms</h2><ul>")
    parts += [f"<li>{esc(f['message'])}{_cites(f)}</li>" for f in result["forms"]] or ["<li>nothing specific</li>"]
    parts.append("</ul><h2>Monitoring</h2><ul>")
    parts += [f"<li>{esc(m['message'])}{_cites(m)}</li>" for m in result["monitoring"]] or ["<li>nothing specific</li>"]
    from vitasim.report.plan_text import _intake_text
    if result["intakes"]:
        parts.append("</ul><h2>Intakes (per day)</h2><ul>")
        parts += [f"<li>{esc(_intake_text(i))}{_cites(i)}</li>" for i in result["intakes"]]
    parts.append("</ul><h2>Assumptions</h2><ul>")
    parts += [f"<li>{esc(a)}</li>" for a in result["assumptions"]] or ["<li>none</li>"]
    parts.append("</ul>")
    png = _plot_png(plan_result)
    if png:
        parts.append(f"<h2>Predicted trajectories</h2><img alt='predicted trajectories' "
                     f"src='data:image/png;base64,{base64.b64encode(png).decode()}'>")
    parts.append("</body></html>")
    return "".join(parts)


def write(plan_result, path: str | Path, *, title: str) -> Path:
    """Write atomically: a failure leaves no half-written report."""
    return write_atomic(path, render(plan_result, title=title).encode("utf-8"))
