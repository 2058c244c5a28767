"""What an import found (results and problems by line), LOINC lookup, and one value's check."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from vitasim import labs as catalogue
from vitasim.errors import VitasimInputError

# How a unitless ratio (INR) is written in UCUM and by laboratories.
_UNITLESS = {"", "1", "{inr}", "{ratio}", "ratio", "inr", "{index}"}


@dataclass(frozen=True)
class ImportedLab:
    """One result understood: catalogue key, the value as a profile writes it, when, where from."""

    line: int
    lab: str
    value: str | float
    date: dt.date
    source: str
    code: str = ""


@dataclass(frozen=True)
class ImportProblem:
    """A line that was not imported: ``kind`` skipped (not a lab vitasim uses) or error (fix it)."""

    line: int
    kind: Literal["skipped", "error"]
    message: str
    where: str = ""

    def text(self) -> str:
        return f"line {self.line}{' (' + self.where + ')' if self.where else ''}: {self.kind}: {self.message}"


@dataclass
class ImportReport:
    """Results and problems of one file; importable only when there is no error."""

    results: list[ImportedLab] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.kind == "error"]

    @property
    def skipped(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.kind == "skipped"]

    @property
    def ok(self) -> bool:
        return not self.errors


def lab_for_loinc(code: str) -> catalogue.Lab | None:
    """The catalogue lab that lists LOINC ``code`` (None: no lab of the catalogue has it)."""
    code = code.strip()
    for lab in catalogue.CATALOGUE:
        if code in lab.loinc:
            return lab
    return None


def checked_value(lab: catalogue.Lab, number: float, unit: str, where: str) -> str | float:
    """The value as a profile writes it, after the catalogue's unit conversion and range check
    (raises VitasimInputError naming ``where``; a unit is never assumed)."""
    unit = unit.strip()
    if lab.unit == "1":
        if unit.lower() not in _UNITLESS:
            raise VitasimInputError(where, f"{lab.key} has no unit, got {unit!r}")
        written: str | float = float(number)
    elif lab.unit == "%":
        if unit != "%":
            raise VitasimInputError(where, f"{lab.key} is a percentage; expected the unit %, got {unit!r}")
        written = f"{number:g} %"
    else:
        if not unit:
            raise VitasimInputError(where, f"the unit is missing; {lab.key} needs one (e.g. {lab.unit})")
        written = f"{number:g} {unit}"
    catalogue.measure(lab, written, where)   # converts with the units module and range-checks
    return written


def parse_date(raw: str, where: str) -> dt.date:
    """A date (YYYY-MM-DD, or the date part of an ISO date-time)."""
    raw = (raw or "").strip()
    if not raw:
        raise VitasimInputError(where, "the date is missing (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        raise VitasimInputError(where, f"expected a date as YYYY-MM-DD, got {raw!r}") from None


def save(session, person_id: int, report: ImportReport):
    """Add every result of an error-free report to a stored person (one transaction: all or none)."""
    from vitasim.store.repository import add_lab
    if not report.ok:
        raise VitasimInputError("import", "; ".join(p.text() for p in report.errors))
    rows = []
    for r in report.results:
        try:
            rows.append(add_lab(session, person_id, r.lab, r.value, date=r.date, source=r.source))
        except VitasimInputError as exc:
            raise VitasimInputError(f"line {r.line}", exc.message) from None
    return rows
