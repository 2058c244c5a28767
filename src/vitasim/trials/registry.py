"""The registry of published trial arms: one validated record per arm, read from the package data.

Each ``data/arms/<nutrient>.yaml`` holds a list of arm records in the shared schema (see
``docs/trials.md``).  :func:`registry` reads and validates them all once: pydantic checks the
shape; then every reference key must exist in the project's reference list, every unit must be
read by :mod:`vitasim.units` and convert to the unit of the model output it is compared with,
every baseline must name a lab of the profile catalogue, and the regimen must be a valid profile
regimen.  A bad record raises :class:`~vitasim.errors.VitasimInputError` naming the arm and field.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from vitasim.errors import VitasimInputError

NUTRIENTS = ("vitamin_d", "vitamin_k", "b12", "magnesium", "calcium_pth", "bone_drug")
ROLES = ("calibration", "validation")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Spread(_Strict):
    """A mean with its spread: ``sd`` or ``se`` or a 95 % ``ci``, in the enclosing unit."""

    mean: float | None = None
    sd: float | None = None
    se: float | None = None
    ci: tuple[float, float] | None = None
    min: float | None = None
    max: float | None = None
    unit: str | None = None


class Visit(_Strict):
    day: float = Field(ge=0)
    mean: float
    sd: float | None = Field(default=None, ge=0)
    se: float | None = Field(default=None, ge=0)
    ci: tuple[float, float] | None = None
    n: int | None = Field(default=None, ge=1)   # optional: people measured at this visit

    @model_validator(mode="after")
    def _one_spread(self) -> "Visit":
        if sum(x is not None for x in (self.sd, self.se, self.ci)) > 1:
            raise ValueError("give one of sd, se or ci")
        if self.ci is not None and not self.ci[0] <= self.mean <= self.ci[1]:
            raise ValueError(f"ci {list(self.ci)} does not contain the mean {self.mean}")
        return self


class Endpoint(_Strict):
    quantity: str
    unit: str
    kind: Literal["absolute", "change", "percent_change", "peak"] = "absolute"
    visits: tuple[Visit, ...] = Field(min_length=1)
    note: str = ""


class Population(_Strict):
    n: int = Field(ge=1)
    n_assumed: str = ""          # set when n is not reported per arm: how it was derived (shown in output)
    age: Spread | None = None
    female_fraction: float | None = Field(default=None, ge=0, le=1)
    weight: Spread | None = None
    bmi: Spread | None = None
    height: Spread | None = None
    egfr: Spread | None = None
    latitude_or_season: str = ""
    medications: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    baseline: dict[str, Spread] = Field(default_factory=dict)


class Arm(_Strict):
    """One published trial arm (see ``docs/trials.md`` for every field)."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    reference: str
    found_in: str = Field(min_length=3)
    role: Literal["calibration", "validation"]
    nutrient: Literal["vitamin_d", "vitamin_k", "b12", "magnesium", "calcium_pth", "bone_drug"]
    design: str = ""
    population: Population
    regimen: tuple[dict, ...] = ()
    co_interventions: str = ""
    adherence: float | None = Field(default=None, gt=0, le=1)
    duration_days: float = Field(gt=0)
    assay: str = ""
    endpoints: tuple[Endpoint, ...] = Field(min_length=1)
    notes: str = ""

    def baseline_of(self, quantity: str) -> Spread | None:
        """The measured baseline of a model output, when the arm reports it."""
        from vitasim import labs
        for key, spread in self.population.baseline.items():
            lab = labs.resolver().get(key)
            if (lab.output if lab is not None else key) == quantity:
                return spread
        return None

    @property
    def horizon_days(self) -> float:
        return max([self.duration_days] + [v.day for e in self.endpoints for v in e.visits])


def _where(arm_id: str, loc: tuple) -> str:
    return ".".join([arm_id, *(str(x) for x in loc)])


