"""Magnesium safety and evidence rules, each with a stable code and its source.

* MG_ABOVE_UL (danger): supplemental (non-food) Mg above 350 mg/day, the adult tolerable upper
  intake level (IOM 1997; critical effect: osmotic diarrhoea).  Judged on the largest amount of
  supplemental Mg taken within any 24 hours; dietary Mg does not count.
* MG_KIDNEY_DISEASE (danger / caution): a Mg supplement with eGFR < 30 mL/min/1.73 m2 or CKD
  stage 4-5 (danger: hypermagnesaemia occurs mainly with impaired renal function plus non-food Mg,
  IOM 1997; the kidney is the organ that regulates Mg, van de Wal-Visscher 2018); eGFR 30-59, or
  CKD without a stage or eGFR (caution).  The eGFR cut-offs are a clinical judgement, not a
  published threshold.
* MG_CRAMPS_EVIDENCE (info): leg cramps or a Mg supplement: the Cochrane review (Garrison 2020)
  found Mg unlikely to give clinically meaningful cramp prophylaxis in older adults with
  idiopathic cramps.
* MG_SEPARATE_DOSING (caution): Mg with tetracyclines, quinolones, bisphosphonates or
  levothyroxine: separate the doses by hours (EMC SmPC of oral Mg; NIH ODS; levothyroxine label).
* MG_PPI_DIURETIC (caution): long-term PPI (FDA 2011; Srinutta 2019 adjusted OR 1.71) or loop /
  thiazide diuretics lower Mg: monitor serum Mg.
* MG_SERUM_OUT_OF_RANGE (danger / caution): predicted serum Mg outside the adult reference
  interval 0.70-1.10 mmol/L (RCPA/AACB harmonised; IOM 1997 gives 0.75-0.95) for the typical
  person (caution), or above 2.0 mmol/L, where symptoms of hypermagnesaemia begin (Swaminathan
  2003) (danger).  In a population: caution when more than 5 % exceed 2.0 mmol/L.
* MG_OXIDE_LAXATIVE (info): magnesium oxide is an osmotic laxative at higher doses and is poorly
  absorbed (IOM 1997; Firoz 2001).
* MG_BASELINE_ASSUMED (info): no measured serum Mg: the baseline is predicted from diet, eGFR and
  medicines (IOM 1997 reference range).
"""
from __future__ import annotations

import numpy as np

from vitasim import units
from vitasim.regimen import dose_events
from vitasim.rules import Finding, medications_in, rounded
from vitasim.solution import Solution

UL_MG_PER_DAY = 350.0          # iom1997mg, supplemental Mg only
EGFR_DANGER = 30.0             # clinical judgement (stage 4-5)
EGFR_CAUTION = 60.0            # clinical judgement (stage 3)
SERUM_LOW = 0.70               # mmol/L, rcpa_mg
SERUM_HIGH = 1.10              # mmol/L, rcpa_mg
SERUM_DANGER = 2.0             # mmol/L, swaminathan2003: symptoms from about 2 mmol/L
MG_FORMS = ("magnesium_oxide", "magnesium_citrate", "magnesium_glycinate", "magnesium_chloride")


def _mg_items(ctx: Solution, forms=MG_FORMS):
    return [it for it in ctx.profile.regimen if it.supplement.key in forms]


def _mg(amount: float, item) -> float:
    """Elemental Mg in mg of one dose."""
    return units.amount(units.Quantity(amount, item.supplement.amount_unit), item.supplement.compound, "mg")


def _worst_day(ctx: Solution, forms=MG_FORMS) -> float:
    """Largest supplemental Mg (mg) taken within any 24 h starting at a dose."""
    items = _mg_items(ctx, forms)
    if not items:
        return 0.0
    horizon_h = max(max(ctx.days, 7) * 24.0, max((it.stop_h or 0.0 for it in items), default=0.0))
    by_key = {it.supplement.key: it for it in items}
    events = dose_events(tuple(items), horizon_h)
    times = np.array([e.time_h for e in events])
    doses = np.array([_mg(e.amount, by_key[e.supplement]) for e in events])
    if times.size == 0:
        return 0.0
    return float(max(doses[(times >= t0) & (times < t0 + 24.0 - 1e-9)].sum() for t0 in times))


