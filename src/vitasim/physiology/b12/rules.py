"""Vitamin B12 rules, each with a stable code and its source.

* B12_NO_UL (info): B12 has no tolerable upper intake level (IOM 1998); shown when a B12
  supplement is taken.
* B12_FORM_NOTE (info): 'vitamin B12', 'B12' and 'cobalamin' are read as cyanocobalamin; all
  forms are modelled as equivalent once absorbed (Paul & Brady 2017); only IM retention differs
  (hydroxocobalamin retained better, Glass 1961).
* B12_ABSORPTION_RISK (caution): something lowers B12 absorption: a PPI or H2 blocker (Lam
  2013), metformin (de Jager 2010), atrophic gastritis or age >= 50 (food-bound malabsorption;
  IOM 1998 advises people over 50 to get B12 from fortified foods or supplements).  Age alone
  counts only when B12 is in play (a B12 supplement, lab, medicine or condition), so vitamin D
  profiles of older people are not flooded with B12 messages.
* B12_PERNICIOUS_ANAEMIA (danger / caution): without intrinsic factor only about 1 % of an oral
  dose is absorbed; oral treatment needs 1000-2000 ug/day or injections (Kuzminski 1998, Chan
  2016, Vidal-Alaball 2005).  Danger when the regimen has neither; caution otherwise.
* B12_NEUROLOGICAL_SYMPTOMS (caution): tingling, numbness or neuropathy need a doctor's
  assessment, not just a supplement (Stabler 2013).
* B12_PREDICTED_DEFICIENT (caution): the typical person's predicted probability of a deficient
  blood test (serum B12 < 148 pmol/L or MMA > 376 nmol/L, Bailey 2011) is above 50 % at the end.
* B12_BASELINE_ASSUMED (info): no B12 lab given; the baseline is the model's steady state.
"""
from __future__ import annotations

import numpy as np

from vitasim.rules import Finding, rounded
from vitasim.solution import Solution

FORMS = ("cyanocobalamin", "methylcobalamin", "hydroxocobalamin", "adenosylcobalamin")
AGE_FOOD_BOUND = 50.0          # iom1998
PA_ORAL_MIN_UG_PER_DAY = 1000.0  # chan2016 (1000 ug/d adequate), kuzminski1998 (2000 ug/d)
DEFICIENT_PROBABILITY = 50.0   # % at the end of the simulation
_UG_PER_NMOL = {"cyanocobalamin": 1.35537, "methylcobalamin": 1.34438, "hydroxocobalamin": 1.34636,
                "adenosylcobalamin": 1.57958}


B12_CONDITIONS = ("pernicious_anaemia", "atrophic_gastritis", "vegan", "vegetarian", "peripheral_neuropathy")
B12_LABS = ("b12", "holotc", "mma")


def _b12_items(ctx: Solution):
    return [it for it in ctx.profile.regimen if it.supplement.key in FORMS]


def _b12_in_play(ctx: Solution) -> bool:
    """A B12 supplement, lab, B12-relevant medicine or condition is in the profile."""
    p = ctx.profile
    return bool(_b12_items(ctx) or set(B12_LABS) & set(p.labs) or set(B12_CONDITIONS) & set(p.conditions)
                or any(p.takes(c) for c in ("ppi", "h2_blocker", "metformin")))


def no_upper_limit(ctx: Solution) -> list[Finding]:
    """IOM 1998: not enough evidence to set a tolerable upper intake level for B12."""
    if not _b12_items(ctx):
        return []
    return [Finding("B12_NO_UL", "info",
                    "Vitamin B12 has no tolerable upper intake level: no adverse effects have been tied to high "
                    "intakes from food or supplements in healthy people. Very high serum B12 without supplements "
                    "deserves a doctor's look, since it can reflect liver, kidney or blood disorders.",
                    ("iom1998",))]


def form_note(ctx: Solution) -> list[Finding]:
    """Paul & Brady 2017: all forms are converted to the same cofactors; Glass 1961: IM retention."""
    items = _b12_items(ctx)
    if not items:
        return []
    keys = {it.supplement.key for it in items}
    text = ("'Vitamin B12', 'B12' and 'cobalamin' are read as cyanocobalamin. Once absorbed, every form "
            "(cyano-, methyl-, hydroxo-, adenosylcobalamin) is converted to the same two cofactors, so the model "
            "treats oral forms alike: no form has been shown to work better.")
    if any(it.route == "intramuscular" for it in items):
        text += " Injected hydroxocobalamin is retained better than injected cyanocobalamin."
    refs = ("paul2017", "kornerup2018") + (("glass1961",) if "hydroxocobalamin" in keys else ())
    return [Finding("B12_FORM_NOTE", "info", text, refs)]


