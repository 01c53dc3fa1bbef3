"""A briefing on a compare set: per article its facts, key passages and notes, then the
contradictions that involve the set; one view model for the printable page and its JSON."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlmodel import Session

from app.models import utcnow
from app.schemas import AnnotationOut, ArticleDetail, ClaimOut, ContradictionOut
from app.services import articles as articles_service
from app.services.contradictions import list_contradictions
from app.services.errors import InvalidInput

LEFT_OUT_STATUSES = ("dismissed",)  # analysts judged these not to be contradictions


class KeyPassage(BaseModel):
    paragraph: int
    text: str
    reasons: list[str]  # why it is key: "note", "contradiction", "figure"
    claims: list[ClaimOut]  # the claims in the paragraph, for highlighting and the figures list
    contradictions: list[int] = []  # ids of the contradictions quoting this paragraph


class BriefingArticle(BaseModel):
    slug: str
    title: str
    outlet: str | None
    published: str | None
    language: str
    direction: str
    url: str | None
    passages: list[KeyPassage]
    notes: list[AnnotationOut]


class Briefing(BaseModel):
    generated: datetime
    articles: list[BriefingArticle]
    contradictions: list[ContradictionOut]


def briefing_view(*, session: Session, slugs: list[str], viewer: str | None = None, paragraph_texts: bool = True) -> Briefing:
    """Raises InvalidInput for a set of the wrong size and NotFound for an unknown slug, as compare does.
    Without `paragraph_texts`, contradictions' passages link to their paragraphs (the JSON's default)."""
    low, high = articles_service.COMPARE_MIN, articles_service.COMPARE_MAX
    if not low <= len(slugs) <= high:
        raise InvalidInput(
            f"A briefing covers {low} to {high} articles, like a compare set; this address names {len(slugs)}. "
            "Pick the articles on the compare page, then follow its printable briefing link."
        )
    details = articles_service.compare_view(session=session, slugs=slugs, viewer=viewer)  # notes `viewer` may see
    contradictions = _contradictions(session, slugs, paragraph_texts)
    return Briefing(generated=utcnow(), articles=[_article(a, contradictions) for a in details], contradictions=contradictions)


def _contradictions(session: Session, slugs: list[str], paragraph_texts: bool) -> list[ContradictionOut]:
    """The contradictions between articles of the set: at least two of its articles take part,
    and only their passages are listed (a story-wide item also quotes articles not in the briefing)."""
    found: dict[int, ContradictionOut] = {}
    for slug in slugs:
        for item in list_contradictions(session=session, article=slug, paragraph_texts=paragraph_texts).items:
            inside = [p for p in item.claims if p.article in slugs]
            if item.status not in LEFT_OUT_STATUSES and len({p.article for p in inside}) >= min(2, len(slugs)):
                found.setdefault(item.id, item.model_copy(update={"claims": inside}))
    return sorted(found.values(), key=lambda c: (-c.score, c.kind, c.id))


def _article(a: ArticleDetail, contradictions: list[ContradictionOut]) -> BriefingArticle:
    # Key paragraphs: what an analyst marked, what a contradiction quotes, and the figures;
    # statements alone would list most of the article, so they are only highlighted.
    reasons: dict[int, list[str]] = {}
    quoted: dict[int, list[int]] = {}
    for n in a.annotations:
        if n.paragraph is not None and not n.orphaned:
            _add(reasons, n.paragraph, "note")
    for c in contradictions:
        for p in c.claims:
            if p.article == a.slug:
                _add(reasons, p.paragraph, "contradiction")
                _add(quoted, p.paragraph, c.id)
    for claim in a.claims:
        if claim.kind == "figure":
            _add(reasons, claim.paragraph, "figure")
    texts = {p.index: p.text for p in a.paragraphs}
    passages = [
        KeyPassage(paragraph=i, text=texts[i], reasons=reasons[i], contradictions=quoted.get(i, []),
                   claims=[c for c in a.claims if c.paragraph == i])
        for i in sorted(reasons) if i in texts
    ]
    return BriefingArticle(slug=a.slug, title=a.title, outlet=a.outlet, published=a.published, language=a.language,
                           direction=a.direction, url=a.url, passages=passages, notes=a.annotations)


def _add(grouped: dict[int, list], key: int, value: object) -> None:
    if value not in grouped.setdefault(key, []):
        grouped[key].append(value)
