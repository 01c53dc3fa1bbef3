"""On SQLite, the writers of one process queue on a lock instead of polling the database in SQLite's
busy handler (which sleeps up to 100 ms between tries, and made write p99 seconds long under load)."""

import threading
from dataclasses import replace

from sqlalchemy import text

from app.config import load_settings
from app.db import WRITE_QUEUES, make_engine


def _engine(tmp_path):
    engine = make_engine(replace(load_settings(), database_url=f"sqlite:///{tmp_path / 'q.db'}", data_dir=tmp_path))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
    return engine


def _write_in_a_thread(engine) -> tuple[threading.Thread, threading.Event]:
    """A second writer, started: its thread, and an event set once its write is committed."""
    done = threading.Event()

    def write() -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (2)"))
        done.set()

    thread = threading.Thread(target=write)
    thread.start()
    return thread, done


def test_a_write_holds_the_queue_from_its_first_write_to_its_commit(tmp_path):
    engine = _engine(tmp_path)
    queue = WRITE_QUEUES[engine]
    with engine.connect() as connection:
        connection.execute(text("SELECT count(*) FROM t"))
        assert not queue.locked()  # reading takes no turn
        connection.execute(text("INSERT INTO t VALUES (1)"))
        assert queue.locked()
        connection.execute(text("UPDATE t SET x = 2"))  # the same transaction: its turn already
        connection.commit()
        assert not queue.locked()
        connection.execute(text("DELETE FROM t"))
        connection.rollback()
        assert not queue.locked()
        connection.execute(text("INSERT INTO t VALUES (3)"))
    assert not queue.locked()  # a connection given back to the pool is rolled back, and gives its turn back
    with engine.connect() as connection:
        assert connection.execute(text("SELECT x FROM t")).scalars().all() == [2]


def test_a_second_writer_waits_its_turn_and_goes_on_when_the_first_commits(tmp_path):
    engine = _engine(tmp_path)
    with engine.connect() as first:
        first.execute(text("INSERT INTO t VALUES (1)"))
        waiting, done = _write_in_a_thread(engine)
        assert not done.wait(0.3)  # queued behind the first
        first.commit()
    assert done.wait(10)
    waiting.join()
    assert not WRITE_QUEUES[engine].locked()
    with engine.connect() as connection:
        assert sorted(connection.execute(text("SELECT x FROM t")).scalars()) == [1, 2]


def test_postgresql_and_in_memory_databases_have_no_queue(tmp_path):
    engine = make_engine(replace(load_settings(), database_url="sqlite://", data_dir=tmp_path))
    assert engine not in WRITE_QUEUES


def test_processes_take_turns_on_a_file_beside_the_database(tmp_path):
    """Two engines on one file stand for two server processes: the writer holds the turns file, the
    other waits for it (not for SQLite's busy handler) and goes on when the first commits."""
    import fcntl

    first_engine, second_engine = _engine(tmp_path), make_engine(
        replace(load_settings(), database_url=f"sqlite:///{tmp_path / 'q.db'}", data_dir=tmp_path))
    probe = open(tmp_path / "q.db.writing")  # noqa: SIM115

    def turn_is_free() -> bool:
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(probe, fcntl.LOCK_UN)
        return True

    with first_engine.connect() as first:
        first.execute(text("INSERT INTO t VALUES (1)"))
        assert not turn_is_free()
        waiting, done = _write_in_a_thread(second_engine)
        assert not done.wait(0.3)
        first.commit()
    assert done.wait(10)
    waiting.join()
    assert turn_is_free()
    probe.close()
