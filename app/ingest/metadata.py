"""Find an article's title, outlet and publication date from its paragraphs and their kinds."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import NamedTuple
from urllib.parse import urlsplit

from app.ingest.furniture import classify_line, date_regex, fold, month_numbers, phrases

TITLE_LIMIT = 90
# Furniture kinds whose dates tell when the article was published.
STAMP_KINDS = ("update_stamp", "dateline_stamp", "byline")
_DOMAIN = re.compile(
    r"(?<![\w@.-])(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})(?![\w-])",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d\w.,])(1[89]\d\d|20\d\d|2100)(?![\d\w]|[.,]\d)")
_DASH_DATELINE = re.compile(r"^(?P<place>[^\W\d_][^.!?:;\n]{0,40}?)\s[-–—]{1,2}\s(?=\S)")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z]|M|Mr|Mrs|Ms|Dr|St|Mme|Mgr|Jr|Sr|No|vs|etc)\.$")
# Thai, Lao, Myanmar, Khmer, kana and CJK ideographs: written without spaces between words.
_UNSPACED_SCRIPT = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]"
)
_CLOSERS = "\"'”’»)]"


class FoundDate(NamedTuple):
    """A date found in text; year is None when the text gave only day and month."""

    year: int | None
    month: int
    day: int


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year if year is not None else 2000, month, day)  # 2000 is a leap year
    except ValueError:
        return False
    return year is None or 1800 <= year <= 2100


def find_dates(text: str) -> list[FoundDate]:
    """Every valid date in text: numeric, ISO, or with a month name (fr, en, ar, ...)."""
    found = []
    months = month_numbers()
    for m in date_regex().finditer(fold(text)):
        g = m.groupdict()
        if g["iy"]:
            year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
        elif g["nd"]:
            year = int(g["ny"]) if g["ny"] else None
            day, month = int(g["nd"]), int(g["nm"])
            if month > 12 >= day:  # month first, as in the US
                day, month = month, day
        elif g["tm"]:
            year, month, day = (int(g["ty"]) if g["ty"] else None), months[g["tm"]], int(g["td"])
        else:
            year, month, day = (int(g["uy"]) if g["uy"] else None), months[g["um"]], int(g["ud"])
        if _valid(year, month, day):
            found.append(FoundDate(year, month, day))
    return found


def parse_iso_date(value: object) -> str | None:
    """"YYYY-MM-DD" from an ISO date or datetime string (or date object); None if it is not one."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat() if len(text) == 10 else (
            dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
        )
    except ValueError:
        return None


def find_published(paragraphs: Sequence[tuple[str, str]]) -> str | None:
    """Publication date from (text, kind) paragraphs: stamps first, then a dateline; never invented.

    A stamp date without a year takes the year only when the file states a single year.
    """
    stamps = [find_dates(text) for text, kind in paragraphs if kind in STAMP_KINDS]
    full = [d for dates in stamps for d in dates if d.year is not None]
    if full:
        return _iso(min(full))
    partial = [d for dates in stamps for d in dates]
    if partial:
        years = {int(y) for text, _ in paragraphs for y in _YEAR.findall(fold(text))}
        dated = partial[0]._replace(year=years.pop()) if len(years) == 1 else None
        return _iso(dated) if dated and _valid(*dated) else None  # 29/02 needs a leap year
    body = [text for text, kind in paragraphs if kind == "body"]
    if body:  # a date in the dateline that opens the first body paragraph ("PARIS, 8 Jan 2022 -")
        opening = [d for d in find_dates(body[0][:100]) if d.year is not None]
        if opening:
            return _iso(opening[0])
    return None


def _iso(found: FoundDate) -> str:
    return f"{found.year:04d}-{found.month:02d}-{found.day:02d}"


def normalise_outlet(name: str) -> str | None:
    """Tidy an outlet name; a domain or URL becomes its lower-case host without "www."."""
    name = name.strip().strip(" .,;:|-–—\"'«»“”()")
    if not name:
        return None
    if re.fullmatch(r"(?:https?://)?[\w.-]+\.[a-z]{2,24}(?:[/?#]\S*)?", name, re.IGNORECASE):
        host = urlsplit(name if "://" in name else f"//{name}").hostname or name
        return host.lower().removeprefix("www.")
    return name if len(name) <= 60 and len(name.split()) <= 6 else None


