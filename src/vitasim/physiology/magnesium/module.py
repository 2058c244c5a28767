"""Magnesium: oral salts and diet -> gut -> serum (extracellular) <-> cells and bone -> urine.

Structure (time in hours; amounts in mmol of elemental Mg; concentrations in mmol/L):

* **Doses are elemental magnesium.**  "400 mg magnesium oxide" in a profile means 400 mg of
  elemental Mg (16.5 mmol), which is how US/EU supplement labels state the amount; the mass of
  the salt (MgO is 60 % Mg by weight) is NOT what is dosed.  Convert salt mass to elemental Mg
  before entering a dose.
* **Supplements** land in the gut.  Soluble salts (citrate, (bis)glycinate, chloride) go straight
  to the absorbable gut pool; magnesium oxide first has to dissolve (slowly) and what does not
  dissolve leaves with transit.  Absorption is saturable (transcellular, TRPM6/7) plus passive
  (paracellular, 7 % of what passes; Fine 1991).  The saturable route uses up an absorptive
  capacity that recovers over about a day, so that the fraction absorbed falls with the dose as
  Fine 1991 measured (65 % of ~1.5 mmol, 11 % of ~41.5 mmol, calibrated).
* **Diet** is a constant input, absorbed per meal with Fine 1991's own hyperbolic + linear
  relation (three meals a day).  Diet absorption does not use the supplements' capacity (a
  simplification).
* **Serum** Mg lumps the extracellular fluid with the pools that equilibrate within hours.  The
  kidney filters the ultrafilterable fraction (GFR from eGFR) and reabsorbs it up to a threshold
  close to the normal serum concentration (a smooth "soft-plus" threshold): excretion rises
  steeply with load, and in CKD the same load is excreted at a higher serum level and a higher
  fractional excretion.  Loop and thiazide diuretics lower the threshold (renal Mg wasting).
* **Cells** (exchangeable intracellular Mg, equilibration half-time about a day; Silver 1960,
  Avioli & Berman 1966) and **bone** (the exchangeable third of skeletal Mg, half-life ~1000 h;
  IOM 1997, Avioli & Berman 1966) exchange linearly with serum.
* ``mg_status`` = (cell + bone exchangeable Mg) relative to its amount at a replete serum
  0.85 mmol/L (Costello 2016).  It lags serum by weeks.
* ``mg_vitd_factor`` (read by the vitamin D module): Mg is a cofactor of the vitamin D
  hydroxylases (Uwitonze & Razzaque 2018); 1 when replete, falling linearly below it.  The slope
  is NOT quantified in the literature: an assumption kept modest (a gap).

A measured baseline serum Mg (``labs: {mg: ...}``) sets the person's state: the model assumes
steady state and solves the dietary absorption efficiency that sustains it (so a low serum Mg
is read as low intake/absorption, a high one as high intake).  Without it the baseline is
predicted from diet, eGFR and medicines.  Time scales are hours and slower (fastest ~0.9/h in
the gut), so no quasi-steady-state was needed.
"""
from vitasim import units
from vitasim.model import (Condition, Covariate, Derived, Intermediate, Medication, Module, Output, Parameter,
                           State, Supplement)
from vitasim.model.covariates import EGFR, WEIGHT

units.register_compound(units.Compound("magnesium", 24.305, None, "iupac_mg"))

_CAL = "vitasim_calibration_mg"
MG_MOLAR_MASS = 24.305
MG_NOT_MEASURED = 10.0   # mmol/L: covariate default meaning "no measured serum Mg" (see mg_meas)

