"""Build, once per registry and language, the phrase lexicons the extractor scans text with."""

from __future__ import annotations

from dataclasses import dataclass

from app.analysis.actors.matching import Lexicon, tokenize
from app.analysis.actors.registry import Phrase, Registry

SLOT_KINDS = frozenset({"country", "organisation"})


@dataclass(frozen=True)
class AliasHit:
    actor: str  # canonical name
    kind: str
    capital_of: str | None


@dataclass(frozen=True)
class Indexes:
    aliases: Lexicon  # every actor name, alias, abbreviation and collective noun, in all languages
    slot_names: Lexicon  # (name, kind) of countries, organisations, capitals (as their country)
    adjectives: Lexicon  # nationality adjectives of this language -> country
    phrases: Lexicon  # role and institution phrases of this language -> Phrase
    heads: dict[
        str, list[tuple[tuple[str, ...], Phrase]]
    ]  # first word -> (rest, phrase), for infixes
    connectors: Lexicon  # "de", "du", "of the"
    titles: frozenset[str]  # folded words that announce a person's name
    adjective_words: frozenset[str]
    particles: frozenset[str]


def indexes(registry: Registry, language: str) -> Indexes:
    key = ("indexes", language)
    if key not in registry.cache:
        registry.cache[key] = _build(registry, language)
    return registry.cache[key]


def _build(registry: Registry, language: str) -> Indexes:
    rules = registry.rules(language)
    aliases, slot_names, adjectives = Lexicon(), Lexicon(), Lexicon()
    adjective_words: set[str] = set()
    for actor in registry.actors.values():
        hit = AliasHit(actor.name, actor.kind, actor.capital_of)
        for name in actor.names():
            aliases.add(name, hit)
        for lang, forms in actor.people:
            for form in forms:
                aliases.add(form, AliasHit(actor.name, actor.kind, None))
        if actor.kind in SLOT_KINDS or actor.capital_of:
            target = (actor.capital_of, "country") if actor.capital_of else (actor.name, actor.kind)
            for name in actor.names():
                slot_names.add(name, target)
        for form in actor.adjective_forms(language):
            adjectives.add(form, actor.name, case_sensitive=False)
            adjective_words.update(t.key for t in tokenize(form))
    phrases = Lexicon()
    heads: dict[str, list[tuple[tuple[str, ...], Phrase]]] = {}
    titles = set(rules.titles) | set(rules.honorifics)
    for phrase in registry.phrases:
        for form in phrase.forms(language):
            phrases.add(form, phrase, case_sensitive=False)
            words = [t.key for t in tokenize(form)]
            if phrase.category == "role":
                titles.add(words[0])
            if len(words) >= 2:
                heads.setdefault(words[0], []).append((tuple(words[1:]), phrase))
    connectors = Lexicon()
    for form in rules.connectors:
        if form.strip():
            connectors.add(form, None, case_sensitive=False)
    return Indexes(
        aliases,
        slot_names,
        adjectives,
        phrases,
        heads,
        connectors,
        frozenset(titles),
        frozenset(adjective_words),
        rules.particles,
    )
