"""The analysis that follows an ingest: actors, then claims and contradiction suggestions, for
articles that are new or changed. The command line runs it with progress bars; workers run it on
the articles of the jobs they claim, and `pending` tells the pages which articles are still waiting."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlmodel import Session, col, select

from app.models import AnalysisState, Article
from app.services.actor_analysis import analyse_articles
from app.services.claim_analysis import analyse_claims

Progress = Callable[[list[Article]], Iterable[Article]]
Factory = Callable[[], Any]


def default_models() -> tuple[Factory, Factory]:
    """The French entity model and dependency parser, as factories: each loads once per process,
    and only when an article needs it."""
    from app.analysis.actors import load_french_model
    from app.analysis.speakers import load_french_parser

    return load_french_model, load_french_parser


def analyse_changed(*, session: Session, everything: bool = False, nlp_factory: Factory | None = None,
                    parser_factory: Factory | None = None, actor_progress: Progress = lambda a: a,
                    claim_progress: Progress = lambda a: a) -> int:
    """Analyse the changed articles (or all); returns how many. The models load only if needed."""
    articles = session.exec(select(Article)).all() if everything else None
    return analyse_listed(session=session, articles=articles, nlp_factory=nlp_factory, parser_factory=parser_factory,
                          actor_progress=actor_progress, claim_progress=claim_progress)


def analyse_listed(*, session: Session, articles: Sequence[Article] | None, nlp_factory: Factory | None = None,
                   parser_factory: Factory | None = None, actor_progress: Progress = lambda a: a,
                   claim_progress: Progress = lambda a: a) -> int:
    """Actors, then claims, of these articles (None: those whose text or registry changed)."""
    if nlp_factory is None or parser_factory is None:
        nlp_default, parser_default = default_models()
        nlp_factory, parser_factory = nlp_factory or nlp_default, parser_factory or parser_default
    done = analyse_articles(session=session, nlp_factory=nlp_factory, articles=articles, progress=actor_progress)
    if done:
        analyse_claims(session=session, articles=done, parser_factory=parser_factory, progress=claim_progress)
    return len(done)


def pending(*, session: Session) -> list[str]:
    """Slugs of articles whose current text has not been analysed yet."""
    rows = session.exec(select(Article.slug, Article.content_hash, AnalysisState.content_hash)
                        .join(AnalysisState, col(AnalysisState.article_id) == Article.id, isouter=True)).all()
    return [slug for slug, current, analysed in rows if current != analysed]
