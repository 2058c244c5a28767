"""Dosing regimens: what a profile's ``regimen`` list means as explicit dose events.

A regimen item is ``{supplement, dose, every?, start?, stop?, doses?, missed?, route?}``:
``every`` absent means a single dose; ``start`` and ``stop`` are durations from day 0 (``2 week``)
or, when the profile names its day 0, calendar dates (``2026-01-10``); ``stop`` is exclusive;
``doses`` caps the number of doses; ``missed`` lists 1-based dose numbers not taken.  Each item
expands to :class:`DoseEvent` objects the solver applies as jumps, and back to plain data with
:meth:`DoseItem.as_plain`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from vitasim import units
from vitasim.errors import VitasimInputError, quote
from vitasim.model import Supplement
from vitasim.names import supplement_resolver
from vitasim.timeline import looks_like_date, when

_HOURS_PER_DAY = 24.0
# The shortest dosing interval the model supports.  Each dose is an instantaneous jump the solver
# restarts at, and oral absorption spreads each dose over hours (see each module's absorption
# parameters), so doses closer than half an hour change nothing the model can show; they only
# multiply solver restarts ('every: 1 minute' over 180 days is 259 200 restarts, minutes of work;
# '1 ns' would be 10^16).
MIN_INTERVAL_H = 0.5
MIN_INTERVAL_TEXT = "30 minutes"


def duration_text(hours: float) -> str:
    """A duration people read (``1 week``, ``3 day``, ``36 h``) that parses back to exactly ``hours``."""
    if float(hours).is_integer():
        whole = int(hours)
        if whole and whole % 168 == 0:
            return f"{whole // 168} week"
        if whole and whole % 24 == 0:
            return f"{whole // 24} day"
        return f"{whole} h"
    return f"{hours!r} h"


@dataclass(frozen=True)
class DoseItem:
    """One validated regimen line, times in hours, amount in the supplement's amount unit."""

    supplement: Supplement
    amount: float
    dose_text: str
    every_h: float | None
    start_h: float
    stop_h: float | None
    max_doses: int | None
    missed: frozenset[int]
    route: str
    start_date: dt.date | None = None
    stop_date: dt.date | None = None
    taken: bool = True             # False: listed but not followed (no dose is simulated)

    def times(self, horizon_h: float) -> list[float]:
        """Dose times in hours within [0, horizon_h), missed doses removed (none if not taken)."""
        out: list[float] = []
        if not self.taken:
            return out
        k = 0
        t = self.start_h
        while t < horizon_h and (self.stop_h is None or t < self.stop_h):
            k += 1
            if self.max_doses is not None and k > self.max_doses:
                break
            if k not in self.missed:
                out.append(t)
            if self.every_h is None:
                break
            t = self.start_h + k * self.every_h
        return out

    def as_plain(self) -> dict[str, Any]:
        """The item as plain data that :func:`parse_item` reads back into an equal item."""
        out: dict[str, Any] = {"supplement": self.supplement.key, "dose": self.dose_text}
        if self.every_h is not None:
            out["every"] = duration_text(self.every_h)
        if self.start_date is not None:
            out["start"] = self.start_date.isoformat()
        elif self.start_h:
            out["start"] = duration_text(self.start_h)
        if self.stop_date is not None:
            out["stop"] = self.stop_date.isoformat()
        elif self.stop_h is not None:
            out["stop"] = duration_text(self.stop_h)
        if self.max_doses is not None:
            out["doses"] = self.max_doses
        if self.missed:
            out["missed"] = sorted(self.missed)
        if self.route != "oral":
            out["route"] = self.route
        if not self.taken:
            out["taken"] = False
        return out

    def daily_equivalent(self) -> float:
        """Average amount per day while the item runs (a one-off dose counts once per day)."""
        if self.every_h is None:
            return self.amount
        return self.amount * _HOURS_PER_DAY / self.every_h


@dataclass(frozen=True)
class DoseEvent:
    time_h: float
    state: str
    amount: float
    supplement: str


