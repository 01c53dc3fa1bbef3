"""Alembic environment: runs migrations on the connection app.db.migrate hands over."""

from alembic import context
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run migrations through app.db.migrate (readingroom serve/ingest do it).")



def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    """The FTS5 index is made by hand in 0001; autogenerate must not try to drop it."""
    return not (type_ == "table" and name.startswith("paragraph_fts"))


context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                  include_object=include_object)
with context.begin_transaction():
    context.run_migrations()
