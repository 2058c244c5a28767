"""Lab results the way clinics send them: CSV files and FHIR R4 Observations, mapped by LOINC.

:func:`read_csv` and :func:`read_fhir` turn a file into an :class:`ImportReport`: the results
understood (catalogue lab, value with its unit as given, date, source, line) and the problems,
each naming its line.  A code the catalogue (:data:`vitasim.labs.CATALOGUE`) does not list is
*skipped* and reported (clinics send many tests vitasim has no use for); a known lab with a unit
the units module cannot convert, an implausible value or no date is an *error*, and nothing is
imported until the file is fixed.  Nothing is guessed.  :func:`save` adds the results to a stored
person through the same validation as a profile file.
"""
from vitasim.labimport.core import ImportProblem, ImportReport, ImportedLab, lab_for_loinc, save
from vitasim.labimport.csvfile import read_csv
from vitasim.labimport.fhir import read_fhir

__all__ = ["ImportProblem", "ImportReport", "ImportedLab", "lab_for_loinc", "read_csv", "read_fhir", "save"]