PARAMETERS = (
    # --- diet (per meal, Fine 1991 form) ---
    Parameter("mg_meal_vmax", 1.719, "mmol", "fine1991;vitasim_calibration_mg",
              "maximal saturable Mg absorption per meal (hyperbolic part of Fine 1991's relation)",
              note="fitted through Fine's 65 % (lowest intake) and 11 % (meal + 40 mmol); the test meal's Mg "
                   "content is not in the abstract, assumed 1.5 mmol (gap)"),
    Parameter("mg_meal_km", 1.463, "mmol", "fine1991;vitasim_calibration_mg",
              "intake per meal at half-maximal saturable absorption"),
    Parameter("mg_passive_frac", 0.07, "1", "fine1991",
              "fraction of ingested Mg absorbed by the passive (linear) route"),
    Parameter("mg_meals_per_day", 3.0, "1/d", "vitasim_gap", "meals over which dietary Mg is spread",
              note="assumption"),
    # --- supplements: gut ODE ---
    Parameter("mg_gut_kv", 1.417, "mmol/h", _CAL,
              "maximal rate of saturable (transcellular) absorption from the gut with full capacity",
              note="fitted with mg_gut_qmax to Fine 1991's two points (see calibration/magnesium.py)"),
    Parameter("mg_gut_km", 2.0, "mmol", "vitasim_gap", "gut Mg amount at half-maximal saturable uptake",
              note="assumed; the fit of kv and qmax absorbs it (other values fit Fine 1991 equally)"),
    Parameter("mg_gut_qmax", 0.9806, "mmol", _CAL,
              "Mg absorbed by the saturable route that uses up its capacity (capacity per exposure)",
              note="close to Fine 1991's per-meal maximum of the hyperbolic part"),
    Parameter("mg_gut_ktr", 0.1375, "1/h", "vitasim_gap",
              "loss of unabsorbed gut Mg with transit (mean residence ~7 h)",
              note="sets the time scale only: the fractions absorbed are fitted for it"),
    Parameter("mg_gut_kpass", 0.01035, "1/h", "fine1991",
              "passive absorption rate: kpass/(kpass + ktr) = 7 % (Fine 1991)"),
    Parameter("mg_gut_krec", 0.0275, "1/h", _CAL,
              "recovery rate of the saturable absorptive capacity (half-time ~25 h)",
              note="fixed at 0.2 x ktr: the family of fits through Fine 1991; a consequence is that daily "
                   "doses absorb somewhat less than a first dose (not measured: gap)"),
    Parameter("mg_oxide_kdiss", 0.007166, "1/h", "firoz2001;vitasim_calibration_mg",
              "dissolution of magnesium oxide into absorbable Mg",
              note="calibrated so 10.5 mmol (21 mEq) oxide is 4 % absorbed (Firoz & Graber 2001, urinary "
                   "increment); the soluble salts give 20 % at that dose, i.e. oxide ~1/5. Other studies "
                   "found smaller or no differences between salts (Schuchardt & Hahn 2017): the oxide "
                   "penalty is uncertain and may be overstated"),
    Parameter("mg_ppi_sat_factor", 0.8, "1", "srinutta2019;vitasim_gap",
              "fraction of the saturable (TRPM6/7) absorption left during long-term PPI use",
              note="assumption: PPIs impair active Mg absorption (FDA 2011; OR 1.71 for hypomagnesaemia, "
                   "Srinutta 2019); no per-person effect size is published"),
    # --- kidney ---
    Parameter("mg_fu", 0.7, "1", "swaminathan2003", "ultrafilterable (filtered) fraction of serum Mg",
              note="about 70 % of serum Mg is ultrafilterable (ionised + complexed)"),
    Parameter("mg_thr", 0.9214, "mmol/L", "iom1997mg;vitasim_calibration_mg",
              "centre of the renal threshold: serum Mg above which filtered Mg is increasingly excreted (smooth)",
              cv=0.05, cv_source="vitasim_gap",
              note="calibrated with mg_thr_width so the default person (eGFR 75, diet 280 mg/d) has 0.85 mmol/L, "
                   "the middle of the IOM 1997 range. cv assumed (a between-person serum SD of a few 0.01 mmol/L)"),
    Parameter("mg_thr_width", 0.1312, "mmol/L", "fatemi1991;vitasim_calibration_mg",
              "width of the renal threshold (soft-plus scale): how much Mg the kidney still loses when serum falls",
              note="calibrated on Fatemi 1991 (3 weeks of < 1 mEq/d: serum 0.80 -> 0.61 mmol/L); it gives ~7 % "
                   "fractional excretion at the default baseline (Schuchardt 2017: ~5 % of filtered Mg)"),
    Parameter("mg_loop_thr_shift", -0.04, "mmol/L", "fda2011ppi;vitasim_gap",
              "fall of the renal threshold with a loop diuretic (less reabsorption in the thick ascending limb)",
              note="assumption: the direction is established (renal Mg loss), the size is not quantified"),
    Parameter("mg_thiazide_thr_shift", -0.02, "mmol/L", "fda2011ppi;vitasim_gap",
              "fall of the renal threshold with a thiazide diuretic",
              note="assumption, as for loop diuretics"),
    # --- pools ---
    Parameter("mg_vecf", 0.17, "L/kg", "iom1997mg",
              "apparent volume of the extracellular (serum) Mg pool",
              note="IOM 1997: ~1 % of 1000 mmol body Mg is extracellular, at ~0.85 mmol/L -> 11.8 L per 70 kg"),
    Parameter("mg_exch_per_kg", 1.77, "mmol/kg", "avioli1966",
              "total exchangeable Mg (3.54 mEq/kg, Avioli & Berman 1966)"),
    Parameter("mg_cell_frac", 1.0, "1", "avioli1966",
              "fraction of the exchangeable Mg that exchanges with serum on a day's time scale",
              note="all of Avioli & Berman's exchangeable pool (less the extracellular part) is taken to exchange with the 14-35 h half-time; the 1-3 h components are lumped into it"),
    Parameter("mg_cell_thalf", 24.0, "h", "silver1960",
              "half-time of serum <-> cell Mg exchange (14-35 h component of Mg-28 kinetics)"),
    Parameter("mg_bone_per_kg", 2.6, "mmol/kg", "iom1997mg",
              "exchangeable bone Mg at the replete serum level (one third of skeletal Mg: 1/3 x 55 % x 1000 mmol / 70 kg)"),
    Parameter("mg_bone_thalf", 1000.0, "h", "avioli1966",
              "half-life of the slowly exchanging Mg compartment (~1000 h)"),
    Parameter("mg_serum_ref", 0.85, "mmol/L", "costello2016",
              "serum Mg regarded as replete (proposed evidence-based lower limit of the reference interval)"),
    # --- vitamin D coupling ---
    Parameter("mg_vitd_slope", 0.5, "1", "dai2018;uwitonze2018;vitasim_gap",
              "fall of vitamin D 25-hydroxylation capacity per unit fall of mg_status below 1",
              note="gap: Mg is a cofactor of the 25- and 1-hydroxylases (Uwitonze 2018) and Mg supplementation "
                   "raised 25(OH)D3 when it was low (Dai 2018), but no effect size is published; kept modest "
                   "(status 0.8 -> capacity -10 %)"),
    Parameter("mg_vitd_min", 0.5, "1", "vitasim_gap", "floor of mg_vitd_factor in deep depletion",
              note="assumption"),
    Parameter("mg_molar_mass", MG_MOLAR_MASS, "g/mol", "iupac_mg", "atomic mass of magnesium"),
)

