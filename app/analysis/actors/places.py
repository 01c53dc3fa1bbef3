"""Places: country and city names from locale data (CLDR, GeoNames), and names after place
nouns and prepositions ("في مدينة X", "the town of X", "в селе X")."""

from __future__ import annotations

import functools

from app.analysis.actors.context import Ctx, Hit
from app.analysis.actors.matching import word_key
from app.analysis.actors.russian import nominative
from app.analysis.actors.vocab import VOCAB, _read
from app.analysis.normalize import fold

BIG_CITY = 1_000_000  # a city this big is a place wherever it is named; smaller ones after "in"
ARABIC_TOWN = 50_000  # below this, a GeoNames Arabic name too often is a common word


@functools.cache
def _arabic_place_prefixes() -> frozenset[str]:
    words = _read(VOCAB / "place_prepositions.toml").get("ar_names", {}).get("name_prefixes", [])
    return frozenset(word_key(w) for w in words)


def places(c: Ctx, taken: set[int]) -> list[Hit]:
    """Country and city mentions outside `taken`, and unknown names after place nouns."""
    out: list[Hit] = []
    k = 0
    while k < len(c.tokens):
        if k in taken:
            k += 1
            continue
        hit = _gazetteer_hit(c, k, taken) or _after_place_noun(c, k, taken)
        if hit is None:
            k += 1
            continue
        out.append(hit)
        k = hit.end
    return out


def _gazetteer_hit(c: Ctx, k: int, taken: set[int]) -> Hit | None:
    if not c.tokens[k].arabic and not c.capital(k):
        return None
    found = c.place(k)
    if found is None:
        return None
    end, lead, place = found
    if any(t in taken for t in range(k, end)):
        return None
    arabic = c.tokens[k].arabic
    if c.is_stop(k) or c.titled(k) or any(
        lex.match(c.text, c.lemmas, k) for lex in (c.vocab.place_nouns, c.vocab.place_prepositions)
    ):
        return None  # "مدينة", "قرب" are also towns' names
    if not arabic:
        longer = end < len(c.tokens) and c.joined(end) and c.capital(end) and c.language != "ru"
        if not c.capital(k) or longer:
            return None  # "Jordan Peterson", "France Télévisions": part of a longer name
    after = _after_preposition(c, k) or (arabic and lead > 0 and _prefix_in(c, k)) or (
        end < len(c.tokens) and c.joined(end) and bool(c.vocab.place_after.match(c.text, c.tokens, end))
    )
    if place.kind == "place" and not after and place.population < BIG_CITY:
        return None
    if place.kind == "place" and arabic and place.population < ARABIC_TOWN:
        return None  # small towns' Arabic names are often common words: "في إطار"
    if place.kind != "country" and not arabic and not after and _opens_sentence(c, k):
        return None
    # the GeoNames (English) name: Kalush, Калуше and كالوش are one actor in every language
    return Hit(k, end, place.kind, "place", place.name, lead)


def _after_place_noun(c: Ctx, k: int, taken: set[int]) -> Hit | None:
    """A name right after "مدينة", "town of", "город": the place noun vouches for it."""
    found = c.vocab.place_nouns.match(c.text, c.lemmas, k)
    if not found:
        return None
    j = found[0].end
    if j >= len(c.tokens) or j in taken or not c.joined(j) or c.is_stop(j) or c.titled(j):
        return None
    if c.tokens[j].arabic:
        if c.definite(k) and not str(found[0].entry.payload).startswith("ال"):
            return None  # "المدينة القديمة": with the article the noun is not followed by a name
        end = j + 1
        if c.tokens[j].key in _arabic_place_prefixes() and end < len(c.tokens) and c.joined(end):
            end += 1
        if c.vocab.org_heads.match(c.text, c.tokens, j):
            return None
        word = fold(c.tokens[end - 1].text)
        if c.place(j) is None and not c.definite(j) and word.endswith(("ي", "يه", "يين", "يون")):
            return None  # "ميناء روسي": an adjective, not a name
        if c.vocab.place_prepositions.match(c.text, c.tokens, j):
            return None  # "العاصمة قرب ..."
    else:
        end = c.name_run(j, 3)
        if end == j:
            return None
    if any(t in taken for t in range(j, end)):
        return None
    text = c.text[c.tokens[j].start : c.tokens[end - 1].end]
    return Hit(j, end, "place", "place", nominative(text) if c.language == "ru" else None)


def _after_preposition(c: Ctx, k: int) -> bool:
    """A place preposition or noun ends right before token k ("in", "north of", "في", "в")."""
    for n in range(1, 4):
        start = k - n
        if start < 0:
            break
        for lex in (c.vocab.place_prepositions, c.vocab.place_nouns):
            if any(f.end == k for f in lex.match(c.text, c.lemmas, start)) and c.joined(k):
                return True
    return False


def _prefix_in(c: Ctx, k: int) -> bool:
    """An Arabic word with ب ("in") attached: بدرنة."""
    word = c.tokens[k].text
    return word[:1] == "ب" or word[:2] in ("وب", "فب")


def _opens_sentence(c: Ctx, k: int) -> bool:
    from app.analysis.actors.matching import sentence_start

    return sentence_start(c.text, c.tokens, k)
