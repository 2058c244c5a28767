"""Extensions of the calcium/bone module beyond BIOMD0000000613: vitamin D/K coupling, drugs, BMD, calcification.

Additions from the published model family not in the SBML (Peterson & Riggs 2012, described in
research note bone_model.md 1.2-1.3, implemented from those equations): denosumab PK and its
effect on RANKL, lumbar-spine BMD.  Additions of vitasim: the coupling to the vitamin D module
(25(OH)D as the substrate of 1-alpha-hydroxylation, DEVIATION 3; its VDR activity, DEVIATION 6),
an age-related BMD loss term, vitamin K effects (carboxylated osteocalcin on mineralisation,
uncarboxylated MGP on a vascular calcification index), a calcium supplement route, and the
teriparatide dose route (DEVIATION 4) with its anabolic effect on BMD (DEVIATION 5: with the
published denosumab-fitted BMD equation daily teriparatide lost bone, because the cell model
raises osteoclasts more than osteoblasts under teriparatide; BMD formation therefore gets a
teriparatide anabolic factor, proportional to osteoblast number, and the BMD parameters are
refitted with the age-related loss included, calibration/calcium_bone.py).
"""
from vitasim.model import Derived, Input, Intermediate, LiteralUnit, Output, Parameter, State, Supplement
from vitasim.model.covariates import SEX_FEMALE
from vitasim.physiology.calcium_bone.overlay import Override

_SRC = "peterson2010;biomodels613"

