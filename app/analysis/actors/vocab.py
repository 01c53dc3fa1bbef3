"""Load the actor vocabularies in vocab/ (titles, organisation head nouns, place prepositions)."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from app.analysis.actors.matching import Lexicon, tokenize, word_key

VOCAB = Path(__file__).resolve().parents[3] / "vocab"


@dataclass(frozen=True)
class ActorVocab:
    """One language's phrase lexicons (payloads say which list a phrase came from)."""

    language: str
    titles: Lexicon = field(default_factory=Lexicon)  # payload: "title" or "head"
    title_of: Lexicon = field(default_factory=Lexicon)  # "of", "for", "по" after a head
    modifiers: Lexicon = field(default_factory=Lexicon)
    org_heads: Lexicon = field(default_factory=Lexicon)  # payload: "organisation" or "media"
    org_of: Lexicon = field(default_factory=Lexicon)
    org_max: int = 3
    org_from_title: dict[str, str] = field(default_factory=dict)  # "minister" -> "ministry"
    place_prepositions: Lexicon = field(default_factory=Lexicon)
    place_nouns: Lexicon = field(default_factory=Lexicon)
    place_after: Lexicon = field(default_factory=Lexicon)  # "the Krasnodar [region]"
    regions: frozenset[str] = frozenset()  # nouns that make a complement a place: "области"
    place_heads: frozenset[str] = frozenset()  # titles whose complement is a place: "mayor"
    reporting_verbs: Lexicon = field(default_factory=Lexicon)  # Arabic "قال X إن"


@functools.cache
def actor_vocab(language: str, folder: Path = VOCAB) -> ActorVocab:
    """The vocabularies of one language (empty lexicons for a language they do not cover)."""
    titles = _read(folder / "actor_titles.toml").get(language, {})
    heads = _read(folder / "organisation_heads.toml").get(language, {})
    places = _read(folder / "place_prepositions.toml").get(language, {})
    v = ActorVocab(language, org_max=int(heads.get("max_words", 3)),
                   org_from_title=dict(titles.get("org_head", {})),
                   regions=frozenset(word_key(w) for w in places.get("regions", [])),
                   place_heads=frozenset(_keys(w) for w in titles.get("place_heads", [])))
    for word in titles.get("titles", []):
        v.titles.add(word, "title", case_sensitive=False)
    for word in titles.get("heads", []):
        v.titles.add(word, "head", case_sensitive=False)
    _fill(v.title_of, titles.get("of", []))
    _fill(v.modifiers, titles.get("modifiers", []))
    _fill(v.reporting_verbs, titles.get("reporting_verbs", []))
    media = set(heads.get("media", []))
    for word in heads.get("heads", []):
        v.org_heads.add(word, "media" if word in media else "organisation", case_sensitive=False)
    _fill(v.org_of, heads.get("of", []))
    _fill(v.place_prepositions, places.get("prepositions", []))
    _fill(v.place_nouns, places.get("nouns", []))
    _fill(v.place_after, places.get("after", []))
    return v


def _keys(phrase: str) -> str:
    """A phrase as `Entry.keys` joined by spaces (how a matched head is named)."""
    return " ".join(t.key for t in tokenize(phrase))


def _fill(lexicon: Lexicon, words: list[str]) -> None:
    for word in words:
        lexicon.add(word, word, case_sensitive=False)


@functools.cache
def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError:
        return {}
