"""Plots of predicted trajectories: PNG (matplotlib) or a self-contained HTML page."""
from __future__ import annotations

import base64
import html
import io
from pathlib import Path

from vitasim.report.files import write_atomic
from vitasim.solution import Solution


def figure(result: Solution, quantities: list[str] | None = None):
    """A matplotlib figure with one panel per quantity (median and 5-95 % band for populations)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = quantities or [q for q in result.quantities if q in ("25ohd", "calcitriol")] or result.quantities[:2]
    fig, axes = plt.subplots(len(names), 1, figsize=(7, 2.8 * len(names)), squeeze=False, sharex=True)
    t = result.data["time"].values
    for ax, name in zip(axes[:, 0], names):
        da = result.data[name]
        if "stat" in da.dims:
            ax.fill_between(t, da.sel(stat="p5"), da.sel(stat="p95"), alpha=0.25, label="5th-95th percentile")
            ax.plot(t, da.sel(stat="median"), label=f"median of {result.population} virtual people")
        else:
            ax.plot(t, da.values, label="typical person")
        ax.set_ylabel(f"{name} ({da.attrs['unit']})")
        ax.set_title(da.attrs.get("description", name), fontsize=10)
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    axes[-1, 0].set_xlabel("day")
    fig.text(0.01, 0.005, "vitasim - not a medical device", fontsize=7, alpha=0.6)
    fig.tight_layout()
    return fig


def write(result: Solution, path: str | Path) -> Path:
    """Write the plot to ``path`` (.png or .html), atomically: a failed write leaves no half file."""
    path = Path(path)
    fig = figure(result)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    png = buf.getvalue()
    if path.suffix.lower() == ".html":
        warnings = "".join(f"<li><b>{html.escape(f.severity)}</b> {html.escape(f.message)}</li>" for f in result.findings)
        data = (f"<!doctype html><meta charset='utf-8'><title>vitasim simulation</title>"
                f"<h1>vitasim simulation</h1><p><i>Not a medical device and not medical advice.</i></p>"
                f"<img alt='predicted trajectories' src='data:image/png;base64,{base64.b64encode(png).decode()}'>"
                f"<h2>Warnings</h2><ul>{warnings or '<li>none</li>'}</ul>").encode()
    else:
        data = png
    return write_atomic(path, data)
