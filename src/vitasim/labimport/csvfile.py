"""CSV lab files: a header with ``date``, ``loinc`` or ``name``, ``value``, ``unit`` and optionally
``source`` (any order, case ignored); one result per row.  Line numbers count the header as 1."""
from __future__ import annotations

import csv
import io

from vitasim import labs as catalogue
from vitasim.errors import VitasimInputError
from vitasim.labimport.core import ImportedLab, ImportProblem, ImportReport, checked_value, lab_for_loinc, parse_date

REQUIRED = ("date", "value", "unit")


def read_csv(text: str, default_source: str = "CSV import") -> ImportReport:
    """Read a CSV lab file; every problem names its line (the header is line 1)."""
    report = ImportReport()
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        sample = text[:2048]
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        report.problems.append(ImportProblem(1, "error", "the file is empty; expected a header "
                                                         "date,loinc,name,value,unit,source"))
        return report
    cols = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in cols]
    if missing or ("loinc" not in cols and "name" not in cols):
        need = missing + ([] if "loinc" in cols or "name" in cols else ["loinc or name"])
        report.problems.append(ImportProblem(1, "error", f"the header lacks {', '.join(need)}; expected "
                                                         "date, loinc or name, value, unit (source optional)"))
        return report
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        cell = {c: (row[i].strip() if i < len(row) else "") for i, c in enumerate(cols)}
        code, name = cell.get("loinc", ""), cell.get("name", "")
        where = code or name
        if code:
            lab = lab_for_loinc(code)
            if lab is None:
                report.problems.append(ImportProblem(line, "skipped", f"LOINC {code} is not a lab vitasim uses",
                                                     name))
                continue
        else:
            lab = catalogue.resolver().get(name) if name else None
            if lab is None:
                hint = catalogue.resolver().nearest(name) if name else None
                report.problems.append(ImportProblem(
                    line, "skipped", f"{name or '(no name, no LOINC code)'} is not a lab vitasim knows"
                                     + (f"; did you mean {hint}?" if hint else ""), name))
                continue
        try:
            try:
                number = float(cell["value"].replace(",", ".") if cell["value"].count(",") == 1
                               and "." not in cell["value"] else cell["value"])
            except ValueError:
                raise VitasimInputError("value", f"expected a number, got {cell['value']!r}") from None
            value = checked_value(lab, number, cell["unit"], "unit")
            date = parse_date(cell["date"], "date")
        except VitasimInputError as exc:
            report.problems.append(ImportProblem(line, "error", f"{exc.field}: {exc.message}", where))
            continue
        report.results.append(ImportedLab(line, lab.key, value, date, cell.get("source") or default_source, code))
    return report
