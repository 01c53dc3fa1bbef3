"""The analysis job queue, stored in the database: enqueue, claim with a lease, heartbeat, finish,
fail (retried up to MAX_ATTEMPTS), and the status the ingest page and /api/jobs show. The same
statements serve SQLite and PostgreSQL: a claim is one UPDATE over a `FOR UPDATE SKIP LOCKED`
subquery, so concurrent workers on PostgreSQL never take the same job, and on SQLite (where the
lock clause is left out) the single writer makes the UPDATE atomic all the same."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, or_, update
from sqlmodel import Session, col, select

from app.models import AnalysisJob, Article, utcnow
from app.schemas import JobOut, JobProgress, JobStatus

STATES = ("queued", "running", "done", "failed")
OPEN = ("queued", "running")
MAX_ATTEMPTS = 3  # claims of one job, crashes and expired leases included, before it fails for good
LEASE = timedelta(minutes=5)  # a worker that stops heart-beating for this long loses its jobs
MAX_ERROR = 2000  # characters of an error kept


def enqueue(*, session: Session, slugs: Iterable[str], now: datetime | None = None) -> int:
    """Queue the analysis of these articles; one already queued is not queued twice (a running one
    is: the worker may be analysing the text before this change). Returns how many were queued."""
    wanted = set(slugs)
    if not wanted:
        return 0
    ids = set(session.exec(select(Article.id).where(col(Article.slug).in_(wanted))).all())
    waiting = set(session.exec(select(AnalysisJob.article_id).where(
        AnalysisJob.state == "queued", col(AnalysisJob.article_id).in_(ids))).all())
    at = now or utcnow()
    for article_id in sorted(ids - waiting):
        session.add(AnalysisJob(article_id=article_id, created=at))
    session.commit()
    return len(ids - waiting)


def claim(*, session: Session, worker: str, limit: int, lease: timedelta = LEASE,
          now: datetime | None = None) -> list[AnalysisJob]:
    """Take up to `limit` jobs for this worker: queued ones, and running ones whose lease expired
    (their worker was killed). Jobs that expired MAX_ATTEMPTS times fail instead of being retaken."""
    now = now or utcnow()
    expired = and_(AnalysisJob.state == "running", col(AnalysisJob.lease_expires) < now)
    _run(session, update(AnalysisJob).where(expired, AnalysisJob.attempts >= MAX_ATTEMPTS).values(
        state="failed", finished=now, lease_expires=None,
        error=f"its worker stopped (lease expired) on each of {MAX_ATTEMPTS} attempts"))
    claimable = or_(AnalysisJob.state == "queued", and_(expired, AnalysisJob.attempts < MAX_ATTEMPTS))
    picked = (select(AnalysisJob.id).where(claimable).order_by(AnalysisJob.id).limit(limit)
              .with_for_update(skip_locked=True).scalar_subquery())
    ids = _run(session,
        update(AnalysisJob).where(col(AnalysisJob.id).in_(picked), claimable)
        .values(state="running", worker=worker, attempts=AnalysisJob.attempts + 1, started=now, heartbeat=now,
                lease_expires=now + lease, finished=None)
        .returning(AnalysisJob.id)).scalars().all()
    session.commit()
    if not ids:
        return []
    return list(session.exec(select(AnalysisJob).where(col(AnalysisJob.id).in_(ids)).order_by(AnalysisJob.id)).all())


def _held(ids: Sequence[int], worker: str):  # type: ignore[no-untyped-def]
    """Jobs this worker still holds: one whose lease expired and was retaken is no longer ours."""
    return and_(col(AnalysisJob.id).in_(list(ids)), AnalysisJob.worker == worker, AnalysisJob.state == "running")


def heartbeat(*, session: Session, ids: Sequence[int], worker: str, lease: timedelta = LEASE,
              now: datetime | None = None) -> int:
    """Push the lease of the jobs this worker still holds; returns how many it holds."""
    now = now or utcnow()
    count = _run(session, update(AnalysisJob).where(_held(ids, worker))
                            .values(heartbeat=now, lease_expires=now + lease)).rowcount
    session.commit()
    return count


def finish(*, session: Session, ids: Sequence[int], worker: str, now: datetime | None = None) -> int:
    """Mark done the jobs this worker still holds; returns how many."""
    count = _run(session, update(AnalysisJob).where(_held(ids, worker)).values(
        state="done", finished=now or utcnow(), lease_expires=None, error=None)).rowcount
    session.commit()
    return count


def fail(*, session: Session, job_id: int, worker: str, error: str, now: datetime | None = None) -> None:
    """Record a failure: the job is queued again, or fails for good after MAX_ATTEMPTS claims."""
    out_of_attempts = AnalysisJob.attempts >= MAX_ATTEMPTS
    _run(session, update(AnalysisJob).where(_held([job_id], worker)).values(
        state=case((out_of_attempts, "failed"), else_="queued"),
        finished=case((out_of_attempts, now or utcnow()), else_=None),
        lease_expires=None, error=error[:MAX_ERROR]))
    session.commit()


def release(*, session: Session, ids: Sequence[int], worker: str) -> None:
    """Give jobs back untouched (a worker told to stop): queued again, the attempt not counted."""
    _run(session, update(AnalysisJob).where(_held(ids, worker)).values(
        state="queued", attempts=AnalysisJob.attempts - 1, lease_expires=None))
    session.commit()


def _run(session: Session, statement):  # type: ignore[no-untyped-def]
    """An UPDATE as written: the session's loaded objects are refreshed by the commit that follows."""
    return session.execute(statement, execution_options={"synchronize_session": False})


