"""Lemmas (simplemma, for fr, en, ar and ru) so that a vocabulary word matches its other forms:
"évacuées" / "évacué", "قتلى" / "قتيلا" (a broken plural and its singular), "погибших" / "погибшие"."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import simplemma

from app.analysis.lexicon import _WORD, Token
from app.analysis.normalize import fold

LANGUAGES = ("fr", "en", "ar", "ru")
ARABIC_PREFIX = re.compile(r"^(?:وال|بال|فال|كال|لل|ال)(?=\w{2,})")
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
# A lemma key is marked, so that a lemmatized phrase matches only tokens carrying their lemma
# (a form the vocabulary does not list, "une attaque", stays unmatched where forms matter)
MARK = "ǂ"


@functools.lru_cache(maxsize=65536)
def lemma(word: str, language: str) -> str:
    """The word's dictionary form in its language (lower-case); the word itself when unknown."""
    w = word.lower()
    if language not in LANGUAGES or not w.isalpha():
        return w
    if language == "ar":
        w = ARABIC_PREFIX.sub("", _ARABIC_MARKS.sub("", w))
    return simplemma.lemmatize(w, lang=language).lower()


def with_lemmas(tokens: Sequence[Token], language: str) -> tuple[Token, ...]:
    """The tokens, each also matching its lemma (a match key more), for lexicons that hold
    lemmatized phrases (`lemma_phrase`)."""
    if language not in LANGUAGES:
        return tuple(tokens)
    return tuple(_with_lemma(t, language) for t in tokens)


def _with_lemma(t: Token, language: str) -> Token:
    key = _lemma_key(t.text, language)
    return t if key is None else Token(t.start, t.end, t.text, (*t.keys, key))


@functools.lru_cache(maxsize=65536)  # by word, not by token: a token's place makes every one new
def _lemma_key(word: str, language: str) -> str | None:
    key = fold(lemma(word, language))
    if key == fold(word):  # a word in its dictionary form matches as written: "an attack",
        return None  # "water-bombing aircraft" are no attacks though "bombings" are listed
    return MARK + key


def lemma_phrase(phrase: str, language: str) -> str | None:
    """A vocabulary phrase with its words lemmatized and marked ("ont été évacués" → "ǂavoir ǂêtre
    ǂévacuer"), words ending in "*" kept; None for a phrase without words."""
    out, last = [], 0
    for m in _WORD.finditer(phrase):
        word = m.group()
        wild = phrase[m.end():m.end() + 1] == "*"
        new = word if wild or not word.isalpha() else MARK + lemma(word, language)
        out.append(phrase[last:m.start()] + new)
        last = m.end()
    out.append(phrase[last:])
    return "".join(out) if last else None


@functools.cache
def _russian() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=65536)
def noun_lemma(word: str, language: str) -> str | None:
    """The word's lemma when the word can be a noun, else None: a counted noun is a noun, not
    the verb, participle or adjective beside it ("170,000 stored", "600 подтоплены",
    "тонн гуманитарной"). Russian by pymorphy3's parses; English and French by inflection (a
    noun inflects for the plural only); Arabic keeps simplemma's lemma when it starts with the
    word's first letter or its second (a participle "منقذ" is not its verb "أنقذ")."""
    w = word.lower()
    if not w.isalpha():
        return None
    if language == "ru":
        return next((p.normal_form for p in _russian().parse(w) if p.tag.POS == "NOUN"), None)
    if language == "ar":
        bare = ARABIC_PREFIX.sub("", _ARABIC_MARKS.sub("", w))
        found = lemma(bare, "ar")
        # the same first letter, or the second after a proclitic or the "أ" of a plural
        # ("لأسرة" → "أسرة", "أحزاب" → "حزب")
        return found if found[:1] in (bare[:1], bare[1:2]) else bare
    found = lemma(w, language)
    if language == "en":
        plural = w in (found + "s", found + "es") or (w.endswith("ies") and found.endswith("y")) \
            or w.endswith(("men", "ves", "children", "people"))
        return found if w == found or plural else None
    if language == "fr":
        if w == found or w in (found + "s", found + "x"):
            return found
        if w.endswith(("é", "és", "ée", "ées", "ant", "ants")):
            return None  # a participle
        return w[:-1] if w.endswith(("s", "x")) else w  # "tentes" is no form of "tenter"
    return found


def is_modifier(word: str, language: str) -> bool:
    """A Russian adjective or participle, which may stand between a number and its noun."""
    return language == "ru" and any(p.tag.POS in ("ADJF", "PRTF")
                                    for p in _russian().parse(word.lower())[:2])