def absorption_risk(ctx: Solution) -> list[Finding]:
    """Lam 2013 (PPI, H2RA), de Jager 2010 (metformin), IOM 1998 and Baik 1999 (age, atrophic gastritis)."""
    p = ctx.profile
    reasons, refs, short = [], [], []
    if p.takes("ppi"):
        reasons.append("a proton pump inhibitor (2+ years: 65 % higher odds of deficiency)")
        refs.append("lam2013")
        short.append("a PPI")
    if p.takes("h2_blocker"):
        reasons.append("an H2 blocker (2+ years: 25 % higher odds)")
        refs.append("lam2013")
        short.append("an H2 blocker")
    if p.takes("metformin"):
        reasons.append("metformin (serum B12 19 % lower after 4 years)")
        refs.append("dejager2010")
        short.append("metformin")
    if "atrophic_gastritis" in p.conditions:
        reasons.append("atrophic gastritis")
        refs.append("baik1999")
        short.append("atrophic gastritis")
    if p.age is not None and p.age >= AGE_FOOD_BOUND and _b12_in_play(ctx):
        reasons.append(f"age {p.age:.0f} (10-30 % of people over 50 cannot absorb B12 from food well)")
        refs.append("iom1998")
        short.append("age over 50")
    if not reasons:
        return []
    return [Finding("B12_ABSORPTION_RISK", "caution",
                    "B12 absorption from food is reduced by " + "; ".join(reasons) + ". Crystalline B12 "
                    "(supplements, fortified foods) does not need stomach acid; people over 50 are advised to get "
                    "B12 that way. Periodic serum B12 (and MMA) checks are reasonable.",
                    tuple(dict.fromkeys(refs + ["iom1998"])),
                    action=f"B12 from food is poorly absorbed ({', '.join(short)}): B12 tablets or fortified foods "
                           "work; ask about a periodic B12 check.")]


def pernicious_anaemia(ctx: Solution) -> list[Finding]:
    """Kuzminski 1998, Chan 2016, Vidal-Alaball 2005: 1000-2000 ug/d orally or IM injections."""
    if "pernicious_anaemia" not in ctx.profile.conditions:
        return []
    items = _b12_items(ctx)
    injected = any(it.route == "intramuscular" for it in items)
    oral_ug = sum(it.daily_equivalent() * _UG_PER_NMOL[it.supplement.key]
                  for it in items if it.route != "intramuscular")
    refs = ("kuzminski1998", "chan2016", "vidalalaball2005")
    if injected or oral_ug >= PA_ORAL_MIN_UG_PER_DAY * (1 - 1e-4):
        return [Finding("B12_PERNICIOUS_ANAEMIA", "caution",
                        "Pernicious anaemia: treatment is lifelong and needs monitoring by a doctor (serum B12, blood "
                        "count). Orally only about 1 % of a dose is absorbed, so oral treatment relies on "
                        "1000-2000 µg/day taken every day.", refs)]
    return [Finding("B12_PERNICIOUS_ANAEMIA", "danger",
                    f"Pernicious anaemia with oral B12 of only {rounded(oral_ug)} µg/day and no injections: without "
                    "intrinsic factor about 1 % of an oral dose is absorbed. Treatment needs 1000-2000 µg/day orally "
                    "or intramuscular injections, under a doctor's care; untreated deficiency can cause permanent "
                    "nerve damage.", refs,
                    action="Pernicious anaemia: oral B12 below 1000 µg/day is not enough; see a doctor about "
                           "1000-2000 µg/day or injections.")]


def neurological_symptoms(ctx: Solution) -> list[Finding]:
    """Stabler 2013: neurological B12 deficiency can occur without anaemia and needs prompt assessment."""
    if "peripheral_neuropathy" not in ctx.profile.conditions:
        return []
    return [Finding("B12_NEUROLOGICAL_SYMPTOMS", "caution",
                    "Tingling, numbness or neuropathy can be caused by B12 deficiency (even with a normal blood count "
                    "and a borderline serum B12) but also by many other conditions. They need a doctor's examination "
                    "and tests (serum B12 with MMA), not only a supplement; deficiency-related nerve damage can become "
                    "permanent if treatment is delayed or inadequate.", ("stabler2013",))]


def predicted_deficient(ctx: Solution) -> list[Finding]:
    """Bailey 2011 cut-offs (serum B12 < 148 pmol/L or MMA > 376 nmol/L) applied to the predictions."""
    values = ctx.per_person.get("b12_deficiency_probability")
    if values is None or values.shape[1] == 0:
        return []
    final = float(np.median(values[:, -1]))
    if final <= DEFICIENT_PROBABILITY:
        return []
    return [Finding("B12_PREDICTED_DEFICIENT", "caution",
                    f"At the end of the simulation the predicted probability of a deficient B12 blood test (serum B12 "
                    f"below 148 pmol/L or MMA above 376 nmol/L) is {final:.0f} %. The regimen may not be enough; "
                    "discuss testing and treatment with a doctor.", ("bailey2011", "stabler2013"))]


def baseline_assumed(ctx: Solution) -> list[Finding]:
    """No B12 lab: the model's steady state for the diet, medicines and conditions is used."""
    if not {"baseline_b12", "baseline_holotc", "baseline_mma"} <= set(ctx.defaulted):
        return []
    if not _b12_in_play(ctx):
        return []
    return [Finding("B12_BASELINE_ASSUMED", "info",
                    "No serum B12, holoTC or MMA was given: the simulation starts from the model's steady state for "
                    "the diet, medicines and conditions in the profile. A measured serum B12 makes it personal.",
                    ("iom1998",))]


RULES = (no_upper_limit, form_note, absorption_risk, pernicious_anaemia, neurological_symptoms,
         predicted_deficient, baseline_assumed)
