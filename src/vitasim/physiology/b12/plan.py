"""Vitamin B12 in the planner: a functional target (methylmalonic acid), shelf doses, forms, monitoring.

Target: serum B12 of at least 221 pmol/L (300 pg/mL), above the borderline zone in which
deficiency, including neurological signs, still occurs (Stabler 2013), within 16 weeks and kept
to 24 weeks, for people at risk: aged 50 or more (IOM 1998: food-bound B12 malabsorption),
taking a PPI, H2 blocker or metformin, with pernicious anaemia or atrophic gastritis, vegan or
vegetarian, or with a measured B12 or MMA.  Doses tried are oral cyanocobalamin tablets sold on
shelves, gentlest first; there is no upper limit for B12 (IOM 1998), and oral 1000-2000 ug/day
treats deficiency, even in pernicious anaemia (Kuzminski 1998; Eussen 2005).
"""
from __future__ import annotations

from vitasim.plugins import Advice, Candidate, FormAdvice, Target
from vitasim.profile import Profile

_RISK_CLASSES = ("ppi", "h2_blocker", "metformin")
_RISK_CONDITIONS = ("pernicious_anaemia", "atrophic_gastritis", "vegan", "vegetarian")
_FORMS = ("cyanocobalamin", "methylcobalamin", "hydroxocobalamin", "adenosylcobalamin")


def _at_risk(profile: Profile) -> str | None:
    if profile.age is not None and profile.age >= 50:
        return None
    if any(profile.takes(c) for c in _RISK_CLASSES) or any(c in profile.conditions for c in _RISK_CONDITIONS):
        return None
    if "b12" in profile.labs or "mma" in profile.labs:
        return None
    return "no B12 risk factor (under 50, no PPI, H2 blocker or metformin, no gastric condition or vegan diet)"


_DOSES_UG = (10, 25, 100, 250, 500, 1000, 2000)


def _clinician(profile: Profile) -> tuple[str, tuple[str, ...]]:
    """Injections when oral doses fall short (Vidal-Alaball 2005: oral and IM both correct deficiency;
    Chan 2016: IM hydroxocobalamin or cyanocobalamin is the usual treatment in pernicious anaemia)."""
    return ("A clinician could check for pernicious anaemia or malabsorption and give B12 by injection "
            "(intramuscular hydroxocobalamin or cyanocobalamin).", ("vidalalaball2005", "chan2016"))

TARGETS = (Target(
    code="B12_TARGET_SERUM", quantity="b12_serum", nutrient="vitamin B12",
    retest="Re-test serum B12 (and MMA) after about 3 months", clinician=_clinician, low=221.0, danger_high=float("inf"), by_day=112.0,
    horizon_days=168.0,
    description="serum B12 at least 300 pg/mL (221 pmol/L), above the borderline zone, within 16 weeks",
    refs=("stabler2013", "bailey2011", "iom1998", "kuzminski1998", "eussen2005"),
    supplements=_FORMS, applies=_at_risk,
    candidates=(Candidate("no B12 supplement", (), "Diet and stores keep serum B12 above the borderline zone."),)
    + tuple(Candidate(f"cyanocobalamin {ug} ug daily",
                      ({"supplement": "cyanocobalamin", "dose": f"{ug} ug", "every": "1 day"},),
                      "Oral cyanocobalamin works even without intrinsic factor at high doses through passive "
                      "absorption (about 1 % of the dose).")
            for ug in _DOSES_UG)),)

FORMS = tuple(FormAdvice(form, "cyanocobalamin",
                         "All B12 forms are converted to the same cofactors inside cells; trials show no clinical "
                         "advantage of methylcobalamin over cyanocobalamin, which is the best studied and cheapest.",
                         ("paul2017", "ods_b12")) for form in _FORMS)


def monitoring(profile: Profile, items: tuple) -> list[Advice]:
    out = []
    takes = any(it.supplement.key in _FORMS for it in items)
    if takes and ("b12" in profile.labs or "mma" in profile.labs or "pernicious_anaemia" in profile.conditions):
        out.append(Advice("B12_RETEST", "Re-test serum B12 (and MMA if it was high) after about 3 months of "
                          "treatment.", ("stabler2013",), when="after about 3 months",
                          summary="Re-test serum B12 after about 3 months."))
    if "peripheral_neuropathy" in profile.conditions:
        out.append(Advice("B12_SEE_A_DOCTOR", "Tingling or numb feet need a doctor's examination, not only a "
                          "supplement: B12 deficiency is one cause among several.", ("stabler2013",),
                          when="soon", summary="See a doctor soon about the tingling or numb feet."))
    return out


MONITORING = (monitoring,)
