"""Contradictions: the board, one contradiction with its passages, analysts' decisions and
contradictions analysts create themselves."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from urllib.parse import quote

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.analysis.anchoring import locate_quote
from app.analysis.sentences import sentence_spans
from app.models import Article, Claim, Contradiction, ContradictionDecision, ContradictionPassage, Paragraph, utcnow
from app.schemas import ContradictionDraft, ContradictionOut, DecisionDraft, DecisionOut, Page, PassageOut
from app.services.errors import InvalidInput, NotFound
from app.services.history import record
from app.services.labels import article_label, labels_named_in, readable, readable_reason, shorten

KINDS = ("numeric", "framing", "translation", "stance")
STATUSES = ("suggested", "confirmed", "dismissed")
STRENGTHS = ("strong", "soft", "minor")
MAX_NOTE = 5000


def list_contradictions(*, session: Session, kind: str | None = None, status: str | None = None,
                        article: str | None = None, limit: int | None = None, offset: int = 0,
                        paragraph_texts: bool = True) -> Page[ContradictionOut]:
    """The board, strongest first; `paragraph_texts=False` leaves each passage's paragraph to its link."""
    query = select(Contradiction).where(Contradiction.current == True)  # noqa: E712
    if kind:
        query = query.where(Contradiction.kind == kind)
    if status:
        query = query.where(Contradiction.status == status)
    if article:
        ids = select(ContradictionPassage.contradiction_id).join(Article, Article.id == ContradictionPassage.article_id).where(Article.slug == article)
        query = query.where(col(Contradiction.id).in_(ids))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    order = (col(Contradiction.score).desc(), Contradiction.kind, Contradiction.id)  # strongest first: the reason says why
    rows = session.exec(query.order_by(*order).offset(offset).limit(limit)).all()
    return Page(items=_out(session, rows, paragraph_texts=paragraph_texts), total=total, limit=limit, offset=offset)


def board_counts(*, session: Session, article: str | None = None) -> dict[str, dict[str, int]]:
    """How many current contradictions of each kind, status and strength (the board's summary)."""
    query = select(Contradiction).where(Contradiction.current == True)  # noqa: E712
    if article:
        ids = select(ContradictionPassage.contradiction_id).join(Article, Article.id == ContradictionPassage.article_id).where(Article.slug == article)
        query = query.where(col(Contradiction.id).in_(ids))
    sub = query.subquery()
    out: dict[str, dict[str, int]] = {}
    for field, names in (("kind", KINDS), ("status", STATUSES), ("strength", STRENGTHS)):
        found = dict(session.exec(select(sub.c[field], func.count()).group_by(sub.c[field])).all())
        out[field] = {n: found.get(n, 0) for n in names}
    return out


def get_contradiction(*, session: Session, contradiction_id: int, paragraph_texts: bool = True) -> ContradictionOut:
    row = session.get(Contradiction, contradiction_id)
    if row is None:
        raise NotFound(f"No contradiction {contradiction_id}. The board at /contradictions lists them.")
    return _out(session, [row], with_history=True, paragraph_texts=paragraph_texts)[0]


def decide(*, session: Session, contradiction_id: int, decision: DecisionDraft, author: str) -> ContradictionOut:
    row = session.get(Contradiction, contradiction_id)
    if row is None:
        raise NotFound(f"No contradiction {contradiction_id}.")
    if decision.status not in STATUSES:
        raise InvalidInput(f"The status {decision.status!r} is not one of: {', '.join(STATUSES)}.")
    note = _note(decision.note)
    before = {"status": row.status}
    row.status, row.modified = decision.status, utcnow()
    session.add(row)
    session.add(ContradictionDecision(contradiction_id=row.id, status=decision.status, note=note, author=author))
    record(session, author=author, kind="contradiction", item_id=row.id, action="decide", before=before,
           after={"status": row.status, "note": note}, summary=f"{row.status} {row.kind} contradiction: {shorten(readable_reason(session=session, reason=row.reason), 80)}")
    session.commit()
    return get_contradiction(session=session, contradiction_id=contradiction_id)


def create_contradiction(*, session: Session, draft: ContradictionDraft, author: str) -> ContradictionOut:
    """An analyst's contradiction from claims and/or passages (two or more in all)."""
    if draft.kind not in KINDS:
        raise InvalidInput(f"The kind {draft.kind!r} is not one of: {', '.join(KINDS)}.")
    reason = " ".join(draft.reason.split())
    if not reason or len(reason) > 300:
        raise InvalidInput("Give a one-line reason (1 to 300 characters) saying what disagrees.")
    passages = [_passage_of_claim(session, i) for i in dict.fromkeys(draft.claims)]
    passages += [_passage_of_ref(session, ref.article, ref.paragraph, ref.exact) for ref in draft.passages]
    if len(passages) < 2:
        raise InvalidInput("A contradiction needs two or more claims or passages.")
    row = store_suggestion(session, kind=draft.kind, reason=reason, passages=passages, origin="analyst")
    note = _note(draft.note) or "created by an analyst"
    session.add(ContradictionDecision(contradiction_id=row.id, status="confirmed", note=note, author=author))
    record(session, author=author, kind="contradiction", item_id=row.id, action="create", after={"status": "confirmed", "note": note},
           summary=f"added a {row.kind} contradiction: {shorten(reason, 80)}")
    row.status = "confirmed"
    session.add(row)
    session.commit()
    return get_contradiction(session=session, contradiction_id=row.id)


