"""The tables of the person's record (SQLAlchemy 2 declarative models).

One row per person, and under each person their dated lab results, regimen entries (with start
and stop), medicines (with since when), conditions and every check/plan run with what went in,
what came out (the ``vitasim.plan/1`` view) and the model version that made it.  Values are kept
as the profile format writes them (a lab's value and unit as given, durations and dates as text),
so a stored person reads back into exactly the profile it came from.  The schema is owned by the
Alembic migrations in ``vitasim/store/migrations``; these classes must match the head revision
(``tests/store/test_migrations.py`` compares them).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base of every vitasim table."""


class Person(Base):
    """Someone whose record is kept: who they are (profile ``person`` section), day 0, notes, diet."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    age: Mapped[float | None] = mapped_column(Float, nullable=True)
    sex: Mapped[str | None] = mapped_column(String(10), nullable=True)
    weight_kg: Mapped[float | None] = mapped_column(Float, nullable=True)
    height_cm: Mapped[float | None] = mapped_column(Float, nullable=True)
    egfr: Mapped[float | None] = mapped_column(Float, nullable=True)
    pregnant: Mapped[bool] = mapped_column(Boolean, default=False)
    diet: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, default=_now, onupdate=_now)

    labs: Mapped[list[LabEntry]] = relationship(back_populates="person", cascade="all, delete-orphan",
                                                order_by="LabEntry.id")
    regimen: Mapped[list[RegimenEntry]] = relationship(back_populates="person", cascade="all, delete-orphan",
                                                       order_by="RegimenEntry.position")
    medicines: Mapped[list[MedicineEntry]] = relationship(back_populates="person", cascade="all, delete-orphan",
                                                          order_by="MedicineEntry.id")
    conditions: Mapped[list[ConditionEntry]] = relationship(back_populates="person", cascade="all, delete-orphan",
                                                            order_by="ConditionEntry.id")
    runs: Mapped[list[Run]] = relationship(back_populates="person", cascade="all, delete-orphan",
                                           order_by="Run.id")


class LabEntry(Base):
    """One measured value: lab key (catalogue), value and unit as given, when (date or day), source."""

    __tablename__ = "lab_result"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    lab: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40), default="")      # "" for a bare number (INR)
    taken_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    day: Mapped[float | None] = mapped_column(Float, nullable=True)  # offset from day 0 when no date
    source: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    person: Mapped[Person] = relationship(back_populates="labs")


class RegimenEntry(Base):
    """One regimen line as the profile writes it; ``start``/``stop`` are dates or durations as text."""

    __tablename__ = "regimen_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    supplement: Mapped[str] = mapped_column(String(80))
    dose: Mapped[str] = mapped_column(String(80))
    every: Mapped[str | None] = mapped_column(String(40), nullable=True)
    start: Mapped[str | None] = mapped_column(String(40), nullable=True)
    stop: Mapped[str | None] = mapped_column(String(40), nullable=True)
    doses: Mapped[int | None] = mapped_column(Integer, nullable=True)
    missed: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)
    route: Mapped[str | None] = mapped_column(String(40), nullable=True)

    person: Mapped[Person] = relationship(back_populates="regimen")


class MedicineEntry(Base):
    """A medicine as written (its key when known) and since when (date or day offset, as text)."""

    __tablename__ = "medicine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    since: Mapped[str | None] = mapped_column(String(40), nullable=True)

    person: Mapped[Person] = relationship(back_populates="medicines")


class ConditionEntry(Base):
    """A condition as written (its key when known)."""

    __tablename__ = "condition"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))

    person: Mapped[Person] = relationship(back_populates="conditions")


class Run(Base):
    """A check or plan run: its inputs (profile, population, seed, what-if), its ``vitasim.plan/1``
    output, and the versions that made it (added by migration 0002)."""

    __tablename__ = "run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    outputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    vitasim_version: Mapped[str] = mapped_column(String(40))
    model_version: Mapped[str] = mapped_column(String(200))

    person: Mapped[Person] = relationship(back_populates="runs")