def find_outlet(paragraphs: Sequence[tuple[str, str]], *, url: str | None = None) -> str | None:
    """Outlet from furniture only.

    In order: a "Source: X" line, a segment of an "X | date" header, the sidecar URL's host,
    a "© X" line, a "Follow X on ..." line, a domain name in any other furniture.
    """
    furniture = [(text, kind) for text, kind in paragraphs if kind not in ("body", "title")]
    for text, kind in furniture:
        if kind == "source" and ":" in fold(text):
            name = normalise_outlet(re.split(r"[:：](?!//)", text, maxsplit=1)[-1])
            if name:
                return name
    for text, kind in furniture:
        if kind in ("update_stamp", "dateline_stamp") and "|" in text:
            for segment in text.split("|"):
                plain = segment.strip() and not re.search(r"[:\d]", segment)
                if plain and classify_line(segment) is None and (name := normalise_outlet(segment)):
                    return name
    if url and (name := normalise_outlet(url)):
        return name
    for text, kind in furniture:
        if kind == "copyright" and (name := _copyright_holder(text)):
            return name
    for text, kind in furniture:
        if kind == "follow" and (name := _followed(text)):
            return name
    for text, kind in furniture:
        if kind not in ("read_also", "prev_next") and (found := _DOMAIN.search(text)):
            return normalise_outlet(found.group(1))
    return None


def _copyright_holder(text: str) -> str | None:
    text = re.sub(r"^\s*(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^[\s,.-]*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,.-]*", "", text)
    reserved = "|".join(re.escape(p) for p in phrases("copyright_anywhere"))
    text = re.split(rf"\s*(?:[.|]\s|$|{reserved})", text, maxsplit=1, flags=re.IGNORECASE)[0]
    return normalise_outlet(text)


def _followed(text: str) -> str | None:
    verbs = "|".join(re.escape(v) for v in sorted(phrases("follow"), key=len, reverse=True))
    pattern = rf"(?:{verbs})\s+(.{{2,60}}?)\s+(?:on|sur|en|auf|على|عبر|في)\s"
    found = re.match(pattern, text, re.IGNORECASE)
    if not found or found.group(1).casefold() in {"us", "nous", "me", "them"}:
        return None
    return normalise_outlet(found.group(1))


def ends_sentence(text: str) -> bool:
    """True when text ends with terminal punctuation, possibly inside closing quotes/brackets."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in ".!?؟…:;。"


def split_dateline(text: str) -> tuple[str, str]:
    """("PARIS (AFP)", rest) when a short place/agency dateline and a dash open the paragraph."""
    found = _DASH_DATELINE.match(text)
    if found and len(found.group("place").split()) <= 5 and len(text) - found.end() >= 60:
        return found.group("place").strip(), text[found.end():]
    return "", text


def is_section_label(text: str) -> bool:
    """A short kicker such as "MONDE" or "Central Asia" printed above a headline."""
    text = text.strip()
    return 0 < len(text.split()) <= 3 and len(text) <= 40 and not ends_sentence(text)


def looks_like_headline(text: str) -> bool:
    """A short line that does not end like a body sentence and is not a dateline opening."""
    text = text.strip()
    words = len(text.split())
    unspaced = words == 1 and len(text) >= 6 and _UNSPACED_SCRIPT.search(text) is not None
    if len(text) > 250 or words > 40 or (words < 3 and not unspaced):
        return False
    if split_dateline(text)[0]:
        return False
    stripped = text.rstrip(_CLOSERS)
    return not stripped or stripped[-1] not in ".:;,"


def derive_title(text: str, *, limit: int = TITLE_LIMIT) -> str:
    """A title from a body paragraph's first sentence, cut at a word boundary with "…"."""
    text = split_dateline(text.strip())[1]
    sentence = text
    for end in re.finditer(r"[.!?؟。]+[\"'”’»)]*(?=\s)", text):
        if not _ABBREVIATION.search(text[: end.start() + 1]):
            sentence = text[: end.end()]
            break
    sentence = sentence.strip()
    if len(sentence) <= limit:
        return sentence.rstrip(".") if not sentence.endswith("...") else sentence
    cut = sentence[: limit + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else sentence[:limit]
    return cut.rstrip(" ,;:-–—(«\"'") + "…"
