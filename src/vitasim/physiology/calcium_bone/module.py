"""Calcium homeostasis and bone remodelling: the Peterson & Riggs (2010) model, coupled to vitamins D and K.

Structure (time in hours): plasma Ca and PO4 (14 L), gut Ca/PO4, PTH and the parathyroid gland
(pool S, capacity PTmax), renal 1-alpha-hydroxylase and calcitriol, calcitriol-dependent gut
absorption, renal Ca/PO4 handling (GFR), exchangeable and non-exchangeable bone Ca, osteoblasts
(responding, fast, slow), osteoclasts, RANK/RANKL/OPG, latent/active TGF-beta, RUNX2/CREB/BCL2.

Provenance: the block between the GENERATED markers was produced by tools/sbml_to_module.py from
BioModels BIOMD0000000613 (CC0; Peterson & Riggs, Bone 2010;46:49-63) and edited only where a
comment "DEVIATION" says so.  Names keep the SBML's (prefixed ``cb_``) so every line can be
checked against the SBML; literal constants inside expressions (2.35 mM Ca, 3.85 pM PTH, 90 pM
calcitriol, 1.2 mM PO4, 0.464 mmol PO4 per mmol Ca in bone, ...) are the SBML's own baseline
values.  tests/validation/test_calcium_bone.py simulates the same scenarios in libroadrunner on
the (corrected) SBML and compares trajectories.

Deliberate deviations from BIOMD0000000613 (each marked DEVIATION below):
1. INparenCtriol uses the baseline calcitriol (90 pM) as in the paper and OpenBoneMin; the SBML
   uses the current C8, which makes CtriolPTeff identically 1 (the calcitriol -> PT-gland
   capacity feedback is switched off).
2. GFR comes from the person's eGFR (GFR = 6 L/h at 100 mL/min/1.73 m2, the SBML value).
3. 1-alpha-hydroxylase synthesis (SE) is scaled by its substrate, serum 25(OH)D from the vitamin D
   module (saturable, 1 at the reference 25(OH)D 75 nmol/L, so the published steady state is kept
   there), and by the magnesium cofactor ``mg_vitd_factor`` where a magnesium module exists.
4. The teriparatide dose event of the SBML (3 doses of 20 ug by default) is a Supplement here.
5. Lumbar BMD (not in the SBML): with the published denosumab-fitted BMD equation daily teriparatide
   lost bone (the cell model raises osteoclasts more than osteoblasts under teriparatide, and under
   denosumab teriparatide does not raise osteoblasts at all).  BMD formation gets a teriparatide
   anabolic factor (time-averaged drug input, saturable, proportional to osteoblast number) and the
   BMD parameters are refitted with the age-related loss included (calibration/calcium_bone.py).
6. Vitamin D intoxication: calcitriol-dependent gut absorption (T36/T37) and renal calcium
   reabsorption (T10), the model's two VDR actions on calcium entering the blood, see calcitriol plus the
   calcitriol-equivalent VDR activity of 25(OH)D above the person's baseline (input
   ``vdr_25ohd_ctriol_eq`` from the vitamin D module, 0 without it; Heaney 1997, Tebben 2016).
   Osteoblast RANKL production and OPG suppression (the model's PTH-driven resorption signal) see
   PTH plus the same relative VDR activity (``cb_vdr_rankl_rel``), because calcitriol drives
   resorption through RANKL too (Raisz 1972, Suda 2003).  Without this bone term the model buffers
   any absorbed excess by renal excretion (serum Ca 2.42 mmol/L after a year at 25(OH)D 1100 nmol/L).
   The parathyroid-gland calcitriol terms are left on calcitriol alone (see that input's note).
Additions from the published model family not in the SBML (Peterson & Riggs 2012, described in
research note bone_model.md 1.2-1.3, implemented from those equations): denosumab PK and its
effect on RANKL, lumbar-spine BMD.  Additions of vitasim: an age-related BMD loss term, vitamin K
effects (carboxylated osteocalcin on mineralisation, uncarboxylated MGP on a vascular
calcification index), a calcium supplement route.
"""
from vitasim.model import Covariate, Derived, Intermediate, Module, Output, Parameter, State, Supplement
from vitasim.units import Compound, register_compound

_SRC = "peterson2010;biomodels613"

register_compound(Compound("calcium", 40.078, None, "pubchem"))
register_compound(Compound("phosphorus", 30.974, None, "pubchem"))  # serum phosphate is reported as P
register_compound(Compound("pth", 9425.0, None, "uniprot_pth"))   # PTH(1-84)
register_compound(Compound("teriparatide", 4117.8, None, "forteo_label"))
register_compound(Compound("denosumab", 147000.0, None, "prolia_label"))

