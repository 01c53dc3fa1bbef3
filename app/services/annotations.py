"""Notes and tags on articles, paragraphs and quoted passages: create, edit, hide, restore, list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import Row, bindparam, func, insert
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from app.analysis.anchoring import context_of, find_quote, locate_quote
from app.analysis.tags import normalize_tags
from app.db import insert_on_conflict
from app.models import Annotation, AnnotationTag, Article, Paragraph, Tag, utcnow
from app.schemas import (
    AnnotationDraft,
    AnnotationOut,
    AnnotationPatch,
    Page,
    RevisionOut,
    Selector,
    TagCount,
)
from app.services.errors import AmbiguousQuote, InvalidInput, NotAllowed, NotFound
from app.services.history import get_revision, item_history, record, record_at_once
from app.services.labels import shorten
from app.services.note_visibility import PRIVATE, TEAM, visible_to

MAX_BODY_CHARS = 10_000
# Statements a note write runs every time, built once (building one cost as much as running it).
_INSERT_NOTE = insert(Annotation.__table__).returning(Annotation.__table__.c.id)  # type: ignore[attr-defined]
# Notes to show are read as rows of their columns, not ORM objects (a page of 100: 0.3 ms less).
_NOTE_COLUMNS = tuple(Annotation.__table__.c)  # type: ignore[attr-defined]
# A page of notes' tags, articles and replies, built once: coercing a list of ids each time cost more.
_TAG_NAMES = (select(AnnotationTag.annotation_id, Tag.name).join(Tag)
              .where(col(AnnotationTag.annotation_id).in_(bindparam("ids", expanding=True))).order_by(Tag.name))
_SLUGS = select(Article.id, Article.slug).where(col(Article.id).in_(bindparam("ids", expanding=True)))
_REPLIES = {named: select(*_NOTE_COLUMNS).where(  # the live replies to a page of notes, for a viewer or anonymous reading
    col(Annotation.reply_to).in_(bindparam("roots", expanding=True)), col(Annotation.deleted).is_(None),
    visible_to(bindparam("viewer") if named else None)).order_by(Annotation.id) for named in (True, False)}
_PLACE = select(  # a new note's article, its paragraph count and the text of the paragraph noted
    Article.id,
    select(func.count()).where(Paragraph.article_id == Article.id).scalar_subquery(),
    select(Paragraph.text).where(Paragraph.article_id == Article.id, Paragraph.index == bindparam("paragraph")).scalar_subquery(),
).where(Article.slug == bindparam("slug"))
VERBS = {"create": "wrote", "edit": "edited", "delete": "deleted", "restore": "restored", "reply": "replied to"}


def create_annotation(*, session: Session, draft: AnnotationDraft, author: str, slug: str | None = None) -> AnnotationOut:
    article_id, texts, body_paragraphs = _place(session, draft.article, draft.paragraph)
    body = _clean_body(draft.body)
    tags = sorted(normalize_tags(draft.tags))
    if not body and not tags:
        raise InvalidInput("The note is empty: write a note or add at least one tag.")
    anchor = _Anchor()
    _target(anchor, texts, body_paragraphs, draft.paragraph, draft.selector)
    now = utcnow()
    note = _NewNote(article_id=article_id, body=body, author=author, slug=slug, visibility=draft.visibility,
                    created=now, modified=now, **anchor.columns())
    # Plain inserts rather than the ORM's unit of work: SQLite has one writer at a time, and this
    # holds the database from the first insert to the commit (about a third of the time it took).
    note.id = session.execute(_INSERT_NOTE, note.columns()).scalar_one()
    if tags:
        _set_tags(session, note, tags, new=True)
    record_at_once(session, author=author, kind="annotation", item_id=note.id, action="create", summary=_summary(note, "create", tags),
                   after={"body": body, "tags": tags, "deleted": False, "visibility": note.visibility})
    session.commit()
    # A new note has no thread yet, and its tags and article are known: no query to show it.
    return _note_out(note, draft.article, tags, [])  # type: ignore[arg-type]  (a _NewNote has every field shown)


def create_reply(*, session: Session, annotation_id: int, body: str, author: str) -> AnnotationOut:
    """A reply in a note's thread (a reply to a reply joins the same thread). Whoever sees the note
    may reply; a private note is seen, so answered, by its author alone."""
    note = _annotation(session, annotation_id, viewer=author)
    if note.reply_to is not None:
        note = _annotation(session, note.reply_to, viewer=author)
    text = _clean_body(body)
    if not text:
        raise InvalidInput("The reply is empty: write something.")
    reply = Annotation(article_id=note.article_id, body=text, author=author, reply_to=note.id, visibility=note.visibility)
    session.add(reply)
    _record(session, reply, author, "reply", None)
    session.commit()
    return _public(session, [reply], viewer=author)[0]


def update_annotation(*, session: Session, annotation_id: int, patch: AnnotationPatch, author: str) -> AnnotationOut:
    """Edit a note's (or reply's) text, tags or visibility: only its author may (as in Hypothesis)."""
    note = _annotation(session, annotation_id, viewer=author)
    _own(note, author, "edit")
    before = _snapshot(session, note)
    if note.reply_to is not None and (patch.tags or patch.visibility not in (None, note.visibility)):
        raise InvalidInput("A reply has no tags or visibility of its own: it is seen by whoever sees its note.")
    if patch.body is not None:
        note.body = _clean_body(patch.body)
    if patch.tags is not None and note.reply_to is None:
        _set_tags(session, note, normalize_tags(patch.tags))
    if patch.visibility is not None and patch.visibility != note.visibility:
        _set_visibility(session, note, patch.visibility)
    if not note.body and not _tag_names(session, [note.id]).get(note.id):
        raise InvalidInput("The note would be empty: keep some text or at least one tag.")
    note.modified = utcnow()
    session.add(note)
    _record(session, note, author, "edit", before)
    session.commit()
    return _public(session, [note], viewer=author)[0]


def replace_annotation(*, session: Session, annotation_id: int, draft: AnnotationDraft, author: str) -> AnnotationOut:
    """Replace a note's text, tags and passage at once (a W3C protocol PUT): only its author may,
    and the note stays on its article. A moved passage is said in the history's summary."""
    note = _annotation(session, annotation_id, viewer=author)
    _own(note, author, "edit")
    if note.reply_to is not None:
        raise InvalidInput(f"{note.id} is a reply: edit its text with PATCH /api/annotations/{note.id}.")
    article_id, texts, body_paragraphs = _place(session, draft.article, draft.paragraph)
    if article_id != note.article_id:
        raise InvalidInput(f"Note {note.id} is on another article: a note stays on its article; post a new note to quote this one.")
    body, tags = _clean_body(draft.body), normalize_tags(draft.tags)
    if not body and not tags:
        raise InvalidInput("The note would be empty: keep some text or at least one tag.")
    before = _snapshot(session, note)
    was = (note.paragraph, note.start, note.end, note.exact)
    moved = _Anchor()
    _target(moved, texts, body_paragraphs, draft.paragraph, draft.selector)
    for field in ("paragraph", "start", "end", "exact", "prefix", "suffix"):
        setattr(note, field, getattr(moved, field))
    note.orphaned = False
    note.body, note.modified = body, utcnow()
    _set_tags(session, note, tags)
    if draft.visibility != note.visibility:
        _set_visibility(session, note, draft.visibility)
    session.add(note)
    summary = ""
    if was != (note.paragraph, note.start, note.end, note.exact):
        old = f"“{shorten(was[3], 60)}”" if was[3] else ("the whole article" if was[0] is None else f"paragraph {was[0]}")
        summary = f"edited a note and moved it from {old}: {shorten(body, 80) or ', '.join(tags)}"
    _record(session, note, author, "edit", before, summary=summary)
    session.commit()
    return _public(session, [note], viewer=author)[0]


