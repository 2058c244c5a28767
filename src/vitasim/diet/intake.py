"""Turning a profile's ``diet`` list into nutrient intake per day, and its inverse."""
from __future__ import annotations

from dataclasses import dataclass

from vitasim import units
from vitasim.diet.foods import NUTRIENTS, Food, find_food
from vitasim.errors import VitasimInputError

_KEYS = {"food", "amount", "per"}


@dataclass(frozen=True)
class DietItem:
    food: Food
    grams_per_day: float
    text: str


def parse_diet(raw: object) -> tuple[DietItem, ...]:
    """``[{food: NAME, amount: 150 g, per: 1 week}, ...]`` -> DietItems (``per`` defaults to 1 day)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise VitasimInputError("diet", "must be a list like [{food: 'Egg, whole, raw, fresh', amount: 50 g, per: 1 day}]")
    items = []
    for i, entry in enumerate(raw):
        where = f"diet[{i}]"
        if not isinstance(entry, dict):
            raise VitasimInputError(where, "each entry must be a mapping {food, amount, per}")
        extra = set(entry) - _KEYS
        if extra:
            raise VitasimInputError(f"{where}.{sorted(extra)[0]}", f"unknown field; accepted: {', '.join(sorted(_KEYS))}")
        food = find_food(entry.get("food"), f"{where}.food")
        if "amount" not in entry:
            raise VitasimInputError(f"{where}.amount", "an amount with a unit is required, e.g. '150 g'")
        q = units.parse(entry["amount"], f"{where}.amount")
        try:
            grams = float(q.to("g").magnitude)
        except Exception:
            raise VitasimInputError(f"{where}.amount", "must be a mass such as '150 g' or '5 oz'") from None
        if not 0 < grams <= 5000:
            raise VitasimInputError(f"{where}.amount", "must be between 0 and 5000 g per serving")
        per_h = 24.0
        if entry.get("per") is not None:
            per_h = units.hours(units.parse(entry["per"], f"{where}.per"), f"{where}.per")
            if per_h <= 0:
                raise VitasimInputError(f"{where}.per", "must be a positive duration such as '1 week'")
        items.append(DietItem(food, grams * 24.0 / per_h, f"{entry['amount']} of {food.name} per {entry.get('per', '1 day')}"))
    return tuple(items)


def daily_intake(items: tuple[DietItem, ...]) -> dict[str, dict]:
    """Per nutrient: amount per day, its unit, and the foods whose value is not reported."""
    out = {}
    for nutrient, (_, unit) in NUTRIENTS.items():
        total = 0.0
        missing = []
        for item in items:
            value = item.food.per100g[nutrient]
            if value is None:
                missing.append(item.food.name)
            else:
                total += value * item.grams_per_day / 100.0
        out[nutrient] = {"amount_per_day": total, "unit": unit, "not_reported_for": missing}
    return out


def grams_per_day_for(nutrient: str, amount_per_day: float, food: Food) -> float | None:
    """Grams of ``food`` per day that supply ``amount_per_day`` (in the nutrient's unit); None if unknown."""
    value = food.per100g[nutrient]
    if not value:
        return None
    return 100.0 * amount_per_day / value