# ---- GENERATED (tools/sbml_to_module.py) --------------------------------------------------
_SBML_PARAMETERS = (
    Parameter('cb_Pic0', 0.228142, '1', _SRC, 'πc0 in paper'),
    Parameter('cb_FracOBfast', 0.797629, '1', _SRC, 'φ17a in paper Fraction of OB with fast decay kinetics'),
    Parameter('cb_k3', 6.24e-06, '1/h', _SRC, 'k21-24 in paper Assocation rate constant for RANK and RANKL'),
    Parameter('cb_k4', 0.112013, '1/h', _SRC, 'k24-21 in paper Dissocation rate constant for RANK-RANKL'),
    Parameter('cb_k1', 6.24e-06, '1/h', _SRC, 'k21-24 in paper Assocation rate constant for OPG and RANKL'),
    Parameter('cb_k2', 0.112013, '1/h', _SRC, 'k24-21 in paper Dissocation rate constant for OPG-RANKL'),
    Parameter('cb_V1', 14.0, 'L', _SRC, 'Vvasc in paper Vasculature volume: 14 l'),
    Parameter('cb_CaDay', 88.0, 'mmol/d', _SRC, 'Daily Ca intake'),
    Parameter('cb_FracJ14', 0.107763, '1', _SRC, 'φ12–4 in paper'),
    Parameter('cb_J14OCmax', 0.543488, '1', _SRC, 'Hyperbolic parameter'),
    Parameter('cb_J14OCgam', 1.6971, '1', _SRC, 'γ18,12–4 in paper'),
    Parameter('cb_FracJ15', 0.114376, '1', _SRC, 'φ4–12 in paper'),
    Parameter('cb_kinRNKgam', 0.151825, '1', _SRC, 'α20,21 in paper RNK production constant'),
    Parameter('cb_koutRNK', 0.00323667, '1/h', _SRC, 'k21D in paper RNK degradation constant'),
    Parameter('cb_MOCratioGam', 0.603754, '1', _SRC, 'γ24,12–4 in paper'),
    Parameter('cb_Da', 0.029166666666666664, '1/h', _SRC, 'Basal osteoclast maturation and apoptosis rate? Given as 0.7/24 in model.'),
    Parameter('cb_OBtgfGAM', 0.0111319, '1', _SRC, 'α17,19S in paper'),
    Parameter('cb_koutTGF0', 2.98449e-05, '1/h', _SRC, 'k19-20 in paper'),
    Parameter('cb_OCtgfGAM', 0.593891, '1', _SRC, 'γ18,19–20 in paper'),
    Parameter('cb_EmaxPicROB', 3.9745, '1', _SRC, 'Hyperbolic parameter'),
    Parameter('cb_PicROBgam', 1.80968, '1', _SRC, 'H+20,16 γ in paper Hyperbolic parameter'),
    Parameter('cb_FracPicROB', 0.883824, '1', _SRC, 'FracPicROB'),
    Parameter('cb_PicOBgam', 0.122313, '1', _SRC, 'H+20,17 γ in paper Hyperbolic parameter'),
    Parameter('cb_FracPicOB', 0.000244818, '1', _SRC, 'FracPicOB'),
    Parameter('cb_EmaxPicOB', 0.251636, '1', _SRC, 'H+20,17 α in paper Hyperbolic parameter'),
    Parameter('cb_E0Meff', 0.388267, '1', _SRC, 'H+24,18S ρ in paper Hyperbolic parameter'),
    Parameter('cb_EmaxMeffOC', 3.15667, '1', _SRC, 'EmaxMeffOC'),
    Parameter('cb_kinOCgam', 8.53065, '1', _SRC, 'H+24,18S γ in paper Hyperbolic parameter'),
    Parameter('cb_EmaxPicOC', 1.9746, '1', _SRC, 'EmaxPicOC'),
    Parameter('cb_FracPicOC', 0.878215, '1', _SRC, 'FracPicOC'),
    Parameter('cb_PicOCgam', 1.0168, '1', _SRC, 'H+20,18D γ in paper Hyperbolic parameter'),
    Parameter('cb_E0RANKL', 3.80338, '1', _SRC, 'H-22,18D α in paper Hyperbolic parameter'),
    Parameter('cb_EmaxL', 0.469779, '1', _SRC, 'H-22,18D ρ in paper Hyperbolic parameter'),
    # DEVIATION 2: GFR is per person (Derived cb_GFR); this is its value at egfr = cb_egfr_ref
    Parameter('cb_GFR_ref', 5.9998800023999515, 'L/h', _SRC, 'glomerular filtration rate at baseline (100/16.667: 100 mL/min)'),
    Parameter('cb_T16', 1.06147, '1', _SRC, 'H7,4-u α in paper Hyperbolic parameter'),
    Parameter('cb_T64', 0.05, '1/h', _SRC, 'k9D in paper 1-alpha hydroxylase degradation constant'),
    Parameter('cb_T65', 6.3, 'pmol/h per h', _SRC, 'k9S in paper 1-alpha hydroxylase production constant'),
    Parameter('cb_T67', 1.54865, 'pmol/L', _SRC, 'H7,9 δ in paper Hyperbolic parameter'),
    Parameter('cb_AlphOHgam', 0.111241, '1', _SRC, 'H7,9 γ in paper Hyperbolic parameter'),
    Parameter('cb_k14a', 2.44437e-05, '1/h', _SRC, 'k15-14 in paper transfer between phos IC and phos EC in the bone'),
    Parameter('cb_HApMRT', 3.60609, 'h', _SRC, 'HApMRT'),
    Parameter('cb_koutL', 0.00293273, '1/h', _SRC, 'k22D in paper Degradation constant of RANKL'),
    Parameter('cb_OsteoEffectGam', 0.173833, '1', _SRC, 'α17,22 in paper'),
    Parameter('cb_TESTPOWER', 1.0, '1', _SRC, 'TESTPOWER'),
    Parameter('cb_opgPTH50', 3.85, 'pmol/L', _SRC, 'δ7,23 in paper'),
    Parameter('cb_IO', 0.0, '1', _SRC, 'IO'),
    Parameter('cb_RX2Kout0', 0.693, '1/h', _SRC, 'k28D in paper'),
    Parameter('cb_E0rx2Kout', 0.125, '1/h', _SRC, 'H+7,26D ρ in paper Hyperbolic parameter'),
    Parameter('cb_EmaxPTHRX2x', 5.0, '1/h', _SRC, 'EmaxPTHRX2x'),
    Parameter('cb_E0crebKin', 0.5, '1', _SRC, 'H+7,27S ρ in paper Hyperbolic parameter'),
    Parameter('cb_EmaxPTHcreb', 3.39745, '1', _SRC, 'EmaxPTHcreb'),
    Parameter('cb_crebKout', 0.00279513, '1/h', _SRC, 'k27D in paper CREB degradation constant'),
    Parameter('cb_bcl2Kout', 0.693, '1/h', _SRC, 'k28D in paper BLC2 degradation constant'),
    Parameter('cb_ScaEffGam', 0.9, '1', _SRC, 'H1–4 α in paper Hyperbolic Parameter'),
    Parameter('cb_PhosEff0', 1.52493, '1', _SRC, 'H-5,9 α in paper Hyperbolic Parameter'),
    Parameter('cb_PhosEff50', 1.3021, 'mmol/L', _SRC, 'H-5,9 δ in paper Hyperbolic Parameter'),
    Parameter('cb_PhosEffGam', 8.25229, '1', _SRC, 'H-5,9 γ in paper Hyperbolic Parameter'),
    Parameter('cb_PO4inhPTHgam', 0.0, '1', _SRC, 'PO4inhPTHgam'),
    Parameter('cb_T69', 0.1, '1/h', _SRC, 'k6D in paper Calcitriol degradation constant'),
    Parameter('cb_Reabs50', 1.57322, 'mmol/L', _SRC, 'H4-u δ in paper Hyperbolic parameterReabsorption EC50'),
    Parameter('cb_T7', 2.0, '1', _SRC, 'H6,4 α in paper Hyperbolic parameter'),
    Parameter('cb_T9', 90.0, 'pmol/L', _SRC, 'H6,4 δ in paper Hyperbolic parameter'),
    Parameter('cb_T70', 0.01, '1/h', _SRC, 'α10 in paper'),
    Parameter('cb_T71', 0.03, 'L/pmol', _SRC, 'bT6&apos;4 in paper'),
    Parameter('cb_T33', 0.003, '1/h', _SRC, 'H±6,2 ρ in paper Hyperbolic parameter'),
    Parameter('cb_T34', 0.037, '1/h', _SRC, 'H±6,2 α in paper Hyperbolic parameter'),
    Parameter('cb_T35', 90.0, 'pmol/L', _SRC, 'H±6,2 δ in paper Hyperbolic parameter'),
    Parameter('cb_CaPOgam', 1.0, '1', _SRC, 'CaPOgam'),
    Parameter('cb_T46', 1.142, 'mmol/L', _SRC, 'φ5-u in paper'),
    Parameter('cb_T52', 0.365, '1/h', _SRC, 'k3–5 in paper'),
    Parameter('cb_OralPhos', 0.4375, 'mmol/h', _SRC, 'Hourly phosphate intake'),
    Parameter('cb_F12', 0.7, '1', _SRC, 'F3 in paper Bioavailability of phosphate?'),
    Parameter('cb_T49', 51.8, 'L/h', _SRC, 'k5–8 in paper'),
    Parameter('cb_T55', 0.019268, '1/h', _SRC, 'k8–5 in paper'),
    Parameter('cb_PicOBgamkb', 2.92375, '1', _SRC, 'H-20,17D γ in paper Hyperbolic parameter'),
    Parameter('cb_MultPicOBkb', 3.11842, '1', _SRC, 'MultPicOBkb'),
    Parameter('cb_FracPic0kb', 0.764028, '1', _SRC, 'FracPic0kb'),
    Parameter('cb_E0RUNX2kbEffFACT', 1.01, '1', _SRC, 'φ28,k17D in paper'),
    Parameter('cb_RUNkbGAM', 3.67798, '1', _SRC, 'RUNkbGAM'),
    Parameter('cb_RUNkbMaxFact', 0.638114, '1', _SRC, 'RUNkbMaxFact'),
    Parameter('cb_RUNX20', 10.0, '1', _SRC, 'RunX2 initial value'),
    Parameter('cb_Frackb', 0.313186, '1', _SRC, 'φk17D in paper'),
    Parameter('cb_T81', 0.75, '1', _SRC, 'H+2,1 δ in paper ORδ2,1 in paper'),
    Parameter('cb_T87', 0.0495, '1/h', _SRC, 'k1–4 in paper'),
    Parameter('cb_T0', 1.58471, 'mmol', _SRC, 'T0'),
    Parameter('cb_T28', 0.9, '1/h', _SRC, 'H1–4 α in paper Hyperbolic parameter'),
    Parameter('cb_OralCa', 1.0022916666666666, 'mmol/h', _SRC, 'Hourly calcium intake'),
    Parameter('cb_T77', 0.909359, '1', _SRC, 'T77'),
    Parameter('cb_T80', 4.0, '1', _SRC, 'H+2,1 γ in paper Hyperbolic parameter'),
    Parameter('cb_CtriolPTgam', 12.5033, '1', _SRC, 'H-6,11 γ in paper Hyperbolic parameter'),
    Parameter('cb_CtriolMax', 4.1029, '1', _SRC, 'H-6,11 α in paper Hyperbolic parameter'),
    Parameter('cb_CtriolMin', 0.9, '1', _SRC, 'H-6,11 ρ in paper Hyperbolic parameter'),
    Parameter('cb_PTout', 0.0001604, '1/h', _SRC, 'k11 in paper'),
    Parameter('cb_T57', 100.0, 'L/h', _SRC, 'T57'),
    Parameter('cb_T58', 6249.09, 'pmol/h', _SRC, 'H-4,10–7 ρ in paper Hyperbolic parameter'),
    Parameter('cb_T59', 11.7387, '1', _SRC, 'H-4,10–7 γ in paper Hyperbolic parameter'),
    Parameter('cb_T61', 96.25, 'pmol/h', _SRC, 'H-4,10–7 α in paper Hyperbolic parameter'),
    Parameter('cb_IPTHint', 0.0, '1', _SRC, 'IPTHint'),
    Parameter('cb_IPTHinf', 0.0, '1', _SRC, 'IPTHinf'),
    Parameter('cb_EmaxLpth', 1.30721, '1', _SRC, 'α7,22 in paper'),
    Parameter('cb_kO', 15.8885, '1/h', _SRC, 'k23D in paper'),
    Parameter('cb_kb', 0.000605516, '1/h', _SRC, 'k17D in paper'),
    Parameter('cb_LsurvOCgam', 3.09023, '1', _SRC, 'LsurvOCgam'),
    Parameter('cb_TERIVC', 133.0, 'L', _SRC, 'TERIVC'),
    Parameter('cb_TERICL', 94.3, 'L/h', _SRC, 'TERICL'),
    Parameter('cb_PTH_init', 53.9, 'pmol', _SRC, 'initial (baseline) amount of PTH'),
    Parameter('cb_S_init', 0.5, '1', _SRC, 'initial (baseline) amount of S'),
    Parameter('cb_PTmax_init', 1.0, '1', _SRC, 'initial (baseline) amount of PTmax'),
    Parameter('cb_B_init', 1260.0, 'pmol', _SRC, 'initial (baseline) amount of B'),
    Parameter('cb_SC_init', 0.0, 'pmol', _SRC, 'initial (baseline) amount of SC'),
    Parameter('cb_P_init', 32.9, 'mmol', _SRC, 'initial (baseline) amount of P'),
    Parameter('cb_ECCPhos_init', 16.8, 'mmol', _SRC, 'initial (baseline) amount of ECCPhos'),
    Parameter('cb_T_init', 1.2375, 'mmol', _SRC, 'initial (baseline) amount of T'),
    Parameter('cb_R_init', 0.5, '1', _SRC, 'initial (baseline) amount of R'),
    Parameter('cb_HAp_init', 1.0, '1', _SRC, 'initial (baseline) amount of HAp'),
    Parameter('cb_OB_init', 0.00501324, '1', _SRC, 'initial (baseline) amount of OB'),
    Parameter('cb_PhosGut_init', 0.839, 'mmol', _SRC, 'initial (baseline) amount of PhosGut'),
    Parameter('cb_IntraPO_init', 3226.0, 'mmol', _SRC, 'initial (baseline) amount of IntraPO'),
    Parameter('cb_OC_init', 0.00115398, '1', _SRC, 'initial (baseline) amount of OC'),
    Parameter('cb_ROB1_init', 0.00104122, '1', _SRC, 'initial (baseline) amount of ROB1'),
    Parameter('cb_L_init', 0.4, '1', _SRC, 'initial (baseline) amount of L'),
    Parameter('cb_RNK_init', 10.0, '1', _SRC, 'initial (baseline) amount of RNK'),
    Parameter('cb_O_init', 4.0, '1', _SRC, 'initial (baseline) amount of O'),
    Parameter('cb_Q_init', 100.0, 'mmol', _SRC, 'initial (baseline) amount of Q'),
    Parameter('cb_Qbone_init', 24900.0, 'mmol', _SRC, 'initial (baseline) amount of Qbone'),
    Parameter('cb_RX2_init', 10.0, '1', _SRC, 'initial (baseline) amount of RX2'),
    Parameter('cb_CREB_init', 10.0, '1', _SRC, 'initial (baseline) amount of CREB'),
    Parameter('cb_BCL2_init', 100.0, '1', _SRC, 'initial (baseline) amount of BCL2'),
    Parameter('cb_TERISC_init', 0.0, 'pmol', _SRC, 'initial (baseline) amount of TERISC'),
)

