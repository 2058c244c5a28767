"""Vitamin D3 / D2: oral dose -> gut -> plasma and fat -> 25(OH)D -> 1,25(OH)2D.

Structure (time in hours; amounts in nmol; all oral parameters are apparent, i.e. relative to
oral bioavailability, as in the population PK of Ocampo-Pelland 2016):

* gut depot -> plasma vitamin D by first-order absorption;
* plasma vitamin D exchanges with a large, slow fat compartment (Ocampo-Pelland 2016 Q, Vp); the
  joint fit of issue 10 drives the exchange Q to ~0 (see q_ref): the trials show no slow storage;
* it is 25-hydroxylated in the liver by a high-affinity, low-capacity enzyme (CYP2R1:
  Michaelis-Menten, Km from Ocampo-Pelland 2016) shared competitively by D3 and D2, plus a
  low-affinity linear route (CYP27A1).  As in Ocampo-Pelland 2016, vitamin D3 has no other
  elimination: what the liver cannot hydroxylate waits in fat.  Vitamin D2 is also
  catabolised by another route, which makes it less potent (van den Heuvel 2024);
* 25(OH)D is cleared linearly (Hsu 2021 IV tracer clearance, lower with lower eGFR) from a
  volume set by the tracer half-life (Jones 2014);
* body weight scales volumes linearly (volumetric dilution, Drincic 2012), vitamin D
  clearances allometrically (exponent 3/4, Anderson 2008) and 25(OH)D clearance in proportion
  (weight is its covariate in Muhamad 2025), so heavier people reach lower levels.

At intoxication levels (above ~213 nmol/L) 25(OH)D itself acts on the vitamin D receptor
(``vdr_25ohd_ctriol_eq``, Heaney 1997, Tebben 2016), which the calcium module adds to calcitriol.
The limited high-affinity capacity makes the response steep at low doses (Cashman 2009) and the
linear route, competing with a first-order non-25-hydroxylating loss of D3, makes it nearly linear
at about 0.4-0.6 nmol/L per ug/d above ~25 ug/d, from 8 weeks to a year, as in the controlled trials
(Barger-Lux 1998, VITAL, Gallagher 2012, pilot D-Health), up to the intoxication range.  The values
of vmax_ref, cl_lin_ref, cl_other_d3_ref, q_ref and cl_other_d2_ref come from one joint fit
(``python calibration/fit.py vitamin_d``; tests/calibration checks they equal its output).  A measured baseline 25(OH)D fixes the endogenous (sun + diet) vitamin D3 input so
that the person starts in steady state.  1,25(OH)2D (output ``calcitriol``) comes from the
calcium/bone module, whose renal 1-alpha-hydroxylation reads this module's ``c25``.
"""
from vitasim.model import (Condition, Covariate, Derived, Input, Intermediate, Medication, Module, Output, Parameter,
                           State, Supplement)
from vitasim.model.covariates import EGFR, WEIGHT

_CAL = "vitasim_calibration_vitd_joint"  # joint fit: python calibration/fit.py vitamin_d (calibration arms only)

