"""Opening the record: default location, WAL and busy timeout, two writers, restart, migrations."""
from __future__ import annotations

import sqlite3
import threading

from sqlalchemy import inspect, text

from vitasim.store import engine as eng
from vitasim.store import list_people, open_store, save_profile
from vitasim.store.models import Base


def test_default_location_follows_vitasim_data(tmp_path, monkeypatch):
    monkeypatch.setenv("VITASIM_DATA", str(tmp_path / "data"))
    assert eng.default_url() == f"sqlite:///{tmp_path / 'data' / 'vitasim.sqlite3'}"
    store = open_store()
    assert (tmp_path / "data" / "vitasim.sqlite3").is_file()
    store.close()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == eng.BUSY_TIMEOUT_MS
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_two_writers_at_once_lose_nothing_and_leave_a_sound_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    open_store(url).close()
    errors: list[BaseException] = []

    def writer(tag: str) -> None:
        store = open_store(url)        # a separate engine: like the CLI and the page at once
        try:
            for i in range(15):
                with store.session() as s:
                    save_profile(s, {"name": f"{tag}{i:02d}", "person": {"age": 70},
                                     "labs": {"25ohd": f"{10 + i} ng/mL"}})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=writer, args=(t,)) for t in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = open_store(url)
    with store.session() as s:
        assert len(list_people(s)) == 30
    store.close()
    con = sqlite3.connect(tmp_path / "r.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()


def test_a_new_store_on_the_same_file_sees_everything(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    first = open_store(url)
    with first.session() as s:
        save_profile(s, {"name": "Mum", "person": {"age": 80}, "labs": {"25ohd": "12 ng/mL"}})
    first.close()
    second = open_store(url)
    with second.session() as s:
        (person,) = list_people(s)
        assert person.name == "Mum" and person.labs[0].value == 12.0
    second.close()


def test_a_failed_transaction_keeps_what_was_saved_before(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    with store.session() as s:
        save_profile(s, {"name": "kept", "person": {"age": 70}})
    try:
        with store.session() as s:
            save_profile(s, {"name": "lost", "person": {"age": 70}})
            raise RuntimeError("crash in the middle of a save")
    except RuntimeError:
        pass
    with store.session() as s:
        assert [p.name for p in list_people(s)] == ["kept"]
    store.close()


def test_the_models_match_the_newest_migration(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    insp = inspect(store.engine)
    for table in Base.metadata.sorted_tables:
        cols = {c["name"] for c in insp.get_columns(table.name)}
        assert cols == {c.name for c in table.columns}, table.name
    assert eng.current_revision(store.engine) == eng.head_revision()
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    store.close()


def test_the_record_and_the_lab_import_do_not_reach_up_into_the_page_or_the_cli():
    import ast
    from pathlib import Path
    root = Path(eng.__file__).resolve().parents[1]
    for layer in ("store", "labimport"):
        for path in (root / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                for name in names:
                    assert not name.startswith(("vitasim.web", "vitasim.cli", "vitasim.planner", "vitasim.solve")), \
                        f"{path.name} imports {name}"