_SBML_DERIVED = (
    Derived('cb_Q0', 'cb_Q_init', '1', 'initial Ca bone IC value'),
    Derived('cb_OC0', 'cb_OC_init', '1', 'Osteoclast initial value'),
    Derived('cb_RNK0', 'cb_RNK_init', '1', 'RANK initial value'),
    Derived('cb_RANKL0', 'cb_L_init', '1', 'RANKL initial value'),
    Derived('cb_OB0', 'cb_OB_init', '1', 'Osteoblast initial value'),
    Derived('cb_ROB0', 'cb_ROB1_init', '1', 'Responding Oteoblast initial value'),
    Derived('cb_QboneInit', 'cb_Qbone_init', '1', 'Ca EC bone initial value'),
    Derived('cb_OPG0', 'cb_O_init', '1', 'OPG initial value'),
    Derived('cb_RX20', 'cb_RX2_init', '1', 'RunX2 initial value'),
    Derived('cb_CREB0', 'cb_CREB_init', '1', 'CREB initial value'),
    Derived('cb_M0', 'cb_k3*cb_RNK_init*cb_L_init/cb_k4', '1', 'RANK-RANKL initial value'),
    Derived('cb_TGFBact0', 'cb_Pic0', '1', 'Active TGF beta initial value'),
    Derived('cb_TGFB0', 'cb_Pic0*1000', '1', 'TGF beta initial value'),
)

