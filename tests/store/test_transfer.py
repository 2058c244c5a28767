"""export / import / backup: files that read back into the same record, a consistent copy."""
from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
import yaml

from vitasim.cli import main
from vitasim.errors import VitasimInputError
from vitasim.profile import profile_from_dict
from vitasim.store import get_person, list_people, open_store, profile_dict, record_run, save_profile
from vitasim.store import transfer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'rec.sqlite3'}")
    with s.session() as session:
        pid = save_profile(session, yaml.safe_load((ROOT / "examples" / "dated_history.yaml").read_text())).id
        save_profile(session, {"name": "Dad <script>", "person": {"age": 84, "sex": "male"},
                               "labs": {"b12": "180 pmol/L", "inr": 2.4}})
        record_run(session, pid, "check", {"population": 20}, {"contract": "vitasim.plan/1", "warnings": []})
    yield s
    s.close()


def test_export_writes_a_profile_a_labs_csv_and_runs_per_person(store, tmp_path):
    out = tmp_path / "out"
    files = transfer.export_all(store, out)
    names = sorted(f.name for f in files)
    assert names == ["001-dated-labs-and-a-medicine-start-date-labs.csv", "001-dated-labs-and-a-medicine-start-date-runs.json",
                     "001-dated-labs-and-a-medicine-start-date.yaml", "002-dad-script-labs.csv", "002-dad-script.yaml"]
    rows = list(csv.DictReader((out / "001-dated-labs-and-a-medicine-start-date-labs.csv").open()))
    assert rows[0] == {"date": "2025-10-02", "day": "", "loinc": "62292-8", "name": "25ohd", "value": "14",
                       "unit": "ng/mL", "source": "GP"}
    with store.session() as s:
        expected = profile_from_dict(profile_dict(get_person(s, 1)))
    assert profile_from_dict(yaml.safe_load((out / "001-dated-labs-and-a-medicine-start-date.yaml").read_text())) == expected


def test_import_of_an_export_gives_the_same_people_and_runs(store, tmp_path):
    transfer.export_all(store, tmp_path / "out")
    other = open_store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    ids = transfer.import_path(other, tmp_path / "out")
    assert len(ids) == 2
    with store.session() as a, other.session() as b:
        for pa, pb in zip(list_people(a), list_people(b)):
            assert profile_from_dict(profile_dict(pa)) == profile_from_dict(profile_dict(pb))
            assert [r.outputs for r in pa.runs] == [r.outputs for r in pb.runs]
    other.close()


def test_a_bad_file_in_an_import_adds_nobody_and_names_the_file(store, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.yaml").write_text("name: fine\nperson: {age: 70}\n")
    (d / "b.yaml").write_text("name: bad\nperson: {age: 7}\n")
    with pytest.raises(VitasimInputError) as err:
        transfer.import_path(store, d)
    assert err.value.field == "b.yaml: person.age"
    with store.session() as s:
        assert len(list_people(s)) == 2


def test_backup_is_a_consistent_sqlite_copy(store, tmp_path):
    target = transfer.backup(store, tmp_path / "bk" / "copy.sqlite3")
    con = sqlite3.connect(target)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("SELECT count(*) FROM person").fetchone() == (2,)
    con.close()
    copy = open_store(f"sqlite:///{target}")
    with copy.session() as s:
        assert {p.name for p in list_people(s)} == {"Dad <script>", "dated labs and a medicine start date"}
    copy.close()
    assert not list((tmp_path / "bk").glob(".*partial"))


def test_the_db_commands(store, tmp_path, capsys):
    url = store.url
    assert main(["db", "--db", url, "list"]) == 0
    assert "Dad <script>" in capsys.readouterr().out
    assert main(["db", "--db", url, "export", str(tmp_path / "x")]) == 0
    assert main(["db", "--db", f"sqlite:///{tmp_path / 'n.sqlite3'}", "import", str(tmp_path / "x")]) == 0
    assert "2 people added" in capsys.readouterr().out
    assert main(["db", "--db", url, "backup", str(tmp_path / "b.sqlite3")]) == 0
    assert (tmp_path / "b.sqlite3").is_file()
    assert main(["db", "--db", url, "import", str(tmp_path / "missing")]) == 2
    assert "no such file or directory" in capsys.readouterr().err
