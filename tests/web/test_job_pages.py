"""The analysis queue on the ingest page and as JSON (one service, two shapes), `readingroom worker`,
and the web process's inline analysis thread, all with stand-in models (no spaCy)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from app.cli import main
from app.models import AnalysisJob, Article, utcnow
from app.services import jobs, pipeline
from app.services.worker import InlineAnalysis
from tests.databases import ONLY_SQLITE
from tests.fake_models import FAKE_MODELS


@pytest.fixture
def queue(seeded_client):
    """Seeds queued; one job failed for good (an error with markup in it), one done, one running."""
    seeded_client.app.state.inline_analysis.stop()  # the test drives the queue itself
    with Session(seeded_client.app.state.engine) as session:
        slugs = list(session.exec(select(Article.slug).order_by(Article.id)).all())
        jobs.enqueue(session=session, slugs=slugs)
        for _ in range(jobs.MAX_ATTEMPTS):
            [job] = jobs.claim(session=session, worker="w1", limit=1)
            jobs.fail(session=session, job_id=job.id, worker="w1", error="ValueError: <script>alert(1)</script>")
        done, _running = jobs.claim(session=session, worker="w2", limit=2)
        jobs.finish(session=session, ids=[done.id], worker="w2")
    return seeded_client, slugs


def test_ingest_page_and_its_json_twin_show_the_queue(queue):
    client, slugs = queue
    data = client.get("/api/jobs").json()
    assert data["counts"] == {"queued": 2, "running": 1, "done": 1, "failed": 1}
    assert data["progress"] == {"total": 5, "finished": 2, "percent": 40}
    assert [j["article"] for j in data["failed"]] == [slugs[0]] and data["failed"][0]["attempts"] == jobs.MAX_ATTEMPTS
    assert [(j["article"], j["worker"]) for j in data["running"]] == [(slugs[2], "w2")]
    page = client.get("/ingest")
    assert page.status_code == 200
    for text in ("2 queued", "1 running", "1 done", "1 failed", "2 of 5 jobs of this run finished (40 %)",
                 'value="2"', "w2", f"/articles/{slugs[0]}", f"/articles/{slugs[2]}"):
        assert text in page.text
    assert "ValueError: &lt;script&gt;alert(1)&lt;/script&gt;" in page.text and "<script>alert" not in page.text
    assert "expired" not in page.text and data["running"][0]["lease_expired"] is False


def test_a_running_job_whose_lease_expired_is_said_so(queue):
    client, _slugs = queue
    with Session(client.app.state.engine) as session:
        [job] = session.exec(select(AnalysisJob).where(AnalysisJob.state == "running")).all()
        job.lease_expires = utcnow() - timedelta(minutes=1)  # its worker was killed a while ago
        session.add(job)
        session.commit()
    assert client.get("/api/jobs").json()["running"][0]["lease_expired"] is True
    assert "(expired: its worker stopped; the next worker takes it again)" in client.get("/ingest").text


def test_an_empty_queue_says_nothing_is_waiting(client):
    assert client.get("/api/jobs").json() == {"counts": {"queued": 0, "running": 0, "done": 0, "failed": 0},
                                               "progress": None, "running": [], "failed": []}
    assert "Nothing is waiting for analysis." in client.get("/ingest").text


def test_the_queue_needs_a_login(anonymous):
    assert anonymous.get("/api/jobs").status_code == 401


def test_ingest_queues_and_worker_drain_empties_the_queue(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READINGROOM_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setattr(pipeline, "default_models", lambda: (FAKE_MODELS.nlp_factory, FAKE_MODELS.parser_factory))
    assert main(["ingest", "--no-analysis", "seeds"]) == 0
    assert "5 analysis job(s) queued" in capsys.readouterr().out
    assert main(["worker", "--drain", "--batch", "2"]) == 0
    assert capsys.readouterr().out.strip() == "analysis jobs: 5 done, 0 failed attempt(s)"
    assert main(["worker", "--once"]) == 0  # nothing left: exits at once
    assert capsys.readouterr().out.strip() == "analysis jobs: 0 done, 0 failed attempt(s)"


def test_ingest_analyses_in_process_by_default(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READINGROOM_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setattr(pipeline, "default_models", lambda: (FAKE_MODELS.nlp_factory, FAKE_MODELS.parser_factory))
    assert main(["ingest", "seeds"]) == 0
    assert "actors, claims and contradictions: 5 article(s) analysed" in capsys.readouterr().out
    assert main(["ingest", "seeds"]) == 0  # unchanged: nothing queued
    assert "analysed" not in capsys.readouterr().out


@pytest.mark.parametrize("option", [["--batch", "0"], ["--lease", "five"], ["--poll", "0"]])
def test_worker_options_are_checked(option, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["worker", *option])
    assert exit.value.code == 2 and "worker: error: argument" in capsys.readouterr().err


def test_inline_analysis_drains_what_is_queued(seeded):
    slugs = list(seeded.exec(select(Article.slug)).all())
    jobs.enqueue(session=seeded, slugs=slugs)
    inline = InlineAnalysis(seeded.get_bind(), poll=0.1, models=FAKE_MODELS)
    inline.wake()
    deadline = time.monotonic() + 60
    while jobs.job_status(session=seeded).counts["done"] < len(slugs) and time.monotonic() < deadline:
        time.sleep(0.1)
    inline.stop()
    assert jobs.job_status(session=seeded).counts == {"queued": 0, "running": 0, "done": 5, "failed": 0}



def _wait_until_done(session: Session, n: int) -> None:
    deadline = time.monotonic() + 60
    while jobs.job_status(session=session).counts["done"] < n and time.monotonic() < deadline:
        time.sleep(0.1)


@ONLY_SQLITE
def test_one_web_process_of_a_sqlite_database_analyses_at_a_time(seeded):
    """`serve --workers 2` on SQLite: each process's inline thread looks at the queue, but one
    analyses (each would load the models and write); when it stops the other takes over."""
    slugs = list(seeded.exec(select(Article.slug)).all())
    first = InlineAnalysis(seeded.get_bind(), poll=60, models=FAKE_MODELS)  # looks again only when woken
    second = InlineAnalysis(seeded.get_bind(), poll=0.1, models=FAKE_MODELS)
    jobs.enqueue(session=seeded, slugs=slugs[:2])
    first.wake()
    _wait_until_done(seeded, 2)
    jobs.enqueue(session=seeded, slugs=slugs[2:])
    second.wake()
    time.sleep(1)  # ten looks of the second's, while the first holds the turn
    assert jobs.job_status(session=seeded).counts["queued"] == 3
    first.stop()
    _wait_until_done(seeded, 5)
    second.stop()
    assert jobs.job_status(session=seeded).counts == {"queued": 0, "running": 0, "done": 5, "failed": 0}
