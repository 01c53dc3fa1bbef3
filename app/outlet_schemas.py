"""The public shapes of outlets (pages and JSON share them) and of an analyst's edit of one."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StrictBool

from app.schemas import Page, RevisionOut

NOTE_MAX = 2000
NAMES_MAX = 50  # aliases or domains of one outlet
Name = Annotated[str, Field(max_length=200)]


class OutletSummary(BaseModel):
    id: int
    slug: str
    name: str
    country: str | None
    country_name: str | None  # in English, from CLDR
    state_media: bool
    article_count: int
    languages: list[str]
    url: str  # its page


class UnknownOutlet(BaseModel):
    """An outlet line of articles that names no outlet yet: for an analyst to name."""

    text: str
    article_count: int
    languages: list[str]
    example: str  # an article's slug


class OutletArticle(BaseModel):
    slug: str
    title: str
    language: str
    published: str | None
    outlet_line: str | None  # what the article's outlet line says


class QuotedActor(BaseModel):
    speaker: str
    statements: int
    articles: int
    actor: str | None  # the actor's slug when the name is an actor's


class LabelCount(BaseModel):
    label: str
    stance: str
    uses: int
    quoted: int  # of those, inside quotation marks (someone else's words carried)
    articles: int
    words: list[str]  # as written, a few


class FigureStanding(BaseModel):
    story: str  # slug
    story_title: str
    metric: str
    unit: str | None
    value: int | float
    low: int | float
    high: int | float
    sources: int
    verdict: str  # highest, lowest, between


class FigureRecord(BaseModel):
    compared: int  # story metrics it reported alongside at least one other source that differs
    highest: int
    lowest: int
    standings: list[FigureStanding]


class OutletDetail(OutletSummary):
    aliases: list[str]
    domains: list[str]
    state_media_note: str
    ownership: str
    seeded: bool  # from vocab/registry/outlets.toml
    edited: list[str]  # fields an analyst changed: the registry file never overwrites them
    articles: Page[OutletArticle]
    quoted: list[QuotedActor]
    labels: list[LabelCount]
    labels_from: int  # the articles whose labels were counted (the latest)
    figures: FigureRecord
    history: list[RevisionOut]


class OutletEdit(BaseModel):
    """The fields to change (those sent); aliases and domains replace the lists."""

    name: str | None = Field(default=None, max_length=200)
    aliases: list[Name] | None = Field(default=None, max_length=NAMES_MAX)
    domains: list[Name] | None = Field(default=None, max_length=NAMES_MAX)
    country: str | None = Field(default=None, max_length=20, description="ISO 3166-1 alpha-2; an empty string clears it")
    state_media: StrictBool | None = None  # true or false, not 0 or "yes"
    state_media_note: str | None = Field(default=None, max_length=NOTE_MAX)
    ownership: str | None = Field(default=None, max_length=NOTE_MAX)


class OutletCreate(OutletEdit):
    name: str = Field(min_length=1, max_length=200)
