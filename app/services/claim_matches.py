"""Matching claims as articles are analysed: each article's statements and figures against those
of its story's neighbours, stored as pairs (read back by app.services.claim_groups)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import delete, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.analysis.analysed_article import AnalysedArticle
from app.analysis.claim_matching import ClaimView, Match, Side, match_sides, word_weights
from app.db import insert_on_conflict
from app.models import Article, Claim, ClaimMatch
from app.services.story_assignment import story_neighbours


def store_matches(*, session: Session, articles: Sequence[Article], form: Callable[[Article], AnalysedArticle],
                  neighbours: int, concepts: frozenset[str] = frozenset()) -> int:
    """Match each article's claims with those of the other articles of its story (its closest
    `neighbours` in a large one) and store the pairs; the article's earlier pairs go first.
    Returns how many pairs were stored."""
    stored = 0
    for article in articles:
        others = story_neighbours(session=session, article_id=article.id, limit=neighbours)
        mine = select(Claim.id).where(Claim.article_id == article.id)
        session.exec(delete(ClaimMatch).where(or_(col(ClaimMatch.claim_id).in_(mine),  # type: ignore[call-overload]
                                                  col(ClaimMatch.other_id).in_(mine))))
        if not others:
            continue
        sides = _sides(session, [article, *others], form)
        weights = word_weights((c.text, s.language) for s in sides.values() for c in s.claims if c.kind == "statement")
        found: list[Match] = []
        for other in others:
            found += match_sides(sides[article.id], sides[other.id], weights, concepts)  # type: ignore[index]
        rows = [{"claim_id": min(m.a, m.b), "other_id": max(m.a, m.b), "how": m.how, "score": m.score} for m in found]
        if rows:
            try:
                with session.begin_nested():
                    session.execute(insert_on_conflict(session, ClaimMatch).values(rows)
                                    .on_conflict_do_nothing(index_elements=["claim_id", "other_id"]))
            except IntegrityError:  # a neighbour re-analysed meanwhile by another worker: its own run matches it
                continue
        stored += len(rows)
    session.commit()
    return stored


def _sides(session: Session, articles: Sequence[Article], form: Callable[[Article], AnalysedArticle]) -> dict[int, Side]:
    claims = session.exec(select(Claim).where(col(Claim.article_id).in_([a.id for a in articles]))
                          .order_by(Claim.article_id, Claim.paragraph, Claim.start)).all()
    by_article: dict[int, list[ClaimView]] = {a.id: [] for a in articles}  # type: ignore[misc]
    for c in claims:
        by_article[c.article_id].append(ClaimView(
            id=c.id, kind=c.kind, paragraph=c.paragraph, text=c.text, speaker=c.speaker, metric=c.metric, qualifier=c.qualifier,  # type: ignore[arg-type]
            value=c.value, value_high=c.value_high, unit=c.unit, population=c.population, period=c.period,
            approximate=bool(c.approximate)))
    out = {}
    for a in articles:
        found = form(a)
        out[a.id] = Side(a.slug, a.language, tuple(by_article[a.id]), found.text,  # type: ignore[index]
                         frozenset(m.actor for m in found.mentions))
    return out