def resolve_supplement(name: object, supplements: tuple[Supplement, ...], field: str) -> Supplement:
    """Find a supplement by key or synonym, case- and spacing-insensitively (see :mod:`vitasim.names`)."""
    if not isinstance(name, str) or not name.strip():
        raise VitasimInputError(field, "a supplement name is required (e.g. 'vitamin D3')")
    return supplement_resolver(tuple(supplements)).resolve(name, field)


def _duration(raw: object, field: str, *, allow_zero: bool) -> float:
    if isinstance(raw, bool):
        raise VitasimInputError(field, f"expected a duration such as '1 day', got {quote(raw)}")
    h = units.hours(units.parse(raw, field, "1 day"), field)
    if h < 0 or (h == 0 and not allow_zero):
        raise VitasimInputError(field, f"must be {'>= 0' if allow_zero else '> 0'}, got {quote(raw)}")
    if h > 100 * 365 * 24:
        raise VitasimInputError(field, f"{quote(raw)} is longer than 100 years")
    return h


_KEYS = {"supplement", "dose", "every", "start", "stop", "doses", "missed", "route", "taken"}


def _moment(raw: object, field: str, day0: dt.date | None, *, allow_zero: bool) -> tuple[float, dt.date | None]:
    """``start``/``stop`` as hours from day 0: a duration, or a date when the profile names day 0."""
    if not looks_like_date(raw):
        return _duration(raw, field, allow_zero=allow_zero), None
    at = when(raw, field, day0)
    if at.day < 0 or (at.day == 0 and not allow_zero):
        raise VitasimInputError(field, f"{at.date} is {'before' if at.day < 0 else 'on'} day 0 ({day0}); "
                                       "doses before the simulation starts are not simulated")
    if at.day > 100 * 365:
        raise VitasimInputError(field, f"{at.date} is more than 100 years after day 0")
    return at.day * _HOURS_PER_DAY, at.date


def parse_item(raw: object, supplements: tuple[Supplement, ...], index: int,
               day0: dt.date | None = None) -> DoseItem:
    """Validate one regimen entry (a mapping) into a DoseItem; ``day0`` is the profile's start date."""
    where = f"regimen[{index}]"
    if not isinstance(raw, dict):
        raise VitasimInputError(where, "each regimen entry must be a mapping like "
                                       "{supplement: vitamin D3, dose: 1000 IU, every: 1 day}")
    extra = set(raw) - _KEYS
    if extra:
        raise VitasimInputError(f"{where}.{sorted(extra)[0]}", f"unknown field; accepted: {', '.join(sorted(_KEYS))}")
    sup = resolve_supplement(raw.get("supplement"), supplements, f"{where}.supplement")
    if "dose" not in raw:
        raise VitasimInputError(f"{where}.dose", "a dose is required, e.g. '1000 IU' or '25 ug'")
    q = units.parse(raw["dose"], f"{where}.dose", _dose_example(sup))
    amount = units.amount(q, sup.compound, sup.amount_unit, f"{where}.dose")
    if amount <= 0:
        raise VitasimInputError(f"{where}.dose", f"must be > 0, got {quote(raw['dose'])}")
    if sup.max_single_dose:
        limit = units.amount(units.parse(sup.max_single_dose, "max"), sup.compound, sup.amount_unit)
        if amount > limit:
            raise VitasimInputError(f"{where}.dose", f"{quote(raw['dose'])} is beyond any plausible single "
                                                     f"dose; accepted: up to {sup.max_single_dose}")
    every = _duration(raw["every"], f"{where}.every", allow_zero=False) if raw.get("every") is not None else None
    if every is not None and every < MIN_INTERVAL_H:
        raise VitasimInputError(f"{where}.every", f"{quote(raw['every'])} is shorter than {MIN_INTERVAL_TEXT}, the "
                                                  "shortest dosing interval the model supports (absorption takes "
                                                  "hours; closer doses only multiply the work)")
    start, start_date = (_moment(raw["start"], f"{where}.start", day0, allow_zero=True)
                         if raw.get("start") is not None else (0.0, None))
    stop, stop_date = (_moment(raw["stop"], f"{where}.stop", day0, allow_zero=False)
                       if raw.get("stop") is not None else (None, None))
    if stop is not None and stop <= start:
        raise VitasimInputError(f"{where}.stop", "must come after start")
    max_doses = raw.get("doses")
    if max_doses is not None and (isinstance(max_doses, bool) or not isinstance(max_doses, int) or max_doses < 1):
        raise VitasimInputError(f"{where}.doses", f"must be a whole number >= 1, got {quote(max_doses)}")
    missed_raw = raw.get("missed") or []
    if not isinstance(missed_raw, list) or not all(isinstance(m, int) and not isinstance(m, bool) and m >= 1
                                                   for m in missed_raw):
        raise VitasimInputError(f"{where}.missed", "must be a list of dose numbers (1 = first dose)")
    if max_doses is not None and any(m > max_doses for m in missed_raw):
        raise VitasimInputError(f"{where}.missed", f"dose {max(missed_raw)} is missed, but only {max_doses} "
                                                   "doses are taken (doses)")
    if every is None and any(m > 1 for m in missed_raw):
        raise VitasimInputError(f"{where}.missed", f"dose {max(missed_raw)} is missed, but a single dose is "
                                                   "taken (no 'every')")
    route = raw.get("route", "oral")
    route = route.strip().lower() if isinstance(route, str) else route
    if route not in sup.routes:
        raise VitasimInputError(f"{where}.route", f"{quote(route)} is not a route for {sup.key}; accepted: "
                                                  f"{', '.join(sup.routes)}")
    taken = raw.get("taken", True)
    if not isinstance(taken, bool):
        raise VitasimInputError(f"{where}.taken", "must be true or false (false: listed but not followed)")
    return DoseItem(sup, amount, str(raw["dose"]), every, start, stop, max_doses, frozenset(missed_raw), route,
                    start_date, stop_date, taken)


