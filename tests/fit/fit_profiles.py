"""Shared profiles for the fit tests (a plain module: importable by name from the tests): an older woman on 2000 IU/d with dated 25(OH)D results."""
from __future__ import annotations

BASE = {"version": "vitasim.profile/2", "start": "2026-01-10",
        "person": {"age": 72, "sex": "female", "weight": "68 kg"},
        "regimen": [{"supplement": "vitamin D3", "dose": "2000 IU", "every": "1 day", "start": "2026-01-10"}]}


def with_labs(*results, extra=None) -> dict:
    """BASE with a baseline of 14 ng/mL two days before day 0 and ``results`` as (ng/mL, day)."""
    labs = [{"value": "14 ng/mL", "day": -2}] + [{"value": f"{v} ng/mL", "day": d} for v, d in results]
    data = {**BASE, "labs": {"25ohd": labs}}
    if extra:
        data.update(extra)
    return data


