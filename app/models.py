"""Database tables: articles and their paragraphs, analysts' annotations and tags, ingest events."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Column, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

# Metadata fields an analyst may correct; a correction wins over every re-ingest.
CORRECTABLE_FIELDS = ("title", "outlet", "published", "language")


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True)
    source_file: str = Field(index=True, unique=True)  # the file's name; "dir/name" for a second of that name
    # Where the file was read from (absolute): its identity at re-ingest. None for uploads and
    # articles ingested before 0006 (matched by name, then given their path).
    source_path: str | None = Field(default=None, index=True)
    content_hash: str = Field(index=True)
    title: str
    outlet: str | None = Field(default=None, index=True)
    published: str | None = None  # ISO date; None when the source does not say
    language: str = Field(default="und", index=True)
    direction: str = "ltr"
    url: str | None = None
    # What the parser found, kept so a removed correction falls back to it.
    parsed: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    corrected: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created: datetime = Field(default_factory=utcnow)
    updated: datetime = Field(default_factory=utcnow)


TEXT_KINDS = ("body", "title")  # the paragraph kinds that are the article's text; any other is page furniture


class Paragraph(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("article_id", "index"),)
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    index: int
    text: str
    kind: str = "body"  # "body", "title", or the kind of page furniture

    @property
    def furniture(self) -> bool:
        return self.kind not in TEXT_KINDS


class AnnotationTag(SQLModel, table=True):
    annotation_id: int = Field(foreign_key="annotation.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE")


class Tag(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)


class Annotation(SQLModel, table=True):
    """A note (and tags) on an article, a paragraph, or a quoted passage (W3C selectors)."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    paragraph: int | None = None  # None: the note is on the whole article
    exact: str | None = None  # TextQuoteSelector; offsets are within the paragraph text
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = None  # TextPositionSelector
    end: int | None = None
    body: str = ""
    author: str = "anonymous"
    created: datetime = Field(default_factory=utcnow)
    modified: datetime = Field(default_factory=utcnow)
    deleted: datetime | None = None  # deleting hides; restoring clears it
    orphaned: bool = False  # the quote vanished from a changed source file
    slug: str | None = Field(default=None, unique=True, index=True)  # a W3C client's Slug: the note's IRI is /annotations/{slug}
    visibility: str = Field(default="team", index=True)  # team | private (only its author sees it: app.services.note_visibility)
    reply_to: int | None = Field(default=None, foreign_key="annotation.id", index=True)  # a reply: the note it answers (threads are flat)


class IngestEvent(SQLModel, table=True):
    """One file's outcome in one ingest run, so rejections can be read back later."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    source_file: str
    status: str  # added, unchanged, updated, rejected
    reason: str | None = None
    article_slug: str | None = None


class Actor(SQLModel, table=True):
    """A person, organisation, country, media outlet, place or group, across spellings."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True)
    name: str
    kind: str
    registry_key: str | None = Field(default=None, index=True)  # its name in seeds/actors.toml
    origin: str = "registry"  # registry, model, candidate, analyst
    confirmed: bool = True  # False: a capitalised-name candidate no analyst has confirmed
    merged_into: int | None = Field(default=None, foreign_key="actor.id")  # merging hides, never deletes
    wikidata: str | None = None  # its Wikidata item ("Q142"): from the registry, or set by an analyst
    created: datetime = Field(default_factory=utcnow)
    modified: datetime = Field(default_factory=utcnow)


class ActorAlias(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("actor_id", "text", "language"),)
    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="actor.id", index=True)
    text: str
    language: str = ""  # "" when the spelling is not tied to one language
    origin: str = "registry"  # registry, discovered, analyst
    removed: bool = False  # an analyst removed it: re-ingest and registry reloads keep it removed


class Mention(SQLModel, table=True):
    # An actor's articles read from the index alone: its counts, its latest articles, co-actors.
    __table_args__ = (Index("ix_mention_actor_article", "actor_id", "article_id"),)
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    actor_id: int = Field(foreign_key="actor.id")
    paragraph: int
    start: int
    end: int
    text: str
    method: str  # registry, model, coreference, analyst
    confirmed: bool = True


class ActorStats(SQLModel, table=True):
    """An actor's mentions and articles in one language, kept by app.services.actor_counts
    whenever mentions change, so lists of actors never count mentions."""

    __tablename__ = "actor_stats"
    actor_id: int = Field(foreign_key="actor.id", primary_key=True)
    language: str = Field(primary_key=True)
    mention_count: int = 0
    article_count: int = 0


