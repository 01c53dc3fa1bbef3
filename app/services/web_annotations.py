"""Notes in the W3C Web Annotation model and protocol: a note as an Annotation (and the notes as
a collection, paged by app.services.annotation_collections), its ETag, and a posted Annotation read
back into a note anchored like one made in the reader. Knows nothing of HTTP."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from sqlmodel import Session, col, select
from unidecode import unidecode

from app.models import Annotation
from app.schemas import AnnotationDraft, AnnotationOut, Selector
from app.services import annotations as notes
from app.services.annotation_collections import ANNO_CONTEXT, PAGE_SIZE, Fetch, Listing, matches
from app.services.errors import InvalidInput, NotFound

HTML_FRAGMENTS = "http://tools.ietf.org/rfc/rfc3236"  # the spec a FragmentSelector's value conforms to
PARAGRAPH_JOINER = "\n\n"  # an article-wide TextPositionSelector counts over the paragraphs joined so
# A private note (only its author sees it) says so with the model's `audience` (schema:audience): an
# Audience named "private", in terms the anno.jsonld context defines, so it survives JSON-LD
# processing. A team note has no audience: everyone who may read sees it.
PRIVATE_AUDIENCE = {"type": "Audience", "name": "private"}

class PreconditionFailed(InvalidInput):
    """If-Match names another version than the stored one (someone changed the note since)."""


class PreconditionRequired(InvalidInput):
    """An update without If-Match: the protocol asks for the ETag the client last saw."""


# --- the model ---------------------------------------------------------------------------------

def annotation_iri(base: str, annotation_id: int, slug: str | None = None) -> str:
    return f"{base}/annotations/{slug or annotation_id}"


def slugs(*, session: Session, ids: list[int]) -> dict[int, str]:
    """The Slug-given names of these notes (most have none: their IRI is their number)."""
    rows = session.exec(select(Annotation.id, Annotation.slug).where(col(Annotation.id).in_(ids),
                                                                      col(Annotation.slug).is_not(None))).all()
    return {i: s for i, s in rows if i is not None and s}


def resolve(*, session: Session, key: str) -> int:
    """The note an IRI's last segment names: its number, or the slug it was posted with."""
    if key.isdigit() and len(key) < 19:
        return int(key)
    found = session.exec(select(Annotation.id).where(Annotation.slug == key)).first()
    if found is None:
        raise NotFound(f"No note {key[:80]!r}. The container /annotations/ lists the notes there are.")
    return found


def sensible_slug(*, session: Session, wanted: str | None) -> str | None:
    """The Slug header (percent-decoded) made into an IRI segment (lower-case ASCII letters, digits, - and _, at most
    60); None when nothing sensible is left or it would read as a number. Taken: -2, -3… appended."""
    if not wanted:
        return None
    wanted = unquote(wanted)  # RFC 5023: a Slug is percent-encoded UTF-8
    slug = re.sub(r"[^a-z0-9_]+", "-", unidecode(wanted).lower()).strip("-_")[:60].strip("-_")
    if not slug or slug.isdigit():
        return None
    taken = set(session.exec(select(Annotation.slug).where(col(Annotation.slug).startswith(slug))).all())
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def article_iri(base: str, slug: str) -> str:
    return f"{base}/articles/{quote(slug)}"


def passage_target(base: str, slug: str, paragraph: int | None, quote_: Selector | None) -> str | dict:
    """An article, a paragraph or a quoted passage as a target. Offsets are within a paragraph, so a
    passage is a FragmentSelector (`p-N`, the paragraph's id in the reader) refined by the quote,
    and again refined by the position: two selectors of one passage (refinedBy takes one selector)."""
    source = article_iri(base, slug)
    if paragraph is None:
        return source
    fragment = {"type": "FragmentSelector", "conformsTo": HTML_FRAGMENTS, "value": f"p-{paragraph}"}
    if not (quote_ and quote_.exact):
        return {"source": source, "selector": fragment}
    return {"source": source, "selector": [
        {**fragment, "refinedBy": {"type": "TextQuoteSelector", "exact": quote_.exact,
                                   "prefix": quote_.prefix or "", "suffix": quote_.suffix or ""}},
        {**fragment, "refinedBy": {"type": "TextPositionSelector", "start": quote_.start, "end": quote_.end}}]}


