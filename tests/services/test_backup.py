"""readingroom backup / restore: a checked copy, and a restore that brings back every row."""

from __future__ import annotations

import sqlite3

from sqlmodel import Session, select

from app.cli import main
from app.config import load_settings
from app.db import make_engine
from app.models import Annotation
from app.schemas import AnnotationDraft
from app.services.annotations import create_annotation
from app.services.backup import table_counts

from tests.databases import ONLY_SQLITE

pytestmark = ONLY_SQLITE  # `readingroom backup` copies the SQLite file; PostgreSQL uses pg_dump (README)


def test_backup_then_restore_brings_back_every_table_and_keeps_what_it_replaced(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READINGROOM_DATABASE_URL", f"sqlite:///{tmp_path / 'live.db'}")
    assert main(["ingest", "seeds", "--no-analysis"]) == 0
    engine = make_engine(load_settings())
    with Session(engine) as session:
        create_annotation(session=session, draft=AnnotationDraft(article="000_4a82fcdd0388497e", paragraph=1, body="kept"), author="ana")
    before = table_counts(engine)
    sample = sqlite3.connect(tmp_path / "live.db").execute("SELECT id, body FROM annotation").fetchall()
    assert main(["backup", str(tmp_path / "b.db")]) == 0
    assert "integrity ok" in capsys.readouterr().out
    assert main(["backup", str(tmp_path / "b.db")]) == 2  # never overwrites a backup

    with Session(engine) as session:  # work after the backup, then a restore
        create_annotation(session=session, draft=AnnotationDraft(article="000_4a82fcdd0388497e", paragraph=2, body="later"), author="ana")
    engine.dispose()
    assert main(["restore", str(tmp_path / "b.db")]) == 0
    out = capsys.readouterr().out
    engine = make_engine(load_settings())
    assert table_counts(engine) == before
    assert sqlite3.connect(tmp_path / "live.db").execute("SELECT id, body FROM annotation").fetchall() == sample
    kept = next(p for p in tmp_path.glob("live.db.before-restore-*") if p.name[-4:] not in ("-wal", "-shm"))
    assert str(kept) in out and sqlite3.connect(kept).execute("SELECT count(*) FROM annotation").fetchone()[0] == 2
    with Session(engine) as session:
        assert [a.body for a in session.exec(select(Annotation)).all()] == ["kept"]
    engine.dispose()


def test_restore_refuses_what_is_not_a_sound_backup(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READINGROOM_DATABASE_URL", f"sqlite:///{tmp_path / 'live.db'}")
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert main(["restore", str(tmp_path / "junk.db")]) == 2
    assert "not a readable SQLite database" in capsys.readouterr().err
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    assert main(["restore", str(tmp_path / "other.db")]) == 2
    assert "not a Reading Room one" in capsys.readouterr().err
