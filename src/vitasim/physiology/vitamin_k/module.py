"""Vitamin K (K1, MK-4, MK-7): absorption, plasma kinetics, carboxylation, clotting factors and the INR.

Structure (time in hours, amounts in nmol; oral parameters are apparent, i.e. relative to the
supplement's oral availability):

* each form: gut -> plasma by first-order absorption (chylomicrons; K1 and MK-7 both peak about
  4 h after intake, Schurgers 2007) and first-order elimination.  K1 is cleared within hours
  (plasma half-time 8.8 h, Novotny 2010); MK-7 has a half-life of about three days (Schurgers
  2007) so it accumulates on daily dosing; MK-4 at nutritional doses barely reaches plasma
  (Sato 2012: 420 ug undetectable), represented by a low apparent availability and a
  1-hour half-life;
* dietary K1 (default: the IOM 2001 adequate intake for the person's sex) and a background
  MK-7 level (0.28 ng/mL in Dutch adults, Knapen 2015) put the person in steady state;
* the vitamin K cycle (K -> KH2 -> KO -> K; VKOR inhibited by a vitamin K antagonist, as in
  Wajima 2009, BIOMD0000000340) is reduced to a QUASI-STEADY STATE: its pools turn over in hours
  (Wajima's VKH2 and VKO rate constants 0.07-0.23 /h) while the clotting factors, MK-7 and MGP
  change over days, so the carboxylation drive is `available vitamin K x (1 - VKOR inhibition)`
  without separate K/KH2/KO states (tests/validation/test_vitamin_k.py compares this with
  the SBML in libroadrunner);
* hepatic carboxylation saturates (healthy people make fully active clotting factors whatever
  their vitamin K intake: the "triage" of Vermeer 2012; no effect of MK-7 on thrombin
  generation in healthy people, Theuwissen 2012), so vitamin K lowers the INR only when a
  VKA limits the cycle;
* factors II, VII and X are synthesised in proportion to hepatic carboxylation and degraded
  first-order at Wajima 2009's rates; the INR is the reciprocal of their geometric-mean
  activity (the hyperbolic prothrombin-time/activity relation of Holford 1986, ISI about 1);
* the VKA effect is not a warfarin PK model: it is the constant VKOR inhibition that gives the
  person's measured INR at steady state (default 2.5, the middle of the 2-3 target range);
* extrahepatic carboxylation (osteocalcin, MGP) follows the extrahepatic vitamin K supply
  with a Michaelis-Menten-like fraction: ucOC follows within the day (QSS: osteocalcin is
  cleared from plasma within hours), dp-ucMGP relaxes to its new level with a lag.
"""
from vitasim import units
from vitasim.model import (Covariate, Derived, Intermediate, Medication, Module, Output, Parameter, State,
                           Supplement)
from vitasim.model.covariates import SEX_FEMALE

for _c in (units.Compound("phylloquinone", 450.7, None, "pubchem"),
           units.Compound("menaquinone-7", 649.0, None, "pubchem;sato2012"),
           units.Compound("menaquinone-4", 444.7, None, "pubchem;sato2012")):
    units.register_compound(_c)

_CAL = "vitasim_calibration_vitamin_k"  # fitted by calibration/vitamin_k.py

