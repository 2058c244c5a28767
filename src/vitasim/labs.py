"""The lab catalogue: which blood tests a profile may carry, their units, synonyms and codes.

One :class:`Lab` per test clinicians hold: the unit values are kept in (the model's unit where a
module reads or computes it), the compound whose molar mass converts mass to molar units, the
plausible range (a guard against unit slips, not a reference interval), LOINC codes for a later
FHIR import, and the model output that predicts it.  Labs a module reads as a covariate keep their
declaration (and synonyms) in that module; the catalogue adds the rest.  A result is a value, when
it was taken and where it came from (:class:`LabResult`); :func:`baseline` picks the one the
model starts from.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vitasim import units
from vitasim.errors import VitasimInputError, quote
from vitasim.model import Covariate
from vitasim.names import Resolver
from vitasim.timeline import When, when

units.register_compound(units.Compound("creatinine", 113.12, None, "pubchem_creatinine"))

_GUARD = "vitasim_gap"   # plausible ranges below are typing-error guards; see docs/profile.md


@dataclass(frozen=True)
class Lab:
    """A blood test: ``low``/``high`` in ``unit`` (None: the bounds of the covariate that reads it)."""

    key: str
    name: str
    unit: str
    synonyms: tuple[str, ...] = ()
    compound: str | None = None
    low: float | None = None
    high: float | None = None
    range_source: str = ""
    loinc: tuple[str, ...] = ()
    source: str = "loinc"          # citation keys for the definition, codes and conversion
    output: str | None = None
    note: str = ""
    example: str = ""              # a typical value as written, shown in this lab's hints
    alert_high: float | None = None   # accepted values above this (in ``unit``) are an emergency: said loudly
    alert_source: str = ""


CATALOGUE: tuple[Lab, ...] = (
    # read by module covariates (synonyms and bounds come from there)
    Lab("25ohd", "serum total 25-hydroxyvitamin D", "nmol/L", compound="25ohd", loinc=("62292-8", "1989-3", "14635-7"),
        output="25ohd", source="loinc;iom2011", example="20 ng/mL"),
    # B12, holoTC and MMA: the B12 module reads a value below 1 as "not measured" (min(1, value)), so
    # the accepted range starts well above 1: a given value is always used.  The lower bounds are
    # input-sanity guards (vitasim_gap), below what assays report as a number.
    Lab("b12", "serum vitamin B12 (cobalamin)", "pmol/L", compound="cyanocobalamin", loinc=("2132-9", "14685-2"),
        low=10.0, high=20000.0, range_source=_GUARD,
        output="b12_serum", source="loinc;bailey2011", example="300 pg/mL",
        note="Guard 10-20000 pmol/L (about 14-27000 pg/mL): immunoassays report values below their "
             "measuring range (tens of pg/mL) as '<limit', not as a number; 1 pg/mL is a typing error"),
    Lab("holotc", "holotranscobalamin ('active B12')", "pmol/L", output="holotc", source="nexo2011",
        low=2.0, high=5000.0, range_source=_GUARD, example="50 pmol/L",
        note="no LOINC code recorded. Guard 2-5000 pmol/L: below the measuring range of holoTC assays"),
    Lab("mma", "serum methylmalonic acid", "nmol/L", compound="methylmalonic_acid", loinc=("13964-2",),
        output="mma", low=10.0, high=500000.0, range_source=_GUARD, source="loinc;bailey2011", example="250 nmol/L",
        note="Guard 10-500000 nmol/L: below the quantitation limits of MMA assays; "
             "the upper bound is the model's (inborn methylmalonic acidaemia)"),
    Lab("inr", "international normalized ratio", "1", loinc=("6301-6", "34714-6", "46418-0", "38875-1"), output="inr", source="loinc;holbrook2012",
        example="2.5"),
    # Mg: the magnesium module reads 10 mmol/L as "not measured"; the accepted range stops at 7.5.
    Lab("mg", "serum total magnesium", "mmol/L", compound="magnesium", loinc=("19123-9", "2601-3"), output="mg_serum",
        low=0.2, high=7.5, range_source=_GUARD, source="loinc;iom1997mg", example="0.85 mmol/L",
        alert_high=2.0, alert_source="swaminathan2003",
        note="Guard 0.2-7.5 mmol/L (about 0.5-18 mg/dL, 15 mEq/L): above it no living person outside "
             "intensive care is measured, and mg/dL written as mmol/L lands there. From 2 mmol/L "
             "(symptoms of hypermagnesaemia, swaminathan2003) a value is accepted with a danger finding"),
    # computed by the modules, held by clinicians
    Lab("serum_calcium", "serum total calcium", "mmol/L",
        ("calcium", "serum calcium", "total calcium", "ca", "s-ca", "serum ca"),
        compound="calcium", low=0.5, high=7.5, range_source=_GUARD, example="2.4 mmol/L", loinc=("17861-6", "2000-8"), output="serum_calcium",
        note="total (not ionised) calcium; mmol/L or mg/dL (1 mmol/L = 4.008 mg/dL, 40.078 g/mol). Guard "
             "2-30 mg/dL: wider than any survivable value"),
    Lab("phosphate", "serum phosphate (as phosphorus)", "mmol/L",
        ("phosphorus", "serum phosphate", "serum phosphorus", "inorganic phosphate", "po4", "phos"),
        compound="phosphorus", low=0.1, high=10.0, range_source=_GUARD, example="1.1 mmol/L", loinc=("2777-1", "14879-1"), output="phosphate",
        note="mg/dL counts phosphorus (30.974 g/mol). Guard 0.3-31 mg/dL"),
    Lab("pth", "serum intact parathyroid hormone, PTH(1-84)", "pmol/L",
        ("intact pth", "ipth", "parathyroid hormone", "parathormone", "pth 1-84"),
        compound="pth", low=0.1, high=1000.0, range_source=_GUARD, example="5 pmol/L", loinc=("2731-8", "14866-8"), output="pth",
        source="loinc;uniprot_pth",
        note="pg/mL <-> pmol/L through the molar mass of PTH(1-84), 9425 g/mol (uniprot_pth). Guard about "
             "1-9400 pg/mL"),
    Lab("calcitriol", "serum 1,25-dihydroxyvitamin D", "pmol/L",
        ("1,25(oh)2d", "1,25-(oh)2d", "1,25-dihydroxyvitamin d", "1,25 dihydroxyvitamin d", "1,25-(oh)2-d",
         "1,25 vitamin d"),
        compound="calcitriol", low=1.0, high=1000.0, range_source=_GUARD, example="100 pmol/L", output="calcitriol", source="pubchem",
        note="pg/mL <-> pmol/L through 416.64 g/mol; no LOINC code recorded. Guard about 0.4-420 pg/mL"),
    Lab("creatinine", "serum creatinine", "umol/L", ("serum creatinine", "creat", "scr", "s-creatinine"),
        compound="creatinine", low=10.0, high=3000.0, range_source=_GUARD, example="80 umol/L", loinc=("2160-0", "14682-9"),
        source="loinc;pubchem_creatinine",
        note="mg/dL <-> umol/L through 113.12 g/mol (1 mg/dL = 88.4 umol/L); gives eGFR by CKD-EPI 2021 "
             "when eGFR is not given. Guard about 0.11-34 mg/dL"),
    Lab("ucoc_fraction", "uncarboxylated osteocalcin, % of total osteocalcin", "%",
        ("ucoc", "%ucoc", "ucoc%", "uncarboxylated osteocalcin", "ucoc fraction"),
        low=0.0, high=100.0, range_source=_GUARD, example="30 %", output="ucoc_fraction", source="vitasim_gap",
        note="a share of the total, so 0-100 % by definition; absolute ucOC (ng/mL) is assay-specific and "
             "not accepted; no LOINC code recorded"),
    Lab("dp_ucmgp", "plasma desphospho-uncarboxylated matrix Gla protein", "pmol/L",
        ("dp-ucmgp", "dpucmgp", "desphospho-uncarboxylated mgp", "inactive mgp", "dp ucmgp"),
        low=10.0, high=20000.0, range_source=_GUARD, example="500 pmol/L", output="dp_ucmgp", source="vitasim_gap",
        note="pmol/L only (assay-specific, no molar mass used); no LOINC code recorded"),
)


@lru_cache(maxsize=None)
def lab_covariates() -> dict[str, Covariate]:
    """The module covariate that reads each lab (first declared), by lab key."""
    from vitasim import physiology
    found: dict[str, Covariate] = {}
    for mod in physiology.modules():
        for cov in mod.covariates:
            if cov.lab is not None:
                found.setdefault(cov.lab, cov)
    return found


@lru_cache(maxsize=None)
def resolver() -> Resolver[Lab]:
    """Every lab by key and synonym: the catalogue's and those the reading covariates declare."""
    covs = lab_covariates()
    missing = set(covs) - {lab.key for lab in CATALOGUE}
    if missing:   # a module reads a lab the catalogue lacks: a package bug, caught by the tests
        from vitasim.errors import ModelDefinitionError
        raise ModelDefinitionError(f"labs read by modules but missing from the catalogue: {sorted(missing)}")
    def aliases(lab: Lab) -> tuple[str, ...]:
        return (*lab.synonyms, *(covs[lab.key].lab_synonyms if lab.key in covs else ()))
    return Resolver.build("lab", ((lab.key, aliases(lab), lab) for lab in CATALOGUE))