def claimable(*, session: Session, now: datetime | None = None) -> int:
    """Jobs a worker could take now (queued, or running with an expired lease): a read, no lock."""
    expired = and_(AnalysisJob.state == "running", col(AnalysisJob.lease_expires) < (now or utcnow()))
    return session.exec(select(func.count()).where(or_(AnalysisJob.state == "queued", expired))).one()


def job_status(*, session: Session, failed_limit: int = 50) -> JobStatus:
    """Counts by state, the progress of the current run, the running jobs and the latest failures."""
    counts = dict.fromkeys(STATES, 0)
    counts.update(session.exec(select(AnalysisJob.state, func.count()).group_by(AnalysisJob.state)).all())
    progress = None
    if counts["queued"] or counts["running"]:
        since = session.exec(select(func.min(AnalysisJob.created)).where(col(AnalysisJob.state).in_(OPEN))).one()
        per_state = dict(session.exec(select(AnalysisJob.state, func.count()).where(AnalysisJob.created >= since)
                                      .group_by(AnalysisJob.state)).all())
        total = sum(per_state.values())
        finished = per_state.get("done", 0) + per_state.get("failed", 0)
        progress = JobProgress(total=total, finished=finished, percent=finished * 100 // max(total, 1))
    running = _listed(session, select(AnalysisJob).where(AnalysisJob.state == "running").order_by(AnalysisJob.id).limit(100))
    failed = _listed(session, select(AnalysisJob).where(AnalysisJob.state == "failed")
                     .order_by(col(AnalysisJob.finished).desc(), col(AnalysisJob.id).desc()).limit(failed_limit))
    return JobStatus(counts=counts, progress=progress, running=running, failed=failed)


def _listed(session: Session, query) -> list[JobOut]:  # type: ignore[no-untyped-def]
    jobs = session.exec(query).all()
    now = utcnow().replace(tzinfo=None)
    articles = {a.id: a for a in session.exec(select(Article).where(col(Article.id).in_({j.article_id for j in jobs}))).all()}
    return [JobOut(id=j.id, article=getattr(articles.get(j.article_id), "slug", None),
                   title=getattr(articles.get(j.article_id), "title", None), state=j.state, attempts=j.attempts,
                   error=j.error, worker=j.worker, created=j.created, started=j.started, heartbeat=j.heartbeat,
                   lease_expires=j.lease_expires, finished=j.finished,
                   lease_expired=j.state == "running" and j.lease_expires is not None and j.lease_expires.replace(tzinfo=None) < now)
            for j in jobs]
