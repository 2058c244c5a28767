"""Menaquinone (vitamin K2) food table: published values per 100 g, each with source and quality.

``grams_for(food_row, dose_ug)`` says how many grams of a food supply a dose of its vitamer (a range
when the source gave one); :func:`answer` turns that into the lines the claim checker prints.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

QUALITIES = ("primary", "secondary", "gap")


@dataclass(frozen=True)
class MenaquinoneRow:
    food: str
    vitamer: str
    low: float | None  # ug per 100 g
    high: float | None
    source: str
    quality: str
    note: str


def _num(text: str) -> float | None:
    return float(text) if text.strip() else None


@lru_cache(maxsize=1)
def table() -> tuple[MenaquinoneRow, ...]:
    """Every row of ``diet/data/menaquinones.csv``."""
    raw = resources.files("vitasim.diet").joinpath("data").joinpath("menaquinones.csv").read_text("utf-8")
    rows = []
    for r in csv.DictReader(io.StringIO(raw)):
        row = MenaquinoneRow(r["food"], r["vitamer"], _num(r["ug_per_100g_low"]), _num(r["ug_per_100g_high"]),
                             r["source"], r["quality"], r["note"])
        if row.quality not in QUALITIES:
            raise ValueError(f"menaquinones.csv: {row.food}: unknown quality {row.quality!r}")
        if row.quality != "gap" and row.high is None:
            raise ValueError(f"menaquinones.csv: {row.food}: a value is required unless quality is gap")
        rows.append(row)
    return tuple(rows)


def grams_for(row: MenaquinoneRow, dose_ug: float) -> tuple[float, float | None] | None:
    """Grams of food supplying ``dose_ug`` of its vitamer: (fewest, most); most is None when the
    source gave only an upper bound; None for a gap."""
    if row.high is None:
        return None
    fewest = 100.0 * dose_ug / row.high
    most = 100.0 * dose_ug / row.low if row.low else None
    return fewest, most


def answer(vitamer: str, dose_ug: float | None):
    """Lines for the claim checker: grams of each listed food for ``dose_ug`` of ``vitamer`` (e.g. "mk7")."""
    from vitasim.evidence.foodclaims import FoodAnswer

    want = vitamer.upper().replace("MK", "MK-").replace("--", "-")
    dose = dose_ug if dose_ug is not None else 180.0
    lines, refs = [], []
    for row in table():
        if row.vitamer != want and not (row.quality == "gap" and "MK" in row.vitamer):
            continue
        refs.append(row.source)
        g = grams_for(row, dose)
        if g is None:
            lines.append(f"{row.food}: not assessed ({row.note})")
            continue
        fewest, most = g
        span = f"{fewest:.0f}-{most:.0f} g" if most and abs(most - fewest) >= 1 else (
            f"{fewest:.0f} g" if most else f"at least {fewest:.0f} g")
        lines.append(f"{dose:g} ug/d {want}: {span} of {row.food} per day [{row.quality}: {row.source}]")
    return FoodAnswer(tuple(lines), tuple(dict.fromkeys(refs)), any("not assessed" not in x for x in lines))
