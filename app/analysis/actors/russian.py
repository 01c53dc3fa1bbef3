"""Russian helpers: lemma keys (pymorphy3) for inflected names, and natasha's offline NER."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from app.analysis.actors.matching import Token, word_key

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@functools.cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=65536)
def lemma_key(word: str) -> str:
    """The folded dictionary form of a Russian word ("Москве" -> "москва"); other words as
    `word_key` folds them."""
    if not _CYRILLIC.search(word):
        return word_key(word)
    return word_key(_morph().parse(word)[0].normal_form)


@functools.lru_cache(maxsize=65536)
def parse(word: str) -> tuple[str, str, bool]:
    """(part of speech, case, is a personal name) of a Russian word; "" when unknown."""
    p = _morph().parse(word)[0]
    named = any(g in p.tag for g in ("Name", "Surn", "Patr"))
    return str(p.tag.POS or ""), str(p.tag.case or ""), named


@functools.lru_cache(maxsize=65536)
def known(word: str) -> bool:
    """The word is in pymorphy3's dictionary (foreign names mostly are not)."""
    return bool(_morph().word_is_known(word.lower()))


@functools.lru_cache(maxsize=65536)
def cases(word: str) -> frozenset[str]:
    """Every grammatical case pymorphy3 allows for a word ("Тульской": gent, datv, ablt, loct)."""
    return frozenset(str(p.tag.case) for p in _morph().parse(word) if p.tag.case)


@functools.lru_cache(maxsize=16384)
def nominative(words: str, head_only: bool = False) -> str:
    """A Russian phrase in the nominative: every word ("Курской области" -> "Курская область",
    "Андрея Белоусова" -> "Андрей Белоусов"), or only up to the first noun for organisations
    ("Министерства обороны" -> "Министерство обороны"); adjectives agree with their noun
    ("Нового Туниса" -> "Новый Тунис"). Words it cannot inflect stay as written."""
    parts = words.split(" ")
    parses = [_morph().parse(w)[0] if _CYRILLIC.search(w) and "-" not in w and not w.isupper() else None
              for w in parts]
    out = []
    done = False
    for n, (word, p) in enumerate(zip(parts, parses)):
        if done or p is None:
            out.append(word)
            continue
        wanted = {"nomn"}
        if p.tag.POS in ("ADJF", "PRTF"):
            noun = next((q for q in parses[n + 1 :] if q is not None and q.tag.POS == "NOUN"), None)
            if noun is not None and noun.tag.gender and noun.tag.number == "sing":
                wanted |= {noun.tag.gender, "sing"}
        form = p.inflect(wanted) if p.tag.case not in (None, "nomn") else None
        new = form.word if form else word
        if form and word[:1].isupper():
            new = new[:1].upper() + new[1:]
        out.append(new)
        done = head_only and p.tag.POS == "NOUN"
    return " ".join(out)


def lemma_tokens(tokens: Sequence[Token]) -> tuple[Token, ...]:
    """The same tokens with lemma keys, for matching lexicons built from lemmas."""
    return tuple(replace(t, key=lemma_key(t.text)) for t in tokens)


@functools.cache
def load_russian_model() -> Any:
    """natasha's news NER (its embeddings and model ship inside the PyPI packages)."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def russian_spans(paragraphs: Sequence[str], model: Any = None) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) character spans of natasha's entities (PER, LOC, ORG), per paragraph:
    the same shape as the French model's stored spans."""
    from natasha import Doc

    segmenter, tagger = model or load_russian_model()
    out: list[list[tuple[int, int, str]]] = []
    for text in paragraphs:
        if not text.strip():
            out.append([])
            continue
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        out.append([(s.start, s.stop, s.type) for s in doc.spans])
    return out
