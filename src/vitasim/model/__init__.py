"""Model vocabulary (Parameter, State, Module...) and :func:`assemble` into one System."""
from vitasim.model.parts import (Covariate, Derived, Intermediate, Module, Output, Parameter, State,
                                 Supplement)
from vitasim.model.system import System, assemble, with_parameters

__all__ = ["Covariate", "Derived", "Intermediate", "Module", "Output", "Parameter", "State",
           "Supplement", "System", "assemble", "with_parameters"]
