"""Deliberate deviations of the calcium/bone module from BIOMD0000000613, applied on top of generated.py.

Each deviation is an :class:`~vitasim.physiology.calcium_bone.overlay.Override` that quotes the
generated text it replaces (so regenerating the SBML cannot silently drop it), plus the few
items it needs.  Deviations 4 and 5 add rather than change, and live in extensions.py.

1. INparenCtriol uses the baseline calcitriol (90 pM) as in the paper and OpenBoneMin; the SBML
   uses the current C8, which makes CtriolPTeff identically 1 (the calcitriol -> PT-gland
   capacity feedback is switched off).
2. GFR comes from the person's eGFR (GFR = 6 L/h at 100 mL/min/1.73 m2, the SBML value).
3. 1-alpha-hydroxylase synthesis (SE) is scaled by its substrate, serum 25(OH)D from the vitamin D
   module (saturable, 1 at the person's baseline 25(OH)D, so the published steady state is kept
   there), and by the magnesium cofactor ``mg_vitd_factor`` where a magnesium module exists
   (``cb_vitd_eff``, extensions.py).
4. The teriparatide dose event of the SBML (3 doses of 20 ug by default) is a Supplement here
   (extensions.py).
5. Lumbar BMD formation gets a teriparatide anabolic factor (extensions.py).
6. Vitamin D intoxication: calcitriol-dependent gut absorption (T36/T37) and renal calcium
   reabsorption (T10), the model's two VDR actions on calcium entering the blood, see calcitriol
   plus the calcitriol-equivalent VDR activity of 25(OH)D above the person's baseline (input
   ``vdr_25ohd_ctriol_eq`` from the vitamin D module, 0 without it; Heaney 1997, Tebben 2016).
   Osteoblast RANKL production and OPG suppression (the model's PTH-driven resorption signal) see
   PTH plus the same relative VDR activity (``cb_vdr_rankl_rel``), because calcitriol drives
   resorption through RANKL too (Raisz 1972, Suda 2003).  Without this bone term the model buffers
   any absorbed excess by renal excretion (serum Ca 2.42 mmol/L after a year at 25(OH)D 1100 nmol/L).
   The parathyroid-gland calcitriol terms are left on calcitriol alone.
7. Secondary hyperparathyroidism (issue 10; a GUESS of structure, supported by Scragg 1995 and
   Chapuy 1992): parathyroid secretion (EPTH) is multiplied by a drive that rises as 25(OH)D falls,
   relative to the drive at the person's baseline (``cb_pth_drive / cb_pth_rel0``, extensions.py), so
   the model's PTH (as the tissues read it) starts at the published steady state; the measured serum
   PTH (output ``pth``) is that times the baseline drive ``cb_pth_rel0``, so deficient people start
   with a higher measured PTH.  Repletion lowers the drive and PTH falls, partly offset by the calcium
   feedback.  Exogenous teriparatide keeps its published potency.
"""
from vitasim.model import Derived, Intermediate, Parameter
from vitasim.model.covariates import EGFR
from vitasim.physiology.calcium_bone.overlay import Override

_SRC = "peterson2010;biomodels613"

OVERRIDES = (
    Override("cb_GFR", "5.9998800023999515",
             Parameter('cb_GFR_ref', 5.9998800023999515, 'L/h', _SRC,
                       'glomerular filtration rate at baseline (100/16.667: 100 mL/min)'),
             "DEVIATION 2: GFR is per person (Derived cb_GFR); this is its value at egfr = cb_egfr_ref"),
    Override("cb_EPTH", "cb_T63*cb_FCTD",
             Intermediate('cb_EPTH', 'cb_T63*cb_FCTD*cb_pth_drive/cb_pth_rel0', '1', 'EPTH'),
             "DEVIATION 7: parathyroid secretion rises as 25(OH)D falls"),
    Override("cb_PTHconc", "cb_C4",
             Intermediate('cb_PTHconc', 'cb_C4 + cb_vdr_rankl_rel*3.85*vdr_25ohd_ctriol_eq/90', 'pmol/L',
                          'PTH concentration'),
             "DEVIATION 6: osteoblast RANKL/OPG see PTH plus the PTH-equivalent of the VDR activity of 25(OH)D"),
    Override("cb_SE", "cb_T65*cb_T68*cb_PhosEffect",
             Intermediate('cb_SE', 'cb_T65*cb_T68*cb_PhosEffect*cb_vitd_eff', 'pmol/h/h',
                          '1-alpha hydroxylase production rate'),
             "DEVIATION 3: scaled by substrate 25(OH)D and the magnesium cofactor (1 at the reference)"),
    Override("cb_T36", "cb_T33 + (cb_T34 - cb_T33)*(cb_C8**cb_CaPOgam/(cb_T35**cb_CaPOgam + cb_C8**cb_CaPOgam))",
             Intermediate('cb_T36', 'cb_T33 + (cb_T34 - cb_T33)*(cb_C8vdr**cb_CaPOgam/(cb_T35**cb_CaPOgam + '
                                    'cb_C8vdr**cb_CaPOgam))', '1/h', 'T36'),
             "DEVIATION 6: calcitriol-dependent gut absorption sees calcitriol + the VDR activity of 25(OH)D"),
    Override("cb_T37", "cb_T34 - (cb_T34 - cb_T33)*(cb_C8**cb_CaPOgam/(cb_T35**cb_CaPOgam + cb_C8**cb_CaPOgam))",
             Intermediate('cb_T37', 'cb_T34 - (cb_T34 - cb_T33)*(cb_C8vdr**cb_CaPOgam/(cb_T35**cb_CaPOgam + '
                                    'cb_C8vdr**cb_CaPOgam))', '1/h', 'T37'),
             "DEVIATION 6: calcitriol-dependent gut absorption sees calcitriol + the VDR activity of 25(OH)D"),
    Override("cb_T10", "cb_T7*cb_C8/(cb_C8 + cb_T9)",
             Intermediate('cb_T10', 'cb_T7*cb_C8vdr/(cb_C8vdr + cb_T9)', '1', 'T10'),
             "DEVIATION 6: calcitriol-dependent renal Ca reabsorption sees calcitriol + the VDR activity of 25(OH)D"),
    Override("cb_INparenCtriol",
             "(cb_CtriolMax - cb_CtriolMin)*cb_C8**cb_CtriolPTgam/(cb_CtriolMax - 1) - cb_C8**cb_CtriolPTgam",
             Intermediate('cb_INparenCtriol', '(cb_CtriolMax - cb_CtriolMin)*cb_Calcitriol0**cb_CtriolPTgam/'
                                              '(cb_CtriolMax - 1) - cb_Calcitriol0**cb_CtriolPTgam', '1',
                          'INparenCtriol'),
             "DEVIATION 1: baseline calcitriol (paper; OpenBoneMin 'Calcitriol0'), not the current C8 as in the SBML"),
)

PARAMETERS = (
    Parameter("cb_egfr_ref", 100.0, "mL/min/1.73m2", _SRC,
              "eGFR at which the model's GFR is cb_GFR_ref (the SBML's 100 mL/min)",
              note="the model's GFR is in L/h of a standard-size adult; the 1.73 m2 normalisation is ignored"),
)

COVARIATES = (EGFR,)

DERIVED = (
    Derived("cb_GFR", "cb_GFR_ref * egfr / cb_egfr_ref", "L/h", "glomerular filtration rate of this person (DEVIATION 2)"),
    Derived("cb_Calcitriol0", "cb_B_init / cb_V1", "pmol/L", "baseline calcitriol (90 pM) (DEVIATION 1)"),
)
