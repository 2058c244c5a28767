"""Vitamin B12: oral/sublingual/IM dose -> absorbed -> circulating pool -> body store -> markers.

Structure (time in hours; amounts in nmol of cobalamin; serum in pmol/L):

* **Oral and sublingual doses** land in one gut state (sublingual tablets are absorbed like
  swallowed ones: Sharabi 2003, 500 ug/d sublingual vs oral, same serum B12 at 4 weeks).  From
  there B12 is absorbed by two routes in parallel, while the rest leaves with gut transit:
  the intrinsic-factor (IF) route, saturable (Michaelis-Menten in the gut amount), which
  absorbs about half of a 1 ug dose but no more than about 1.5-2.5 ug of any single dose
  (ODS fact sheet; IOM 1998 citing Scott 1997), and passive diffusion of about 1 % of the
  dose (Berlin 1968 via IOM 1998).  Pernicious anaemia removes the IF route; metformin
  lowers it (de Jager 2010).
* **Food B12** is a continuous input: the diet (IOM 1998 median intakes; vegans and
  vegetarians lower, Gilsing 2010) times 50 % absorption with normal gastric function
  (IOM 1998), lowered by what impairs release of B12 from food proteins: atrophic gastritis
  (and, as an expectation, age over 50: 10-30 % of older people malabsorb food B12, IOM 1998),
  proton pump inhibitors and H2 blockers (Lam 2013).  Crystalline B12 (supplements) does not
  need acid-pepsin release, so these do not lower supplement absorption (Baik & Russell 1999).
* **Intramuscular** cyanocobalamin and hydroxocobalamin land in a depot per form; much of a
  large injection exceeds the plasma binding capacity and is lost in urine: saturable retention,
  calibrated per form on Glass 1961 (hydroxocobalamin is retained far better).  Methyl- and
  adenosylcobalamin are offered orally/sublingually only (a methylcobalamin injection is sold
  in Japan, but no retention data were found: a documented gap, so the route is refused).
* Absorbed B12 enters a **circulating pool** (turnover half-life about 6 days) and moves on
  to the **body store** (2-3 mg in adults, IOM 1998), which is lost at about 0.13 %/day
  (Doets 2013 pooled analysis; IOM 1998: 0.1-0.2 %/day).  Without IF the biliary B12 that is
  normally reabsorbed (about 0.7 ug/day, IOM 1998) is lost too.
* **Serum B12** = a store part + a circulating part (both linear, calibrated on Kuzminski
  1998's oral arm and Gilsing 2010's omnivores); **holoTC** is about one quarter of it (Nexo
  2011); **MMA** rises steeply as serum B12 falls (power law calibrated on Kuzminski 1998's
  oral arm, anchored so that the two published deficiency cut-offs, serum B12 148 pmol/L and
  MMA 376 nmol/L, mark the same state).
* **Forms are equivalent once absorbed**: every cobalamin is reduced to the same core and
  converted inside cells to methyl- and adenosylcobalamin in a ratio not set by the form taken
  (Paul & Brady 2017; Kornerup 2018: cyano- and hydroxocobalamin retained alike orally).  So
  oral forms share one absorption model; only the IM retention differs (Glass 1961).

Baseline: a measured serum B12 (or, failing that, holoTC, or MMA) sets the store and the
circulating pool.  The person is then assumed to be in **steady state** on their usual diet: a
measured level already reflects years of their current absorption (medicines included), the
store turns over with a time constant of about two years, and nothing in a profile says when a
medicine was started, so a steady state is the least-assumption start.  The exception is
**pernicious anaemia**: without IF nothing can sustain a store, so there the dietary input is
the mechanistic (passive-only) one and the person starts in the slow decline untreated PA is.
Without any lab, the baseline is the steady state of the mechanistic intake (diet, medicines,
conditions, age), which is how medicines and diet change the prediction.
"""
from vitasim.model import (Condition, Covariate, Derived, Intermediate, Medication, Module, Output, Parameter,
                           State, Supplement)
from vitasim.model.covariates import AGE, SEX_FEMALE
from vitasim.units import Compound, register_compound

