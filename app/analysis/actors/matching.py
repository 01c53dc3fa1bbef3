"""Tokenise paragraphs and find phrase-list entries, folding case, accents and Arabic prefixes."""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.analysis.normalize import fold

# Words keep their combining marks (Latin accents in NFD text, Arabic vowels) inside the token.
_WORD = re.compile(r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670]+")
_GAP = re.compile(r"[\s\-\u2010\u2011\u2013'\u2019\u02bc]{1,3}")
_DOT_GAP = re.compile(r"\.[\s\-]?|\.?\s")  # "U.S.", "M. Dupont"
_ARABIC_CONJUNCTIONS = "وف"
_ARABIC_PREPOSITIONS = "بكل"
_EXTRA_LETTERS = str.maketrans({"ک": "ك", "ی": "ي", "ۀ": "ه"})


@dataclass(frozen=True, slots=True)  # slots: a long article's tokens are millions
class Token:
    start: int
    end: int
    text: str
    key: str  # folded; for Arabic also without the article
    arabic: bool

    @property
    def upper(self) -> bool:
        """Starts with a capital letter (always False for Arabic, which has none)."""
        return not self.arabic and self.text[:1].isupper()


def is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text)


@functools.lru_cache(maxsize=65536)
def _arabic_key(key: str) -> bool:
    return is_arabic(key)


def arabic_core(key: str) -> str:
    """An Arabic word without its definite article (الهند -> هند)."""
    return key[2:] if key.startswith("ال") and len(key) >= 4 else key


@functools.lru_cache(maxsize=65536)
def arabic_firsts(word: str) -> tuple[tuple[str, int], ...]:
    """`arabic_prefixed` of a word as written (cached: every lexicon looks words up)."""
    return arabic_prefixed(fold(word).translate(_EXTRA_LETTERS))


@functools.lru_cache(maxsize=65536)
def arabic_prefixed(key: str) -> tuple[tuple[str, int], ...]:
    """(core, letters of attached prefix) for a word with and without its attached conjunction
    and preposition: وباريس -> (باريس, 1); للهند -> (هند, 1); بالرئيس -> (رئيس, 1).
    The unstripped word comes first, so a name that starts with one of these letters
    (لافروف, وانغ) still matches whole."""
    forms = [(key, 0)]
    rest, lead = key, 0
    if rest[:1] in _ARABIC_CONJUNCTIONS and len(rest) > 3:
        rest, lead = rest[1:], 1
        forms.append((rest, lead))
    if rest.startswith("لل") and len(rest) > 3:
        forms.append(("ال" + rest[2:], lead + 1))
    if rest[:1] in _ARABIC_PREPOSITIONS and len(rest) > 3:
        forms.append((rest[1:], lead + 1))
    seen: dict[str, int] = {}
    for form, n in forms:
        seen.setdefault(arabic_core(form), n)
    return tuple(seen.items())


def arabic_forms(key: str) -> tuple[str, ...]:
    """The cores of `arabic_prefixed`."""
    return tuple(core for core, _ in arabic_prefixed(key))


def skip_letters(text: str, start: int, letters: int) -> int:
    """The offset after `letters` base letters (and their marks) from `start`."""
    pos = start
    while letters and pos < len(text):
        pos += 1
        while pos < len(text) and (unicodedata.combining(text[pos]) or text[pos] == "\u0640"):
            pos += 1
        letters -= 1
    return pos


@functools.lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    key = fold(word).translate(_EXTRA_LETTERS)
    return arabic_core(key) if is_arabic(key) else key


@functools.lru_cache(maxsize=4096)
def name_tokens(name: str) -> tuple[Token, ...]:
    """`tokenize` for short, often repeated strings (registry names)."""
    return tokenize(name)


def tokenize(text: str) -> tuple[Token, ...]:
    tokens = []
    for m in _WORD.finditer(text):
        word = sys.intern(m.group())  # one string per distinct word, not per occurrence
        key = word_key(word)
        tokens.append(Token(m.start(), m.end(), word, key, _arabic_key(key)))
    return tuple(tokens)