COVARIATES = (
    WEIGHT,
    EGFR,
    Covariate("mg_serum0", "mmol/L", MG_NOT_MEASURED, 0.2, MG_NOT_MEASURED, "iom1997mg;swaminathan2003",
              "measured baseline serum Mg (default 10 mmol/L is a marker for 'not measured': the baseline is then "
              "predicted from diet, kidney and medicines; measured values up to 10 mmol/L, beyond reported "
              "survivable levels, are accepted)",
              lab="mg", compound="magnesium",
              lab_synonyms=("magnesium", "serum magnesium", "serum mg", "s-mg", "mg2+")),
    Covariate("mg_diet", "mg/d", 280.0, 20.0, 2000.0, "ford2003",
              "dietary (food and water) elemental Mg intake (default: NHANES 1999-2000 medians of white men "
              "326 and women 237 mg/d, averaged; intake falls with age, so older adults may eat less); "
              "from the profile's diet when one is listed", diet="magnesium"),
    Covariate("mg_ppi", "1", 0.0, 0.0, 1.0, "fda2011ppi", "takes a proton pump inhibitor", medication_class="ppi"),
    Covariate("mg_loop", "1", 0.0, 0.0, 1.0, "fda2011ppi", "takes a loop diuretic", medication_class="loop_diuretic"),
    Covariate("mg_thiazide", "1", 0.0, 0.0, 1.0, "fda2011ppi", "takes a thiazide diuretic", medication_class="thiazide"),
)

