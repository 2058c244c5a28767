"""A self-contained HTML report of a plan or check, with the predicted trajectories plotted."""
from __future__ import annotations

import base64
import html
import io
from pathlib import Path

from vitasim.profile import Profile
from vitasim.report.files import write_atomic


def _plot_png(profile: Profile, result: dict) -> bytes | None:
    """Median and 5-95 % band of each target quantity under the reported regimen."""
    from dataclasses import replace

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from vitasim.planner.search import candidate_items
    from vitasim.planner.parts import Candidate
    from vitasim.simulate import run

    quantities = sorted({t["quantity"] for t in result["targets"] if "fraction_in_target" in t})
    if not quantities:
        return None
    regimen = tuple({k: v for k, v in item.items() if k != "description"} for item in result["regimen"])
    items = candidate_items(Candidate("report", regimen))
    days = max(t.get("end_day", 168.0) for t in result["targets"] if "fraction_in_target" in t)
    res, _, _ = run(replace(profile, regimen=items), days=days, population=200, seed=0, quantities=quantities)
    fig, axes = plt.subplots(len(quantities), 1, figsize=(7, 2.8 * len(quantities)), squeeze=False)
    t = res.data["time"].values
    for ax, q in zip(axes[:, 0], quantities):
        da = res.data[q]
        ax.fill_between(t, da.sel(stat="p5"), da.sel(stat="p95"), alpha=0.25, label="5th-95th percentile")
        ax.plot(t, da.sel(stat="median"), label="median")
        ax.set_ylabel(f"{q} ({da.attrs['unit']})")
        ax.set_xlabel("day")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return buf.getvalue()


def render(profile: Profile, result: dict, *, title: str) -> str:
    esc = html.escape
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{esc(title)}</title>",
             "<style>body{font-family:sans-serif;max-width:52em;margin:2em auto}.danger{color:#b00;font-weight:bold}"
             ".caution{color:#a60}.info{color:#06a}</style></head><body>",
             f"<h1>{esc(title)}</h1><p><strong>{esc(result['disclaimer'])}</strong></p><h2>Warnings</h2><ul>"]
    parts += [f"<li class='{esc(w['severity'])}'>{esc(w['severity'].upper())} {esc(w['code'])}: {esc(w['message'])} "
              f"<small>({esc(', '.join(w['refs']))})</small></li>" for w in result["warnings"]] or ["<li>none</li>"]
    parts.append("</ul><h2>Regimen</h2><ul>")
    parts += [f"<li>{esc(i['description'])}: {esc(i['dose'])}" + (f" every {esc(i['every'])}" if "every" in i else " once")
              + "</li>" for i in result["regimen"]] or ["<li>no supplements</li>"]
    parts.append("</ul><h2>Targets</h2><ul>")
    parts += [f"<li>{esc(t['description'])}: {esc(t['status'])}</li>" for t in result["targets"]]
    parts.append("</ul><h2>Why</h2><ul>")
    parts += [f"<li>{esc(e['message'])} <small>({esc(', '.join(e['refs']))})</small></li>" for e in result["explanations"]]
    parts.append("</ul><h2>Monitoring</h2><ul>")
    parts += [f"<li>{esc(m['message'])}</li>" for m in result["monitoring"]] or ["<li>nothing specific</li>"]
    parts.append("</ul>")
    png = _plot_png(profile, result)
    if png:
        parts.append(f"<h2>Predicted trajectories</h2><img alt='predicted trajectories' "
                     f"src='data:image/png;base64,{base64.b64encode(png).decode()}'>")
    parts.append("</body></html>")
    return "".join(parts)


def write(profile: Profile, result: dict, path: str | Path, *, title: str) -> Path:
    """Write atomically: a failure leaves no half-written report."""
    return write_atomic(path, render(profile, result, title=title).encode("utf-8"))
