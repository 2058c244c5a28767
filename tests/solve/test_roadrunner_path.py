"""The libroadrunner solver (same protocol) against the reference path and a closed form."""
import sys

import numpy as np
import pytest

from vitasim.model import Module, Output, Parameter, State, assemble
from vitasim.solve import Problem, RoadrunnerSolver, get_solver, solve_reference, solver_names
from vitasim.solve.codegen import compile_system
from vitasim.solve.status import SolveStatus

KA, V, DOSE = 0.9, 12.0, 100.0
ONE_CPT = Module(
    name="one_cpt_rr",
    description="one-compartment model with first-order absorption (test only)",
    parameters=(Parameter("ka", KA, "1/h", "vitasim_gap", "absorption rate"),
                Parameter("k", 0.07, "1/h", "vitasim_gap", "elimination rate"),
                Parameter("v", V, "L", "vitasim_gap", "volume")),
    states=(State("gut", "nmol", "depot"), State("cen", "nmol", "central amount")),
    equations={"gut": "-ka * gut", "cen": "ka * gut - k * cen"},
    outputs=(Output("conc", "cen / v", "nmol/L", "concentration"), Output("depot", "gut", "nmol", "depot")),
)
T_OUT = np.array([0.0, 1.0, 6.0, 24.0, 25.0, 48.0])


def problem(ks):
    system = assemble(ONE_CPT)
    n = len(ks)
    P = np.column_stack([np.full(n, KA), ks, np.full(n, V)])
    Y0 = np.zeros((n, 2))
    compile_system(system).prepare_population(P, Y0)
    return Problem(system, P, Y0, np.array([0.0, 24.0]), np.zeros(2, dtype=np.int64), np.full(2, DOSE),
                   T_OUT.copy(), np.array([0, 1], dtype=np.int64))


def test_registered_with_the_other_solvers():
    assert {"population", "reference", "roadrunner"} <= set(solver_names())
    solver = get_solver("roadrunner", rtol=1e-8)
    assert isinstance(solver, RoadrunnerSolver) and solver.rtol == 1e-8 and solver.name == "roadrunner"


def test_matches_reference_path_per_person_with_doses_and_troughs():
    pytest.importorskip("roadrunner")
    pytest.importorskip("antimony")
    prob = problem(np.array([0.02, 0.07, 0.5]))   # each person their own elimination rate
    rr = get_solver("roadrunner").solve(prob)
    ref = solve_reference(prob)
    assert rr.ok and rr.method == "roadrunner/cvode" and rr.values.shape == (3, T_OUT.size, 2)
    np.testing.assert_allclose(rr.values, ref.values, rtol=1e-7, atol=1e-10)
    # 24 h: recorded before the second dose lands in the gut (the trough rule); 25 h: one hour after it
    np.testing.assert_allclose(rr.values[:, 3, 1], DOSE * np.exp(-KA * 24.0), rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(rr.values[:, 4, 1], DOSE * np.exp(-KA * 25.0) + DOSE * np.exp(-KA), rtol=1e-6)
    assert not np.allclose(rr.values[0, :, 0], rr.values[2, :, 0])


def test_clear_error_without_libroadrunner(monkeypatch):
    monkeypatch.setitem(sys.modules, "roadrunner", None)   # import roadrunner -> ImportError
    with pytest.raises(ImportError, match="libroadrunner"):
        RoadrunnerSolver().solve(problem(np.array([0.07])))


def test_status_codes_are_named():
    assert [int(s) for s in SolveStatus] == [0, 1, 2]
    raw = solve_reference(problem(np.array([0.07, 0.1])))
    assert raw.statuses() == [SolveStatus.OK, SolveStatus.OK]
    assert set(raw.stats_by_name) == {"steps", "rejected", "rhs_evaluations", "jacobians", "failures"}
    assert np.all(raw.stats_by_name["steps"] > 0)