PARAMETERS = (
    # vitamin D coupling (DEVIATION 3)
    Parameter("cb_k25_1ahyd", 6.0, "nmol/L", "vitasim_gap;gallagher2012",
              "serum 25(OH)D giving half-maximal substrate supply of renal 1-alpha-hydroxylation",
              note="gap: no in-vivo Km found (in-vitro CYP27B1 values do not translate to serum total 25(OH)D). "
                   "Set so that 2000 IU/d for a year from 10 ng/mL lowers PTH by about 15 % and raises calcium "
                   "absorption by about 15 %, while from 30 ng/mL both change by under 5 %: the direction and "
                   "modest size trials report (PTH fell with dose in Gallagher 2012); the exact size is not sourced."),
    # secondary hyperparathyroidism (DEVIATION 7, issue 10)
    Parameter("cb_pth_vd_amp", 11.44, "1", "vitasim_calibration_calcium_pth;scragg1995",
              "amplitude of the rise of parathyroid secretion drive in vitamin D deficiency "
              "(drive = 1 + amp * exp(-25(OH)D / cb_pth_vd_k), relative to its value at cb_pth_vd_ref)",
              note="fitted by python calibration/fit.py calcium_bone (calibration/fits/calcium_bone.json) on Scragg "
                   "1995 (100 000 IU D3 once: PTH 12 % below placebo at 5 weeks as 25(OH)D rose 60 % from 34.5 "
                   "nmol/L). Validation: Chapuy 1992 -44 % at 18 months with 800 IU + 1.2 g calcium (model -19 %). "
                   "Caveat: the calcium feedback absorbs most of a change of drive, so the fitted drive is large and "
                   "the cross-sectional contrast it implies (baseline PTH x2.7 at 20, x1.65 at 30, x0.87 at 75 nmol/L "
                   "relative to 50) is ""probably steeper than population data (PTH roughly 1.5-fold higher in deficiency)"),
    Parameter("cb_pth_vd_k", 12.0, "nmol/L", "aloia2006pth;sai2011pth;vitasim_gap",
              "25(OH)D scale over which the parathyroid drive of deficiency fades (exponential decline)",
              note="GUESS of shape: PTH falls steeply with 25(OH)D below about 40-50 nmol/L and little above "
                   "(Aloia 2006: line-line knot at 44 nmol/L; an exponentially decreasing PTH-25(OH)D curve as in "
                   "Heaney's fit, JACN 25:395 fig. 3); Sai 2011 found no clear plateau up to 150 nmol/L. 12 nmol/L "
                   "leaves under 1 % of the rise at 75 nmol/L, so repletion of replete people barely moves PTH; "
                   "not fitted (one calibration arm)"),
    Parameter("cb_pth_vd_ref", 50.0, "nmol/L", "iom2011;vitasim_gap",
              "25(OH)D of the published model's reference person (PTH 3.85 pmol/L)",
              note="assumption: Peterson & Riggs 2010 give no vitamin D status; 50 nmol/L, the vitamin D module's "
                   "default, keeps every profile without a 25(OH)D lab at the published steady state"),
    # vitamin D intoxication (DEVIATION 6)
    Parameter("cb_vdr_rankl_rel", 1.0, "1", "raisz1972;suda2003;jones2008tox;vitasim_gap",
              "stimulation of osteoblast RANKL (and suppression of OPG) by 25(OH)D's VDR activity, as the "
              "relative rise of PTH that has the same effect per relative rise of calcitriol-equivalent activity",
              note="gap: calcitriol is a potent stimulator of bone resorption (Raisz 1972) acting, like PTH, "
                   "through osteoblast RANKL (Suda 2003), and bone resorption is one of the two sources of the "
                   "hypercalcaemia of vitamin D intoxication (Jones 2008); no in-vivo potency relative to PTH was "
                   "found, so 1 (equal relative effect) is assumed. Zero below the 25(OH)D threshold of "
                   "vdr_25ohd_ctriol_eq, so the usual range and the SBML cross-check are unaffected."),
    # denosumab (Peterson & Riggs 2012 / OpenBoneMin description, research note bone_model.md 1.2)
    Parameter("cb_den_ka", 0.00592, "1/h", "peterson2012", "denosumab absorption rate from the subcutaneous depot"),
    Parameter("cb_den_f", 0.729, "1", "peterson2012", "denosumab subcutaneous bioavailability"),
    Parameter("cb_den_vc", 2340.0, "mL", "peterson2012", "denosumab central volume",
              note="units inferred (mL, ng, h): a 60 mg dose then peaks near the label's 6.75 ug/mL"),
    Parameter("cb_den_vp", 1324.0, "mL", "peterson2012", "denosumab peripheral volume"),
    Parameter("cb_den_cl", 2.75, "mL/h", "peterson2012", "denosumab linear clearance"),
    Parameter("cb_den_q", 18.67, "mL/h", "peterson2012", "denosumab inter-compartmental clearance"),
    Parameter("cb_den_vmax", 3110.0, "ng/h", "peterson2012", "denosumab target-mediated (Michaelis-Menten) elimination capacity"),
    Parameter("cb_den_km", 188.0, "ng/mL", "peterson2012", "denosumab Michaelis constant"),
    Parameter("cb_den_mw", 147000.0, "g/mol", "prolia_label", "denosumab molar mass (approx. 147 kDa)"),
    Parameter("cb_kdenosl", 2.0e-6, "1/h per pmol/L", "peterson2012",
              "second-order rate of RANKL removal by denosumab",
              note="the concentration unit (pmol/L) is inferred: with it, 60 mg suppresses osteoclasts (CTX) "
                   "by ~90 % within a month as observed; nmol/L would give almost no effect"),
    # lumbar spine BMD (Peterson & Riggs 2012 turnover model, research note 1.3), refitted with the
    # vitasim age-related loss and a teriparatide anabolic term (DEVIATION 5; calibration/calcium_bone.py)
    Parameter("cb_kout_bmd", 0.0001448, "1/h", "vitasim_calibration_calcium_bone;peterson2012",
              "turnover rate constant of lumbar spine BMD",
              note="fitted (published denosumab fit koutBMDlsDEN 0.000145; the other published lumbar fit, "
                   "0.000397 with gamOC 0.14, gives +23 % at 12 months of denosumab)"),
    Parameter("cb_gam_ob_bmd", 0.006221, "1", "vitasim_calibration_calcium_bone;peterson2012",
              "power of osteoblasts (relative) on BMD formation", note="fitted (published gamOB 0.0793); near 0: in the 2010 cell model osteoblasts follow osteoclasts "
                   "(coupling), so the data leave formation almost independent of them apart from teriparatide"),
    Parameter("cb_gam_oc_bmd", 0.04491, "1", "vitasim_calibration_calcium_bone;peterson2012",
              "power of osteoclasts (relative) on BMD loss", note="fitted (published gamOClsDEN 0.0679)"),
    Parameter("cb_teri_anab_emax", 0.2035, "1", "vitasim_calibration_calcium_bone",
              "maximal relative increase of BMD formation by intermittent teriparatide (uncoupled, modelling-based "
              "formation that the osteoblast compartment does not carry)",
              note="DEVIATION 5; fitted on teriparatide 20 ug/d arms other than the validation arm; a single dose level "
                   "identifies only emax x X/(x50 + X) at the 20 ug exposure"),
    Parameter("cb_teri_anab_x50", 1.0, "1", "vitasim_gap",
              "teriparatide exposure (1 = 20 ug/d) giving half the maximal anabolic effect",
              note="assumption: no second dose level in the calibration data; saturable so that 40-80 ug/d do "
                   "not scale the gain linearly (trials report less than proportional gains at 40 ug/d)"),
    Parameter("cb_teri_anab_k", 1.0 / (7 * 24), "1/h", "vitasim_gap",
              "rate at which the teriparatide anabolic drive follows the daily dosing (smoothing, 1 week)",
              note="assumption; BMD turnover (months) dominates, so the value barely matters beyond the first weeks"),
    Parameter("cb_teri_ref_dose", 4856.96, "pmol/d", "forteo_label",
              "reference teriparatide daily dose, 20 ug/d (the labelled dose) = 4857 pmol/d at 4117.8 g/mol; the "
              "equation of cb_teri_x turns the hourly drug input into a daily one (x 24 h/d)"),
    Parameter("cb_bmd_age_loss_f", 0.5, "%/y", "warming2002;vitasim_gap",
              "age-related loss of lumbar spine BMD in older women, not represented by the mechanistic model",
              note="uncertain: longitudinal DXA studies report roughly 0.5-1 %/y lumbar loss after the menopause, "
                   "less in old age (degenerative change raises measured spine BMD); lower end chosen"),
    Parameter("cb_bmd_age_loss_m", 0.3, "%/y", "warming2002;vitasim_gap",
              "age-related loss of lumbar spine BMD in older men",
              note="uncertain: roughly half the female rate"),
    # vitamin K (inputs k_ucoc_frac, k_ucmgp_rel from the vitamin K module)
    Parameter("cb_ucoc_frac_ref", 0.35, "1", "vitasim_gap",
              "typical uncarboxylated fraction of osteocalcin in older adults (default of input k_ucoc_frac)",
              note="assumption; the vitamin K module defines the actual value"),
    Parameter("cb_k_bmd_eff", 0.4, "1", "knapen2013bmd;mott2019meta;vitasim_gap",
              "fraction of the age-related BMD loss prevented when osteocalcin is fully carboxylated",
              note="evidence grade LOW: Knapen 2013 (MK-7 180 ug/d, 3 y) found a smaller age-related lumbar "
                   "decline without giving numbers we could use; Mott 2019 finds small, inconsistent BMD effects. "
                   "Gives about one third less loss at a halved ucOC fraction; plausible range 0-0.6"),
    Parameter("cb_vci_mgp_beta", 0.5, "1", "kurnatowska2015cac;knapen2015mgp;vitasim_gap",
              "power of relative dp-ucMGP on the calcification drive (central value)",
              note="evidence grade LOW: observational association of dp-ucMGP with calcification; randomised "
                   "MK-7 showed no effect on coronary calcium in CKD (Kurnatowska 2015). Band: 0 (null) to 1"),
    Parameter("cb_ca_supp_k", 1.0, "1/h", "vitasim_gap",
              "transit of supplemental calcium to the absorptive gut compartment",
              note="uncertain (gastric emptying); affects timing within a day only"),
)

