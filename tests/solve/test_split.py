"""Two-block integration of a block-triangular system: the non-stiff part first, the stiff part after."""
import numpy as np
import pytest

import vitasim
from vitasim.simulate import build_problem, default_system
from vitasim.solve import solve_population
from vitasim.solve.population_path import stiff_block
from vitasim.solve.sparsity import state_dependencies

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


def test_stiff_block_is_read_by_nothing_outside_it(problem):
    system = problem.system
    down = stiff_block(problem)
    assert down is not None and 0 < len(down) < len(system.states)
    inside = {system.snames[i] for i in down}
    for i, deps in enumerate(state_dependencies(system)):
        if system.snames[i] not in inside:
            assert not deps & inside, system.snames[i]
    assert "c25" not in inside and "cb_PTH" in inside  # vitamin D kinetics explicit, PTH implicit


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