def to_web_annotation(note: AnnotationOut, base: str, *, context: bool = True, slug: str | None = None,
                      names: dict[int, str] | None = None) -> dict:
    """One note as a W3C Annotation: its text and tags as bodies, its passage as the target; a reply
    (motivation `replying`) has its text as body and its note's IRI as target. `names`: the
    Slug-given names of notes, by id (a reply's note may have one)."""
    if note.reply_to is not None:
        motivation = "replying"
        bodies = [{"type": "TextualBody", "value": note.body, "format": "text/plain", "purpose": "replying"}]
        target: str | dict = annotation_iri(base, note.reply_to, (names or {}).get(note.reply_to))
    else:
        motivation = "commenting" if note.body else "tagging"
        bodies = [{"type": "TextualBody", "value": note.body, "format": "text/plain", "purpose": "commenting"}] if note.body else []
        bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in note.tags]
        target = passage_target(base, note.article, note.paragraph, note.selector)
    doc: dict[str, Any] = {"@context": ANNO_CONTEXT} if context else {}
    doc.update({
        "id": annotation_iri(base, note.id, slug),
        "type": "Annotation",
        "motivation": motivation,
        "created": _datetime(note.created),
        "modified": _datetime(note.modified),
        "creator": {"type": "Person", "name": note.author, "nickname": note.author},
        "body": bodies,
        "target": target,
    })
    if note.visibility == "private":
        doc["audience"] = PRIVATE_AUDIENCE
    return doc


def etag(note: AnnotationOut) -> str:
    """A strong validator of the note's stored state (text, tags, passage, times): equal states,
    equal ETags, whatever host or representation the client read it through. Its replies are
    annotations of their own: a reply does not change the note's version."""
    state = json.dumps(note.model_dump(mode="json", exclude={"replies"}), sort_keys=True, ensure_ascii=False)
    return '"' + hashlib.sha256(state.encode()).hexdigest()[:24] + '"'


def note_listing(*, base: str, path: str = "/annotations/", article: str | None = None, tag: str | None = None,
                 author: str | None = None, page_size: int | None = PAGE_SIZE, container: bool = True) -> Listing:
    return Listing(base=base, path=path, title="Reading Room notes", page_size=page_size, container=container,
                   filters={k: v for k, v in (("article", article), ("tag", tag), ("author", author)) if v})


def notes_fetch(*, session: Session, listing: Listing, viewer: str | None) -> Fetch:
    """The notes and replies a listing's filters keep that `viewer` may see, as Annotations (a
    slug-named note by its slug's IRI); a reply is an annotation of its own, targeting its note."""
    def fetch(limit: int | None, offset: int) -> tuple[list[dict], int]:
        found = notes.list_annotations(session=session, viewer=viewer, limit=limit, offset=offset, replies=True,
                                       **listing.filters)  # type: ignore[arg-type]
        named = slugs(session=session, ids=[i for n in found.items for i in (n.id, n.reply_to) if i is not None])
        return [to_web_annotation(n, listing.base, context=False, slug=named.get(n.id), names=named)
                for n in found.items], found.total
    return fetch


# --- reading a posted Annotation ---------------------------------------------------------------

def create(*, session: Session, document: Any, base: str, author: str, slug: str | None = None) -> AnnotationOut:
    """A note from a W3C Annotation posted to the container; `id` and `creator` are the server's,
    and a sensible `slug` (the Slug header) names its IRI."""
    draft = to_draft(session=session, document=document, base=base)
    return notes.create_annotation(session=session, draft=draft, author=author, slug=sensible_slug(session=session, wanted=slug))