_SOFTPLUS_S0 = "(max(mg_z0, 0) + log(1 + exp(-abs(mg_z0))))"
DERIVED = (
    Derived("mg_clf", "egfr * 0.06 * mg_fu", "L/h", "filtration clearance of ultrafilterable Mg (eGFR in L/h)"),
    Derived("mg_thr_p", "mg_thr + mg_loop * mg_loop_thr_shift + mg_thiazide * mg_thiazide_thr_shift",
            "mmol/L", "this person's renal threshold"),
    Derived("mg_ve", "mg_vecf * weight", "L", "extracellular Mg volume"),
    Derived("mg_sat_f", "1 - mg_ppi * (1 - mg_ppi_sat_factor)", "1", "saturable absorption left (PPI)"),
    Derived("mg_diet_rate", "mg_diet / mg_molar_mass / 24", "mmol/h", "dietary Mg intake"),
    Derived("mg_meal", "mg_diet / mg_molar_mass / mg_meals_per_day", "mmol", "Mg per meal"),
    Derived("mg_f_diet", "mg_sat_f * mg_meal_vmax / (mg_meal_km + mg_meal) + mg_passive_frac", "1",
            "fraction of dietary Mg absorbed (Fine 1991)"),
    Derived("mg_abs_diet0", "mg_diet_rate * mg_f_diet", "mmol/h", "predicted absorbed dietary Mg"),
    Derived("mg_x0", "max(mg_abs_diet0 / (mg_clf * mg_thr_width), 1e-12)", "1", "helper: scaled load"),
    Derived("mg_s_pred", "mg_thr_p + mg_thr_width * (mg_x0 + log(1 - exp(-mg_x0)))", "mmol/L",
            "steady-state serum Mg predicted from diet, kidney and medicines"),
    Derived("mg_meas", f"min(1, max(0, ({MG_NOT_MEASURED} - mg_serum0) * 1000))", "1",
            "1 if a baseline serum Mg was measured (below the not-measured marker)"),
    Derived("mg_s0", "mg_meas * mg_serum0 + (1 - mg_meas) * mg_s_pred", "mmol/L", "baseline serum Mg"),
    Derived("mg_z0", "(mg_s0 - mg_thr_p) / mg_thr_width", "1", "helper"),
    Derived("mg_u0", "mg_clf * mg_thr_width * " + _SOFTPLUS_S0, "mmol/h", "baseline urinary Mg"),
    Derived("mg_eff", "mg_u0 / mg_abs_diet0", "1",
            "dietary absorption efficiency that sustains the baseline (1 when predicted)"),
    Derived("mg_abs_diet", "mg_eff * mg_abs_diet0", "mmol/h", "absorbed dietary Mg"),
    Derived("mg_cell_ref", "mg_cell_frac * (mg_exch_per_kg * weight - mg_ve * mg_serum_ref)", "mmol",
            "cell pool at the replete serum level"),
    Derived("mg_bone_ref", "mg_bone_per_kg * weight", "mmol", "exchangeable bone pool at the replete serum level"),
    Derived("mg_kc", "log(2) / mg_cell_thalf", "1/h", "cell exchange rate"),
    Derived("mg_kb", "log(2) / mg_bone_thalf", "1/h", "bone exchange rate"),
    Derived("mg_status0", "mg_s0 / mg_serum_ref", "1", "baseline Mg status (pools in equilibrium)"),
    Derived("mg_vitd_factor0", "max(mg_vitd_min, 1 - mg_vitd_slope * max(0, 1 - mg_status0))", "1",
            "Mg cofactor factor on vitamin D 25-hydroxylation at baseline"),
)

STATES = (
    State("mg_gut_ox", "mmol", "undissolved magnesium oxide in the gut"),
    State("mg_gut", "mmol", "absorbable (dissolved) supplemental Mg in the gut"),
    State("mg_cap", "1", "available fraction of the saturable absorptive capacity", "1"),
    State("mg_ecf", "mmol", "extracellular (serum) Mg", "mg_s0 * mg_ve"),
    State("mg_cell", "mmol", "exchangeable cell Mg", "mg_cell_ref * mg_status0"),
    State("mg_bone", "mmol", "exchangeable bone Mg", "mg_bone_ref * mg_status0"),
)

