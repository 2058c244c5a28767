"""Findings and the rule runner; the rules themselves live with their nutrient.

A rule is a function ``(RuleContext) -> list[Finding]``.  Findings with the same code are
merged keeping the most severe: a ``danger`` is never downgraded by a later rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from vitasim.model import System
from vitasim.profile import Profile

SEVERITIES = ("info", "caution", "danger")


@dataclass(frozen=True)
class Finding:
    """A safety or information message: stable ``code``, ``severity``, text and citation keys."""

    code: str
    severity: str
    message: str
    refs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}")

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message, "refs": list(self.refs)}


@dataclass(frozen=True)
class RuleContext:
    """What rules may look at: the profile, horizon and per-person predicted values."""

    profile: Profile
    system: System
    days: float
    t_days: np.ndarray
    per_person: dict[str, np.ndarray]   # quantity -> (N, T) in the output's model unit
    defaulted: tuple[str, ...]

    @property
    def population(self) -> int:
        first = next(iter(self.per_person.values()), None)
        return 1 if first is None else int(first.shape[0])


Rule = Callable[[RuleContext], Iterable[Finding]]


def merge(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per code, the most severe kept; sorted danger first, then by code."""
    best: dict[str, Finding] = {}
    for f in findings:
        old = best.get(f.code)
        if old is None or SEVERITIES.index(f.severity) > SEVERITIES.index(old.severity):
            best[f.code] = f
    return sorted(best.values(), key=lambda f: (-SEVERITIES.index(f.severity), f.code))


def run_rules(rules: Iterable[Rule], context: RuleContext) -> list[Finding]:
    """Apply every rule and merge the findings."""
    found: list[Finding] = []
    for rule in rules:
        found.extend(rule(context))
    return merge(found)
