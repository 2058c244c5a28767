"""The shipped USDA FoodData Central extract, read once, searchable by name."""
from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from vitasim.errors import VitasimInputError, quote

# nutrient key -> (column, unit of the per-100 g value)
NUTRIENTS: dict[str, tuple[str, str]] = {
    "vitamin_d": ("vitamin_d_d2_d3_ug_per100g", "ug"),
    "vitamin_k1": ("vitamin_k1_phylloquinone_ug_per100g", "ug"),
    "vitamin_k2_mk4": ("vitamin_k2_mk4_ug_per100g", "ug"),
    "vitamin_b12": ("vitamin_b12_ug_per100g", "ug"),
    "magnesium": ("magnesium_mg_per100g", "mg"),
    "calcium": ("calcium_mg_per100g", "mg"),
}
SOURCE = "usda_fdc"


@dataclass(frozen=True)
class Food:
    """One food: name, USDA data type and category, nutrients per 100 g (None = not reported)."""

    name: str
    data_type: str
    category: str
    per100g: dict[str, float | None]
    portion_g: float | None


def _number(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None


@lru_cache(maxsize=1)
def foods() -> dict[str, Food]:
    """All foods keyed by lower-case name (the first row wins when a name repeats)."""
    raw = resources.files("vitasim.diet").joinpath("data", "usda_fdc_extract.csv").read_text(encoding="utf-8")
    table: dict[str, Food] = {}
    for row in csv.DictReader(io.StringIO(raw)):
        key = row["food_name"].strip().lower()
        if key in table:
            continue
        portion = _number(row["portion_gram_weight"]) if row["portion_unit_name"] not in ("", "undetermined") else None
        table[key] = Food(row["food_name"].strip(), row["data_type"], row["food_category"],
                          {n: _number(row[col]) for n, (col, _) in NUTRIENTS.items()}, portion)
    return table


MAX_FOOD_NAME = 200   # characters (the longest name in the extract is well under it)


def find_food(name: object, field: str) -> Food:
    """A food by exact (case-insensitive) name; otherwise an error naming close matches."""
    if not isinstance(name, str) or not name.strip():
        raise VitasimInputError(field, "a food name is required, as written in the USDA FoodData Central extract")
    if len(name) > MAX_FOOD_NAME:
        raise VitasimInputError(field, f"a food name of {len(name)} characters; at most {MAX_FOOD_NAME}")
    table = foods()
    key = name.strip().lower()
    if key in table:
        return table[key]
    words = key.split()
    contains = [f.name for k, f in table.items() if all(w in k for w in words)][:3]
    close = contains or [table[k].name for k in difflib.get_close_matches(key, table, n=3, cutoff=0.5)]
    hint = f"; did you mean: {' | '.join(close)}" if close else ""
    raise VitasimInputError(field, f"unknown food {quote(name)}{hint}")
