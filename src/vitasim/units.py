"""One pint registry for the whole package, and the compound facts conversions need.

International units are not a physical unit: their size depends on the compound.  We give
them their own dimension ``[vitamin_activity]`` so pint never silently turns IU into mass, and
convert through the compound's IU-per-microgram factor here, in one place.  Mass <-> molar
conversions (ng/mL <-> nmol/L, ug <-> nmol) use the compound's molar mass.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pint

from vitasim.errors import VitasimInputError

_PER = re.compile(r"\s+per\s+")
_PER_1_73M2 = re.compile(r"/\s*1\.73\s*m(?:2|\^2|\*\*2|²)(?![\w.])")


def _per(text: str) -> str:
    """``"A per B"`` means ``(A)/(B)``: the whole of B divides (pint alone reads ``per`` as ``/``,
    which turns ``L/h per mL/min`` into ``L/h/mL/min``, wrong by the square of a time)."""
    parts = _PER.split(text)
    if len(parts) == 1:
        return text
    if len(parts) > 2:
        raise ValueError(f"{text!r}: at most one 'per' in a unit (it divides by everything after it)")
    return f"({parts[0]})/({parts[1]})"


def _per_standard_body_surface(text: str) -> str:
    """eGFR's ``.../1.73m2``: per the standard adult body surface (see ``standard_body_surface``)."""
    return _PER_1_73M2.sub("/standard_body_surface", text)


ureg = pint.UnitRegistry(preprocessors=[_per_standard_body_surface, _per])
ureg.define("international_unit = [vitamin_activity] = IU = iu")
# eGFR is reported per 1.73 m2 of body surface: the filtration of a standard-size adult.  The
# models use it as that adult's filtration (mL/min, see calcium_bone cb_egfr_ref), so the
# normalisation is a label of the reference body, not a division by an area: dimensionless.
ureg.define("standard_body_surface = 1")
# 'y' (year) as written in the modules and the age field; pint reads a lone 'y' as nothing.
ureg.define("@alias year = y")
Quantity = ureg.Quantity


@dataclass(frozen=True)
class Compound:
    """Facts about a substance that unit conversions need (each with its source key)."""

    name: str
    molar_mass: float  # g/mol
    iu_per_ug: float | None
    source: str


COMPOUNDS: dict[str, Compound] = {c.name: c for c in (
    Compound("cholecalciferol", 384.64, 40.0, "pubchem;iom2011"),
    Compound("ergocalciferol", 396.65, 40.0, "pubchem;iom2011"),
    Compound("25ohd", 400.64, None, "pubchem"),      # calcifediol, used for total 25(OH)D
    Compound("25ohd2", 412.65, None, "pubchem"),     # ercalcidiol
    Compound("calcitriol", 416.64, None, "pubchem"),
)}


def dimensionality(unit: str) -> pint.util.UnitsContainer:
    """The physical dimension of a unit string (``"nmol/L"`` -> ``[substance] / [length] ** 3``).

    Raises ValueError naming the unit when the registry cannot read it: model units are
    checked, never free text.
    """
    try:
        parsed = ureg.parse_units(unit)
    except (pint.errors.PintError, ValueError, TypeError, AttributeError, SyntaxError, AssertionError) as exc:
        raise ValueError(f"unit {unit!r} is not in the unit registry ({exc})") from None
    return ureg.get_dimensionality(parsed)


def register_compound(compound: Compound) -> None:
    """Let a physiology module add its own substances (B12, menaquinones, magnesium...)."""
    COMPOUNDS[compound.name] = compound


