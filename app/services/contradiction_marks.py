"""Where an article takes part in contradictions: the disputed words, paragraph by paragraph, for
the reader, the compare view and `/api/articles/{slug}` alike."""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from app.models import Article, Contradiction, ContradictionPassage, Paragraph
from app.schemas import ContradictionMark
from app.services.labels import labels_named_in, readable
from app.services.paragraph_ranges import range_params

MARKED_STATUSES = ("suggested", "confirmed")  # a dismissed suggestion is not a disagreement

# Built once and bound per request: composing a statement of joins costs more than running it.
_PASSAGES = (
    select(ContradictionPassage, Contradiction, Paragraph.text)
    .join(Contradiction, Contradiction.id == ContradictionPassage.contradiction_id)
    .join(Article, Article.id == ContradictionPassage.article_id)
    .join(Paragraph, (Paragraph.article_id == Article.id) & (Paragraph.index == ContradictionPassage.paragraph))
    .where(Article.slug == bindparam("slug"), Contradiction.current == True,  # noqa: E712
           col(Contradiction.status).in_(MARKED_STATUSES),
           ContradictionPassage.paragraph >= bindparam("start"), ContradictionPassage.paragraph < bindparam("stop"))
    .order_by(ContradictionPassage.paragraph, ContradictionPassage.start, Contradiction.id)
)


def article_contradictions(*, session: Session, slug: str, paragraphs: tuple[int, int] | None = None
                           ) -> list[ContradictionMark]:
    """Every passage of the article quoted by a current, undismissed contradiction, with its
    offsets checked against the paragraph as it is now (a passage whose words moved is found again;
    one whose words are gone is left out)."""
    rows = session.exec(_PASSAGES, params=range_params(slug, paragraphs)).all()
    # The articles every reason names, labelled in one query (not one per contradiction).
    labels = labels_named_in(session=session, texts=list({c.reason for _, c, _ in rows}))
    marks: list[ContradictionMark] = []
    reasons: dict[int, str] = {}
    seen: set[tuple[int, int, int, int]] = set()
    for passage, contradiction, text in rows:
        span = _locate(text, passage.text, passage.start, passage.end)
        key = (contradiction.id, passage.paragraph, *span) if span else None
        if span is None or key in seen:
            continue
        seen.add(key)
        if contradiction.id not in reasons:
            reasons[contradiction.id] = readable(contradiction.reason, labels)
        marks.append(ContradictionMark(id=contradiction.id, kind=contradiction.kind, status=contradiction.status,
                                       paragraph=passage.paragraph, start=span[0], end=span[1], reason=reasons[contradiction.id]))
    return marks


def _locate(text: str, quoted: str, start: int, end: int) -> tuple[int, int] | None:
    if 0 <= start < end <= len(text) and text[start:end] == quoted:
        return start, end
    found = text.find(quoted) if quoted else -1
    return (found, found + len(quoted)) if found >= 0 else None
