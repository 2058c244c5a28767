"""The profile: who the person is, their labs, medicines and regimen, validated with units.

Input is a YAML/JSON file or a mapping::

    person: {age: 72, sex: female, weight: 68 kg, height: 165 cm, egfr: 55}
    labs: {25ohd: 16 ng/mL}
    medications: []
    conditions: []
    regimen:
      - {supplement: vitamin D3, dose: 2000 IU, every: 1 day}

Every value with a dimension needs its unit.  Anything wrong raises
:class:`~vitasim.errors.VitasimInputError` naming the field and what is accepted.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vitasim import units
from vitasim.errors import VitasimInputError
from vitasim.model import Covariate, System
from vitasim.diet import parse_diet
from vitasim.regimen import DoseItem, parse_item

_TOP = {"person", "labs", "medications", "conditions", "regimen", "diet", "name", "notes"}
_PERSON = {"age", "sex", "weight", "height", "egfr", "pregnant"}
_SEXES = {"female": "female", "f": "female", "woman": "female", "male": "male", "m": "male",
          "man": "male"}


@dataclass(frozen=True)
class Profile:
    """A validated person: values in canonical units (kg, cm, years, labs in model units)."""

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

    def covariate(self, cov: Covariate) -> tuple[float, bool]:
        """This person's value of a model covariate and whether it was given (vs default)."""
        if cov.lab is not None:
            if cov.lab in self.labs:
                return self.labs[cov.lab], True
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


def _labs(raw: Any, covariates: tuple[Covariate, ...]) -> tuple[dict[str, float], dict[str, str]]:
    if raw is None:
        return {}, {}
    if not isinstance(raw, dict):
        raise VitasimInputError("labs", "must be a mapping such as {25ohd: 16 ng/mL}")
    table: dict[str, Covariate] = {}
    for cov in covariates:
        if cov.lab:
            for alias in (cov.lab, *cov.lab_synonyms):
                table[alias.lower().replace(" ", "")] = cov
    values: dict[str, float] = {}
    given: dict[str, str] = {}
    for key, text in raw.items():
        cov = table.get(str(key).lower().replace(" ", ""))
        fieldname = f"labs.{key}"
        if cov is None:
            import difflib
            close = difflib.get_close_matches(str(key).lower(), table, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise VitasimInputError(fieldname, f"unknown lab{hint}; known: {', '.join(sorted({c.lab for c in table.values()}))}")
        if cov.unit == "1":
            value = _number(text, fieldname, cov.low, cov.high, "(no unit)")
            values[cov.lab] = value
            given[cov.lab] = "1"
            continue
        q = units.parse(text, fieldname)
        value = units.concentration(q, cov.compound or "", cov.unit, fieldname)
        if not cov.low <= value <= cov.high:
            raise VitasimInputError(fieldname, f"{text!r} is not a plausible value; accepted "
                                               f"{_range_text(cov)}")
        values[cov.lab] = value
        given[cov.lab] = str(q.units)
    return values, given


def _range_text(cov: Covariate) -> str:
    """The accepted range in the model unit and, for molar concentrations, in mass units too."""
    own = f"{cov.low:g}-{cov.high:g} {cov.unit}"
    if not cov.compound:
        return own
    mass_unit = {"nmol/L": "ng/mL", "pmol/L": "pg/mL", "mmol/L": "mg/dL", "umol/L": "ug/mL"}.get(cov.unit)
    if mass_unit is None:
        return own
    lo = units.convert_values(cov.low, cov.unit, mass_unit, cov.compound)
    hi = units.convert_values(cov.high, cov.unit, mass_unit, cov.compound)
    return f"{lo:.3g}-{hi:.3g} {mass_unit} ({own})"


def _norm_name(name: str) -> str:
    return " ".join(name.strip().lower().replace("_", " ").replace("-", " ").split())


def _resolve(raw: Any, field_: str, known: dict[str, str]) -> tuple[tuple[str, ...], tuple[tuple[str, str | None], ...]]:
    """Resolve names against a synonym table; unknown names are kept with the nearest known one."""
    import difflib
    resolved: list[str] = []
    unknown: list[tuple[str, str | None]] = []
    for name in _names(raw, field_):
        key = known.get(_norm_name(name))
        if key is not None:
            if key not in resolved:
                resolved.append(key)
            continue
        close = difflib.get_close_matches(_norm_name(name), list(known), n=1, cutoff=0.6)
        unknown.append((name, close[0] if close else None))
    return tuple(resolved), tuple(unknown)


def _names(raw: Any, field_: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise VitasimInputError(field_, "must be a list of names, e.g. [warfarin, omeprazole]")
    return tuple(x.strip() for x in raw)


def profile_from_dict(data: Any, system: "System") -> Profile:
    """Validate a mapping into a Profile against the assembled modules' labs, supplements,
    medications and conditions."""
    covariates, supplements = system.covariates, system.supplements
    if not isinstance(data, dict):
        raise VitasimInputError("profile", "must be a mapping with person, labs, medications, regimen")
    extra = set(data) - _TOP
    if extra:
        raise VitasimInputError(sorted(extra)[0], f"unknown section; accepted: {', '.join(sorted(_TOP))}")
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
    labs, lab_units = _labs(data.get("labs"), covariates)
    med_table = {_norm_name(alias): m.key for m in system.medications for alias in (m.key, *m.synonyms)}
    cond_table = {_norm_name(alias): c.key for c in system.conditions for alias in (c.key, *c.synonyms)}
    meds, unknown_meds = _resolve(data.get("medications"), "medications", med_table)
    conds, unknown_conds = _resolve(data.get("conditions"), "conditions", cond_table)
    classes = frozenset(cls for m in system.medications if m.key in meds for cls in m.classes)
    pregnant = person.get("pregnant", False)
    if not isinstance(pregnant, bool):
        raise VitasimInputError("person.pregnant", "must be true or false")
    if pregnant and sex == "male":
        raise VitasimInputError("person.pregnant", "contradicts sex: male")
    return Profile(
        age=_age(person["age"]) if person.get("age") is not None else None,
        sex=sex,
        weight_kg=_weight(person["weight"]) if person.get("weight") is not None else None,
        height_cm=_height(person["height"]) if person.get("height") is not None else None,
        egfr=_egfr(person["egfr"]) if person.get("egfr") is not None else None,
        labs=labs,
        lab_units=lab_units,
        medications=meds,
        medication_classes=classes,
        conditions=conds,
        unknown_medications=unknown_meds,
        unknown_conditions=unknown_conds,
        regimen=tuple(parse_item(item, supplements, i) for i, item in enumerate(regimen_raw)),
        diet=parse_diet(data.get("diet")),
        pregnant=pregnant,
        name=str(data.get("name") or ""),
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
