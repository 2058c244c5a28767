"""Calcium homeostasis and bone remodelling: the Peterson & Riggs (2010) model, coupled to vitamins D and K.

Structure (time in hours): plasma Ca and PO4 (14 L), gut Ca/PO4, PTH and the parathyroid gland
(pool S, capacity PTmax), renal 1-alpha-hydroxylase and calcitriol, calcitriol-dependent gut
absorption, renal Ca/PO4 handling (GFR), exchangeable and non-exchangeable bone Ca, osteoblasts
(responding, fast, slow), osteoclasts, RANK/RANKL/OPG, latent/active TGF-beta, RUNX2/CREB/BCL2.

Three layers, composed here:

* generated.py: produced by tools/sbml_to_module.py from BioModels BIOMD0000000613 (CC0;
  Peterson & Riggs, Bone 2010;46:49-63) and never edited by hand (a test regenerates it and
  compares byte for byte).  Names keep the SBML's (prefixed ``cb_``) so every line can be checked
  against the SBML; literal constants inside expressions (2.35 mM Ca, 3.85 pM PTH, 90 pM
  calcitriol, 1.2 mM PO4, 0.464 mmol PO4 per mmol Ca in bone, ...) are the SBML's own baseline
  values.
* deviations.py: the deliberate deviations from the SBML (DEVIATION 1-6), each an override that
  quotes the generated text it replaces.
* extensions.py: what the SBML does not have: vitamin D/K coupling, denosumab and teriparatide,
  lumbar BMD, vascular calcification, a calcium supplement route.

tests/validation/test_calcium_bone.py and tests/physiology/calcium_bone/test_sbml_crosscheck.py
simulate the same scenarios in libroadrunner on the (corrected) SBML and compare trajectories.
"""
from vitasim.model import Module
from vitasim.physiology.calcium_bone import deviations, extensions, generated, overlay
from vitasim.units import Compound, register_compound

register_compound(Compound("calcium", 40.078, None, "pubchem"))
register_compound(Compound("phosphorus", 30.974, None, "pubchem"))  # serum phosphate is reported as P
register_compound(Compound("pth", 9425.0, None, "uniprot_pth"))   # PTH(1-84)
register_compound(Compound("teriparatide", 4117.8, None, "forteo_label"))
register_compound(Compound("denosumab", 147000.0, None, "prolia_label"))

PARAMETERS = overlay.apply(generated.PARAMETERS, deviations.OVERRIDES) + deviations.PARAMETERS + extensions.PARAMETERS
COVARIATES = deviations.COVARIATES + extensions.COVARIATES
DERIVED = generated.DERIVED + deviations.DERIVED + extensions.DERIVED
STATES = generated.STATES + extensions.STATES
INTERMEDIATES = overlay.apply(generated.INTERMEDIATES, deviations.OVERRIDES) + extensions.INTERMEDIATES
EQUATIONS = overlay.apply_equations(generated.EQUATIONS, deviations.OVERRIDES + extensions.OVERRIDES)
EQUATIONS.update(extensions.EQUATIONS)

MODULE = Module(
    name="calcium_bone",
    inputs=extensions.INPUTS,
    description=__doc__.strip().splitlines()[0],
    parameters=PARAMETERS,
    covariates=COVARIATES,
    derived=DERIVED,
    states=STATES,
    intermediates=INTERMEDIATES,
    equations=EQUATIONS,
    outputs=extensions.OUTPUTS,
    supplements=extensions.SUPPLEMENTS,
    literal_units=generated.LITERAL_UNITS + extensions.LITERAL_UNITS,
)
