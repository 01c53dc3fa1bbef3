"""Full-text search over paragraphs (furniture left out), with highlighted snippets."""

from __future__ import annotations

from markupsafe import Markup, escape
from sqlalchemy import text
from sqlmodel import Session, col, select

from app.analysis.normalize import index_keys, matches, query_terms, word_spans
from app.analysis.spans import split_by_spans
from app.models import Article, Paragraph
from app.schemas import Page, SearchHit

MAX_QUERY_CHARS = 500
SNIPPET_CHARS = 240


def fts_match(query: str) -> str | None:
    """The FTS5 MATCH expression for a query: each word (any of its variants) must occur.
    Words are quoted, so FTS operators typed by users are taken as plain words."""
    groups = ["(" + " OR ".join(f'"{v}"' for v in term) + ")" for term in query_terms(query[:MAX_QUERY_CHARS])]
    return " AND ".join(groups) or None


def index_paragraphs(session: Session, paragraphs: list[Paragraph]) -> None:
    for p in paragraphs:
        session.exec(text("DELETE FROM paragraph_fts WHERE rowid = :id").bindparams(id=p.id))
        if not p.furniture:
            session.exec(text("INSERT INTO paragraph_fts(rowid, keys) VALUES (:id, :keys)").bindparams(id=p.id, keys=index_keys(p.text)))


def unindex_paragraphs(session: Session, paragraph_ids: list[int]) -> None:
    for pid in paragraph_ids:
        session.exec(text("DELETE FROM paragraph_fts WHERE rowid = :id").bindparams(id=pid))


def search(*, session: Session, q: str, limit: int | None = 50, offset: int = 0) -> Page[SearchHit]:
    match = fts_match(q)
    if match is None:
        return Page(items=[], total=0, limit=limit, offset=offset)
    total = session.exec(text("SELECT count(*) FROM paragraph_fts WHERE paragraph_fts MATCH :m").bindparams(m=match)).one()[0]
    page_ids = [row[0] for row in session.exec(
        text("SELECT rowid FROM paragraph_fts WHERE paragraph_fts MATCH :m ORDER BY rank LIMIT :limit OFFSET :offset")
        .bindparams(m=match, limit=-1 if limit is None else limit, offset=offset)
    ).all()]
    rows = session.exec(select(Paragraph, Article).join(Article).where(col(Paragraph.id).in_(page_ids))).all()
    by_id = {p.id: (p, a) for p, a in rows}
    terms = query_terms(q[:MAX_QUERY_CHARS])
    items = [
        SearchHit(article=a.slug, title=a.title, paragraph=p.index, snippet=str(snippet(p.text, terms)), language=a.language, direction=a.direction)
        for p, a in (by_id[i] for i in page_ids if i in by_id)
    ]
    return Page(items=items, total=total, limit=limit, offset=offset)


def snippet(text_: str, terms: list[tuple[str, ...]], width: int = SNIPPET_CHARS) -> Markup:
    """The paragraph around its first match, HTML-escaped, matched words in <mark>."""
    hits = [(s, e, "m") for s, e in word_spans(text_) if any(matches(text_[s:e], t) for t in terms)]
    first = hits[0][0] if hits else 0
    start = max(0, first - width // 3)
    if start:
        start = text_.rfind(" ", 0, start) + 1
    end = min(len(text_), start + width)
    if end < len(text_):
        end = max(text_.rfind(" ", start, end), first + 1)
    pieces = [Markup("<mark>%s</mark>") % seg.text if seg.marks else escape(seg.text) for seg in split_by_spans(text_[start:end], [(s - start, e - start, k) for s, e, k in hits])]
    return Markup("…" if start else "") + Markup("").join(pieces) + Markup("…" if end < len(text_) else "")