for _c in (Compound("cyanocobalamin", 1355.37, None, "pubchem_cyanocobalamin"),
           Compound("methylcobalamin", 1344.38, None, "pubchem_cyanocobalamin"),
           Compound("hydroxocobalamin", 1346.36, None, "pubchem_cyanocobalamin"),
           Compound("adenosylcobalamin", 1579.58, None, "pubchem_cyanocobalamin"),
           Compound("methylmalonic_acid", 118.09, None, "pubchem_cyanocobalamin")):
    register_compound(_c)

_CAL = "vitasim_calibration_b12"  # fitted by calibration/b12.py on calibration data only

PARAMETERS = (
    # --- units and diet -------------------------------------------------------------------
    Parameter("b12_ug_per_nmol", 1.35537, "ug/nmol", "pubchem_cyanocobalamin",
              "mass of one nmol of cobalamin, as cyanocobalamin (molar mass 1355.37 g/mol)"),
    Parameter("b12_diet_men", 5.0, "ug/d", "iom1998", "median B12 intake from food, US men"),
    Parameter("b12_diet_women", 3.5, "ug/d", "iom1998", "median B12 intake from food, US women"),
    Parameter("b12_vegan_factor", 0.43, "1", "gilsing2010",
              "dietary B12 of vegans relative to omnivores",
              note="derived: mean serum B12 of vegans / omnivores (122/281 pmol/L, EPIC-Oxford men), "
                   "assuming steady-state serum B12 proportional to absorbed intake (as in this model)"),
    Parameter("b12_vegetarian_factor", 0.65, "1", "gilsing2010",
              "dietary B12 of lacto-ovo vegetarians relative to omnivores",
              note="derived as b12_vegan_factor from 182/281 pmol/L"),
    # --- absorption ---------------------------------------------------------------------------
    Parameter("b12_f_food", 0.5, "1", "iom1998",
              "fraction of food B12 absorbed with normal gastric function (IOM assumption)"),
    Parameter("b12_f_passive", 0.01, "1", "iom1998;berlin1968",
              "fraction of an oral dose absorbed by passive diffusion (IF-independent)",
              note="about 1 % of a large crystalline dose (Berlin 1968, as cited by IOM 1998 Table 9-2)"),
    Parameter("b12_ktr", 0.3, "1/h", "iom1998;vitasim_gap",
              "gut transit rate of unabsorbed oral B12",
              note="uncertain: set so absorption is over within about 3-4 h as IOM describes; outputs at "
                   "daily resolution are insensitive to it"),
    Parameter("b12_vif", 0.06974, "nmol/h", f"ods_b12;iom1998;{_CAL}",
              "capacity of intrinsic-factor-mediated uptake",
              note="fitted (least squares, kif = vif / 0.7 h): 56 % of a 1 ug dose absorbed (ODS) and 2.0 ug "
                   "absorbed by IF from a 500 ug dose (IOM: 1.5-2.5 ug per meal saturates the ileal "
                   "receptors). One gut compartment cannot meet both: the model absorbs 37 % of 1 ug "
                   "(known miss) and 2.2 ug by IF from 500 ug; 10/25/50 ug give 11/6/4 %"),
    Parameter("b12_kif", 0.09962, "nmol", f"ods_b12;iom1998;{_CAL}",
              "gut B12 amount giving half-maximal IF-mediated uptake", note="fitted with b12_vif"),
    Parameter("b12_ag_food", 0.5, "1", "vitasim_gap",
              "food-B12 absorption with atrophic gastritis relative to normal",
              note="gap: atrophic gastritis impairs release of protein-bound B12 (Baik & Russell 1999) but "
                   "no per-person absorption ratio was found; 0.5 is an assumption"),
    Parameter("b12_ag_prev_old", 0.2, "1", "iom1998",
              "share of people over 50 who malabsorb food B12 (used as an expectation when no diagnosis "
              "is given)", note="IOM 1998: 10-30 %; midpoint"),
    Parameter("b12_age_onset", 50.0, "y", "iom1998", "age from which food-bound malabsorption is expected"),
    Parameter("b12_ppi_food", 0.922, "1", f"lam2013;dejager2010;{_CAL}",
              "food-B12 absorption with a proton pump inhibitor relative to none",
              note="derived (calibration/b12.py): Lam 2013 OR 1.65 for deficiency after >= 2 y, with a "
                   "6 % baseline prevalence (Chan 2016) and a log-normal serum B12 with SD 0.33 (implied "
                   "by de Jager 2010's -19 % shift moving deficiency from 2.7 % to 9.9 %)"),
    Parameter("b12_h2_food", 0.965, "1", f"lam2013;dejager2010;{_CAL}",
              "food-B12 absorption with an H2 blocker relative to none", note="as b12_ppi_food, OR 1.25"),
    Parameter("b12_met_if", 0.788, "1", f"dejager2010;{_CAL}",
              "intrinsic-factor-mediated absorption with metformin relative to none",
              note="derived: -19 % serum B12 vs placebo after 4.3 y (de Jager 2010) is 87 % of the way to "
                   "the new steady state with this model's store turnover, so -22 % at steady state"),
    Parameter("b12_bile", 1.4, "ug/d", "iom1998", "biliary B12 secretion (El Kholty 1991, via IOM 1998)"),
    Parameter("b12_bile_reabs", 0.5, "1", "iom1998",
              "share of biliary B12 reabsorbed with intrinsic factor (IOM assumption)"),
    Parameter("b12_store_ref", 2500.0, "ug", "iom1998", "typical adult body store (most estimates 2-3 mg)"),
    # --- intramuscular -------------------------------------------------------------------------
    Parameter("b12_kren", 0.02, "1/h", "glass1961;skouby1964;vitasim_gap",
              "urinary loss of injected B12 not bound/retained",
              note="uncertain time scale (most of the loss is within 24 h, Skouby 1964); retained "
                   "fractions are what matters and are fitted with it"),
    Parameter("b12_vret_cn", 3.713, "nmol/h", f"glass1961;{_CAL}",
              "retention capacity of injected cyanocobalamin",
              note="fitted: 40 % of 500 ug and 31 % of 1000 ug retained (60/69 % lost in 72 h urine); "
                   "gives 55 % of 100 ug"),
    Parameter("b12_kret_cn", 118.2, "nmol", f"glass1961;{_CAL}", "half-saturation of CN-B12 retention"),
    Parameter("b12_vret_oh", 21.44, "nmol/h", f"glass1961;{_CAL}",
              "retention capacity of injected hydroxocobalamin",
              note="fitted with vret/kret <= 0.5/h: 83 % of 500 ug and 74 % of 1000 ug retained (observed 84/73 "
                   "%: 16/27 % lost in 72 h urine)"),
    Parameter("b12_kret_oh", 42.88, "nmol", f"glass1961;{_CAL}", "half-saturation of OH-B12 retention"),
    # --- pools -----------------------------------------------------------------------------------
    Parameter("b12_t_half_circ", 6.0, "d", "wiki_b12;vitasim_gap",
              "half-life of the circulating pool (transit to the store)",
              note="uncertain: 'about 6 days' for serum B12 is a secondary (encyclopaedic) figure; the "
                   "4-week rise of Sharabi 2003 validates it"),
    Parameter("b12_kloss", 0.0013, "1/d", "doets2013;iom1998",
              "daily loss from the body store (0.13 +- 0.03 %/day, pooled, 52 subjects)",
              cv=0.23, cv_source="doets2013", note="cv = SD/mean of the pooled estimate (0.03/0.13)"),
    Parameter("b12_cs", 0.15245, "pmol/L per nmol", f"kuzminski1998;gilsing2010;{_CAL}",
              "serum B12 per nmol in the body store"),
    Parameter("b12_cp", 3.7065, "pmol/L per nmol", f"kuzminski1998;gilsing2010;{_CAL}",
              "serum B12 per nmol in the circulating pool"),
    # --- markers -------------------------------------------------------------------------------
    Parameter("b12_f_tc", 0.25, "1", "nexo2011",
              "holotranscobalamin share of serum B12 (about one quarter)"),
    Parameter("b12_cut_serum", 148.0, "pmol/L", "bailey2011",
              "serum B12 deficiency cut-off (200 pg/mL)"),
    Parameter("b12_cut_mma", 376.0, "nmol/L", "bailey2011", "MMA deficiency cut-off"),
    Parameter("b12_mma_floor", 168.5, "nmol/L", f"kuzminski1998;{_CAL}",
              "MMA with replete B12 (older adults)",
              note="Kuzminski 1998 normal range 73-271 nmol/L; NHANES older adults' geometric mean 197"),
    Parameter("b12_mma_n", 3.741, "1", f"kuzminski1998;bailey2011;{_CAL}",
              "steepness of the MMA rise as serum B12 falls",
              note="MMA = floor + (376 - floor) * (148/serum)^n: fitted on Kuzminski 1998's oral arm "
                   "(baseline 93 pg/mL with MMA 3850 nmol/L), anchored at the two cut-offs (assumption)"),
    Parameter("b12_sd_serum", 0.15, "1", "vitasim_gap",
              "log-scale SD of a serum B12 measurement around the person's true level (assay + "
              "within-person)",
              note="gap: no verified within-person biological variation found; 15 % assumed"),
    Parameter("b12_sd_mma", 0.33, "1", "hvas2001",
              "log-scale SD of repeated MMA measurements in one person (CV 34 %, 1-4 years apart)"),
)

