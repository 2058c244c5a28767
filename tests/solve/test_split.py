"""Two-block integration of a block-triangular system: the non-stiff part first, the stiff part after."""
import numpy as np
import pytest

import vitasim
from vitasim.simulate import build_problem, default_system
from vitasim.solve import solve_population
from vitasim.solve.codegen import compile_system
from vitasim.solve.population_path import STIFF_RATE, stiff_block

PROFILE = {"person": {"age": 72, "sex": "female", "weight": "68 kg"}, "labs": {"25ohd": "16 ng/mL"},
           "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"},
                       {"supplement": "MK-7", "dose": "90 ug", "every": "1 day"},
                       {"supplement": "magnesium citrate", "dose": "200 mg", "every": "1 day"},
                       {"supplement": "calcium carbonate", "dose": "500 mg", "every": "1 day", "start": "20 days"}]}
QUANTITIES = ["25ohd", "serum_calcium", "pth", "calcitriol", "bmd_lumbar_change_pct", "mg_serum"]


@pytest.fixture(scope="module")
def problem():
    return build_problem(default_system(), vitasim.load_profile(PROFILE), days=90, population=3, seed=4,
                         quantities=QUANTITIES, output_every_days=1)[0]


def test_first_block_derivatives_do_not_move_with_the_stiff_block(problem):
    """Checked on the equations' numbers, not on the dependency analysis that chose the block:
    scaling every stiff-block state by 0.5..2 (one person, mid-regimen) leaves every derivative of
    the other states bit for bit unchanged, while the stiff block's own derivatives do move."""
    system = problem.system
    gen = compile_system(system)
    down = list(stiff_block(problem))
    up = [i for i in range(len(system.states)) if i not in set(down)]
    y = np.ascontiguousarray(problem.y0[0], dtype=float).copy()
    y[problem.ev_s[:4]] += problem.ev_a[:4]          # doses in the gut: the vitamin states move too
    p = problem.params[0]
    f0, f1 = np.empty(y.size), np.empty(y.size)
    gen.rhs(y, p, f0)
    rng = np.random.default_rng(0)
    for _ in range(5):
        yy = y.copy()
        yy[down] *= rng.uniform(0.5, 2.0, size=len(down))
        gen.rhs(yy, p, f1)
        assert np.array_equal(f1[up], f0[up])
        assert not np.array_equal(f1[down], f0[down])


def test_block_is_the_bone_model_and_the_rest_is_not_stiff(problem):
    """The vitamin kinetics (states, not intermediates) stay explicit; PTH and every state that
    decays at STIFF_RATE or faster is in the implicit block; what is left is non-stiff."""
    system = problem.system
    down = stiff_block(problem)
    assert down is not None and 0 < len(down) < len(system.states)
    inside = {system.snames[i] for i in down}
    for state in ("ohd3", "d3_c", "d3_gut", "k1_c", "mk7_c", "b12_circ", "mg_ecf"):
        assert state in system.snames and state not in inside, state
    assert "cb_PTH" in inside
    jac = compile_system(system).jacobian_at(np.ascontiguousarray(problem.y0[0], dtype=float), problem.params[0])
    fast = {system.snames[i] for i in range(jac.shape[0]) if abs(jac[i, i]) >= STIFF_RATE}
    assert fast and fast <= inside
    up = [i for i in range(len(system.states)) if i not in set(down)]
    assert np.max(np.abs(np.linalg.eigvals(jac[np.ix_(up, up)]).real)) < STIFF_RATE


def test_two_blocks_match_one_block(problem):
    """Same answer as integrating every state with Rosenbrock, to the tolerance both run at:
    rtol 1e-6 -> 2e-5 relative on 25(OH)D, Ca, PTH, calcitriol, Mg; BMD change within 1e-4
    percentage points (its state, relative BMD ~1, is held to 1e-6 relative).  Calcium doses
    (into the stiff block) start on day 20, the vitamins (the other block) every day."""
    one = solve_population(problem, rtol=1e-6, split=False)
    two = solve_population(problem, rtol=1e-6)
    assert one.ok and two.ok
    assert one.method == "population/rosenbrock" and two.method == "population/dopri5+rosenbrock"
    a = one.values.astype(float)
    b = two.values.astype(float)
    for k, q in enumerate(QUANTITIES):
        if q == "bmd_lumbar_change_pct":
            assert np.max(np.abs(a[..., k] - b[..., k])) < 1e-4
        else:
            assert np.max(np.abs(a[..., k] / b[..., k] - 1)) < 2e-5, q
    assert two.stats[:, 0].sum() < 0.6 * one.stats[:, 0].sum()  # fewer steps: the point of the split