PARAMETERS = (
    Parameter("ka_d", 0.2, "1/h", "jones2012;vitasim_gap",
              "first-order absorption of oral vitamin D (D3 and D2)",
              note="uncertain: no D3 absorption rate found; oral 25(OH)D2 peaks at 4.4 h (Jones 2012), "
                   "chylomicron transport of D3 is slower. 25(OH)D outputs are insensitive to it."),
    Parameter("vc_ref", 15.5, "L", "ocampo2016", "central volume of vitamin D at 70 kg (Vc/F)"),
    Parameter("vp_ref", 2333.0, "L", "ocampo2016", "peripheral (fat) volume of vitamin D at 70 kg (Vp/F)"),
    Parameter("q_ref", 0.001, "L/h", "ocampo2016;" + _CAL, "plasma-fat exchange clearance of vitamin D at 70 kg (Q/F)",
              note="Ocampo-Pelland 2016 estimate 0.185 L/h. The joint fit (issue 10) drives it to its lower bound "
                   "(0.001): with 0.185 the fat compartment, filling over ~1.5 years, makes the 25(OH)D rise keep "
                   "growing from 8 weeks (Barger-Lux 1998) to a year (VITAL, Gallagher 2012, pilot D-Health), whereas "
                   "the per-dose rise is about the same at 8 weeks and at a year (0.5-0.7 nmol/L per ug/d). "
                   "STRUCTURAL FINDING (a guess as to mechanism): the calibration arms carry no sign of slow fat "
                   "storage of D3 over 8 weeks-1 year; fat still dilutes through the weight scaling of the volumes"),
    Parameter("vmax_ref", 0.7856, "nmol/h", "ocampo2016;" + _CAL,
              "capacity of high-affinity 25-hydroxylation (CYP2R1) at 70 kg (Vmax/F)",
              cv=0.15, cv_source="veugelers2015;vitasim_calibration_vitd",
              note="Ocampo-Pelland 2016 estimate 1.62 nmol/h; was 1.3 (hand compromise on Barger-Lux 1998 and "
                   "Gallagher 2012); 0.7856 from the joint weighted least-squares fit (with cl_lin_ref, cl_other_d3_ref, "
                   "q_ref) on the calibration arms of calibration/data/vitamin_d.yaml (Barger-Lux 1998 250/1250 ug/d "
                   "25(OH)D and serum D3, Gallagher 2012, VITAL, pilot D-Health 60 000 IU/month, Ilahi 2008, van "
                   "Groningen 2010 8 x 25 000 IU); fit summary in calibration/fits/vitamin_d.json. cv (with "
                   "cl25_ref's) not refitted: set before so the between-person SD of 25(OH)D after a year of "
                   "2000 IU/d is 18 nmol/L, as the median SD across trials in Veugelers 2015 (17.8)"),
    Parameter("km_d3", 6.39, "nmol/L", "ocampo2016", "Michaelis constant of D3 25-hydroxylation"),
    Parameter("km_d2", 6.39, "nmol/L", "ocampo2016;vitasim_gap",
              "Michaelis constant of D2 25-hydroxylation",
              note="assumed equal to D3's: no separate estimate found"),
    Parameter("cl_lin_ref", 0.01186, "L/h", _CAL,
              "low-affinity linear 25-hydroxylation (CYP27A1) at 70 kg",
              note="joint fit (see vmax_ref); was 0.018 (hand fit on Barger-Lux 1998 alone), before that 4.2e-4 "
                   "(Ekwaru 2014's observational high-dose slope). With cl_other_d3_ref it sets the fraction of a D3 "
                   "dose that becomes 25(OH)D beyond the saturable route (about 7 %), which the serum D3 rises of "
                   "Barger-Lux 1998 (+137 / +883 nmol/L at 250 / 1250 ug/d) pin down together with the 25(OH)D rises"),
    Parameter("cl_other_d3_ref", 0.1512, "L/h", _CAL,
              "elimination of vitamin D3 other than 25-hydroxylation at 70 kg",
              note="not in Ocampo-Pelland 2016 (a structural gap: which route, e.g. other hydroxylations or "
                   "biliary loss, is not identified). Joint fit (see vmax_ref); was 0.08 (hand compromise). With the "
                   "fat exchange fitted to ~0 (q_ref) this is most of the clearance of plasma D3 (0.163 L/h in all "
                   "at 70 kg, plasma half-life ~2.8 days), which the serum D3 rises of Barger-Lux 1998 support "
                   "(25 / 250 / 1250 ug/d: dose rate / rise = 0.21 / 0.20 / 0.15 L/h)"),
    Parameter("cl_other_d2_ref", 0.2614, "L/h", _CAL + ";vandenheuvel2024",
              "catabolism of vitamin D2 other than 25-hydroxylation at 70 kg",
              note="calibrated so daily D2 raises total 25(OH)D 40% less than D3 (van den Heuvel 2024); refitted "
                   "after the joint D3 fit (was 0.3026), the sequential step of calibration/vitamin_d.py"),
    Parameter("cl25_ref", 0.015, "L/h", "hsu2021",
              "clearance of 25(OH)D3 at eGFR 90 (360 mL/d, IV tracer, adults aged 64 y)",
              cv=0.1, cv_source="veugelers2015;vitasim_calibration_vitd",
              note="cv: see vmax_ref; the split of variability between the two is not identifiable"),
    Parameter("cl25_egfr_slope", 7.08e-5, "L/h per mL/min/1.73m2", "hsu2021",
              "fall in 25(OH)D clearance per unit of lower eGFR (17 mL/d per 10 mL/min/1.73 m2)"),
    Parameter("egfr_ref", 90.0, "mL/min/1.73m2", "hsu2021",
              "eGFR at which cl25_ref applies",
              note="assumption: Hsu 2021 reports 360 mL/d for the normal-eGFR (>=60) group"),
    Parameter("t_half_25d3", 15.1, "d", "jones2014", "plasma half-life of 25(OH)D3 (tracer)"),
    Parameter("t_half_25d2", 13.9, "d", "jones2014", "plasma half-life of 25(OH)D2 (tracer)"),
    Parameter("wt_ref", 70.0, "kg", "anderson2008", "reference body weight for allometric scaling"),
    Parameter("allo_cl", 0.75, "1", "anderson2008", "allometric exponent of clearances"),
    Parameter("vdr_rel_25ohd", 1.92e-4, "1", "heaney1997;tebben2016;vitasim_gap",
              "calcitriol-equivalent vitamin D receptor activity of serum 25(OH)D (mol calcitriol per mol 25(OH)D)",
              note="Heaney 1997: in healthy men in winter (25(OH)D 67 nmol/L) about one eighth of the circulating "
                   "absorptive (VDR) activity resides in 25(OH)D, so 67 nmol/L of 25(OH)D acts like 1/7 of the "
                   "calcitriol: 90 pmol/L (the calcium model's reference calcitriol; theirs is not in the abstract, "
                   "a gap) / 7 / 67 000 pmol/L = 1.92e-4. Assumed linear up to intoxication levels (their 25(OH)D "
                   "reached ~700 nmol/L); 5,6-trans-25(OH)D and DBP displacement of free calcitriol (Jones 2008, "
                   "Tebben 2016) are lumped into it."),
    Parameter("vdr_25ohd_thr", 213.0, "nmol/L", "heaney1997;bargerlux1998;kimball2017;vitasim_gap",
              "serum 25(OH)D below which its direct VDR activity is taken as zero",
              note="Heaney 1997: vitamin D3 250 ug/d for 8 weeks, which raised 25(OH)D from 67 to 213 nmol/L "
                   "(Barger-Lux 1998), did not raise calcium absorption; only 1250 ug/d did. Kimball 2017: "
                   "25(OH)D up to 300 nmol/L without disturbed calcium homeostasis. A threshold at 213 keeps the "
                   "term at zero in the usual range; where between 213 and the intoxication range the effect "
                   "starts is a gap."),
    Parameter("allo_cl25", 1.0, "1", "drincic2012;muhamad2025;vitasim_gap",
              "body-weight exponent of 25(OH)D clearance",
              note="weight is a covariate of 25(OH)D3 clearance (Muhamad 2025; exponent not reported) and "
                   "25(OH)D behaves as diluted in body mass (Drincic 2012): assumed proportional to weight"),
)

