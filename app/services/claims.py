"""Claims as analysts read them: statements and figures, filtered, and grouped per metric for charts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import Article, Claim
from app.schemas import ClaimDetail, ClaimOut, ClaimReport, Page
from app.services.claim_groups import how_matched, matched_groups, reported_by
from app.services.errors import NotFound
from app.services.labels import source_label


def list_claims(
    *, session: Session, kind: str | None = None, speaker: str | None = None, metric: str | None = None,
    article: str | None = None, language: str | None = None, limit: int | None = None, offset: int = 0,
) -> Page[ClaimOut]:
    query = select(Claim, Article).join(Article)
    if kind:
        query = query.where(Claim.kind == kind)
    if speaker:
        query = query.where(col(Claim.speaker).ilike(f"%{speaker}%"))
    if metric:
        query = query.where(Claim.metric == metric)
    if article:
        query = query.where(Article.slug == article)
    if language:
        query = query.where(Article.language == language)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(Article.source_file, Claim.paragraph, Claim.start).offset(offset).limit(limit)).all()
    # A page counts its reports; an export of every claim (no limit) does not walk them all.
    items = claims_out(session, rows) if limit is not None else [claim_out(c, a) for c, a in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


def claims_out(session: Session, rows: Sequence[tuple[Claim, Article]]) -> list[ClaimOut]:
    """Claims as served, each with how many articles report it (a bounded list: a page, an article's span)."""
    counts = reported_by(matched_groups(session=session, claim_ids=[c.id for c, _ in rows]))  # type: ignore[misc]
    return [claim_out(c, a, reports=counts.get(c.id, 1)) for c, a in rows]


def get_claim(*, session: Session, claim_id: int) -> ClaimDetail:
    """One claim with the other articles' reports of its statement or figure, in date order."""
    found = session.exec(select(Claim, Article).join(Article).where(Claim.id == claim_id)).first()
    if found is None:
        raise NotFound(f"No claim {claim_id}.")
    group = matched_groups(session=session, claim_ids=[claim_id]).get(claim_id, [])
    how = how_matched(session=session, claim_ids=[c.id for c, _ in group])  # type: ignore[misc]
    matches = []
    for c, a in group:
        if c.id == claim_id:
            continue
        direct = how.get(frozenset((claim_id, c.id)))  # type: ignore[arg-type]
        matches.append(ClaimReport(
            id=c.id, article=a.slug, paragraph=c.paragraph, start=c.start, end=c.end, text=c.text, speaker=c.speaker,  # type: ignore[arg-type]
            language=a.language, source=source_label(outlet=a.outlet, title=a.title, slug=a.slug), published=a.published,
            how=direct[0] if direct else None, score=direct[1] if direct else None,
            url=f"/articles/{a.slug}#p-{c.paragraph}", claim_url=f"/claims/{c.id}"))
    claim, article = found
    base = claim_out(claim, article, reports=len({a.id for _, a in group}) or 1)
    return ClaimDetail(**base.model_dump(), matches=matches)


def article_claims(*, session: Session, slug: str, paragraphs: tuple[int, int] | None = None) -> list[ClaimOut]:
    query = select(Claim, Article).join(Article).where(Article.slug == slug).order_by(Claim.paragraph, Claim.start)
    if paragraphs is not None:
        query = query.where(Claim.paragraph >= paragraphs[0], Claim.paragraph < paragraphs[1])
    return claims_out(session, session.exec(query).all())


def metrics(*, session: Session) -> list[tuple[str, int]]:
    """Every metric with its number of figures, most reported first."""
    rows = session.exec(select(Claim.metric, func.count()).where(col(Claim.metric).is_not(None)).group_by(Claim.metric).order_by(func.count().desc())).all()
    return [(m, n) for m, n in rows if m]


def claim_out(c: Claim, a: Article, reports: int = 1) -> ClaimOut:
    return ClaimOut(
        id=c.id, kind=c.kind, article=a.slug, paragraph=c.paragraph, start=c.start, end=c.end, text=c.text,
        speaker=c.speaker, verb=c.verb, source_chain=list(c.source_chain), metric=c.metric, value=_number(c.value),
        value_high=_number(c.value_high), qualifier=c.qualifier, population=c.population, period=c.period,
        approximate=approximate(c.qualifier, bool(c.approximate)), unit=c.unit, attributed_to=c.source,
        outlet=a.outlet, published=a.published, language=a.language,
        source=source_label(outlet=a.outlet, title=a.title, slug=a.slug), reported_by=reports,
    )


def approximate(qualifier: str | None, flagged: bool) -> bool:
    """Vague amounts are marked: an order of magnitude ("des milliers": tens_of, thousands_of…) or
    "about N" ("environ", "une centaine"), so no client reads them as counts."""
    return flagged or qualifier == "about" or (qualifier or "").endswith("_of")


def _number(v: float | None) -> int | float | None:
    """12.0 → 12: integral values are ints in JSON."""
    return int(v) if v is not None and float(v).is_integer() else v