PARAMETERS = (
    Parameter("k_mw_k1", 450.7, "g/mol", "pubchem", "molar mass of phylloquinone (C31H46O2)"),
    Parameter("k_mw_mk7", 649.0, "g/mol", "pubchem;sato2012",
              "molar mass of menaquinone-7 (C46H64O2; Sato 2012: 420 ug = 647 nmol)"),
    Parameter("k_ka", 0.576, "1/h", "schurgers2007;" + _CAL,
              "absorption rate of oral vitamin K (all forms, chylomicron route)",
              note="chosen so that oral K1 peaks at about 4 h as in Schurgers 2007 (MK-7 then peaks at "
                   "about 7 h; Sato 2012: 6 h; Knapen 2014: 2-6 h by formulation)"),
    Parameter("k_t_half_k1", 8.8, "h", "novotny2010", "plasma half-time of phylloquinone",
              note="compartmental analysis of 13C-K1 from kale; a faster early phase is not represented"),
    Parameter("k_t_half_mk7", 68.0, "h", "schurgers2007",
              "plasma half-life of menaquinone-7 (about three days)",
              note="the Blood abstract says 'very long half-life'; the 68 h figure is from secondary "
                   "sources citing the paper's figure (data.yaml vitK_MK7_halflife)"),
    Parameter("k_t_half_mk4", 1.0, "h", "vitasim_gap", "plasma half-life of menaquinone-4",
              note="uncertain: only secondary pages give 1-1.5 h (unconfirmed); Sato 2012 could not detect "
                   "MK-4 at all, so only an upper bound on its plasma exposure is known"),
    Parameter("k_cl_mk7", 1.406, "L/h", "knapen2015jns;" + _CAL,
              "apparent clearance of MK-7 (CL/F)",
              note="56 ug/d MK-7 (yogurt, 12 weeks) raised fasting MK-7 from 0.28 to 1.94 ng/mL "
                   "(Knapen 2015): CL/F = 56 ug/d / 1.66 ng/mL"),
    Parameter("k_k1_mk7_ratio", 7.5, "1", "schurgers2007",
              "steady-state plasma MK-7 over K1 at equal daily doses (7- to 8-fold accumulation)",
              note="sets K1's apparent clearance (k_cl_mk7 times this ratio)"),
    Parameter("k_f_mk4", 0.095, "1", "sato2012;" + _CAL,
              "apparent oral availability of MK-4 relative to K1 and MK-7",
              note="calibrated so one 420 ug dose peaks below 0.1 ng/mL (undetectable, Sato 2012); the "
                   "detection limit is our assumption"),
    Parameter("k_f_food", 1.0, "1", "vitasim_gap",
              "availability of dietary K1 relative to K1 in supplements",
              note="uncertain: K1 from kale is 4.7 % available (Novotny 2010) but the absolute availability "
                   "of supplemental K1 is not known to us; with 1 the AI gives plasma K1 of about "
                   "0.36-0.5 ng/mL. It scales how much a K1 supplement adds to the diet."),
    Parameter("k_mk7_base", 0.28, "ng/mL", "knapen2015jns",
              "fasting plasma MK-7 without supplements (Dutch adults aged 45-65 y)"),
    Parameter("k_ai_female", 90.0, "ug/d", "iom2001", "adequate intake of vitamin K, women >= 19 y"),
    Parameter("k_ai_male", 120.0, "ug/d", "iom2001", "adequate intake of vitamin K, men >= 19 y"),
    Parameter("k_w_h7", 4.86, "1", "theuwissen2013;" + _CAL,
              "hepatic cofactor potency of plasma MK-7 per mol relative to K1",
              note="calibrated on the 45 ug/d step of Theuwissen 2013 (INR 2.0 fell by about 40 %); "
                   "the 10 and 20 ug/d steps are validation"),
    Parameter("k_w_h4", 1.0, "1", "vitasim_gap", "hepatic cofactor potency of plasma MK-4 relative to K1",
              note="assumption: equal per mol"),
    Parameter("k_kc", 0.05, "1", "theuwissen2012;vermeer2012;vitasim_gap",
              "hepatic carboxylation drive (relative to a replete, untreated person) giving half of "
              "(1 + k_kc) of normal factor synthesis",
              note="uncertain: small, so clotting factors are saturated in healthy people (triage; no "
                   "thrombin-generation effect of MK-7 in healthy people) and respond nearly "
                   "proportionally under a VKA. Wajima 2009 uses a linear relation (k_kc -> infinity), "
                   "which would let extra vitamin K push a healthy INR below 1"),
    Parameter("k_d_f2", 0.01, "1/h", "wajima2009", "degradation rate of factor II (half-life 69 h)"),
    Parameter("k_d_f7", 0.12, "1/h", "wajima2009", "degradation rate of factor VII (half-life 5.8 h)"),
    Parameter("k_d_f10", 0.018, "1/h", "wajima2009", "degradation rate of factor X (half-life 39 h)"),
    Parameter("k_ucoc0", 0.35, "1", "vitasim_gap",
              "uncarboxylated fraction of osteocalcin at the reference vitamin K status, no VKA",
              note="uncertain: typical order of magnitude in older adults without supplements; the same "
                   "value as the calcium/bone module's default. Binkley 2002: a high K1 intake is needed "
                   "for maximal carboxylation"),
    Parameter("k_ucmgp_u0", 0.8513, "1", "knapen2015th;dalmeijer2012;vitasim_calibration_vitamin_k_joint",
              "apparent uncarboxylated fraction of MGP at the reference vitamin K status (sets the "
              "dose-response of dp-ucMGP)",
              note="joint fit with k_t_half_mgp (python calibration/fit.py vitamin_k; calibration/fits/vitamin_k.json): "
                   "180 ug/d MK-7 lowers dp-ucMGP by 50 % at 3 years (Knapen 2015) and by 31 % at 12 weeks "
                   "(Dalmeijer 2012); was 0.851 (Knapen alone)"),
    Parameter("k_dpucmgp_ref", 450.0, "pmol/L", "vitasim_gap",
              "plasma dp-ucMGP at the reference vitamin K status, no VKA",
              note="uncertain: order of magnitude of healthy older adults (InaKtif assay); read "
                   "k_ucmgp_rel (relative change) rather than the absolute value"),
    Parameter("k_t_half_mgp", 1401.0, "h", "dalmeijer2012;knapen2015th;vitasim_calibration_vitamin_k_joint",
              "half-time of the approach of dp-ucMGP to a new carboxylation level (58 days)",
              note="joint fit with k_ucmgp_u0 (issue 10): was 240 h (10 days, a gap), which gave the full 3-year "
                   "effect (-50 %) within weeks where Dalmeijer 2012 measured -31 % at 12 weeks on the same dose. "
                   "Validation: Dalmeijer 2012 360 ug/d, -46 % at 12 weeks (model -41.5 %). Why dp-ucMGP follows "
                   "carboxylation so slowly (MGP turnover in the vessel wall, release of existing ucMGP) is not "
                   "modelled: the single first-order lag is a guess"),
    Parameter("k_inr_default", 2.5, "1", "holbrook2012",
              "INR assumed for a person on a VKA without a measured INR (middle of the 2-3 target)"),
)