def bounds(lab: Lab) -> tuple[float, float, str]:
    """The accepted range in ``lab.unit`` and its source: the catalogue's, else the reading covariate's."""
    if lab.low is not None and lab.high is not None:
        return lab.low, lab.high, lab.range_source
    cov = lab_covariates()[lab.key]
    lo = units.convert_values(cov.low, cov.unit, lab.unit, cov.compound) if cov.unit != "1" else cov.low
    hi = units.convert_values(cov.high, cov.unit, lab.unit, cov.compound) if cov.unit != "1" else cov.high
    return float(lo), float(hi), cov.source


def _range_text(lab: Lab) -> str:
    """The accepted range in the lab's unit and, for molar concentrations, in mass units too."""
    lo, hi, _ = bounds(lab)
    own = f"{lo:g}-{hi:g} {lab.unit}"
    mass_unit = {"nmol/L": "ng/mL", "pmol/L": "pg/mL", "mmol/L": "mg/dL", "umol/L": "mg/dL"}.get(lab.unit)
    if not lab.compound or mass_unit is None:
        return own
    mlo = units.convert_values(lo, lab.unit, mass_unit, lab.compound)
    mhi = units.convert_values(hi, lab.unit, mass_unit, lab.compound)
    return f"{mlo:.3g}-{mhi:.3g} {mass_unit} ({own})"


