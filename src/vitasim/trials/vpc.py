"""Visual predictive check of an arm: the replicate trials' 90 % prediction interval and median of
the arm mean over time, with the observed means and their 95 % CI on top (PNG, or a
self-contained HTML page with the PNG inline and the numbers as a table)."""
from __future__ import annotations

import base64
import html
import io
from pathlib import Path

from vitasim.errors import VitasimInputError
from vitasim.report.files import write_atomic


def figure(result):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    curves = result.curves
    fig, axes = plt.subplots(len(curves), 1, figsize=(7, 2.9 * len(curves)), squeeze=False)
    for ax, (label, (t, p5, p50, p95, ep)) in zip(axes[:, 0], curves.items()):
        ax.fill_between(t, p5, p95, alpha=0.25, label=f"90 % PI of the arm mean ({result.replicates} trials)")
        ax.plot(t, p50, label="median of virtual trials")
        obs = [v for v in result.visits if v.quantity == ep.quantity and v.kind == ep.kind]
        lo = [v.observed - v.observed_lo if v.observed_lo is not None else 0 for v in obs]
        hi = [v.observed_hi - v.observed if v.observed_hi is not None else 0 for v in obs]
        ax.errorbar([v.day for v in obs], [v.observed for v in obs], yerr=[lo, hi], fmt="o", color="k",
                    capsize=3, label="observed mean (95 % CI)")
        ax.set_ylabel(f"{label} [{ep.unit}]")
        ax.set_xlabel("day")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle(f"{result.arm.id} (n = {result.n}; {result.arm.role})", fontsize=10)
    fig.text(0.01, 0.005, "vitasim - not a medical device", fontsize=7, alpha=0.6)
    fig.tight_layout()
    return fig


def _table(result) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(v.quantity)} ({v.kind})</td><td>{v.day:g}</td><td>{v.observed:.4g}</td>"
        f"<td>{'' if v.observed_lo is None else f'{v.observed_lo:.4g}-{v.observed_hi:.4g}'}</td>"
        f"<td>{v.predicted:.4g}</td><td>{v.pi_lo:.4g}-{v.pi_hi:.4g}</td><td>{'yes' if v.inside else 'no'}</td></tr>"
        for v in result.visits)
    return ("<table border=1 cellpadding=3><tr><th>endpoint</th><th>day</th><th>observed</th><th>95 % CI</th>"
            f"<th>predicted</th><th>90 % PI</th><th>inside</th></tr>{rows}</table>")


def write(result, path: str | Path) -> Path:
    """Write the check to ``path`` (.png or .html) atomically."""
    path = Path(path)
    if path.suffix.lower() not in (".png", ".html"):
        raise VitasimInputError("--plot", "the plot file must end in .png or .html")
    if not result.curves:
        raise VitasimInputError("--plot", "the result holds no curves (run with keep_curves=True)")
    buf = io.BytesIO()
    fig = figure(result)
    fig.savefig(buf, format="png", dpi=110)
    import matplotlib.pyplot as plt
    plt.close(fig)
    png = buf.getvalue()
    if path.suffix.lower() == ".png":
        return write_atomic(path, png)
    arm = result.arm
    page = (f"<!doctype html><meta charset='utf-8'><title>vitasim VPC {html.escape(arm.id)}</title>"
            f"<h1>Visual predictive check: {html.escape(arm.id)}</h1>"
            f"<p>Reference: {html.escape(arm.reference)}; numbers read in: {html.escape(arm.found_in)}; "
            f"role: {arm.role}; n = {result.n}; {result.replicates} replicate trials, seed {result.seed}.</p>"
            f"<p><i>Not a medical device and not medical advice.</i></p>"
            f"<img alt='visual predictive check' src='data:image/png;base64,{base64.b64encode(png).decode()}'>"
            f"{_table(result)}")
    return write_atomic(path, page.encode())
