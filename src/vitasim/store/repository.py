"""Reading and writing the record: a person <-> a ``vitasim.profile/2`` mapping, labs, runs.

Every write goes through a validated profile: :func:`save_profile` validates with
:func:`vitasim.profile.profile_from_dict` (the same rules as a profile file, errors naming the
field) and stores :meth:`Profile.to_dict`'s plain data, so :func:`profile_dict` of a stored person
reads back into an equal :class:`~vitasim.profile.Profile`.  Functions take a
:class:`~sqlalchemy.orm.Session` inside one transaction (``with store.session() as s``).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vitasim import __version__
from vitasim.errors import VitasimInputError
from vitasim.profile import VERSION, Profile, profile_from_dict
from vitasim.store.models import ConditionEntry, LabEntry, MedicineEntry, Person, RegimenEntry, Run
from vitasim.timeline import looks_like_date

_NUMBER_UNIT = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def split_value(given: str | float) -> tuple[float, str]:
    """``"16 ng/mL"`` -> ``(16.0, "ng/mL")``; a bare number -> ``(x, "")``."""
    if isinstance(given, (int, float)) and not isinstance(given, bool):
        return float(given), ""
    m = _NUMBER_UNIT.match(str(given))
    if not m:
        raise VitasimInputError("value", f"expected a number and a unit such as '16 ng/mL', got {given!r}")
    return float(m.group(1)), m.group(2)


def number_text(value: float) -> str:
    """A number as people write it: no trailing ``.0``, every digit kept otherwise."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def value_text(value: float, unit: str) -> str | float:
    """The profile's form of a stored value: ``"16 ng/mL"``, or the bare number for unitless labs."""
    return float(value) if not unit else f"{number_text(value)} {unit}"


def _when_text(raw: Any) -> str | None:
    return None if raw is None else (raw if isinstance(raw, str) else number_text(float(raw)))


def _when_plain(text: str | None) -> str | float | None:
    if text is None:
        return None
    if looks_like_date(text):
        return text
    try:
        return float(text)
    except ValueError:
        return text          # a duration such as "8 week"


# ---- person <-> profile -----------------------------------------------------------------------

def _fill(person: Person, plain: dict[str, Any]) -> None:
    """Replace a person's fields and lists with a validated profile's plain data."""
    who = plain.get("person", {})
    person.name = plain.get("name", "")
    person.notes = plain.get("notes", "")
    person.start = dt.date.fromisoformat(plain["start"]) if plain.get("start") else None
    person.age = who.get("age")
    person.sex = who.get("sex")
    person.weight_kg = split_value(who["weight"])[0] if "weight" in who else None
    person.height_cm = split_value(who["height"])[0] if "height" in who else None
    person.egfr = who.get("egfr")
    person.pregnant = bool(who.get("pregnant", False))
    person.diet = plain.get("diet") or None
    person.labs.clear()
    for key, entries in plain.get("labs", {}).items():
        for entry in entries if isinstance(entries, list) else [entries]:
            entry = entry if isinstance(entry, dict) else {"value": entry}
            value, unit = split_value(entry["value"])
            date = entry.get("date")
            person.labs.append(LabEntry(lab=key, value=value, unit=unit,
                                        taken_on=dt.date.fromisoformat(date) if date else None,
                                        day=None if date else float(entry.get("day", 0.0)),
                                        source=entry.get("source", "")))
    person.regimen.clear()
    for i, item in enumerate(plain.get("regimen", [])):
        person.regimen.append(RegimenEntry(position=i, supplement=item["supplement"], dose=item["dose"],
                                           every=item.get("every"), start=_when_text(item.get("start")),
                                           stop=_when_text(item.get("stop")), doses=item.get("doses"),
                                           missed=item.get("missed"), route=item.get("route")))
    person.medicines.clear()
    for med in plain.get("medications", []):
        name, since = (med, None) if isinstance(med, str) else (med["name"], med.get("since"))
        person.medicines.append(MedicineEntry(name=name, since=_when_text(since)))
    person.conditions.clear()
    for cond in plain.get("conditions", []):
        person.conditions.append(ConditionEntry(name=cond))


