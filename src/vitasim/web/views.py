"""What the pages show, computed from the record: charts, runs, plain-word summaries.

Kept apart from the routes so the same functions feed the pages, the printable report and the
tests.  Numbers shown come from the catalogue (units, targets from the modules' planner plug-ins)
and from the stored ``vitasim.plan/1`` outputs; nothing here invents a value.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

from vitasim import labs as catalogue
from vitasim import units
from vitasim.errors import VitasimInputError
from vitasim.profile import Profile, profile_from_dict
from vitasim.store import repository as repo
from vitasim.store.models import Person
from vitasim.web.charts import Series, long_date

SEVERITY_WORDS = {"danger": "Important", "caution": "Take care", "info": "Good to know"}


def _output(quantity: str):
    from vitasim.report.units_text import output_declaration
    try:
        return output_declaration(quantity)
    except KeyError:
        return None


def display_unit(lab: catalogue.Lab) -> str:
    """The unit a lab is shown in: its model output's display unit, else the catalogue's."""
    out = _output(lab.output) if lab.output else None
    return (out.display_unit or out.unit) if out is not None else (lab.unit if lab.unit != "1" else "")


def to_display(lab: catalogue.Lab, value: float) -> float:
    """A catalogue-unit value in :func:`display_unit`."""
    unit = display_unit(lab)
    if not unit or unit == lab.unit:
        return value
    return float(units.convert_values(value, lab.unit, unit, lab.compound))


def _target_for(quantity: str, profile: Profile):
    from vitasim import physiology
    for target in physiology.plan_parts().targets:
        if target.quantity == quantity and target.applies(profile) is None:
            return target
    return None


def _target_in(series: Series, quantity: str, profile: Profile, unit: str) -> None:
    target = _target_for(quantity, profile)
    out = _output(quantity)
    if target is None or out is None:
        return
    conv = (lambda v: float(units.convert_values(v, out.unit, unit, out.compound))) if unit != out.unit else float
    series.target_low = conv(target.low)
    series.target_high = conv(target.danger_high) if math.isfinite(target.danger_high) else None
    series.direction = target.direction
    word = "or more" if target.direction == "above" else "or less"
    series.target_label = f"{series.target_low:.3g} {unit} {word}"


def lab_dates(person: Person) -> dict[str, list[tuple[dt.date, float, str, Any]]]:
    """Each lab's results as (date, value in the display unit, label, row), oldest first."""
    out: dict[str, list] = {}
    for row in person.labs:
        lab = catalogue.resolver().get(row.lab)
        if lab is None:
            continue
        when = row.taken_on or (person.start + dt.timedelta(days=row.day or 0.0) if person.start else None)
        if when is None:
            continue
        value, _ = catalogue.measure(lab, repo.value_text(row.value, row.unit), "value")
        shown = to_display(lab, value)
        label = f"{long_date(when)}: {repo.number_text(row.value)} {row.unit}".strip() + (
            f" ({row.source})" if row.source else "")
        out.setdefault(lab.key, []).append((when, shown, label, row))
    for v in out.values():
        v.sort(key=lambda t: t[0])
    return out


def lab_charts(person: Person, profile: Profile | None) -> list[tuple[str, Series]]:
    """One chart per lab with dated results: the values over time and, when a module has one for
    this person, the target band."""
    charts = []
    for key, rows in lab_dates(person).items():
        lab = catalogue.resolver().get(key)
        unit = display_unit(lab)
        s = Series(title=f"{lab.name} over time", unit=unit or "ratio",
                   points=[(d, v, label) for d, v, label, _ in rows])
        if profile is not None and lab.output:
            _target_in(s, lab.output, profile, unit)
        charts.append((key, s))
    return charts


def _finite(values) -> list[float | None]:
    return [float(v) if math.isfinite(v) else None for v in values]


def trajectories(result) -> dict[str, dict]:
    """The predicted median and 5th-95th percentiles of the quantities the person's labs or the
    targets concern, from the final regimen's simulation (display units), for storing with a run."""
    final = result.solution
    solutions = {q: final for q in final.quantities}
    for outcome in result.targets:     # a target judged on its own simulation (a module not in the final one)
        if outcome.solution is not None and outcome.target.quantity not in solutions \
                and outcome.target.quantity in outcome.solution.quantities:
            solutions[outcome.target.quantity] = outcome.solution
    wanted = {t.target.quantity for t in result.targets}
    wanted |= {lab.output for lab in catalogue.CATALOGUE if lab.output and lab.key in result.profile.lab_history}
    out = {}
    for q in sorted(wanted & set(solutions)):
        sol = solutions[q]
        t = [float(v) for v in sol.data["time"].values]
        da = sol.data[q]
        entry: dict[str, Any] = {"unit": da.attrs["unit"], "description": da.attrs.get("description", q), "t_days": t}
        if "stat" in da.dims:
            for stat in ("median", "p5", "p95"):
                entry[stat] = _finite(da.sel(stat=stat).values)
        else:
            entry["median"] = _finite(da.values)
        out[q] = entry
    return out


def run_charts(person: Person, run_inputs: dict, outputs: dict) -> list[tuple[str, Series]]:
    """Prediction charts of a stored run: median, band, target, and the measured labs on top."""
    profile = profile_from_dict(run_inputs["profile"])
    day0 = profile.start or dt.date.today()
    measured = lab_dates(person)
    charts = []
    for q, tr in outputs.get("trajectories", {}).items():
        def when(day: float) -> dt.date:
            return day0 + dt.timedelta(days=day)
        s = Series(title=f"{tr['description']}: predicted", unit=tr["unit"])
        s.median = [(when(d), v) for d, v in zip(tr["t_days"], tr["median"]) if v is not None and math.isfinite(v)]
        if "p5" in tr:
            s.band = [(when(d), lo, hi) for d, lo, hi in zip(tr["t_days"], tr["p5"], tr["p95"])
                      if lo is not None and hi is not None and math.isfinite(lo) and math.isfinite(hi)]
        for lab in catalogue.CATALOGUE:
            if lab.output == q and lab.key in measured:
                for d, _, label, row in measured[lab.key]:
                    value, _ = catalogue.measure(lab, repo.value_text(row.value, row.unit), "value")
                    out = _output(q)
                    shown = float(units.convert_values(value, lab.unit, tr["unit"], lab.compound)) \
                        if out is not None and tr["unit"] != lab.unit else value
                    s.points.append((d, shown, label))
        _target_in(s, q, profile, tr["unit"])
        charts.append((q, s))
    return charts


def warnings_first(outputs: dict) -> list[dict]:
    """Warnings, most serious first, each with plain words for its severity."""
    order = {"danger": 0, "caution": 1, "info": 2}
    return [{**w, "words": SEVERITY_WORDS.get(w["severity"], w["severity"])}
            for w in sorted(outputs.get("warnings", []), key=lambda w: order.get(w["severity"], 3))]


def references(outputs: dict) -> list[tuple[str, str]]:
    """Every citation key a run's output names, formatted from the reference list."""
    from vitasim.refs import cite
    keys: list[str] = []
    for section in ("warnings", "targets", "monitoring", "forms", "explanations"):
        for item in outputs.get(section, []):
            keys += [k for k in item.get("refs", []) if k not in keys]
    out = []
    for key in keys:
        try:
            out.append((key, cite(key).format()))
        except VitasimInputError:  # a key the list lacks: shown as the key alone
            out.append((key, key))
    return out