INTERMEDIATES = (
    Intermediate("mg_s", "mg_ecf / mg_ve", "mmol/L", "serum Mg"),
    Intermediate("mg_zu", "(mg_s - mg_thr_p) / mg_thr_width", "1", "helper"),
    Intermediate("mg_urine_rate", "mg_clf * mg_thr_width * (max(mg_zu, 0) + log(1 + exp(-abs(mg_zu))))",
                 "mmol/h", "urinary Mg excretion"),
    Intermediate("mg_sat_abs", "mg_sat_f * mg_gut_kv * mg_cap * mg_gut / (mg_gut_km + mg_gut)", "mmol/h",
                 "saturable absorption of supplemental Mg"),
    Intermediate("mg_abs_supp", "mg_sat_abs + mg_gut_kpass * mg_gut", "mmol/h", "absorption of supplemental Mg"),
    Intermediate("mg_to_cell", "mg_kc * (mg_cell_ref * mg_s / mg_serum_ref - mg_cell)", "mmol/h", "serum -> cells"),
    Intermediate("mg_to_bone", "mg_kb * (mg_bone_ref * mg_s / mg_serum_ref - mg_bone)", "mmol/h", "serum -> bone"),
    Intermediate("mg_status_now", "(mg_cell + mg_bone) / (mg_cell_ref + mg_bone_ref)", "1", "Mg status"),
    Intermediate("mg_vitd_factor", "max(mg_vitd_min, 1 - mg_vitd_slope * max(0, 1 - mg_status_now))", "1",
                 "Mg cofactor factor on vitamin D 25-hydroxylation capacity (1 when replete)"),
)

EQUATIONS = {
    "mg_gut_ox": "-(mg_oxide_kdiss + mg_gut_ktr) * mg_gut_ox",
    "mg_gut": "mg_oxide_kdiss * mg_gut_ox - mg_abs_supp - mg_gut_ktr * mg_gut",
    "mg_cap": "-mg_sat_abs / mg_gut_qmax + mg_gut_krec * (1 - mg_cap)",
    "mg_ecf": "mg_abs_supp + mg_abs_diet - mg_urine_rate - mg_to_cell - mg_to_bone",
    "mg_cell": "mg_to_cell",
    "mg_bone": "mg_to_bone",
}

OUTPUTS = (
    Output("mg_serum", "mg_s", "mmol/L", "serum total magnesium", "magnesium", "mg/dL"),
    Output("mg_status", "mg_status_now", "1",
           "exchangeable body Mg (cells + bone) relative to its amount at a replete serum Mg of 0.85 mmol/L "
           "(1 = replete; dimensionless)"),
    Output("mg_urine", "mg_urine_rate * 24", "mmol/d", "urinary Mg excretion (24-h rate)"),
)

_ELEMENTAL = ("Doses are ELEMENTAL magnesium (as on supplement labels), not the mass of the salt")
SUPPLEMENTS = (
    Supplement("magnesium_oxide", "magnesium", "mg_gut_ox", "mmol",
               ("magnesium oxide", "mg oxide", "mgo", "magnesia"),
               description="magnesium oxide (poorly soluble; dose as elemental Mg). " + _ELEMENTAL,
               max_single_dose="3000 mg", max_single_dose_source="vitasim_gap"),
    Supplement("magnesium_citrate", "magnesium", "mg_gut", "mmol",
               ("magnesium citrate", "mg citrate", "trimagnesium citrate"),
               description="magnesium citrate (soluble; dose as elemental Mg). " + _ELEMENTAL,
               max_single_dose="3000 mg", max_single_dose_source="vitasim_gap"),
    Supplement("magnesium_glycinate", "magnesium", "mg_gut", "mmol",
               ("magnesium glycinate", "magnesium bisglycinate", "magnesium diglycinate", "mg glycinate",
                "mg bisglycinate"),
               description="magnesium (bis)glycinate (soluble; dose as elemental Mg). " + _ELEMENTAL,
               max_single_dose="3000 mg", max_single_dose_source="vitasim_gap"),
    Supplement("magnesium_chloride", "magnesium", "mg_gut", "mmol",
               ("magnesium chloride", "mg chloride", "mgcl2"),
               description="magnesium chloride (soluble; dose as elemental Mg). " + _ELEMENTAL,
               max_single_dose="3000 mg", max_single_dose_source="vitasim_gap"),
)

