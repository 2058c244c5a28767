"""Vitamin D safety rules, each with a stable code and its source.

* VITD_ABOVE_UL (danger): supplemental vitamin D above the adult tolerable upper intake level
  of 4000 IU/day (IOM 2011), averaged over any 28 days so that a monthly bolus is judged by its
  daily equivalent while 50 000 IU weekly is not hidden.
* VITD_LARGE_BOLUS (caution): a single dose of 300 000 IU or more; annual 500 000 IU raised
  falls and fractures in older women (Sanders 2010); daily dosing is preferred (Demay 2024).
* VITD_25OHD_HIGH (danger / caution): predicted 25(OH)D above 100 ng/mL, the upper end of the
  safe range (Holick 2011); danger when the typical (median) person exceeds it, caution when
  more than 5 % of a virtual population does.
* VITD_BEYOND_VALIDATION (caution): more than 50 000 IU/day, the top of the dose range the
  model was calibrated on (Barger-Lux 1998, 1250 ug/d for 8 weeks); beyond it predictions are
  extrapolations.
* VITD_BASELINE_ASSUMED (info): no measured 25(OH)D, so the default was used.
* VITD_CONTRAINDICATED (danger): vitamin D taken with hypercalcaemia, sarcoidosis (granulomatous
  disease: unregulated extrarenal calcitriol) or primary hyperparathyroidism (Holick 2011,
  AGS 2014, IOM 2011): only on a clinician's advice.
* VITD_KIDNEY_STONES (caution): vitamin D with calcium kidney stones or hypercalciuria (IOM 2011).
* VITD_THIAZIDE (caution): thiazide diuretics lower urinary calcium; with vitamin D they can
  cause hypercalcaemia in older adults (ODS; Mayo Clinic).
* VITD_DIGOXIN (caution): hypercalcaemia from high-dose vitamin D raises the risk of digoxin
  toxicity (Mayo Clinic).
* VITD_ABSORPTION_LOWERED (info): orlistat or bile-acid sequestrants lower vitamin D absorption.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from vitasim import units
from vitasim.regimen import dose_events
from vitasim.rules import Finding, medications_in, rounded
from vitasim.solution import Solution

UL_IU_PER_DAY = 4000.0          # iom2011
WINDOW_DAYS = 28
LARGE_BOLUS_IU = 300_000.0      # sanders2010 used 500 000 IU; flagged from 300 000 IU
HIGH_25OHD_NMOL = 250.0         # 100 ng/mL, holick2011
VALIDATED_IU_PER_DAY = 50_000.0  # bargerlux1998: top arm (1250 ug/d for 8 weeks) used in calibration
_FORMS = ("vitamin_d3", "vitamin_d2")


@lru_cache(maxsize=None)
def _iu_per_unit(compound: str, amount_unit: str) -> float:
    ug = units.amount(units.Quantity(1.0, amount_unit), compound, "ug")
    return ug * units.COMPOUNDS[compound].iu_per_ug


def _iu(amount: float, compound: str, amount_unit: str) -> float:
    return amount * _iu_per_unit(compound, amount_unit)


def _intake_events(ctx: Solution) -> list[tuple[float, float]]:
    """(time in days, IU) of every vitamin D dose within the horizon."""
    items = [it for it in ctx.profile.regimen if it.supplement.key in _FORMS]
    # At least one full window, so a short simulation of an ongoing regimen is judged fairly.
    horizon_h = max(max(ctx.days, WINDOW_DAYS) * 24.0, max((it.stop_h or 0.0 for it in items), default=0.0))
    by_key = {it.supplement.key: it.supplement for it in items}
    return [(e.time_h / 24.0, _iu(e.amount, by_key[e.supplement].compound, by_key[e.supplement].amount_unit))
            for e in dose_events(tuple(items), horizon_h)]


def _diet_iu_per_day(ctx: Solution) -> float:
    """Vitamin D from the listed diet (the UL applies to total intake: IOM 2011)."""
    from vitasim.diet import daily_intake
    if not ctx.profile.diet:
        return 0.0
    return daily_intake(ctx.profile.diet)["vitamin_d"]["amount_per_day"] * units.COMPOUNDS["cholecalciferol"].iu_per_ug


def _worst_window_average(ctx: Solution) -> float:
    """Highest average IU/day over any 28-day window that starts at a dose, diet included."""
    events = _intake_events(ctx)
    if not events:
        return 0.0
    times = np.array([t for t, _ in events])
    doses = np.array([d for _, d in events])
    supplements = max(doses[(times >= t0) & (times < t0 + WINDOW_DAYS)].sum() / WINDOW_DAYS for t0 in times)
    return supplements + _diet_iu_per_day(ctx)


def upper_limit(ctx: Solution) -> list[Finding]:
    worst = _worst_window_average(ctx)
    if worst <= UL_IU_PER_DAY * (1 + 1e-9):
        return []
    return [Finding("VITD_ABOVE_UL", "danger",
                    f"Vitamin D intake (supplements and listed diet) averages up to {rounded(worst)} IU/day over {WINDOW_DAYS} "
                    f"days, above the adult tolerable upper intake level of {UL_IU_PER_DAY:,.0f} IU/day (100 µg). "
                    "Doses above it belong under medical supervision with calcium monitoring.",
                    ("iom2011",),
                    action=f"Vitamin D above the {UL_IU_PER_DAY:,.0f} IU/day upper limit: lower it, unless a clinician "
                           "supervises it.")]


def large_bolus(ctx: Solution) -> list[Finding]:
    biggest = max((d for _, d in _intake_events(ctx)), default=0.0)
    if biggest < LARGE_BOLUS_IU:
        return []
    return [Finding("VITD_LARGE_BOLUS", "caution",
                    f"A single vitamin D dose of {rounded(biggest)} IU: a yearly 500,000 IU dose increased falls "
                    "and fractures in older women; daily dosing is preferred.", ("sanders2010", "demay2024"))]


def high_25ohd(ctx: Solution) -> list[Finding]:
    values = ctx.per_person.get("25ohd")
    if values is None:
        return []
    peak = np.nanmax(values, axis=1)
    typical = float(np.median(peak))
    if typical > HIGH_25OHD_NMOL:
        ng = units.convert_values(typical, "nmol/L", "ng/mL", "25ohd")
        return [Finding("VITD_25OHD_HIGH", "danger",
                        f"Predicted 25(OH)D reaches {ng:.0f} ng/mL, above 100 ng/mL (250 nmol/L), the upper end of "
                        "the range considered safe; the risk of hypercalcaemia rises with it.",
                        ("holick2011", "iom2011"))]
    frac = float(np.mean(peak > HIGH_25OHD_NMOL))
    if frac > 0.05:
        return [Finding("VITD_25OHD_HIGH", "caution",
                        f"In {frac:.0%} of similar virtual people predicted 25(OH)D exceeds 100 ng/mL "
                        "(250 nmol/L), the upper end of the range considered safe.", ("holick2011", "iom2011"))]
    return []


def beyond_validation(ctx: Solution) -> list[Finding]:
    worst = _worst_window_average(ctx)
    if worst <= VALIDATED_IU_PER_DAY:
        return []
    return [Finding("VITD_BEYOND_VALIDATION", "caution",
                    f"{rounded(worst)} IU/day is beyond the dose range the model was calibrated on (up to "
                    f"{VALIDATED_IU_PER_DAY:,.0f} IU/day for 8 weeks); predictions there are extrapolations.",
                    ("bargerlux1998",))]


def baseline_assumed(ctx: Solution) -> list[Finding]:
    if "baseline_25ohd" not in ctx.defaulted:
        return []
    return [Finding("VITD_BASELINE_ASSUMED", "info",
                    "No measured 25(OH)D was given; the simulation starts from 20 ng/mL (50 nmol/L). "
                    "A measured value makes the prediction personal.", ("iom2011",))]


RULES = (upper_limit, large_bolus, high_25ohd, beyond_validation, baseline_assumed)


def _takes_vitamin_d(ctx: Solution) -> bool:
    return any(it.supplement.key in _FORMS for it in ctx.profile.regimen)


_CONTRA = {"hypercalcaemia": "hypercalcaemia", "sarcoidosis": "sarcoidosis or another granulomatous disease",
           "primary_hyperparathyroidism": "primary hyperparathyroidism"}


def contraindications(ctx: Solution) -> list[Finding]:
    if not _takes_vitamin_d(ctx):
        return []
    found = []
    for key, label in _CONTRA.items():
        if key in ctx.profile.conditions:
            found.append(Finding("VITD_CONTRAINDICATED", "danger",
                                 f"Vitamin D with {label} can raise blood calcium dangerously; take it only on a "
                                 "clinician's advice, with calcium monitoring.", ("holick2011", "ags2014", "iom2011"),
                                 action=f"Stop vitamin D ({label}) unless a clinician prescribed it."))
    if "kidney_stones" in ctx.profile.conditions:
        found.append(Finding("VITD_KIDNEY_STONES", "caution",
                             "Vitamin D with a history of calcium kidney stones or high urine calcium: discuss the dose "
                             "and urine calcium checks with a clinician.", ("iom2011",)))
    return found


def interactions(ctx: Solution) -> list[Finding]:
    if not _takes_vitamin_d(ctx):
        return []
    found = []
    if ctx.profile.takes("thiazide"):
        names = ", ".join(medications_in(ctx.profile, "thiazide"))
        found.append(Finding("VITD_THIAZIDE", "caution",
                             f"A thiazide diuretic ({names}) with vitamin D can raise blood calcium in older adults; have calcium "
                             "checked.", ("ods_vitd", "mayo_vitd_interactions")))
    if ctx.profile.takes("digoxin"):
        found.append(Finding("VITD_DIGOXIN", "caution",
                             "Digoxin with vitamin D: high calcium raises the risk of digoxin toxicity; avoid high doses and "
                             "have calcium checked.", ("mayo_vitd_interactions",)))
    if ctx.profile.takes("vitd_absorption_lowering"):
        found.append(Finding("VITD_ABSORPTION_LOWERED", "info",
                             f"{', '.join(medications_in(ctx.profile, 'vitd_absorption_lowering')).capitalize()} lowers vitamin "
                             "D absorption (orlistat and bile-acid binders do); take vitamin D at another time of day.", ("ods_vitd", "mayo_vitd_interactions")))
    return found


RULES = RULES + (contraindications, interactions)
