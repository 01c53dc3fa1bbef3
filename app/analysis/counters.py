"""Who counts (vocab/counters.toml): the kind of a figure's source, and part-of markers."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from app.analysis.lexicon import DIGITS, Lexicon, tokenize

VOCAB = Path(__file__).resolve().parents[2] / "vocab" / "counters.toml"
_PART_WINDOW = 4  # how many words before a figure a part marker may stand
_OR = {"or", "ou", "или", "أو", "او"}


@functools.lru_cache(maxsize=4)
def _load(path: Path = VOCAB) -> dict:
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        return tomllib.load(fh)


@functools.lru_cache(maxsize=32)
def _lexicon(section: str, language: str) -> Lexicon:
    """One language's words of a section (every language's, for one the file does not list)."""
    data = _load()
    code = (language or "").split("-")[0].lower()
    tables = data.get("counters", {}) if section == "counters" else {section: data.get(section, {})}
    entries = []
    for kind, table in tables.items():
        langs = [code] if any(code in t for t in tables.values()) else [k for k in table if k != "label"]
        entries += [(w, kind) for lang in langs for w in table.get(lang, [])]
    return Lexicon(entries)


def counter_kind(source: str | None, language: str) -> str | None:
    """The kind of counter a source names ("authorities", "organisers"...), or None. Every
    language is tried: a source's name is often written in another language than the text."""
    if not source:
        return None
    tokens = tokenize(source)
    for lang in dict.fromkeys([language, *(_load().get("counters", {}).get("authorities", {}))]):
        if lang == "label":
            continue
        found = _lexicon("counters", lang).scan(source, tokens)
        if found:
            return found[0][2]
    return None


def different_counters(x: str | None, y: str | None, language_x: str, language_y: str) -> bool:
    """Two sources of known kinds that differ (organisers / police). A source of unknown kind
    ("he", a name) proves nothing: names in two languages rarely share a word."""
    kx, ky = counter_kind(x, language_x), counter_kind(y, language_y)
    return bool(kx and ky and kx != ky)


def is_part(text: str, start: int, language: str) -> bool:
    """A part marker ("dont", "including", "منهم", "из них") stands right before this figure."""
    tokens = [t for t in tokenize(text[:start])][-_PART_WINDOW:]
    lex = _lexicon("parts", language)
    return any(lex.match(text[:start], tokens, k) for k in range(len(tokens)))


def is_increment(text: str, start: int, end: int, language: str) -> bool:
    """An increment word ("more", "nouveaux", "جديدة", "ещё") stands among the two words before
    the figure or the three after it, in its clause: it counts an addition, not a total."""
    lex = _lexicon("increments", language)
    head = text[:start]
    before = [t for t in tokenize(head)][-2:]
    if any(lex.match(head, before, k) for k in range(len(before))) \
            and not re.search(r"[.;:!?,،؛]", head[before[0].start:] if before else ""):
        return True
    tail = re.split(r"[.;:!?,،؛]", text[end:], maxsplit=1)[0]
    after = tokenize(tail)[:3]
    return any(lex.match(tail, after, k) and not (k and after[k - 1].text.lower() in _OR)
               for k in range(len(after)))  # "300 or more" is a bound, no increment


def is_whole(text: str, start: int, end: int, language: str) -> bool:
    """The sentence of text[start:end] says its count is the whole country's ("nationwide")."""
    a = max(text.rfind(c, 0, start) for c in ".;!?") + 1
    b = min([i for i in (text.find(c, end) for c in ".;!?") if i >= 0] + [len(text)])
    tokens = tokenize(text[:b])
    return bool(_lexicon("wholes", language).scan(text, tokens, next(
        (k for k, t in enumerate(tokens) if t.start >= a), len(tokens))))


_CLOCK = re.compile(r"(?<![\d.,])([01]?\d|2[0-3])\s?[:h]\s?([0-5]\d)(?!\d)(\s?[AaPp]\.?[Mm]\b)?")
_STAMP_LINES = 6  # the lines where a page states when it was published


def stamped(published: str | None, paragraphs: Sequence[str]) -> tuple[datetime | None, bool]:
    """When an article was published, and whether to the hour: a date alone takes the clock
    its stamp line states after the year ("13 September 2026, 09:20 GMT", "١٣ سبتمبر ٢٠٢٦ -
    ٢٠:١٠", "18.11.2026 16:30"), the first one (the first version, not the update)."""
    t = when(published)
    if t is None or len((published or "").strip()) > 10:
        return t, t is not None and len((published or "").strip()) > 10
    for line in paragraphs[:_STAMP_LINES]:
        line = line.translate(DIGITS)
        at = line.find(f"{t.year}")
        m = _CLOCK.search(line, at) if at >= 0 else None
        if m:
            hour = int(m[1]) + (12 if m[3] and m[3].strip(" .").lower().startswith("p")
                                and int(m[1]) < 12 else 0)
            return t.replace(hour=hour, minute=int(m[2])), True
    return t, False


def when(published: str | None) -> datetime | None:
    """An article's publication time from its ISO date or date-time, or None."""
    if not published:
        return None
    try:
        t = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return t.astimezone(timezone.utc).replace(tzinfo=None) if t.tzinfo else t