COVARIATES = (
    WEIGHT,
    EGFR,
    Covariate("baseline_25ohd", "nmol/L", 50.0, 2.5, 750.0, "iom2011",
              "measured serum 25(OH)D at the start (default: the IOM 2011 sufficiency cut-off)",
              lab="25ohd", compound="25ohd",
              lab_synonyms=("25(oh)d", "25-oh-d", "25-hydroxyvitamin d", "vitamin d", "25ohd3")),
)

DERIVED = (
    Derived("vc", "vc_ref * weight / wt_ref", "L", "central volume"),
    Derived("vp", "vp_ref * weight / wt_ref", "L", "fat volume"),
    Derived("size_cl", "(weight / wt_ref) ** allo_cl", "1", "allometric clearance factor"),
    Derived("q", "q_ref * size_cl", "L/h", "plasma-fat exchange"),
    Derived("vmax0", "vmax_ref * size_cl", "nmol/h", "25-hydroxylation capacity with replete magnesium"),
    Derived("cl_lin", "cl_lin_ref * size_cl", "L/h", "linear 25-hydroxylation"),
    Derived("cl_other_d2", "cl_other_d2_ref * size_cl", "L/h", "other D2 catabolism"),
    Derived("cl_other_d3", "cl_other_d3_ref * size_cl", "L/h", "other D3 elimination"),
    Derived("cl25", "max(cl25_ref + cl25_egfr_slope * (egfr - egfr_ref), 0.2 * cl25_ref) * (weight / wt_ref) ** allo_cl25",
            "L/h", "25(OH)D3 clearance for this person"),
    Derived("v25", "cl25 * t_half_25d3 * 24 / log(2)", "L", "25(OH)D volume (from half-life)"),
    Derived("k25_d3", "cl25 / v25", "1/h", "25(OH)D3 elimination rate"),
    Derived("k25_d2", "log(2) / (t_half_25d2 * 24)", "1/h", "25(OH)D2 elimination rate"),
    Derived("form0", "cl25 * baseline_25ohd", "nmol/h", "baseline 25-hydroxylation flux"),
    Derived("b0", "cl_lin * km_d3 + vmax0 * mg_vitd_factor0 - form0", "nmol/h",
            "helper of the steady-state quadratic (capacity at the baseline magnesium status)"),
    Derived("cd3_0", "2 * form0 * km_d3 / (b0 + sqrt(b0 * b0 + 4 * cl_lin * form0 * km_d3))",
            "nmol/L", "baseline plasma vitamin D3 that sustains the measured 25(OH)D"),
    Derived("vdr_25ohd_from", "max(vdr_25ohd_thr, baseline_25ohd)", "nmol/L",
            "25(OH)D above which its own VDR activity is added (the person's baseline if higher: steady start)"),
    Derived("endo_d3", "form0 + cl_other_d3 * cd3_0", "nmol/h",
            "endogenous (sun + diet) D3 input (25-hydroxylated or otherwise eliminated at steady state)"),
)

