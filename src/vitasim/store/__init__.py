"""The person's record, stored: people, dated labs, regimen and medicine history, conditions and
every check/plan run (SQLAlchemy 2, Alembic migrations shipped in the package).

``open_store(url=None)`` opens (creating or upgrading) the record: SQLite under ``$VITASIM_DATA``
or the user data directory by default, any SQLAlchemy URL otherwise.  A person reads back as a
``vitasim.profile/2`` mapping (:func:`profile_dict`), so ``vitasim.check``/``plan`` run on stored
people; :mod:`vitasim.store.transfer` exports, imports and backs up.
"""
from vitasim.store.engine import Store, data_dir, default_url, migrate, open_store
from vitasim.store.models import ConditionEntry, LabEntry, MedicineEntry, Person, RegimenEntry, Run
from vitasim.store.repository import (add_lab, delete_person, get_person, get_run, list_people, profile_dict,
                                      profile_for_run, record_run, save_profile)

__all__ = ["ConditionEntry", "LabEntry", "MedicineEntry", "Person", "RegimenEntry", "Run", "Store", "add_lab",
           "data_dir", "default_url", "delete_person", "get_person", "get_run", "list_people", "migrate",
           "open_store", "profile_dict", "profile_for_run", "record_run", "save_profile"]
