"""Where the record lives and how it is opened: URL, engine, sessions, migrations.

SQLite by default, in ``$VITASIM_DATA`` or the user's data directory (platformdirs); any
SQLAlchemy URL works (``postgresql+psycopg://...``) through the same code.  SQLite connections
run in WAL mode with a busy timeout and take the write lock when a transaction begins
(``BEGIN IMMEDIATE``), so two writers (two browser tabs, the CLI and the page) queue instead of
failing or corrupting the file; every save is one transaction, so a crash loses nothing saved
before it.  Opening a store brings its schema to the newest Alembic revision.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 15_000   # how long a writer waits for another's lock before giving up
DB_NAME = "vitasim.sqlite3"


def data_dir() -> Path:
    """``$VITASIM_DATA`` when set, else the platform's user data directory for vitasim."""
    env = os.environ.get("VITASIM_DATA")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir
    return Path(user_data_dir("vitasim", appauthor=False))


def default_url() -> str:
    """``sqlite:///<data dir>/vitasim.sqlite3`` (the directory is created when opened)."""
    return f"sqlite:///{data_dir() / DB_NAME}"


def _sqlite_pragmas(engine: Engine) -> None:
    """WAL, busy timeout, foreign keys; and BEGIN IMMEDIATE so a write transaction holds the lock
    from its start (pysqlite's deferred BEGIN would let two readers deadlock on upgrading)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None   # SQLAlchemy emits BEGIN itself (below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: :func:`default_url`); SQLite gets WAL and a busy timeout."""
    url = url or default_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})
        _sqlite_pragmas(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _alembic_config(connection):
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


_MIGRATING = threading.Lock()   # Alembic loads its scripts as modules: one migration at a time per process


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default the newest); an older database is upgraded in place."""
    from alembic import command
    with _MIGRATING, engine.begin() as conn:
        command.upgrade(_alembic_config(conn), revision)


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at (None: empty database)."""
    from alembic.runtime.migration import MigrationContext
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped with this vitasim."""
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()


@dataclass
class Store:
    """An open record: its engine and a session factory.  Use :meth:`session` for one transaction."""

    engine: Engine
    factory: sessionmaker[Session]

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back (nothing saved) on error."""
        with self.factory() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, upgrade: bool = True) -> Store:
    """Open (creating or upgrading as needed) the record at ``url`` (default: :func:`default_url`)."""
    engine = make_engine(url)
    if upgrade:
        migrate(engine)
    return Store(engine, sessionmaker(engine, expire_on_commit=False))
