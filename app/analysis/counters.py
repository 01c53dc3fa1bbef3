"""Who counts (vocab/counters.toml): the kind of a figure's source, and part-of markers."""

from __future__ import annotations

import functools
import tomllib
from datetime import datetime, timezone
from pathlib import Path

from app.analysis.lexicon import Lexicon, tokenize

VOCAB = Path(__file__).resolve().parents[2] / "vocab" / "counters.toml"
_PART_WINDOW = 4  # how many words before a figure a part marker may stand


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


def is_whole(text: str, start: int, end: int, language: str) -> bool:
    """The sentence of text[start:end] says its count is the whole country's ("nationwide")."""
    a = max(text.rfind(c, 0, start) for c in ".;!?") + 1
    b = min([i for i in (text.find(c, end) for c in ".;!?") if i >= 0] + [len(text)])
    tokens = tokenize(text[:b])
    return bool(_lexicon("wholes", language).scan(text, tokens, next(
        (k for k, t in enumerate(tokens) if t.start >= a), len(tokens))))


def when(published: str | None) -> datetime | None:
    """An article's publication time from its ISO date or date-time, or None."""
    if not published:
        return None
    try:
        t = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return t.astimezone(timezone.utc).replace(tzinfo=None) if t.tzinfo else t
