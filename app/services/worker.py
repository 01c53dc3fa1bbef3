"""Workers: claim analysis jobs in batches, analyse their articles (the models load once per
process), keep the lease alive while working, and record each job's outcome. `readingroom worker`,
`readingroom ingest` and the web process's inline analysis all run this loop."""

from __future__ import annotations

import fcntl
import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Self

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from app.models import AnalysisJob, AnalysisState, Article
from app.services import jobs

log = logging.getLogger(__name__)
BATCH = 16  # jobs per claim: the models and the claim analysis's neighbour cache serve the whole batch
POLL = 5.0  # seconds between looks at an empty queue


@dataclass
class Models:
    """Factories of the entity model and the parser (None: the French models, loaded on first use)."""

    nlp_factory: Callable[[], Any] | None = None
    parser_factory: Callable[[], Any] | None = None


@dataclass
class RunSummary:
    done: int = 0
    errors: int = 0  # failed attempts: each job is retried until jobs.MAX_ATTEMPTS


def worker_name() -> str:
    """Host, process and a random part: unique even when a process id is reused."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def run(*, engine: Engine, worker: str | None = None, batch: int = BATCH, lease: timedelta = jobs.LEASE,
        drain: bool = False, poll: float = POLL, stop: threading.Event | None = None, models: Models | None = None,
        on_batch: Callable[[int], None] = lambda n: None) -> RunSummary:
    """Take and analyse jobs until `stop` is set, or, with `drain`, until none is left to take."""
    worker, stop, models = worker or worker_name(), stop or threading.Event(), models or Models()
    summary = RunSummary()
    while not stop.is_set():
        with Session(engine) as session:
            claimed = jobs.claim(session=session, worker=worker, limit=batch, lease=lease)
        if not claimed:
            if drain:
                break
            stop.wait(poll)
            continue
        ids = [j.id for j in claimed if j.id is not None]
        try:
            with _Heartbeat(engine, ids, worker, lease):
                done, errors = _process(engine, claimed, worker, models)
        except (KeyboardInterrupt, SystemExit):  # told to stop: hand the batch back, uncounted
            with Session(engine) as session:
                jobs.release(session=session, ids=ids, worker=worker)
            raise
        summary.done, summary.errors = summary.done + done, summary.errors + errors
        on_batch(len(claimed))
    return summary


def _process(engine: Engine, claimed: list[AnalysisJob], worker: str, models: Models) -> tuple[int, int]:
    """Analyse the batch in one go; if it fails, each job alone, so one bad article fails alone.
    Returns (done, failed attempts)."""
    with Session(engine) as session:
        articles = {a.id: a for a in session.exec(select(Article).where(col(Article.id).in_([j.article_id for j in claimed]))).all()}
        states = {s.article_id: s for s in session.exec(select(AnalysisState).where(col(AnalysisState.article_id).in_(list(articles)))).all()}
        todo = [j for j in claimed if not _analysed_since_queued(j, articles[j.article_id], states.get(j.article_id))]
        try:
            if todo:
                _analyse(session, [articles[j.article_id] for j in todo], models)
        except Exception as exc:
            session.rollback()
            if len(todo) > 1:
                log.warning("a batch of %d articles failed (%s: %s); analysing them one by one", len(todo),
                            type(exc).__name__, exc)
                skipped = [j.id for j in claimed if j not in todo and j.id is not None]
                done = jobs.finish(session=session, ids=skipped, worker=worker)
                outcomes = [_process(engine, [j], worker, models) for j in todo]
                return done + sum(d for d, _ in outcomes), sum(e for _, e in outcomes)
            log.exception("analysis of article %s failed", todo[0].article_id)
            jobs.fail(session=session, job_id=todo[0].id or 0, worker=worker, error=_said(exc))
            return 0, 1
        return jobs.finish(session=session, ids=[j.id for j in claimed if j.id is not None], worker=worker), 0


def _analyse(session: Session, articles: list[Article], models: Models) -> None:
    """The articles' analysis; once more if it collided with another worker's (two workers making
    the same new actor, a deadlock, SQLite busy): the second try sees what the other committed."""
    # The analysis code loads with the first batch, not with the command line.
    from app.services import pipeline

    for attempt in (1, 2):
        try:
            pipeline.analyse_listed(session=session, articles=articles, nlp_factory=models.nlp_factory,
                                    parser_factory=models.parser_factory)
            return
        except (IntegrityError, OperationalError) as exc:
            if attempt == 2:
                raise
            log.warning("analysis collided with another worker (%s); trying again", type(exc).__name__)
            session.rollback()


def _said(exc: Exception) -> str:
    """The error as the ingest page shows it: its first line (the full traceback is in the worker's log;
    a database error's SQL and parameters stay there)."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}".rstrip(": ")


def _analysed_since_queued(job: AnalysisJob, article: Article, state: AnalysisState | None) -> bool:
    """`readingroom analyse` (or another job) already analysed this text after the job was queued.
    Only on a first attempt: a retried job may have stored actors and then failed on claims."""
    return (job.attempts == 1 and state is not None and state.content_hash == article.content_hash
            and state.at.replace(tzinfo=None) >= job.created.replace(tzinfo=None))


class _Heartbeat:
    """A thread that pushes the batch's lease on every third of it, while the batch is analysed."""

    def __init__(self, engine: Engine, ids: list[int], worker: str, lease: timedelta) -> None:
        self.engine, self.ids, self.worker, self.lease = engine, ids, worker, lease
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="job-heartbeat", daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._stop.wait(self.lease.total_seconds() / 3):
            try:
                with Session(self.engine) as session:
                    jobs.heartbeat(session=session, ids=self.ids, worker=self.worker, lease=self.lease)
            except Exception:  # e.g. SQLite busy behind the batch's own write: the next beat tries again
                log.warning("heartbeat of jobs %s failed", self.ids, exc_info=True)


class InlineAnalysis:
    """The web process's own worker, for a single-process install: a thread that drains the queue
    when woken (after an upload) and looks again every `poll` seconds (jobs queued by another
    process, e.g. `readingroom ingest --no-analysis`). With dedicated workers it is switched off."""

    def __init__(self, engine: Engine, *, poll: float = 10.0, models: Models | None = None) -> None:
        self.engine, self.poll, self.models = engine, poll, models
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._held: Any = None  # the open lock file while this process is the analysing one

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._loop, name="inline-analysis", daemon=True)
                self._thread.start()

    def wake(self) -> None:
        self.start()
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the batch in hand (its jobs would otherwise wait for their lease to expire)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self._held is not None:
            self._held.close()  # another process of this database analyses from its next look
            self._held = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                with Session(self.engine) as session:
                    waiting = jobs.claimable(session=session)
                if waiting and self._turn():
                    run(engine=self.engine, drain=True, stop=self._stop, models=self.models)
            except Exception:  # the articles are stored either way; the jobs are retried or shown as failed
                log.exception("inline analysis failed")
            self._wake.wait(self.poll)

    def _turn(self) -> bool:
        """Whether this process analyses. Several web processes on one SQLite file (`serve --workers
        N`) would each load the models (about 550 MB) and take turns writing: one holds a lock on a
        file beside the database for as long as it lives, and when it exits another takes over at
        its next look. On PostgreSQL workers share the queue, so every process may."""
        path = self.engine.url.database if self.engine.dialect.name == "sqlite" else None
        if self._held is not None or not path or path == ":memory:":
            return True
        held = open(f"{path}.analysing", "a")
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            held.close()
            return False
        self._held = held
        return True
