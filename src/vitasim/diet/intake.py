"""Turning a profile's ``diet`` list into nutrient intake per day, and its inverse."""
from __future__ import annotations

from dataclasses import dataclass

from vitasim import units
from vitasim.diet.foods import NUTRIENTS, Food, find_food
from vitasim.errors import VitasimInputError, quote

_KEYS = {"food", "amount", "per"}
# Input-sanity bounds (not nutrition advice): a diet is listed per day, week, month or year, so
# 'per: 1 ns' (1.5e11 servings a day) is a typing error; the whole diet is at most 10 kg of food a day.
MIN_PER_H = 24.0
MAX_PER_H = 366 * 24.0
MAX_GRAMS_PER_DAY = 10_000


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
        q = units.parse(entry["amount"], f"{where}.amount", "150 g")
        try:
            grams = float(q.to("g").magnitude)
        except Exception:
            raise VitasimInputError(f"{where}.amount", "must be a mass such as '150 g' or '5 oz'") from None
        if not 0 < grams <= 5000:
            raise VitasimInputError(f"{where}.amount", "must be between 0 and 5000 g per serving")
        per_h = 24.0
        if entry.get("per") is not None:
            per_h = units.hours(units.parse(entry["per"], f"{where}.per", "1 week"), f"{where}.per")
            if not MIN_PER_H <= per_h <= MAX_PER_H:
                raise VitasimInputError(f"{where}.per", f"{quote(entry['per'])} is out of range; a diet lists how much "
                                                        "is eaten per day, week, month or year (accepted 1 day to "
                                                        "1 year)")
        items.append(DietItem(food, grams * 24.0 / per_h, f"{entry['amount']} of {food.name} per {entry.get('per', '1 day')}"))
    total = sum(item.grams_per_day for item in items)
    if total > MAX_GRAMS_PER_DAY:
        raise VitasimInputError("diet", f"adds up to {total:,.0f} g of food a day; at most {MAX_GRAMS_PER_DAY:,} g "
                                        "(an input-sanity bound) are accepted")
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
