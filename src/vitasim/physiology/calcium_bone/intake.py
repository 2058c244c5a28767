"""Calcium intake (listed diet + supplements) and its dietary reference intakes.

IOM 2011 (Dietary Reference Intakes for Calcium and Vitamin D), adults:

* RDA 1000 mg/day for men 19-70 and women 19-50; 1200 mg/day for women 51+ and men 71+;
* tolerable upper intake level (UL) 2500 mg/day at 19-50 years, 2000 mg/day from 51 years,
  for total intake (food and supplements).

An unknown age is read as 65 or over, as the planner's other targets do (the stricter values for
women; for men the RDA stays 1000 mg/day until 71).  Intake from food comes from the profile's
``diet`` list and the USDA FoodData Central values shipped in :mod:`vitasim.diet`; with no diet
listed it is unknown (None), never assumed.
"""
from __future__ import annotations

from vitasim import units
from vitasim.profile import Profile

SUPPLEMENTS = ("calcium",)
OLDER_FROM = 51.0   # iom2011: the 51-70 and 71+ bands


def _age(profile: Profile) -> float:
    return profile.age if profile.age is not None else 65.0


def rda_mg(profile: Profile) -> float:
    """IOM 2011 RDA for calcium (mg/day) for this adult."""
    age = _age(profile)
    if profile.sex == "male":
        return 1200.0 if age >= 71 else 1000.0
    return 1200.0 if age >= OLDER_FROM else 1000.0


def ul_mg(profile: Profile) -> float:
    """IOM 2011 tolerable upper intake level for total calcium (mg/day) for this adult."""
    return 2000.0 if _age(profile) >= OLDER_FROM else 2500.0


def supplement_mg_per_day(items) -> float:
    """Elemental calcium per day (averaged over the dosing interval) from calcium supplements."""
    total = 0.0
    for it in items:
        if it.supplement.key in SUPPLEMENTS:
            per_day = it.daily_equivalent()
            total += units.amount(units.Quantity(per_day, it.supplement.amount_unit), it.supplement.compound, "mg")
    return total


def diet_mg_per_day(profile: Profile) -> float | None:
    """Calcium per day from the listed diet (USDA values), or None when no diet is listed."""
    if not profile.diet:
        return None
    from vitasim.diet import daily_intake
    return float(daily_intake(profile.diet)["calcium"]["amount_per_day"])