COVARIATES = (
    SEX_FEMALE,
    Covariate("k_vka", "1", 0.0, 0.0, 1.0, "holbrook2012",
              "1 if the person takes a vitamin K antagonist (warfarin, acenocoumarol, phenprocoumon)",
              medication_class="vitamin_k_antagonist"),
    Covariate("k_inr0", "1", 2.5, 0.8, 10.0, "holbrook2012",
              "measured INR at the start (default 2.5, the middle of the 2-3 target range)",
              lab="inr", lab_synonyms=("inr", "pt inr", "pt-inr", "international normalized ratio",
                                       "international normalised ratio")),
    Covariate("k_diet_k1", "ug/d", 0.0, 0.0, 2000.0, "iom2001",
              "dietary vitamin K1 intake from the profile's diet (0 = not given: the IOM 2001 adequate "
              "intake for the person's sex)", diet="vitamin_k1"),
)

DERIVED = (
    Derived("k_ke_k1", "log(2) / k_t_half_k1", "1/h", "K1 elimination rate"),
    Derived("k_ke_mk7", "log(2) / k_t_half_mk7", "1/h", "MK-7 elimination rate"),
    Derived("k_ke_mk4", "log(2) / k_t_half_mk4", "1/h", "MK-4 elimination rate"),
    Derived("k_cl_k1", "k_cl_mk7 * k_k1_mk7_ratio", "L/h", "apparent clearance of K1"),
    Derived("k_v_k1", "k_cl_k1 / k_ke_k1", "L", "apparent volume of K1"),
    Derived("k_v_mk7", "k_cl_mk7 / k_ke_mk7", "L", "apparent volume of MK-7"),
    Derived("k_v_mk4", "k_v_k1", "L", "apparent volume of MK-4 (as K1)"),
    Derived("k_intake", "k_diet_k1 + (1 - min(k_diet_k1, 1)) * (sex_female * k_ai_female + "
                        "(1 - sex_female) * k_ai_male)", "ug/d", "dietary K1 intake used"),
    Derived("k_k1_in", "k_f_food * k_intake * 1000 / k_mw_k1 / 24", "nmol/h", "absorbed dietary K1"),
    Derived("k_k1c0", "k_k1_in / k_cl_k1", "nmol/L", "baseline plasma K1"),
    Derived("k_mk7c0", "k_mk7_base * 1000 / k_mw_mk7", "nmol/L", "baseline plasma MK-7"),
    Derived("k_mk7_in", "k_mk7c0 * k_cl_mk7", "nmol/h", "background (dietary) MK-7 input"),
    Derived("k_kh0", "k_k1c0 + k_w_h7 * k_mk7c0", "nmol/L", "baseline hepatic vitamin K supply (K1 equivalents)"),
    Derived("k_ke0", "k_k1c0 + k_mk7c0", "nmol/L", "baseline extrahepatic vitamin K supply"),
    Derived("k_a0", "min(1 / (k_vka * k_inr0 + (1 - k_vka)), 1)", "1",
            "clotting factor activity at the start (1 without a VKA)"),
    Derived("k_x0", "k_a0 * k_kc / (1 + k_kc - k_a0)", "1", "hepatic carboxylation drive at the start"),
    Derived("k_inh", "k_vka * max(1 - k_x0, 0)", "1",
            "VKOR inhibition by the VKA that gives the measured INR at steady state"),
    Derived("k_koc", "k_ucoc0 / (1 - k_ucoc0)", "1", "osteocalcin carboxylation constant"),
    Derived("k_kmgp", "k_ucmgp_u0 / (1 - k_ucmgp_u0)", "1", "MGP carboxylation constant"),
    Derived("k_mgp0", "(1 + k_kmgp) / (1 - k_inh + k_kmgp)", "1",
            "dp-ucMGP at the start relative to the reference (raised by a VKA)"),
    Derived("k_k_mgp", "log(2) / k_t_half_mgp", "1/h", "dp-ucMGP relaxation rate"),
)

