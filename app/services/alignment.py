"""Paragraph alignment of two articles (versions of one text), from their stored paragraphs and actors."""

from __future__ import annotations

import functools

from sqlmodel import Session, select

from app.analysis.align import ArticleText, align_paragraphs, article_text, version_score
from app.analysis.figures import FigureVocabulary, load_figure_vocabulary
from app.config import PROJECT_ROOT
from app.models import Article, Paragraph
from app.schemas import AlignedPair, AlignmentOut
from app.services.errors import InvalidInput, NotFound
from app.services.mentions import stored_mentions

FIGURES = PROJECT_ROOT / "seeds" / "figures.toml"


def align_articles(*, session: Session, a: str, b: str) -> AlignmentOut:
    if a == b:
        raise InvalidInput("Align two different articles: a and b name the same one.")
    left, right = _text(session, a), _text(session, b)
    pairs = [AlignedPair(a=i, b=j, score=round(s, 3)) for i, j, s in align_paragraphs(left, right)]
    return AlignmentOut(a=a, b=b, version_score=round(version_score(left, right), 3), pairs=pairs)


def _text(session: Session, slug: str) -> ArticleText:
    article = session.exec(select(Article).where(Article.slug == slug)).first()
    if article is None:
        raise NotFound(f"No article {slug!r}.")
    rows = session.exec(select(Paragraph).where(Paragraph.article_id == article.id).order_by(Paragraph.index)).all()
    mentions = stored_mentions(session=session, article_id=article.id)
    # Furniture is blanked, so it aligns with nothing and shows as a gap.
    texts = ["" if p.furniture else p.text for p in rows]
    return article_text(slug, texts, language=article.language, mentions=mentions, vocab=_vocabulary(FIGURES.stat().st_mtime))


@functools.lru_cache(maxsize=1)
def _vocabulary(mtime: float) -> FigureVocabulary:
    """Parsed and compiled once per version of the file, not on every aligned page."""
    return load_figure_vocabulary(FIGURES)


def aligned_rows(*, session: Session, slugs: list[str]) -> list[list[int | None]]:
    """Rows of paragraph indexes, one cell per article: every article aligned to the first;
    a paragraph with no counterpart gets a row of its own, with gaps beside it."""
    first = _text(session, slugs[0])
    matched: list[dict[int, int]] = []
    after: list[dict[int, list[int]]] = []  # unmatched paragraphs, after which first-article paragraph
    for slug in slugs[1:]:
        pairs = align_paragraphs(first, _text(session, slug))
        found: dict[int, int] = {}
        extra: dict[int, list[int]] = {}
        last = -1
        for i, j, _ in pairs:
            if i is not None:
                last = i
            if i is not None and j is not None:
                found[i] = j
            elif j is not None:
                extra.setdefault(last, []).append(j)
        matched.append(found)
        after.append(extra)
    width = len(slugs)
    rows: list[list[int | None]] = []
    for i in range(-1, len(first.paragraphs)):
        if i >= 0:
            rows.append([i, *(m.get(i) for m in matched)])
        for k, extra in enumerate(after, start=1):
            for j in extra.get(i, []):
                row: list[int | None] = [None] * width
                row[k] = j
                rows.append(row)
    return rows