COVARIATES = (
    AGE,
    SEX_FEMALE,
    Covariate("b12_ppi", "1", 0.0, 0.0, 1.0, "lam2013", "takes a proton pump inhibitor", medication_class="ppi"),
    Covariate("b12_h2", "1", 0.0, 0.0, 1.0, "lam2013", "takes an H2 blocker", medication_class="h2_blocker"),
    Covariate("b12_metformin", "1", 0.0, 0.0, 1.0, "dejager2010", "takes metformin", medication_class="metformin"),
    Covariate("b12_pa", "1", 0.0, 0.0, 1.0, "iom1998", "has pernicious anaemia", condition="pernicious_anaemia"),
    Covariate("b12_ag", "1", 0.0, 0.0, 1.0, "baik1999", "has atrophic gastritis", condition="atrophic_gastritis"),
    Covariate("b12_vegan", "1", 0.0, 0.0, 1.0, "gilsing2010", "eats a vegan diet", condition="vegan"),
    Covariate("b12_vegetarian", "1", 0.0, 0.0, 1.0, "gilsing2010", "eats a vegetarian diet", condition="vegetarian"),
    # Labs default to 0, which means "not measured": the model reads min(1, value) as "was measured"
    # (any real result is >= 1 in these units).  The shared machinery has no "given" flag and wants
    # low <= default, so 0 is also accepted as input and then means "not measured" (see module notes).
    Covariate("baseline_b12", "pmol/L", 0.0, 0.0, 20000.0, "bailey2011",
              "measured serum B12 at the start (absent: the model's own steady state)",
              lab="b12", compound="cyanocobalamin",
              lab_synonyms=("vitamin b12", "serum b12", "b-12", "cobalamin", "vit b12", "serum cobalamin")),
    Covariate("baseline_holotc", "pmol/L", 0.0, 0.0, 5000.0, "nexo2011",
              "measured holotranscobalamin ('active B12') at the start", lab="holotc", compound="cyanocobalamin",
              lab_synonyms=("holo-tc", "holotranscobalamin", "active b12", "holo tc")),
    Covariate("baseline_mma", "nmol/L", 0.0, 0.0, 500000.0, "bailey2011",
              "measured methylmalonic acid at the start", lab="mma", compound="methylmalonic_acid",
              lab_synonyms=("methylmalonic acid", "methylmalonic_acid", "s-mma", "p-mma")),
)

