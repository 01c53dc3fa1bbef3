"""What the rules beyond the registry share about one paragraph: tokens, vocabularies, tests."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from app.analysis.actors.gazetteer import Gazetteer, Place, gazetteer
from app.analysis.actors.index import Indexes
from app.analysis.actors.matching import Token, arabic_firsts, joined
from app.analysis.actors.registry import LanguageRules
from app.analysis.actors.russian import lemma_tokens
from app.analysis.actors.vocab import VOCAB, ActorVocab, _read, actor_vocab
from app.analysis.normalize import fold

NAME_PREFIXES_AR = frozenset(fold(w) for w in ("عبد", "أبو", "بن", "ابن", "آل", "بنت"))


_fold = functools.lru_cache(maxsize=65536)(fold)


@functools.lru_cache(maxsize=65536)
def _bare(word: str) -> str:
    """An Arabic word without its vowel marks and tatweel, letters as written."""
    return "".join(ch for ch in word if not unicodedata.combining(ch) and ch != "\u0640")


@dataclass(frozen=True)
class Hit:
    """A mention the rules found: token range, kind, method, canonical name (None: as written)."""

    first: int
    end: int
    kind: str
    method: str
    actor: str | None = None
    lead: int = 0  # Arabic prefix letters attached to the first word


@functools.cache
def function_words(language: str) -> frozenset[str]:
    from app.analysis.actors.matching import word_key

    return frozenset(word_key(w) for w in _read(VOCAB / "function_words.toml").get(language, {}).get("words", []))


@functools.cache
def name_particles(language: str) -> frozenset[str]:
    from app.analysis.actors.matching import word_key

    words = _read(VOCAB / "function_words.toml").get(language, {}).get("name_particles", [])
    return frozenset(word_key(w) for w in words)


@dataclass
class Ctx:
    text: str
    tokens: Sequence[Token]
    language: str
    vocab: ActorVocab
    rules: LanguageRules
    idx: Indexes
    stop: frozenset[str]
    places: Gazetteer | None
    lemmas: Sequence[Token]  # Russian: tokens with lemma keys; otherwise the tokens
    particles: frozenset[str] = frozenset()  # lower-case name parts: "bin", "бен", "de"

    @classmethod
    def make(cls, text: str, tokens: Sequence[Token], language: str, rules: LanguageRules,
             idx: Indexes) -> Ctx:
        stop = rules.stopwords | rules.determiners | function_words(language)
        places = gazetteer(language) if language in ("en", "fr", "ar", "ru") else None
        lemmas = lemma_tokens(tokens) if language == "ru" else tokens
        particles = rules.particles | name_particles(language)
        return cls(text, tokens, language, actor_vocab(language), rules, idx, stop, places, lemmas, particles)

    def joined(self, k: int) -> bool:
        """Token k continues the phrase of token k-1 (no punctuation between)."""
        return 0 < k < len(self.tokens) and joined(self.text, self.tokens[k - 1], self.tokens[k])

    def is_stop(self, k: int) -> bool:
        t = self.tokens[k]
        if t.key in self.stop:
            return True
        return t.arabic and any(form in self.stop for form, _ in arabic_firsts(t.text))

    def capital(self, k: int) -> bool:
        t = self.tokens[k]
        return t.text[:1].isupper() and not t.text.isdigit()

    def definite(self, k: int) -> bool:
        """An Arabic word with the article, possibly after و or ف: الصحة، والتنمية."""
        word = _bare(self.tokens[k].text)  # not folded: إليني is a name, not إ + the article
        return word.startswith("ال") or (word[:1] in "وف" and word[1:3] == "ال")

    def place(self, k: int) -> tuple[int, int, Place] | None:
        if self.places is None:
            return None
        return self.places.match(self.text, self.lemmas, k)

    def known_place(self, k: int) -> bool:
        """A country or a big city: a word that names a place wherever it stands (a small town's
        name is often also a personal name: سالم)."""
        found = self.place(k)
        return found is not None and (found[2].kind != "place" or found[2].population >= 1_000_000)

    def titled(self, k: int) -> bool:
        return bool(self.vocab.titles.match(self.text, self.tokens, k))

    def name_run(self, k: int, limit: int = 4) -> int:
        """End of a run of capitalised words starting at k (Latin, Cyrillic), particles inside
        allowed; k itself when token k is not a capitalised name word."""
        end = k
        while end < len(self.tokens) and end - k < limit:
            if end > k and not self.joined(end):
                break
            if self.capital(end) and self.tokens[end].key not in self.stop | self.rules.not_names or (
                end > k
                and self.tokens[end].key in self.particles
                and end + 1 < len(self.tokens)
                and self.capital(end + 1)
                and self.joined(end + 1)
                and self.tokens[end + 1].key not in self.stop
            ):
                end += 1
            else:
                break
        return end

    def arabic_name(self, k: int, limit: int = 4) -> int:
        """End of an Arabic personal name at k: a first word without the article (or a name
        prefix: عبد، أبو), then up to `limit` words, stopping at function words, titles, places;
        k when there is no name of two words or more."""
        if k >= len(self.tokens) or not self.tokens[k].arabic or self.is_stop(k) or self.titled(k):
            return k
        if self.definite(k) or self.known_place(k):
            return k
        end = k + 1
        while end < len(self.tokens) and end - k < limit and self.joined(end):
            t = self.tokens[end]
            if not t.arabic or self.is_stop(end) or self.titled(end) or self.known_place(end):
                break
            if _bare(t.text).startswith(("لل", "بال", "كال", "بإ", "بأ", "لإ", "لأ")):
                break  # "للصحفيين", "بإعلان": a preposition on a noun, never inside a name
            end += 1
            if self.definite(end - 1) and _fold(self.tokens[end - 2].text) not in NAME_PREFIXES_AR:
                break  # a family name with the article closes the name: عبد الفتاح السيسي
        return end if end - k >= 2 else k
