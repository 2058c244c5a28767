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
import math
import numbers
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from vitasim import labs as lab_catalogue
from vitasim import names, units
from vitasim.diet import parse_diet
from vitasim.errors import VitasimInputError, quote
from vitasim.labs import LabResult
from vitasim.model import Covariate
from vitasim.regimen import DoseItem, parse_item
from vitasim.timeline import When, parse_date, when

VERSION = "vitasim.profile/2"
_VERSIONS = ("vitasim.profile/1", VERSION)
_TOP = {"version", "start", "person", "labs", "medications", "conditions", "regimen", "diet", "name", "notes"}
_PERSON = {"age", "sex", "weight", "height", "egfr", "pregnant", "breastfeeding"}
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
    breastfeeding: bool = False
    name: str = ""
    start: dt.date | None = None               # day 0 as a calendar date, when the profile names it
    lab_history: dict[str, tuple[LabResult, ...]] = field(default_factory=dict)
    medication_entries: tuple[MedicationEntry, ...] = ()
    egfr_from_creatinine: bool = False
    assumptions: tuple[str, ...] = ()          # what was computed or assumed from the input, in words
    notes: str = ""
    diet_entries: tuple[tuple[str, str, str | None], ...] = ()     # (food, amount, per) as written
    defaults_assumed: tuple[str, ...] = ()     # person fields not given and what the models assume instead
    ignored: tuple[str, ...] = ()              # input that nothing uses, in words (reported, never silent)
    lab_alerts: tuple[str, ...] = ()           # accepted lab values in an emergency range, in words

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

    @property
    def all_assumptions(self) -> tuple[str, ...]:
        """Every assumption behind a result, in words: values computed from the input (``assumptions``),
        then what is assumed for fields not given and what the models do not cover (``defaults_assumed``).
        Outputs list these (JSON: ``assumptions``) so nothing is assumed silently."""
        return self.assumptions + self.defaults_assumed

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
        if self.breastfeeding:
            person["breastfeeding"] = True
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


MIN_AGE = 18.0   # years: the models, their limits and the planner are for adults (see docs/profile.md)
MAX_AGE = 120.0
MAX_NAME = 200   # characters of a name (medicine, condition, food, source); notes: MAX_NOTES
MAX_NOTES = 10_000


def _real(raw: Any) -> bool:
    """A real number: int, float or a numpy number; never bool."""
    return isinstance(raw, numbers.Real) and not isinstance(raw, bool)


def _number(raw: Any, field_: str, low: float, high: float, unit_hint: str, example: str) -> float:
    if not _real(raw):
        raise VitasimInputError(field_, f"expected a number {unit_hint}, e.g. {example}, got {quote(raw)}")
    value = float(raw)
    if not math.isfinite(value) or not (low <= value <= high):
        raise VitasimInputError(field_, f"{quote(raw)} is out of range; accepted {low:g}-{high:g} {unit_hint}")
    return value


def _weight(raw: Any) -> float:
    kg = units.kilograms(units.parse(raw, "person.weight", "68 kg"), "person.weight")
    if not 25 <= kg <= 300:
        raise VitasimInputError("person.weight", f"{quote(raw)} is out of range; accepted 25-300 kg")
    return kg


def _height(raw: Any) -> float:
    q = units.parse(raw, "person.height", "170 cm")
    try:
        cm = float(q.to("cm").magnitude)
    except Exception:
        raise VitasimInputError("person.height", f"{quote(raw)} is not a length; use cm or m, e.g. '170 cm'") from None
    if not 100 <= cm <= 230:
        raise VitasimInputError("person.height", f"{quote(raw)} is out of range; accepted 100-230 cm")
    return cm


def _age(raw: Any) -> float:
    if isinstance(raw, str):
        bare = units.number_text(raw)
        if bare is not None:
            raw = float(bare)
        else:
            q = units.parse(raw, "person.age", "72 years")
            try:
                raw = float(q.to("year").magnitude)
            except Exception:
                raise VitasimInputError("person.age", f"{quote(raw)} is not an age; use years, e.g. 72") from None
    if _real(raw) and math.isfinite(float(raw)) and 0 <= float(raw) < MIN_AGE:
        raise VitasimInputError("person.age", f"{float(raw):g} years: vitasim is for adults ({MIN_AGE:g} and over); "
                                              "children's needs and upper limits differ (iom2011), and the models "
                                              "are not built for them")
    return _number(raw, "person.age", MIN_AGE, MAX_AGE, "years (adults only)", "72")


