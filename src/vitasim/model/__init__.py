"""Model vocabulary (Parameter, State, Module...) and :func:`assemble` into one System."""
from vitasim.model.parts import (Condition, Covariate, Derived, Input, Intermediate, LiteralUnit, Medication, Module,
                                 Output, Parameter, State, Supplement)
from vitasim.model.system import System, assemble, with_parameters

__all__ = ["Condition", "Covariate", "Derived", "Input", "Intermediate", "LiteralUnit", "Medication", "Module",
           "Output", "Parameter", "State", "Supplement", "System", "assemble", "with_parameters"]
