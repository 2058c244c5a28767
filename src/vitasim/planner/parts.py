"""The vocabulary nutrient modules use to plug into the planner.

A physiology folder may have ``plan.py`` exporting ``TARGETS`` (what the planner aims for and
which doses it may try), ``FORMS`` (which form to take, and why) and ``MONITORING`` (functions
giving re-testing advice).  The planner itself names no nutrient.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from vitasim.profile import Profile


@dataclass(frozen=True)
class Candidate:
    """One regimen the dose search may propose: regimen entries as in a profile, plus why."""

    label: str
    regimen: tuple[dict, ...]
    rationale: str = ""


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class FormAdvice:
    """Which form of a nutrient to prefer, and the evidence."""

    nutrient: str
    preferred: str
    message: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class Advice:
    """A monitoring or referral recommendation (re-test a lab, see a clinician for a symptom)."""

    code: str
    message: str
    refs: tuple[str, ...] = ()
    when: str = ""

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "when": self.when, "refs": list(self.refs)}


MonitoringRule = Callable[[Profile, tuple], list[Advice]]


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class PlanParts:
    targets: tuple[Target, ...] = ()
    forms: tuple[FormAdvice, ...] = ()
    monitoring: tuple[MonitoringRule, ...] = field(default_factory=tuple)
    diet: tuple[DietLink, ...] = ()
