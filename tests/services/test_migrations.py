"""Schema upgrades keep analysts' data: migrating an existing database twice loses nothing."""

from sqlmodel import Session, select

from app.db import make_engine, migrate
from app.models import Annotation
from app.schemas import AnnotationDraft
from app.services.annotations import create_annotation


def test_migrate_is_repeatable_and_keeps_notes(seeded, settings):
    slug = "000_4a82fcdd0388497e"
    create_annotation(session=seeded, draft=AnnotationDraft(article=slug, paragraph=1, body="keep me"))
    engine = make_engine(settings)
    migrate(engine)  # a restart runs the migrations again
    with Session(engine) as session:
        assert [n.body for n in session.exec(select(Annotation)).all()] == ["keep me"]
        mode = session.connection().exec_driver_sql("PRAGMA journal_mode").scalar()
        fks = session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar()
        assert (mode, fks) == ("wal", 1)
    engine.dispose()
