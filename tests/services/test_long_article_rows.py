"""A long article's claims and mentions are written a slice at a time: the memory their writing
takes does not grow with their number (a 4.9 MB article has tens of thousands of each). Its
analysed form does not stay in the process after it."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from types import SimpleNamespace

from sqlmodel import Session, func, select

from app.analysis.actors.mention import Mention as FoundMention
from app.analysis.attribution import Source, Statement
from app.models import Article, Claim, Mention, Paragraph
from app.services import actor_analysis, claim_analysis
from app.services.row_slices import SLICE


def _article(session: Session) -> Article:
    article = Article(slug="long", source_file="long.txt", title="Grève", language="fr", content_hash="x")
    session.add(article)
    session.commit()
    return article


def _statement(i: int) -> Statement:
    speaker = Source("le porte-parole", 40, 55, "speaker", False)
    return Statement(i, 0, 80, "le porte-parole", 40, 55, "a déclaré", 28, 37, 0, 26,
                     f"« Nous ne céderons pas » {i}", (speaker,), "direct")


def _mention(i: int) -> FoundMention:
    return FoundMention(i, 0, 9, "Syndicat", "Syndicat des cheminots", "organisation", "model", True)


def _peak(write: Callable[[], None], session: Session) -> int:
    """Bytes allocated at the peak of the write and its commit (the rows to write already exist)."""
    gc.collect()
    tracemalloc.start()
    try:
        write()
        session.commit()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_claims_are_written_a_slice_at_a_time(session):
    article = _article(session)

    def store(n: int) -> Callable[[], None]:
        found = SimpleNamespace(figures=(), statements=tuple(_statement(i) for i in range(n)))
        return lambda: claim_analysis._store_claims(session, article, found)  # type: ignore[arg-type]

    _peak(store(10), session)
    few = _peak(store(SLICE), session)
    many = _peak(store(20 * SLICE), session)
    assert session.exec(select(func.count()).where(Claim.article_id == article.id)).one() == 20 * SLICE  # replaced, not added
    assert many < 2 * few  # it was 20 times as much: every row stayed in the session until the commit


def test_mentions_are_written_a_slice_at_a_time(session):
    article = _article(session)
    resolver = actor_analysis._Resolver(session)

    def store(n: int) -> Callable[[], None]:
        found = [_mention(i) for i in range(n)]
        return lambda: actor_analysis._store_mentions(session, article, found, resolver)

    _peak(store(10), session)  # makes the actor
    few = _peak(store(SLICE), session)
    many = _peak(store(20 * SLICE), session)
    assert session.exec(select(func.count()).where(Mention.article_id == article.id)).one() == 20 * SLICE
    assert many < 2 * few


def test_a_long_articles_analysed_form_is_not_kept_for_the_process_life(session, monkeypatch):
    """The process keeps analysed forms for the next articles of their stories, up to a number
    of paragraphs: after a long article, the next one's analysis lets it go."""
    monkeypatch.setattr(claim_analysis, "_ANALYSED", type(claim_analysis._ANALYSED)())
    monkeypatch.setattr(claim_analysis, "PARAGRAPHS_KEPT", 100)
    vocab = claim_analysis._vocabulary()
    for slug, paragraphs in (("long", 90), ("short", 20)):
        article = Article(slug=slug, source_file=f"{slug}.txt", title=slug, language="fr", content_hash=slug)
        session.add(article)
        session.flush()
        session.add_all([Paragraph(article_id=article.id, index=i, text=f"Le porte-parole {i} a parlé.")
                         for i in range(paragraphs)])
        session.commit()
        claim_analysis._analyse(session, article, vocab)
    assert [form.id for form in claim_analysis._ANALYSED.values()] == ["short"]
