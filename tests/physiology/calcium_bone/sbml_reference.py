"""libroadrunner on BIOMD0000000613 (corrected in memory) and our engine, for the same scenarios."""
from __future__ import annotations

import re
import os
from pathlib import Path

import numpy as np

SBML = Path(os.environ.get("VITASIM_SHARED", Path(__file__).resolve().parents[3].parent / "shared")) / "data" / "sbml" / "BIOMD0000000613.xml"  # ../shared beside the checkout, as in CI
# species/expressions compared, with our output of the same quantity
COMPARED = {"serum_calcium": "P/14", "phosphate": "ECCPhos/14", "pth": "PTH/14", "calcitriol": "B/14",
            "osteoblasts_rel": "(OBfast+OBslow)/0.00501324", "osteoclasts_rel": "OC/0.00115398",
            "bone_calcium_exchangeable": "Q", "bone_calcium_nonexchangeable": "Qbone"}
RULE = re.compile(r'(<assignmentRule[^>]*variable="INparenCtriol">.*?</assignmentRule>)', re.S)


def sbml_text() -> str:
    if not SBML.is_file():
        import pytest
        pytest.skip(f"shared SBML not found: {SBML} (set VITASIM_SHARED)")
    return SBML.read_text()


def corrected_sbml() -> str:
    """The SBML with INparenCtriol computed from the baseline calcitriol 90 pM (paper, OpenBoneMin's
    Calcitriol0) instead of the current C8: an edit of that one rule's MathML."""
    text = sbml_text()
    rules = RULE.findall(text)
    assert len(rules) == 1 and rules[0].count("<ci> C8 </ci>") == 2
    return text.replace(rules[0], rules[0].replace("<ci> C8 </ci>", "<cn> 90 </cn>"))


def load(corrected: bool = True):
    """A RoadRunner on the SBML with the teriparatide event's dose set to 0."""
    import roadrunner
    rr = roadrunner.RoadRunner(corrected_sbml() if corrected else sbml_text())
    rr["teri_dose_mcg"] = 0.0
    rr.integrator.relative_tolerance = 1e-9
    rr.integrator.absolute_tolerance = 1e-12
    return rr


def simulate_rr(rr, t_out_h: np.ndarray, dose_times_h=(), dose_pmol: float = 0.0, oral_ca=None) -> dict:
    """Values at t_out (before any dose at that time); teriparatide doses added to TERISC."""
    if oral_ca is not None:
        rr["OralCa"] = oral_ca
    cuts = np.unique(np.concatenate([t_out_h, np.asarray(dose_times_h, float)]))
    doses = set(np.round(np.asarray(dose_times_h, float), 9))
    out = {k: [] for k in COMPARED}
    t = 0.0
    keep = set(np.round(t_out_h, 9))
    for c in cuts:
        if c > t:
            rr.simulate(t, c, 2)
            t = c
        if round(c, 9) in keep:
            for k, ex in COMPARED.items():
                out[k].append(rr.getValue(ex) if "/" not in ex else _expr(rr, ex))
        if round(c, 9) in doses:
            rr["TERISC"] = rr["TERISC"] + dose_pmol
    return {k: np.array(v) for k, v in out.items()}


def _expr(rr, ex: str) -> float:
    names = set(re.findall(r"[A-Za-z_]\w*", ex))
    return float(eval(ex, {n: rr[n] for n in names}))


def simulate_engine(days: float, every_days: float, regimen=(), oral_ca=None, rtol: float = 1e-9):
    import vitasim
    from vitasim.simulate import build_problem, default_system
    from vitasim.solve import solve_population
    system = default_system()
    prof = vitasim.load_profile({"person": {"age": 70, "weight": "70 kg", "egfr": "100 mL/min/1.73m2"},
                                 # 50 nmol/L: the reference 25(OH)D of DEVIATION 7 (cb_pth_vd_ref), where the
                                 # secondary-hyperparathyroidism drive is 1 and the SBML applies unchanged
                                 "labs": {"25ohd": "50 nmol/L"}, "regimen": list(regimen)})
    problem, wanted, _ = build_problem(system, prof, days=days, population=1, seed=None,
                                       quantities=list(COMPARED), output_every_days=every_days)
    if oral_ca is not None:
        problem.params[:, system.pnames.index("cb_OralCa")] = oral_ca
    raw = solve_population(problem, rtol=rtol, dtype=np.float64)
    assert raw.status[0] == 0
    return {k: raw.values[0, :, i] for i, k in enumerate(wanted)}, problem.t_out