# A user quantity is a number and a unit, nothing else: never an expression.  The number is
# matched here (at most 30 digits each side, a 3-digit exponent, so converting it is instant);
# the unit must be unit words joined by '/', '*', '·', spaces or ' per ' (one-digit powers such
# as m2 allowed), read by the registry alone.  '2.5.5 mg', '1000 IU * 0 + 5000 IU' and
# '9 ** 9 ** 9 IU' are refused before pint sees them.
_NUMBER = r"[+-]?(?:\d{1,30}(?:\.\d{0,30})?|\.\d{1,30})(?:[eE][+-]?\d{1,3})?"
_QUANTITY = re.compile(rf"\s*({_NUMBER})\s*(.*?)\s*", re.S)
_BARE = re.compile(rf"\s*({_NUMBER})\s*")
_COMMA = re.compile(r"\s*([+-]?\d{1,30}),(\d{1,30})(?![\d,.])\s*(.*?)\s*", re.S)
_WORD = r"(?:[A-Za-z%°][A-Za-z_]*(?:\^?[234]|²|³)?)"
_UNIT = re.compile(rf"{_WORD}(?:(?:\s*[/*·]\s*|\s+per\s+|\s+){_WORD})*")
MAX_UNIT_CHARS = 40


def _shown(text: str) -> str:
    from vitasim.errors import quote
    return quote(text)


def number_text(text: str) -> str | None:
    """The number of a bare-number string ('60', ' 2.5 '), else None (used for unitless fields)."""
    m = _BARE.fullmatch(text)
    return m.group(1) if m else None


def comma_hint(text: str) -> str | None:
    """For '2,5 mg' the dot form to suggest ('2.5 mg'); None when ``text`` has no comma decimal."""
    m = _COMMA.fullmatch(text)
    if m is None:
        return None
    whole, frac, unit = m.groups()
    dotted = f"'{whole}.{frac}{' ' + unit if unit else ''}'"
    if len(frac) == 3:   # '1,000 IU': a thousands separator or a decimal comma, both refused
        return (f"write '{whole}{frac}{' ' + unit if unit else ''}' without a thousands separator, "
                f"or {dotted} if a decimal was meant (decimals take a dot)")
    return f"decimals take a dot: write {dotted}"


def parse(text: str | float | int, field: str, example: str = "") -> pint.Quantity:
    """Parse '2000 IU', '50 ug', '16 ng/mL', '68 kg'... or raise VitasimInputError naming the field.

    ``example`` is this field's own example ('68 kg'), shown in every hint.  A comma decimal
    ('2,5 mg') is refused with its dot form; anything but a number followed by a unit is refused.
    """
    eg = f", e.g. '{example}'" if example else ""
    unit_eg = example.split(maxsplit=1)[1] if len(example.split(maxsplit=1)) == 2 else ""
    if isinstance(text, bool) or text is None:
        raise VitasimInputError(field, f"expected a number and a unit{eg}, got {_shown(text)}")
    if isinstance(text, (int, float)) or type(text).__module__ == "numpy":
        num = f"{text:g}" if isinstance(text, float) else str(text)
        hint = f", e.g. '{num} {unit_eg}'" if unit_eg else eg
        raise VitasimInputError(field, f"a unit is required{hint}; got a bare number")
    if not isinstance(text, str):
        raise VitasimInputError(field, f"expected a number and a unit{eg}, got {type(text).__name__}")
    cleaned = text.replace("μ", "u").replace("µ", "u").replace("\u00a0", " ")
    hint = comma_hint(cleaned)
    if hint:
        raise VitasimInputError(field, f"{_shown(text)}: {hint}")
    m = _QUANTITY.fullmatch(cleaned)
    if m is None or not m.group(2):
        if m is not None:
            hint = f", e.g. '{m.group(1)} {unit_eg}'" if unit_eg else eg
            raise VitasimInputError(field, f"a unit is required{hint}; got {_shown(text)}")
        raise VitasimInputError(field, f"expected a number and a unit{eg}, got {_shown(text)}")
    number, unit_text = m.groups()
    unit_text = _per_standard_body_surface(unit_text)
    if len(unit_text) > MAX_UNIT_CHARS or not _UNIT.fullmatch(unit_text):
        raise VitasimInputError(field, f"cannot read {_shown(text)} as one number and a unit{eg}")
    try:
        unit = ureg.parse_units(unit_text)
    except (pint.errors.PintError, ValueError, TypeError, AttributeError, SyntaxError, AssertionError,
            KeyError, RecursionError):
        raise VitasimInputError(field, f"unknown unit in {_shown(text)}{eg}") from None
    magnitude = float(number)
    if not math.isfinite(magnitude):
        raise VitasimInputError(field, f"{_shown(text)} is not a finite number")
    q = Quantity(magnitude, unit)
    if q.dimensionless:
        raise VitasimInputError(field, f"a unit is required{eg}, got {_shown(text)}")
    return q