STATES = (
    State("d3_gut", "nmol", "oral vitamin D3 not yet absorbed"),
    State("d3_c", "nmol", "vitamin D3 in plasma", "cd3_0 * vc"),
    State("d3_p", "nmol", "vitamin D3 in fat", "cd3_0 * vp"),
    State("d2_gut", "nmol", "oral vitamin D2 not yet absorbed"),
    State("d2_c", "nmol", "vitamin D2 in plasma"),
    State("d2_p", "nmol", "vitamin D2 in fat"),
    State("ohd3", "nmol", "25(OH)D3 in its distribution volume", "baseline_25ohd * v25"),
    State("ohd2", "nmol", "25(OH)D2 in its distribution volume"),
)

INTERMEDIATES = (
    Intermediate("vmax", "vmax0 * mg_vitd_factor", "nmol/h",
                 "25-hydroxylation capacity (magnesium is a cofactor; 1 when replete or no Mg module)"),
    Intermediate("cd3", "d3_c / vc", "nmol/L", "plasma vitamin D3"),
    Intermediate("cd2", "d2_c / vc", "nmol/L", "plasma vitamin D2"),
    Intermediate("sat", "1 + cd3 / km_d3 + cd2 / km_d2", "1", "CYP2R1 occupancy denominator"),
    Intermediate("hyd3", "vmax * (cd3 / km_d3) / sat + cl_lin * cd3", "nmol/h", "D3 25-hydroxylation"),
    Intermediate("hyd2", "vmax * (cd2 / km_d2) / sat + cl_lin * cd2", "nmol/h", "D2 25-hydroxylation"),
    Intermediate("c25", "(ohd3 + ohd2) / v25", "nmol/L", "total serum 25(OH)D"),
    Intermediate("vdr_25ohd_ctriol_eq", "vdr_rel_25ohd * max(c25 - vdr_25ohd_from, 0) * 1000", "pmol/L",
                 "calcitriol-equivalent VDR activity of 25(OH)D above the level where it starts to count (read by calcium_bone "
                 "where calcitriol acts on gut absorption and renal reabsorption: the PTH-independent route of "
                 "vitamin D intoxication, Jones 2008, Tebben 2016)"),
)

