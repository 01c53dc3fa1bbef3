"""On PostgreSQL, workers take turns assigning articles to stories: one waits while another holds
the assignment lock, so two of them never each start a story for one event."""

import threading
import time

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.services.story_assignment import ASSIGNMENT_LOCK, assign_stories
from tests.databases import ON_POSTGRES

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="SQLite lets one writer in at a time by itself; the lock is PostgreSQL's")


def test_an_assignment_waits_for_the_one_in_progress(session):
    engine = session.get_bind()
    holder = Session(engine)
    holder.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ASSIGNMENT_LOCK})  # another worker, mid-assignment
    finished = threading.Event()

    def assign() -> None:
        with Session(engine) as other:
            assign_stories(session=other, analysed=[])
        finished.set()

    worker = threading.Thread(target=assign)
    worker.start()
    time.sleep(1)
    assert not finished.is_set(), "the second assignment ran while the first held the lock"
    holder.commit()  # the first worker's transaction ends: the lock goes with it
    worker.join(10)
    assert finished.is_set()
    holder.close()