def delete_annotation(*, session: Session, annotation_id: int, author: str, admin: bool = False,
                      reason: str = "") -> AnnotationOut:
    """Hide the note; `restore_annotation` brings it back. Its author may; an admin may hide
    anyone's, saying why (history keeps the reason)."""
    note = _annotation(session, annotation_id, viewer=author)
    summary = _moderation(note, author, admin, reason)
    before = _snapshot(session, note)
    note.deleted = utcnow()
    session.add(note)
    _record(session, note, author, "delete", before, summary=summary)
    session.commit()
    return _public(session, [note], viewer=author)[0]


def restore_annotation(*, session: Session, annotation_id: int, author: str, admin: bool = False) -> AnnotationOut:
    note = _annotation(session, annotation_id, viewer=author, include_deleted=True)
    _own(note, author, "restore", admin=admin)
    before = _snapshot(session, note)
    note.deleted = None
    session.add(note)
    _record(session, note, author, "restore", before)
    session.commit()
    return _public(session, [note], viewer=author)[0]


def restore_version(*, session: Session, annotation_id: int, revision_id: int, author: str,
                    admin: bool = False) -> AnnotationOut:
    """Bring back the text and tags a note had after one of its revisions (and undelete it)."""
    revision = get_revision(session=session, revision_id=revision_id)
    if revision is None or revision.item_kind != "annotation" or revision.item_id != annotation_id or not revision.after:
        raise NotFound(f"Note {annotation_id} has no version {revision_id}; its history lists the versions there are.")
    note = _annotation(session, annotation_id, viewer=author, include_deleted=True)
    _own(note, author, "restore", admin=admin)
    before = _snapshot(session, note)
    note.body, note.deleted, note.modified = revision.after["body"], None, utcnow()
    if note.reply_to is None:
        _set_tags(session, note, revision.after["tags"])
    session.add(note)
    _record(session, note, author, "revert", before, summary=f"restored the version of {revision.at:%Y-%m-%d %H:%M} by {revision.author}")
    session.commit()
    return _public(session, [note], viewer=author)[0]


