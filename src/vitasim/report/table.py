"""Plain tables (terminal and CSV) of a Solution."""
from __future__ import annotations

import csv
import io

from vitasim.solution import Solution


def rows(result: Solution, every_days: float | None = None, quantities: list[str] | None = None
         ) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per (reported) time, one column per quantity; for a population
    each cell is ``median (p5-p95)``."""
    t = result.data["time"].values
    if every_days is None:
        every_days = max(1.0, round(float(t[-1]) / 12.0))
    picks = [i for i, d in enumerate(t) if i == len(t) - 1 or abs((d / every_days) - round(d / every_days)) < 1e-9]
    header = ["day"]
    columns = []
    for name in quantities or result.quantities:
        da = result.data[name]
        header.append(f"{name} ({da.attrs['unit']})")
        if "stat" in da.dims:
            med, lo, hi = (da.sel(stat=s).values for s in ("median", "p5", "p95"))
            columns.append([f"{m:.4g} ({a:.3g}-{b:.3g})" for m, a, b in zip(med, lo, hi)])
        else:
            columns.append([f"{v:.4g}" for v in da.values])
    body = [[f"{t[i]:g}"] + [c[i] for c in columns] for i in picks]
    return header, body


def to_csv(result: Solution) -> str:
    """Every time point, every quantity: machine-readable, rectangular CSV.

    One person: a column per quantity (``25ohd (ng/mL)``).  A population: three columns per
    quantity (``25ohd median (ng/mL)``, ``25ohd p5 (ng/mL)``, ``25ohd p95 (ng/mL)``).
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    t = result.data["time"].values
    header, cols = ["day"], []
    for name in result.quantities:
        da = result.data[name]
        unit = da.attrs["unit"]
        if "stat" in da.dims:
            for stat in ("median", "p5", "p95"):
                header.append(f"{name} {stat} ({unit})")
                cols.append(da.sel(stat=stat).values)
        else:
            header.append(f"{name} ({unit})")
            cols.append(da.values)
    writer.writerow(header)
    for i in range(len(t)):
        writer.writerow([f"{t[i]:g}"] + [f"{c[i]:.6g}" for c in cols])
    return buf.getvalue()
