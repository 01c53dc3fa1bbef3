"""Turn an article's text into ordered paragraphs (body, title or furniture) and its metadata."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.ingest.decode import RejectedFile
from app.ingest.furniture import classify_lines
from app.ingest.language import detect_language, direction_for
from app.ingest.metadata import (
    derive_title,
    ends_sentence,
    find_outlet,
    find_published,
    is_section_label,
    looks_like_headline,
    parse_iso_date,
)

MIN_BODY_PARAGRAPHS = 2
MIN_BODY_CHARS = 200
_LANGUAGE_CODE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class ParsedParagraph:
    """One paragraph; kind is "body", "title" or a furniture kind ("share", "breadcrumb", ...)."""

    index: int
    text: str
    kind: str

    @property
    def furniture(self) -> bool:
        """True for page furniture (anything but body text and the title)."""
        return self.kind not in ("body", "title")


@dataclass(frozen=True)
class ParsedArticle:
    """An article as parsed: metadata and every paragraph, furniture included."""

    title: str
    outlet: str | None
    published: str | None
    language: str
    direction: str
    paragraphs: tuple[ParsedParagraph, ...]
    url: str | None = None

WEB_ADDRESS = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)  # shown as a link: http(s) only


def _clean_meta(meta: object) -> dict[str, str]:
    """Keep the sidecar keys that are present, non-empty and valid; ignore the rest."""
    if not isinstance(meta, dict):
        return {}
    clean = {}
    for key in ("title", "outlet", "url"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            clean[key] = " ".join(value.split())
    if "url" in clean and not WEB_ADDRESS.match(clean["url"]):
        del clean["url"]  # only http(s) links are shown as links (no javascript: or data:)
    if published := parse_iso_date(meta.get("published")):
        clean["published"] = published
    language = meta.get("language")
    if isinstance(language, str) and (found := _LANGUAGE_CODE.fullmatch(language.strip())):
        clean["language"] = found.group(1).lower()
    return clean


def _wrap_width(lines: Sequence[str], kinds: Sequence[str | None]) -> int | None:
    """The column a hard-wrapped file was wrapped at, or None if it is not hard-wrapped."""
    lengths = sorted(len(line) for line, kind in zip(lines, kinds) if line and kind is None)
    if len(lengths) < 5:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    long_lines = sum(1 for n in lengths if n >= 0.6 * width)
    return width if width <= 100 and long_lines >= 0.5 * len(lengths) else None


def _continues(previous: str, line: str, width: int | None, *, blocks: bool, first: bool) -> bool:
    """True when `line` carries on the paragraph whose last line is `previous` (a hard wrap).

    Any file: `previous` ends mid-sentence and `line` starts lower case. Hard-wrapped files:
    also when `previous` reaches the wrap column (mid-sentence, or anywhere inside a
    blank-line-separated block), except after the first line, which may be the headline.
    """
    if not line:
        return False
    if not ends_sentence(previous) and line[0].islower():
        return True
    if width is None or first or len(previous) < 0.6 * width:
        return False
    return blocks or not ends_sentence(previous)


def _assemble(text: str) -> list[tuple[str, str | None]]:
    """Paragraphs as (text, furniture kind or None): blank lines and furniture end paragraphs."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kinds = classify_lines(lines)
    width = _wrap_width(lines, kinds)
    blocks = len(re.findall(r"\S\n[ \t]*\n+[ \t]*\S", "\n".join(lines))) >= 2
    paragraphs: list[tuple[str, str | None]] = []
    open_text: str | None = None  # the body paragraph that a wrapped line may continue
    last_line, opened = "", 0
    for line, kind in zip(lines, kinds):
        wrapped = open_text is not None and line[:1].islower() and not ends_sentence(last_line)
        if wrapped and kind not in ("source", "counter"):
            kind = None  # a wrapped line that merely looks like furniture ("compiled by ...")
        if not line or kind is not None:
            if kind is not None:
                paragraphs.append((line, kind))
            open_text = None
            continue
        first = opened == 1 and open_text == last_line
        if open_text is not None and _continues(last_line, line, width, blocks=blocks, first=first):
            joiner = "" if re.search(r"[^\W\d_]-$", open_text) and line[0].islower() else " "
            open_text = open_text + joiner + line
            paragraphs[-1] = (open_text, None)
        else:
            open_text, opened = line, opened + 1
            paragraphs.append((line, None))
        last_line = line
    return paragraphs


def _reject(body: Sequence[str]) -> RejectedFile:
    chars = sum(len(p) for p in body)
    return RejectedFile(
        f"not an article: found {len(body)} body paragraph(s) with {chars} characters of text; "
        f"an article needs at least {MIN_BODY_PARAGRAPHS} body paragraphs and {MIN_BODY_CHARS} "
        "characters (share buttons, stamps and other page furniture do not count)"
    )


def parse_article(text: str, *, meta: dict | None = None) -> ParsedArticle:
    """Parse an article's text into paragraphs and metadata; sidecar `meta` keys win over guesses.

    Raises RejectedFile("not an article: ...") when there is too little body text.
    """
    sidecar = _clean_meta(meta)
    assembled = _assemble(text)
    content = [i for i, (_, kind) in enumerate(assembled) if kind is None]
    title_at = None
    if len(content) > 2 and is_section_label(assembled[content[0]][0]) \
            and looks_like_headline(assembled[content[1]][0]):
        assembled[content[0]] = (assembled[content[0]][0], "breadcrumb")  # a kicker / rubric
        content = content[1:]
    if len(content) > 1 and looks_like_headline(assembled[content[0]][0]):
        title_at = content[0]
    body = [assembled[i][0] for i in content if i != title_at]
    if len(body) < MIN_BODY_PARAGRAPHS or sum(len(p) for p in body) < MIN_BODY_CHARS:
        raise _reject(body)
    paragraphs = tuple(
        ParsedParagraph(i, line, kind or ("title" if i == title_at else "body"))
        for i, (line, kind) in enumerate(assembled)
    )
    pairs = [(p.text, p.kind) for p in paragraphs]
    title = sidecar.get("title") or (
        assembled[title_at][0] if title_at is not None
        else derive_title(next((p for p in body if len(p.split()) >= 8), body[0]))
    )
    language = sidecar.get("language") or detect_language("\n".join(body))
    return ParsedArticle(
        title=title,
        outlet=sidecar.get("outlet") or find_outlet(pairs, url=sidecar.get("url")),
        published=sidecar.get("published") or find_published(pairs),
        language=language,
        direction=direction_for(language),
        paragraphs=paragraphs,
        url=sidecar.get("url"),
    )
