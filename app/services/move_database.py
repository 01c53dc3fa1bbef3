"""Copy a whole reading room into another, empty database (SQLite to PostgreSQL, or back): every
table row for row with its ids, the search index rebuilt, id sequences moved on, and every
table's row count checked at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy import Engine, Table, func, select, text, update
from sqlmodel import Session, SQLModel, col

import app.models  # noqa: F401  (registers every table on SQLModel.metadata)
from app.db import migrate
from app.models import Paragraph
from app.services.backup import table_counts
from app.services.errors import InvalidInput
from app.services.search import index_paragraphs

BATCH = 2000  # rows per insert: few round trips, bounded memory on a big room
Report = Callable[[str, int], None]  # (table, rows copied so far)


def copy_database(source: Engine, target: Engine, *, report: Report = lambda table, rows: None) -> dict[str, int]:
    """Copy `source` into `target` (migrated here; it must hold no rows yet) and return the row
    counts, which are checked to be the same on both sides."""
    migrate(target)
    if filled := [name for name, rows in table_counts(target).items() if rows and name != "alembic_version"]:
        raise InvalidInput(f"The target database is not empty ({', '.join(filled)} have rows): give a new, empty "
                           "database, so nothing there is overwritten.")
    with source.connect() as reading, target.begin() as writing:
        for table in SQLModel.metadata.sorted_tables:
            _copy_table(table, reading, writing, report)
    _reindex(target, report)
    if target.dialect.name == "postgresql":
        move_sequences(target)
    before, after = table_counts(source), table_counts(target)
    if differ := {n: (before.get(n), after.get(n)) for n in before.keys() | after.keys() if before.get(n) != after.get(n)}:
        raise InvalidInput(f"Row counts differ after the copy (source, target): {differ}. The source is untouched; "
                           "drop the target database and run the command again.")
    return after


def _copy_table(table: Table, reading, writing, report: Report) -> None:  # type: ignore[no-untyped-def]
    # A column naming a row of its own table (an actor merged into another) may point forward:
    # written empty first, filled in once every row is there.
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    keys = [c.name for c in table.primary_key.columns]
    copied = 0
    for rows in _batches(reading.execute(select(table)).mappings()):
        writing.execute(table.insert(), [{**row, **dict.fromkeys(own)} for row in rows])
        if own:
            for row in rows:
                if any(row[c] is not None for c in own):
                    writing.execute(update(table).where(*(table.c[k] == row[k] for k in keys)).values({c: row[c] for c in own}))
        copied += len(rows)
        report(table.name, copied)


def _batches(rows) -> Iterator[list[dict]]:  # type: ignore[no-untyped-def]
    batch: list[dict] = []
    for row in rows:
        batch.append(dict(row))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _reindex(target: Engine, report: Report) -> None:
    """The search index is not copied but rebuilt: each database stores it in its own form."""
    with Session(target) as session:
        last, done = 0, 0
        while batch := session.exec(select(Paragraph).where(col(Paragraph.id) > last).order_by(col(Paragraph.id)).limit(BATCH)).scalars().all():
            index_paragraphs(session, list(batch))
            last, done = batch[-1].id, done + len(batch)
            report("search index", done)
        session.commit()


def move_sequences(target: Engine) -> None:
    """Ids were copied as they were: each table's id sequence must start after the largest."""
    with target.begin() as conn:
        for table in SQLModel.metadata.sorted_tables:
            if "id" in table.c and table.c["id"].primary_key and table.c["id"].autoincrement in (True, "auto"):
                largest = conn.execute(select(func.max(table.c["id"]))).scalar()
                if largest is not None:
                    conn.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"), {"t": f'"{table.name}"', "n": largest})