def annotation_history(*, session: Session, annotation_id: int, viewer: str | None) -> list[RevisionOut]:
    _annotation(session, annotation_id, viewer=viewer, include_deleted=True)
    return item_history(session=session, kind="annotation", item_id=annotation_id)


def get_annotation(*, session: Session, annotation_id: int, viewer: str | None, include_deleted: bool = False) -> AnnotationOut:
    return _public(session, [_annotation(session, annotation_id, viewer=viewer, include_deleted=include_deleted)], viewer=viewer)[0]


def list_annotations(
    *,
    session: Session,
    viewer: str | None,
    article: str | None = None,
    tag: str | None = None,
    author: str | None = None,
    deleted: bool = False,
    limit: int | None = None,
    offset: int = 0,
    paragraphs: tuple[int, int] | None = None,
    replies: bool = False,
) -> Page[AnnotationOut]:
    """The notes `viewer` may see, filtered, each with its thread; with `paragraphs` = (from, to),
    those of that range and of the whole article. `replies`: replies are listed as items of their
    own too (the W3C container and exports), not only in their note's thread."""
    query = _notes_query(select(*_NOTE_COLUMNS), viewer=viewer, article=article, tag=tag, author=author, deleted=deleted,
                         paragraphs=paragraphs, replies=replies)
    notes = session.exec(_in_reading_order(query).offset(offset).limit(limit)).all()
    # A page that is not full (or no limit) ends the list, so it gives the count: mostly no second query.
    ended = limit is None or len(notes) < limit
    total = offset + len(notes) if ended and (notes or not offset) else session.exec(select(func.count()).select_from(query.subquery())).one()
    return Page(items=_public(session, notes, viewer=viewer), total=total, limit=limit, offset=offset)


def note_position(*, session: Session, note_id: int, article: str, paragraphs: tuple[int, int], viewer: str | None) -> int:
    """Where a note comes in its reader page's notes (as list_annotations orders them): which page
    of notes a link to it opens."""
    ids = session.exec(_in_reading_order(_notes_query(select(Annotation.id), viewer=viewer, article=article, paragraphs=paragraphs))).all()
    return ids.index(note_id) if note_id in ids else 0


def _in_reading_order(query):  # type: ignore[no-untyped-def]
    return query.order_by(Annotation.article_id, Annotation.paragraph, Annotation.start, Annotation.id)


def _notes_query(query, *, viewer: str | None, article: str | None = None, tag: str | None = None,  # type: ignore[no-untyped-def]
                 author: str | None = None, deleted: bool = False, paragraphs: tuple[int, int] | None = None,
                 replies: bool = False):
    query = query.join(Article, col(Article.id) == Annotation.article_id).where(visible_to(viewer))
    if not replies:
        query = query.where(col(Annotation.reply_to).is_(None))
    elif not deleted:  # a hidden note hides its thread too
        live = aliased(Annotation)
        query = query.where(col(Annotation.reply_to).is_(None) | col(Annotation.reply_to).in_(
            select(live.id).where(col(live.deleted).is_(None))))
    if paragraphs is not None:
        query = query.where(col(Annotation.paragraph).is_(None) | ((Annotation.paragraph >= paragraphs[0])
                                                                  & (Annotation.paragraph < paragraphs[1])))
    query = query.where(col(Annotation.deleted).is_not(None) if deleted else col(Annotation.deleted).is_(None))
    if article:
        query = query.where(Article.slug == article)
    if author:
        query = query.where(Annotation.author == author)
    if tag:
        query = query.where(col(Annotation.id).in_(tagged_annotation_ids(tag)))
    return query


