"""FHIR R4 lab results: a Bundle of Observations, or one Observation, as JSON.

Parsed with ``fhir.resources`` (its R4B models, the 4.3 release of R4, whose Observation is the
R4 one).  Each Observation is mapped by its LOINC coding (system ``http://loinc.org``); the value
is ``valueQuantity`` (UCUM ``code``, else ``unit``); the date is ``effectiveDateTime`` (else
``effectivePeriod.start``, else ``issued``); the source is the first performer's display name.
Observations that were cancelled or entered in error are skipped.  A problem names the line of
the file where its Observation begins, and its entry number.
"""
from __future__ import annotations

import json
import re

from vitasim.errors import VitasimInputError
from vitasim.labimport.core import ImportedLab, ImportProblem, ImportReport, checked_value, lab_for_loinc, parse_date

LOINC_SYSTEM = "http://loinc.org"
_SKIP_STATUS = {"cancelled", "entered-in-error"}


def _observation_lines(text: str) -> list[int]:
    """Line number of each ``"resourceType": "Observation"``, in file order."""
    return [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r'"resourceType"\s*:\s*"Observation"', text)]


def _read_one(obs: dict, line: int, where: str, default_source: str, report: ImportReport) -> None:
    from fhir.resources.R4B.observation import Observation
    try:
        o = Observation.model_validate(obs)
    except Exception as exc:  # pydantic's ValidationError: report its first problem on the line
        first = str(exc).splitlines()
        report.problems.append(ImportProblem(line, "error", f"not a valid FHIR Observation: "
                                                            f"{first[1] if len(first) > 1 else first[0]}", where))
        return
    if o.status in _SKIP_STATUS:
        report.problems.append(ImportProblem(line, "skipped", f"status {o.status}", where))
        return
    codes = [c.code for c in (o.code.coding or []) if c.system == LOINC_SYSTEM and c.code]
    if not codes:
        report.problems.append(ImportProblem(line, "skipped", "no LOINC code", where))
        return
    lab = next((found for c in codes if (found := lab_for_loinc(c)) is not None), None)
    if lab is None:
        report.problems.append(ImportProblem(line, "skipped", f"LOINC {', '.join(codes)} is not a lab vitasim uses",
                                             where))
        return
    try:
        q = o.valueQuantity
        if q is None or q.value is None:
            raise VitasimInputError("valueQuantity", "no numeric value")
        unit = q.code if q.code is not None and q.system in (None, "http://unitsofmeasure.org") else q.unit
        value = checked_value(lab, float(q.value), unit or "", "valueQuantity.unit")
        when = o.effectiveDateTime or (o.effectivePeriod.start if o.effectivePeriod else None) or o.issued
        if when is None:
            raise VitasimInputError("effectiveDateTime", "the Observation has no date")
        date = parse_date(when.isoformat(), "effectiveDateTime")
    except VitasimInputError as exc:
        report.problems.append(ImportProblem(line, "error", f"{exc.field}: {exc.message}", where))
        return
    source = next((p.display for p in (o.performer or []) if p.display), None) or default_source
    report.results.append(ImportedLab(line, lab.key, value, date, source, codes[0]))


def read_fhir(text: str, default_source: str = "FHIR import") -> ImportReport:
    """Read a FHIR R4 Bundle (its Observation entries) or a single Observation (JSON text)."""
    report = ImportReport()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        report.problems.append(ImportProblem(exc.lineno, "error", f"not valid JSON: {exc.msg}"))
        return report
    lines = _observation_lines(text)
    kind = data.get("resourceType") if isinstance(data, dict) else None
    if kind == "Observation":
        _read_one(data, lines[0] if lines else 1, "Observation", default_source, report)
        return report
    if kind != "Bundle":
        report.problems.append(ImportProblem(1, "error", f"expected a FHIR Bundle or Observation, got "
                                                         f"resourceType {kind!r}"))
        return report
    n = 0
    for i, entry in enumerate(data.get("entry") or []):
        res = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(res, dict) or res.get("resourceType") != "Observation":
            continue          # patients, encounters, reports: not lab values
        line = lines[n] if n < len(lines) else 1
        n += 1
        _read_one(res, line, f"entry {i}" + (f", id {res['id']}" if res.get("id") else ""), default_source, report)
    if n == 0:
        report.problems.append(ImportProblem(1, "error", "the Bundle has no Observation entries"))
    return report