class MentionRejection(SQLModel, table=True):
    """An analyst said this span is not that actor; it stays rejected after re-ingest."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    actor_id: int = Field(foreign_key="actor.id")
    paragraph: int
    text: str
    author: str = "anonymous"
    at: datetime = Field(default_factory=utcnow)
    undone: bool = False


class CurationAction(SQLModel, table=True):
    """Who changed which actor how and when, with what is needed to undo it."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    author: str = "anonymous"
    action: str  # rename, kind, wikidata, add_alias, remove_alias, merge, split, reject, confirm
    actor_id: int = Field(foreign_key="actor.id", index=True)
    detail: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    undone: datetime | None = None


class AnalysisState(SQLModel, table=True):
    """Which version of an article the actor analysis last ran on."""

    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    content_hash: str
    registry_version: str
    # The NER model's entity spans per paragraph, so re-matching after curation needs no model.
    model_spans: list | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    at: datetime = Field(default_factory=utcnow)


class AnalysedForm(SQLModel, table=True):
    """An article's analysed form (its figures, statements and actors in place), stored once, so
    that comparing it with each newcomer to its story does not analyse it again, in any process."""

    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    key: str  # a digest of what it was computed from: text, metadata, mentions, vocabulary, analysis code
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))  # zlib-compressed pickle


class Claim(SQLModel, table=True):
    """Who said what (a statement) or which number was reported (a figure), with its exact span."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    kind: str  # statement, figure
    paragraph: int
    start: int
    end: int
    text: str
    speaker: str | None = Field(default=None, index=True)
    verb: str | None = None
    source_chain: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    metric: str | None = Field(default=None, index=True)
    value: float | None = None
    value_high: float | None = None
    qualifier: str | None = None
    population: str | None = None
    period: str | None = None
    # A vague amount ("des centaines") holds its order of magnitude in value..value_high.
    approximate: bool = False
    unit: str | None = None  # people, tonnes, km, magnitude, currency code, percent...
    source: str | None = None  # who the figure is attributed to ("selon le ministère…")


class ClaimMatch(SQLModel, table=True):
    """Two claims of different articles of one story reporting one statement or figure (the lower
    id first): a matched claim is every claim these pairs connect (app.services.claim_matches)."""

    __tablename__ = "claim_match"
    claim_id: int = Field(foreign_key="claim.id", primary_key=True, ondelete="CASCADE")
    other_id: int = Field(foreign_key="claim.id", primary_key=True, index=True, ondelete="CASCADE")
    how: str  # version (one text's aligned paragraphs), wording (same speaker, same words), figure
    score: float = 0.0  # how close, 0-1


class Contradiction(SQLModel, table=True):
    """Passages that disagree, suggested by the machine or created by an analyst, and judged."""

    id: int | None = Field(default=None, primary_key=True)
    # kind + passages, so a re-run finds the same suggestion and keeps its decision.
    fingerprint: str = Field(index=True, unique=True)
    kind: str  # numeric, framing, translation, stance
    reason: str
    origin: str = "machine"  # machine, analyst
    status: str = "suggested"  # suggested, confirmed, dismissed
    strength: str = "soft"  # strong, soft, minor: how much the disagreement weighs
    score: float = 0.0  # orders the board; the reason explains it
    current: bool = True  # False when a re-run no longer finds the evidence (kept, not deleted)
    # For framing: the labels each source uses, as [[source, [label, ...]], ...].
    table: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created: datetime = Field(default_factory=utcnow)
    modified: datetime = Field(default_factory=utcnow)


class ContradictionPassage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    contradiction_id: int = Field(foreign_key="contradiction.id", index=True, ondelete="CASCADE")
    article_id: int = Field(foreign_key="article.id", index=True)
    paragraph: int
    start: int
    end: int
    text: str
    label: str = ""  # what this passage says in a word: a value, a label, a term


class ContradictionDecision(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    contradiction_id: int = Field(foreign_key="contradiction.id", index=True, ondelete="CASCADE")
    status: str
    note: str = ""
    author: str = "anonymous"
    at: datetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    """An analyst's account. Names are never reused or renamed: authorship is recorded by name."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    role: str  # viewer, analyst, admin
    password_hash: str
    created: datetime = Field(default_factory=utcnow)
    disabled: datetime | None = None  # disabling keeps the account (and its history) but refuses it