def _check_units(arm: Arm) -> None:
    """Units parse and convert to what the model computes (a wrong unit is a safety bug)."""
    from vitasim import labs, units
    from vitasim.simulate import default_system
    outputs = {o.name: o for o in default_system().outputs}
    for i, ep in enumerate(arm.endpoints):
        field = f"{arm.id}.endpoints[{i}]"
        if ep.quantity not in outputs:
            raise VitasimInputError(f"{field}.quantity", f"unknown model output {ep.quantity!r}")
        out = outputs[ep.quantity]
        if ep.kind == "percent_change":
            if ep.unit != "%":
                raise VitasimInputError(f"{field}.unit", "a percent_change endpoint has unit '%'")
            continue
        try:
            units.convert_values(1.0, ep.unit, out.unit, out.compound)
        except Exception:
            raise VitasimInputError(f"{field}.unit", f"{ep.unit!r} does not convert to {out.unit!r} "
                                                     f"({ep.quantity})") from None
    for key, spread in arm.population.baseline.items():
        field = f"{arm.id}.population.baseline.{key}"
        lab = labs.resolver().get(key)
        if lab is None:
            raise VitasimInputError(field, "not a lab of the profile catalogue")
        if spread.mean is None or spread.unit is None:
            raise VitasimInputError(field, "a baseline needs mean and unit")
        out = outputs.get(lab.output) if lab.output else None
        target = out.unit if out is not None else lab.unit
        try:
            units.convert_values(1.0, spread.unit, target, out.compound if out is not None else lab.compound)
        except Exception:
            raise VitasimInputError(f"{field}.unit", f"{spread.unit!r} does not convert to {target!r}") from None
    for name in ("weight", "height", "egfr"):
        spread = getattr(arm.population, name)
        if spread is not None and spread.unit is not None:
            units.parse(f"1 {spread.unit}", f"{arm.id}.population.{name}.unit")


def _check(arm: Arm) -> None:
    from vitasim.refs import references
    if arm.reference not in references():
        raise VitasimInputError(f"{arm.id}.reference", f"unknown citation key {arm.reference!r}")
    _check_units(arm)
    from vitasim.trials.people import arm_profile
    arm_profile(arm)   # the regimen, medicines, conditions and baselines read as a profile


def parse_arm(raw: object, where: str = "arm") -> Arm:
    """Validate one record into an :class:`Arm` (raises VitasimInputError naming the field)."""
    if not isinstance(raw, dict):
        raise VitasimInputError(where, "each arm is a mapping")
    arm_id = str(raw.get("id", where))
    try:
        arm = Arm.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise VitasimInputError(_where(arm_id, err["loc"]), err["msg"]) from None
    _check(arm)
    return arm


def arm_files():
    folder = resources.files("vitasim.trials").joinpath("data", "arms")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


@lru_cache(maxsize=1)
def registry() -> tuple[Arm, ...]:
    """Every arm of every ``data/arms/*.yaml``, validated; ids are unique."""
    arms: list[Arm] = []
    seen: set[str] = set()
    for f in arm_files():
        records = yaml.safe_load(f.read_text(encoding="utf-8")) or []
        for k, raw in enumerate(records):
            arm = parse_arm(raw, f"{f.name}[{k}]")
            if arm.id in seen:
                raise VitasimInputError(f"{arm.id}.id", "duplicate arm id")
            if arm.nutrient != f.name[:-5]:
                raise VitasimInputError(f"{arm.id}.nutrient", f"{arm.nutrient!r} is filed in {f.name}")
            seen.add(arm.id)
            arms.append(arm)
    return tuple(arms)


def get_arm(arm_id: str) -> Arm:
    """The arm with this id (VitasimInputError with the nearest ids when unknown)."""
    import difflib
    by_id = {a.id: a for a in registry()}
    if arm_id not in by_id:
        near = difflib.get_close_matches(arm_id, list(by_id), n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else "; `vitasim trial --list` lists them"
        raise VitasimInputError("arm", f"unknown arm {arm_id!r}{hint}")
    return by_id[arm_id]


def select(*, nutrient: str | None = None, role: str | None = None) -> tuple[Arm, ...]:
    return tuple(a for a in registry() if (nutrient is None or a.nutrient == nutrient)
                 and (role is None or a.role == role))
