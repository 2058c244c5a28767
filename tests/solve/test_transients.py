"""Exact integration of states that decay linearly on their own (absorption depots).

The detection reads the equations (never names); the explicit passes then write such a state in
closed form between doses.  Checked against scipy's Radau at a tight tolerance on a small model
with two depots feeding a saturable central compartment, irregular dose times, a missed dose, two
doses at once and a dose into the non-depot state.
"""
from types import SimpleNamespace

import numpy as np
import pytest

from vitasim.model import Intermediate, Module, Output, Parameter, State, assemble
from vitasim.solve import Problem, solve_population, solve_reference
from vitasim.solve.codegen import compile_system
from vitasim.solve.transients import exact_states, is_linear_decay


def _par(name, value, unit):
    return Parameter(name, value, unit, "vitasim_gap", f"{name} (test only)", cv=0.3)


DEPOTS = Module(
    name="depots_tr", description="two first-order depots into a saturable compartment (test only)",
    parameters=(_par("ka", 0.6, "1/h"), _par("ka2", 0.15, "1/h"), _par("kloss", 0.05, "1/h"),
                _par("vmax", 4.0, "nmol/h"), _par("km", 20.0, "nmol"), _par("kel", 0.02, "1/h"),
                _par("k0", 0.3, "nmol/h"), _par("ks", 0.004, "1/h")),
    states=(State("g", "nmol", "first depot"), State("g2", "nmol", "second depot"),
            State("c", "nmol", "central", initial="10"), State("s", "nmol", "slow store", initial="50")),
    intermediates=(Intermediate("k_out2", "ka2 + kloss", "1/h", "the second depot's total loss rate"),),
    equations={"g": "-ka * g", "g2": "-k_out2 * g2",
               "c": "ka * g + ka2 * g2 + k0 - vmax * c / (km + c) - kel * c", "s": "kel * c - ks * s"},
    outputs=(Output("g_out", "g", "nmol", "first depot"), Output("c_out", "c", "nmol", "central"),
             Output("s_out", "s", "nmol", "slow store")))

# irregular: a late dose, a missed day (nothing between 31.7 h and 80 h), two doses at one time,
# a dose into the central (non-depot) state, and an output at a dose time (the trough)
EV = [(0.0, "g", 100.0), (9.5, "g", 60.0), (9.5, "g2", 200.0), (24.0, "g", 100.0), (31.7, "g", 100.0),
      (80.0, "g", 150.0), (80.0, "g2", 80.0), (96.25, "c", 25.0), (100.0, "g", 100.0)]


@pytest.fixture(scope="module")
def problem():
    system = assemble(DEPOTS)
    n = 4
    rng = np.random.default_rng(3)
    params = np.tile([p.value for p in system.parameters], (n, 1)) * np.exp(0.3 * rng.standard_normal((n, 8)))
    params = np.ascontiguousarray(params)
    y0 = np.zeros((n, len(system.states)))
    compile_system(system).prepare_population(params, y0)
    t_out = np.union1d(np.arange(0.0, 145.0, 3.0), [9.5, 31.7, 96.25])
    return Problem(system, params, y0, np.array([e[0] for e in EV]),
                   np.array([system.sindex(e[1]) for e in EV], dtype=np.int64), np.array([e[2] for e in EV]),
                   t_out, np.arange(3, dtype=np.int64))


def test_detection_reads_the_equations_not_the_names():
    system = assemble(DEPOTS)
    assert [system.snames[i] for i in exact_states(system)] == ["g", "g2"]   # through an intermediate too
    assert compile_system(system).module.FULL_EXACT_IDX.tolist() == [0, 1]


@pytest.mark.parametrize("eq, linear", [
    ("-k * x", True), ("-(k + j) * x", True), ("-x * k / v", True), ("-k * x - j * x", True),
    ("-exp(-k) * x", True), ("-r * x", True),
    ("-k * x + 1", False), ("-k * x * x", False), ("-k * x + y", False), ("-k * x / (j + x)", False),
    ("-k * exp(x)", False), ("-k * x ** 2", False), ("0 * x", False), ("k / x", False), ("-q * x", False)])
def test_linear_decay_forms(eq, linear):
    """Only the equation's form counts (units are not needed for it): ``r`` is an intermediate
    from parameters, ``q`` one that reads the other state."""
    system = SimpleNamespace(equations={"x": eq, "y": "-k * y"}, snames=["x", "y"],
                             intermediates=(Intermediate("r", "k + j", "1/h", "rate"),
                                            Intermediate("q", "k * y", "1/h", "state-dependent rate")))
    assert is_linear_decay(system, "x") is linear


def _analytic_depot(problem, person, state):
    """Superposed exponentials of the doses into ``state`` at the output times (pre-dose at a dose time)."""
    k = problem.params[person, 0] if state == "g" else problem.params[person, 1] + problem.params[person, 2]
    idx = problem.system.sindex(state)
    out = np.zeros(problem.t_out.size)
    for t_e, s, a in zip(problem.ev_t, problem.ev_s, problem.ev_a):
        if s == idx:
            later = problem.t_out > t_e
            out[later] += a * np.exp(-k * (problem.t_out[later] - t_e))
    return out


@pytest.mark.parametrize("exact", [True, False], ids=["exact-depots", "integrated-depots"])
def test_matches_radau_with_irregular_and_missed_doses(problem, exact):
    ref = solve_reference(problem, rtol=1e-10)
    raw = solve_population(problem, rtol=1e-7, dtype=np.float64, method="dopri5", exact=exact)
    assert raw.ok and ref.ok
    rel = np.abs(raw.values - ref.values) / np.maximum(np.abs(ref.values).max(axis=1, keepdims=True), 1e-12)
    assert rel.max() < 1e-5, rel.max(axis=(0, 1))
    for person in range(problem.n):
        depot = _analytic_depot(problem, person, "g")
        tol = 1e-12 if exact else 1e-5
        assert np.allclose(raw.values[person, :, 0], depot, rtol=tol, atol=tol * depot.max())


def test_exact_depots_take_fewer_steps(problem):
    """Same answer, fewer steps: the depots no longer limit the steps."""
    a = solve_population(problem, rtol=1e-6, dtype=np.float64, method="dopri5", exact=True)
    b = solve_population(problem, rtol=1e-6, dtype=np.float64, method="dopri5", exact=False)
    assert a.stats[:, 0].sum() < b.stats[:, 0].sum()
