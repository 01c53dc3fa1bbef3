"""bench.replicate copies analysed articles with every row the analysis made, on either database,
so that pages can be timed at 100,000 articles without analysing them all."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, text
from sqlmodel import Session

from app.models import Article, Paragraph
from app.services import pipeline
from app.services.articles import get_article
from app.services.ingest import ingest_paths
from bench.replicate import COPIED, replicate
from tests.fake_models import FAKE_MODELS

SEEDS_ARTICLES = 5


def _counts(session: Session) -> dict[str, int]:
    counts = {name: session.exec(text(f'SELECT count(*) FROM "{name}"')).one()[0] for name in COPIED}
    counts["paragraph_fts"] = session.exec(text("SELECT count(*) FROM paragraph_fts")).one()[0]
    return counts


def test_copies_carry_every_row_and_stay_searchable(seeded: Session, tmp_path: Path) -> None:
    pipeline.analyse_listed(session=seeded, articles=None, nlp_factory=FAKE_MODELS.nlp_factory,
                            parser_factory=FAKE_MODELS.parser_factory)
    before = _counts(seeded)
    assert before["article"] == SEEDS_ARTICLES and before["mention"] and before["claim"] and before["story"]
    original = seeded.exec(select(Article).order_by(Article.id)).first()[0]
    seeded.commit()

    assert replicate(seeded.get_bind(), 2) == 3 * SEEDS_ARTICLES
    assert _counts(seeded) == {name: 3 * n for name, n in before.items()}
    copies = seeded.exec(select(Article.slug).where(Article.slug.startswith(f"{original.slug}~")).order_by(Article.id)).all()
    assert len(copies) == 2
    copy = get_article(session=seeded, slug=copies[1][0])
    first = get_article(session=seeded, slug=original.slug)
    assert copy.id != first.id and copy.title == first.title
    assert [p.text for p in copy.paragraphs] == [p.text for p in first.paragraphs]
    assert len(copy.mentions) == len(first.mentions) and len(copy.claims) == len(first.claims)
    hits = seeded.exec(text("SELECT count(*) FROM paragraph_fts WHERE rowid IN (SELECT id FROM paragraph WHERE text = :t)")
                       .bindparams(t=first.paragraphs[1].text)).one()[0]
    assert hits == 3  # the paragraph and its two copies are in the search index

    # ids go on after the copies: a new article is stored (PostgreSQL's sequences were moved)
    new = tmp_path / "after_copies.txt"
    body = "It arrives after the copies were made, and it must be stored with ids none of them took. " * 2
    new.write_text(f"A new article\n\n{body}\n\n{body}\n", encoding="utf-8")
    outcome = ingest_paths(session=seeded, paths=[new], max_bytes=100_000).outcomes[0]
    assert outcome.status == "added", outcome.reason
    assert seeded.exec(select(func.count()).select_from(Paragraph)).one()[0] > 3 * before["paragraph"]