def alert(lab: Lab, value: float) -> str | None:
    """The emergency message for an accepted value past ``lab.alert_high``, else None."""
    if lab.alert_high is None or value <= lab.alert_high:
        return None
    return (f"{value:.3g} {lab.unit} is above {lab.alert_high:g} {lab.unit}, a level that is an emergency "
            f"({lab.alert_source}); check that the value and its unit are right, and if so seek medical care now: "
            "a supplement plan is not the answer")


def _bare_number(raw: Any, field: str, suffix: str = "", example: str = "") -> float:
    """A unitless lab value: a number, or a string holding one (with ``suffix``, e.g. '%', allowed)."""
    eg = f", e.g. {example}" if example else ""
    if isinstance(raw, str):
        body = raw.strip()
        if suffix and body.endswith(suffix):
            body = body[: -len(suffix)]
        hint = units.comma_hint(body)
        if hint:
            raise VitasimInputError(field, f"{quote(raw)}: {hint}")
        number = units.number_text(body)
        if number is None:
            hint = f" (optionally followed by {suffix})" if suffix else " without a unit"
            raise VitasimInputError(field, f"expected a number{hint}{eg}, got {quote(raw)}")
        raw = float(number)
    if isinstance(raw, bool) or not isinstance(raw, numbers.Real) or not math.isfinite(float(raw)):
        hint = f" (optionally followed by {suffix})" if suffix else " without a unit"
        raise VitasimInputError(field, f"expected a number{hint}{eg}, got {quote(raw)}")
    return float(raw)


def measure(lab: Lab, raw: Any, field: str) -> tuple[float, str]:
    """One written value -> (magnitude in ``lab.unit``, the unit as given), range-checked."""
    from vitasim import physiology
    physiology.modules()   # the modules register the compounds (calcium, PTH...) conversions need
    if lab.unit == "1":
        value, given = _bare_number(raw, field, example=lab.example), "1"
    elif lab.unit == "%":
        value, given = _bare_number(raw, field, "%", example="30 %"), "%"
    else:
        q = units.parse(raw, field, lab.example or f"1 {lab.unit}")
        given = str(q.units)
        if lab.compound:
            value = units.concentration(q, lab.compound, lab.unit, field, lab.example)
        else:
            try:
                value = float(q.to(lab.unit).magnitude)
            except Exception:
                raise VitasimInputError(field, f"{q.units:~} is not a concentration; use {lab.unit}, "
                                               f"e.g. '{lab.example}'") from None
    lo, hi, _ = bounds(lab)
    if not lo <= value <= hi:
        raise VitasimInputError(field, f"{quote(raw)} is not a plausible value; accepted {_range_text(lab)}")
    return value, given