def above_ul(ctx: Solution) -> list[Finding]:
    """IOM 1997: UL 350 mg/day of supplemental Mg (diarrhoea)."""
    worst = _worst_day(ctx)
    if worst <= UL_MG_PER_DAY * (1 + 1e-9):
        return []
    return [Finding("MG_ABOVE_UL", "danger",
                    f"Supplemental magnesium reaches {rounded(worst)} mg (elemental) within a day, above the adult "
                    f"tolerable upper intake level of {UL_MG_PER_DAY:.0f} mg/day for magnesium from supplements "
                    "(food magnesium does not count). The first effect of excess is osmotic diarrhoea; with poor "
                    "kidney function, excess magnesium can accumulate.", ("iom1997mg",),
                    action=f"Lower magnesium supplements to {UL_MG_PER_DAY:.0f} mg/day or less (upper limit).")]


def kidney_disease(ctx: Solution) -> list[Finding]:
    """IOM 1997 (hypermagnesaemia with impaired renal function + non-food Mg); van de Wal-Visscher 2018."""
    if not _mg_items(ctx):
        return []
    egfr = ctx.profile.egfr
    conds = set(ctx.profile.conditions)
    refs = ("iom1997mg", "vandewal2018")
    judgement = "(the eGFR cut-offs are a clinical judgement, not a published threshold)"
    if (egfr is not None and egfr < EGFR_DANGER) or "ckd_stage_4_5" in conds:
        what = f"eGFR {egfr:g} mL/min/1.73m2" if egfr is not None and egfr < EGFR_DANGER else "CKD stage 4-5"
        return [Finding("MG_KIDNEY_DISEASE", "danger",
                        f"Magnesium supplement with {what}: the kidneys are the main route of magnesium removal, and "
                        "hypermagnesaemia occurs mainly when impaired kidney function meets non-food magnesium. "
                        f"Do not take it without a clinician's advice and serum magnesium monitoring {judgement}.",
                        refs, action=f"Stop the magnesium supplement ({what}) unless a clinician advised it.")]
    if egfr is not None and egfr < EGFR_CAUTION:
        return [Finding("MG_KIDNEY_DISEASE", "caution",
                        f"Magnesium supplement with eGFR {egfr:g} mL/min/1.73m2: magnesium excretion is reduced; "
                        f"ask a clinician and check serum magnesium {judgement}.", refs)]
    if "ckd" in conds and egfr is None:
        return [Finding("MG_KIDNEY_DISEASE", "caution",
                        "Magnesium supplement with chronic kidney disease of unknown stage: give the eGFR; below "
                        f"30 mL/min/1.73m2 supplements risk hypermagnesaemia {judgement}.", refs)]
    return []


def cramps_evidence(ctx: Solution) -> list[Finding]:
    """Garrison 2020 Cochrane review CD009402."""
    if "leg_cramps" not in ctx.profile.conditions and not _mg_items(ctx):
        return []
    return [Finding("MG_CRAMPS_EVIDENCE", "info",
                    "If magnesium is taken for muscle cramps: a Cochrane review (Garrison 2020) found it unlikely to "
                    "give clinically meaningful prevention of idiopathic cramps in older adults (moderate-quality "
                    "evidence; cramps per week no different from placebo). Cramps in pregnancy or from other causes "
                    "were not covered by that conclusion.", ("garrison2020",))]


def separate_dosing(ctx: Solution) -> list[Finding]:
    """EMC SmPC (oral Mg, section 4.5); NIH ODS fact sheet; levothyroxine label."""
    if not _mg_items(ctx) or not ctx.profile.takes("mg_separate_dosing"):
        return []
    names = list(medications_in(ctx.profile, "mg_separate_dosing"))
    return [Finding("MG_SEPARATE_DOSING", "caution",
                    f"Magnesium binds {', '.join(names)} in the gut and lowers its absorption: take magnesium at "
                    "least 2-4 hours apart (tetracyclines and quinolones: take the antibiotic 2 h before or 4-6 h "
                    "after; bisphosphonates: as their label says, on an empty stomach well before any mineral; "
                    "levothyroxine: 4 hours apart).", ("emc_mg_smpc", "ods_mg", "levothyroxine_label"))]


def ppi_diuretic(ctx: Solution) -> list[Finding]:
    """FDA 2011 safety communication; Srinutta 2019 meta-analysis (adjusted OR 1.71)."""
    p = ctx.profile
    found = [label for cls, label in (("ppi", "a proton pump inhibitor"), ("loop_diuretic", "a loop diuretic"),
                                      ("thiazide", "a thiazide diuretic")) if p.takes(cls)]
    if not found:
        return []
    return [Finding("MG_PPI_DIURETIC", "caution",
                    f"Long-term use of {' and '.join(found)} lowers magnesium (PPIs: odds of hypomagnesaemia 1.7 "
                    "times higher; diuretics: renal magnesium loss). Serum magnesium is worth checking periodically, "
                    "especially with digoxin; with PPIs, supplements alone did not correct it in about a quarter "
                    "of reported cases.", ("fda2011ppi", "srinutta2019"),
                    action=f"Long-term use of {' and '.join(found)} can lower magnesium: ask about a periodic serum "
                           "magnesium check.")]


