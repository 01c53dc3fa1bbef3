"""The analysis that follows an ingest: actors, then claims and contradiction suggestions, for
articles that are new or changed. The command line runs it with progress bars; an upload runs it
in the background, and `pending` tells the pages which articles are still waiting for it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlmodel import Session, col, select

from app.models import AnalysisState, Article
from app.services.actor_analysis import analyse_articles
from app.services.claim_analysis import analyse_claims

Progress = Callable[[list[Article]], Iterable[Article]]


def analyse_changed(*, session: Session, everything: bool = False, nlp_factory: Callable[[], Any] | None = None,
                    parser_factory: Callable[[], Any] | None = None, actor_progress: Progress = lambda a: a,
                    claim_progress: Progress = lambda a: a) -> int:
    """Analyse the changed articles (or all); returns how many. The models load only if needed."""
    if nlp_factory is None or parser_factory is None:
        from app.analysis.actors import load_french_model
        from app.analysis.speakers import load_french_parser

        nlp_factory, parser_factory = nlp_factory or load_french_model, parser_factory or load_french_parser
    articles = session.exec(select(Article)).all() if everything else None
    done = analyse_articles(session=session, nlp_factory=nlp_factory, articles=articles, progress=actor_progress)
    if done:
        analyse_claims(session=session, articles=done, parser_factory=parser_factory, progress=claim_progress)
    return len(done)


def pending(*, session: Session) -> list[str]:
    """Slugs of articles whose current text has not been analysed yet."""
    rows = session.exec(select(Article.slug, Article.content_hash, AnalysisState.content_hash)
                        .join(AnalysisState, col(AnalysisState.article_id) == Article.id, isouter=True)).all()
    return [slug for slug, current, analysed in rows if current != analysed]
