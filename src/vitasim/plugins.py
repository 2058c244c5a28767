"""The vocabulary a nutrient plugs in: targets, candidate regimens, advice, forms, diet links, rules.

It sits below both :mod:`vitasim.physiology` and :mod:`vitasim.planner` (it imports neither), so
a nutrient folder declares its plug-ins without reaching up into the planner.  A physiology
folder may have

* ``plan.py`` exporting ``TARGETS`` (what the planner aims for and which doses it may try),
  ``FORMS`` (which form to take, and why), ``MONITORING`` (functions giving re-testing advice),
  ``DIET`` (how its supplements relate to foods) and ``INTAKES`` (a nutrient judged by intake
  against its dietary reference intakes);
* ``rules.py`` exporting ``RULES``: functions ``(Solution) -> list[Finding]``.

Any other public upper-case name in those files is rejected when the plug-ins are loaded (a typo
such as ``TARGET`` would otherwise be silently ignored), and every class here uses slots, so a
misspelt keyword or attribute fails at once.  The planner itself names no nutrient.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from vitasim.profile import Profile
from vitasim.rules import Finding, Rule


@dataclass(frozen=True, slots=True)
class Candidate:
    """One regimen the dose search may propose: regimen entries as in a profile, plus why."""

    label: str
    regimen: tuple[dict, ...]
    rationale: str = ""


@dataclass(frozen=True, slots=True)
class Target:
    """A published target for one output quantity, and the doses that may reach it.

    The search tries ``candidates`` in order and keeps the first that brings at least
    ``fraction_in`` of a virtual population matched to the person to ``low`` or above (or, with
    ``direction="below"``, to ``low`` or below) by ``by_day`` and keeps them there to the end of
    ``horizon_days``, while keeping at least ``fraction_safe`` below ``danger_high`` at all
    times.  Values are in the output's model unit.
    """

    code: str
    quantity: str
    low: float
    danger_high: float
    by_day: float
    horizon_days: float
    description: str
    refs: tuple[str, ...]
    supplements: tuple[str, ...]            # supplement keys this target governs
    candidates: tuple[Candidate, ...]
    applies: Callable[[Profile], str | None] = lambda profile: None   # None = applies, else why not
    forbids: Callable[[Profile], str | None] = lambda profile: None   # a contraindication: stop the nutrient
    choose: Callable[[Profile], tuple[Candidate, ...] | None] | None = None  # optional reordering
    fraction_in: float = 0.90
    fraction_safe: float = 0.99
    direction: str = "above"    # "below": the target is to stay at or below ``low`` (e.g. MMA)
    nutrient: str = ""          # plain name for summaries ("vitamin D")
    retest: str = ""            # when to re-test after starting (plain words), shown when the criterion is missed
    # What a clinician could add when no shelf regimen meets the criterion (None: nothing specific),
    # as (message, citation keys), computed from the person's own figures.
    clinician: Callable[[Profile], tuple[str, tuple[str, ...]] | None] = lambda profile: None


@dataclass(frozen=True, slots=True)
class FormAdvice:
    """Which form of a nutrient to prefer, and the evidence."""

    nutrient: str
    preferred: str
    message: str
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Advice:
    """A monitoring or referral recommendation (re-test a lab, see a clinician for a symptom)."""

    code: str
    message: str
    refs: tuple[str, ...] = ()
    when: str = ""
    summary: str = ""       # one plain line for the summary at the top of the output ("" = details only)

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "when": self.when, "refs": list(self.refs)}


MonitoringRule = Callable[[Profile, tuple], list[Advice]]


@dataclass(frozen=True, slots=True)
class DietLink:
    """How a module's supplements relate to a food nutrient, for 'what would diet alone take'.

    ``per_day`` converts a regimen item (amount in the supplement's unit) to the nutrient's
    amount per day in the food table's unit; ``foods`` are rich sources named as in the table.
    """

    nutrient: str
    supplements: tuple[str, ...]
    per_day: Callable[[object], float]
    foods: tuple[str, ...]
    refs: tuple[str, ...] = ("usda_fdc",)


@dataclass(frozen=True, slots=True)
class IntakeReference:
    """A nutrient judged by intake rather than by a simulated level (calcium): dietary reference intakes.

    ``recommended`` and ``upper_limit`` give the person's RDA and tolerable upper intake level (per
    day, in ``unit``); ``from_diet`` the intake from the listed diet (None: no diet listed, unknown);
    ``from_supplements`` the intake from regimen items.  The planner reports them; advice and
    safety findings stay with the module (its MONITORING and RULES).
    """

    nutrient: str
    unit: str
    recommended: Callable[[Profile], float]
    upper_limit: Callable[[Profile], float]
    from_diet: Callable[[Profile], float | None]
    from_supplements: Callable[[tuple], float]
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlanParts:
    """Every module's planner plug-ins, merged."""

    targets: tuple[Target, ...] = ()
    forms: tuple[FormAdvice, ...] = ()
    monitoring: tuple[MonitoringRule, ...] = field(default_factory=tuple)
    diet: tuple[DietLink, ...] = ()
    intakes: tuple[IntakeReference, ...] = ()


#: What each plug-in file may export, and the type of each item.
PLAN_EXPORTS = {"TARGETS": Target, "FORMS": FormAdvice, "MONITORING": None, "DIET": DietLink,
                "INTAKES": IntakeReference}
RULE_EXPORTS = {"RULES": None}


def checked_exports(module, allowed: dict[str, type | None]) -> dict[str, tuple]:
    """The plug-in lists a ``plan.py`` or ``rules.py`` exports, checked.

    Raises ``ModelDefinitionError`` for an unknown public upper-case name, a non-sequence, an item
    of the wrong type or a non-callable where a function is expected.
    """
    from vitasim.errors import ModelDefinitionError
    where = module.__name__
    unknown = [n for n in vars(module) if n.isupper() and not n.startswith("_") and n not in allowed
               and not _is_constant(getattr(module, n))]
    if unknown:
        raise ModelDefinitionError(f"{where}: unknown plug-in name {unknown[0]!r}; accepted: {', '.join(allowed)}")
    found: dict[str, tuple] = {}
    for name, kind in allowed.items():
        items = getattr(module, name, ())
        if not isinstance(items, (tuple, list)):
            raise ModelDefinitionError(f"{where}.{name} must be a tuple or list")
        for item in items:
            if kind is None and not callable(item):
                raise ModelDefinitionError(f"{where}.{name}: {item!r} is not a function")
            if kind is not None and not isinstance(item, kind):
                raise ModelDefinitionError(f"{where}.{name}: expected {kind.__name__}, got {type(item).__name__}")
        found[name] = tuple(items)
    return found


def _is_constant(value) -> bool:
    """Module-level constants (numbers, strings, tuples of them, mappings) are not plug-in lists."""
    if isinstance(value, (int, float, str, bytes, frozenset, set, dict)):
        return True
    if isinstance(value, (tuple, list)):
        return all(isinstance(v, (int, float, str, tuple)) for v in value)
    return False


__all__ = ["Advice", "Candidate", "DietLink", "Finding", "FormAdvice", "IntakeReference", "MonitoringRule", "PLAN_EXPORTS", "PlanParts",
           "RULE_EXPORTS", "Rule",
           "Target", "checked_exports"]
