"""Computed answers to food claims: grams of food per day that supply a target amount.

Vitamin D uses the shipped USDA extract (vitasim.diet.foods); menaquinones use the menaquinone
table (vitasim.diet.menaquinones) when it holds a sourced value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vitasim.diet.foods import SOURCE as USDA, foods
from vitasim.diet.intake import grams_per_day_for


@dataclass(frozen=True)
class FoodAnswer:
    lines: tuple[str, ...]
    refs: tuple[str, ...]
    assessed: bool


def vitamin_d(food_pattern: str, targets: list[dict]) -> FoodAnswer:
    """Grams per day of each matching fish (sr_legacy rows) for each target (ug/d)."""
    pat = re.compile(food_pattern, re.I)
    rows = [f for key, f in sorted(foods().items()) if pat.search(key) and f.data_type == "sr_legacy_food"
            and f.per100g["vitamin_d"]]
    if not rows:
        return FoodAnswer(("no matching food in the USDA extract",), (USDA,), False)
    rich = max(rows, key=lambda f: f.per100g["vitamin_d"])
    poor = min(rows, key=lambda f: f.per100g["vitamin_d"])
    lines, refs = [], [USDA]
    for t in targets:
        g_rich = grams_per_day_for("vitamin_d", t["amount"], rich)
        g_poor = grams_per_day_for("vitamin_d", t["amount"], poor)
        lines.append(f"{t['amount']:g} {t['unit']} ({t['label']}): {g_rich:.0f} g/day of {rich.name} "
                     f"({rich.per100g['vitamin_d']:g} ug/100 g) up to {g_poor:.0f} g/day of {poor.name} "
                     f"({poor.per100g['vitamin_d']:g} ug/100 g); {len(rows)} fish rows in the USDA extract")
        refs.append(t["source"])
    return FoodAnswer(tuple(lines), tuple(dict.fromkeys(refs)), True)


def menaquinone(nutrient: str, dose_ug: float | None) -> FoodAnswer:
    """Grams of each food in the menaquinone table that supply ``dose_ug`` of ``nutrient``."""
    try:
        from vitasim.diet import menaquinones
    except ImportError:  # pragma: no cover - the table ships with the package
        return FoodAnswer(("no menaquinone food table in this package",), (), False)
    return menaquinones.answer(nutrient, dose_ug)
