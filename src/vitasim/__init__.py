"""vitasim: vitamin D, K2, B12 and magnesium in an ageing body, as executable physiology.

Not a medical device. The public API:

* :func:`load_profile` -- read and validate a profile (YAML/JSON file or dict);
* :func:`simulate` -- simulate one person or a virtual population, returning a :class:`Solution`;
* :func:`check` -- review a profile's regimen (a typed :class:`~vitasim.planner.PlanResult`);
* :func:`plan` -- propose a safe regimen that reaches the targets (same result type);
* :func:`fit` -- learn a person's own parameters from their dated labs (:mod:`vitasim.fit`);
* :func:`cite` -- format a reference from the project's reference list.
"""
__version__ = "0.2.0"

from vitasim.errors import ModelDefinitionError, VitasimError, VitasimInputError  # noqa: E402
from vitasim.planner import check, plan  # noqa: E402  (loads the vitasim.simulate module first...)
from vitasim.api import DISCLAIMER, load_profile, simulate  # noqa: E402  (...so the function wins the name)
from vitasim.refs import cite  # noqa: E402
from vitasim.fit import fit  # noqa: E402  (the function wins the name, as for simulate)
from vitasim.solution import Solution  # noqa: E402

__all__ = ["DISCLAIMER", "ModelDefinitionError", "Solution", "VitasimError", "VitasimInputError", "__version__",
           "check", "cite", "fit", "load_profile", "plan", "simulate"]