def list_tags(*, session: Session, viewer: str | None) -> list[TagCount]:
    rows = session.exec(
        select(Tag.name, func.count())
        .join(AnnotationTag)
        .join(Annotation)
        .where(col(Annotation.deleted).is_(None), visible_to(viewer))
        .group_by(Tag.name)
        .order_by(func.count().desc(), Tag.name)
    ).all()
    return [TagCount(tag=name, count=count) for name, count in rows]


def reanchor_annotations(*, session: Session, article_id: int, texts: Sequence[str]) -> int:
    """After the source text changed: move each quote to where it now stands, or flag it
    orphaned (kept, never deleted). Returns how many notes are orphaned."""
    orphaned = 0
    for note in session.exec(select(Annotation).where(Annotation.article_id == article_id)).all():
        if note.exact:
            anchor = locate_quote(
                texts, note.exact, prefix=note.prefix or "", suffix=note.suffix or "",
                paragraph=note.paragraph, start=note.start,
            )
            if anchor:
                note.paragraph, note.start, note.end = anchor.paragraph, anchor.start, anchor.end
                note.prefix, note.suffix = anchor.prefix, anchor.suffix
            note.orphaned = anchor is None
        else:
            note.orphaned = note.paragraph is not None and note.paragraph >= len(texts)
        orphaned += note.orphaned
        session.add(note)
    return orphaned


def tagged_annotation_ids(tag: str):  # type: ignore[no-untyped-def]
    names = normalize_tags([tag])
    return select(AnnotationTag.annotation_id).join(Tag).where(col(Tag.name).in_(names))