STATES = (
    State("k1_gut", "nmol", "oral K1 not yet absorbed"),
    State("k1_c", "nmol", "K1 in plasma (apparent volume)", "k_k1c0 * k_v_k1"),
    State("mk7_gut", "nmol", "oral MK-7 not yet absorbed"),
    State("mk7_c", "nmol", "MK-7 in plasma (apparent volume)", "k_mk7c0 * k_v_mk7"),
    State("mk4_gut", "nmol", "oral MK-4 not yet absorbed"),
    State("mk4_c", "nmol", "MK-4 in plasma (apparent volume)"),
    State("k_f2", "1", "factor II activity relative to normal", "k_a0"),
    State("k_f7", "1", "factor VII activity relative to normal", "k_a0"),
    State("k_f10", "1", "factor X activity relative to normal", "k_a0"),
    State("k_mgp", "1", "dp-ucMGP relative to the reference status", "k_mgp0"),
)

INTERMEDIATES = (
    Intermediate("k1_conc", "k1_c / k_v_k1", "nmol/L", "plasma K1"),
    Intermediate("mk7_conc", "mk7_c / k_v_mk7", "nmol/L", "plasma MK-7"),
    Intermediate("mk4_conc", "mk4_c / k_v_mk4", "nmol/L", "plasma MK-4"),
    Intermediate("k_xh", "(k1_conc + k_w_h7 * mk7_conc + k_w_h4 * mk4_conc) / k_kh0 * (1 - k_inh)", "1",
                 "hepatic carboxylation drive (QSS vitamin K cycle; 1 = untreated baseline)"),
    Intermediate("k_synth", "k_xh * (1 + k_kc) / (k_xh + k_kc)", "1",
                 "synthesis of active clotting factors relative to normal"),
    Intermediate("k_xe", "(k1_conc + mk7_conc + mk4_conc) / k_ke0 * (1 - k_inh)", "1",
                 "extrahepatic carboxylation drive (1 = untreated baseline)"),
    Intermediate("k_ucoc_frac", "k_koc / (k_xe + k_koc)", "1",
                 "uncarboxylated fraction of osteocalcin (0-1; read by the calcium/bone module)"),
    Intermediate("k_ucmgp_rel", "k_mgp / k_mgp0", "1",
                 "dp-ucMGP relative to the person's own baseline (1 = baseline; read by calcium/bone)"),
    Intermediate("k_activity", "(k_f2 * k_f7 * k_f10) ** (1 / 3)", "1",
                 "prothrombin-complex activity (geometric mean of factors II, VII, X)"),
)