def _dose_example(sup: Supplement) -> str:
    """This supplement's own example dose for hints ('1000 IU' for vitamin D, '100 ug' otherwise)."""
    from vitasim.units import COMPOUNDS
    compound = COMPOUNDS.get(sup.compound)
    return "1000 IU" if compound is not None and compound.iu_per_ug else "100 ug"


def ignored_in_horizon(items: tuple[DoseItem, ...], horizon_h: float) -> list[str]:
    """What a regimen holds that a horizon of ``horizon_h`` leaves out, in words (reported, never silent):
    items with no dose inside the horizon and missed dose numbers beyond the doses taken in it."""
    out = []
    for i, item in enumerate(items):
        scheduled = len(_scheduled(item, horizon_h))
        if scheduled == 0:
            out.append(f"regimen[{i}] ({item.supplement.key} {item.dose_text}) has no dose inside the "
                       f"{horizon_h / _HOURS_PER_DAY:g} days simulated: ignored")
            continue
        beyond = sorted(m for m in item.missed if m > scheduled)
        if beyond:
            out.append(f"regimen[{i}].missed: dose{'s' if len(beyond) > 1 else ''} {', '.join(map(str, beyond))} "
                       f"{'are' if len(beyond) > 1 else 'is'} beyond the {scheduled} doses inside the "
                       f"{horizon_h / _HOURS_PER_DAY:g} days simulated: ignored")
    return out


def _scheduled(item: DoseItem, horizon_h: float) -> list[float]:
    """Dose times within the horizon, missed doses included."""
    from dataclasses import replace
    return replace(item, missed=frozenset()).times(horizon_h)


def dose_events(items: tuple[DoseItem, ...], horizon_h: float) -> list[DoseEvent]:
    """All doses of all items before ``horizon_h``, sorted by time."""
    events = [DoseEvent(t, it.supplement.state_for(it.route), it.amount, it.supplement.key)
              for it in items for t in it.times(horizon_h)]
    return sorted(events, key=lambda e: e.time_h)
