"""Grow an analysed database to many articles by copying its articles with everything the analysis
made of them (paragraphs and their search index, mentions, claims, contradictions, stories), in SQL.

Ingesting and analysing 100,000 articles would take hours on the development machine (the models
parse about 8 articles/s per core); pages are timed against the rows they must read, so a corpus
analysed once and copied gives them 100,000 articles' worth of rows in minutes. Each copy gets new
ids, slugs and fingerprints; actors are shared, as they are across real articles, so the biggest
actor's page grows with the copies. What a copy cannot tell is how fast ingest and analysis are at
that size: bench.run measures those on the analysed corpus itself.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, String, Table, cast, func, literal, select, text
from sqlmodel import Session, SQLModel

import app.models  # noqa: F401  (the tables)
from app.models import Actor
from app.services.actor_counts import refresh_actor_counts
from app.services.move_database import move_sequences

# The rows that belong to an article, in the order foreign keys need them.
COPIED = ("article", "paragraph", "mention", "analysisstate", "analysis_job", "story", "story_article", "story_key",
          "claim", "claim_match", "contradiction", "contradictionpassage")
UNIQUE_TEXT = {("article", "slug"), ("article", "source_file"), ("article", "source_path"), ("article", "content_hash"),
               ("story", "slug"), ("contradiction", "fingerprint")}


def replicate(engine: Engine, copies: int, report: Callable[[int], None] = lambda done: None) -> int:
    """Add `copies` copies of every article (and its rows); the number of articles after."""
    tables = {t.name: t for t in SQLModel.metadata.sorted_tables if t.name in COPIED}
    with engine.begin() as conn:
        largest = {name: _largest(conn, table) for name, table in tables.items() if "id" in table.c}
        largest["paragraph_fts"] = largest["paragraph"]
    for copy in range(1, copies + 1):
        with engine.begin() as conn:
            for name in COPIED:
                if name in tables:
                    conn.execute(_copy(tables[name], copy, largest))
            p = largest["paragraph"]
            conn.execute(text("INSERT INTO paragraph_fts (rowid, keys) SELECT rowid + :off, keys FROM paragraph_fts "
                              "WHERE rowid <= :p").bindparams(off=copy * p, p=p))
        report(copy)
    with Session(engine) as session:  # the copies' mentions in the actors' kept counts
        refresh_actor_counts(session, session.exec(select(Actor.id)).scalars().all())
        session.commit()
    if engine.dialect.name == "postgresql":
        move_sequences(engine)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(tables["article"])).scalar_one()


def _largest(conn, table: Table) -> int:  # type: ignore[no-untyped-def]
    return conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()


def _copy(table: Table, copy: int, largest: dict[str, int]):  # type: ignore[no-untyped-def]
    """INSERT … SELECT of the original rows (those at or below the largest ids before copying),
    every id and reference to a copied table moved on by `copy` times that table's largest id."""
    values, originals = [], []
    for column in table.c:
        target = next((fk.column.table.name for fk in column.foreign_keys), None)
        if column.name == "id":
            target = table.name
        if target in largest:
            values.append((column + copy * largest[target]).label(column.name))
            if column.primary_key or column.name == "article_id":
                originals.append(column <= largest[target])
        elif (table.name, column.name) in UNIQUE_TEXT:  # "slug~<the copy's id>": unique however often copied
            new_id = cast(table.c.id + copy * largest[table.name], String)
            values.append((column + literal("~") + new_id).label(column.name))
        else:
            values.append(column)
    query = select(*values).where(*originals[:1]) if originals else select(*values)
    return table.insert().from_select([c.name for c in table.c], query)