COVARIATES = (SEX_FEMALE,)

DERIVED = (
    # The published model has no vitamin D input: we take it to describe the person in steady state at
    # their own measured 25(OH)D, so everyone starts at the published steady state and a change of
    # 25(OH)D (or magnesium) changes 1-alpha-hydroxylase synthesis relative to that baseline.  A
    # deficient person therefore does not drift at t = 0; the size of the effect of a change comes
    # from the saturation (cb_k25_1ahyd): large from 10 to 30 ng/mL, small above 30 ng/mL.
    Derived("cb_vitd_sub_ref", "baseline_25ohd / (cb_k25_1ahyd + baseline_25ohd)", "1",
            "substrate saturation at the person's baseline 25(OH)D"),
    # DEVIATION 7: the parathyroid secretion drive of the person's baseline 25(OH)D, relative to the
    # reference person; measured PTH starts this much above (or below) the published 3.85 pmol/L
    Derived("cb_pth_rel0", "(1 + cb_pth_vd_amp * exp(-baseline_25ohd / cb_pth_vd_k)) / "
                           "(1 + cb_pth_vd_amp * exp(-cb_pth_vd_ref / cb_pth_vd_k))", "1",
            "baseline PTH relative to the reference person (secondary hyperparathyroidism in deficiency)"),
    Derived("cb_k_bmd_age", "(sex_female * cb_bmd_age_loss_f + (1 - sex_female) * cb_bmd_age_loss_m) / 100 / 8766",
            "1/h", "age-related BMD loss rate of this person"),
)

