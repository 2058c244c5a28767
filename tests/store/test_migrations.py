"""A later vitasim opens an older database: create at the first revision, upgrade, data kept."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from vitasim.store import engine as eng
from vitasim.store import get_person, list_people, open_store, profile_dict
from vitasim.profile import profile_from_dict


def test_a_database_at_the_first_revision_upgrades_to_head_with_its_data(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = eng.make_engine(url)
    eng.migrate(old, "0001")
    assert eng.current_revision(old) == "0001"
    with old.begin() as conn:   # what revision 0001 of vitasim wrote
        conn.execute(text("INSERT INTO person (id, name, notes, age, sex, pregnant, created_at) "
                          "VALUES (1, 'Mum', '', 81, 'female', 0, '2026-01-02 10:00:00')"))
        conn.execute(text("INSERT INTO lab_result (person_id, lab, value, unit, taken_on, day, source, created_at) "
                          "VALUES (1, '25ohd', 12, 'ng/mL', NULL, 0, 'GP', '2026-01-02 10:00:00')"))
        conn.execute(text("INSERT INTO medicine (person_id, name, since) VALUES (1, 'warfarin', NULL)"))
        assert "run" not in {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    old.dispose()

    store = open_store(url)   # upgrades to head
    assert eng.current_revision(store.engine) == eng.head_revision() != "0001"
    with store.session() as s:
        (person,) = list_people(s)
        assert person.updated_at == dt.datetime(2026, 1, 2, 10, 0)   # filled from created_at
        assert [(lab.lab, lab.value, lab.source) for lab in person.labs] == [("25ohd", 12.0, "GP")]
        p = profile_from_dict(profile_dict(get_person(s, 1)))
        assert p.medications == ("warfarin",) and p.age == 81
        assert person.runs == []   # the new table works
    store.close()


def test_downgrade_to_base_and_back_up_again(tmp_path):
    from alembic import command
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    e = eng.make_engine(url)
    eng.migrate(e)
    with e.begin() as conn:
        command.downgrade(eng._alembic_config(conn), "base")
    assert eng.current_revision(e) is None
    eng.migrate(e)
    assert eng.current_revision(e) == eng.head_revision()
    e.dispose()