def replace(*, session: Session, annotation_id: int, document: Any, base: str, author: str,
            if_match: str | None) -> AnnotationOut:
    """PUT: the whole note replaced by the Annotation sent, if the client saw the current version."""
    check_version(session=session, annotation_id=annotation_id, if_match=if_match, required=True, viewer=author)
    draft = to_draft(session=session, document=document, base=base)
    return notes.replace_annotation(session=session, annotation_id=annotation_id, draft=draft, author=author)


def check_version(*, session: Session, annotation_id: int, if_match: str | None, required: bool, viewer: str | None) -> None:
    current = etag(notes.get_annotation(session=session, annotation_id=annotation_id, viewer=viewer))
    if if_match is None:
        if required:
            raise PreconditionRequired(f"Send If-Match with the ETag you last read ({current} is the current "
                                       "one), so an edit made meanwhile is not overwritten.")
        return
    if not matches(if_match, current):
        raise PreconditionFailed(f"Note {annotation_id} changed since you read it (its ETag is now {current}): "
                                 "GET it again, then send your change with the new ETag.")


def to_draft(*, session: Session, document: Any, base: str) -> AnnotationDraft:
    """The note a W3C Annotation describes: its target's article, paragraph (`#p-N` or a
    FragmentSelector) and TextQuote/TextPosition selectors; textual bodies as the note and its tags."""
    if not isinstance(document, dict):
        raise InvalidInput("Send one W3C Annotation as a JSON object.")
    types = _many(document.get("type"))
    if "Annotation" not in types and "oa:Annotation" not in types:
        raise InvalidInput('This is not a W3C Annotation: its "type" must be "Annotation".')
    targets = _many(document.get("target"))
    if len(targets) != 1:
        raise InvalidInput(f"A note has exactly one target (an article of this reading room); this one has {len(targets)}.")
    slug, paragraph, selectors = _target(targets[0], base)
    body, tags = _bodies(document)
    try:
        texts = notes.paragraph_texts(session=session, slug=slug)
    except NotFound as exc:  # the body names it: the request, not the address, is wrong
        raise InvalidInput(str(exc)) from exc
    selector, paragraph = _selector(selectors, paragraph, texts)
    return AnnotationDraft(article=slug, paragraph=paragraph, selector=selector, body=body, tags=tags,
                           visibility=_visibility(document.get("audience")))


def _visibility(audience: Any) -> str:
    """`private` when an audience is named "private" (PRIVATE_AUDIENCE), else `team`."""
    for item in _many(audience):
        if isinstance(item, dict) and item.get("name") == "private":
            return "private"
    return "team"


def _target(target: Any, base: str) -> tuple[str, int | None, list[dict]]:
    if isinstance(target, str):
        source, selectors = target, []
    elif isinstance(target, dict):
        source = target.get("source", target.get("id"))
        source = source.get("id") if isinstance(source, dict) else source
        selectors = [s for s in _many(target.get("selector")) if isinstance(s, dict)]
    else:
        source, selectors = None, []
    if not isinstance(source, str):
        raise InvalidInput("The target must name an article of this reading room by its IRI "
                           f"({base}/articles/SLUG), as a string or as the target's source.")
    where = urlsplit(source)
    match = re.fullmatch(r"/articles/([^/]+)", where.path)
    if match is None or (where.netloc and where.netloc != urlsplit(base).netloc):
        raise InvalidInput(f"The target {source[:200]!r} is not an article of this reading room: use {base}/articles/SLUG.")
    paragraph = _paragraph_of(where.fragment) if where.fragment else None
    return unquote(match.group(1)), paragraph, selectors


