"""Load the actor registry (TOML) into frozen values: actors, role phrases, word lists."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.analysis.actors.country_names import country_names
from app.analysis.actors.matching import tokenize, word_key
from app.analysis.normalize import fold

KINDS = frozenset({"person", "organisation", "country", "media", "place", "group"})
DEFAULT_PATH = Path(__file__).resolve().parents[3] / "seeds" / "actors.toml"
WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")  # a Wikidata item: "Q142"

Names = tuple[tuple[str, tuple[str, ...]], ...]  # (language, names) pairs, languages sorted


@dataclass(frozen=True)
class RoleLink:
    """A person holds `role` of `of` (a country or organisation canonical name)."""

    role: str
    of: str


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    aliases: Names = ()
    abbreviations: tuple[str, ...] = ()
    adjectives: Names = ()  # nationality adjectives (countries): "indien", "Indian", "الهندي"
    people: Names = ()  # capitalised collective nouns: "Russes", "Americans"
    roles: tuple[RoleLink, ...] = ()
    capital_of: str | None = None  # a capital used metonymically for this country
    same_as: tuple[str, ...] = ()  # generated names (institution templates) that denote this actor
    source: str = "general"  # "general" or "event:<slug>" for entries curated for one story
    wikidata: str | None = None  # its Wikidata item: "Q142"
    iso: str | None = None  # countries: ISO 3166 code, whose names in every language CLDR gives

    def names(self, language: str | None = None) -> tuple[str, ...]:
        """The canonical name, the aliases (of one language, or of all) and abbreviations."""
        chosen = [n for lang, ns in self.aliases if language in (None, lang) for n in ns]
        return tuple(dict.fromkeys([self.name, *chosen, *self.abbreviations]))

    def adjective_forms(self, language: str) -> tuple[str, ...]:
        return _lookup(self.adjectives, language)

    def people_forms(self, language: str) -> tuple[str, ...]:
        return _lookup(self.people, language)


@dataclass(frozen=True)
class Phrase:
    """A role ("président", "foreign minister") or an institution ("ministère de la Santé").

    Institutions with a nationality produce a mention of `template.format(of=...)`, of kind `kind`;
    `adjective_only` ones ("gouvernement", "autorités") only count with a nationality adjective.
    """

    key: str
    category: str  # "role" or "institution"
    names: Names
    template: str = ""
    kind: str = "organisation"
    adjective_only: bool = False

    def forms(self, language: str) -> tuple[str, ...]:
        return _lookup(self.names, language)


@dataclass(frozen=True)
class LanguageRules:
    """Closed word lists for one language (all compared folded)."""

    code: str
    script: str = "latin"  # "latin" or "arabic"
    determiners: frozenset[str] = frozenset()
    connectors: tuple[str, ...] = ()  # "de", "du", "of the": between a role and its country
    connector_words: frozenset[str] = frozenset()  # the words of the connectors
    honorifics: frozenset[str] = frozenset()  # "M", "Mme", "Mr", "السيد"
    titles: frozenset[str] = frozenset()  # words that announce a name: "ministre", "maréchal"
    place_prepositions: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()  # capitalised words that are not names
    not_names: frozenset[str] = frozenset()  # common nouns a model may tag as names
    name_heads: frozenset[str] = (
        frozenset()
    )  # lower-case nouns that open a name: "ministère", "place"
    media_nouns: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()  # lower-case name parts: "de", "von", "bin"
    possessive: frozenset[str] = frozenset()  # "s" of "Russia's"
    adjective_positions: tuple[str, ...] = ("suffix",)  # where a nationality sits in a phrase


@dataclass(frozen=True)
class Registry:
    actors: Mapping[str, Actor]
    phrases: tuple[Phrase, ...]
    languages: Mapping[str, LanguageRules]
    cache: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def resolve(self, name: str) -> str | None:
        """The canonical name for a canonical name, a `same_as` name or an alias (folded)."""
        return self._by_name().get(fold(name))

    def rules(self, language: str) -> LanguageRules:
        return self.languages.get(language) or LanguageRules(code=language)

    def role_holders(self) -> Iterable[tuple[RoleLink, Actor]]:
        return ((link, a) for a in self.actors.values() for link in a.roles)

    def _by_name(self) -> dict[str, str]:
        if "by_name" not in self.cache:
            table: dict[str, str] = {}
            for actor in self.actors.values():
                for name in (*actor.names(), *actor.same_as):
                    table.setdefault(fold(name), actor.name)
            for actor in self.actors.values():  # canonical names and same_as win over aliases
                for name in (actor.name, *actor.same_as):
                    table[fold(name)] = actor.name
            self.cache["by_name"] = table
        return self.cache["by_name"]


def load_registry(path: Path = DEFAULT_PATH, *, sources: Iterable[str] | None = None) -> Registry:
    """Read the TOML registry; `sources` keeps only entries whose `source` is listed."""
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    keep = None if sources is None else set(sources)
    actors: dict[str, Actor] = {}
    for raw in data.get("actor", []):
        actor = _actor(raw)
        if keep is not None and actor.source not in keep:
            continue
        if actor.name in actors:
            raise ValueError(f"actor {actor.name!r} is listed twice")
        actors[actor.name] = actor
    actors = _with_locale_names(actors)
    phrases = [_phrase(k, v, "role") for k, v in data.get("roles", {}).items()]
    phrases += [_phrase(k, v, "institution") for k, v in data.get("institutions", {}).items()]
    languages = {code: _language(code, raw) for code, raw in data.get("languages", {}).items()}
    return Registry(MappingProxyType(actors), tuple(phrases), MappingProxyType(languages))


def _actor(raw: Mapping[str, Any]) -> Actor:
    kind = raw.get("kind", "")
    if kind not in KINDS:
        raise ValueError(f"actor {raw.get('name')!r}: kind {kind!r} is not one of {sorted(KINDS)}")
    roles = tuple(RoleLink(r["role"], r["of"]) for r in raw.get("roles", []))
    wikidata = raw.get("wikidata")
    if wikidata is not None and not WIKIDATA_ID.fullmatch(wikidata):
        raise ValueError(f"actor {raw.get('name')!r}: wikidata {wikidata!r} is not an item id like Q142")
    return Actor(
        name=raw["name"],
        kind=kind,
        aliases=_names(raw.get("aliases", {})),
        abbreviations=tuple(raw.get("abbreviations", [])),
        adjectives=_names({k: _inflect(k, v) for k, v in raw.get("adjectives", {}).items()}),
        people=_names(raw.get("people", {})),
        roles=roles,
        capital_of=raw.get("capital_of"),
        same_as=tuple(raw.get("same_as", [])),
        source=raw.get("source", "general"),
        wikidata=wikidata,
        iso=raw.get("iso"),
    )


def _with_locale_names(actors: dict[str, Actor]) -> dict[str, Actor]:
    """Countries with an ISO code get CLDR's name for them in every language, besides the
    registry's own spellings; a CLDR name that is another actor's name or nationality word is left
    out (its own are kept: German "Italien" is also a capitalised "Italien", an Italian, in French)."""
    taken: dict[str, str] = {}  # folded name -> the actor it names
    nationality: dict[str, set[str]] = {}  # folded adjective or people form -> whose
    for actor in actors.values():
        for name in actor.names():
            taken.setdefault(fold(name), actor.name)
        for _, forms in (*actor.adjectives, *actor.people):
            for form in forms:
                nationality.setdefault(fold(form), set()).add(actor.name)
    out = dict(actors)
    for key, actor in actors.items():
        if actor.iso is None:
            continue
        aliases = {lang: list(names) for lang, names in actor.aliases}
        for language, names in country_names(actor.iso).items():
            mine = aliases.setdefault(language, [])
            usable = [n for n in names if taken.get(fold(n), actor.name) == actor.name
                      and not nationality.get(fold(n), set()) - {actor.name}]
            mine[:0] = [n for n in usable if fold(n) not in {fold(m) for m in mine}]  # CLDR's first
        out[key] = replace(actor, aliases=_names({k: v for k, v in aliases.items() if v}))
    return out


def _phrase(key: str, raw: Mapping[str, Any], category: str) -> Phrase:
    names = {k: v for k, v in raw.items() if isinstance(v, list)}
    return Phrase(
        key=key,
        category=category,
        names=_names(names),
        template=raw.get("name", ""),
        kind=raw.get("kind", "organisation"),
        adjective_only=bool(raw.get("adjective_only", False)),
    )


def _language(code: str, raw: Mapping[str, Any]) -> LanguageRules:
    def words(key: str) -> frozenset[str]:
        return frozenset(word_key(w) for w in raw.get(key, []))

    return LanguageRules(
        code=code,
        script=raw.get("script", "latin"),
        determiners=words("determiners"),
        connectors=tuple(raw.get("connectors", [])),
        connector_words=frozenset(t.key for c in raw.get("connectors", []) for t in tokenize(c)),
        honorifics=words("honorifics"),
        titles=words("titles"),
        place_prepositions=words("place_prepositions"),
        stopwords=words("stopwords"),
        not_names=words("not_names"),
        name_heads=words("name_heads"),
        media_nouns=words("media_nouns"),
        particles=words("particles"),
        possessive=words("possessive"),
        adjective_positions=tuple(raw.get("adjective_positions", ["suffix"])),
    )


def _inflect(language: str, forms: Iterable[str]) -> list[str]:
    """Add the regular feminine and plural forms of nationality adjectives (French, Arabic)."""
    out: list[str] = []
    for form in forms:
        out.append(form)
        if language == "fr":
            if form.endswith("e"):
                out.append(form + "s")
            elif form.endswith("en"):
                out += [form + "ne", form + "s", form + "nes"]
            elif form.endswith(("s", "x")):
                out += [form + "e", form + "es"]
            else:
                out += [form + "e", form + "s", form + "es"]
        elif language == "ar" and all(w.endswith(("ي", "ى")) for w in form.split()):
            for suffix in ("ة", "ون", "ين"):
                out.append(
                    " ".join(
                        w[:-1] + "ي" + suffix if suffix != "ة" else w[:-1] + "ية"
                        for w in form.split()
                    )
                )
    return list(dict.fromkeys(out))


def _names(raw: Mapping[str, Any]) -> Names:
    return tuple(sorted((lang, tuple(values)) for lang, values in raw.items()))


def _lookup(names: Names, language: str) -> tuple[str, ...]:
    return next((values for lang, values in names if lang == language), ())