_PPI_SRC = "fda2011ppi;srinutta2019"
_DIUR_SRC = "fda2011ppi;emc_mg_smpc"
_SEP_SRC = "emc_mg_smpc;ods_mg"
MEDICATIONS = (
    Medication("omeprazole", ("ppi",), ("prilosec", "losec", "zegerid"), _PPI_SRC),
    Medication("esomeprazole", ("ppi",), ("nexium",), _PPI_SRC),
    Medication("lansoprazole", ("ppi",), ("prevacid", "zoton"), _PPI_SRC),
    Medication("pantoprazole", ("ppi",), ("protonix", "protium", "pantoloc"), _PPI_SRC),
    Medication("rabeprazole", ("ppi",), ("aciphex", "pariet"), _PPI_SRC),
    Medication("furosemide", ("loop_diuretic",), ("lasix", "frusemide"), _DIUR_SRC),
    Medication("bumetanide", ("loop_diuretic",), ("bumex", "burinex"), _DIUR_SRC),
    Medication("torsemide", ("loop_diuretic",), ("torasemide", "demadex"), _DIUR_SRC),
    Medication("hydrochlorothiazide", ("thiazide",), ("hctz", "microzide"), _DIUR_SRC),
    Medication("chlorthalidone", ("thiazide",), ("chlortalidone", "hygroton"), _DIUR_SRC),
    Medication("indapamide", ("thiazide",), ("natrilix", "lozol"), _DIUR_SRC),
    Medication("doxycycline", ("mg_separate_dosing", "tetracycline"), ("vibramycin", "doryx"), _SEP_SRC),
    Medication("tetracycline", ("mg_separate_dosing", "tetracycline"), (), _SEP_SRC),
    Medication("minocycline", ("mg_separate_dosing", "tetracycline"), ("minocin",), _SEP_SRC),
    Medication("ciprofloxacin", ("mg_separate_dosing", "quinolone"), ("cipro", "ciproxin"), _SEP_SRC),
    Medication("levofloxacin", ("mg_separate_dosing", "quinolone"), ("levaquin", "tavanic"), _SEP_SRC),
    Medication("moxifloxacin", ("mg_separate_dosing", "quinolone"), ("avelox",), _SEP_SRC),
    Medication("alendronate", ("mg_separate_dosing", "bisphosphonate"), ("fosamax", "alendronic acid"), _SEP_SRC),
    Medication("risedronate", ("mg_separate_dosing", "bisphosphonate"), ("actonel", "risedronic acid"), _SEP_SRC),
    Medication("ibandronate", ("mg_separate_dosing", "bisphosphonate"), ("boniva", "bonviva", "ibandronic acid"),
               _SEP_SRC),
    Medication("levothyroxine", ("mg_separate_dosing", "thyroid_hormone"),
               ("synthroid", "eltroxin", "euthyrox", "levoxyl", "l-thyroxine", "thyroxine"),
               "levothyroxine_label;ods_mg"),
)

CONDITIONS = (
    Condition("ckd", ("chronic kidney disease", "kidney disease", "renal insufficiency", "chronic renal failure"),
              "chronic kidney disease (stage unknown)", "iom1997mg;vandewal2018"),
    Condition("ckd_stage_4_5", ("ckd stage 4", "ckd stage 5", "ckd 4", "ckd 5", "ckd4", "ckd5",
                                "end stage renal disease", "esrd", "kidney failure", "dialysis"),
              "chronic kidney disease stage 4-5 (eGFR < 30) or dialysis", "iom1997mg;vandewal2018"),
    Condition("leg_cramps", ("leg cramps", "nocturnal leg cramps", "night cramps", "muscle cramps",
                             "nocturnal cramps"),
              "idiopathic (nocturnal) leg cramps", "garrison2020"),
)

MODULE = Module(
    name="magnesium",
    description=__doc__.strip().splitlines()[0],
    parameters=PARAMETERS,
    covariates=COVARIATES,
    derived=DERIVED,
    states=STATES,
    intermediates=INTERMEDIATES,
    equations=EQUATIONS,
    outputs=OUTPUTS,
    supplements=SUPPLEMENTS,
    medications=MEDICATIONS,
    conditions=CONDITIONS,
)