def _selector(selectors: list[dict], paragraph: int | None, texts: list[str]) -> tuple[Selector | None, int | None]:
    """Flatten the selectors (and what refines them) into one quote with its position."""
    quote_: dict = {}
    position: dict = {}
    for selector in _refinements(selectors):
        kind = selector.get("type")
        if kind == "FragmentSelector" and isinstance(selector.get("value"), str):
            paragraph = _paragraph_of(selector["value"])
        elif kind == "TextQuoteSelector":
            quote_ = selector
        elif kind == "TextPositionSelector":
            position = selector
    exact = quote_.get("exact")
    if quote_ and not (isinstance(exact, str) and exact.strip()):
        raise InvalidInput("The TextQuoteSelector has no `exact` text to find.")
    start, end = _offsets(position) if position else (None, None)
    if paragraph is None and start is not None and end is not None:  # positions over the whole article
        at = _within_paragraph(texts, start, end, required=not quote_)
        if at and (not quote_ or texts[at[0]][at[1]:at[2]] == exact):
            paragraph, start, end = at
        else:  # the quote is what counts (as in the reader): found wherever it is
            start = end = None
    if paragraph is not None and not 0 <= paragraph < len(texts):
        raise InvalidInput(f"Paragraph {paragraph} does not exist: this article has paragraphs 0 to {len(texts) - 1}.")
    if not quote_ and start is not None and end is not None:
        assert paragraph is not None
        exact = texts[paragraph][start:end]
        if not exact.strip():
            raise InvalidInput(f"The TextPositionSelector {start}–{end} selects no text in paragraph {paragraph}.")
    if exact is None:
        return None, paragraph
    prefix, suffix = quote_.get("prefix"), quote_.get("suffix")
    return Selector(exact=exact, prefix=prefix if isinstance(prefix, str) else None,
                    suffix=suffix if isinstance(suffix, str) else None, start=start, end=end), paragraph


def _refinements(selectors: list[dict]) -> list[dict]:
    out: list[dict] = []
    pending = list(selectors)
    while pending and len(out) < 20:  # a refinedBy chain is short; a cycle cannot be sent in JSON
        selector = pending.pop(0)
        out.append(selector)
        pending += [s for s in _many(selector.get("refinedBy")) if isinstance(s, dict)]
    return out


def _offsets(position: dict) -> tuple[int, int]:
    start, end = position.get("start"), position.get("end")
    if not (type(start) is int and type(end) is int and 0 <= start < end <= 10**9):
        raise InvalidInput("A TextPositionSelector needs whole numbers `start` < `end`, counted from 0.")
    return start, end


def _within_paragraph(texts: list[str], start: int, end: int, *, required: bool) -> tuple[int, int, int] | None:
    """Article-wide offsets (paragraphs joined by a blank line) as a paragraph and offsets in it."""
    at = 0
    for index, text in enumerate(texts):
        if at <= start and end <= at + len(text):
            return index, start - at, end - at
        at += len(text) + len(PARAGRAPH_JOINER)
    if not required:
        return None
    raise InvalidInput(f"The TextPositionSelector {start}–{end} does not fall within one paragraph of this article "
                       "(positions count over its paragraphs joined by a blank line).")


def _paragraph_of(fragment: str) -> int:
    match = re.fullmatch(r"p-(\d{1,9})", fragment)
    if match is None:
        raise InvalidInput(f"The fragment {fragment[:50]!r} names no paragraph: use p-N, as in the reader's addresses.")
    return int(match.group(1))


def _bodies(document: dict) -> tuple[str, list[str]]:
    """The note's text (commenting bodies, or bodyValue) and its tags (tagging bodies)."""
    motivation = _many(document.get("motivation"))
    texts: list[str] = []
    tags: list[str] = []
    if isinstance(document.get("bodyValue"), str):
        texts.append(document["bodyValue"])
    for body in _many(document.get("body")):
        value = body.get("value") if isinstance(body, dict) else None
        if not isinstance(value, str):
            raise InvalidInput("Only textual bodies are kept: each body needs a `value` (TextualBody); "
                               "links to other resources cannot be stored as a note.")
        purposes = _many(body.get("purpose")) or motivation
        (tags if "tagging" in purposes else texts).append(value)
    return "\n\n".join(t.strip() for t in texts if t.strip()), [t for t in tags if t.strip()]


def _many(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _datetime(moment: datetime) -> str:
    """xsd:dateTime in UTC with its zone, as the model asks (stored times are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