def _egfr(raw: Any) -> float:
    """eGFR as a bare number (mL/min/1.73m2 understood) or with a unit of filtration (volume per time)."""
    if isinstance(raw, str):
        bare = units.number_text(raw)
        if bare is not None:
            raw = float(bare)
        else:
            q = units.parse(raw, "person.egfr", "60 mL/min/1.73m2")
            try:
                raw = float(q.to("mL/min").magnitude)
            except Exception:
                raise VitasimInputError("person.egfr", f"{quote(raw)} is not a filtration rate; use mL/min/1.73m2, "
                                                       "e.g. '60 mL/min/1.73m2' or 60") from None
    return _number(raw, "person.egfr", 1, 200, "mL/min/1.73m2", "60")


def _flag(person: dict, key: str) -> bool:
    value = person.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise VitasimInputError(f"person.{key}", f"must be true or false, got {quote(value)}")
    return value


def text(raw: Any, field_: str, limit: int = MAX_NAME, free: bool = False) -> str:
    """User text of bounded length; names (printed in every output) may hold no control characters,
    ``free`` text (notes, kept but never printed) may."""
    if not isinstance(raw, str):
        raise VitasimInputError(field_, f"must be text, got {type(raw).__name__}")
    if len(raw) > limit:
        raise VitasimInputError(field_, f"{len(raw)} characters; at most {limit} are accepted")
    if free:
        return raw
    bad = next((c for c in raw if (ord(c) < 32 and c not in "\t\n") or 127 <= ord(c) < 160), None)
    if bad is not None:
        raise VitasimInputError(field_, f"contains the control character {bad!r} (terminal codes are not "
                                        "accepted in a profile)")
    return raw


def _person_assumptions(age: float | None, sex: str | None, weight: float | None, egfr: float | None,
                        derived: bool) -> tuple[str, ...]:
    """What the models assume for each person field not given (their declared defaults), in words."""
    from vitasim.model.covariates import AGE, EGFR, SEX_FEMALE, WEIGHT
    out = []
    if age is None:
        out.append(f"age not given: {AGE.default:g} years assumed (the models' default; adult limits applied)")
    if sex is None:
        out.append(f"sex not given: half-way between women and men assumed (sex_female = {SEX_FEMALE.default:g})")
    if weight is None:
        out.append(f"weight not given: {WEIGHT.default:g} kg assumed")
    if egfr is None and not derived:
        out.append(f"eGFR not given: {EGFR.default:g} mL/min/1.73m2 assumed (no kidney disease)")
    return tuple(out)


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
        key = text(str(key), "labs")
        lab = resolver.resolve(key, f"labs.{key}")
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
        text(name, f"conditions[{i}]")
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
        text(item, where)
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
        sex = _SEXES.get(str(sex).strip().lower()) if isinstance(sex, str) else None
        if sex is None:
            raise VitasimInputError("person.sex", f"{quote(person['sex'])} not understood; accepted: female, male")
    regimen_raw = data.get("regimen") or []
    if not isinstance(regimen_raw, list):
        raise VitasimInputError("regimen", "must be a list of entries")
    if len(regimen_raw) > MAX_REGIMEN:
        raise VitasimInputError("regimen", f"{len(regimen_raw)} entries; at most {MAX_REGIMEN} are accepted")
    age = _age(person["age"]) if person.get("age") is not None else None
    history = _labs(data.get("labs"), day0)
    baselines = {key: base for key, h in history.items() if (base := lab_catalogue.baseline(h)) is not None}
    meds = _medications(data.get("medications"), day0)
    med_resolver = names.medications()
    known_meds = tuple(dict.fromkeys(m.name for m in meds if m.known))
    unknown_meds = tuple((m.name, med_resolver.nearest(m.name)) for m in meds if not m.known)
    classes = frozenset(cls for key in known_meds for cls in med_resolver.get(key).classes)
    conds, unknown_conds = _conditions(data.get("conditions"))
    pregnant = _flag(person, "pregnant")
    breastfeeding = _flag(person, "breastfeeding")
    for key, value in (("pregnant", pregnant), ("breastfeeding", breastfeeding)):
        if value and sex == "male":
            raise VitasimInputError(f"person.{key}", "contradicts sex: male")
    egfr = _egfr(person["egfr"]) if person.get("egfr") is not None else None
    derived = _derived_egfr(age, sex, history) if egfr is None else None
    weight = _weight(person["weight"]) if person.get("weight") is not None else None
    supplements = names.declared_supplements()
    regimen = tuple(parse_item(item, supplements, i, day0) for i, item in enumerate(regimen_raw))
    name = text(data["name"], "name") if data.get("name") is not None else ""
    notes = text(data["notes"], "notes", MAX_NOTES, free=True) if data.get("notes") is not None else ""
    defaults = _person_assumptions(age, sex, weight, egfr, derived is not None) + _state_assumptions(pregnant,
                                                                                                   breastfeeding)
    return Profile(
        age=age,
        sex=sex,
        weight_kg=weight,
        height_cm=_height(person["height"]) if person.get("height") is not None else None,
        egfr=derived[0] if derived else egfr,
        labs={key: r.value for key, r in baselines.items()},
        lab_units={key: r.unit_given for key, r in baselines.items()},
        medications=known_meds,
        medication_classes=classes,
        conditions=conds,
        unknown_medications=unknown_meds,
        unknown_conditions=unknown_conds,
        regimen=regimen,
        diet=parse_diet(data.get("diet")),
        pregnant=pregnant,
        breastfeeding=breastfeeding,
        name=name,
        start=day0,
        lab_history=history,
        medication_entries=meds,
        egfr_from_creatinine=derived is not None,
        assumptions=(derived[1],) if derived else (),
        defaults_assumed=defaults,
        notes=notes,
        diet_entries=_diet_entries(data.get("diet")),
        ignored=_ignored(history, baselines, classes),
        lab_alerts=_lab_alerts(history, baselines),
    )