def _compound(name: str) -> Compound:
    try:
        return COMPOUNDS[name]
    except KeyError:
        raise KeyError(f"unknown compound {name!r}") from None


def amount(q: pint.Quantity, compound: str, unit: str, field: str = "dose") -> float:
    """Convert a dose (IU, mass or moles) of ``compound`` to a magnitude in ``unit``."""
    c = _compound(compound)
    try:
        if q.check("[vitamin_activity]"):
            if c.iu_per_ug is None:
                raise VitasimInputError(field, f"IU is not defined for {compound}; use ug or mg")
            q = Quantity(q.to("IU").magnitude / c.iu_per_ug, "ug")
        target = Quantity(1, unit)
        if q.check("[mass]") and target.check("[substance]"):
            q = (q / Quantity(c.molar_mass, "g/mol")).to(unit)
        elif q.check("[substance]") and target.check("[mass]"):
            q = (q * Quantity(c.molar_mass, "g/mol")).to(unit)
        return float(q.to(unit).magnitude)
    except pint.errors.DimensionalityError:
        accepted = "IU, ug/mcg, mg or nmol" if c.iu_per_ug else "ug/mcg, mg or nmol"
        raise VitasimInputError(field, f"{q.units:~} is not an amount; use {accepted}") from None


def concentration(q: pint.Quantity, compound: str, unit: str, field: str = "lab", example: str = "") -> float:
    """Convert a concentration (mass/volume or molar) of ``compound`` to a magnitude in ``unit``."""
    c = _compound(compound)
    target = Quantity(1, unit)
    try:
        if q.check("[mass]/[volume]") and target.check("[substance]/[volume]"):
            q = q / Quantity(c.molar_mass, "g/mol")
        elif q.check("[substance]/[volume]") and target.check("[mass]/[volume]"):
            q = q * Quantity(c.molar_mass, "g/mol")
        return float(q.to(unit).magnitude)
    except pint.errors.DimensionalityError:
        hint = f"'{example}'" if example else "ng/mL or nmol/L"
        raise VitasimInputError(field, f"{q.units:~} is not a concentration; use e.g. {hint}") from None


def convert_values(values, from_unit: str, to_unit: str, compound: str | None = None):
    """Convert an array of magnitudes between units (molar <-> mass via the compound)."""
    if from_unit == to_unit:
        return values
    q = Quantity(values, from_unit)
    tgt = Quantity(1, to_unit)
    if compound is not None:
        mm = Quantity(_compound(compound).molar_mass, "g/mol")
        if q.check("[substance]/[volume]") and tgt.check("[mass]/[volume]"):
            q = q * mm
        elif q.check("[mass]/[volume]") and tgt.check("[substance]/[volume]"):
            q = q / mm
    return q.to(to_unit).magnitude


def hours(q: pint.Quantity, field: str) -> float:
    """A duration in hours (raises VitasimInputError if q is not a time)."""
    try:
        return float(q.to("hour").magnitude)
    except pint.errors.DimensionalityError:
        raise VitasimInputError(field, f"{q.units:~} is not a duration; use day, week or month") from None


def kilograms(q: pint.Quantity, field: str) -> float:
    try:
        return float(q.to("kg").magnitude)
    except pint.errors.DimensionalityError:
        raise VitasimInputError(field, f"{q.units:~} is not a weight; use kg or lb") from None


def display(unit: str) -> str:
    """Human spelling of a unit string ('ug' -> 'µg')."""
    return unit.replace("ug", "µg")
