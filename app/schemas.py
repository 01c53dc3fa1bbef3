"""The public shapes of articles, annotations, tags and search hits: JSON and pages share them."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")
Visibility = Literal["team", "private"]  # private: only the note's author sees it (and its thread)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int | None = None
    offset: int = 0

    @classmethod
    def of(cls, items: list[T], limit: int | None, offset: int = 0) -> Page[T]:
        """A page of a short list already in memory (a note's versions, the tags)."""
        return cls(items=items[offset:None if limit is None else offset + limit], total=len(items), limit=limit, offset=offset)


class StoryRef(BaseModel):
    slug: str
    title: str


class ArticleSummary(BaseModel):
    id: int
    slug: str
    title: str
    outlet: str | None
    language: str
    direction: str
    published: str | None
    source_file: str
    paragraph_count: int
    url: str | None
    note_count: int = 0
    corrected: list[str] = []
    story: StoryRef | None = None  # the story (event) it belongs to, None until analysis places it


class ParagraphOut(BaseModel):
    index: int
    text: str
    kind: str
    furniture: bool


class Selector(BaseModel):
    exact: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = None
    end: int | None = None


class AnnotationOut(BaseModel):
    id: int
    article: str
    paragraph: int | None
    selector: Selector | None
    body: str
    tags: list[str]
    author: str
    created: datetime
    modified: datetime
    orphaned: bool = False
    deleted: datetime | None = None
    visibility: Visibility = "team"
    reply_to: int | None = None  # a reply: the note it answers
    replies: list[AnnotationOut] = []  # a note's thread, oldest first (a reply has none)


class MentionOut(BaseModel):
    id: int
    article: str
    paragraph: int
    start: int
    end: int
    text: str
    method: str
    confirmed: bool
    actor: str  # the actor's slug
    actor_name: str
    kind: str


class ClaimOut(BaseModel):
    id: int
    kind: str  # statement, figure
    article: str
    paragraph: int
    start: int
    end: int
    text: str
    speaker: str | None = None
    verb: str | None = None
    source_chain: list[str] = []
    metric: str | None = None
    value: int | float | None = Field(None, description="the amount as stated; an int when whole (457, not 457.0); for "
                                      "an approximate amount, the low end of its range", examples=[457])
    value_high: int | float | None = Field(None, description="the high end of a stated range (\"10 à 20\") or of an "
                                           "approximate amount's order of magnitude (\"des milliers\": 1000 to 10000)")
    qualifier: str | None = None
    population: str | None = None
    period: str | None = None
    approximate: bool = Field(False, description="a vague amount (\"des centaines\", \"about 300\"): not a count; "
                              "value..value_high is its honest range when the words give one, else value_high is null")
    unit: str | None = None  # people, count, tonnes, km, percent, a currency code…
    attributed_to: str | None = None  # whom the figure is attributed to, as written ("ministère de l'Intérieur")
    outlet: str | None = None
    published: str | None = None
    language: str = "und"
    source: str = ""  # the article's name as people read it: outlet or short title (the date is `published`)
    reported_by: int = Field(1, description="how many articles report this statement or figure (translations count): "
                             "this claim's article and those of its matches, /api/claims/{id}")


class ClaimReport(BaseModel):
    """Another article's report of one matched statement or figure."""

    id: int
    article: str
    paragraph: int
    start: int
    end: int
    text: str
    speaker: str | None = None
    language: str = "und"
    source: str = ""
    published: str | None = None
    how: str | None = Field(None, description="version: the same text's aligned paragraph in another version or "
                            "translation; wording: the same speaker in close words; figure: the same metric, amount "
                            "and source; null: matched through another report")
    score: float | None = None
    url: str = Field(description="the passage in the reader: /articles/{slug}#p-{paragraph}")
    claim_url: str


class ClaimDetail(ClaimOut):
    matches: list[ClaimReport] = []


class ContradictionMark(BaseModel):
    """Where an article takes part in a contradiction: the disputed words of one passage."""

    id: int  # the contradiction
    kind: str
    status: str  # suggested or confirmed (dismissed ones are not marked)
    paragraph: int
    start: int
    end: int
    reason: str = ""


class ArticleDetail(ArticleSummary):
    paragraphs_from: int = 0  # the paragraphs carried: [paragraphs_from, paragraphs_to) of paragraph_count
    paragraphs_to: int = 0
    paragraphs: list[ParagraphOut]
    annotations: list[AnnotationOut]  # the notes of those paragraphs (and of the whole article), a page of them:
    annotations_from: int = 0  # [annotations_from, + len(annotations)) of annotations_total, in reading order
    annotations_total: int = 0
    mentions: list[MentionOut] = []
    claims: list[ClaimOut] = []
    contradictions: list[ContradictionMark] = []


class AnnotationDraft(BaseModel):
    """What a client sends to create a note; only `exact` is needed to quote a passage."""

    article: str
    paragraph: int | None = None
    selector: Selector | None = None
    body: str = ""
    tags: list[str] = Field(default_factory=list)
    visibility: Visibility = "team"


class AnnotationPatch(BaseModel):
    body: str | None = None
    tags: list[str] | None = None
    visibility: Visibility | None = None


class ReplyDraft(BaseModel):
    """A reply in a note's thread: text only (it has no passage or tags of its own)."""

    body: str


class MetadataCorrection(BaseModel):
    """Fields left out stay as they are; an empty string removes the correction."""

    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None


class TagCount(BaseModel):
    tag: str
    count: int


class SearchHit(BaseModel):
    article: str
    title: str
    paragraph: int
    snippet: str  # HTML: the text escaped, matched words in <mark>
    language: str
    direction: str


class SearchActor(BaseModel):
    """An actor the query names: the search also looked for its other spellings."""

    slug: str
    name: str
    kind: str
    spellings: list[str]  # every name and alias searched for


class SearchPage(Page[SearchHit]):
    actors: list[SearchActor] = []  # the actors whose names the query is, first


class IngestEventOut(BaseModel):
    at: datetime
    source_file: str
    status: str
    reason: str | None
    article: str | None


class AliasOut(BaseModel):
    text: str
    language: str
    origin: str = "registry"


class ActorSummary(BaseModel):
    id: int
    slug: str
    name: str
    kind: str
    confirmed: bool
    origin: str
    aliases: list[AliasOut]
    mention_count: int
    article_count: int
    languages: list[str] = []
    wikidata: str | None = None  # its Wikidata item ("Q142"); wikidata_url links to it
    wikidata_url: str | None = None


class MentionInContext(MentionOut):
    sentence: str
    article_title: str
    language: str
    direction: str


class CoActor(BaseModel):
    actor: ActorSummary
    articles: int  # articles where both are mentioned


class CurationOut(BaseModel):
    id: int
    at: datetime
    author: str
    action: str
    summary: str
    undone: datetime | None


class ActorDetail(ActorSummary):
    merged_into: str | None = None  # the slug of the actor this one was merged into
    articles: list[ArticleSummary]
    co_actors: list[CoActor]
    co_actors_within: int = 0  # co-actors are counted over the actor's latest this many articles
    history: list[CurationOut]


class CurationRequest(BaseModel):
    """The fields of a curation form; each action reads the ones it needs."""

    name: str = ""
    kind: str = ""
    alias: str = ""
    language: str = ""
    into: str = ""
    wikidata: str = ""  # a Wikidata item id ("Q142"); empty clears it


class PassageOut(BaseModel):
    article: str
    article_title: str = ""
    source: str = ""  # how a person reads the article's name: outlet or short title, and date
    language: str = "und"
    direction: str = "ltr"
    paragraph: int
    start: int
    end: int
    text: str
    label: str = ""
    paragraph_text: str | None = None  # the whole paragraph: pages have it; the API with ?expand=paragraphs
    paragraph_url: str = ""  # the paragraph as JSON: /api/articles/{slug}?from=N&to=N+1
    sentence: str = ""  # the sentence(s) holding the passage, so a one-word passage reads in context
    sentence_start: int = 0  # where `sentence` starts in paragraph_text


class DecisionOut(BaseModel):
    status: str
    note: str
    author: str
    at: datetime


class ContradictionOut(BaseModel):
    id: int
    kind: str
    status: str
    origin: str
    strength: str = "soft"  # strong, soft, minor: how much the disagreement weighs
    score: float = 0.0  # orders the board, strongest first; the reason explains it
    reason: str
    current: bool = True
    table: list[tuple[str, list[str]]] = []  # framing: the labels each source uses
    claims: list[PassageOut]
    decisions: list[DecisionOut] = []


class PassageRef(BaseModel):
    """A passage named by an analyst: an article, a paragraph, and optionally a quote in it."""

    article: str
    paragraph: int
    exact: str | None = None


class ContradictionDraft(BaseModel):
    kind: str
    reason: str
    claims: list[int] = []  # claim ids, or
    passages: list[PassageRef] = []  # passages, two or more in all
    note: str = ""


class DecisionDraft(BaseModel):
    status: str  # suggested, confirmed, dismissed
    note: str = ""


class AlignedPair(BaseModel):
    a: int | None  # paragraph index in article a, None for a gap
    b: int | None
    score: float


class AlignmentOut(BaseModel):
    a: str
    b: str
    version_score: float  # how likely the two are versions of one text (0 to 1)
    pairs: list[AlignedPair]


class RevisionOut(BaseModel):
    """One change to an analyst-made item: who, when, what it was before and after."""

    id: int
    at: datetime
    author: str
    kind: str  # annotation, actor, contradiction
    item_id: int
    action: str
    summary: str
    before: dict | None = None
    after: dict | None = None
    url: str  # the page of the item


class JobOut(BaseModel):
    id: int
    article: str | None  # the article's slug
    title: str | None
    state: str  # queued, running, done, failed
    attempts: int
    error: str | None
    worker: str | None
    created: datetime
    started: datetime | None
    heartbeat: datetime | None
    lease_expires: datetime | None
    finished: datetime | None
    lease_expired: bool = False  # running, but its worker stopped renewing: the next claim takes it again


class JobProgress(BaseModel):
    """The current run: jobs queued since the oldest one still open."""

    total: int
    finished: int  # done or failed
    percent: int


class JobStatus(BaseModel):
    counts: dict[str, int]  # every state, all time
    progress: JobProgress | None  # None when nothing is queued or running
    running: list[JobOut]
    failed: list[JobOut]  # the latest, newest first


class StorySummary(BaseModel):
    id: int
    slug: str
    title: str
    renamed_by: str | None = None  # the analyst who named it; None: named after its first article
    first: str | None = None  # the earliest and latest publication dates of its articles
    last: str | None = None
    languages: list[str] = []
    outlets: list[str] = []
    article_count: int = 0
    open_contradictions: int = 0  # suggested or confirmed, not dismissed, still found


class StoryArticleOut(BaseModel):
    slug: str
    title: str
    outlet: str | None
    language: str
    direction: str
    published: str | None
    placed_by: str | None = None  # the analyst who put it in this story (the machine leaves it there)


class StorySource(BaseModel):
    outlet: str
    languages: list[str]
    articles: list[str]  # slugs


class StoryMetric(BaseModel):
    metric: str
    unit: str | None
    figures: list[ClaimOut]


class StoryContradiction(BaseModel):
    id: int
    kind: str
    status: str
    strength: str
    reason: str


class StoryDetail(StorySummary):
    articles: list[StoryArticleOut] = []  # the timeline: by publication date, undated last
    sources: list[StorySource] = []
    metrics: list[StoryMetric] = []
    contradictions: list[StoryContradiction] = []
    compare: str | None = None  # the compare view of its first articles (2-4)
    history: list[RevisionOut] = []


class StoryMove(BaseModel):
    story: str = Field(min_length=1, max_length=300)  # a story's slug, or "new" for a story of its own


class StoryMerge(BaseModel):
    into: str = Field(min_length=1, max_length=300)


class StorySplit(BaseModel):
    articles: list[str] = Field(min_length=1, max_length=500)
    title: str = Field(default="", max_length=300)


class StoryRename(BaseModel):
    title: str = Field(min_length=1, max_length=300)