DERIVED = (
    Derived("b12_nmol_per_ugd", "1 / (b12_ug_per_nmol * 24)", "nmol/h per ug/d", "unit helper"),
    Derived("b12_kpas", "b12_f_passive / (1 - b12_f_passive) * b12_ktr", "1/h",
            "passive absorption rate: kpas/(ktr+kpas) = b12_f_passive"),
    Derived("b12_kp", "log(2) / (b12_t_half_circ * 24)", "1/h", "circulating pool -> store"),
    Derived("b12_kloss_h", "b12_kloss / 24 + b12_pa * b12_bile * b12_bile_reabs / b12_store_ref / 24", "1/h",
            "loss from the store (plus lost biliary B12 without intrinsic factor)"),
    Derived("b12_diet", "(b12_diet_men - (b12_diet_men - b12_diet_women) * sex_female) * "
                        "min(1 - b12_vegan * (1 - b12_vegan_factor), 1 - b12_vegetarian * (1 - b12_vegetarian_factor))",
            "ug/d", "B12 intake from food"),
    Derived("b12_ag_p", "max(b12_ag, b12_ag_prev_old * min(1, max(0, (age - b12_age_onset) / 10)))", "1",
            "probability of food-bound malabsorption (1 with a diagnosis; an age-based expectation otherwise)"),
    Derived("b12_release", "(1 - b12_ag_p * (1 - b12_ag_food)) * (1 - b12_ppi * (1 - b12_ppi_food)) "
                           "* (1 - b12_h2 * (1 - b12_h2_food))", "1", "release of B12 from food proteins"),
    Derived("b12_if_fac", "(1 - b12_pa) * (1 - b12_metformin * (1 - b12_met_if))", "1",
            "intrinsic-factor route relative to normal"),
    Derived("b12_food_in", "b12_diet * (b12_f_food * b12_release * b12_if_fac + b12_f_passive) * b12_nmol_per_ugd",
            "nmol/h", "absorbed food B12 (mechanistic)"),
    Derived("b12_c_mech", "b12_cs * b12_food_in / b12_kloss_h + b12_cp * b12_food_in / b12_kp", "pmol/L",
            "steady-state serum B12 of the mechanistic intake"),
    Derived("b12_has_b12", "min(1, baseline_b12)", "1", "serum B12 measured"),
    Derived("b12_has_tc", "min(1, baseline_holotc)", "1", "holoTC measured"),
    Derived("b12_has_mma", "min(1, baseline_mma)", "1", "MMA measured"),
    Derived("b12_c_from_mma", "b12_cut_serum * ((b12_cut_mma - b12_mma_floor) / max(baseline_mma - b12_mma_floor, "
                              "0.01 * (b12_cut_mma - b12_mma_floor))) ** (1 / b12_mma_n)", "pmol/L",
            "serum B12 implied by a measured MMA (inverse of the MMA curve)"),
    Derived("b12_w_tc", "b12_has_tc * (1 - b12_has_b12)", "1", "baseline from holoTC"),
    Derived("b12_w_mma", "b12_has_mma * (1 - b12_has_b12) * (1 - b12_has_tc)", "1", "baseline from MMA"),
    Derived("b12_c0", "b12_has_b12 * baseline_b12 + b12_w_tc * baseline_holotc / b12_f_tc + b12_w_mma * b12_c_from_mma"
                      " + (1 - b12_has_b12 - b12_w_tc - b12_w_mma) * b12_c_mech", "pmol/L", "baseline serum B12"),
    Derived("b12_s0", "max(b12_c0 - b12_cp / b12_kp * b12_pa * b12_food_in, 0.05 * b12_c0) / "
                      "(b12_cs + b12_cp / b12_kp * (1 - b12_pa) * b12_kloss_h)", "nmol", "baseline body store"),
    Derived("b12_diet_in", "(1 - b12_pa) * b12_kloss_h * b12_s0 + b12_pa * b12_food_in", "nmol/h",
            "absorbed food B12 used in the simulation (steady state, except in pernicious anaemia)"),
    Derived("b12_mma_at_c0", "b12_mma_floor + (b12_cut_mma - b12_mma_floor) * (b12_cut_serum / b12_c0) ** b12_mma_n",
            "nmol/L", "MMA the curve gives at the baseline serum B12"),
    Derived("b12_mma_fac", "min(10, max(0.2, b12_has_mma * (b12_has_b12 + b12_w_tc) * baseline_mma / b12_mma_at_c0"
                           " + 1 - b12_has_mma * (b12_has_b12 + b12_w_tc)))", "1",
            "the person's own MMA relative to the curve (kidney function and other causes), when both measured"),
    Derived("b12_tc_fac", "min(5, max(0.2, b12_has_tc * b12_has_b12 * baseline_holotc / (b12_f_tc * b12_c0)"
                          " + 1 - b12_has_tc * b12_has_b12))", "1",
            "the person's own holoTC share relative to the typical one, when both measured"),
)

