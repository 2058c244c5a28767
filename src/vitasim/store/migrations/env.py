"""Alembic environment, run programmatically by :func:`vitasim.store.engine.migrate`.

The caller passes an open connection in ``config.attributes["connection"]``; nothing here reads
an ini file or the environment, so the migrations run the same from the package, the CLI and the
tests.  SQLite gets batch mode (it cannot ALTER most columns in place).
"""
from __future__ import annotations

from alembic import context

from vitasim.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable by running alembic by hand without a connection
    raise RuntimeError("vitasim migrations run through vitasim.store.engine.migrate(), which passes a connection")

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