EQUATIONS = {
    "d3_gut": "-ka_d * d3_gut",
    "d3_c": "ka_d * d3_gut + endo_d3 - hyd3 - cl_other_d3 * cd3 - q * (cd3 - d3_p / vp)",
    "d3_p": "q * (cd3 - d3_p / vp)",
    "d2_gut": "-ka_d * d2_gut",
    "d2_c": "ka_d * d2_gut - hyd2 - cl_other_d2 * cd2 - q * (cd2 - d2_p / vp)",
    "d2_p": "q * (cd2 - d2_p / vp)",
    "ohd3": "hyd3 - k25_d3 * ohd3",
    "ohd2": "hyd2 - k25_d2 * ohd2",
}

OUTPUTS = (
    Output("25ohd", "c25", "nmol/L", "serum total 25-hydroxyvitamin D", "25ohd", "ng/mL"),
    Output("25ohd3", "ohd3 / v25", "nmol/L", "serum 25(OH)D3", "25ohd", "ng/mL"),
    Output("25ohd2", "ohd2 / v25", "nmol/L", "serum 25(OH)D2", "25ohd2", "ng/mL"),
    Output("vitamin_d_plasma", "cd3 + cd2", "nmol/L", "plasma parent vitamin D (D3 + D2)",
           "cholecalciferol", "ng/mL"),
)

SUPPLEMENTS = (
    Supplement("vitamin_d3", "cholecalciferol", "d3_gut", "nmol",
               ("vitamin d3", "d3", "cholecalciferol", "colecalciferol", "vit d3", "vitamin d"),
               description="vitamin D3 (cholecalciferol)",
               max_single_dose="600000 IU", max_single_dose_source="vitasim_gap"),
    Supplement("vitamin_d2", "ergocalciferol", "d2_gut", "nmol",
               ("vitamin d2", "d2", "ergocalciferol", "vit d2"),
               description="vitamin D2 (ergocalciferol)",
               max_single_dose="600000 IU", max_single_dose_source="vitasim_gap"),
)

MEDICATIONS = (
    Medication("hydrochlorothiazide", ("thiazide",), ("hctz", "microzide", "esidrix"), "ods_vitd;mayo_vitd_interactions"),
    Medication("chlorthalidone", ("thiazide",), ("chlortalidone", "hygroton", "thalitone"), "ods_vitd;mayo_vitd_interactions"),
    Medication("indapamide", ("thiazide",), ("natrilix", "lozol"), "ods_vitd;mayo_vitd_interactions"),
    Medication("bendroflumethiazide", ("thiazide",), ("bendrofluazide",), "ods_vitd;mayo_vitd_interactions"),
    Medication("digoxin", ("digoxin",), ("lanoxin",), "mayo_vitd_interactions"),
    Medication("orlistat", ("vitd_absorption_lowering",), ("xenical", "alli"), "ods_vitd;mayo_vitd_interactions"),
    Medication("cholestyramine", ("vitd_absorption_lowering",), ("colestyramine", "questran"), "mayo_vitd_interactions"),
)

CONDITIONS = (
    Condition("hypercalcaemia", ("hypercalcemia", "high calcium", "high blood calcium"),
              "raised serum calcium", "iom2011;ags2014"),
    Condition("sarcoidosis", ("granulomatous disease", "sarcoid", "granulomatous"),
              "granuloma-forming disease: extrarenal 1-alpha-hydroxylase makes calcitriol unregulated",
              "holick2011;ags2014"),
    Condition("primary_hyperparathyroidism", ("primary hyperparathyroidism", "hyperparathyroidism", "phpt"),
              "parathyroid over-activity with raised calcium", "holick2011"),
    Condition("kidney_stones", ("kidney stones", "nephrolithiasis", "renal stones", "hypercalciuria"),
              "calcium kidney stones or high urine calcium", "iom2011"),
)

MODULE = Module(
    name="vitamin_d",
    inputs=(Input("mg_vitd_factor", "1", "1", "magnesium cofactor effect on 25-hydroxylation now (1: replete)"),
            Input("mg_vitd_factor0", "1", "1", "the same at the start (1: replete)")),
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