STATES = (
    State("b12_gut", "nmol", "oral/sublingual B12 not yet absorbed"),
    State("b12_im_cn", "nmol", "injected cyanocobalamin not yet retained or excreted"),
    State("b12_im_oh", "nmol", "injected hydroxocobalamin not yet retained or excreted"),
    State("b12_circ", "nmol", "circulating (recently absorbed) B12", "b12_diet_in / b12_kp"),
    State("b12_store", "nmol", "body store of B12 (liver and tissues)", "b12_s0"),
)

INTERMEDIATES = (
    Intermediate("b12_if_up", "b12_vif * b12_if_fac * b12_gut / (b12_kif + b12_gut)", "nmol/h",
                 "intrinsic-factor-mediated uptake"),
    Intermediate("b12_ret_cn", "b12_vret_cn * b12_im_cn / (b12_kret_cn + b12_im_cn)", "nmol/h",
                 "retention of injected cyanocobalamin"),
    Intermediate("b12_ret_oh", "b12_vret_oh * b12_im_oh / (b12_kret_oh + b12_im_oh)", "nmol/h",
                 "retention of injected hydroxocobalamin"),
    Intermediate("b12_c", "b12_cs * b12_store + b12_cp * b12_circ", "pmol/L", "serum B12"),
    Intermediate("b12_mma_c", "b12_mma_fac * (b12_mma_floor + (b12_cut_mma - b12_mma_floor) * "
                              "(b12_cut_serum / max(b12_c, 1)) ** b12_mma_n)", "nmol/L", "methylmalonic acid"),
    Intermediate("b12_z1", "log(b12_cut_serum / max(b12_c, 1)) / b12_sd_serum", "1",
                 "standardised distance of serum B12 below the cut-off"),
    Intermediate("b12_z2", "log(b12_mma_c / b12_cut_mma) / b12_sd_mma", "1",
                 "standardised distance of MMA above the cut-off"),
)

