"""Vitamin D in the planner: the 25(OH)D target, shelf doses, form advice and monitoring.

Target: 25(OH)D of at least 30 ng/mL (75 nmol/L) for adults aged 65 and over (AGS 2014 minimum
goal for older adults), 20 ng/mL (50 nmol/L) for younger adults (IOM 2011), reached within 12
weeks and held to 24 weeks, with the danger threshold at 100 ng/mL (250 nmol/L; Holick 2011).
Doses tried are daily vitamin D3 tablets sold on shelves, gentlest first, never above the
4000 IU/day upper limit (IOM 2011); daily dosing is preferred to intermittent high doses
(Demay 2024).  A supervised loading course is described, not proposed, because it exceeds the
upper limit (van Groningen 2010 formula); the total is given as a count of 50 000 IU capsules,
the usual prescription strength (Pharmacopedia; 50 000 IU vitamin D2/D3 capsules), so no one is
asked to measure out "about 336,134 IU".
"""
from __future__ import annotations

from vitasim import units
from vitasim.plugins import Advice, Candidate, DietLink, FormAdvice, Target
from vitasim.profile import Profile
from vitasim.rules import medications_in

_SHELF_IU = (400, 800, 1000, 2000, 3000, 4000)   # tablets of 400, 1000, 2000 IU and combinations
_CONTRA = {"hypercalcaemia": "hypercalcaemia", "sarcoidosis": "sarcoidosis",
           "primary_hyperparathyroidism": "primary hyperparathyroidism"}


def _not_for(profile: Profile) -> str | None:
    for key, label in _CONTRA.items():
        if key in profile.conditions:
            return (f"Vitamin D is not proposed because of {label}: it can raise blood calcium dangerously "
                    "(Holick 2011); only a clinician can decide on it.")
    return None


def _candidates(label_low: str) -> tuple[Candidate, ...]:
    cands = [Candidate("no vitamin D supplement", (), f"Diet and sun alone keep 25(OH)D at or above {label_low}.")]
    cands += [Candidate(f"vitamin D3 {iu} IU daily", ({"supplement": "vitamin D3", "dose": f"{iu} IU", "every": "1 day"},),
                        "Daily vitamin D3 is preferred to intermittent large doses (Demay 2024).")
              for iu in _SHELF_IU]
    return tuple(cands)


CAPSULE_IU = 50_000          # pharmacopedia_cholecalciferol: the usual prescription strength
LOADING_TARGET_NMOL = 75.0   # vangroningen2010: the formula aims at 75 nmol/L


def loading_capsules(profile: Profile) -> int | None:
    """van Groningen 2010: total loading dose (IU) = 40 x (75 - 25(OH)D nmol/L) x body weight (kg),
    as a whole number of 50 000 IU capsules (at least one); None without a low 25(OH)D and a weight."""
    base = profile.labs.get("25ohd")
    if base is None or base >= LOADING_TARGET_NMOL or profile.weight_kg is None:
        return None
    total = 40.0 * (LOADING_TARGET_NMOL - base) * profile.weight_kg
    return max(1, round(total / CAPSULE_IU))


def _course(n: int) -> str:
    plural = "s" if n > 1 else ""
    return (f"{n} capsule{plural} of 50,000 IU ({n * CAPSULE_IU:,} IU in total), for example one a week for "
            f"{n} week{plural}")


def loading_note(profile: Profile) -> str | None:
    """The loading course a clinician may prescribe when 25(OH)D is below 12 ng/mL (30 nmol/L)."""
    base = profile.labs.get("25ohd")
    n = loading_capsules(profile)
    if n is None or base >= 30.0:
        return None
    return (f"25(OH)D is below 12 ng/mL (30 nmol/L). A clinician may prescribe a loading course to raise it "
            f"faster: {_course(n)} (van Groningen 2010 formula for this weight). It exceeds the 4000 IU/day upper "
            "limit and belongs under supervision.")


def clinician_option(profile: Profile) -> tuple[str, tuple[str, ...]] | None:
    """What a clinician could add when the shelf doses fall short: the loading course for this person."""
    n = loading_capsules(profile)
    if n is None:
        return ("A clinician could prescribe a supervised loading course or a higher dose, with calcium checks.",
                ("vangroningen2010", "holick2011"))
    return (f"A clinician could add a loading course of {_course(n)}, then keep the daily dose.",
            ("vangroningen2010", "pharmacopedia_cholecalciferol"))