_SBML_STATES = (
    State('cb_PTH', 'pmol', 'CMT: PTH DESCR: circulating PTH UNIT: pmol SITE: vasculature PUB.EQN: 7 MODEL.EQN: 1', 'cb_PTH_init'),
    State('cb_S', '1', 'CMT: S DESCR: PTH gland pool UNIT: NA SITE: PT gland PUB.EQN: 10 MODEL.EQN: 2', 'cb_S_init'),
    State('cb_PTmax', '1', 'CMT: PTmax DESCR: PT gland max capacity UNIT: NA SITE: PT gland PUB.EQN: 11 MODEL.EQN: 3', 'cb_PTmax_init'),
    State('cb_B', 'pmol', 'CMT: B DESCR: circulating calcitriol UNIT: pmol SITE: vasculature PUB.EQN: 6 MODEL.EQN: 4', 'cb_B_init'),
    State('cb_SC', 'pmol', 'CMT: SC DESCR: subcutaneous PTH compartment UNIT: pmol SITE: subcutaneous PUB.EQN: NA MODEL.EQN: 5', 'cb_SC_init'),
    State('cb_P', 'mmol', 'CMT: P DESCR: extracellular calcium UNIT: mmol SITE: vasculature PUB.EQN: 4 MODEL.EQN: 7', 'cb_P_init'),
    State('cb_ECCPhos', 'mmol', 'CMT: ECCPhos DESCR: extracellular phosphate UNIT: mmol SITE: vasculature PUB.EQN: 5 MODEL.EQN: 8', 'cb_ECCPhos_init'),
    State('cb_T', 'mmol', 'CMT: T DESCR: oral calcium UNIT: mmol SITE: gut PUB.EQN: 1 MODEL.EQN: 9', 'cb_T_init'),
    State('cb_R', '1', 'CMT: R DESCR: calcitriol dependent ca absorption UNIT: NA SITE: gut PUB.EQN: 2 MODEL.EQN: 10', 'cb_R_init'),
    State('cb_HAp', '1', 'CMT: HAp DESCR: hydroxyapatite UNIT: NA SITE: bone PUB.EQN: NA MODEL.EQN: 11', 'cb_HAp_init'),
    State('cb_PhosGut', 'mmol', 'CMT: PhosGut DESCR: oral phosphate UNIT: mmol SITE: gut PUB.EQN: 3 MODEL.EQN: 14', 'cb_PhosGut_init'),
    State('cb_IntraPO', 'mmol', 'CMT: IntraPO DESCR: intracellular phosphate UNIT: mmol SITE: intracellular PUB.EQN: 8 MODEL.EQN: 15', 'cb_IntraPO_init'),
    State('cb_OC', '1', 'CMT: OC DESCR: osteoclast UNIT: NA SITE: bone PUB.EQN: 18 MODEL.EQN: 16', 'cb_OC_init'),
    State('cb_ROB1', '1', 'CMT: ROB1 DESCR: responding osteoblast UNIT: NA SITE: bone PUB.EQN: 16 MODEL.EQN: 17', 'cb_ROB1_init'),
    State('cb_L', '1', 'CMT: L DESCR: RANKL UNIT: NA SITE: bone PUB.EQN: 22 MODEL.EQN: 20', 'cb_L_init'),
    State('cb_RNK', '1', 'CMT: RNK DESCR: RANK UNIT: NA SITE: bone PUB.EQN: 21 MODEL.EQN: 21', 'cb_RNK_init'),
    State('cb_O', '1', 'CMT: O DESCR: OPG UNIT: NA SITE: bone PUB.EQN: 23 MODEL.EQN: 24', 'cb_O_init'),
    State('cb_Q', 'mmol', 'CMT: Q DESCR: bone calcium - immediately exchangeable UNIT: mmol SITE: bone PUB.EQN: 12 MODEL.EQN: 25', 'cb_Q_init'),
    State('cb_Qbone', 'mmol', 'CMT: Qbone DESCR: bone calcium - non-immediately exchangeable UNIT: mmol SITE: bone PUB.EQN: 13 MODEL.EQN: 26', 'cb_Qbone_init'),
    State('cb_RX2', '1', 'CMT: RX2 DESCR: RunX2 UNIT: NA SITE: osteoblast PUB.EQN: 26 MODEL.EQN: 27', 'cb_RX2_init'),
    State('cb_CREB', '1', 'CMT: CREB DESCR: CREB UNIT: NA SITE: osteoblast PUB.EQN: 27 MODEL.EQN: 28', 'cb_CREB_init'),
    State('cb_BCL2', '1', 'CMT: BCL2 DESCR: Bcl-2 UNIT: NA SITE: osteoblast PUB.EQN: 28 MODEL.EQN: 29', 'cb_BCL2_init'),
    State('cb_TERISC', 'pmol', 'CMT: TERISC DESCR: teriparatide subcutaneous dosing compartment UNIT: pmol SITE: subcutaneous PUB.EQN: NA MODEL.EQN: 30', 'cb_TERISC_init'),
    State('cb_A', 'pmol/h', 'CMT: A DESCR: 1-alpha hydroxylase UNIT: mmol/h SITE: kidney PUB.EQN: 9 MODEL.EQN: 6', 'cb_B_init/10'),
    State('cb_TGFB', '1', 'CMT: TGFB DESCR: latent TGF beta UNIT: NA SITE: bone PUB.EQN: 19 MODEL.EQN: 18', 'cb_Pic0*1000'),
    State('cb_TGFBact', '1', 'CMT: TGFBact DESCR: active TGFbeta UNIT: NA SITE: bone PUB.EQN: 20 MODEL.EQN: 19', 'cb_Pic0'),
    State('cb_OBfast', '1', 'CMT: OBfast DESCR: osteoblast - slow UNIT: NA SITE: bone PUB.EQN: 17a MODEL.EQN: 12', 'cb_OB_init*cb_FracOBfast'),
    State('cb_OBslow', '1', 'CMT: OBslow DESCR: osteoblast - fast UNIT: NA SITE: bone PUB.EQN: 17b MODEL.EQN: 13', 'cb_OB_init*(1 - cb_FracOBfast)'),
    State('cb_M', '1', 'CMT: M DESCR: RANK-RANKL complex UNIT: NA SITE: bone PUB.EQN: 24 MODEL.EQN: 22', 'cb_k3*cb_RNK_init*cb_L_init/cb_k4'),
    State('cb_N', '1', 'CMT: N DESCR: OPG-RANKL complex UNIT: NA SITE: bone PUB.EQN: 25 MODEL.EQN: 23', 'cb_k1*cb_O_init*cb_L_init/cb_k2'),
)

