"""The planner: review a person's regimen (``check``) or propose one (``plan``).

It knows no nutrient by name: targets, forms and monitoring advice come from each physiology
module's ``plan.py``, safety from each module's ``rules.py`` (the vocabulary is
:mod:`vitasim.plugins`).  It calls ``simulate`` and the rules, never an integrator.  Both verbs
return a frozen :class:`~vitasim.planner.results.PlanResult`; ``result.to_dict()`` is the
``vitasim.plan/1`` JSON contract.
"""
from __future__ import annotations

from dataclasses import replace

from vitasim import physiology
from vitasim.planner.format import item_dict, item_text
from vitasim.planner.results import (Change, DietSummary, Explanation, FoodEquivalent, IntakeOutcome, PlanResult,
                                     TargetOutcome)
from vitasim.planner.assumptions import assumptions as _assumptions
from vitasim.planner.scope import require_supported
from vitasim.planner.search import Evaluation, best_safe, evaluate, search, tolerated_dangers
from vitasim.plugins import Advice, Candidate, FormAdvice, Target
from vitasim.profile import Profile
from vitasim.regimen import DoseItem
from vitasim.report.units_text import display as _display
from vitasim.simulate import default_system, simulate, system_for, touched_modules
from vitasim.solution import Solution

PLAN_POPULATION = 300


def _outcome(target: Target, ev: Evaluation | None, status: str, why: str = "") -> TargetOutcome:
    if ev is None:
        return TargetOutcome(target, status, why)
    return TargetOutcome(target, status, why, ev.candidate.label, ev.fraction_in, ev.fraction_safe, ev.at_by_day,
                         ev.at_end, ev.solution)


def _entry(item: DoseItem) -> dict:
    """A DoseItem back as a regimen entry (for re-evaluation)."""
    entry = item_dict(item)
    entry.pop("description", None)
    entry["supplement"] = item.supplement.key
    if item.missed:
        entry["missed"] = sorted(item.missed)
    return entry


def _governed(items: tuple[DoseItem, ...], target: Target) -> tuple[DoseItem, ...]:
    return tuple(it for it in items if it.supplement.key in target.supplements)


def _final(profile: Profile, days: float, population: int, seed: int) -> Solution:
    """Simulate the regimen once and run every module's rules on it.

    Only the modules the profile involves (and what they read) are simulated: the rules of the
    others have nothing to judge, and leaving out the stiff calcium/bone model when no calcium or
    bone drug is taken keeps a plan to seconds.  Rules that need a quantity not simulated skip.
    """
    full = default_system()
    involved = set(touched_modules(full, profile)) or {full.modules[0].name}
    quantities = [o.name for m in full.modules if m.name in involved for o in m.outputs]
    return simulate(profile, days=days, population=population, seed=seed, quantities=quantities,
                    system=system_for(quantities))


def _monitoring(profile: Profile, items: tuple[DoseItem, ...]) -> tuple[Advice, ...]:
    advice: list[Advice] = []
    for rule in physiology.plan_parts().monitoring:
        advice.extend(rule(profile, items))
    seen, out = set(), []
    for a in advice:
        if a.code not in seen:
            seen.add(a.code)
            out.append(a)
    return tuple(out)


def _forms(items: tuple[DoseItem, ...]) -> tuple[FormAdvice, ...]:
    taken = {it.supplement.key for it in items}
    return tuple(form for form in physiology.plan_parts().forms if form.nutrient in taken)


def _diet(profile: Profile, items: tuple[DoseItem, ...]) -> DietSummary:
    """Intake from the listed diet, and how much food would replace each planned supplement."""
    from vitasim.diet import daily_intake, find_food, grams_per_day_for
    intake = {}
    if profile.diet:
        intake = {k: {"amount": round(v["amount_per_day"], 3), "unit": v["unit"],
                      "not_reported_for": v["not_reported_for"]} for k, v in daily_intake(profile.diet).items()}
    foods = []
    for link in physiology.plan_parts().diet:
        planned = sum(link.per_day(it) for it in items if it.supplement.key in link.supplements)
        if planned <= 0:
            continue
        for name in link.foods:
            food = find_food(name, "diet")
            grams = grams_per_day_for(link.nutrient, planned, food)
            if grams is not None:
                foods.append(FoodEquivalent(link.nutrient, round(planned, 3), food.name, round(grams), tuple(link.refs)))
    return DietSummary(intake, tuple(foods))