def serum_out_of_range(ctx: Solution) -> list[Finding]:
    """RCPA/AACB harmonised interval 0.70-1.10 mmol/L; symptoms from ~2 mmol/L (Swaminathan 2003)."""
    values = ctx.per_person.get("mg_serum")
    if values is None:
        return []
    peak = np.nanmax(values, axis=1)
    low = np.nanmin(values, axis=1)
    typ_peak, typ_low = float(np.median(peak)), float(np.median(low))
    mgdl = lambda v: units.convert_values(v, "mmol/L", "mg/dL", "magnesium")  # noqa: E731
    if typ_peak > SERUM_DANGER:
        return [Finding("MG_SERUM_OUT_OF_RANGE", "danger",
                        f"Predicted serum magnesium reaches {typ_peak:.2f} mmol/L ({mgdl(typ_peak):.1f} mg/dL), where "
                        "hypermagnesaemia causes symptoms (weakness, low blood pressure, loss of reflexes, heart "
                        "rhythm changes). Stop non-food magnesium and see a clinician.", ("swaminathan2003", "rcpa_mg"),
                        action="Predicted serum magnesium too high: stop magnesium supplements and see a clinician.")]
    if ctx.population > 1 and float(np.mean(peak > SERUM_DANGER)) > 0.05:
        return [Finding("MG_SERUM_OUT_OF_RANGE", "caution",
                        f"In {np.mean(peak > SERUM_DANGER):.0%} of similar virtual people serum magnesium exceeds "
                        f"{SERUM_DANGER} mmol/L.", ("swaminathan2003",))]
    if typ_peak > SERUM_HIGH:
        return [Finding("MG_SERUM_OUT_OF_RANGE", "caution",
                        f"Predicted serum magnesium reaches {typ_peak:.2f} mmol/L ({mgdl(typ_peak):.2f} mg/dL), above "
                        f"the adult reference interval ({SERUM_LOW}-{SERUM_HIGH} mmol/L).", ("rcpa_mg", "iom1997mg"))]
    if typ_low < SERUM_LOW:
        return [Finding("MG_SERUM_OUT_OF_RANGE", "caution",
                        f"Predicted serum magnesium falls to {typ_low:.2f} mmol/L ({mgdl(typ_low):.2f} mg/dL), below "
                        f"the adult reference interval ({SERUM_LOW}-{SERUM_HIGH} mmol/L): hypomagnesaemia.",
                        ("rcpa_mg", "iom1997mg"))]
    return []


def oxide_laxative(ctx: Solution) -> list[Finding]:
    """IOM 1997 (osmotic diarrhoea is the UL's critical effect); Firoz 2001 (oxide ~4 % absorbed)."""
    if not _mg_items(ctx, ("magnesium_oxide",)):
        return []
    worst = _worst_day(ctx, ("magnesium_oxide",))
    return [Finding("MG_OXIDE_LAXATIVE", "info",
                    f"Magnesium oxide ({rounded(worst)} mg elemental magnesium a day) is poorly absorbed; the unabsorbed "
                    "magnesium draws water into the bowel and acts as an osmotic laxative at higher doses. Splitting "
                    "the dose or a soluble salt (citrate, glycinate, chloride) is better tolerated and absorbed.",
                    ("iom1997mg", "firoz2001"))]


def baseline_assumed(ctx: Solution) -> list[Finding]:
    """IOM 1997 (normal range); the model predicts the baseline without a measurement."""
    if "mg_serum0" not in ctx.defaulted or not (_mg_items(ctx) or "mg_serum" in ctx.per_person):
        return []
    return [Finding("MG_BASELINE_ASSUMED", "info",
                    "No measured serum magnesium: the starting value is predicted from diet (280 mg/day assumed), "
                    "eGFR and medicines. A measured value (labs: {mg: ... mg/dL}) makes the prediction personal.",
                    ("iom1997mg", "ford2003"))]


RULES = (above_ul, kidney_disease, cramps_evidence, separate_dosing, ppi_diuretic, serum_out_of_range,
         oxide_laxative, baseline_assumed)