def validate(data: dict[str, Any]) -> Profile:
    """A profile mapping validated exactly as a profile file is (errors name the field)."""
    return profile_from_dict(data)


def save_profile(session: Session, data: dict[str, Any] | Profile, person_id: int | None = None) -> Person:
    """Create a person from a profile (or replace person ``person_id``'s record with it)."""
    profile = data if isinstance(data, Profile) else validate(data)
    person = Person() if person_id is None else get_person(session, person_id)
    _fill(person, profile.to_dict())
    if person_id is None:
        session.add(person)
    session.flush()
    return person


def profile_dict(person: Person) -> dict[str, Any]:
    """The person's whole record as a ``vitasim.profile/2`` mapping (what export writes)."""
    out: dict[str, Any] = {"version": VERSION}
    if person.name:
        out["name"] = person.name
    if person.notes:
        out["notes"] = person.notes
    if person.start is not None:
        out["start"] = person.start.isoformat()
    who: dict[str, Any] = {}
    if person.age is not None:
        who["age"] = person.age
    if person.sex is not None:
        who["sex"] = person.sex
    if person.weight_kg is not None:
        who["weight"] = f"{person.weight_kg!r} kg"
    if person.height_cm is not None:
        who["height"] = f"{person.height_cm!r} cm"
    if person.egfr is not None:
        who["egfr"] = person.egfr
    if person.pregnant:
        who["pregnant"] = True
    out["person"] = who
    labs: dict[str, list[dict[str, Any]]] = {}
    for lab in person.labs:
        entry: dict[str, Any] = {"value": value_text(lab.value, lab.unit)}
        if lab.taken_on is not None:
            entry["date"] = lab.taken_on.isoformat()
        else:
            entry["day"] = lab.day or 0.0
        if lab.source:
            entry["source"] = lab.source
        labs.setdefault(lab.lab, []).append(entry)
    out["labs"] = {key: (entries[0]["value"] if len(entries) == 1 and set(entries[0]) == {"value", "day"}
                         and entries[0]["day"] == 0.0 else entries) for key, entries in labs.items()}
    out["medications"] = [m.name if m.since is None else {"name": m.name, "since": _when_plain(m.since)}
                          for m in person.medicines]
    out["conditions"] = [c.name for c in person.conditions]
    regimen = []
    for r in person.regimen:
        item: dict[str, Any] = {"supplement": r.supplement, "dose": r.dose}
        for key in ("every", "start", "stop", "doses", "missed", "route"):
            value = getattr(r, key)
            if value is not None:
                item[key] = _when_plain(value) if key in ("start", "stop") else value
        regimen.append(item)
    out["regimen"] = regimen
    if person.diet:
        out["diet"] = person.diet
    return out


def profile_for_run(person: Person, today: dt.date | None = None) -> tuple[dict[str, Any], list[str]]:
    """The profile check/plan simulate for a stored person "as of today", and what was assumed.

    Day 0 is ``today`` (default: the current date): the labs' baselines are the latest results up
    to today, regimen lines that stopped on or before today are history (not simulated), and a
    line that started before today is simulated from day 0 (what the person takes now).  Dates
    stay dates; the record itself is not changed.
    """
    data = profile_dict(person)
    notes: list[str] = []
    day0 = today or dt.date.today()
    if data.get("start") != day0.isoformat():
        if "start" in data and _has_offsets(data):
            day0 = dt.date.fromisoformat(data["start"])   # day offsets count from the record's own day 0
        else:
            data["start"] = day0.isoformat()
            notes.append(f"day 0 is {day0.isoformat()}")
    current = []
    for item in data["regimen"]:
        stop, start = item.get("stop"), item.get("start")
        if isinstance(stop, str) and looks_like_date(stop) and dt.date.fromisoformat(stop) <= day0:
            notes.append(f"{item['supplement']} {item['dose']} stopped on {stop}: history, not simulated")
            continue
        if isinstance(start, str) and looks_like_date(start) and dt.date.fromisoformat(start) < day0:
            item = {k: v for k, v in item.items() if k != "start"}
            notes.append(f"{item['supplement']} {item['dose']} started on {start}: simulated from day 0")
        current.append(item)
    data["regimen"] = current
    return data, notes