def _intakes(profile: Profile, items: tuple[DoseItem, ...]) -> tuple[IntakeOutcome, ...]:
    """Each intake-judged nutrient (``INTAKES``): listed diet + supplements against its RDA and UL.

    A nutrient the person neither eats (no diet listed) nor takes is left out: nothing to judge.
    """
    out = []
    for ref in physiology.plan_parts().intakes:
        diet, supp = ref.from_diet(profile), ref.from_supplements(items)
        if diet is None and supp <= 0:
            continue
        rda, ul = ref.recommended(profile), ref.upper_limit(profile)
        total = None if diet is None else diet + supp
        if (total if total is not None else supp) > ul:
            status = "above upper limit"
        elif total is None:
            status = "unknown"
        else:
            status = "below recommended" if total < rda else "meets recommended"
        out.append(IntakeOutcome(ref.nutrient, ref.unit, diet, supp, total, rda, ul, status, ref.refs))
    return tuple(out)


def _horizon() -> float:
    return max((t.horizon_days for t in physiology.plan_parts().targets), default=180.0)


def _result(kind: str, profile: Profile, items: tuple[DoseItem, ...], targets: list[TargetOutcome],
            explanations: list[Explanation], changes: list[Change], *, population: int, seed: int) -> PlanResult:
    final = replace(profile, regimen=items)
    solution = _final(final, _horizon(), population, seed)
    return PlanResult(kind, profile, items, tuple(changes), tuple(solution.findings), tuple(targets),
                      _monitoring(profile, items), _forms(items), _diet(profile, items), tuple(explanations),
                      solution, population, seed, _assumptions(profile, solution), _intakes(profile, items))


def _as_profile(profile) -> Profile:
    from vitasim.api import load_profile
    profile = load_profile(profile)
    require_supported(profile)
    return profile


def _below(target: Target, fraction_safe: float) -> str:
    """"; 100% stay below 100 ng/mL", or nothing when the target has no danger level."""
    if target.danger_high == float("inf"):
        return ""
    return f"; {fraction_safe:.0%} stay below {_display(target.quantity, target.danger_high)}"


def _check_population(population: int) -> int:
    from vitasim.errors import VitasimInputError
    if isinstance(population, bool) or not isinstance(population, int) or not 20 <= population <= 100_000:
        raise VitasimInputError("population", f"must be a whole number between 20 and 100000, got {population!r}")
    return population


def check(profile, *, population: int = PLAN_POPULATION, seed: int = 0) -> PlanResult:
    """Review the profile's current regimen: warnings, how it meets each target, monitoring.

    ``profile``: a Profile, a path to a profile file, or a mapping.
    """
    profile = _as_profile(profile)
    population = _check_population(population)
    targets, explanations = [], []
    for target in physiology.plan_parts().targets:
        forbidden = target.forbids(profile)
        why = forbidden or target.applies(profile)
        if why:
            targets.append(_outcome(target, None, "contraindicated" if forbidden else "not applicable", why))
            continue
        ev = evaluate(profile, profile.regimen, Candidate("current regimen", ()), target,
                      population=population, seed=seed)
        status = "met" if ev.fraction_in >= target.fraction_in else "not met"
        if ev.fraction_safe < target.fraction_safe:
            status = "unsafe"
        targets.append(_outcome(target, ev, status))
        explanations.append(Explanation(target.code,
                                        f"With the current regimen {ev.fraction_in:.0%} of {population} similar virtual "
                                        f"people reach {_display(target.quantity, target.low)} by day {target.by_day:g} "
                                        f"and stay there{_below(target, ev.fraction_safe)}.", tuple(target.refs)))
    return _result("check", profile, profile.regimen, targets, explanations, [], population=population, seed=seed)


def _no_safe_text(target: Target, low: str) -> str:
    return (f"No regimen on the list reaches {low} in {target.fraction_in:.0%} of similar people while staying "
            "safe and within upper limits, and none helps more than taking nothing; the current regimen is left "
            "as it is: please ask a clinician.")


