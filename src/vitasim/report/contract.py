"""The JSON contract of ``vitasim simulate`` (version 1; change only additively).

::

    {"contract": "vitasim.simulate/1", "disclaimer": "...",
     "population": 1, "seed": null, "solver": "reference", "days": 180,
     "quantities": {"25ohd": {"unit": "ng/mL", "description": "...",
                              "t_days": [...], "value": [...]}},      # N = 1
                   # N > 1: "median", "p5", "p95" instead of "value"
     "warnings": [{"code": ..., "severity": "info|caution|danger", "message": ..., "refs": [...]}],
     "assumptions": ["baseline_25ohd"]}
"""
from __future__ import annotations

import math

from vitasim.api import DISCLAIMER
from vitasim.simulate import SimulationResult

CONTRACT = "vitasim.simulate/1"


def _clean(values) -> list:
    return [None if not math.isfinite(v) else round(float(v), 6) for v in values]


def to_dict(result: SimulationResult, days: float) -> dict:
    """The contract object for one simulation result."""
    t = result.data["time"].values
    quantities = {}
    for name in result.quantities:
        da = result.data[name]
        entry = {"unit": da.attrs["unit"], "description": da.attrs.get("description", ""), "t_days": _clean(t)}
        if "stat" in da.dims:
            for stat in ("median", "p5", "p95"):
                entry[stat] = _clean(da.sel(stat=stat).values)
        else:
            entry["value"] = _clean(da.values)
        quantities[name] = entry
    return {
        "contract": CONTRACT,
        "disclaimer": DISCLAIMER,
        "population": result.population,
        "seed": result.seed,
        "solver": result.solver,
        "days": days,
        "quantities": quantities,
        "warnings": [f.as_dict() for f in result.findings],
        "assumptions": list(result.defaulted),
    }