def _target(code: str, low_nmol: float, label: str, refs: tuple[str, ...], age_rule) -> Target:
    return Target(
        nutrient="vitamin D", retest="Re-test 25(OH)D after about 3 months",
        clinician=clinician_option,
        code=code, quantity="25ohd", low=low_nmol, danger_high=250.0, by_day=84.0, horizon_days=168.0,
        description=f"25(OH)D at least {label} within 12 weeks, below 100 ng/mL",
        refs=refs + ("holick2011", "iom2011", "demay2024"),
        supplements=("vitamin_d3", "vitamin_d2"), candidates=_candidates(label),
        applies=age_rule, forbids=_not_for)


TARGETS = (
    _target("VITD_TARGET_OLDER", 75.0, "30 ng/mL (75 nmol/L)", ("ags2014",),
            lambda p: None if (p.age is None or p.age >= 65) else "applies from age 65 (AGS 2014)"),
    _target("VITD_TARGET_ADULT", 50.0, "20 ng/mL (50 nmol/L)", (),
            lambda p: None if (p.age is not None and p.age < 65) else "applies below age 65 (IOM 2011)"),
)

FORMS = (
    FormAdvice("vitamin_d2", "vitamin_d3",
               "Prefer vitamin D3 (cholecalciferol): it raises 25(OH)D more than the same dose of D2, by about "
               "40 % with daily dosing and much more with large boluses.",
               ("vandenheuvel2024", "tripkovic2012", "balachandar2021")),
    FormAdvice("vitamin_d3", "vitamin_d3",
               "Vitamin D3 (cholecalciferol) is the form that raises 25(OH)D most; take it daily, with a meal.",
               ("vandenheuvel2024", "tripkovic2012", "demay2024")),
)


def monitoring(profile: Profile, items: tuple) -> list[Advice]:
    out = []
    takes_d = any(it.supplement.key in ("vitamin_d3", "vitamin_d2") for it in items)
    base = profile.labs.get("25ohd")
    if takes_d and base is not None and base < 50.0:
        out.append(Advice("VITD_RETEST_25OHD", "Re-test 25(OH)D after about 3 months, when a new steady state is near "
                          "(it was low at the start).", ("demay2024", "jones2014"), when="after about 3 months",
                          summary="Re-test 25(OH)D after about 3 months."))
    elif takes_d:
        out.append(Advice("VITD_NO_ROUTINE_TEST", "Routine 25(OH)D testing is not recommended for people without a "
                          "specific indication (Endocrine Society 2024).", ("demay2024",)))
    reasons = [*medications_in(profile, "thiazide"), *medications_in(profile, "digoxin")]
    if "kidney_stones" in profile.conditions:
        reasons.append("kidney stones")
    if takes_d and reasons:
        out.append(Advice("VITD_CHECK_CALCIUM", "Have blood calcium checked after starting vitamin D "
                          f"({', '.join(reasons)}).", ("ods_vitd", "mayo_vitd_interactions"), when="within 1-3 months",
                          summary="Have blood calcium checked within 1-3 months of starting vitamin D."))
    note = loading_note(profile)
    if note:
        out.append(Advice("VITD_LOADING_OPTION", note, ("vangroningen2010", "pharmacopedia_cholecalciferol"),
                          when="discuss with a clinician",
                          summary=f"Ask a clinician about a vitamin D loading course ({loading_capsules(profile)} "
                                  "x 50,000 IU)."))
    return out


MONITORING = (monitoring,)


def _ug_per_day(item) -> float:
    ug = units.amount(units.Quantity(item.amount, item.supplement.amount_unit), item.supplement.compound, "ug")
    return ug * item.daily_equivalent() / item.amount


DIET = (DietLink("vitamin_d", ("vitamin_d3", "vitamin_d2"), _ug_per_day,
                 ("Fish, salmon, sockeye, cooked, dry heat", "Fish, salmon, Atlantic, farmed, raw",
                  "Fish, herring, Atlantic, pickled", "Egg, whole, cooked, hard-boiled")),)