_SBML_INTERMEDIATES = (
    Intermediate('cb_T13', 'cb_CaDay/24/cb_Q0', '1', 'T13'),
    Intermediate('cb_T15', 'cb_CaDay/(2.35*14*24)', '1', 'T15'),
    Intermediate('cb_T17', '3.85*cb_T16 - 3.85', '1', 'T17'),
    Intermediate('cb_Osteoclast', 'cb_OC', '1', 'Osteoclast'),
    Intermediate('cb_J14OC50', 'exp(log(cb_J14OCmax*cb_OC0**cb_J14OCgam/cb_T13 - cb_OC0**cb_J14OCgam)/cb_J14OCgam)', '1', 'J14OC50'),
    Intermediate('cb_OCeqn', 'cb_J14OCmax*cb_Osteoclast**cb_J14OCgam/(cb_Osteoclast**cb_J14OCgam + cb_J14OC50**cb_J14OCgam)', '1', 'OCeqn'),
    Intermediate('cb_kinRNK', '(cb_koutRNK*cb_RNK0 + cb_k3*cb_RNK0*cb_RANKL0 - cb_k4*cb_M0)/cb_TGFBact0**cb_kinRNKgam', '1', 'kinRNK'),
    Intermediate('cb_MOCratio', 'cb_M/cb_Osteoclast', '1', 'MOCratio'),
    Intermediate('cb_MOCratio0', 'cb_M0/cb_OC0', '1', 'MOCratio0'),
    Intermediate('cb_MOCratioEff', '(cb_MOCratio/cb_MOCratio0)**cb_MOCratioGam', '1', 'MOCratioEff'),
    Intermediate('cb_J14OCdepend', 'cb_OCeqn*cb_Q0*cb_FracJ14*cb_MOCratioEff', '1', 'J14OCdepend'),
    Intermediate('cb_J14', 'cb_T13*cb_Q0*(1 - cb_FracJ14) + cb_J14OCdepend', '1', 'Rate equation for Ca transfer from bone to vascular'),
    Intermediate('cb_J41', '0.464*cb_J14', '1', 'Rate equation for Ca transfer from vascular to bone'),
    Intermediate('cb_PicOCkin', 'cb_Pic0', '1', 'PicOCkin'),
    Intermediate('cb_bigDb', 'cb_kb*cb_OB0*cb_Pic0/cb_ROB0', '1', 'bigDb'),
    Intermediate('cb_kinTGF', 'cb_koutTGF0*cb_TGFB0', '1', 'TGF production rate'),
    Intermediate('cb_koutTGF', 'cb_koutTGF0', '1', 'TGF degradation rate'),
    Intermediate('cb_koutTGFact', 'cb_koutTGF0*1000', '1', 'Active TGF degradation rate'),
    Intermediate('cb_koutTGFeqn', 'cb_koutTGF*cb_TGFB*(cb_Osteoclast/cb_OC0)**cb_OCtgfGAM', '1', 'TGF activation rate equation'),
    Intermediate('cb_E0PicROB', 'cb_FracPicROB*cb_Pic0', '1', 'E0PicROB'),
    Intermediate('cb_EC50PicROBparen', 'cb_EmaxPicROB*cb_TGFBact0**cb_PicROBgam/(cb_Pic0 - cb_E0PicROB) - cb_TGFBact0**cb_PicROBgam', '1', 'EC50PicROBparen'),
    Intermediate('cb_EC50PicROB', 'exp(log(cb_EC50PicROBparen)/cb_PicROBgam)', '1', 'EC50PicROB'),
    Intermediate('cb_Dr', 'cb_kb*cb_OB0/cb_Pic0', '1', 'Dr'),
    Intermediate('cb_PicROB', 'cb_E0PicROB + cb_EmaxPicROB*cb_TGFBact**cb_PicROBgam/(cb_TGFBact**cb_PicROBgam + cb_EC50PicROB**cb_PicROBgam)', '1', 'PicROB'),
    Intermediate('cb_ROBin2', 'cb_Dr*cb_PicROB', '1', 'ROBin2'),
    Intermediate('cb_ROBin', 'cb_ROBin2', '1', 'Responding osteoblast in rate'),
    Intermediate('cb_E0PicOB', 'cb_FracPicOB*cb_Pic0', '1', 'E0PicOB'),
    Intermediate('cb_EC50PicOBparen', 'cb_EmaxPicOB*cb_TGFBact0**cb_PicOBgam/(cb_Pic0 - cb_E0PicOB) - cb_TGFBact0**cb_PicOBgam', '1', 'EC50PicOBparen'),
    Intermediate('cb_EC50PicOB', 'exp(log(cb_EC50PicOBparen)/cb_PicOBgam)', '1', 'EC50PicOB'),
    Intermediate('cb_PicOB', 'cb_E0PicOB + cb_EmaxPicOB*cb_TGFBact**cb_PicOBgam/(cb_TGFBact**cb_PicOBgam + cb_EC50PicOB**cb_PicOBgam)', '1', 'PicOB'),
    Intermediate('cb_KPT', '1*(cb_bigDb/cb_PicOB)', '1', 'KPT'),
    Intermediate('cb_D', 'cb_ROB1', '1', 'D'),
    Intermediate('cb_EC50MeffOC', 'exp(log(cb_M0**cb_kinOCgam*cb_EmaxMeffOC/(1 - cb_E0Meff) - cb_M0**cb_kinOCgam)/cb_kinOCgam)', '1', 'EC50MeffOC'),
    Intermediate('cb_MeffOC', 'cb_E0Meff + cb_EmaxMeffOC*cb_M**cb_kinOCgam/(cb_M**cb_kinOCgam + cb_EC50MeffOC**cb_kinOCgam)', '1', 'MeffOC'),
    Intermediate('cb_kinOC2', 'cb_Da*cb_PicOCkin*cb_MeffOC*cb_OC0', '1', 'kinOC2'),
    Intermediate('cb_E0PicOC', 'cb_FracPicOC*cb_Pic0', '1', 'E0PicOC'),
    Intermediate('cb_EC50PicOCparen', 'cb_EmaxPicOC*cb_TGFBact0**cb_PicOCgam/(cb_Pic0 - cb_E0PicOC) - cb_TGFBact0**cb_PicOCgam', '1', 'EC50PicOCparen'),
    Intermediate('cb_EC50PicOC', 'exp(log(cb_EC50PicOCparen)/cb_PicOCgam)', '1', 'EC50PicOC'),
    Intermediate('cb_PicOC', 'cb_E0PicOC + cb_EmaxPicOC*cb_TGFBact**cb_PicOCgam/(cb_TGFBact**cb_PicOCgam + cb_EC50PicOC**cb_PicOCgam)', '1', 'PicOC'),
    Intermediate('cb_PiL0', '(cb_k3/cb_k4)*cb_RANKL0', '1', 'PiL0'),
    Intermediate('cb_PiL', 'cb_M/10', '1', 'PiL'),
    Intermediate('cb_EC50survInPar', '(cb_E0RANKL - cb_EmaxL)*(cb_PiL0**cb_LsurvOCgam/(cb_E0RANKL - 1)) - cb_PiL0**cb_LsurvOCgam', '1', 'EC50survInPar'),
    Intermediate('cb_EC50surv', 'exp(log(cb_EC50survInPar)/cb_LsurvOCgam)', '1', 'EC50surv'),
    Intermediate('cb_LsurvOC', 'cb_E0RANKL - (cb_E0RANKL - cb_EmaxL)*(cb_PiL**cb_LsurvOCgam/(cb_PiL**cb_LsurvOCgam + cb_EC50surv**cb_LsurvOCgam))', '1', 'LsurvOC'),
    Intermediate('cb_KLSoc', 'cb_Da*cb_PicOC*cb_LsurvOC', '1', 'Osteoclast degradation rate'),
    Intermediate('cb_C4', 'cb_PTH/cb_V1', '1', 'PTH concentration in vasculature'),
    Intermediate('cb_T66', '(cb_T67**cb_AlphOHgam + 3.85**cb_AlphOHgam)/3.85**cb_AlphOHgam', '1', 'T66'),
    Intermediate('cb_k15a', 'cb_k14a*cb_QboneInit/cb_Q0', '1', 'k15a'),
    Intermediate('cb_J14a', 'cb_k14a*cb_Qbone', '1', 'Ca transfer to intracellular availability'),
    Intermediate('cb_J15a', 'cb_k15a*cb_Q', '1', 'Ca transfer from intracellular availability'),
    Intermediate('cb_kLShap', '1/cb_HApMRT', '1', 'kLShap'),
    Intermediate('cb_kHApIn', 'cb_kLShap/cb_OB0', '1', 'HAp production rate'),
    Intermediate('cb_J15', 'cb_T15*cb_P*(1 - cb_FracJ15) + cb_T15*cb_P*cb_FracJ15*cb_HAp', '1', 'Ca transfer to bone from vasculature'),
    Intermediate('cb_J42', '0.464*cb_J15', '1', 'Phosphate excretion or filtration rate'),
    Intermediate('cb_OBfast0', 'cb_OB0*cb_FracOBfast', '1', 'Initial value for fast decay pool of osteoblasts'),
    Intermediate('cb_Osteoblast', 'cb_OBfast + cb_OBslow', '1', 'Initial value for osteoblasts'),
    Intermediate('cb_kinLbase', 'cb_koutL*cb_RANKL0', '1', 'kinLbase'),
    Intermediate('cb_OsteoEffect', '(cb_Osteoblast/cb_OB0)**cb_OsteoEffectGam', '1', 'OsteoEffect'),
    Intermediate('cb_PTH50', 'cb_EmaxLpth*3.85 - 3.85', '1', 'PTH50'),
    # DEVIATION 6: osteoblast RANKL/OPG see PTH plus the PTH-equivalent of the VDR activity of 25(OH)D
    Intermediate('cb_PTHconc', 'cb_C4 + cb_vdr_rankl_rel*3.85*vdr_25ohd_ctriol_eq/90', '1', 'PTH concentration'),
    Intermediate('cb_LpthEff', 'cb_EmaxLpth*cb_PTHconc/(cb_PTH50*cb_OsteoEffect**cb_TESTPOWER + cb_PTHconc)', '1', 'LpthEff'),
    Intermediate('cb_kinL', 'cb_kinLbase*cb_OsteoEffect*cb_LpthEff', '1', 'RANKL production rate'),
    Intermediate('cb_pObase', 'cb_kO*cb_OPG0', '1', 'pObase'),
    Intermediate('cb_pO', 'cb_pObase*(cb_D/cb_ROB0)*((cb_PTHconc + cb_opgPTH50*(cb_D/cb_ROB0))/(2*cb_PTHconc)) + cb_IO', '1', 'pO'),
    Intermediate('cb_RX2Kin', 'cb_RX2Kout0*cb_RX20', '1', 'Runx2 production rate'),
    Intermediate('cb_EC50PTHRX2x', 'cb_EmaxPTHRX2x*3.85/(cb_RX2Kout0 - cb_E0rx2Kout) - 3.85', '1', 'EC50PTHRX2x'),
    Intermediate('cb_RX2Kout', 'cb_E0rx2Kout + cb_EmaxPTHRX2x*cb_PTHconc/(cb_PTHconc + cb_EC50PTHRX2x)', '1', 'Runx2 degradation rate'),
    Intermediate('cb_EC50PTHcreb', 'cb_EmaxPTHcreb*3.85/(1 - cb_E0crebKin) - 3.85', '1', 'EC50PTHcreb'),
    Intermediate('cb_crebKin0', 'cb_crebKout*cb_CREB0', '1', 'crebKin0'),
    Intermediate('cb_crebKin', 'cb_crebKin0*(cb_E0crebKin + cb_EmaxPTHcreb*cb_PTHconc/(cb_PTHconc + cb_EC50PTHcreb))', '1', 'CREB production rate'),
    Intermediate('cb_bcl2Kin', 'cb_RX2*cb_CREB*0.693', '1', 'BCL2 production rate'),
    Intermediate('cb_CaConc', 'cb_P/14', '1', 'Calcium concentration'),
    Intermediate('cb_C2', 'cb_ECCPhos/cb_V1', '1', 'Phosphate concentration in vasculature'),
    Intermediate('cb_PO4inhPTH', '(cb_C2/1.2)**cb_PO4inhPTHgam', '1', 'PO4inhPTH'),
    Intermediate('cb_PhosEffTop', '(cb_PhosEff0 - 1)*(1.2**cb_PhosEffGam + cb_PhosEff50**cb_PhosEffGam)', '1', 'PhosEffTop'),
    Intermediate('cb_PhosEffBot', 'cb_PhosEff0*1.2**cb_PhosEffGam', '1', 'PhosEffBot'),
    Intermediate('cb_PhosEffMax', 'cb_PhosEffTop/cb_PhosEffBot', '1', 'PhosEffMax'),
    Intermediate('cb_PhosEff', 'cb_PhosEff0 - cb_PhosEffMax*cb_PhosEff0*cb_C2**cb_PhosEffGam/(cb_C2**cb_PhosEffGam + cb_PhosEff50**cb_PhosEffGam)', '1', 'PhosEff'),
    Intermediate('cb_PhosEffect', 'min(cb_PhosEff, 1)', '1', 'PhosEffect'),
    Intermediate('cb_T68', 'cb_T66*cb_C4**cb_AlphOHgam/(cb_T67**cb_AlphOHgam*cb_PO4inhPTH + cb_C4**cb_AlphOHgam)', '1', 'T68'),
    # DEVIATION 3: scaled by substrate 25(OH)D and the magnesium cofactor (1 at the reference)
    Intermediate('cb_SE', 'cb_T65*cb_T68*cb_PhosEffect*cb_vitd_eff', '1', '1-alpha hydroxylase production rate'),
    Intermediate('cb_C8', 'cb_B/cb_V1', '1', 'Calcitriol concentration'),
    Intermediate('cb_C1', 'cb_P/cb_V1', '1', 'Calcium concentration'),
    # DEVIATION 6: calcitriol-dependent gut absorption sees calcitriol + the VDR activity of 25(OH)D (cb_C8vdr)
    Intermediate('cb_T36', 'cb_T33 + (cb_T34 - cb_T33)*(cb_C8vdr**cb_CaPOgam/(cb_T35**cb_CaPOgam + cb_C8vdr**cb_CaPOgam))', '1', 'T36'),
    Intermediate('cb_T37', 'cb_T34 - (cb_T34 - cb_T33)*(cb_C8vdr**cb_CaPOgam/(cb_T35**cb_CaPOgam + cb_C8vdr**cb_CaPOgam))', '1', 'T37'),
    Intermediate('cb_CaFilt', '0.6*0.5*cb_GFR*cb_C1', '1', 'CaFilt'),
    Intermediate('cb_ReabsMax', '(0.3*cb_GFR*2.35 - 0.149997)*(cb_Reabs50 + 2.35)/2.35', '1', 'ReabsMax'),
    Intermediate('cb_ReabsPTHeff', 'cb_T16*cb_C4/(cb_C4 + cb_T17)', '1', 'ReabsPTHeff'),
    Intermediate('cb_CaReabsActive', '(cb_ReabsMax*cb_C1/(cb_Reabs50 + cb_C1))*cb_ReabsPTHeff', '1', 'Calcium reabsorption rate'),
    Intermediate('cb_T20', 'cb_CaFilt - cb_CaReabsActive', '1', 'T20'),
    # DEVIATION 6: calcitriol-dependent renal Ca reabsorption sees calcitriol + the VDR activity of 25(OH)D
    Intermediate('cb_T10', 'cb_T7*cb_C8vdr/(cb_C8vdr + cb_T9)', '1', 'T10'),
    Intermediate('cb_J27a', '(2 - cb_T10)*cb_T20', '1', 'J27a'),
    Intermediate('cb_J27', 'max(cb_J27a, 0)', '1', 'Calcium filtration rate'),
    Intermediate('cb_ScaEff', '(2.35/cb_CaConc)**cb_ScaEffGam', '1', 'ScaEff'),
    Intermediate('cb_T72', '90*cb_ScaEff', '1', 'T72'),
    Intermediate('cb_T73', 'cb_T71*(cb_C8 - cb_T72)', '1', 'T73'),
    Intermediate('cb_T74', '(exp(cb_T73) - exp(-cb_T73))/(exp(cb_T73) + exp(-cb_T73))', '1', 'T74'),
    Intermediate('cb_T75', 'cb_T70*(0.85*(1 + cb_T74) + 0.15)', '1', 'T75'),
    Intermediate('cb_T76', 'cb_T70*(0.85*(1 - cb_T74) + 0.15)', '1', 'T76'),
    Intermediate('cb_T47', 'cb_T46*0.88*cb_GFR', '1', 'T47'),
    Intermediate('cb_J48a', '0.88*cb_GFR*cb_C2 - cb_T47', '1', 'J48a'),
    Intermediate('cb_J48', 'max(cb_J48a, 0)', '1', 'Phosphate filtration rate'),
    Intermediate('cb_J53', 'cb_T52*cb_PhosGut', '1', 'J53'),
    Intermediate('cb_J54', 'cb_T49*cb_C2', '1', 'J54'),
    Intermediate('cb_J56', 'cb_T55*cb_IntraPO', '1', 'J56'),
    Intermediate('cb_E0PicOBkb', 'cb_MultPicOBkb*cb_Pic0', '1', 'E0PicOBkb'),
    Intermediate('cb_EmaxPicOBkb', 'cb_FracPic0kb*cb_Pic0', '1', 'EmaxPicOBkb'),
    Intermediate('cb_EC50PicOBparenKb', '(cb_E0PicOBkb - cb_EmaxPicOBkb)*cb_TGFBact0**cb_PicOBgamkb/(cb_E0PicOBkb - cb_Pic0) - cb_TGFBact0**cb_PicOBgamkb', '1', 'EC50PicOBparenKb'),
    Intermediate('cb_EC50PicOBkb', 'exp(log(cb_EC50PicOBparenKb)/cb_PicOBgamkb)', '1', 'EC50PicOBkb'),
    Intermediate('cb_PicOBkb', 'cb_E0PicOBkb - (cb_E0PicOBkb - cb_EmaxPicOBkb)*cb_TGFBact**cb_PicOBgamkb/(cb_TGFBact**cb_PicOBgamkb + cb_EC50PicOBkb**cb_PicOBgamkb)', '1', 'PicOBkb'),
    Intermediate('cb_PicOBkbEff', 'cb_PicOBkb/cb_Pic0', '1', 'PicOBkbEff'),
    Intermediate('cb_E0RUNX2kbEff', 'cb_E0RUNX2kbEffFACT*cb_kb', '1', 'E0RUNX2kbEff'),
    Intermediate('cb_RUNX2', '10 + (cb_BCL2 - 100) * min(1, max(0, (cb_BCL2 - 105) * 1e9))', '1', 'RUNX2'),
    Intermediate('cb_RUNkbMax', 'cb_E0RUNX2kbEff*cb_RUNkbMaxFact', '1', 'RUNkbMax'),
    Intermediate('cb_INparen', 'cb_RUNkbMax*cb_RUNX20**cb_RUNkbGAM/(cb_E0RUNX2kbEff - cb_kb) - cb_RUNX20**cb_RUNkbGAM', '1', 'INparen'),
    Intermediate('cb_RUNkb50', 'exp(log(cb_INparen)/cb_RUNkbGAM)', '1', 'RUNkb50'),
    Intermediate('cb_RUNX2kbPrimeEff', 'cb_RUNkbMax*cb_RUNX2**cb_RUNkbGAM/(cb_RUNX2**cb_RUNkbGAM + cb_RUNkb50**cb_RUNkbGAM)', '1', 'RUNX2kbPrimeEff'),
    Intermediate('cb_kbprime', 'cb_E0RUNX2kbEff*cb_PicOBkbEff - cb_RUNX2kbPrimeEff', '1', 'kbprime'),
    Intermediate('cb_kbslow', 'cb_kbprime*cb_Frackb', '1', 'kbslow'),
    Intermediate('cb_kbfast', '(cb_kb*cb_OB0 + cb_kbslow*cb_OBfast0 - cb_kbslow*cb_OB0)/cb_OBfast0', '1', 'kbfast'),
    Intermediate('cb_Frackb2', 'cb_kbfast/cb_kbprime', '1', 'Frackb2'),
    Intermediate('cb_T29', '(cb_T28*cb_T0 - 0.17533*cb_T0)/0.17533', '1', 'T29'),
    Intermediate('cb_T31', 'cb_T28*cb_T/(cb_T + cb_T29)', '1', 'T31'),
    Intermediate('cb_T83', 'cb_R/0.5', '1', 'T83'),
    Intermediate('cb_J40', 'cb_T31*cb_T*cb_T83/(cb_T + cb_T81) + cb_T87*cb_T', '1', 'J40'),
    Intermediate('cb_T85Rpart', 'cb_R**cb_T80/(cb_R**cb_T80 + cb_T81**cb_T80)', '1', 'T85Rpart'),
    Intermediate('cb_T85', 'cb_T77*cb_T85Rpart', '1', 'T85'),
    Intermediate('cb_F11', 'cb_T85', '1', 'F11'),
    # DEVIATION 1: baseline calcitriol (paper; OpenBoneMin 'Calcitriol0'), not the current C8 as in the SBML
    Intermediate('cb_INparenCtriol', '(cb_CtriolMax - cb_CtriolMin)*cb_Calcitriol0**cb_CtriolPTgam/(cb_CtriolMax - 1) - cb_Calcitriol0**cb_CtriolPTgam', '1', 'INparenCtriol'),
    Intermediate('cb_Ctriol50', 'exp(log(cb_INparenCtriol)/cb_CtriolPTgam)', '1', 'Ctriol50'),
    Intermediate('cb_CtriolPTeff', 'cb_CtriolMax - (cb_CtriolMax - cb_CtriolMin)*cb_C8**cb_CtriolPTgam/(cb_C8**cb_CtriolPTgam + cb_Ctriol50**cb_CtriolPTgam)', '1', 'CtriolPTeff'),
    Intermediate('cb_PTin', 'cb_PTout*cb_CtriolPTeff', '1', 'PTin'),
    Intermediate('cb_INparenCa', '(cb_T58 - cb_T61)*2.35**cb_T59/(cb_T58 - 385) - 2.35**cb_T59', '1', 'INparenCa'),
    Intermediate('cb_T60', 'exp(log(cb_INparenCa)/cb_T59)', '1', 'T60'),
    Intermediate('cb_FCTD', '(cb_S/0.5)*cb_PTmax', '1', 'FCTD'),
    Intermediate('cb_T63', 'cb_T58 - (cb_T58 - cb_T61)*cb_CaConc**cb_T59/(cb_CaConc**cb_T59 + cb_T60**cb_T59)', '1', 'T63'),
    Intermediate('cb_EPTH', 'cb_T63*cb_FCTD', '1', 'EPTH'),
    Intermediate('cb_IPTH', '0.693*cb_SC + cb_IPTHinf', '1', 'IPTH'),
    Intermediate('cb_SPTH', 'cb_EPTH + cb_IPTH', '1', 'synthesis rate for PTH'),
    Intermediate('cb_kout', 'cb_T57/14', '1', 'degradation rate for PTH'),
    Intermediate('cb_TERIPK', 'cb_TERISC*cb_TERICL/cb_TERIVC', '1', 'Pharmacokinetics for teriparatide'),
)

