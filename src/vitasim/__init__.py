"""vitasim: vitamin D, K2, B12 and magnesium in an ageing body, as executable physiology.

Not a medical device. The public API:

* :func:`load_profile` -- read and validate a profile (YAML/JSON file or dict);
* :func:`simulate` -- simulate one person or a virtual population;
* :func:`cite` -- format a reference from the project's reference list.
"""
from vitasim.api import DISCLAIMER, load_profile, simulate
from vitasim.errors import ModelDefinitionError, VitasimError, VitasimInputError
from vitasim.refs import cite

__version__ = "0.1.0"

__all__ = ["DISCLAIMER", "ModelDefinitionError", "VitasimError", "VitasimInputError", "__version__", "cite",
           "load_profile", "simulate"]