MAX_REGIMEN = 100
# Labs a model reads only together with a medicine (without it the value changes nothing).
_LAB_NEEDS = {"inr": ("vitamin_k_antagonist", "a vitamin K antagonist (warfarin, phenprocoumon, acenocoumarol)")}


def _state_assumptions(pregnant: bool, breastfeeding: bool) -> tuple[str, ...]:
    """Pregnancy and breastfeeding are carried on the profile; the models are those of non-pregnant adults."""
    out = []
    for flag, word in ((pregnant, "pregnancy"), (breastfeeding, "breastfeeding")):
        if flag:
            out.append(f"{word}: the physiology models are those of non-pregnant, non-breastfeeding adults; "
                       f"predictions do not include the changes of {word}")
    return tuple(out)


def _ignored(history: dict[str, tuple[LabResult, ...]], baselines: dict[str, LabResult],
             classes: frozenset[str]) -> tuple[str, ...]:
    """What the input holds that nothing will use, in words (reported as findings, never silent)."""
    out = []
    for key, results in history.items():
        if key not in baselines:
            out.append(f"labs.{key}: every result is after day 0, so none is a baseline; the model's default "
                       "starting value is used (the results are kept in the history)")
        need = _LAB_NEEDS.get(key)
        if need is not None and key in baselines and need[0] not in classes:
            out.append(f"labs.{key}: given without {need[1]} among the medications; the models read it only "
                       "for a person on one, so it is ignored")
    return tuple(sorted(out))   # in key order: the same whatever order the mapping was written in


def _lab_alerts(history: dict[str, tuple[LabResult, ...]], baselines: dict[str, LabResult]) -> tuple[str, ...]:
    """Baselines accepted but in a range the catalogue marks as an emergency (see ``Lab.alert_high``)."""
    out = []
    resolver = lab_catalogue.resolver()
    for key, result in baselines.items():
        lab = resolver.get(key)
        alert = lab_catalogue.alert(lab, result.value) if lab is not None else None
        if alert:
            out.append(f"labs.{key}: {alert}")
    return tuple(sorted(out))   # in key order: the same whatever order the mapping was written in


def read_profile_file(path: str | bytes | Path) -> Any:
    """Read a YAML or JSON profile file into plain data, with bounded work (see :mod:`vitasim.safeload`)."""
    from vitasim.safeload import load_file
    return load_file(path)