STATES = (
    State("cb_ca_supp", "mmol", "supplemental calcium in the upper gut"),
    State("cb_den_sc", "ng", "denosumab in the subcutaneous depot"),
    State("cb_den_c", "ng", "denosumab in the central compartment"),
    State("cb_den_p", "ng", "denosumab in the peripheral compartment"),
    State("cb_bmd_ls", "1", "lumbar spine BMD relative to baseline from remodelling (Peterson & Riggs 2012)", "1"),
    State("cb_bmd_age", "1", "log of the age-related lumbar BMD factor (vitasim addition)"),
    State("cb_teri_x", "1", "teriparatide anabolic drive: time-averaged teriparatide input relative to 20 ug/d "
                            "(DEVIATION 5)"),
    State("cb_vci", "y", "vascular calcification burden accrued (central effect of dp-ucMGP)"),
    State("cb_vci_lo", "y", "vascular calcification burden accrued (no effect of dp-ucMGP)"),
    State("cb_vci_hi", "y", "vascular calcification burden accrued (strong effect of dp-ucMGP)"),
)

INTERMEDIATES = (
    Intermediate("cb_pth_drive", "(1 + cb_pth_vd_amp * exp(-c25 / cb_pth_vd_k)) / "
                                 "(1 + cb_pth_vd_amp * exp(-cb_pth_vd_ref / cb_pth_vd_k))", "1",
                 "parathyroid secretion drive of the current 25(OH)D relative to the reference person (DEVIATION 7)"),
    Intermediate("cb_vitd_eff", "(c25 / (cb_k25_1ahyd + c25)) / cb_vitd_sub_ref * mg_vitd_factor / mg_vitd_factor0",
                 "1", "1-alpha-hydroxylase synthesis relative to the person's baseline (substrate 25(OH)D, magnesium)"),
    Intermediate("cb_C8vdr", "max(cb_C8 + vdr_25ohd_ctriol_eq, 0)", "pmol/L",
                 "calcitriol plus the calcitriol-equivalent VDR activity of 25(OH)D above baseline (DEVIATION 6)"),
    Intermediate("cb_den_cp", "cb_den_c / cb_den_vc", "ng/mL", "serum denosumab"),
    Intermediate("cb_den_pm", "cb_den_cp / cb_den_mw * 1e9", "pmol/L", "serum denosumab (molar)"),
    Intermediate("cb_ca_supp_abs", "cb_ca_supp_k * cb_ca_supp", "mmol/h", "supplemental calcium reaching the gut"),
    Intermediate("cb_k_mineral", "1 - cb_k_bmd_eff * (cb_ucoc_frac_ref - k_ucoc_frac) / cb_ucoc_frac_ref", "1",
                 "age-related BMD loss relative to typical vitamin K status (carboxylated osteocalcin)"),
    Intermediate("cb_teri_anab", "cb_teri_anab_emax * cb_teri_x / (cb_teri_anab_x50 + cb_teri_x)"
                 " * cb_Osteoblast / cb_OB0", "1",
                 "relative increase of BMD formation by intermittent teriparatide, carried by the osteoblasts "
                 "(proportional to their number, so denosumab, which lowers osteoblasts, blunts it) (DEVIATION 5)"),
    Intermediate("cb_cap_rel", "cb_C1 * cb_C2 / (2.35 * 1.2)", "1", "Ca x PO4 product relative to baseline"),
)