@dataclass(slots=True)
class _Anchor:
    """Where a note is attached (see _target): a paragraph, and in it perhaps a quoted passage."""

    paragraph: int | None = None
    start: int | None = None
    end: int | None = None
    exact: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    def columns(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(slots=True, kw_only=True)
class _NewNote(_Anchor):
    """A note being created, as its row's columns: written by a plain insert, answered without a reload."""

    article_id: int
    body: str
    author: str
    slug: str | None
    visibility: str
    created: datetime
    modified: datetime
    id: int | None = None
    reply_to: None = None
    deleted: None = None
    orphaned: bool = False

    def columns(self) -> dict:
        return {name: value for name, value in _Anchor.columns(self).items() if name != "id"}


def _target(note: _Anchor, texts: list[str], body_paragraphs: set[int] | frozenset[int], paragraph: int | None,
            selector: Selector | None) -> None:
    """Resolve what the note is attached to: article, paragraph, or a quote in a paragraph. A quote
    sent without paragraph or context is looked for in the body first (not the title or page
    furniture); found in several paragraphs, the request is ambiguous and says where."""
    exact = selector.exact if selector and selector.exact and selector.exact.strip() else None
    if paragraph is not None and not 0 <= paragraph < len(texts):
        raise InvalidInput(f"Paragraph {paragraph} does not exist: this article has paragraphs 0 to {len(texts) - 1}.")
    if exact is None:
        note.paragraph = paragraph
        return
    assert selector is not None
    if paragraph is not None and selector.start is not None and selector.end is not None:
        if texts[paragraph][selector.start:selector.end] == exact:
            before, after = context_of(texts[paragraph], selector.start, selector.end)
            note.paragraph, note.start, note.end = paragraph, selector.start, selector.end
            note.exact, note.prefix, note.suffix = exact, before, after
            return
    if paragraph is None and not (selector.prefix or selector.suffix):
        paragraph = _only_paragraph_with(texts, exact, body_paragraphs)
    search_in = [texts[paragraph]] if paragraph is not None else texts
    anchor = locate_quote(search_in, exact, prefix=selector.prefix or "", suffix=selector.suffix or "", start=selector.start, paragraph=0 if paragraph is not None else None)
    if anchor is None:
        where = f"paragraph {paragraph}" if paragraph is not None else "this article"
        raise InvalidInput(f"The quoted text was not found in {where}. Copy the quote exactly, or leave it empty to note the whole paragraph.")
    note.paragraph = paragraph if paragraph is not None else anchor.paragraph
    note.start, note.end = anchor.start, anchor.end
    note.exact, note.prefix, note.suffix = anchor.exact, anchor.prefix, anchor.suffix


def _only_paragraph_with(texts: list[str], exact: str, body_paragraphs: set[int] | frozenset[int]) -> int | None:
    """The one paragraph holding the quote, body paragraphs first; None when none does."""
    found = find_quote(texts, exact)
    in_body = [a for a in found if a.paragraph in body_paragraphs]
    places = sorted({a.paragraph for a in (in_body or found)})
    if len(places) == 1:
        return places[0]
    if len(places) > 1:
        raise AmbiguousQuote(
            f"The quote occurs in paragraphs {', '.join(map(str, places))}: pick the paragraph it is from.",
            paragraphs=places, contexts=[shorten(texts[i], 90) for i in places])
    return None


def _own(note: Annotation, author: str, action: str, *, admin: bool = False) -> None:
    if note.author != author and not admin:
        raise NotAllowed(f"Only {note.author}, who wrote note {note.id}, can {action} it; "
                         "reply with a note of your own, or ask an admin to hide it.")


def _moderation(note: Annotation, author: str, admin: bool, reason: str) -> str:
    """The history's summary when an admin hides someone else's note (the reason is required)."""
    if note.author == author:
        return ""
    _own(note, author, "delete", admin=admin)
    reason = " ".join(reason.split())[:500]
    if not reason:
        raise InvalidInput(f"Say why you hide {note.author}'s note: the reason is kept in its history.")
    return f"hidden by an admin: {reason}"


def _snapshot(session: Session, note: Annotation, tags: list[str] | None = None) -> dict:
    tags = _tag_names(session, [note.id]).get(note.id, []) if tags is None else tags
    return {"body": note.body, "tags": tags, "deleted": note.deleted is not None, "visibility": note.visibility}


def _set_visibility(session: Session, note: Annotation, visibility: str) -> None:
    """A note's thread follows it. A thread others replied to stays with the team: making it
    private would hide their own replies from them."""
    replies = session.exec(select(Annotation).where(Annotation.reply_to == note.id)).all()
    if visibility == PRIVATE and any(r.author != note.author for r in replies):
        raise InvalidInput(f"Others have replied to note {note.id}: a thread others take part in stays visible to the team.")
    note.visibility = visibility if visibility in (TEAM, PRIVATE) else TEAM
    for reply in replies:
        reply.visibility = note.visibility
        session.add(reply)


def _record(session: Session, note: Annotation, author: str, action: str, before: dict | None, summary: str = "",
            tags: list[str] | None = None) -> None:
    session.flush()
    after = _snapshot(session, note, tags)
    record(session, author=author, kind="annotation", item_id=note.id, action=action, before=before, after=after,
           summary=summary or _summary(note, action, after["tags"]))


def _summary(note: Annotation | _NewNote, action: str, tags: Sequence[str] = ()) -> str:
    quote = f" on “{shorten(note.exact, 60)}”" if note.exact else ""
    what = f"a reply to note {note.reply_to}" if note.reply_to is not None and action != "reply" else f"a note{quote}"
    return f"{VERBS[action]} {what}: {shorten(note.body, 80) or ', '.join(tags)}"


def _clean_body(body: str) -> str:
    body = body.replace("\r\n", "\n").strip()
    if len(body) > MAX_BODY_CHARS:
        raise InvalidInput(f"The note has {len(body):,} characters; notes are limited to {MAX_BODY_CHARS:,}. Shorten it or split it into several notes.")
    return body


def _set_tags(session: Session, note: Annotation | _NewNote, names: list[str], new: bool = False) -> None:
    for link in () if new else session.exec(select(AnnotationTag).where(AnnotationTag.annotation_id == note.id)).all():
        session.delete(link)
    for name in names:  # another request may be making the same new tag right now
        session.execute(insert_on_conflict(session, Tag).values(name=name).on_conflict_do_nothing(index_elements=["name"]))
        tag_id = session.exec(select(Tag.id).where(Tag.name == name)).one()
        session.add(AnnotationTag(annotation_id=note.id, tag_id=tag_id))
    session.flush()


def _tag_names(session: Session, ids: Sequence[int | None]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(_TAG_NAMES, {"ids": list(ids)}).all()
    for annotation_id, name in rows:
        names[annotation_id].append(name)
    return names


def _public(session: Session, notes: Sequence[Annotation] | Sequence[Row], *, viewer: str | None) -> list[AnnotationOut]:
    """Notes as the API shows them, each note with its thread (the live replies `viewer` may see)."""
    if not notes:
        return []
    tags = _tag_names(session, [n.id for n in notes])
    slugs = dict(session.execute(_SLUGS, {"ids": list({n.article_id for n in notes})}).all())
    threads: dict[int | None, list[Row]] = defaultdict(list)
    roots = [n.id for n in notes if n.reply_to is None]
    if roots:
        replies = _REPLIES[viewer is not None]
        for reply in session.execute(replies, {"roots": roots, "viewer": viewer}).all():
            threads[reply.reply_to].append(reply)

    return [_note_out(n, slugs[n.article_id], tags.get(n.id, []),
                      [_note_out(r, slugs[r.article_id], [], []) for r in threads.get(n.id, [])]) for n in notes]


def _note_out(n: Annotation | Row, article: str, tags: list[str], replies: list[AnnotationOut]) -> AnnotationOut:
    return AnnotationOut(
        id=n.id, article=article, paragraph=n.paragraph,
        selector=Selector(exact=n.exact, prefix=n.prefix, suffix=n.suffix, start=n.start, end=n.end) if n.exact else None,
        body=n.body, tags=tags, author=n.author, created=n.created,
        modified=n.modified, orphaned=n.orphaned, deleted=n.deleted,
        visibility=n.visibility, reply_to=n.reply_to, replies=replies,
    )


def _article(session: Session, slug: str) -> Article:
    article = session.exec(select(Article).where(Article.slug == slug)).first()
    if article is None:
        raise NotFound(f"No article {slug!r}. The library lists the articles there are.")
    return article


def _place(session: Session, slug: str, paragraph: int | None) -> tuple[int, list[str], set[int]]:
    """The article a new note goes on, and its paragraphs (see _paragraphs). A note on a given
    paragraph needs that one only, the others left empty: one query, whatever the article's length
    (a note on a 14,000-paragraph article reads one paragraph, not 5 MB)."""
    if paragraph is None:
        article_id = _article(session, slug).id
        assert article_id is not None
        return article_id, *_paragraphs(session, article_id)
    found = session.execute(_PLACE, {"slug": slug, "paragraph": paragraph}).first()
    if found is None:
        raise NotFound(f"No article {slug!r}. The library lists the articles there are.")
    article_id, paragraph_count, paragraph_text = found
    texts = [""] * paragraph_count
    if paragraph_text is not None:
        texts[paragraph] = paragraph_text
    return article_id, texts, set()


def _paragraphs(session: Session, article_id: int | None) -> tuple[list[str], set[int]]:
    """The article's paragraph texts in order, and which are body (a quote is looked for there first)."""
    rows = session.exec(select(Paragraph.text, Paragraph.kind).where(Paragraph.article_id == article_id).order_by(Paragraph.index)).all()
    return [text for text, _ in rows], {i for i, (_, kind) in enumerate(rows) if kind == "body"}


def paragraph_texts(*, session: Session, slug: str) -> list[str]:
    """An article's paragraph texts in order (a W3C position selector counts over them)."""
    return _paragraph_texts(session, _article(session, slug).id)


def _paragraph_texts(session: Session, article_id: int | None) -> list[str]:
    return list(session.exec(select(Paragraph.text).where(Paragraph.article_id == article_id).order_by(Paragraph.index)).all())


def _annotation(session: Session, annotation_id: int, *, viewer: str | None, include_deleted: bool = False) -> Annotation:
    """The note, if `viewer` may see it: a private note of someone else's is not found (404, not
    403, so that its existence does not show)."""
    note = session.exec(select(Annotation).where(Annotation.id == annotation_id, visible_to(viewer))).first()
    if note is None or (note.deleted is not None and not include_deleted):
        raise NotFound(f"No note {annotation_id}; it may have been deleted (deleted notes can be restored from the article page).")
    return note