@dataclass(frozen=True)
class LabResult:
    """One measured value: in ``unit`` of its lab, as written (``given``), when, and from where."""

    value: float
    unit_given: str
    given: str | float
    when: When = When(0.0)
    source: str = ""

    def as_plain(self, in_history: bool = False) -> str | float | dict:
        """Plain data: the value alone for an undated day-0 result given on its own, else a mapping
        (a result in a history always says when it was taken)."""
        if self.when == When(0.0) and not self.source and not in_history:
            return self.given
        out: dict[str, Any] = {"value": self.given}
        out["date" if self.when.date is not None else "day"] = self.when.as_plain()
        if self.source:
            out["source"] = self.source
        return out


_ENTRY_KEYS = {"value", "date", "day", "source"}


def _entry(lab: Lab, raw: Any, field: str, day0, dated: bool) -> LabResult:
    if not isinstance(raw, dict):
        value, unit = measure(lab, raw, field)
        if dated:
            raise VitasimInputError(field, "each result in a history needs a date or a day, e.g. "
                                           "{value: 16 ng/mL, date: 2026-01-10}")
        return LabResult(value, unit, raw)
    extra = set(raw) - _ENTRY_KEYS
    if extra:
        raise VitasimInputError(f"{field}.{sorted(extra)[0]}", f"unknown field; accepted: {', '.join(sorted(_ENTRY_KEYS))}")
    if "value" not in raw:
        raise VitasimInputError(f"{field}.value", "a value is required, e.g. {value: 16 ng/mL, date: 2026-01-10}")
    if "date" in raw and "day" in raw:
        raise VitasimInputError(f"{field}.day", "give a date or a day, not both")
    value, unit = measure(lab, raw["value"], f"{field}.value")
    if "date" in raw:
        at = when(raw["date"], f"{field}.date", day0)
        if at.date is None:
            raise VitasimInputError(f"{field}.date", "expected a date as YYYY-MM-DD (use 'day' for an offset)")
    elif "day" in raw:
        at = when(raw["day"], f"{field}.day", day0)
    elif dated:
        raise VitasimInputError(field, "each result in a history needs a date or a day")
    else:
        at = When(0.0)
    source = raw.get("source", "")
    if not isinstance(source, str):
        raise VitasimInputError(f"{field}.source", "must be text, e.g. 'clinic'")
    return LabResult(value, unit, raw["value"], at, source.strip())


def parse_history(lab: Lab, raw: Any, field: str, day0) -> tuple[LabResult, ...]:
    """A single value, one mapping, or a list of dated results -> the lab's results, in written order."""
    if isinstance(raw, list):
        if not raw:
            raise VitasimInputError(field, "an empty list; give at least one result")
        return tuple(_entry(lab, item, f"{field}[{i}]", day0, dated=True) for i, item in enumerate(raw))
    return (_entry(lab, raw, field, day0, dated=False),)


def baseline(history: tuple[LabResult, ...]) -> LabResult | None:
    """The result the model starts from: the latest at or before day 0 (the later-listed on a tie);
    None when every result is after day 0 (the model then uses its default)."""
    before = [(r.when.day, i) for i, r in enumerate(history) if r.when.day <= 0]
    return history[max(before)[1]] if before else None


def egfr_ckd_epi_2021(creatinine_umol_per_l: float, age_years: float, female: bool) -> float:
    """eGFR (mL/min/1.73m2) by the race-free CKD-EPI 2021 creatinine equation (inker2021):
    142 x min(Scr/k, 1)^a x max(Scr/k, 1)^-1.200 x 0.9938^age x 1.012 [female], Scr in mg/dL,
    k = 0.7 (female) / 0.9 (male), a = -0.241 (female) / -0.302 (male)."""
    scr = float(units.convert_values(creatinine_umol_per_l, "umol/L", "mg/dL", "creatinine"))
    kappa, alpha = (0.7, -0.241) if female else (0.9, -0.302)
    ratio = scr / kappa
    return (142.0 * min(ratio, 1.0) ** alpha * max(ratio, 1.0) ** -1.200 * 0.9938 ** age_years
            * (1.012 if female else 1.0))