class UserSession(SQLModel, table=True):
    """A browser login: the cookie holds the token, the database only its hash, so it can be revoked."""

    __tablename__ = "user_session"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    token_hash: str = Field(index=True, unique=True)
    created: datetime = Field(default_factory=utcnow)
    expires: datetime
    last_seen: datetime = Field(default_factory=utcnow)
    revoked: datetime | None = None
    agent: str = ""  # the browser's User-Agent, so a user can tell sessions apart


class ApiToken(SQLModel, table=True):
    """A bearer token for scripts; it acts with its user's role. Only its hash is stored."""

    __tablename__ = "api_token"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    label: str = ""
    token_hash: str = Field(index=True, unique=True)
    hint: str  # the token's last characters, to recognise it in a list
    created: datetime = Field(default_factory=utcnow)
    last_used: datetime | None = None
    revoked: datetime | None = None


class Revision(SQLModel, table=True):
    """One change to an analyst-made item (note, curation, decision): who, when, before and after."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    author: str = Field(index=True)
    item_kind: str = Field(index=True)  # annotation, actor, contradiction
    item_id: int = Field(index=True)
    action: str  # create, edit, delete, restore, a curation action, decide
    summary: str = ""
    before: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class LoginAttempt(SQLModel, table=True):
    """Login attempts per account name or client address in one minute, shared by all processes."""

    __tablename__ = "login_attempt"
    key: str = Field(primary_key=True)  # "name:ana" or "address:10.0.0.7"
    window: int = Field(primary_key=True)  # minutes since the epoch
    count: int = 0


class AnalysisJob(SQLModel, table=True):
    """One article's actor and claim analysis, waiting for a worker or done by one. A worker holds
    a job until `lease_expires`; its heartbeat pushes that on, so a killed worker's job is taken again."""

    __tablename__ = "analysis_job"
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    state: str = Field(default="queued", index=True)  # queued, running, done, failed
    attempts: int = 0  # claims so far; the job fails for good after MAX_ATTEMPTS
    error: str | None = None  # the last failure, as the worker saw it
    worker: str | None = None  # who holds it (or last held it): host, process and a random part
    created: datetime = Field(default_factory=utcnow, index=True)
    started: datetime | None = None
    heartbeat: datetime | None = None
    lease_expires: datetime | None = Field(default=None, index=True)
    finished: datetime | None = None


class Story(SQLModel, table=True):
    """Articles about one event: grouped by the machine as articles are analysed, edited by analysts."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True)  # made once from the first title: renaming keeps links working
    title: str
    title_by: str | None = None  # the analyst who named it; re-analysis never renames it then
    merged_into: int | None = Field(default=None, foreign_key="story.id")  # merging hides, never deletes
    # Kept as articles come and go, so the list is ordered and counted without a scan of them all.
    article_count: int = 0
    last_published: str | None = Field(default=None, index=True)
    created: datetime = Field(default_factory=utcnow)
    modified: datetime = Field(default_factory=utcnow)


class StoryArticle(SQLModel, table=True):
    """The story of an article, and what assignment compares (app.analysis.stories.Features)."""

    __tablename__ = "story_article"
    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    story_id: int = Field(foreign_key="story.id", index=True)
    placed_by: str | None = None  # the analyst who put it there: the machine never moves it again
    features: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    at: datetime = Field(default_factory=utcnow)


class StoryKey(SQLModel, table=True):
    """The index that finds a new article's candidates: its rare actors and numbers."""

    __tablename__ = "story_key"
    key: str = Field(primary_key=True)
    article_id: int = Field(foreign_key="article.id", primary_key=True, index=True, ondelete="CASCADE")


class Outlet(SQLModel, table=True):
    """A news outlet: the names, aliases and web domains its articles give, and what analysts
    know of it. Seeded from vocab/outlets.toml; a field an analyst edited (`edited`) is never
    overwritten by the file again. Articles are matched to it by name at read time."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True)  # made once from the first name: renaming keeps links working
    name: str
    aliases: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # other names, any script
    domains: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # "example.com" matches its subdomains
    country: str | None = None  # ISO 3166-1 alpha-2
    state_media: bool = False
    state_media_note: str = ""  # why: who owns or funds it
    ownership: str = ""  # ownership and affiliation notes
    seed_key: str | None = Field(default=None, index=True, unique=True)  # its key in vocab/outlets.toml
    edited: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # fields analysts changed
    created: datetime = Field(default_factory=utcnow)
    modified: datetime = Field(default_factory=utcnow)