OVERRIDES = (
    Override("cb_T", "- cb_J40 + cb_OralCa*cb_F11", "- cb_J40 + cb_OralCa*cb_F11 + cb_ca_supp_abs*cb_F11",
             "calcium supplement: supplemental calcium enters the absorbable gut pool with the same fractional "
             "availability F11"),
    Override("cb_L", "cb_kinL - cb_koutL*cb_L - cb_k3*cb_RNK*cb_L + cb_k4*cb_M",
             "cb_kinL - cb_koutL*cb_L - cb_k3*cb_RNK*cb_L + cb_k4*cb_M - cb_kdenosl*cb_den_pm*cb_L",
             "denosumab (Peterson & Riggs 2012): removes RANKL"),
)

EQUATIONS = {
    "cb_ca_supp": "-cb_ca_supp_abs",
    "cb_den_sc": "-cb_den_ka * cb_den_sc",
    "cb_den_c": "cb_den_f * cb_den_ka * cb_den_sc - cb_den_cl * cb_den_cp - cb_den_q * (cb_den_cp - cb_den_p / cb_den_vp)"
                " - cb_den_vmax * cb_den_cp / (cb_den_km + cb_den_cp)",
    "cb_den_p": "cb_den_q * (cb_den_cp - cb_den_p / cb_den_vp)",
    # DEVIATION 5: formation also rises with the teriparatide anabolic drive (see cb_teri_anab_emax)
    "cb_bmd_ls": "cb_kout_bmd * (cb_Osteoblast / cb_OB0) ** cb_gam_ob_bmd * (1 + cb_teri_anab)"
                 " - cb_kout_bmd * (cb_OC / cb_OC0) ** cb_gam_oc_bmd * cb_bmd_ls",
    "cb_teri_x": "cb_teri_anab_k * (cb_TERIPK * 24 / cb_teri_ref_dose - cb_teri_x)",
    # age-related loss acts on the set point (a term inside the turnover equation would be undone by it)
    "cb_bmd_age": "-cb_k_bmd_age * cb_k_mineral",
    "cb_vci": "cb_cap_rel * k_ucmgp_rel ** cb_vci_mgp_beta / 8766",
    "cb_vci_lo": "cb_cap_rel / 8766",
    "cb_vci_hi": "cb_cap_rel * k_ucmgp_rel ** (2 * cb_vci_mgp_beta) / 8766",
}

_VCI = ("vascular calcification index: calcification burden accrued since the start, in years of the burden "
        "a reference person (baseline Ca x PO4 product 2.82 mmol2/L2, baseline dp-ucMGP) accrues; "
        "EVIDENCE GRADE LOW for the vitamin K (dp-ucMGP) effect")