EQUATIONS = {
    "k1_gut": "-k_ka * k1_gut",
    "k1_c": "k_ka * k1_gut + k_k1_in - k_ke_k1 * k1_c",
    "mk7_gut": "-k_ka * mk7_gut",
    "mk7_c": "k_ka * mk7_gut + k_mk7_in - k_ke_mk7 * mk7_c",
    "mk4_gut": "-k_ka * mk4_gut",
    "mk4_c": "k_ka * k_f_mk4 * mk4_gut - k_ke_mk4 * mk4_c",
    "k_f2": "k_d_f2 * (k_synth - k_f2)",
    "k_f7": "k_d_f7 * (k_synth - k_f7)",
    "k_f10": "k_d_f10 * (k_synth - k_f10)",
    "k_mgp": "k_k_mgp * ((1 + k_kmgp) / (k_xe + k_kmgp) - k_mgp)",
}

OUTPUTS = (
    Output("inr", "1 / k_activity", "1", "international normalized ratio (1 without a VKA)"),
    Output("ucoc_fraction", "100 * k_ucoc_frac", "%", "uncarboxylated osteocalcin, % of total"),
    Output("dp_ucmgp", "k_dpucmgp_ref * k_mgp", "pmol/L", "plasma desphospho-uncarboxylated MGP"),
    Output("mk7_plasma", "mk7_conc", "nmol/L", "plasma menaquinone-7", "menaquinone-7", "ng/mL"),
    Output("k1_plasma", "k1_conc", "nmol/L", "plasma phylloquinone (vitamin K1)", "phylloquinone", "ng/mL"),
    Output("mk4_plasma", "mk4_conc", "nmol/L", "plasma menaquinone-4 (stays near zero at nutritional doses)",
           "menaquinone-4", "ng/mL"),
)

SUPPLEMENTS = (
    Supplement("vitamin_k1", "phylloquinone", "k1_gut", "nmol",
               ("vitamin k1", "vit k1", "phylloquinone", "phytonadione", "phytomenadione", "k1", "vitamin k"),
               routes=("oral", "intravenous"), route_states=(("intravenous", "k1_c"),),
               description="vitamin K1 (phylloquinone, phytonadione)",
               max_single_dose="25 mg", max_single_dose_source="vitasim_gap"),
    Supplement("mk4", "menaquinone-4", "mk4_gut", "nmol",
               ("mk-4", "mk4", "menatetrenone", "menaquinone-4", "menaquinone 4", "vitamin k2 mk-4"),
               description="menaquinone-4 (MK-4, menatetrenone)",
               max_single_dose="45 mg", max_single_dose_source="vitasim_gap"),
    Supplement("mk7", "menaquinone-7", "mk7_gut", "nmol",
               ("mk-7", "mk7", "menaquinone-7", "menaquinone 7", "vitamin k2", "vit k2", "k2",
                "vitamin k2 mk-7"),
               description="menaquinone-7 (MK-7); 'vitamin K2' means MK-7, the common supplement form",
               max_single_dose="5 mg", max_single_dose_source="vitasim_gap"),
)

_VKA, _DOAC = ("vitamin_k_antagonist", "anticoagulant"), ("doac", "anticoagulant")
MEDICATIONS = (
    Medication("warfarin", _VKA, ("coumadin", "jantoven", "marevan", "warfarin sodium", "waran"), "holbrook2012"),
    Medication("acenocoumarol", _VKA, ("sintrom", "sinthrome", "acenocoumarin", "nicoumalone"), "theuwissen2013"),
    Medication("phenprocoumon", _VKA, ("marcoumar", "falithrom", "marcumar", "phenprocoumarol"), "holbrook2012"),
    Medication("apixaban", _DOAC, ("eliquis",), "steffel2021"),
    Medication("rivaroxaban", _DOAC, ("xarelto",), "steffel2021"),
    Medication("dabigatran", _DOAC, ("pradaxa", "dabigatran etexilate", "prazaxa"), "steffel2021"),
    Medication("edoxaban", _DOAC, ("savaysa", "lixiana", "roteas"), "steffel2021"),
)

MODULE = Module(
    name="vitamin_k",
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
)
