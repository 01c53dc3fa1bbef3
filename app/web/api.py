"""JSON API under /api: the same service functions as the pages, as JSON."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from app.deps import SessionDep
from app.schemas import (
    ActorDetail,
    ActorSummary,
    AlignmentOut,
    AnnotationDraft,
    AnnotationOut,
    AnnotationPatch,
    ArticleDetail,
    ArticleSummary,
    ClaimDetail,
    ClaimOut,
    ContradictionDraft,
    ContradictionOut,
    CurationRequest,
    DecisionDraft,
    IngestEventOut,
    JobStatus,
    MentionInContext,
    MetadataCorrection,
    Page,
    ReplyDraft,
    RevisionOut,
    SearchPage,
    TagCount,
)
from app.services import actors as actors_service
from app.services import annotation_collections, history, web_annotations
from app.services import annotations as notes_service
from app.services import articles as articles_service
from app.services import claims as claims_service
from app.services import contradictions as contradictions_service
from app.services.alignment import align_articles
from app.services.curation import curate, reject_mention, undo_action
from app.services.ingest import ingest_events
from app.services.jobs import job_status
from app.services.search import MAX_QUERY_CHARS, search
from app.web.auth import Analyst
from app.web.params import (
    DEFAULT_LIMIT,
    ActorSort,
    ClaimKind,
    ContradictionKind,
    ContradictionStatus,
    Expand,
    Limit,
    Offset,
    RevisionKind,
    Text,
)
from app.web.viewer import ViewerName

router = APIRouter(prefix="/api", tags=["api"])



@router.get("/articles", response_model=Page[ArticleSummary])
def articles(session: SessionDep, viewer: ViewerName, language: Text = None, outlet: Text = None, tag: Text = None,
             q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)] = None, actor: Text = None,
             limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[ArticleSummary]:
    """Filters combine; `actor` (a slug) keeps the articles that mention that actor."""
    return articles_service.list_articles(session=session, language=language, outlet=outlet, tag=tag, q=q, actor=actor, limit=limit,
                                          offset=offset, viewer=viewer)


@router.get("/articles/{slug}", response_model=ArticleDetail)
def article(session: SessionDep, viewer: ViewerName, slug: str, start: Annotated[int, Query(alias="from", ge=0, le=10**7)] = 0,
            stop: Annotated[int | None, Query(alias="to", ge=1, le=10**7)] = None,
            notes: Annotated[int, Query(ge=0, le=10**7)] = 0) -> ArticleDetail:
    """Paragraphs `from` (default 0) to `to` (exclusive; default: 200 paragraphs, at most 1000),
    with their notes (100 of them from `notes`, in reading order; `annotations_total` says how many),
    mentions, claims and contradictions; `paragraph_count` says how many paragraphs there are."""
    return articles_service.get_article(session=session, slug=slug, start=start, stop=stop, viewer=viewer, notes_from=notes)


@router.patch("/articles/{slug}", response_model=ArticleDetail)
def correct_article(session: SessionDep, who: Analyst, slug: str, correction: MetadataCorrection) -> ArticleDetail:
    return articles_service.correct_metadata(session=session, slug=slug, correction=correction, viewer=who.name)


@router.get("/compare", response_model=list[ArticleDetail])
def compare(session: SessionDep, viewer: ViewerName, articles: Annotated[list[str], Query(max_length=2000)] = []) -> list[ArticleDetail]:  # noqa: B006
    return articles_service.compare_view(session=session, slugs=articles_service.parse_compare_set(articles), viewer=viewer)


@router.get("/annotations", response_model=Page[AnnotationOut])
def annotations(session: SessionDep, viewer: ViewerName, article: Text = None, tag: Text = None, author: Text = None,
                limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[AnnotationOut]:
    """The notes you may see (the team's and your private ones), each with its `replies`."""
    return notes_service.list_annotations(session=session, viewer=viewer, article=article, tag=tag, author=author, limit=limit, offset=offset)


@router.get("/annotations.jsonld")
def annotations_jsonld(request: Request, session: SessionDep, viewer: ViewerName, article: Text = None, tag: Text = None, author: Text = None,
                       page: Annotated[int | None, Query(ge=0, le=0)] = None) -> Response:
    """Every note the filters keep as one W3C AnnotationCollection, its items in one AnnotationPage
    (`?page=0` is that page alone). The paged, writable container is `/annotations/`."""
    listing = web_annotations.note_listing(base=str(request.base_url).rstrip("/"), path="/api/annotations.jsonld", article=article,
                                           tag=tag, author=author, page_size=None, container=False)
    fetch = web_annotations.notes_fetch(session=session, listing=listing, viewer=viewer)
    document = (annotation_collections.page(listing=listing, fetch=fetch, number=page) if page is not None
                else annotation_collections.collection(listing=listing, fetch=fetch))
    return Response(json.dumps(document, ensure_ascii=False), media_type=annotation_collections.ANNO_PROFILE)


@router.post("/annotations", response_model=AnnotationOut, status_code=201)
def create_annotation(session: SessionDep, who: Analyst, draft: AnnotationDraft) -> AnnotationOut:
    """A note by the requester (its author is the logged-in user or the token's user);
    `visibility`: `team` (the default) or `private` (only you see it, and its replies)."""
    return notes_service.create_annotation(session=session, draft=draft, author=who.name)


@router.post("/annotations/{annotation_id}/replies", response_model=AnnotationOut, status_code=201)
def create_reply(session: SessionDep, who: Analyst, annotation_id: int, draft: ReplyDraft) -> AnnotationOut:
    """A reply in the note's thread (a reply to a reply joins the same thread); it is edited and
    deleted like a note, by its author. A private note is answered by its author alone (others: 404)."""
    return notes_service.create_reply(session=session, annotation_id=annotation_id, body=draft.body, author=who.name)


@router.get("/annotations/{annotation_id}", response_model=AnnotationOut)
def annotation(session: SessionDep, viewer: ViewerName, annotation_id: int) -> AnnotationOut:
    """A note with its `replies`; someone else's private note is 404."""
    return notes_service.get_annotation(session=session, annotation_id=annotation_id, viewer=viewer)


@router.patch("/annotations/{annotation_id}", response_model=AnnotationOut)
def update_annotation(session: SessionDep, who: Analyst, annotation_id: int, patch: AnnotationPatch) -> AnnotationOut:
    return notes_service.update_annotation(session=session, annotation_id=annotation_id, patch=patch, author=who.name)


@router.delete("/annotations/{annotation_id}", response_model=AnnotationOut)
def delete_annotation(session: SessionDep, who: Analyst, annotation_id: int, reason: Text = None) -> AnnotationOut:
    """Hides the note; POST …/restore brings it back. Its author may; an admin may hide anyone's,
    with `?reason=` (kept in its history)."""
    return notes_service.delete_annotation(session=session, annotation_id=annotation_id, author=who.name,
                                           admin=who.can("admin"), reason=reason or "")


@router.post("/annotations/{annotation_id}/restore", response_model=AnnotationOut)
def restore_annotation(session: SessionDep, who: Analyst, annotation_id: int) -> AnnotationOut:
    return notes_service.restore_annotation(session=session, annotation_id=annotation_id, author=who.name,
                                            admin=who.can("admin"))


@router.get("/annotations/{annotation_id}/history", response_model=Page[RevisionOut])
def annotation_history(session: SessionDep, viewer: ViewerName, annotation_id: int,
                       limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[RevisionOut]:
    """Every version of a note, newest first (deleted notes too)."""
    versions = notes_service.annotation_history(session=session, annotation_id=annotation_id, viewer=viewer)
    return Page[RevisionOut].of(versions, limit, offset)


@router.post("/annotations/{annotation_id}/revisions/{revision_id}/restore", response_model=AnnotationOut)
def restore_revision(session: SessionDep, who: Analyst, annotation_id: int, revision_id: int) -> AnnotationOut:
    """Bring back the body and tags a note had after that revision (undeleting it)."""
    return notes_service.restore_version(session=session, annotation_id=annotation_id, revision_id=revision_id,
                                         author=who.name, admin=who.can("admin"))


@router.get("/activity", response_model=Page[RevisionOut])
def activity(session: SessionDep, viewer: ViewerName, author: Text = None, kind: RevisionKind = None,
             limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[RevisionOut]:
    """The team's feed: every change to notes, actors and contradictions, newest first."""
    return history.activity(session=session, viewer=viewer, author=author, kind=kind, limit=limit, offset=offset)


@router.get("/tags", response_model=Page[TagCount])
def tags(session: SessionDep, viewer: ViewerName, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[TagCount]:
    """The tags on notes you may see, most used first."""
    return Page[TagCount].of(notes_service.list_tags(session=session, viewer=viewer), limit, offset)


@router.get("/search", response_model=SearchPage)
def search_api(session: SessionDep, q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
               limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> SearchPage:
    return search(session=session, q=q, limit=limit, offset=offset)


@router.get("/ingest/events", response_model=Page[IngestEventOut])
def ingest_log(session: SessionDep, status: Text = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[IngestEventOut]:
    return ingest_events(session=session, status=status, limit=limit, offset=offset)


@router.get("/jobs", response_model=JobStatus)
def jobs(session: SessionDep) -> JobStatus:
    """The analysis queue: jobs per state, the current run's progress, running jobs and the latest failures."""
    return job_status(session=session)


@router.get("/actors", response_model=Page[ActorSummary])
def actors(session: SessionDep, kind: Text = None, language: Text = None, article: Text = None, q: Text = None,
           sort: ActorSort = "mentions",
           limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[ActorSummary]:
    return actors_service.list_actors(session=session, kind=kind, language=language, article=article, q=q, sort=sort, limit=limit, offset=offset)


@router.get("/actors/{slug}", response_model=ActorDetail)
def actor(session: SessionDep, slug: str) -> ActorDetail:
    return actors_service.get_actor(session=session, slug=slug)


@router.get("/actors/{slug}/mentions", response_model=Page[MentionInContext])
def actor_mentions(session: SessionDep, slug: str, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[MentionInContext]:
    return actors_service.actor_mentions(session=session, slug=slug, limit=limit, offset=offset)


@router.post("/actors/{slug}/{action:curation}", response_model=ActorDetail)
def curate_actor(session: SessionDep, who: Analyst, slug: str, action: Literal["rename", "kind", "add_alias", "remove_alias", "merge", "split", "confirm", "wikidata"],
                 request: CurationRequest) -> ActorDetail:
    """Curation, as the forms on the actor page: the fields each action reads are in CurationRequest."""
    changed = curate(session=session, slug=slug, action=action, request=request, author=who.name)
    return actors_service.get_actor(session=session, slug=changed.slug)


@router.post("/mentions/{mention_id}/reject", response_model=ActorDetail)
def reject(session: SessionDep, who: Analyst, mention_id: int) -> ActorDetail:
    changed = reject_mention(session=session, mention_id=mention_id, author=who.name)
    return actors_service.get_actor(session=session, slug=changed.slug)


@router.post("/curation/{action_id}/undo", response_model=ActorDetail)
def undo(session: SessionDep, who: Analyst, action_id: int) -> ActorDetail:
    changed = undo_action(session=session, action_id=action_id, author=who.name)
    return actors_service.get_actor(session=session, slug=changed.slug)


@router.get("/claims", response_model=Page[ClaimOut])
def claims(session: SessionDep, kind: ClaimKind = None,
           speaker: Text = None, metric: Text = None, article: Text = None, language: Text = None,
           limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[ClaimOut]:
    return claims_service.list_claims(session=session, kind=kind, speaker=speaker, metric=metric, article=article, language=language, limit=limit, offset=offset)


@router.get("/claims/{claim_id}", response_model=ClaimDetail)
def claim(session: SessionDep, claim_id: int) -> ClaimDetail:
    """One claim, with `matches`: the other articles' reports of the same statement or figure."""
    return claims_service.get_claim(session=session, claim_id=claim_id)


@router.get("/contradictions", response_model=Page[ContradictionOut])
def contradictions(session: SessionDep, kind: ContradictionKind = None,
                   status: ContradictionStatus = None,
                   article: Text = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
                   expand: Expand = None) -> Page[ContradictionOut]:
    """Passages name their article and paragraph and link to it (`paragraph_url`); `?expand=paragraphs`
    embeds each paragraph's text too."""
    return contradictions_service.list_contradictions(session=session, kind=kind, status=status, article=article, limit=limit,
                                                      offset=offset, paragraph_texts=expand == "paragraphs")


@router.get("/contradictions/{contradiction_id}", response_model=ContradictionOut)
def contradiction(session: SessionDep, contradiction_id: int, expand: Expand = None) -> ContradictionOut:
    """As in the list: `?expand=paragraphs` embeds the passages' paragraph texts."""
    return contradictions_service.get_contradiction(session=session, contradiction_id=contradiction_id,
                                                    paragraph_texts=expand == "paragraphs")


@router.post("/contradictions", response_model=ContradictionOut, status_code=201)
def create_contradiction(session: SessionDep, who: Analyst, draft: ContradictionDraft) -> ContradictionOut:
    """An analyst's contradiction: a kind, a one-line reason, and two or more claim ids or passages."""
    return contradictions_service.create_contradiction(session=session, draft=draft, author=who.name)


@router.patch("/contradictions/{contradiction_id}", response_model=ContradictionOut)
def decide_contradiction(session: SessionDep, who: Analyst, contradiction_id: int, decision: DecisionDraft) -> ContradictionOut:
    """Set the status (suggested, confirmed, dismissed) with a note; the history keeps every decision."""
    return contradictions_service.decide(session=session, contradiction_id=contradiction_id, decision=decision, author=who.name)


@router.get("/alignments", response_model=AlignmentOut)
def alignment(session: SessionDep, a: Annotated[str, Query(min_length=1, max_length=200)],
              b: Annotated[str, Query(min_length=1, max_length=200)]) -> AlignmentOut:
    """Aligned paragraph pairs of two articles (None marks a gap), with scores and how likely the
    two are versions of one text."""
    return align_articles(session=session, a=a, b=b)
