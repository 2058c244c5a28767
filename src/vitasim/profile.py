"""The profile: who the person is, their labs, medicines and regimen, as plain validated data.

Input is a YAML/JSON file or a mapping (format ``vitasim.profile/2``; see ``docs/profile.md``)::

    version: vitasim.profile/2          # absent: version 1, read the same way
    start: 2026-01-10                   # day 0 (optional; without it, day offsets only)
    person: {age: 72, sex: female, weight: 68 kg, height: 165 cm, egfr: 55}
    labs:
      25ohd: [{value: 16 ng/mL, date: 2025-10-02}, {value: 20 ng/mL, date: 2026-01-08, source: clinic}]
      serum_calcium: 2.41 mmol/L
    medications: [omeprazole, {name: warfarin, since: 2023-05-01}]
    conditions: []
    regimen:
      - {supplement: vitamin D3, dose: 2000 IU, every: 1 day, start: 2026-01-10}

Validation reads the modules' declarations (their labs, supplements, medicines, conditions) and
never assembles the model.  Every value with a dimension needs its unit; anything wrong raises
:class:`~vitasim.errors.VitasimInputError` naming the field.  :meth:`Profile.to_dict` gives the
plain data back: ``profile_from_dict(p.to_dict()) == p``.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vitasim import labs as lab_catalogue
from vitasim import names, units
from vitasim.diet import parse_diet
from vitasim.errors import VitasimInputError
from vitasim.labs import LabResult
from vitasim.model import Covariate
from vitasim.regimen import DoseItem, parse_item
from vitasim.timeline import When, parse_date, when

VERSION = "vitasim.profile/2"
_VERSIONS = ("vitasim.profile/1", VERSION)
_TOP = {"version", "start", "person", "labs", "medications", "conditions", "regimen", "diet", "name", "notes"}
_PERSON = {"age", "sex", "weight", "height", "egfr", "pregnant"}
_MEDICATION = {"name", "since"}
_SEXES = {"female": "female", "f": "female", "woman": "female", "male": "male", "m": "male",
          "man": "male"}


@dataclass(frozen=True)
class MedicationEntry:
    """A medicine as listed: its key when known (else the name as written) and since when."""

    name: str
    known: bool
    since: When | None = None

    def as_plain(self) -> str | dict[str, Any]:
        return self.name if self.since is None else {"name": self.name, "since": self.since.as_plain()}


@dataclass(frozen=True)
class Profile:
    """A validated person: values in canonical units (kg, cm, years, labs in the catalogue's units).

    ``labs`` holds each lab's baseline (the latest result at or before day 0) and ``lab_units``
    the unit it was written in; ``lab_history`` keeps every result with its date and source.
    """

    age: float | None = None
    sex: str | None = None
    weight_kg: float | None = None
    height_cm: float | None = None
    egfr: float | None = None
    labs: dict[str, float] = field(default_factory=dict)
    lab_units: dict[str, str] = field(default_factory=dict)
    medications: tuple[str, ...] = ()          # resolved medication keys
    medication_classes: frozenset[str] = frozenset()
    conditions: tuple[str, ...] = ()           # resolved condition keys
    unknown_medications: tuple[tuple[str, str | None], ...] = ()   # (as written, nearest known)
    unknown_conditions: tuple[tuple[str, str | None], ...] = ()
    regimen: tuple[DoseItem, ...] = ()
    diet: tuple = ()                           # vitasim.diet.DietItem
    pregnant: bool = False
    name: str = ""
    start: dt.date | None = None               # day 0 as a calendar date, when the profile names it
    lab_history: dict[str, tuple[LabResult, ...]] = field(default_factory=dict)
    medication_entries: tuple[MedicationEntry, ...] = ()
    egfr_from_creatinine: bool = False
    assumptions: tuple[str, ...] = ()          # what was computed or assumed from the input, in words
    notes: str = ""
    diet_entries: tuple[tuple[str, str, str | None], ...] = ()     # (food, amount, per) as written

    def covariate(self, cov: Covariate) -> tuple[float, bool]:
        """This person's value of a model covariate and whether it was given (vs default)."""
        if cov.lab is not None:
            if cov.lab in self.labs:
                lab = lab_catalogue.resolver().get(cov.lab)
                value = self.labs[cov.lab]
                if lab is not None and lab.unit != cov.unit:
                    value = float(units.convert_values(value, lab.unit, cov.unit, cov.compound))
                return value, True
            return cov.default, False
        if cov.medication_class is not None:
            return float(cov.medication_class in self.medication_classes), True
        if cov.condition is not None:
            return float(cov.condition in self.conditions), True
        if cov.diet is not None:
            if not self.diet:
                return cov.default, False
            from vitasim.diet import daily_intake
            # A listed diet may be partial: when its foods supply less than a typical diet, the
            # typical intake is kept; the value stays within what the model accepts.
            listed = float(daily_intake(self.diet)[cov.diet]["amount_per_day"])
            return min(max(listed, cov.default, cov.low), cov.high), listed > cov.default
        sex_female = None if self.sex is None else float(self.sex == "female")
        value = {"weight": self.weight_kg, "age": self.age, "egfr": self.egfr,
                 "height": self.height_cm, "sex_female": sex_female}.get(cov.name)
        return (value, True) if value is not None else (cov.default, False)

    def takes(self, medication_class: str) -> bool:
        """Whether any of the person's medications belongs to ``medication_class``."""
        return medication_class in self.medication_classes

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON/YAML-serialisable data (strings with units) that reads back into this profile."""
        out: dict[str, Any] = {"version": VERSION}
        if self.name:
            out["name"] = self.name
        if self.notes:
            out["notes"] = self.notes
        if self.start is not None:
            out["start"] = self.start.isoformat()
        person: dict[str, Any] = {}
        if self.age is not None:
            person["age"] = self.age
        if self.sex is not None:
            person["sex"] = self.sex
        if self.weight_kg is not None:
            person["weight"] = f"{self.weight_kg!r} kg"
        if self.height_cm is not None:
            person["height"] = f"{self.height_cm!r} cm"
        if self.egfr is not None and not self.egfr_from_creatinine:
            person["egfr"] = self.egfr
        if self.pregnant:
            person["pregnant"] = True
        out["person"] = person
        out["labs"] = {key: (history[0].as_plain() if len(history) == 1 else [r.as_plain(in_history=True) for r in history])
                       for key, history in self.lab_history.items()}
        out["medications"] = [m.as_plain() for m in self.medication_entries]
        out["conditions"] = [*self.conditions, *(written for written, _ in self.unknown_conditions)]
        out["regimen"] = [item.as_plain() for item in self.regimen]
        if self.diet_entries:
            out["diet"] = [{"food": food, "amount": amount, **({"per": per} if per is not None else {})}
                           for food, amount, per in self.diet_entries]
        return out


def _number(raw: Any, field_: str, low: float, high: float, unit_hint: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise VitasimInputError(field_, f"expected a number {unit_hint}, got {raw!r}")
    if not (low <= raw <= high):
        raise VitasimInputError(field_, f"{raw!r} is out of range; accepted {low:g}-{high:g} {unit_hint}")
    return float(raw)


def _weight(raw: Any) -> float:
    kg = units.kilograms(units.parse(raw, "person.weight"), "person.weight")
    if not 25 <= kg <= 300:
        raise VitasimInputError("person.weight", f"{raw!r} is out of range; accepted 25-300 kg")
    return kg


def _height(raw: Any) -> float:
    q = units.parse(raw, "person.height")
    try:
        cm = float(q.to("cm").magnitude)
    except Exception:
        raise VitasimInputError("person.height", f"{raw!r} is not a length; use cm or m") from None
    if not 100 <= cm <= 230:
        raise VitasimInputError("person.height", f"{raw!r} is out of range; accepted 100-230 cm")
    return cm


def _age(raw: Any) -> float:
    if isinstance(raw, str):
        q = units.parse(raw, "person.age")
        try:
            raw = float(q.to("year").magnitude)
        except Exception:
            raise VitasimInputError("person.age", f"{raw!r} is not an age; use years") from None
    return _number(raw, "person.age", 18, 120, "years (adults only)")


def _egfr(raw: Any) -> float:
    if isinstance(raw, str):
        raw = raw.split()[0]
        try:
            raw = float(raw)
        except ValueError:
            raise VitasimInputError("person.egfr", "expected a number in mL/min/1.73m2") from None
    return _number(raw, "person.egfr", 1, 200, "mL/min/1.73m2")


def _version(raw: Any) -> str:
    if raw is None:
        return _VERSIONS[0]
    if raw not in _VERSIONS:
        raise VitasimInputError("version", f"{raw!r} is not a profile format this vitasim reads; accepted: "
                                           f"{', '.join(_VERSIONS)}")
    return raw


def _labs(raw: Any, day0: dt.date | None) -> dict[str, tuple[LabResult, ...]]:
    """Each lab's results, by catalogue key (a lab given twice under two names is an error)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise VitasimInputError("labs", "must be a mapping such as {25ohd: 16 ng/mL}")
    resolver = lab_catalogue.resolver()
    history: dict[str, tuple[LabResult, ...]] = {}
    written: dict[str, str] = {}
    for key, value in raw.items():
        lab = resolver.resolve(str(key), f"labs.{key}")
        if lab.key in history:
            raise VitasimInputError(f"labs.{key}", f"the same lab as '{written[lab.key]}'; give it once "
                                                   "(a list holds several results)")
        written[lab.key] = str(key)
        history[lab.key] = lab_catalogue.parse_history(lab, value, f"labs.{key}", day0)
    return history


def _names(raw: Any, field_: str) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise VitasimInputError(field_, "must be a list of names, e.g. [warfarin, omeprazole]")
    return raw


def _conditions(raw: Any) -> tuple[tuple[str, ...], tuple[tuple[str, str | None], ...]]:
    resolver = names.conditions()
    known: list[str] = []
    unknown: list[tuple[str, str | None]] = []
    for i, name in enumerate(_names(raw, "conditions")):
        if not isinstance(name, str) or not name.strip():
            raise VitasimInputError(f"conditions[{i}]", "must be a name, e.g. 'chronic kidney disease'")
        cond = resolver.get(name)
        if cond is None:
            unknown.append((name.strip(), resolver.nearest(name)))
        elif cond.key not in known:
            known.append(cond.key)
    return tuple(known), tuple(unknown)


def _medications(raw: Any, day0: dt.date | None) -> tuple[MedicationEntry, ...]:
    resolver = names.medications()
    entries = []
    for i, item in enumerate(_names(raw, "medications")):
        where = f"medications[{i}]"
        since = None
        if isinstance(item, dict):
            extra = set(item) - _MEDICATION
            if extra:
                raise VitasimInputError(f"{where}.{sorted(extra)[0]}", f"unknown field; accepted: "
                                                                       f"{', '.join(sorted(_MEDICATION))}")
            if item.get("since") is not None:
                since = when(item["since"], f"{where}.since", day0)
            item = item.get("name")
        if not isinstance(item, str) or not item.strip():
            raise VitasimInputError(where, "must be a name or {name: warfarin, since: 2023-05-01}")
        med = resolver.get(item)
        entries.append(MedicationEntry(med.key if med else item.strip(), med is not None, since))
    return tuple(entries)


def _derived_egfr(age: float | None, sex: str | None,
                  history: dict[str, tuple[LabResult, ...]]) -> tuple[float, str] | None:
    """eGFR from the baseline serum creatinine by CKD-EPI 2021, when age and sex are known."""
    creat = lab_catalogue.baseline(history.get("creatinine", ()))
    if creat is None or age is None or sex is None:
        return None
    value = lab_catalogue.egfr_ckd_epi_2021(creat.value, age, sex == "female")
    if not 1 <= value <= 200:
        raise VitasimInputError("labs.creatinine", f"gives an eGFR of {value:.0f} mL/min/1.73m2 (CKD-EPI 2021), "
                                                   "outside 1-200; check the value and its unit")
    return value, (f"eGFR {value:.1f} mL/min/1.73m2 computed from serum creatinine {creat.given} by the "
                   "race-free CKD-EPI 2021 equation (inker2021), as eGFR was not given")


def _diet_entries(raw: Any) -> tuple[tuple[str, str, str | None], ...]:
    parse_diet(raw)   # validates; the entries are kept as written so to_dict gives them back
    return tuple((entry["food"], entry["amount"], entry.get("per")) for entry in raw or ())


def profile_from_dict(data: Any, system: Any = None) -> Profile:
    """Validate a mapping into a Profile against the modules' declarations (no model is assembled).

    ``system`` is accepted for older callers and ignored.
    """
    if not isinstance(data, dict):
        raise VitasimInputError("profile", "must be a mapping with person, labs, medications, regimen")
    extra = set(data) - _TOP
    if extra:
        raise VitasimInputError(sorted(extra)[0], f"unknown section; accepted: {', '.join(sorted(_TOP))}")
    _version(data.get("version"))
    day0 = parse_date(data["start"], "start") if data.get("start") is not None else None
    person = data.get("person") or {}
    if not isinstance(person, dict):
        raise VitasimInputError("person", "must be a mapping such as {age: 72, sex: female, weight: 68 kg}")
    extra = set(person) - _PERSON
    if extra:
        raise VitasimInputError(f"person.{sorted(extra)[0]}", f"unknown field; accepted: {', '.join(sorted(_PERSON))}")
    sex = person.get("sex")
    if sex is not None:
        sex = _SEXES.get(str(sex).strip().lower())
        if sex is None:
            raise VitasimInputError("person.sex", f"{person['sex']!r} not understood; accepted: female, male")
    regimen_raw = data.get("regimen") or []
    if not isinstance(regimen_raw, list):
        raise VitasimInputError("regimen", "must be a list of entries")
    age = _age(person["age"]) if person.get("age") is not None else None
    history = _labs(data.get("labs"), day0)
    baselines = {key: base for key, h in history.items() if (base := lab_catalogue.baseline(h)) is not None}
    meds = _medications(data.get("medications"), day0)
    med_resolver = names.medications()
    known_meds = tuple(dict.fromkeys(m.name for m in meds if m.known))
    unknown_meds = tuple((m.name, med_resolver.nearest(m.name)) for m in meds if not m.known)
    classes = frozenset(cls for key in known_meds for cls in med_resolver.get(key).classes)
    conds, unknown_conds = _conditions(data.get("conditions"))
    pregnant = person.get("pregnant", False)
    if not isinstance(pregnant, bool):
        raise VitasimInputError("person.pregnant", "must be true or false")
    if pregnant and sex == "male":
        raise VitasimInputError("person.pregnant", "contradicts sex: male")
    egfr = _egfr(person["egfr"]) if person.get("egfr") is not None else None
    derived = _derived_egfr(age, sex, history) if egfr is None else None
    supplements = names.declared_supplements()
    return Profile(
        age=age,
        sex=sex,
        weight_kg=_weight(person["weight"]) if person.get("weight") is not None else None,
        height_cm=_height(person["height"]) if person.get("height") is not None else None,
        egfr=derived[0] if derived else egfr,
        labs={key: r.value for key, r in baselines.items()},
        lab_units={key: r.unit_given for key, r in baselines.items()},
        medications=known_meds,
        medication_classes=classes,
        conditions=conds,
        unknown_medications=unknown_meds,
        unknown_conditions=unknown_conds,
        regimen=tuple(parse_item(item, supplements, i, day0) for i, item in enumerate(regimen_raw)),
        diet=parse_diet(data.get("diet")),
        pregnant=pregnant,
        name=str(data.get("name") or ""),
        start=day0,
        lab_history=history,
        medication_entries=meds,
        egfr_from_creatinine=derived is not None,
        assumptions=(derived[1],) if derived else (),
        notes=str(data.get("notes") or ""),
        diet_entries=_diet_entries(data.get("diet")),
    )


def read_profile_file(path: str | Path) -> Any:
    """Read a YAML or JSON profile file into plain data (errors name the file)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise VitasimInputError("profile", f"file not found: {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise VitasimInputError("profile", f"cannot read {p}: {exc.__class__.__name__}") from None
    try:
        if p.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else (
            f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else "")
        raise VitasimInputError("profile", f"{p.name} is not valid {'JSON' if p.suffix.lower() == '.json' else 'YAML'}{where}") from None
