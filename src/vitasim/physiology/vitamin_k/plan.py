"""Vitamin K in the planner: which form and why, and INR monitoring under a vitamin K antagonist.

No target is set for vitamin K: no published 25(OH)D-like threshold of ucOC or dp-ucMGP guides
supplementation, and the planner never adds vitamin K for a person on a vitamin K antagonist.
"""
from __future__ import annotations

from vitasim.plugins import Advice, FormAdvice
from vitasim.profile import Profile

_FORMS = ("vitamin_k1", "mk4", "mk7")

FORMS = (
    FormAdvice("mk7", "mk7",
               "MK-7 stays in the blood for about three days and builds up on daily intake, so microgram doses "
               "(90-180 µg/day in trials) carboxylate osteocalcin and matrix Gla protein; this also makes it the form "
               "that interferes most with warfarin.", ("schurgers2007", "theuwissen2013")),
    FormAdvice("mk4", "mk7",
               "MK-4 at nutritional doses barely reaches the blood (a 420 µg dose was undetectable); the bone trials "
               "used 45 mg/day, a pharmacological dose. MK-7 reaches the blood at microgram doses.",
               ("sato2012", "schurgers2007")),
    FormAdvice("vitamin_k1", "mk7",
               "Vitamin K1 is cleared within hours; MK-7 accumulates and carboxylates extrahepatic proteins at lower "
               "daily doses.", ("schurgers2007",)),
)


def monitoring(profile: Profile, items: tuple) -> list[Advice]:
    if not profile.takes("vitamin_k_antagonist"):
        return []
    advice = [Advice("VITK_KEEP_INTAKE_STEADY", "Keep vitamin K intake (green vegetables, supplements) steady from "
                     "week to week while on a vitamin K antagonist.", ("holbrook2012",))]
    if any(it.supplement.key in _FORMS for it in items):
        advice.append(Advice("VITK_CHECK_INR", "Have the INR checked within 3-5 days of starting, stopping or changing "
                             "any vitamin K supplement, and tell the anticoagulation clinic first.",
                             ("theuwissen2013", "holbrook2012"), when="within days of any change",
                             summary="Have the INR checked within 3-5 days of any vitamin K change."))
    return advice


MONITORING = (monitoring,)
