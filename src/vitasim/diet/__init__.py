"""Diet: food composition (a USDA FoodData Central extract shipped with the package) and intake.

``foods()`` loads the extract (see ``data/SOURCE.txt``: SR Legacy, Foundation and FNDDS foods,
nutrients per 100 g; an empty cell means not reported, never zero).  A profile's ``diet:`` lists
foods with an amount and how often; ``daily_intake`` turns them into nutrient amounts per day.
"""
from vitasim.diet.foods import NUTRIENTS, Food, find_food, foods
from vitasim.diet.intake import DietItem, daily_intake, grams_per_day_for, parse_diet

__all__ = ["NUTRIENTS", "DietItem", "Food", "daily_intake", "find_food", "foods", "grams_per_day_for",
           "parse_diet"]
