"""The typed results of ``check`` and ``plan``: frozen data, rendered by :mod:`vitasim.report`.

A :class:`PlanResult` keeps the numbers in model units and the :class:`~vitasim.solution.Solution`
objects it was judged on (the final regimen's, and each target's evaluation), so a report plots
exactly the virtual people the plan judged.  The JSON contract (``vitasim.plan/1``), the terminal
text and the HTML report are all drawn from one view of it (:func:`vitasim.report.contract.plan_view`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from vitasim.plugins import Advice, FormAdvice, Target
from vitasim.profile import Profile
from vitasim.regimen import DoseItem
from vitasim.rules import Finding
from vitasim.solution import Solution

Status = Literal["met", "not met", "unsafe", "best safe regimen", "no safe regimen found", "not applicable",
                 "contraindicated"]


@dataclass(frozen=True, slots=True)
class Change:
    """A change to the regimen the plan proposes (``start`` or ``stop``), in words."""

    action: Literal["start", "stop"]
    item: str
    reason: str


@dataclass(frozen=True, slots=True)
class TargetOutcome:
    """How the (current or proposed) regimen fares against one target.

    ``fraction_in`` / ``fraction_safe`` and the percentiles (median, p5, p95; model unit) exist when
    the target was evaluated; ``solution`` is the virtual population it was judged on.  Status
    ``best safe regimen``: no candidate met the criterion, and ``label`` is the safe one that brings
    the most people to the target (proposed, with its honest chance and the clinician's option).
    """

    target: Target
    status: Status
    reason: str = ""
    label: str = ""
    fraction_in: float | None = None
    fraction_safe: float | None = None
    at_by_day: tuple[float, float, float] | None = None
    at_end: tuple[float, float, float] | None = None
    solution: Solution | None = None

    @property
    def evaluated(self) -> bool:
        return self.fraction_in is not None


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why the planner concluded what it did for one target, with the evidence."""

    target: str
    message: str
    refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IntakeOutcome:
    """Intake of a nutrient judged by its dietary reference intakes (amounts per day in ``unit``).

    ``from_diet`` and ``total`` are None when no diet is listed (unknown, never assumed);
    ``status``: "below recommended", "meets recommended", "above upper limit" or "unknown".
    """

    nutrient: str
    unit: str
    from_diet: float | None
    from_supplements: float
    total: float | None
    recommended: float
    upper_limit: float
    status: str
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FoodEquivalent:
    """How much of one food supplies what the planned supplements supply per day."""

    nutrient: str
    supplement_amount_per_day: float
    food: str
    grams_per_day: float
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DietSummary:
    """Intake from the listed diet (nutrient -> amount, unit, foods with no value) and food equivalents."""

    intake_per_day: dict
    food_instead_of_supplements: tuple[FoodEquivalent, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanResult:
    """What ``check`` (review the regimen as it is) or ``plan`` (propose one) found."""

    kind: Literal["check", "plan"]
    profile: Profile
    regimen: tuple[DoseItem, ...]
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]
    targets: tuple[TargetOutcome, ...]
    monitoring: tuple[Advice, ...]
    forms: tuple[FormAdvice, ...]
    diet: DietSummary
    explanations: tuple[Explanation, ...]
    solution: Solution              # the final regimen, simulated; the findings come from it
    population: int
    seed: int
    assumptions: tuple[str, ...] = ()   # what was assumed rather than read from the profile, in words
    intakes: tuple[IntakeOutcome, ...] = ()   # nutrients judged by intake (calcium) against their DRIs

    @property
    def summary(self) -> tuple[str, ...]:
        """What to do now, worst first, at most five plain lines (:mod:`vitasim.planner.summary`)."""
        from vitasim.planner.summary import summarize
        return summarize(self)

    @property
    def dangers(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "danger")

    def to_dict(self) -> dict:
        """The ``vitasim.plan/1`` JSON contract (see :mod:`vitasim.report.contract`)."""
        from vitasim.report.contract import plan_view
        return plan_view(self)


__all__ = ["Change", "DietSummary", "Explanation", "FoodEquivalent", "IntakeOutcome", "PlanResult", "Status", "TargetOutcome"]
