"""Researcher input: an NM-TRAN-style CSV of many people, each fitted on their own.

Columns (header row, names case-insensitive): ``ID``, ``TIME`` (hours from the start of the
record), ``EVID`` (0 observation, 1 dose), ``AMT`` (dose, in ``amt_unit``), ``CMT`` (read and
ignored: doses go to the supplement's oral compartment), ``DV`` (the lab, in ``dv_unit``, default
the lab's catalogue unit), ``MDV`` (1: no observation on this row), and optional covariates
``AGE`` (years), ``SEX`` (1 male, 2 female, the usual NONMEM coding, or M/F), ``WT`` (kg), ``EGFR``.
An observation at TIME <= 0 is the person's baseline; later ones are fitted.  Each ID becomes a
profile (``vitasim.profile/2`` data) and goes through :func:`vitasim.fit.fit`.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from vitasim.errors import VitasimInputError
from vitasim.labs import resolver

REQUIRED = ("ID", "TIME", "EVID", "AMT", "CMT", "DV", "MDV")
_SEX = {"1": "male", "2": "female", "m": "male", "f": "female", "male": "male", "female": "female"}


def _num(raw: str, field: str) -> float:
    try:
        return float(raw)
    except (TypeError, ValueError):
        raise VitasimInputError(field, f"expected a number, got {raw!r}") from None


def read(path: str | Path, *, lab: str, supplement: str, amt_unit: str | None = None,
         dv_unit: str | None = None) -> dict[str, dict[str, Any]]:
    """ID -> profile data (plain mapping) for every person of the CSV."""
    lab_def = resolver().resolve(lab, "--lab")
    amt_unit = amt_unit or ("IU" if "vitamin d" in supplement.lower() or supplement.lower().startswith("d3") else "ug")
    dv_unit = dv_unit or lab_def.unit
    p = Path(path)
    if not p.is_file():
        raise VitasimInputError("--nmtran", f"no such file: {path}")
    with p.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header = {h.strip().upper(): h for h in (reader.fieldnames or [])}
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise VitasimInputError("--nmtran", f"missing column(s) {', '.join(missing)}; needed: {', '.join(REQUIRED)}")
        people: dict[str, dict[str, Any]] = {}
        for n, row in enumerate(reader, start=2):
            get = lambda c: (row.get(header[c]) or "").strip() if c in header else ""
            pid = get("ID")
            where = f"{p.name}:{n}"
            person = people.setdefault(pid, {"version": "vitasim.profile/2", "name": f"ID {pid}", "person": {},
                                             "labs": {lab_def.key: []}, "regimen": []})
            if get("AGE"):
                person["person"]["age"] = _num(get("AGE"), f"{where}.AGE")
            if get("SEX"):
                sex = _SEX.get(get("SEX").lower())
                if sex is None:
                    raise VitasimInputError(f"{where}.SEX", "accepted: 1 (male), 2 (female), M, F")
                person["person"]["sex"] = sex
            if get("WT"):
                person["person"]["weight"] = f"{_num(get('WT'), f'{where}.WT')} kg"
            if get("EGFR"):
                person["person"]["egfr"] = _num(get("EGFR"), f"{where}.EGFR")
            time_h = _num(get("TIME"), f"{where}.TIME")
            evid = get("EVID")
            if evid == "1":
                amt = _num(get("AMT"), f"{where}.AMT")
                if time_h < 0:
                    raise VitasimInputError(f"{where}.TIME", "doses before time 0 are not simulated")
                person["regimen"].append((time_h, amt))
            elif evid == "0" and get("MDV") != "1":
                person["labs"][lab_def.key].append({"value": f"{_num(get('DV'), f'{where}.DV'):g} {dv_unit}"
                                                    if dv_unit != "1" else _num(get("DV"), f"{where}.DV"),
                                                    "day": time_h / 24.0})
            elif evid not in ("0", "1"):
                raise VitasimInputError(f"{where}.EVID", f"accepted: 0 (observation), 1 (dose); got {evid!r}")
    for person in people.values():
        person["regimen"] = [{"supplement": supplement, **entry} for entry in dose_runs(person["regimen"], amt_unit)]
    return people


def dose_runs(doses: list[tuple[float, float]], unit: str) -> list[dict[str, Any]]:
    """Dose rows ``(hour, amount)`` as regimen entries: each run of equal amounts at a constant
    interval becomes one entry (``start``, ``every``, ``doses``), as a dosing record would be
    written by hand, so a year of daily rows is one line, not 365 (profiles accept 100 entries)."""
    out: list[dict[str, Any]] = []
    rows = sorted(doses)
    i = 0
    while i < len(rows):
        t0, amt = rows[i]
        j = i + 1
        step = rows[j][0] - t0 if j < len(rows) and rows[j][1] == amt else None
        while step and j < len(rows) and rows[j][1] == amt and abs(rows[j][0] - rows[j - 1][0] - step) < 1e-6:
            j += 1
        entry: dict[str, Any] = {"dose": f"{amt:g} {unit}", "start": f"{t0:g} h"}
        if j - i > 1:
            entry.update({"every": f"{step:g} h", "doses": j - i})
        out.append(entry)
        i = j
    return out


def fit_all(people: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Fit each person; one row per ID with the estimates (``vitasim.fit/1`` parameter entries)."""
    from vitasim.fit import fit
    rows = []
    for pid, data in people.items():
        try:
            result = fit(data)
        except VitasimInputError as exc:
            raise VitasimInputError(f"ID {pid}", str(exc)) from None
        out = result.to_dict()
        rows.append({"id": pid, "parameters": out["parameters"], "labs": out["labs"],
                     "flags": sum(1 for f in result.labs if not f.used), "notes": out["notes"]})
    return rows