def _explain(target: Target, best: Evaluation, tried: list[Evaluation], status: str, population: int, low: str,
             profile: Profile) -> Explanation:
    """Why this regimen: how many similar people it brings to the target, what fell short, and, when
    the criterion is missed, the honest chance, what a clinician could add and when to re-test."""
    q = target.quantity
    refs = list(target.refs)
    if status == "met":
        gentler = [f"{ev.candidate.label}: {ev.fraction_in:.0%} in target" for ev in tried
                   if ev is not best and ev.fraction_in < target.fraction_in]
        message = f"{best.candidate.label}: {best.fraction_in:.0%} of {population} similar virtual people reach "
    else:
        gentler = []
        message = (f"No regimen on the list brings {target.fraction_in:.0%} of similar people to {low}; the best safe "
                   f"one is proposed. {best.candidate.label}: {best.fraction_in:.0%} of {population} similar virtual "
                   "people reach ")
    message += (f"{low} by day {target.by_day:g} and stay there{_below(target, best.fraction_safe)}. "
                f"Expected at day {target.by_day:g}: {_display(q, best.at_by_day[0])} "
                f"(5th-95th percentile {_display(q, best.at_by_day[1])}-{_display(q, best.at_by_day[2])}).")
    if gentler:
        message += " Gentler options fell short (" + "; ".join(gentler) + ")."
    if best.candidate.rationale:
        message += " " + best.candidate.rationale
    if status != "met":
        option = target.clinician(profile)
        if option:
            message += " " + option[0]
            refs += [r for r in option[1] if r not in refs]
        if target.retest:
            message += f" {target.retest}."
    return Explanation(target.code, message, tuple(refs))


def plan(profile, *, population: int = PLAN_POPULATION, seed: int = 0) -> PlanResult:
    """Propose a regimen: for each applicable target, the gentlest shelf regimen that reaches it safely.

    ``profile``: a Profile, a path to a profile file, or a mapping.
    """
    profile = _as_profile(profile)
    population = _check_population(population)
    items = profile.regimen
    targets: list[TargetOutcome] = []
    explanations: list[Explanation] = []
    changes: list[Change] = []
    for target in physiology.plan_parts().targets:
        current = _governed(items, target)
        kept = tuple(it for it in items if it not in current)
        forbidden = target.forbids(profile)
        if forbidden:
            targets.append(_outcome(target, None, "contraindicated", forbidden))
            if current:
                items = kept
                changes += [Change("stop", item_text(it), forbidden) for it in current]
            explanations.append(Explanation(target.code, forbidden, tuple(target.refs)))
            continue
        why = target.applies(profile)
        if why:
            targets.append(_outcome(target, None, "not applicable", why))
            continue
        best, tried = None, []
        tolerated = tolerated_dangers(profile, kept, target, population=population, seed=seed)
        if current:   # keep what the person already takes when it meets the target safely
            ev = evaluate(profile, kept, Candidate("the current regimen", tuple(_entry(it) for it in current)),
                          target, population=population, seed=seed)
            tried.append(ev)
            best = ev if ev.meets(target, tolerated) else None
        if best is None:
            best, more = search(profile, kept, target, population=population, seed=seed, tolerated=tolerated)
            tried += more
        low = _display(target.quantity, target.low)
        status = "met"
        if best is None:
            best = best_safe(tried, target, tolerated)
            if best is None:
                targets.append(_outcome(target, tried[-1] if tried else None, "no safe regimen found"))
                explanations.append(Explanation(target.code, _no_safe_text(target, low), tuple(target.refs)))
                continue
            status = "best safe regimen"
        items = kept + best.items
        targets.append(_outcome(target, best, status))
        explanations.append(_explain(target, best, tried, status, population, low, profile))
        old = {item_text(it) for it in current}
        new = {item_text(it) for it in best.items}
        changes += [Change("stop", t, "replaced by the proposed regimen") for t in sorted(old - new)]
        changes += [Change("start", t, target.description) for t in sorted(new - old)]
    return _result("plan", profile, items, targets, explanations, changes, population=population, seed=seed)


__all__ = ["PLAN_POPULATION", "PlanResult", "check", "plan"]