_SBML_EQUATIONS = {
    'cb_PTH': 'cb_SPTH + cb_TERIPK - cb_kout*cb_PTH',
    'cb_S': '((1 - cb_S)*cb_T76) - cb_S*cb_T75',
    'cb_PTmax': 'cb_PTin - cb_PTout*cb_PTmax',
    'cb_B': 'cb_A - cb_T69*cb_B',
    'cb_SC': 'cb_IPTHint - 0.693*cb_SC',
    'cb_P': 'cb_J14 + cb_J40 - cb_J15 - cb_J27',
    'cb_ECCPhos': 'cb_J41 + cb_J53 + cb_J56 - cb_J42 - cb_J48 - cb_J54',
    'cb_T': '- cb_J40 + cb_OralCa*cb_F11',
    'cb_R': '(cb_T36*(1 - cb_R)) - cb_T37*cb_R',
    'cb_HAp': 'cb_kHApIn*cb_Osteoblast - cb_kLShap*cb_HAp',
    'cb_PhosGut': '- cb_J53 + cb_OralPhos*cb_F12',
    'cb_IntraPO': '- cb_J56 + cb_J54',
    'cb_OC': 'cb_kinOC2 - cb_KLSoc*cb_OC',
    'cb_ROB1': 'cb_ROBin - cb_KPT*cb_ROB1',
    'cb_L': 'cb_kinL - cb_koutL*cb_L - cb_k3*cb_RNK*cb_L + cb_k4*cb_M - cb_kdenosl*cb_den_pm*cb_L',  # + denosumab (2012)
    'cb_RNK': 'cb_kinRNK*cb_TGFBact**cb_kinRNKgam - cb_koutRNK*cb_RNK - cb_k3*cb_RNK*cb_L + cb_k4*cb_M',
    'cb_O': 'cb_pO - cb_kO*cb_O',
    'cb_Q': '- cb_J14 + cb_J15 + cb_J14a - cb_J15a',
    'cb_Qbone': '- cb_J14a + cb_J15a',
    'cb_RX2': 'cb_RX2Kin - cb_RX2Kout*cb_RX2',
    'cb_CREB': 'cb_crebKin - cb_crebKout*cb_CREB',
    'cb_BCL2': 'cb_bcl2Kin - cb_bcl2Kout*cb_BCL2',
    'cb_TERISC': '- cb_TERIPK',
    'cb_A': 'cb_SE - cb_T64*cb_A',
    'cb_TGFB': 'cb_kinTGF*(cb_Osteoblast/cb_OB0)**cb_OBtgfGAM - cb_koutTGFeqn',
    'cb_TGFBact': 'cb_koutTGFeqn - cb_koutTGFact*cb_TGFBact',
    'cb_OBfast': '(cb_bigDb/cb_PicOB)*cb_D*cb_FracOBfast*cb_Frackb2 - cb_kbfast*cb_OBfast',
    'cb_OBslow': '((cb_bigDb/cb_PicOB)*cb_D*(1 - cb_FracOBfast)*cb_Frackb) - cb_kbslow*cb_OBslow',
    'cb_M': 'cb_k3*cb_RNK*cb_L - cb_k4*cb_M',
    'cb_N': 'cb_k1*cb_O*cb_L - cb_k2*cb_N',
}
# ---- END GENERATED ------------------------------------------------------------------

