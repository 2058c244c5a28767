"""Vitamin K safety rules, each with a stable code and its source.

* VITK_VKA_INTERACTION (danger): any vitamin K supplement in the regimen of a person taking a
  vitamin K antagonist (warfarin, acenocoumarol, phenprocoumon), and in particular a vitamin K
  item with a stop date: starting, stopping or changing vitamin K moves the INR.  MK-7 at
  10-45 ug/d lowered the INR in anticoagulated volunteers (Theuwissen 2013); >= 50 ug/d may
  interfere in a clinically relevant way (Schurgers 2007).  Consistent intake is the advice of
  the ACCP guideline (Holbrook 2012).
* VITK_INR_OUT_OF_RANGE (danger): in a person on a VKA, the predicted INR (typical person)
  falls below 2.0 or rises above 4.0; the target range for most indications is 2.0-3.0
  (Holbrook 2012) and the danger margin on the upper side is wider than the target.
* VITK_INR_ASSUMED (info): a person on a VKA without a measured INR; 2.5 assumed (Holbrook 2012).
* VITK_NO_UL (info): no tolerable upper intake level is set for vitamin K (IOM 2001).
* VITK_DOAC (info): direct oral anticoagulants do not act through the vitamin K cycle, so
  vitamin K does not change their effect the way it changes a VKA's (Steffel 2021).
"""
from __future__ import annotations

import numpy as np

from vitasim.rules import Finding, medications_in
from vitasim.solution import Solution

FORMS = ("vitamin_k1", "mk4", "mk7")
VKA = "vitamin_k_antagonist"
DOAC = "doac"
INR_LOW, INR_HIGH = 2.0, 4.0        # holbrook2012: target 2.0-3.0
_NAMES = {"vitamin_k1": "vitamin K1", "mk4": "MK-4", "mk7": "MK-7"}


def _items(ctx: Solution):
    return [it for it in ctx.profile.regimen if it.supplement.key in FORMS]


def _describe(it) -> str:
    how = f"every {it.every_h / 24:g} day(s)" if it.every_h else "once"
    text = f"{_NAMES[it.supplement.key]} {it.dose_text} {how}"
    if it.start_h > 0:
        text += f" from day {it.start_h / 24:g}"
    if it.stop_h is not None:
        text += f", stopping at day {it.stop_h / 24:g}"
    return text


def vka_interaction(ctx: Solution) -> list[Finding]:
    items = _items(ctx)
    if not items or not ctx.profile.takes(VKA):
        return []
    stops = any(it.stop_h is not None for it in items)
    what = "; ".join(_describe(it) for it in items)
    msg = (f"Vitamin K with a vitamin K antagonist ({', '.join(medications_in(ctx.profile, VKA))}): {what}. "
           "Vitamin K directly counteracts the anticoagulant: MK-7 doses of 10-45 µg/day lowered the INR in "
           "anticoagulated volunteers, and 50 µg/day or more may interfere in a clinically relevant way. ")
    if stops:
        msg += "Stopping vitamin K raises the INR again (bleeding risk). "
    msg += ("Never add, stop or change a vitamin K supplement silently: keep vitamin K intake consistent, tell "
            "the anticoagulation clinic, and have the INR checked within days of any change.")
    return [Finding("VITK_VKA_INTERACTION", "danger", msg, ("theuwissen2013", "schurgers2007", "holbrook2012"),
                    action=f"Vitamin K with {', '.join(medications_in(ctx.profile, VKA))}: change nothing without the "
                           "anticoagulation clinic; have the INR checked.")]


def inr_out_of_range(ctx: Solution) -> list[Finding]:
    inr = ctx.per_person.get("inr")
    if inr is None or not ctx.profile.takes(VKA) or inr.size == 0:
        return []
    typical = np.median(inr, axis=0)
    start, low, high = float(typical[0]), float(typical.min()), float(typical.max())
    found = []
    if start > INR_HIGH + 1e-6 or start < INR_LOW - 1e-6:
        side = "above" if start > INR_HIGH else "below"
        found.append(f"starts {side} the target range at {start:.1f} (risk of "
                     f"{'bleeding' if side == 'above' else 'clotting and stroke'}: contact the anticoagulation clinic)")
    if low < INR_LOW - 1e-6 and low < start - 0.05:
        day = float(ctx.t_days[int(np.argmax(typical < INR_LOW))])
        found.append(f"falls to {low:.1f} (below {INR_LOW:.1f} from about day {day:.0f}; risk of clotting and stroke)")
    if high > INR_HIGH + 1e-6 and high > start + 0.05:
        day = float(ctx.t_days[int(np.argmax(typical > INR_HIGH))])
        found.append(f"rises to {high:.1f} (above {INR_HIGH:.1f} from about day {day:.0f}; risk of bleeding)")
    if not found:
        return []
    return [Finding("VITK_INR_OUT_OF_RANGE", "danger",
                    f"Predicted INR (from {start:.1f}) " + " and ".join(found) + ". The usual target range on a "
                    "vitamin K antagonist is 2.0-3.0. The anticoagulant dose would need adjusting under medical "
                    "supervision.", ("holbrook2012", "theuwissen2013"),
                    action="Predicted INR outside 2.0-4.0: contact the anticoagulation clinic before any change.")]


def inr_assumed(ctx: Solution) -> list[Finding]:
    if not ctx.profile.takes(VKA) or "k_inr0" not in ctx.defaulted:
        return []
    return [Finding("VITK_INR_ASSUMED", "info",
                    "No measured INR was given for a person on a vitamin K antagonist; the simulation assumes a "
                    "stable INR of 2.5, the middle of the usual 2.0-3.0 target range. Add `labs: {inr: ...}` for a "
                    "personal prediction.", ("holbrook2012",))]


def no_upper_limit(ctx: Solution) -> list[Finding]:
    if not _items(ctx):
        return []
    return [Finding("VITK_NO_UL", "info",
                    "No tolerable upper intake level has been set for vitamin K (too little data on adverse "
                    "effects); this does not apply to people taking a vitamin K antagonist.", ("iom2001",))]


def doac_note(ctx: Solution) -> list[Finding]:
    if not ctx.profile.takes(DOAC):
        return []
    names = ", ".join(medications_in(ctx.profile, DOAC))
    return [Finding("VITK_DOAC", "info",
                    f"{names[:1].upper()}{names[1:]} is a direct oral anticoagulant: it inhibits factor Xa or "
                    "thrombin directly and does not act through the vitamin K cycle: vitamin K intake does not change "
                    "its effect the way it changes a vitamin K antagonist's, and the INR does not measure it.",
                    ("steffel2021",))]


RULES = (vka_interaction, inr_out_of_range, inr_assumed, no_upper_limit, doac_note)