EQUATIONS = {
    "b12_gut": "-(b12_ktr + b12_kpas) * b12_gut - b12_if_up",
    "b12_im_cn": "-b12_kren * b12_im_cn - b12_ret_cn",
    "b12_im_oh": "-b12_kren * b12_im_oh - b12_ret_oh",
    "b12_circ": "b12_if_up + b12_kpas * b12_gut + b12_ret_cn + b12_ret_oh + b12_diet_in - b12_kp * b12_circ",
    "b12_store": "b12_kp * b12_circ - b12_kloss_h * b12_store",
}

# Normal CDF: logistic approximation of Bowling et al. 2009 (max abs error 1.4e-4).
_PHI = "1 / (1 + exp(-(0.07056 * {z} ** 3 + 1.5976 * {z})))"

OUTPUTS = (
    Output("b12_serum", "b12_c", "pmol/L", "serum total vitamin B12 (cobalamin)", "cyanocobalamin", "pg/mL"),
    Output("holotc", "b12_f_tc * b12_tc_fac * b12_c", "pmol/L", "holotranscobalamin ('active B12'), a fixed "
           "share of serum B12", None, "pmol/L"),
    Output("mma", "b12_mma_c", "nmol/L", "serum methylmalonic acid", None, "nmol/L"),
    Output("b12_store", "b12_store * b12_ug_per_nmol", "ug", "body store of B12", None, "mg"),
    Output("b12_deficiency_probability",
           "100 * (1 - (1 - " + _PHI.format(z="b12_z1") + ") * (1 - " + _PHI.format(z="b12_z2") + "))", "%",
           "probability (%) that a blood test now would show deficiency: serum B12 < 148 pmol/L or MMA > "
           "376 nmol/L (Bailey 2011), given the predicted levels and measurement variability", None, "%"),
)

_MAX = "10000 ug"  # beyond the largest tablets sold (6000 ug sublingual) and IM vials (1000 ug/mL)
_IM = ("oral", "sublingual", "intramuscular")

