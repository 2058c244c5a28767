"""The small vocabulary a physiological module is declared in.

One line per item, each carrying its unit and, for numbers, the citation key of its source
(see :mod:`vitasim.refs`).  These objects are immutable data: nothing here knows how the
equations are solved.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Parameter:
    """A model constant with its unit, source and, where published, its between-person variability.

    ``cv`` is the coefficient of variation of a log-normal between-person distribution (0.3 means
    30 %); ``None`` means no published variability, so every virtual person shares the value.
    """

    name: str
    value: float
    unit: str
    source: str
    description: str
    cv: float | None = None
    cv_source: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Covariate:
    """A per-person input taken from the profile (body weight, age, a baseline lab value).

    ``default`` is used when the profile does not give it; ``low``/``high`` bound what the
    model accepts, and ``source`` justifies the default.  Where the value comes from:

    * ``lab`` set: the profile's ``labs`` under that key (or one of ``lab_synonyms``), converted
      to ``unit`` through ``compound``'s molar mass when needed (``unit == "1"``: a bare number,
      such as an INR);
    * ``medication_class`` set: 1 if any of the person's medications is in that class, else 0;
    * ``condition`` set: 1 if the person has that condition, else 0;
    * ``diet`` set (a nutrient of :mod:`vitasim.diet`): the intake per day from the profile's
      ``diet`` list, in the food table's unit (ug or mg) per day, when a diet is given;
    * otherwise the person field of the same name: ``weight`` (kg), ``age`` (years), ``egfr``
      (mL/min/1.73m2), ``height`` (cm) or ``sex_female`` (1 female, 0 male).

    The person covariates several modules read are declared once in
    :mod:`vitasim.model.covariates`; assembly rejects two different declarations of one name.
    """

    name: str
    unit: str
    default: float
    low: float
    high: float
    source: str
    description: str
    lab: str | None = None
    compound: str | None = None
    lab_synonyms: tuple[str, ...] = ()
    medication_class: str | None = None
    condition: str | None = None
    diet: str | None = None


@dataclass(frozen=True)
class Derived:
    """A per-person quantity computed once before integration (like NONMEM's $PK block)."""

    name: str
    expr: str
    unit: str
    description: str


@dataclass(frozen=True)
class State:
    """A state variable of the ODE system; ``initial`` is an expression of parameters."""

    name: str
    unit: str
    description: str
    initial: str = "0"


@dataclass(frozen=True)
class Intermediate:
    """A named algebraic quantity evaluated inside the right-hand side (an assignment rule)."""

    name: str
    expr: str
    unit: str
    description: str


@dataclass(frozen=True)
class Output:
    """A named, unit-carrying quantity users see (``25ohd``, ``calcitriol``...).

    ``compound`` names the substance for mass<->molar conversions in :mod:`vitasim.units`.
    """

    name: str
    expr: str
    unit: str
    description: str
    compound: str | None = None
    display_unit: str | None = None


@dataclass(frozen=True)
class Supplement:
    """A dosable form: the names people use for it and the state its doses land in.

    Doses are converted to ``amount_unit`` of ``compound`` (molar amounts use the compound's
    molar mass and, for IU, its IU-per-microgram factor from :mod:`vitasim.units`).  A dose by
    route ``r`` lands in the state paired with ``r`` in ``route_states``, else in ``state``.
    """

    def state_for(self, route: str) -> str:
        return dict(self.route_states).get(route, self.state)

    key: str
    compound: str
    state: str
    amount_unit: str
    synonyms: tuple[str, ...]
    routes: tuple[str, ...] = ("oral",)
    description: str = ""
    route_states: tuple[tuple[str, str], ...] = ()
    max_single_dose: str = ""
    max_single_dose_source: str = ""


@dataclass(frozen=True)
class Medication:
    """A medicine a module knows: its generic name, brand names, and the classes rules test for.

    The same medicine may be declared by several modules (a PPI matters to B12 and magnesium);
    declarations are merged by ``key``.
    """

    key: str
    classes: tuple[str, ...]
    synonyms: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Condition:
    """A health condition a module knows (merged by ``key`` across modules)."""

    key: str
    synonyms: tuple[str, ...] = ()
    description: str = ""
    source: str = ""


@dataclass(frozen=True)
class Input:
    """A name this module reads that another module defines (loose coupling between modules).

    ``unit`` is the unit the reader expects: assembly checks that the module defining the name
    declares the same unit (numbers pass between modules unconverted).  ``default`` is the
    expression used when no assembled module defines the name.
    """

    name: str
    unit: str
    default: str
    description: str


@dataclass(frozen=True)
class LiteralUnit:
    """A number written in one of the module's expressions that carries a unit the text hides.

    Only for expressions taken verbatim from a published model (the calcium model's SBML writes
    ``0.693`` for ln 2 per hour): ``where`` names the state whose equation or initial value,
    or the output whose expression, holds ``value``, which the dimension check then reads in
    ``unit``.
    """

    where: str
    value: float
    unit: str
    why: str


@dataclass(frozen=True)
class Module:
    """A physiological module declared as data: the only thing a nutrient author writes.

    ``inputs`` couples modules loosely: names this module reads that another module may define
    (for example the magnesium cofactor effect on vitamin D activation), each with its unit and a
    default expression used when no assembled module defines it.  A module reads only what it
    declares: its own items, its covariates (shared ones from :mod:`vitasim.model.covariates`)
    and its inputs.  ``literal_units`` declares numbers with a hidden unit (see LiteralUnit).
    """

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    states: tuple[State, ...]
    equations: dict[str, str]
    intermediates: tuple[Intermediate, ...] = ()
    derived: tuple[Derived, ...] = ()
    covariates: tuple[Covariate, ...] = ()
    outputs: tuple[Output, ...] = ()
    supplements: tuple[Supplement, ...] = ()
    medications: tuple[Medication, ...] = ()
    conditions: tuple[Condition, ...] = ()
    inputs: tuple[Input, ...] = ()
    time_unit: str = "h"
    literal_units: tuple[LiteralUnit, ...] = ()