def joined(text: str, left: Token, right: Token) -> bool:
    """Two tokens belong to one name: only a space, hyphen or apostrophe between them,
    or a dot after a short abbreviation part ("U.S.", "M. Dupont")."""
    gap = text[left.end : right.start]
    if _GAP.fullmatch(gap):
        return True
    return len(left.text) <= 2 and bool(_DOT_GAP.fullmatch(gap))


@dataclass(frozen=True)
class Entry:
    keys: tuple[str, ...]
    caps: tuple[bool, ...]  # the matched token must start with a capital
    all_caps: bool  # a short abbreviation: the matched tokens must be in capitals
    payload: Any


@dataclass(frozen=True)
class Found:
    end: int  # end token index (exclusive)
    entry: Entry
    lead: int = 0  # Arabic prefix letters attached to the first word, outside the name


class Lexicon:
    """Phrases indexed by their first word; `match` returns every entry found at a token."""

    def __init__(self) -> None:
        self._first: dict[str, list[Entry]] = {}

    def __len__(self) -> int:
        return sum(len(v) for v in self._first.values())

    def add(self, phrase: str, payload: Any, *, case_sensitive: bool = True) -> None:
        words = [m.group() for m in _WORD.finditer(phrase)]
        if not words:
            return
        keys = tuple(word_key(w) for w in words)
        caps = tuple(case_sensitive and w[:1].isupper() for w in words)
        letters = "".join(ch for ch in phrase if ch.isalpha())
        all_caps = case_sensitive and letters.isupper() and len(letters) <= 3
        entries = self._first.setdefault(keys[0], [])
        entry = Entry(keys, caps, all_caps, payload)
        if entry not in entries:
            entries.append(entry)
            entries.sort(key=lambda e: -len(e.keys))

    def match(self, text: str, tokens: Sequence[Token], i: int) -> list[Found]:
        """Entries that start at token i, longest first."""
        first = tokens[i]
        found: list[Found] = []
        firsts = arabic_firsts(first.text) if first.arabic else ((first.key, 0),)
        for key, lead in firsts:
            for entry in self._first.get(key, ()):
                end = self._fits(text, tokens, i, entry)
                if end is not None and all(f.entry != entry for f in found):
                    found.append(Found(end, entry, lead))
        found.sort(key=lambda f: (-(f.end - i), f.lead))
        return found

    @staticmethod
    def _fits(text: str, tokens: Sequence[Token], i: int, entry: Entry) -> int | None:
        n = len(entry.keys)
        if i + n > len(tokens):
            return None
        for j in range(n):
            tok = tokens[i + j]
            if j and (tok.key != entry.keys[j] or not joined(text, tokens[i + j - 1], tok)):
                return None
            if not tok.arabic:
                if entry.caps[j] and not tok.upper:
                    return None
                if entry.all_caps and not tok.text.isupper() and not tok.text.isdigit():
                    return None
        return i + n


def scan(text: str, tokens: Sequence[Token], lexicon: Lexicon) -> list[tuple[int, Found]]:
    """Greedy left-to-right longest matches (first token, match), not overlapping."""
    out: list[tuple[int, Found]] = []
    i = 0
    while i < len(tokens):
        found = lexicon.match(text, tokens, i)
        if found:
            out.append((i, found[0]))
            i = found[0].end
        else:
            i += 1
    return out


def token_index(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """The token range [first, last+1) covering the characters [start, end)."""
    inside = [k for k, t in enumerate(tokens) if t.end > start and t.start < end]
    return (inside[0], inside[-1] + 1) if inside else (0, 0)


def sentence_start(text: str, tokens: Sequence[Token], i: int) -> bool:
    """Token i opens a sentence: first word, or after . ! ? : a quote, a bracket or a dash."""
    before = text[tokens[i - 1].end if i else 0 : tokens[i].start].strip()
    if i == 0:
        return True
    return (
        bool(before)
        and before[-1] in '.!?:;«»"“”(—–-•|'
        and not (
            before == "." and len(tokens[i - 1].text) <= 2 and tokens[i - 1].text[:1].isupper()
        )
    )
