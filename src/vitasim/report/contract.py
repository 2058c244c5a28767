"""The two public JSON contracts, owned here and nowhere else (change them only additively).

``vitasim.simulate/1`` (``vitasim simulate --format json``)::

    {"contract": "vitasim.simulate/1", "disclaimer": "...",
     "population": 1, "seed": null, "solver": "population", "days": 180,
     "quantities": {"25ohd": {"unit": "ng/mL", "description": "...",
                              "t_days": [...], "value": [...]}},      # N = 1
                   # N > 1: "median", "p5", "p95" instead of "value"
     "warnings": [{"code": ..., "severity": "info|caution|danger", "message": ..., "refs": [...]}],
     "assumptions": ["baseline_25ohd"], "failed": 0,
     "provenance": {"vitasim_version": ..., "model": ..., "modules": [...], "solver": ..., "rtol": ...,
                    "seed": ..., "population": ...}}

``vitasim.plan/1`` (``vitasim check|plan --format json``): see :func:`plan_view`.  The terminal
text and the HTML report render this same view, so the three never disagree.
"""
from __future__ import annotations

import math

from vitasim.api import DISCLAIMER
from vitasim.solution import Solution

CONTRACT = "vitasim.simulate/1"
PLAN_CONTRACT = "vitasim.plan/1"


def _clean(values) -> list:
    return [None if not math.isfinite(v) else round(float(v), 6) for v in values]


def _finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else value


def simulate_view(solution: Solution) -> dict:
    """The ``vitasim.simulate/1`` object for one Solution."""
    t = solution.data["time"].values
    quantities = {}
    for name in solution.quantities:
        da = solution.data[name]
        entry = {"unit": da.attrs["unit"], "description": da.attrs.get("description", ""), "t_days": _clean(t)}
        if "stat" in da.dims:
            for stat in ("median", "p5", "p95"):
                entry[stat] = _clean(da.sel(stat=stat).values)
        else:
            entry["value"] = _clean(da.values)
        quantities[name] = entry
    return {
        "contract": CONTRACT,
        "disclaimer": DISCLAIMER,
        "population": solution.population,
        "seed": solution.seed,
        "solver": solution.solver,
        "days": solution.days,
        "quantities": quantities,
        "warnings": [f.as_dict() for f in solution.findings],
        "assumptions": list(solution.defaulted),
        "failed": solution.failed,
        "provenance": {**solution.provenance.as_dict(), "rtol": _finite(solution.provenance.rtol)},
    }


def to_dict(solution: Solution, days: float | None = None) -> dict:
    """Backward-compatible name of :func:`simulate_view` (``days`` is taken from the solution)."""
    return simulate_view(solution)


def _target_view(outcome) -> dict:
    from vitasim.report.units_text import display
    target = outcome.target
    q = target.quantity
    entry = {"code": target.code, "quantity": q, "description": target.description,
             "low": display(q, target.low), "danger_above": display(q, target.danger_high),
             "by_day": target.by_day, "status": outcome.status, "refs": list(target.refs)}
    if outcome.reason:
        entry["reason"] = outcome.reason
    if outcome.evaluated:
        entry.update({"fraction_in_target": round(outcome.fraction_in, 3),
                      "fraction_below_danger": round(outcome.fraction_safe, 3),
                      "expected_at_by_day": {k: display(q, v) for k, v in zip(("median", "p5", "p95"), outcome.at_by_day)},
                      "expected_at_end": {k: display(q, v) for k, v in zip(("median", "p5", "p95"), outcome.at_end)},
                      "end_day": target.horizon_days})
    return entry


def _intake_view(outcome) -> dict:
    """One intake-judged nutrient, amounts rounded to whole units (they come from food tables)."""
    r = lambda v: None if v is None else round(v)   # noqa: E731
    return {"nutrient": outcome.nutrient, "unit": outcome.unit, "from_diet": r(outcome.from_diet),
            "from_supplements": r(outcome.from_supplements), "total": r(outcome.total),
            "recommended": r(outcome.recommended), "upper_limit": r(outcome.upper_limit), "status": outcome.status,
            "refs": list(outcome.refs)}


def _linked(entry: dict) -> dict:
    """The entry with ``evidence``: graded evidence records that bear on its citations (may be empty)."""
    from vitasim.planner.evidence import links
    return {**entry, "evidence": links(entry.get("refs", ()))}


def plan_view(result) -> dict:
    """The ``vitasim.plan/1`` object for a :class:`~vitasim.planner.results.PlanResult`.

    Added in 0.3 (additive): ``summary`` (at most five plain lines: what to do now, worst first),
    ``assumptions`` (what was assumed rather than read from the profile), ``intakes`` (nutrients
    judged by intake, such as calcium: from diet, from supplements, total, recommended, upper
    limit, status; ``from_diet``/``total`` null when no diet is listed), and ``evidence`` on each
    warning, explanation, form and monitoring entry (``[{"id", "certainty"}]``: records of
    :mod:`vitasim.evidence` that bear on it, with their computed certainty).
    """
    from vitasim.planner.format import item_dict
    diet = result.diet
    return {
        "contract": PLAN_CONTRACT,
        "kind": result.kind,
        "disclaimer": DISCLAIMER,
        "summary": list(result.summary),
        "assumptions": list(result.assumptions),
        "intakes": [_intake_view(i) for i in result.intakes],
        "regimen": [item_dict(it) for it in result.regimen],
        "changes": [{"action": c.action, "item": c.item, "reason": c.reason} for c in result.changes],
        "warnings": [_linked(f.as_dict()) for f in result.findings],
        "targets": [_target_view(t) for t in result.targets],
        "monitoring": [_linked(a.as_dict()) for a in result.monitoring],
        "forms": [_linked({"nutrient": f.nutrient, "preferred": f.preferred, "message": f.message,
                           "refs": list(f.refs)}) for f in result.forms],
        "diet": {"intake_per_day": diet.intake_per_day,
                 "food_instead_of_supplements": [
                     {"nutrient": e.nutrient, "supplement_amount_per_day": e.supplement_amount_per_day,
                      "food": e.food, "grams_per_day": e.grams_per_day, "refs": list(e.refs)}
                     for e in diet.food_instead_of_supplements]},
        "explanations": [_linked({"target": e.target, "message": e.message, "refs": list(e.refs)})
                         for e in result.explanations],
        "population": result.population,
        "seed": result.seed,
        "provenance": {**result.solution.provenance.as_dict(), "rtol": _finite(result.solution.provenance.rtol)},
    }


__all__ = ["CONTRACT", "PLAN_CONTRACT", "plan_view", "simulate_view", "to_dict"]