SUPPLEMENTS = (
    Supplement("cyanocobalamin", "cyanocobalamin", "b12_gut", "nmol",
               ("vitamin b12", "b12", "vit b12", "cobalamin", "cyanocobalamin", "cyano b12", "cncbl",
                "vitamin b 12"),
               routes=_IM, route_states=(("intramuscular", "b12_im_cn"),),
               description="cyanocobalamin; 'vitamin B12', 'B12' and 'cobalamin' are read as cyanocobalamin, the "
                           "usual supplement form. Oral, sublingual and intramuscular (injection) exist.",
               max_single_dose=_MAX, max_single_dose_source="drugs_com_cyanocobalamin"),
    Supplement("hydroxocobalamin", "hydroxocobalamin", "b12_gut", "nmol",
               ("hydroxocobalamin", "hydroxycobalamin", "hydroxo b12", "ohcbl", "hocbl"),
               routes=_IM, route_states=(("intramuscular", "b12_im_oh"),),
               description="hydroxocobalamin: oral, sublingual and intramuscular (the usual UK injection)",
               max_single_dose=_MAX, max_single_dose_source="drugs_com_cyanocobalamin"),
    Supplement("methylcobalamin", "methylcobalamin", "b12_gut", "nmol",
               ("methylcobalamin", "mecobalamin", "methyl b12", "mecbl"),
               routes=("oral", "sublingual"),
               description="methylcobalamin: oral and sublingual (no injection modelled: no retention data)",
               max_single_dose=_MAX, max_single_dose_source="drugs_com_cyanocobalamin"),
    Supplement("adenosylcobalamin", "adenosylcobalamin", "b12_gut", "nmol",
               ("adenosylcobalamin", "cobamamide", "dibencozide", "adenosyl b12", "coenzyme b12", "adocbl"),
               routes=("oral", "sublingual"),
               description="adenosylcobalamin (cobamamide, dibencozide): oral and sublingual only",
               max_single_dose=_MAX, max_single_dose_source="drugs_com_cyanocobalamin"),
)

MEDICATIONS = (
    Medication("omeprazole", ("ppi",), ("prilosec", "losec"), "lam2013"),
    Medication("esomeprazole", ("ppi",), ("nexium",), "lam2013"),
    Medication("lansoprazole", ("ppi",), ("prevacid", "zoton"), "lam2013"),
    Medication("dexlansoprazole", ("ppi",), ("dexilant",), "lam2013"),
    Medication("pantoprazole", ("ppi",), ("protonix", "protium"), "lam2013"),
    Medication("rabeprazole", ("ppi",), ("aciphex", "pariet"), "lam2013"),
    Medication("famotidine", ("h2_blocker",), ("pepcid",), "lam2013"),
    Medication("ranitidine", ("h2_blocker",), ("zantac",), "lam2013"),
    Medication("cimetidine", ("h2_blocker",), ("tagamet",), "lam2013"),
    Medication("nizatidine", ("h2_blocker",), ("axid",), "lam2013"),
    Medication("metformin", ("metformin",), ("glucophage", "glumetza", "fortamet", "riomet"), "dejager2010"),
)

CONDITIONS = (
    Condition("pernicious_anaemia", ("pernicious anemia", "pernicious anaemia", "pa", "addisonian anaemia",
                                     "addisonian anemia"),
              "autoimmune loss of intrinsic factor: no IF-mediated B12 absorption", "iom1998"),
    Condition("atrophic_gastritis", ("atrophic gastritis", "chronic atrophic gastritis",
                                     "food cobalamin malabsorption"),
              "low acid-pepsin secretion: food-bound B12 poorly released", "baik1999"),
    Condition("vegan", ("vegan diet",), "no animal foods: little dietary B12", "gilsing2010"),
    Condition("vegetarian", ("vegetarian diet", "lacto ovo vegetarian", "lacto-ovo vegetarian"),
              "no meat or fish: less dietary B12", "gilsing2010"),
    Condition("peripheral_neuropathy", ("peripheral neuropathy", "neuropathy", "tingling feet", "tingling",
                                        "numbness", "numb feet", "pins and needles", "paresthesia",
                                        "paraesthesia", "burning feet"),
              "neurological symptoms that B12 deficiency can cause", "stabler2013"),
)

MODULE = Module(
    name="b12",
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