OUTPUTS = (
    Output("serum_calcium", "cb_C1", "mmol/L", "serum total calcium", "calcium", "mg/dL"),
    Output("phosphate", "cb_C2", "mmol/L", "serum phosphate (as phosphorus)", "phosphorus", "mg/dL"),
    Output("pth", "cb_C4 * cb_pth_rel0", "pmol/L", "serum intact PTH (measured: the model's PTH times the "
           "baseline secondary-hyperparathyroidism drive, DEVIATION 7)", "pth", "pg/mL"),
    Output("calcitriol", "cb_C8", "pmol/L", "serum 1,25-dihydroxyvitamin D (calcitriol)", "calcitriol", "pg/mL"),
    Output("calcium_absorbed", "cb_J40 * 24 * 40.078", "mg/d", "calcium absorbed from the gut (diet + supplements)"),
    Output("bmd_lumbar_change_pct", "(cb_bmd_ls * exp(cb_bmd_age) - 1) * 100", "%", "change of lumbar spine BMD from the start"),
    Output("vascular_calcification_index", "cb_vci", "y", _VCI),
    Output("vascular_calcification_index_low", "cb_vci_lo", "y", _VCI + " (band: no dp-ucMGP effect)"),
    Output("vascular_calcification_index_high", "cb_vci_hi", "y", _VCI + " (band: strong dp-ucMGP effect)"),
    Output("bone_calcium_exchangeable", "cb_Q", "mmol", "immediately exchangeable bone calcium (model pool Q)"),
    Output("bone_calcium_nonexchangeable", "cb_Qbone", "mmol", "non-immediately exchangeable bone calcium (model pool Qbone)"),
    Output("osteoblasts_rel", "cb_Osteoblast / cb_OB0", "1", "osteoblasts relative to baseline (bone formation, BSAP proxy)"),
    Output("osteoclasts_rel", "cb_OC / cb_OC0", "1", "osteoclasts relative to baseline (bone resorption, CTX proxy)"),
)

SUPPLEMENTS = (
    Supplement("teriparatide", "teriparatide", "cb_TERISC", "pmol", ("teriparatide", "forteo", "pth 1-34", "pth(1-34)"),
               routes=("subcutaneous",), description="teriparatide, PTH(1-34), subcutaneous",
               max_single_dose="80 ug", max_single_dose_source="forteo_label"),
    Supplement("denosumab", "denosumab", "cb_den_sc", "ng", ("denosumab", "prolia"),
               routes=("subcutaneous",), description="denosumab (anti-RANKL antibody), subcutaneous",
               max_single_dose="210 mg", max_single_dose_source="peterson2012"),
    Supplement("calcium", "calcium", "cb_ca_supp", "mmol",
               ("calcium", "calcium carbonate", "calcium citrate", "elemental calcium"),
               description="calcium (dose as elemental calcium)",
               max_single_dose="2500 mg", max_single_dose_source="iom2011"),
)

INPUTS = (
    Input("mg_vitd_factor", "1", "1", "magnesium cofactor effect on 1-alpha-hydroxylation now (1: replete)"),
    Input("mg_vitd_factor0", "1", "1", "the same at the start (1: replete)"),
    Input("k_ucoc_frac", "1", "0.35", "uncarboxylated fraction of osteocalcin (default: cb_ucoc_frac_ref's value)"),
    Input("k_ucmgp_rel", "1", "1", "dp-ucMGP relative to the person's baseline (1: unchanged)"),
    Input("vdr_25ohd_ctriol_eq", "pmol/L", "0",
          "calcitriol-equivalent VDR activity of 25(OH)D above baseline (0: none, as without vitamin D module)"),
    Input("c25", "nmol/L", "baseline_25ohd", "serum total 25(OH)D (without a vitamin D module: stays at baseline)"),
    Input("baseline_25ohd", "nmol/L", "50",
          "serum 25(OH)D at the start (without a vitamin D module its value cancels: c25 stays at baseline, "
          "so cb_vitd_eff is 1 for any value; 50 is the vitamin D module's default, iom2011)"),
)

LITERAL_UNITS = (
    LiteralUnit("calcium_absorbed", 40.078, "g/mol", "molar mass of calcium (pubchem): mmol/h x 24 h/d -> mg/d"),
)
