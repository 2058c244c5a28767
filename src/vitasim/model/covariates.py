"""The person covariates several modules read, declared once.

A module that reads body weight lists :data:`WEIGHT` among its covariates instead of writing its
own declaration; assembly rejects two different declarations of one covariate, so the default,
bounds and unit of ``weight`` are the same whichever modules are assembled (the numbers of a
subsystem are those of the full system).  The profile fills these from its person fields by
``name`` (see :meth:`vitasim.profile.Profile.covariate`).

Height is not declared here: no module reads it yet, and its default would need a source.
"""
from __future__ import annotations

from vitasim.model.parts import Covariate

AGE = Covariate("age", "y", 70.0, 18.0, 120.0, "vitasim_gap", "age (default: an assumed 70 y)")

WEIGHT = Covariate("weight", "kg", 70.0, 25.0, 300.0, "anderson2008", "body weight")

EGFR = Covariate("egfr", "mL/min/1.73m2", 75.0, 1.0, 200.0, "vitasim_gap",
                 "estimated glomerular filtration rate (default: an assumed typical value at 70 y)")

# The default is the full system's (B12 declared it first, and the first declaration won): a
# person of unknown sex is half-way between the sex-specific values.  The calcium and vitamin K
# modules declared 1 (woman), which only took effect when they ran without B12.
SEX_FEMALE = Covariate("sex_female", "1", 0.5, 0.0, 1.0, "iom1998", "1 female, 0 male (default: halfway)")

SHARED: tuple[Covariate, ...] = (AGE, WEIGHT, EGFR, SEX_FEMALE)
