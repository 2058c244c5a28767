"""Dose search: try a target's candidate regimens on a virtual population matched to the person.

For each candidate (in the order the module lists them, gentlest first) we simulate the person's
other regimen items plus the candidate for a seeded virtual population and keep the first one
that brings enough of them into the target while keeping nearly all below the danger threshold,
and that raises no ``danger`` finding (an upper limit, a contraindication).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from vitasim.plugins import Candidate, Target
from vitasim.profile import Profile
from vitasim.regimen import DoseItem, parse_item
from vitasim.rules import Finding
from vitasim.names import declared_supplements
from vitasim.simulate import simulate
from vitasim.solution import Solution


@dataclass(frozen=True)
class Evaluation:
    """How a candidate regimen fares against a target in the virtual population."""

    candidate: Candidate
    items: tuple[DoseItem, ...]
    fraction_in: float
    fraction_safe: float
    at_by_day: tuple[float, float, float]      # median, p5, p95 (model unit)
    at_end: tuple[float, float, float]
    findings: tuple[Finding, ...]
    solution: Solution                          # the virtual population it was judged on

    def dangers(self) -> set[str]:
        return {f.code for f in self.findings if f.severity == "danger"}

    def meets(self, target: Target, tolerated: frozenset[str] = frozenset()) -> bool:
        """In target, safe, and no danger beyond ``tolerated`` (dangers the rest of the regimen or
        the person already carries, which this candidate cannot cure)."""
        return (self.fraction_in >= target.fraction_in and self.fraction_safe >= target.fraction_safe
                and self.dangers() <= tolerated)


def candidate_items(candidate: Candidate) -> tuple[DoseItem, ...]:
    supplements = declared_supplements()
    return tuple(parse_item(dict(entry), supplements, i) for i, entry in enumerate(candidate.regimen))


def evaluate(profile: Profile, kept: tuple[DoseItem, ...], candidate: Candidate, target: Target, *,
             population: int, seed: int) -> Evaluation:
    """Simulate kept items + candidate for ``population`` people and score it against ``target``."""
    items = candidate_items(candidate)
    trial = replace(profile, regimen=kept + items)
    solution = simulate(trial, days=target.horizon_days, population=population, seed=seed,
                        quantities=[target.quantity], output_every_days=1)
    values = solution.per_person[target.quantity].astype(np.float64)
    days = solution.t_days
    after = days >= target.by_day
    if target.direction == "below":
        in_target = values[:, after].max(axis=1) <= target.low
    else:
        in_target = values[:, after].min(axis=1) >= target.low
    highest = values.max(axis=1)
    k_by = int(np.searchsorted(days, target.by_day))
    pick = lambda col: tuple(float(x) for x in np.percentile(col, [50, 5, 95]))
    return Evaluation(candidate, items, float(np.mean(in_target)),
                      float(np.mean(highest < target.danger_high)), pick(values[:, k_by]), pick(values[:, -1]),
                      solution.findings, solution)


def search(profile: Profile, kept: tuple[DoseItem, ...], target: Target, *, population: int, seed: int,
           tolerated: frozenset[str] = frozenset()) -> tuple[Evaluation | None, list[Evaluation]]:
    """The first candidate meeting the target (or None) and every evaluation tried."""
    tried = []
    candidates = (target.choose(profile) if target.choose else None) or target.candidates
    for cand in candidates:
        ev = evaluate(profile, kept, cand, target, population=population, seed=seed)
        tried.append(ev)
        if ev.meets(target, tolerated):
            return ev, tried
    return None, tried


def tolerated_dangers(profile: Profile, kept: tuple[DoseItem, ...], target: Target, *, population: int,
                      seed: int) -> frozenset[str]:
    """Danger codes raised by the rest of the regimen alone (without any item of this target)."""
    return frozenset(evaluate(profile, kept, Candidate("without it", ()), target, population=population,
                              seed=seed).dangers())


def best_safe(tried: list[Evaluation], target: Target,
              tolerated: frozenset[str] = frozenset()) -> Evaluation | None:
    """When no candidate meets the criterion: the safe one that brings the most people to the target.

    Safe means what :meth:`Evaluation.meets` asks apart from the fraction in target: at least
    ``fraction_safe`` below the danger threshold and no danger finding beyond ``tolerated`` (so
    never above an upper limit).  Ties go to the gentler candidate (the one tried first).  None
    when no safe candidate supplies anything, or none does better than taking nothing.
    """
    safe = [ev for ev in tried if ev.fraction_safe >= target.fraction_safe and ev.dangers() <= tolerated]
    if not safe:
        return None
    best = max(safe, key=lambda ev: ev.fraction_in)     # max keeps the first of equals: the gentler
    nothing = [ev for ev in safe if not ev.items]
    if not best.items or (nothing and best.fraction_in <= nothing[0].fraction_in):
        return None
    return best
