"""Calcium in the planner: intake against the dietary reference intakes, food first, forms.

No simulated target is set for calcium (serum calcium is held in range by PTH and calcitriol);
the planner judges intake instead: the listed diet (USDA values) plus calcium supplements,
against the RDA and upper limit for the person's age and sex (IOM 2011; see
:mod:`vitasim.physiology.calcium_bone.intake`).  Calcium from food comes first (NIH ODS); a
supplement covers only the gap, in doses of 500 mg or less, which are absorbed best (NIH ODS).
Calcium carbonate needs stomach acid and is taken with food; calcium citrate is absorbed with or
without food and suits people on acid suppressants such as PPIs or H2 blockers (NIH ODS; UAB).
The planner never adds calcium on its own.
"""
from __future__ import annotations

from vitasim.physiology.calcium_bone.intake import (SUPPLEMENTS, diet_mg_per_day, rda_mg, supplement_mg_per_day,
                                                    ul_mg)
from vitasim.plugins import Advice, DietLink, FormAdvice, IntakeReference
from vitasim.profile import Profile
from vitasim.rules import medications_in, rounded

# USDA FoodData Central (shipped extract): calcium per 100 g
_FOODS = ("Yogurt, plain, low fat", "Milk, reduced fat (2%)", "Cheese, cheddar, sharp, sliced")
_ACID_SUPPRESSANTS = ("ppi", "h2_blocker")

FORMS = (FormAdvice("calcium", "calcium",
                    "Get calcium from food first; take a supplement only for the gap. Calcium carbonate needs stomach "
                    "acid: take it with a meal. Calcium citrate is absorbed with or without food and suits people "
                    "taking acid suppressants (PPIs, H2 blockers). Take 500 mg or less at a time.",
                    ("ods_calcium", "uab_calcium_tips")),)


def _food_gap_text(gap_mg: float) -> str:
    from vitasim.diet import find_food
    yogurt = find_food(_FOODS[0], "diet")
    milk = find_food(_FOODS[1], "diet")
    g_yog = 100.0 * gap_mg / yogurt.per100g["calcium"]
    g_milk = 100.0 * gap_mg / milk.per100g["calcium"]
    return f"about {rounded(g_yog, 2)} g of low-fat yogurt or {rounded(g_milk, 2)} g of milk a day"


def monitoring(profile: Profile, items: tuple) -> list[Advice]:
    """Calcium intake against the RDA (food first) and the choice of salt with acid suppressants."""
    out: list[Advice] = []
    rda, ul = rda_mg(profile), ul_mg(profile)
    diet = diet_mg_per_day(profile)
    supp = supplement_mg_per_day(items)
    refs = ("iom2011", "usda_fdc", "ods_calcium")
    if diet is None:
        if supp > 0:
            out.append(Advice("CA_INTAKE_UNKNOWN", f"Calcium from food is unknown (no diet listed); supplements give "
                              f"{rounded(supp)} mg/day. The recommended total for you is {rounded(rda)} mg/day and the "
                              f"upper limit {rounded(ul)} mg/day: list your usual foods (diet:) so the total can be "
                              "checked.", refs))
    else:
        total = diet + supp
        if total < rda * 0.95:
            gap = rda - total
            text = (f"Calcium intake is about {rounded(total)} mg/day ({rounded(diet)} mg from the listed diet"
                    + (f", {rounded(supp)} mg from supplements" if supp else "") + f"), below the {rounded(rda)} mg/day "
                    f"recommended for you. Food first: {_food_gap_text(gap)} would close the gap of "
                    f"{rounded(gap)} mg; if food cannot, a calcium supplement of that amount, taken 500 mg or less "
                    "at a time.")
            out.append(Advice("CA_INTAKE_LOW", text, refs,
                              summary=f"Calcium: about {rounded(total)} mg/day, below {rounded(rda)}; add food first "
                                      f"({_food_gap_text(gap)})."))
        elif total <= ul:
            out.append(Advice("CA_INTAKE_OK", f"Calcium intake is about {rounded(total)} mg/day, at or above the "
                              f"{rounded(rda)} mg/day recommended for you and below the {rounded(ul)} mg/day upper "
                              "limit" + ("; no calcium supplement is needed." if supp == 0 else "."), refs))
    takes_ca = any(it.supplement.key in SUPPLEMENTS for it in items)
    suppressants = tuple(m for cls in _ACID_SUPPRESSANTS for m in medications_in(profile, cls))
    if takes_ca and suppressants:
        out.append(Advice("CA_CITRATE_WITH_ACID_SUPPRESSANT",
                          f"With {', '.join(suppressants)} (less stomach acid), choose calcium citrate rather than "
                          "carbonate: citrate does not need acid to be absorbed.", ("ods_calcium", "uab_calcium_tips"),
                          summary="Take calcium as citrate, not carbonate (acid suppressant)."))
    return out


MONITORING = (monitoring,)


def _mg_per_day(item) -> float:
    return supplement_mg_per_day((item,))


DIET = (DietLink("calcium", SUPPLEMENTS, _mg_per_day, _FOODS),)

INTAKES = (IntakeReference("calcium", "mg/day", rda_mg, ul_mg, diet_mg_per_day, supplement_mg_per_day,
                           ("iom2011", "usda_fdc")),)