# ---- Coupling, published extensions and vitasim additions ----------------------------------

PARAMETERS = _SBML_PARAMETERS + (
    Parameter("cb_egfr_ref", 100.0, "mL/min/1.73m2", _SRC,
              "eGFR at which the model's GFR is cb_GFR_ref (the SBML's 100 mL/min)",
              note="the model's GFR is in L/h of a standard-size adult; the 1.73 m2 normalisation is ignored"),
    # vitamin D coupling (DEVIATION 3)
    Parameter("cb_k25_1ahyd", 6.0, "nmol/L", "vitasim_gap;gallagher2012",
              "serum 25(OH)D giving half-maximal substrate supply of renal 1-alpha-hydroxylation",
              note="gap: no in-vivo Km found (in-vitro CYP27B1 values do not translate to serum total 25(OH)D). "
                   "Set so that 2000 IU/d for a year from 10 ng/mL lowers PTH by about 15 % and raises calcium "
                   "absorption by about 15 %, while from 30 ng/mL both change by under 5 %: the direction and "
                   "modest size trials report (PTH fell with dose in Gallagher 2012); the exact size is not sourced."),
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
    Parameter("cb_teri_ref_dose", 4856.96, "pmol", "forteo_label",
              "reference teriparatide dose, 20 ug (the labelled daily dose) = 4857 pmol at 4117.8 g/mol"),
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

COVARIATES = (
    Covariate("egfr", "mL/min/1.73m2", 75.0, 1.0, 200.0, "vitasim_gap",
              "estimated glomerular filtration rate (default: an assumed typical value at 70 y)"),
    Covariate("sex_female", "1", 1.0, 0.0, 1.0, "vitasim_gap", "1 for women, 0 for men (default: woman)"),
)

DERIVED = _SBML_DERIVED + (
    Derived("cb_GFR", "cb_GFR_ref * egfr / cb_egfr_ref", "L/h", "glomerular filtration rate of this person (DEVIATION 2)"),
    Derived("cb_Calcitriol0", "cb_B_init / cb_V1", "pmol/L", "baseline calcitriol (90 pM)"),
    # The published model has no vitamin D input: we take it to describe the person in steady state at
    # their own measured 25(OH)D, so everyone starts at the published steady state and a change of
    # 25(OH)D (or magnesium) changes 1-alpha-hydroxylase synthesis relative to that baseline.  A
    # deficient person therefore does not drift at t = 0; the size of the effect of a change comes
    # from the saturation (cb_k25_1ahyd): large from 10 to 30 ng/mL, small above 30 ng/mL.
    Derived("cb_vitd_sub_ref", "baseline_25ohd / (cb_k25_1ahyd + baseline_25ohd)", "1",
            "substrate saturation at the person's baseline 25(OH)D"),
    Derived("cb_k_bmd_age", "(sex_female * cb_bmd_age_loss_f + (1 - sex_female) * cb_bmd_age_loss_m) / 100 / 8766",
            "1/h", "age-related BMD loss rate of this person"),
)

STATES = _SBML_STATES + (
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

INTERMEDIATES = _SBML_INTERMEDIATES + (
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

EQUATIONS = dict(_SBML_EQUATIONS)
EQUATIONS.update({
    # supplemental calcium enters the absorbable gut pool with the same fractional availability F11
    "cb_T": "- cb_J40 + cb_OralCa*cb_F11 + cb_ca_supp_abs*cb_F11",
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
})

_VCI = ("vascular calcification index: calcification burden accrued since the start, in years of the burden "
        "a reference person (baseline Ca x PO4 product 2.82 mmol2/L2, baseline dp-ucMGP) accrues; "
        "EVIDENCE GRADE LOW for the vitamin K (dp-ucMGP) effect")
OUTPUTS = (
    Output("serum_calcium", "cb_C1", "mmol/L", "serum total calcium", "calcium", "mg/dL"),
    Output("phosphate", "cb_C2", "mmol/L", "serum phosphate (as phosphorus)", "phosphorus", "mg/dL"),
    Output("pth", "cb_C4", "pmol/L", "serum intact PTH", "pth", "pg/mL"),
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

MODULE = Module(
    name="calcium_bone",
    inputs={"mg_vitd_factor": "1", "mg_vitd_factor0": "1", "k_ucoc_frac": "0.35", "k_ucmgp_rel": "1",
            "vdr_25ohd_ctriol_eq": "0"},
    description=__doc__.strip().splitlines()[0],
    parameters=PARAMETERS,
    covariates=COVARIATES,
    derived=DERIVED,
    states=STATES,
    intermediates=INTERMEDIATES,
    equations=EQUATIONS,
    outputs=OUTPUTS,
    supplements=SUPPLEMENTS,
)
