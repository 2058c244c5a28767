"""A plot of the fit: each lab's individual prediction with its 90 % intervals, the population's
prediction, and the measured values (left-out ones marked)."""
from __future__ import annotations

import io
from pathlib import Path

from vitasim import units
from vitasim.fit.result import FitResult
from vitasim.report.files import write_atomic
from vitasim.report.units_text import output_declaration


def figure(result: FitResult):
    """A matplotlib figure, one panel per fitted lab, in display units."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    preds = result.predictions
    fig, axes = plt.subplots(len(preds), 1, figsize=(7, 3.2 * len(preds)), squeeze=False)
    for ax, p in zip(axes[:, 0], preds):
        out = output_declaration(p.output)
        unit = out.display_unit or out.unit
        conv = lambda v: units.convert_values(v, out.unit, unit, out.compound)
        ax.fill_between(p.days, conv(p.pop_low), conv(p.pop_high), color="0.85", label="population 90 % PI")
        ax.plot(p.days, conv(p.population), color="0.5", ls="--", label="population prediction")
        ax.fill_between(p.days, conv(p.pi_low), conv(p.pi_high), alpha=0.25, label="individual 90 % PI (new lab)")
        ax.plot(p.days, conv(p.individual), label="individual prediction")
        for f in result.labs:
            if f.lab == p.lab:
                ax.plot([f.day], [conv(f.measured)], "o" if f.used else "x", color="k" if f.used else "r",
                        label=None)
        ax.set_xlabel("day")
        ax.set_ylabel(f"{p.lab} ({unit})")
        ax.legend(fontsize=7)
    fig.tight_layout()
    return fig


def save(result: FitResult, path: str | Path) -> Path:
    """Write the figure as PNG (the whole file or nothing)."""
    buf = io.BytesIO()
    fig = figure(result)
    fig.savefig(buf, format="png", dpi=110)
    import matplotlib.pyplot as plt
    plt.close(fig)
    return write_atomic(path, buf.getvalue())
