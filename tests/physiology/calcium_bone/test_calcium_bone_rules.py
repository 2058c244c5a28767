"""Table-driven tests of the calcium/bone rules."""
import numpy as np
import pytest

import vitasim
from vitasim.physiology.calcium_bone.rules import hypercalcaemia
from vitasim.solution import Solution
from vitasim.simulate import default_system


@pytest.mark.parametrize("peak, fires", [(2.35, False), (2.60, False), (2.61, True), (3.0, True)])
def test_CA_HYPERCALCAEMIA(peak, fires):
    ca = np.array([[2.35, peak, 2.4]])
    ctx = Solution.from_values(vitasim.load_profile({}), default_system(), 3.0, np.arange(3.0), {"serum_calcium": ca}, ())
    found = hypercalcaemia(ctx)
    assert bool(found) == fires
    if fires:
        assert found[0].code == "CA_HYPERCALCAEMIA" and found[0].severity == "danger"
