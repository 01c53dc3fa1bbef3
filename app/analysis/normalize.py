"""Search keys: fold case, accents and Arabic spelling variants so one query finds every spelling."""

from __future__ import annotations

import functools
import re
import unicodedata

# Arabic marks that vary between writers: short vowels, shadda, sukun, dagger alef, tatweel.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # alef forms
    "ة": "ه",  # ta marbuta
    "ى": "ي",  # alef maqsura
    "ؤ": "و", "ئ": "ي",
})
# Attached Arabic prefixes: a conjunction and/or a preposition before the article
# (وال، بال، فلل…), or a bare conjunction. A bare preposition is too ambiguous to strip.
_ARABIC_ARTICLE = re.compile("^[وف]?(?:[بكل]?ال|لل)")
_ARABIC_CONJUNCTION = re.compile("^[وف]")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower-case, strip Latin accents and Arabic marks, unify Arabic letter variants."""
    text = _ARABIC_MARKS.sub("", text.casefold())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_ARABIC_LETTERS)


@functools.lru_cache(maxsize=200_000)  # news text repeats its words: index keys are computed once each
def key_variants(token: str) -> tuple[str, ...]:
    """The folded token, plus its forms without attached Arabic prefixes."""
    folded = fold(token)
    if not _is_arabic(folded):
        return (folded,)
    variants = [folded]
    for prefix in (_ARABIC_ARTICLE, _ARABIC_CONJUNCTION):
        stem = prefix.sub("", folded, count=1)
        if stem not in variants and len(stem) >= 3:
            variants.append(stem)
    return tuple(variants)


def word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def index_keys(text: str) -> str:
    """What the full-text index stores for a paragraph: every key variant of every word."""
    return " ".join(v for start, end in word_spans(text) for v in key_variants(text[start:end]))


def query_terms(query: str) -> list[tuple[str, ...]]:
    """The query's words as key variants; a paragraph must match one variant of each word."""
    return [key_variants(query[s:e]) for s, e in word_spans(query)]


def matches(token: str, term: tuple[str, ...]) -> bool:
    return bool(set(key_variants(token)) & set(term))


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)
