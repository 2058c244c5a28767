"""Findings and the rule runner; the rules themselves live with their nutrient.

A rule is a function ``(Solution) -> list[Finding]``: it reads the profile and the predicted
per-person trajectories of a :class:`~vitasim.solution.Solution`.  Findings with the same code are
merged keeping the most severe: a ``danger`` is never downgraded by a later rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from typing import TYPE_CHECKING

from vitasim.profile import Profile

if TYPE_CHECKING:
    from vitasim.solution import Solution

SEVERITIES = ("info", "caution", "danger")


@dataclass(frozen=True)
class Finding:
    """A safety or information message: stable ``code``, ``severity``, text and citation keys."""

    code: str
    severity: str
    message: str
    refs: tuple[str, ...] = ()
    action: str = ""    # what to do now, in one plain line, for the summary ("" = the message's first sentence)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}")

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message, "refs": list(self.refs)}


Rule = Callable[["Solution"], Iterable[Finding]]


def medications_in(profile: Profile, medication_class: str) -> tuple[str, ...]:
    """The person's medicines (keys, as listed) that belong to ``medication_class``.

    A message that names the person's medicines names these, never the whole list: "vitamin K
    with a vitamin K antagonist (warfarin)", not "(warfarin, omeprazole)".
    """
    from vitasim import names
    resolver = names.medications()
    found = []
    for key in profile.medications:
        med = resolver.get(key)
        if med is not None and medication_class in med.classes:
            found.append(key)
    return tuple(found)


def rounded(value: float, sig: int = 3) -> str:
    """A number as people read it: at most ``sig`` significant figures, thousands separated.

    4286.0 -> "4,290"; 336134 -> "336,000"; 0.0456 -> "0.0456".  Messages quote computed amounts
    this way so that no figure claims more precision than the model has.
    """
    if value == 0 or value != value or value in (float("inf"), float("-inf")):
        return f"{value:g}"
    from math import floor, log10
    digits = sig - 1 - int(floor(log10(abs(value))))
    r = round(value, digits)
    if digits <= 0:
        return f"{int(r):,}"
    return f"{r:,.{digits}f}".rstrip("0").rstrip(".")


def merge(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per code, the most severe kept; sorted danger first, then by code."""
    best: dict[str, Finding] = {}
    for f in findings:
        old = best.get(f.code)
        if old is None or SEVERITIES.index(f.severity) > SEVERITIES.index(old.severity):
            best[f.code] = f
    return sorted(best.values(), key=lambda f: (-SEVERITIES.index(f.severity), f.code))


def run_rules(rules: Iterable[Rule], solution: "Solution") -> list[Finding]:
    """Apply every rule and merge the findings."""
    found: list[Finding] = []
    for rule in rules:
        found.extend(rule(solution))
    return merge(found)


def profile_findings(profile: Profile) -> list[Finding]:
    """Unknown medicines and conditions are reported, never silently ignored."""
    found = []
    for kind, items in (("medication", profile.unknown_medications), ("condition", profile.unknown_conditions)):
        if not items:
            continue
        names = "; ".join(f"'{name}'" + (f" (did you mean '{near}'?)" if near else "") for name, near in items)
        text = f"Unknown {kind}{'s' if len(items) > 1 else ''} {names}: not checked for interactions."
        if kind == "medication":
            found.append(Finding("PROFILE_UNKNOWN_MEDICATION", "caution", text, ()))
        else:
            found.append(Finding("PROFILE_UNKNOWN_CONDITION", "caution", text, ()))
    if profile.assumptions:
        found.append(Finding("PROFILE_ASSUMPTION", "info",
                             "Computed from the profile: " + "; ".join(profile.assumptions) + ".",
                             ("inker2021",) if profile.egfr_from_creatinine else ()))
    return found
