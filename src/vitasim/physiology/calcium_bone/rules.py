"""Safety rules of the calcium/bone module, each with a stable code and its source.

* CA_HYPERCALCAEMIA (danger): measured or predicted serum calcium above 2.60 mmol/L.
* CA_INTAKE_ABOVE_UL (danger): calcium from the listed diet plus supplements above the tolerable
  upper intake level, 2000 mg/day from age 51 and 2500 mg/day at 19-50 (IOM 2011; total intake).
* CA_SUPPLEMENT_KIDNEY_STONES (caution): a calcium supplement with kidney stones: calcium 1000
  mg/day with vitamin D raised kidney stones by 17 % in the WHI trial (Jackson 2006); calcium from
  food does not carry that risk and citrate is preferred if a supplement is needed (NIH ODS).
* CA_VITD_ADVANCED_CKD (caution): vitamin D or calcium supplements with eGFR below 30
  mL/min/1.73 m2 or CKD stage 4-5: avoid hypercalcaemia, monitor calcium and phosphate, no
  routine calcitriol or vitamin D analogues outside specialist care (KDIGO 2017 CKD-MBD).
"""
from __future__ import annotations

import numpy as np

from vitasim import units
from vitasim.rules import Finding, rounded
from vitasim.solution import Solution

CA_LOW, CA_HIGH = 2.15, 2.60  # mmol/L = 8.6-10.4 mg/dL, adult reference interval (normal_calcium_range)


def _mg_dl(mmol_l: float) -> float:
    """mmol/L of calcium in mg/dL (through its molar mass in vitasim.units)."""
    return float(units.convert_values(mmol_l, "mmol/L", "mg/dL", "calcium"))


def hypercalcaemia(ctx: Solution) -> list[Finding]:
    """CA_HYPERCALCAEMIA (danger): serum calcium above 2.60 mmol/L (10.4 mg/dL), the upper limit of
    the adult reference interval (Goltzman, Endotext; normal_calcium_range), either measured (the
    profile's baseline ``serum_calcium`` lab, the latest result at or before day 0) or predicted for
    the typical person or any virtual person.  Too much vitamin D is the classic cause; a measured
    value this high is a reason to stop vitamin D and calcium and see a clinician whatever the model says."""
    parts: list[str] = []
    measured = ctx.profile.labs.get("serum_calcium")
    if measured is not None and measured > CA_HIGH:
        parts.append(f"measured serum calcium is {measured:.2f} mmol/L ({_mg_dl(measured):.1f} mg/dL)")
    ca = ctx.per_person.get("serum_calcium")
    if ca is not None and np.isfinite(ca).any():
        peak = float(np.nanmax(ca))
        if peak > CA_HIGH:
            parts.append(f"predicted serum calcium reaches {peak:.2f} mmol/L ({_mg_dl(peak):.1f} mg/dL)")
    if not parts:
        return []
    return [Finding("CA_HYPERCALCAEMIA", "danger",
                    f"{'; '.join(parts)}, above the normal range {CA_LOW}-{CA_HIGH} mmol/L (8.6-10.4 mg/dL)",
                    ["normal_calcium_range"])]


def _takes(ctx: Solution, keys: tuple[str, ...]) -> list:
    return [it for it in ctx.profile.regimen if it.supplement.key in keys]


def intake_above_ul(ctx: Solution) -> list[Finding]:
    """IOM 2011: UL for total calcium intake 2500 mg/day (19-50 y), 2000 mg/day (51 y and over)."""
    from vitasim.physiology.calcium_bone.intake import diet_mg_per_day, supplement_mg_per_day, ul_mg
    supp = supplement_mg_per_day(ctx.profile.regimen)
    diet = diet_mg_per_day(ctx.profile) or 0.0
    ul = ul_mg(ctx.profile)
    if supp <= 0 or diet + supp <= ul * (1 + 1e-9):
        return []
    return [Finding("CA_INTAKE_ABOVE_UL", "danger",
                    f"Calcium from supplements ({rounded(supp)} mg/day) and the listed diet ({rounded(diet)} mg/day) "
                    f"comes to about {rounded(diet + supp)} mg/day, above the tolerable upper intake level of "
                    f"{rounded(ul)} mg/day for your age (food and supplements together). Too much calcium raises the "
                    "risk of kidney stones and high blood calcium.", ("iom2011", "usda_fdc"),
                    action=f"Lower calcium supplements so that food and supplements stay below {rounded(ul)} mg/day.")]


def supplement_kidney_stones(ctx: Solution) -> list[Finding]:
    """Jackson 2006 (WHI: kidney stones up 17 % with 1000 mg calcium + 400 IU D3); NIH ODS (citrate)."""
    if "kidney_stones" not in ctx.profile.conditions or not _takes(ctx, ("calcium",)):
        return []
    return [Finding("CA_SUPPLEMENT_KIDNEY_STONES", "caution",
                    "Calcium supplement with a history of kidney stones: in a large trial, 1000 mg/day of calcium with "
                    "vitamin D raised the risk of kidney stones by 17 %. Calcium from food does not carry this risk; "
                    "if a supplement is needed, calcium citrate with meals is the usual choice. Discuss it with your "
                    "doctor.", ("jackson2006", "ods_calcium"),
                    action="Ask your doctor before taking calcium supplements with kidney stones; prefer food.")]


ADVANCED_CKD_EGFR = 30.0   # kdigo2017: CKD G4-G5 (eGFR below 30 mL/min/1.73 m2)


def vitd_advanced_ckd(ctx: Solution) -> list[Finding]:
    """KDIGO 2017 CKD-MBD: avoid hypercalcaemia in G3a-G5D; calcitriol/analogues not routinely in G4-G5."""
    p = ctx.profile
    advanced = (p.egfr is not None and p.egfr < ADVANCED_CKD_EGFR) or "ckd_stage_4_5" in p.conditions
    taken = sorted({it.supplement.key for it in _takes(ctx, ("vitamin_d3", "vitamin_d2", "calcium"))})
    if not advanced or not taken:
        return []
    what = " and ".join({"vitamin_d3": "vitamin D3", "vitamin_d2": "vitamin D2", "calcium": "calcium"}[k] for k in taken)
    where = f"eGFR {p.egfr:g} mL/min/1.73m2" if p.egfr is not None and p.egfr < ADVANCED_CKD_EGFR else "CKD stage 4-5"
    return [Finding("CA_VITD_ADVANCED_CKD", "caution",
                    f"{what[:1].upper()}{what[1:]} with advanced kidney disease ({where}): the kidneys no longer keep "
                    "calcium and phosphate in balance, so supplements can raise blood calcium. Take them only as the "
                    "kidney team advises, with calcium and phosphate checks; active vitamin D (calcitriol) is not "
                    "used routinely at this stage.", ("kdigo2017",),
                    action=f"Ask your kidney doctor about {what} ({where}); have calcium and phosphate checked.")]


RULES = (hypercalcaemia, intake_above_ul, supplement_kidney_stones, vitd_advanced_ckd)
