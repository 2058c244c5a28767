"""The planner: review a person's regimen (``check``) or propose one (``plan``).

It knows no nutrient by name: targets, forms and monitoring advice come from each physiology
module's ``plan.py``, safety from each module's ``rules.py``.  It calls ``simulate`` and the
rules, never an integrator.  The result is one JSON-ready mapping::

    {"regimen": [...], "changes": [...], "warnings": [...], "targets": [...],
     "monitoring": [...], "explanations": [...], "forms": [...], "diet": {...}, "disclaimer": "..."}
"""
from __future__ import annotations

from dataclasses import replace

from vitasim import physiology, units
from vitasim.api import DISCLAIMER, unknown_name_findings
from vitasim.planner.format import item_dict, item_text
from vitasim.planner.parts import Advice, Candidate, Target
from vitasim.planner.search import Evaluation, evaluate, search, tolerated_dangers
from vitasim.profile import Profile
from vitasim.regimen import DoseItem
from vitasim.rules import Finding, RuleContext, merge, run_rules
from vitasim.simulate import default_system, run

PLAN_POPULATION = 300
CONTRACT = "vitasim.plan/1"


def _display(target: Target, value: float) -> str:
    out = default_system().output(target.quantity)
    unit = out.display_unit or out.unit
    shown = units.convert_values(value, out.unit, unit, out.compound)
    return f"{shown:.3g} {unit}"


def _target_dict(target: Target, ev: Evaluation | None, status: str, why: str = "") -> dict:
    entry = {"code": target.code, "quantity": target.quantity, "description": target.description,
             "low": _display(target, target.low), "danger_above": _display(target, target.danger_high),
             "by_day": target.by_day, "status": status, "refs": list(target.refs)}
    if why:
        entry["reason"] = why
    if ev is not None:
        entry.update({"fraction_in_target": round(ev.fraction_in, 3),
                      "fraction_below_danger": round(ev.fraction_safe, 3),
                      "expected_at_by_day": {k: _display(target, v) for k, v in zip(("median", "p5", "p95"), ev.at_by_day)},
                      "expected_at_end": {k: _display(target, v) for k, v in zip(("median", "p5", "p95"), ev.at_end)},
                      "end_day": target.horizon_days})
    return entry


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


def _final_findings(profile: Profile, days: float, population: int, seed: int) -> list[Finding]:
    """Simulate the regimen once and run every module's rules on it.

    Only the modules the profile involves (and what they read) are simulated: the rules of the
    others have nothing to judge, and leaving out the stiff calcium/bone model when no calcium or
    bone drug is taken keeps a plan to seconds.  Rules that need a quantity not simulated skip.
    """
    from vitasim.simulate import system_for, touched_modules
    full = default_system()
    involved = set(touched_modules(full, profile)) or {full.modules[0].name}
    quantities = [o.name for m in full.modules if m.name in involved for o in m.outputs]
    result, raw, problem = run(profile, days=days, population=population, seed=seed, quantities=quantities,
                               system=system_for(quantities))
    system = problem.system
    ok = raw.status == 0
    per_person = {system.outputs[idx].name: raw.values[ok, :, k] for k, idx in enumerate(problem.keep)}
    ctx = RuleContext(profile, system, days, problem.t_out / 24.0, per_person, result.defaulted)
    return list(run_rules(physiology.rule_sets(), ctx)) + unknown_name_findings(profile)


def _monitoring(profile: Profile, items: tuple[DoseItem, ...]) -> list[dict]:
    advice: list[Advice] = []
    for rule in physiology.plan_parts().monitoring:
        advice.extend(rule(profile, items))
    seen, out = set(), []
    for a in advice:
        if a.code not in seen:
            seen.add(a.code)
            out.append(a.as_dict())
    return out


def _forms(items: tuple[DoseItem, ...]) -> list[dict]:
    taken = {it.supplement.key for it in items}
    out = []
    for form in physiology.plan_parts().forms:
        if form.nutrient in taken:
            out.append({"nutrient": form.nutrient, "preferred": form.preferred, "message": form.message,
                        "refs": list(form.refs)})
    return out


def _diet(profile: Profile, items: tuple[DoseItem, ...]) -> dict:
    """Intake from the listed diet, and how much food would replace each planned supplement."""
    from vitasim.diet import daily_intake, find_food, grams_per_day_for
    out = {"intake_per_day": {}, "food_instead_of_supplements": []}
    if profile.diet:
        out["intake_per_day"] = {k: {"amount": round(v["amount_per_day"], 3), "unit": v["unit"],
                                     "not_reported_for": v["not_reported_for"]}
                                 for k, v in daily_intake(profile.diet).items()}
    for link in physiology.plan_parts().diet:
        planned = sum(link.per_day(it) for it in items if it.supplement.key in link.supplements)
        if planned <= 0:
            continue
        for name in link.foods:
            food = find_food(name, "diet")
            grams = grams_per_day_for(link.nutrient, planned, food)
            if grams is not None:
                out["food_instead_of_supplements"].append(
                    {"nutrient": link.nutrient, "supplement_amount_per_day": round(planned, 3), "food": food.name,
                     "grams_per_day": round(grams), "refs": list(link.refs)})
    return out


