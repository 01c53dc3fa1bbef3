"""How a person reads a source's name: its outlet, else its title shortened, with its date; and
text shortened at a word boundary with an ellipsis. Never the file name or its hash."""

from __future__ import annotations

import functools
import re

from sqlmodel import Session, col, select

from app.models import Article

ELLIPSIS = "…"
TITLE_CHARS = 48  # a title standing for its source: a line of a table or a chart row
_WORD = re.compile(r"[\w-]+")
_TRAILING = re.compile(r"[\s,;:.،؛\-–—(«“‘\"']+$")


def shorten(text: str | None, limit: int) -> str:
    """`text` in at most `limit` characters, cut after a whole word and ended with "…". A single
    word longer than the limit (or a script without spaces) is cut where the limit falls."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:max(limit - 1, 1)]
    space = cut.rfind(" ")
    if space >= limit // 3:  # cutting there keeps most of the room
        cut = cut[:space]
    return _TRAILING.sub("", cut) + ELLIPSIS


def source_label(*, outlet: str | None, title: str | None, published: str | None = None, slug: str = "") -> str:
    """"valmer-post.example, 2024-03-04" or "Storm closes the port of Valmer…, 2024-03-04". A title
    that is only the file name (what ingest keeps when a file has none) is not a name to show."""
    name = (outlet or "").strip()
    if not name and title and title.strip() != slug:
        name = shorten(title, TITLE_CHARS)
    name = name or "untitled article"
    return f"{name}, {published}" if published else name


def article_label(article: Article) -> str:
    return source_label(outlet=article.outlet, title=article.title, published=article.published, slug=article.slug)


def article_labels(*, session: Session, slugs: set[str] | list[str]) -> dict[str, str]:
    """Each article's label by slug, in one query."""
    if not slugs:
        return {}
    rows = session.exec(select(Article).where(col(Article.slug).in_(list(slugs)))).all()
    return {a.slug: article_label(a) for a in rows}


def readable(text: str, labels: dict[str, str]) -> str:
    """Text written by the analysis with article ids in it (a reason: "000_4a82… ¶10 says …"),
    with each id read as its source's label."""
    if not labels:
        return text
    return _ids_pattern(frozenset(labels)).sub(lambda m: labels[m.group(0)], text)


@functools.lru_cache(maxsize=64)
def _ids_pattern(slugs: frozenset[str]) -> re.Pattern[str]:
    """One pattern for all the ids (a page reads many texts with the same labels), whole ids only;
    the longest first, as a slug may be the start of another ("a-2")."""
    ids = "|".join(re.escape(slug) for slug in sorted(slugs, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{ids})(?![\w-])")



def labels_named_in(*, session: Session, texts: list[str]) -> dict[str, str]:
    """The labels of the articles whose ids the texts name (a slug is a run of word characters and
    hyphens): one query over the words of the texts."""
    words = {w for text in texts for w in _WORD.findall(text or "")}
    return article_labels(session=session, slugs=words) if words else {}


def readable_reason(*, session: Session, reason: str) -> str:
    """A reason with the ids of the articles it names read as their labels."""
    return readable(reason, labels_named_in(session=session, texts=[reason]))
