"""Schema upgrades keep analysts' data: migrating an existing database twice loses nothing."""

from dataclasses import replace

from sqlmodel import Session, select

from app.db import make_engine, migrate
from app.models import Annotation
from app.schemas import AnnotationDraft
from app.services.annotations import create_annotation
from tests.databases import ONLY_SQLITE, new_database


def test_migrate_is_repeatable_and_keeps_notes(seeded, settings):
    slug = "000_4a82fcdd0388497e"
    create_annotation(session=seeded, draft=AnnotationDraft(article=slug, paragraph=1, body="keep me"), author="ana")
    engine = make_engine(settings)
    migrate(engine)  # a restart runs the migrations again
    with Session(engine) as session:
        assert [n.body for n in session.exec(select(Annotation)).all()] == ["keep me"]
    engine.dispose()


@ONLY_SQLITE
def test_sqlite_runs_with_its_log_and_foreign_keys(settings):
    engine = make_engine(settings)
    with Session(engine) as session:
        mode = session.connection().exec_driver_sql("PRAGMA journal_mode").scalar()
        fks = session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar()
        assert (mode, fks) == ("wal", 1)
    engine.dispose()


def test_upgrade_from_the_first_schema_keeps_notes(settings, tmp_path):
    from alembic import command
    from alembic.config import Config

    from app.db import MIGRATIONS_DIR

    engine = make_engine(replace(settings, database_url=new_database(tmp_path, "old", migrated=False)))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(
            "INSERT INTO article (slug, source_file, content_hash, title, language, direction, parsed, corrected, created, updated) "
            "VALUES ('a', 'a.txt', 'h', 'T', 'fr', 'ltr', '{}', '[]', '2024-01-01', '2024-01-01')")
        connection.exec_driver_sql(
            "INSERT INTO annotation (article_id, body, author, created, modified, orphaned) VALUES (1, 'old note', 'ana', '2024-01-01', '2024-01-01', false)")
    migrate(engine)  # to the newest schema
    with Session(engine) as session:
        assert [n.body for n in session.exec(select(Annotation)).all()] == ["old note"]
        assert session.connection().exec_driver_sql("SELECT count(*) FROM contradiction").scalar() == 0
    engine.dispose()


def test_the_migrated_schema_is_the_models_schema(settings):
    """Alembic's migrations and the models agree, table for table and column for column, on
    whichever database the suite runs: what autogenerate would write next is nothing. (Types are
    left out: a column type of our own, such as UTC datetimes, never equals what is reflected.)"""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    engine = make_engine(settings)
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _not_the_search_index, "compare_type": False})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


MIGRATION_ONLY_INDEXES = {"paragraph_fts_keys", "ix_article_library_order"}  # expression / GIN indexes models cannot declare


def _not_the_search_index(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    return not (type_ == "table" and name.startswith("paragraph_fts")) and not (type_ == "index" and name in MIGRATION_ONLY_INDEXES)


def test_the_library_is_read_in_order_from_its_index(session):
    """The library's ORDER BY and migration 0017's expression index are the same terms, so the
    database reads a page from the index instead of sorting every article."""
    from sqlalchemy import text

    order = "ORDER BY article.published IS NULL, article.published DESC, article.source_file LIMIT 50"
    if session.get_bind().dialect.name == "sqlite":
        plan = " ".join(str(r[-1]) for r in session.exec(text(f"EXPLAIN QUERY PLAN SELECT id FROM article {order}")).all())
        assert "ix_article_library_order" in plan and "TEMP B-TREE" not in plan
    else:
        session.exec(text("SET enable_seqscan = off"))  # an empty table: make the planner show what it can use
        plan = " ".join(r[0] for r in session.exec(text(f"EXPLAIN SELECT id FROM article {order}")).all())
        assert "ix_article_library_order" in plan


def test_processes_starting_at_once_on_a_new_database_migrate_it_once(settings, tmp_path):
    """Four processes' worth of engines migrate one empty database at the same time: on
    PostgreSQL one does it while the others wait on an advisory lock, on SQLite on a lock file."""
    from concurrent.futures import ThreadPoolExecutor

    url = new_database(tmp_path, "race", migrated=False)
    engines = [make_engine(replace(settings, database_url=url)) for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(migrate, engines))
    with Session(engines[0]) as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1
    for engine in engines:
        engine.dispose()
