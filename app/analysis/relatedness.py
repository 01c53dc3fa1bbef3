"""Which articles tell the same events or are versions of one text: only those are compared."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

from unidecode import unidecode

from app.analysis.align import version_bound, version_score
from app.analysis.analysed_article import AnalysedArticle
from app.analysis.normalize import fold

VERSION = 0.65  # version_score from which two articles are versions of one text
RELATED = 0.15  # overlap (Dice) of actors (by skeleton) from which two articles tell the same events
_BONE = 4  # shorter skeletons ("Zuwara" -> "sr") collide: the name itself is used
_DIGRAPHS = (("ph", "f"), ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "k"), ("th", "t"))
_SOUNDS = str.maketrans({"p": "b", "v": "f", "q": "k", "c": "k", "g": "k", "z": "s", "x": "ks",
                         **{ch: None for ch in "aeiouyhw"}})
SHARED_NUMBERS = 3  # or, for articles naming one place or country, distinctive numbers shared


def relate(articles: Sequence[AnalysedArticle]
           ) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(related, versions): id pairs, in the articles' order, of articles that tell the same
    events (versions included), and of articles that are versions of one text."""
    pairs = list(itertools.combinations(articles, 2))
    overlap = {(a.id, b.id): (dice(actor_keys(a), actor_keys(b)), dice(numbers_of(a), numbers_of(b)))
               for a, b in pairs}
    versions = {(a.id, b.id) for a, b in pairs if max(overlap[a.id, b.id]) >= RELATED
                and version_bound(a.text, b.text) >= VERSION and version_score(a.text, b.text) >= VERSION}
    related = versions | {k for k, (actors, _) in overlap.items() if actors >= RELATED}
    # Names in other scripts often stay apart ("Бахрам Садеги", "Bahram Sadeghi"); numbers do not.
    related |= {(a.id, b.id) for a, b in pairs if place_names(a) & place_names(b)
                and len(distinctive_numbers(a) & distinctive_numbers(b)) >= SHARED_NUMBERS}
    # Telling the same events is transitive: a short wire and a long feature in two scripts may
    # share too few names to relate directly, yet each relates to a third article of the events.
    groups = connected_groups([a.id for a in articles], related).values()
    member = {i: k for k, g in enumerate(groups) for i in g}
    related |= {(a.id, b.id) for a, b in pairs if member[a.id] == member[b.id]}
    return related, versions


def actor_keys(a: AnalysedArticle) -> set[str]:
    """The actors named, each by its consonant skeleton when that is long enough to be telling,
    so one name written in Latin, Arabic and Cyrillic letters counts once."""
    out = set()
    for name in {m.actor for m in a.mentions if m.kind != "media"}:
        bone = skeleton(name)
        out.add(bone if len(bone) >= _BONE else name)
    return out


def skeleton(name: str) -> str:
    """'Lampedusa', 'لامبيدوزا', 'Лампедуза' -> 'lmbds': transliterated (Unidecode), digraphs
    and sounds that scripts render differently merged, vowels and glides dropped."""
    text = re.sub(r"[^a-z]", "", unidecode(name).lower())
    for a, b in _DIGRAPHS:
        text = text.replace(a, b)
    text = text.translate(_SOUNDS)
    return re.sub(r"(.)\1+", r"\1", text)


def place_key(name: str) -> str:
    """A place as every script writes it: its consonant skeleton ("Zouara", "زوارة", "Зуара" ->
    "sr"), the folded name when too short to tell."""
    bone = skeleton(name)
    return bone if len(bone) >= 2 else fold(name)


def place_names(a: AnalysedArticle) -> set[str]:
    return {m.actor for m in a.mentions if m.kind in ("country", "place")}


def distinctive_numbers(a: AnalysedArticle) -> set[float]:
    """Numbers that rarely recur by chance: 100 and more (years left out) and decimals."""
    out = set()
    for n in numbers_of(a):
        try:
            v = float(n)
        except ValueError:
            continue
        if v != int(v) or (v >= 100 and not (1900 <= v <= 2100)):
            out.add(v)
    return out


def numbers_of(a: AnalysedArticle) -> frozenset[str]:
    return frozenset().union(*(p.numbers for p in a.text.anchors))


def dice(x: Iterable[Hashable], y: Iterable[Hashable]) -> float:
    x, y = set(x), set(y)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def connected_groups(items: Iterable[Hashable], links: Iterable[tuple[Hashable, Hashable]]
                     ) -> dict[Hashable, set[Hashable]]:
    """Connected components (union-find), keyed by their root."""
    parent = {x: x for x in items}

    def root(x: Hashable) -> Hashable:
        while parent[x] != x:
            x = parent[x]
        return x

    for x, y in links:
        parent[root(x)] = root(y)
    out: dict[Hashable, set[Hashable]] = defaultdict(set)
    for x in parent:
        out[root(x)].add(x)
    return out