def _has_offsets(data: dict[str, Any]) -> bool:
    """Whether any time in the profile is a day offset (which counts from its ``start``)."""
    for entries in data.get("labs", {}).values():
        for e in entries if isinstance(entries, list) else [entries]:
            if not isinstance(e, dict) or "day" in e:
                return True
    times = [m.get("since") for m in data.get("medications", []) if isinstance(m, dict)]
    times += [r.get(k) for r in data.get("regimen", []) for k in ("start", "stop")]
    return any(t is not None and not (isinstance(t, str) and looks_like_date(t)) for t in times)


def ensure_start(data: dict[str, Any], date: dt.date) -> None:
    """Give the profile a calendar that reaches back to ``date`` (a profile with dates needs a day
    0 no later than its regimen's dates); refused when moving it would shift day offsets."""
    start = data.get("start")
    if start is None or (date < dt.date.fromisoformat(start) and not _has_offsets(data)):
        data["start"] = date.isoformat()


# ---- people ------------------------------------------------------------------------------------

def list_people(session: Session) -> list[Person]:
    """Everyone in the record, by name."""
    return list(session.scalars(select(Person).order_by(func.lower(Person.name), Person.id)))


def get_person(session: Session, person_id: int) -> Person:
    """One person, or VitasimInputError('person', ...) when there is none with that number."""
    person = session.get(Person, person_id)
    if person is None:
        raise VitasimInputError("person", f"no person number {person_id} in the record")
    return person


def delete_person(session: Session, person_id: int) -> None:
    """Remove a person and everything recorded about them."""
    session.delete(get_person(session, person_id))


def add_lab(session: Session, person_id: int, lab: str, value: str | float, *, date: dt.date | None = None,
            source: str = "") -> LabEntry:
    """Add one dated result, validated with the person's whole profile (range, unit, date)."""
    person = get_person(session, person_id)
    data = profile_dict(person)
    if date is not None and "start" not in data:
        ensure_start(data, date)   # a dated result needs a calendar; the first date gives one
    entry = {"value": value, **({"date": date.isoformat()} if date else {"day": 0.0}), **({"source": source} if source else {})}
    from vitasim import labs as catalogue
    key = catalogue.resolver().resolve(lab, "lab").key
    existing = data["labs"].get(key)
    existing = [] if existing is None else (existing if isinstance(existing, list) else [{"value": existing, "day": 0.0}])
    data["labs"][key] = [*existing, entry]
    profile = validate(data)
    new = profile.lab_history[key][-1]
    number, unit = split_value(new.given)
    row = LabEntry(lab=key, value=number, unit=unit, taken_on=new.when.date,
                   day=None if new.when.date else new.when.day, source=new.source)
    if person.start is None and profile.start is not None:
        person.start = profile.start
    person.labs.append(row)
    session.flush()
    return row


def record_run(session: Session, person_id: int, kind: str, inputs: dict[str, Any], outputs: dict[str, Any]) -> Run:
    """Keep a check/plan run: inputs, the ``vitasim.plan/1`` output and the model that made it."""
    prov = outputs.get("provenance", {})
    run = Run(person_id=person_id, kind=kind, inputs=inputs, outputs=outputs,
              vitasim_version=str(prov.get("vitasim_version", __version__)),
              model_version=str(prov.get("model", "")))
    person = get_person(session, person_id)
    person.runs.append(run)
    session.flush()
    return run


def get_run(session: Session, person_id: int, run_id: int) -> Run:
    """One run of one person (a run of someone else is not found)."""
    run = session.get(Run, run_id)
    if run is None or run.person_id != person_id:
        raise VitasimInputError("run", f"no run number {run_id} for person {person_id}")
    return run
