"""`readingroom migrate-db`: an embedded SQLite reading room copied into another database (a
PostgreSQL one when the suite runs there) keeps every row, its search and its next ids."""

from dataclasses import replace

import pytest
from sqlmodel import Session, select

from app.cli import main
from app.config import load_settings
from app.db import make_engine, migrate
from app.models import Actor, Annotation
from app.schemas import AnnotationDraft
from app.services.annotations import create_annotation
from app.services.backup import table_counts
from app.services.errors import InvalidInput
from app.services.ingest import ingest_paths
from app.services.move_database import copy_database
from app.services.search import search
from tests.conftest import SEEDS, make_user
from tests.databases import new_database

ARTICLE = "000_4a82fcdd0388497e"


@pytest.fixture
def sqlite_room(tmp_path):
    """A small room on SQLite: the seeds, a user, a note, and an actor merged into a newer one."""
    settings = replace(load_settings(), database_url=f"sqlite:///{tmp_path / 'room.db'}", data_dir=tmp_path)
    engine = make_engine(settings)
    migrate(engine)
    with Session(engine) as session:
        ingest_paths(session=session, paths=[SEEDS], max_bytes=settings.max_file_bytes)
        make_user(session, "ana", "analyst")
        create_annotation(session=session, draft=AnnotationDraft(article=ARTICLE, paragraph=1, body="keep me"), author="ana")
        old, new = Actor(slug="old", name="Old", kind="person"), Actor(slug="new", name="New", kind="person")
        session.add(old)
        session.commit()
        session.add(new)
        session.commit()
        old.merged_into = new.id  # points forward: the copy must not trip on it
        session.add(old)
        session.commit()
    yield engine
    engine.dispose()


def test_copy_keeps_every_row_the_search_and_the_next_ids(sqlite_room, tmp_path):
    target = make_engine(replace(load_settings(), database_url=new_database(tmp_path, "target", migrated=False)))
    counts = copy_database(sqlite_room, target)
    assert counts == table_counts(sqlite_room) and counts["paragraph"] > 50 and counts["annotation"] == 1
    with Session(sqlite_room) as before, Session(target) as after:
        found = ("Tokaïev", "Kazakhstan manifestants", "كازاخستان", "والغاز", "164", "prix de l'essence", "Chine*")
        for q in (*found, 'OR "NOT" AND', "-) NEAR(x", "_", "Kazakhstan __"):  # operators are plain words on both
            a, b = search(session=before, q=q, limit=None), search(session=after, q=q, limit=None)
            assert a.total == b.total and (a.total > 0 or q not in found), q
            assert sorted((h.article, h.paragraph, h.snippet) for h in a.items) == sorted((h.article, h.paragraph, h.snippet) for h in b.items)
        merged = after.exec(select(Actor).where(Actor.slug == "old")).one()
        assert merged.merged_into == after.exec(select(Actor).where(Actor.slug == "new")).one().id
        note = create_annotation(session=after, draft=AnnotationDraft(article=ARTICLE, paragraph=2, body="new"), author="ana")
        assert note.id == max(n.id for n in after.exec(select(Annotation)).all()) > 1
    with pytest.raises(InvalidInput, match="not empty"):
        copy_database(sqlite_room, target)
    target.dispose()


def test_the_command_copies_and_says_so(sqlite_room, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READINGROOM_DATABASE_URL", str(sqlite_room.url))
    assert main(["migrate-db", "--to", new_database(tmp_path, "cli_target", migrated=False)]) == 0
    assert "every count matches the source" in capsys.readouterr().out
    assert main(["migrate-db", "--to", "postgresql+psycopg://nobody@127.0.0.1:1/none"]) == 2
    assert "refused the copy" in capsys.readouterr().err