def _report(profile: Profile, items: tuple[DoseItem, ...], targets: list[dict], explanations: list[dict],
            changes: list[dict], *, days: float, population: int, seed: int) -> dict:
    final = replace(profile, regimen=items)
    findings = merge(_final_findings(final, days, population, seed))
    return {"contract": CONTRACT, "disclaimer": DISCLAIMER,
            "regimen": [item_dict(it) for it in items], "changes": changes,
            "warnings": [f.as_dict() for f in findings], "targets": targets,
            "monitoring": _monitoring(profile, items), "forms": _forms(items),
            "diet": _diet(profile, items), "explanations": explanations}


def check(profile: Profile, *, population: int = PLAN_POPULATION, seed: int = 0) -> dict:
    """Review the profile's current regimen: warnings, how it meets each target, monitoring."""
    targets, explanations = [], []
    for target in physiology.plan_parts().targets:
        why = target.forbids(profile) or target.applies(profile)
        if why:
            targets.append(_target_dict(target, None, "contraindicated" if target.forbids(profile) else "not applicable",
                                        why))
            continue
        ev = evaluate(profile, profile.regimen, Candidate("current regimen", ()), target,
                      population=population, seed=seed)
        status = "met" if ev.fraction_in >= target.fraction_in else "not met"
        if ev.fraction_safe < target.fraction_safe:
            status = "unsafe"
        targets.append(_target_dict(target, ev, status))
        explanations.append({"target": target.code, "message":
                             f"With the current regimen {ev.fraction_in:.0%} of {population} similar virtual people reach "
                             f"{_display(target, target.low)} by day {target.by_day:g} and stay there; "
                             f"{ev.fraction_safe:.0%} stay below {_display(target, target.danger_high)}.",
                             "refs": list(target.refs)})
    horizon = max((t.horizon_days for t in physiology.plan_parts().targets), default=180.0)
    return _report(profile, profile.regimen, targets, explanations, [], days=horizon, population=population, seed=seed)


def plan(profile: Profile, *, population: int = PLAN_POPULATION, seed: int = 0) -> dict:
    """Propose a regimen: for each applicable target, the gentlest shelf regimen that reaches it safely."""
    items = profile.regimen
    targets, explanations, changes = [], [], []
    for target in physiology.plan_parts().targets:
        current = _governed(items, target)
        kept = tuple(it for it in items if it not in current)
        forbidden = target.forbids(profile)
        if forbidden:
            targets.append(_target_dict(target, None, "contraindicated", forbidden))
            if current:
                items = kept
                changes += [{"action": "stop", "item": item_text(it), "reason": forbidden} for it in current]
            explanations.append({"target": target.code, "message": forbidden, "refs": list(target.refs)})
            continue
        why = target.applies(profile)
        if why:
            targets.append(_target_dict(target, None, "not applicable", why))
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
        if best is None:
            targets.append(_target_dict(target, tried[-1] if tried else None, "no safe regimen found"))
            explanations.append({"target": target.code, "refs": list(target.refs), "message":
                                 f"No regimen on the list reaches {_display(target, target.low)} in "
                                 f"{target.fraction_in:.0%} of similar people while keeping {target.fraction_safe:.0%} "
                                 f"below {_display(target, target.danger_high)} and within upper limits; "
                                 "the current regimen is left as it is: please ask a clinician."})
            continue
        items = kept + best.items
        targets.append(_target_dict(target, best, "met"))
        gentler = [f"{ev.candidate.label}: {ev.fraction_in:.0%} in target" for ev in tried[:-1]]
        message = (f"{best.candidate.label}: {best.fraction_in:.0%} of {population} similar virtual people reach "
                   f"{_display(target, target.low)} by day {target.by_day:g} and stay there; "
                   f"{best.fraction_safe:.0%} stay below {_display(target, target.danger_high)}. "
                   f"Expected at day {target.by_day:g}: {_display(target, best.at_by_day[0])} "
                   f"(5th-95th percentile {_display(target, best.at_by_day[1])}-{_display(target, best.at_by_day[2])}).")
        if gentler:
            message += " Gentler options fell short (" + "; ".join(gentler) + ")."
        if best.candidate.rationale:
            message += " " + best.candidate.rationale
        explanations.append({"target": target.code, "message": message, "refs": list(target.refs)})
        old = {item_text(it) for it in current}
        new = {item_text(it) for it in best.items}
        changes += [{"action": "stop", "item": t, "reason": "replaced by the proposed regimen"} for t in sorted(old - new)]
        changes += [{"action": "start", "item": t, "reason": target.description} for t in sorted(new - old)]
    horizon = max((t.horizon_days for t in physiology.plan_parts().targets), default=180.0)
    return _report(profile, items, targets, explanations, changes, days=horizon, population=population, seed=seed)


__all__ = ["CONTRACT", "check", "plan"]
