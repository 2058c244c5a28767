"""Moving the record in and out: profile files and lab CSVs, and a consistent backup.

``export_all(store, DIR)`` writes, per person, ``NNN-name.yaml`` (the whole record as a
``vitasim.profile/2`` file, which ``vitasim check`` reads as is), ``NNN-name-labs.csv`` (date,
loinc, name, value, unit, source: the columns :mod:`vitasim.labimport` reads) and
``NNN-name-runs.json`` (every check/plan run).  ``import_path`` reads such a directory (or one
profile file) back as new people.  ``backup`` copies a SQLite record with SQLite's online backup
API: a consistent snapshot even while another process writes.  Every file is written whole or
not at all.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import yaml
from sqlalchemy.engine import make_url

from vitasim.errors import VitasimInputError
from vitasim.profile import read_profile_file
from vitasim.report.files import write_atomic
from vitasim.store import repository as repo
from vitasim.store.engine import Store
from vitasim.store.models import Person, Run

CSV_COLUMNS = ("date", "day", "loinc", "name", "value", "unit", "source")


def _slug(person: Person) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", person.name.lower()).strip("-")[:40] or "person"
    return f"{person.id:03d}-{name}"


def labs_csv(person: Person) -> str:
    """A person's lab results as CSV (one row per result, the first LOINC code of each lab)."""
    from vitasim import labs as catalogue
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for lab in person.labs:
        known = catalogue.resolver().get(lab.lab)
        writer.writerow([lab.taken_on.isoformat() if lab.taken_on else "",
                         "" if lab.taken_on else repo.number_text(lab.day or 0.0),
                         known.loinc[0] if known and known.loinc else "", lab.lab,
                         repo.number_text(lab.value), lab.unit, lab.source])
    return out.getvalue()


def _run_plain(run: Run) -> dict:
    return {"kind": run.kind, "created_at": run.created_at.isoformat(), "inputs": run.inputs, "outputs": run.outputs,
            "vitasim_version": run.vitasim_version, "model_version": run.model_version}


def export_all(store: Store, directory: str | Path) -> list[Path]:
    """Write every person's profile, labs CSV and runs into ``directory``; returns the files."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)   # the export folder the user named
    written: list[Path] = []
    with store.session() as s:
        for person in repo.list_people(s):
            base = directory / _slug(person)
            text = yaml.safe_dump(repo.profile_dict(person), sort_keys=False, allow_unicode=True)
            written.append(write_atomic(base.with_name(base.name + ".yaml"), text.encode("utf-8")))
            written.append(write_atomic(base.with_name(base.name + "-labs.csv"), labs_csv(person).encode("utf-8")))
            if person.runs:
                runs = json.dumps([_run_plain(r) for r in person.runs], indent=1)
                written.append(write_atomic(base.with_name(base.name + "-runs.json"), runs.encode("utf-8")))
    return written


def import_path(store: Store, path: str | Path) -> list[int]:
    """Add the people in a profile file, or in every ``*.yaml``/``*.json`` profile of a directory
    written by :func:`export_all` (with their runs), as new people; all or nothing.

    Returns the new people's numbers."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")
                       or (p.suffix == ".json" and not p.name.endswith("-runs.json")))
    elif path.is_file():
        files = [path]
    else:
        raise VitasimInputError("path", f"no such file or directory: {path}")
    if not files:
        raise VitasimInputError("path", f"no profile files (.yaml, .json) in {path}")
    ids: list[int] = []
    with store.session() as s:   # one transaction: a bad file leaves the record as it was
        for f in files:
            data = read_profile_file(f)
            try:
                person = repo.save_profile(s, data)
            except VitasimInputError as exc:
                raise VitasimInputError(f"{f.name}: {exc.field}", exc.message) from None
            runs_file = f.with_name(f.stem + "-runs.json")
            if runs_file.is_file():
                for run in json.loads(runs_file.read_text(encoding="utf-8")):
                    person.runs.append(Run(kind=run["kind"], inputs=run["inputs"], outputs=run["outputs"],
                                           vitasim_version=run["vitasim_version"],
                                           model_version=run["model_version"]))
            s.flush()
            ids.append(person.id)
    return ids


def backup(store: Store, target: str | Path) -> Path:
    """A consistent copy of a SQLite record at ``target`` (SQLite's online backup API), written
    beside the target and renamed into place, so a failed backup leaves no half file."""
    url = make_url(store.url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise VitasimInputError("backup", "only a SQLite file record can be backed up this way; "
                                          "use your database server's own backup tool")
    target = Path(target)
    if target.exists() and target.is_dir():
        raise VitasimInputError("backup", f"{target} is a directory; give a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.partial")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(url.database)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")   # a self-contained single file
        finally:
            dst.close()
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return target
