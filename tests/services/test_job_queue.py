"""The analysis job queue: enqueue, claim in batches, leases that expire, retries and failures,
and the worker loop that drains it (with stand-in models: no spaCy)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from app.models import AnalysisJob, Article, Claim, utcnow
from app.services import jobs, worker
from tests.fake_models import FAKE_MODELS


@pytest.fixture
def slugs(seeded: Session) -> list[str]:
    return list(seeded.exec(select(Article.slug).order_by(Article.id)).all())


def test_enqueue_once_per_waiting_article(seeded, slugs):
    assert jobs.enqueue(session=seeded, slugs=slugs) == 5
    assert jobs.enqueue(session=seeded, slugs=[slugs[0], "no-such-article"]) == 0  # already queued; unknown ignored
    jobs.claim(session=seeded, worker="w1", limit=1)  # the first article's job, now running
    assert jobs.enqueue(session=seeded, slugs=[slugs[0]]) == 1  # its text may have changed since the worker read it
    assert jobs.job_status(session=seeded).counts == {"queued": 5, "running": 1, "done": 0, "failed": 0}


def test_claim_takes_a_batch_in_order_and_never_the_same_job_twice(seeded, slugs):
    jobs.enqueue(session=seeded, slugs=slugs)
    first = jobs.claim(session=seeded, worker="w1", limit=3)
    second = jobs.claim(session=seeded, worker="w2", limit=3)
    assert [j.id for j in first] == [1, 2, 3] and [j.id for j in second] == [4, 5]
    assert {j.worker for j in first} == {"w1"} and all(j.state == "running" and j.attempts == 1 for j in first + second)
    assert all(j.lease_expires is not None and j.lease_expires > j.started for j in first)
    assert jobs.claim(session=seeded, worker="w3", limit=3) == []


def test_a_killed_workers_job_is_taken_again_after_its_lease(seeded, slugs):
    jobs.enqueue(session=seeded, slugs=slugs[:1])
    now = utcnow()
    [job] = jobs.claim(session=seeded, worker="killed", limit=5, lease=timedelta(minutes=5), now=now)
    assert jobs.claim(session=seeded, worker="other", limit=5, now=now + timedelta(minutes=4)) == []  # lease still held
    [again] = jobs.claim(session=seeded, worker="other", limit=5, now=now + timedelta(minutes=6))
    assert (again.id, again.worker, again.attempts) == (job.id, "other", 2)
    # the killed worker wakes up: it no longer holds the job, so it can neither finish nor fail it
    assert jobs.finish(session=seeded, ids=[job.id], worker="killed") == 0
    jobs.fail(session=seeded, job_id=job.id, worker="killed", error="late")
    assert jobs.finish(session=seeded, ids=[job.id], worker="other") == 1
    row = seeded.get(AnalysisJob, job.id)
    seeded.refresh(row)
    assert (row.state, row.error, row.finished is not None) == ("done", None, True)


def test_heartbeat_keeps_the_lease(seeded, slugs):
    jobs.enqueue(session=seeded, slugs=slugs[:1])
    now = utcnow()
    [job] = jobs.claim(session=seeded, worker="alive", limit=1, lease=timedelta(minutes=5), now=now)
    assert jobs.heartbeat(session=seeded, ids=[job.id], worker="alive", lease=timedelta(minutes=5), now=now + timedelta(minutes=4)) == 1
    assert jobs.claim(session=seeded, worker="other", limit=1, now=now + timedelta(minutes=8)) == []
    assert jobs.claim(session=seeded, worker="other", limit=1, now=now + timedelta(minutes=10)) != []


def test_a_failure_is_retried_then_fails_for_good_with_its_error(seeded, slugs):
    jobs.enqueue(session=seeded, slugs=slugs[:1])
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        [job] = jobs.claim(session=seeded, worker="w", limit=1)
        assert job.attempts == attempt
        jobs.fail(session=seeded, job_id=job.id, worker="w", error=f"ValueError: boom {attempt}")
    assert jobs.claim(session=seeded, worker="w", limit=1) == []
    status = jobs.job_status(session=seeded)
    assert status.counts["failed"] == 1 and status.progress is None
    [failed] = status.failed
    assert (failed.article, failed.attempts, failed.error) == (slugs[0], jobs.MAX_ATTEMPTS, "ValueError: boom 3")


def test_a_job_whose_worker_dies_every_time_fails_instead_of_looping(seeded, slugs):
    jobs.enqueue(session=seeded, slugs=slugs[:1])
    now = utcnow()
    for attempt in range(jobs.MAX_ATTEMPTS):
        now += timedelta(hours=1)
        assert len(jobs.claim(session=seeded, worker=f"w{attempt}", limit=1, now=now)) == 1
    assert jobs.claim(session=seeded, worker="last", limit=1, now=now + timedelta(hours=1)) == []
    [failed] = jobs.job_status(session=seeded).failed
    assert "lease expired" in failed.error


def test_release_gives_the_batch_back_uncounted(seeded, slugs):
    jobs.enqueue(session=seeded, slugs=slugs[:2])
    claimed = jobs.claim(session=seeded, worker="w", limit=2)
    jobs.release(session=seeded, ids=[j.id for j in claimed], worker="w")
    again = jobs.claim(session=seeded, worker="w2", limit=2)
    assert [j.attempts for j in again] == [1, 1]


def test_progress_counts_the_current_run(seeded, slugs):
    jobs.enqueue(session=seeded, slugs=slugs)
    claimed = jobs.claim(session=seeded, worker="w", limit=2)
    jobs.finish(session=seeded, ids=[claimed[0].id], worker="w")
    status = jobs.job_status(session=seeded)
    assert status.counts == {"queued": 3, "running": 1, "done": 1, "failed": 0}
    assert (status.progress.total, status.progress.finished, status.progress.percent) == (5, 1, 20)
    assert [r.worker for r in status.running] == ["w"]


def test_worker_drains_the_queue_in_batches_and_analyses(seeded, slugs, settings):
    jobs.enqueue(session=seeded, slugs=slugs)
    batches: list[int] = []
    summary = worker.run(engine=seeded.get_bind(), drain=True, batch=2, models=FAKE_MODELS, on_batch=batches.append)
    assert (summary.done, summary.errors, batches) == (5, 0, [2, 2, 1])
    assert jobs.job_status(session=seeded).counts == {"queued": 0, "running": 0, "done": 5, "failed": 0}
    assert seeded.exec(select(Claim)).first() is not None  # figures and statements were found


def test_one_bad_article_fails_alone_and_the_rest_of_its_batch_is_done(seeded, slugs, monkeypatch):
    from app.services import pipeline

    real = pipeline.analyse_listed

    def broken(*, session, articles, **kw):  # type: ignore[no-untyped-def]
        if any(a.slug == slugs[1] for a in articles):
            raise RuntimeError("this article breaks the analyser")
        return real(session=session, articles=articles, **kw)

    monkeypatch.setattr(pipeline, "analyse_listed", broken)
    jobs.enqueue(session=seeded, slugs=slugs)
    summary = worker.run(engine=seeded.get_bind(), drain=True, batch=5, models=FAKE_MODELS)
    assert (summary.done, summary.errors) == (4, jobs.MAX_ATTEMPTS)
    status = jobs.job_status(session=seeded)
    assert status.counts == {"queued": 0, "running": 0, "done": 4, "failed": 1}
    assert status.failed[0].article == slugs[1] and "RuntimeError: this article breaks" in status.failed[0].error


def test_a_job_already_analysed_by_readingroom_analyse_is_done_without_work(seeded, slugs, monkeypatch):
    from app.services import pipeline

    jobs.enqueue(session=seeded, slugs=slugs[:1])
    pipeline.analyse_listed(session=seeded, articles=None, nlp_factory=FAKE_MODELS.nlp_factory,
                            parser_factory=FAKE_MODELS.parser_factory)
    monkeypatch.setattr(pipeline, "analyse_listed", lambda **kw: pytest.fail("analysed twice"))
    assert worker.run(engine=seeded.get_bind(), drain=True, models=FAKE_MODELS).done == 1


def test_concurrent_workers_never_take_the_same_job(seeded, slugs):
    """Four threads claiming at once, each with its own connection, until the queue is empty."""
    import threading

    article_ids = list(seeded.exec(select(Article.id)).all())
    seeded.add_all([AnalysisJob(article_id=article_ids[i % len(article_ids)]) for i in range(120)])
    seeded.commit()
    taken: dict[str, list[int]] = {}

    def work(name: str) -> None:
        with Session(seeded.get_bind()) as session:
            while claimed := jobs.claim(session=session, worker=name, limit=3):
                taken.setdefault(name, []).extend(j.id for j in claimed)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for ids in taken.values() for i in ids]
    assert sorted(every) == sorted(set(every)) and len(every) == 120


def test_a_job_locked_by_another_claim_is_skipped_not_waited_for(seeded, slugs):
    if seeded.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite has no row locks (its writers take turns), so SKIP LOCKED has nothing to skip there")
    from sqlalchemy import text

    jobs.enqueue(session=seeded, slugs=slugs)
    with seeded.get_bind().connect() as other:  # another worker, in the middle of claiming job 1
        other.execute(text("SET lock_timeout = '2s'"))
        other.execute(select(AnalysisJob.id).where(AnalysisJob.id == 1).with_for_update())
        with Session(seeded.get_bind()) as session:
            session.execute(text("SET lock_timeout = '2s'"))  # a wait would fail the test, not hang it
            assert [j.id for j in jobs.claim(session=session, worker="w2", limit=5)] == [2, 3, 4, 5]
        other.rollback()


def test_the_heartbeat_keeps_a_long_batch_from_being_taken(seeded, slugs, monkeypatch):
    """A batch that outlives its lease keeps its jobs while its worker is alive."""
    import threading
    import time

    from app.services import pipeline

    started = threading.Event()

    def slow(**kw):  # type: ignore[no-untyped-def]
        started.set()
        time.sleep(5)
        return 0

    monkeypatch.setattr(pipeline, "analyse_listed", slow)
    jobs.enqueue(session=seeded, slugs=slugs[:1])
    runner = threading.Thread(target=worker.run, kwargs={"engine": seeded.get_bind(), "worker": "alive", "drain": True,
                                                         "lease": timedelta(seconds=3), "models": FAKE_MODELS})
    runner.start()
    assert started.wait(10)
    time.sleep(4)  # past the first lease: only the heartbeats keep it
    with Session(seeded.get_bind()) as other:
        assert jobs.claim(session=other, worker="other", limit=1) == []
    runner.join()
    assert jobs.job_status(session=seeded).counts["done"] == 1


def test_a_collision_with_another_worker_retries_the_batch_once(seeded, slugs, monkeypatch):
    """Two workers making the same new actor: the loser tries its batch again, not article by article."""
    from sqlalchemy.exc import IntegrityError

    from app.services import pipeline

    real, calls = pipeline.analyse_listed, []

    def colliding(**kw):  # type: ignore[no-untyped-def]
        calls.append(len(kw["articles"]))
        if len(calls) == 1:
            raise IntegrityError("INSERT INTO actor", {}, Exception("duplicate key value violates ix_actor_slug"))
        return real(**kw)

    monkeypatch.setattr(pipeline, "analyse_listed", colliding)
    jobs.enqueue(session=seeded, slugs=slugs)
    summary = worker.run(engine=seeded.get_bind(), drain=True, batch=5, models=FAKE_MODELS)
    assert (summary.done, summary.errors, calls) == (5, 0, [5, 5])


def test_an_actor_another_worker_made_meanwhile_is_reused_not_made_twice(seeded):
    from types import SimpleNamespace

    from app.models import Actor
    from app.services.actor_analysis import _Resolver

    resolver = _Resolver(seeded)  # built before the other worker commits
    with Session(seeded.get_bind()) as other:
        other.add(Actor(slug="zorblat-quux", name="Zorblat Quux", kind="person"))
        other.commit()
    found = SimpleNamespace(actor="Zorblat Quux", kind="person", method="candidate", confirmed=False, text="Zorblat Quux")
    assert resolver.actor_for(found, "en").slug == "zorblat-quux"
    assert len(seeded.exec(select(Actor).where(Actor.name == "Zorblat Quux")).all()) == 1


def test_two_workers_making_the_same_actor_at_once_end_with_one(seeded):
    """The other worker's insert is still uncommitted when ours runs: ours waits, loses, and uses theirs."""
    import threading
    import time
    from types import SimpleNamespace

    from app.models import Actor
    from app.services.actor_analysis import _Resolver

    resolver = _Resolver(seeded)
    other = Session(seeded.get_bind())
    other.add(Actor(slug="zorblat-quux", name="Zorblat Quux", kind="person"))
    other.flush()  # inserted, not committed: it holds the slug (PostgreSQL) or the write lock (SQLite)

    def commit_later() -> None:
        time.sleep(1)
        other.commit()

    committer = threading.Thread(target=commit_later)
    committer.start()
    found = SimpleNamespace(actor="Zorblat Quux", kind="person", method="candidate", confirmed=False, text="Zorblat Quux")
    actor = resolver.actor_for(found, "en")
    committer.join()
    other.close()
    seeded.commit()
    assert actor.slug == "zorblat-quux"
    assert len(seeded.exec(select(Actor).where(Actor.name == "Zorblat Quux")).all()) == 1