def store_suggestion(session: Session, *, kind: str, reason: str, passages: list[ContradictionPassage],
                     origin: str = "machine", table: list | None = None, strength: str = "soft",
                     score: float = 2.0) -> Contradiction:
    """Insert a contradiction, or find the one with the same fingerprint and keep its status and
    history (so a dismissed suggestion stays dismissed)."""
    fingerprint = _fingerprint(session, kind, passages)
    row = session.exec(select(Contradiction).where(Contradiction.fingerprint == fingerprint)).first()
    if row is not None:
        row.current = True
        if row.origin == "machine":
            row.reason, row.table, row.strength, row.score = reason, table or [], strength, score
        session.add(row)
        return row
    row = Contradiction(fingerprint=fingerprint, kind=kind, reason=reason, origin=origin, table=table or [],
                        strength=strength, score=score)
    session.add(row)
    session.flush()
    for p in passages:
        p.contradiction_id = row.id
        session.add(p)
    session.flush()
    return row


def _fingerprint(session: Session, kind: str, passages: list[ContradictionPassage]) -> str:
    files = dict(session.exec(select(Article.id, Article.source_file).where(col(Article.id).in_({p.article_id for p in passages}))).all())
    keys = sorted(f"{files.get(p.article_id)}|{p.text.strip().casefold()}" for p in passages)
    return hashlib.sha256("\n".join([kind, *keys]).encode()).hexdigest()[:32]


def _passage_of_claim(session: Session, claim_id: int) -> ContradictionPassage:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"No claim {claim_id}; pick claims from /claims.")
    label = f"{claim.value:g}" if claim.value is not None else (claim.speaker or "")
    return ContradictionPassage(contradiction_id=0, article_id=claim.article_id, paragraph=claim.paragraph, start=claim.start, end=claim.end, text=claim.text, label=label)


def _passage_of_ref(session: Session, slug: str, paragraph: int, exact: str | None) -> ContradictionPassage:
    article = session.exec(select(Article).where(Article.slug == slug)).first()
    if article is None:
        raise NotFound(f"No article {slug!r}.")
    text = session.exec(select(Paragraph.text).where(Paragraph.article_id == article.id, Paragraph.index == paragraph)).first()
    if text is None:
        raise InvalidInput(f"Article {slug} has no paragraph {paragraph}.")
    if exact and exact.strip():
        anchor = locate_quote([text], exact.strip())
        if anchor is None:
            raise InvalidInput(f"The quote was not found in paragraph {paragraph} of {slug}; copy it exactly or leave it empty.")
        return ContradictionPassage(contradiction_id=0, article_id=article.id, paragraph=paragraph, start=anchor.start, end=anchor.end, text=anchor.exact)
    return ContradictionPassage(contradiction_id=0, article_id=article.id, paragraph=paragraph, start=0, end=len(text), text=text)


def _out(session: Session, rows: list[Contradiction], *, with_history: bool = False,
         paragraph_texts: bool = True) -> list[ContradictionOut]:
    ids = [r.id for r in rows]
    passages: dict[int, list[PassageOut]] = defaultdict(list)
    found = session.exec(
        select(ContradictionPassage, Article, Paragraph).join(Article, Article.id == ContradictionPassage.article_id)
        .join(Paragraph, (Paragraph.article_id == ContradictionPassage.article_id) & (Paragraph.index == ContradictionPassage.paragraph), isouter=True)
        .where(col(ContradictionPassage.contradiction_id).in_(ids)).order_by(ContradictionPassage.id)
    ).all()
    sources = {a.slug: article_label(a) for _, a, _ in found}
    # reasons and tables name articles by id (also ones no passage quotes): read them as labels
    named = labels_named_in(session=session, texts=[r.reason for r in rows] + [src for r in rows for src, _ in r.table]) | sources
    for p, a, para in found:
        passages[p.contradiction_id].append(PassageOut(
            article=a.slug, article_title=a.title, source=sources[a.slug], language=a.language, direction=a.direction, paragraph=p.paragraph,
            start=p.start, end=p.end, text=p.text, label=p.label,
            paragraph_text=(para.text if para else "") if paragraph_texts else None,
            paragraph_url=f"/api/articles/{quote(a.slug)}?from={p.paragraph}&to={p.paragraph + 1}",
            **_sentence(para.text if para else "", p.start, p.end)))
    history: dict[int, list[DecisionOut]] = defaultdict(list)
    if with_history:
        for d in session.exec(select(ContradictionDecision).where(col(ContradictionDecision.contradiction_id).in_(ids)).order_by(col(ContradictionDecision.id).desc())).all():
            history[d.contradiction_id].append(DecisionOut(status=d.status, note=d.note, author=d.author, at=d.at))
    return [ContradictionOut(id=r.id, kind=r.kind, status=r.status, origin=r.origin, strength=r.strength, score=r.score, reason=readable(r.reason, named), current=r.current,
                             table=[(readable(src, named), list(labels)) for src, labels in r.table],
                             claims=passages[r.id], decisions=history[r.id]) for r in rows]


def _sentence(text: str, start: int, end: int) -> dict[str, int | str]:
    """The sentence(s) holding text[start:end]: a card shows a disputed word in its sentence."""
    spans = sentence_spans(text, set()) if text else []
    s = next((a for a, b in spans if a <= start < b), 0)
    e = next((b for a, b in spans if a < end <= b), len(text))
    return {"sentence": text[s:max(e, end)], "sentence_start": s}


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"The note has {len(note)} characters; {MAX_NOTE} at most.")
    return note

