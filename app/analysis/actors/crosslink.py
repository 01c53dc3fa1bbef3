"""Suggest that two spellings in different languages name one actor (Haftar / حفتر / Хафтар):
a transliteration-tolerant match of names, of one kind, helped by a shared role."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from app.analysis.actors.matching import arabic_core, is_arabic
from app.analysis.normalize import fold

THRESHOLD = 0.8
# Sounds that scripts write differently, folded to one letter after transliteration: Arabic has
# no p, v, g (as in "go"), Russian writes h as kh, French writes sh as ch and zh as j.
_SOUNDS = (
    ("tsh", "s"), ("sch", "s"), ("sh", "s"), ("ch", "s"), ("zh", "j"), ("dj", "j"), ("kh", "h"),
    ("gh", "g"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("ck", "k"), ("ts", "s"), ("q", "k"),
    ("c", "k"), ("x", "ks"), ("z", "s"), ("p", "b"), ("v", "f"), ("g", "j"), ("e", "a"),
)
_VOWELS = re.compile(r"[aeiouyw]")  # Arabic script writes few vowels: compare consonants
_ARTICLE = re.compile(r"\b[ae][lsdnrtz]h?-(?=\w)")  # al-, el-, as-, ad-, ash-: the Arabic article
_KINDS = {"country": "place", "place": "place"}  # a capital may be a country in another text


@dataclass(frozen=True)
class ActorRef:
    """One actor as found in one article."""

    name: str  # the name as written (or its canonical form)
    kind: str
    language: str
    role: str = ""  # a language-independent role key ("interior_minister"), if known
    article: str = ""


@dataclass(frozen=True)
class LinkSuggestion:
    left: ActorRef
    right: ActorRef
    score: float
    reasons: tuple[str, ...]


@functools.lru_cache(maxsize=16384)
def skeleton(name: str) -> tuple[str, ...]:
    """The consonants of each word of a name in Latin letters, spelling differences folded:
    "عبد الفتاح السيسي", "Abdel Fattah al-Sisi" and "Абдель Фаттах ас-Сиси" come close."""
    from unidecode import unidecode

    if is_arabic(name):  # drop the article of each word: السيسي -> سيسي
        name = " ".join(arabic_core(fold(w)) for w in name.split())
    text = unidecode(name).lower()
    text = _ARTICLE.sub("", text)
    text = re.sub(r"[^a-z ]", "", text)
    for written, sound in _SOUNDS:
        text = text.replace(written, sound)
    words = []
    for word in text.split():
        word = _VOWELS.sub("", word.rstrip("h"))  # a final h is a vowel sign (ة, "Fattah")
        word = re.sub(r"(.)\1+", r"\1", word)
        if word:
            words.append(word)
    return tuple(words)


def name_similarity(a: str, b: str) -> float:
    """0..1: how alike two names sound, whatever their scripts; the family name (last word)
    must agree, so "Ahmed Hassan" is not "Mohamed Hassan" only by a weak first name."""
    if fold(a) == fold(b):
        return 1.0
    sa, sb = skeleton(a), skeleton(b)
    if not sa or not sb or min(len("".join(sa)), len("".join(sb))) < 2:
        return 0.0
    # the family name, however it is split: "بن علي" / "Benali"
    last = max(
        SequenceMatcher(None, "".join(sa[-i:]), "".join(sb[-j:])).ratio()
        for i in (1, 2) for j in (1, 2) if i <= len(sa) and j <= len(sb) and (i, j) != (2, 2)
    )
    if (len(sa) == 1) != (len(sb) == 1):
        return 0.9 * last  # a family name alone against a full name
    return min(last, SequenceMatcher(None, "".join(sa), "".join(sb)).ratio())


def link_score(a: ActorRef, b: ActorRef) -> tuple[float, tuple[str, ...]]:
    """The evidence that a and b are one actor: name likeness, then role agreement."""
    if _KINDS.get(a.kind, a.kind) != _KINDS.get(b.kind, b.kind):
        return 0.0, ()
    score = name_similarity(a.name, b.name)
    reasons = [f"names alike ({score:.2f})"]
    if a.role and b.role:
        if a.role == b.role:
            score, reasons = min(1.0, score + 0.1), [*reasons, f"same role ({a.role})"]
        else:
            score, reasons = score - 0.2, [*reasons, f"different roles ({a.role}, {b.role})"]
    return score, tuple(reasons)


def suggest_links(
    actors: Iterable[ActorRef], threshold: float = THRESHOLD
) -> list[LinkSuggestion]:
    """Pairs of actors of one story, in different languages, that are probably one actor; each
    actor is paired at most once per other language, with its best match. Best first."""
    refs = list(dict.fromkeys(actors))
    best: dict[tuple[ActorRef, str], LinkSuggestion] = {}
    for i, a in enumerate(refs):
        for b in refs[i + 1 :]:
            if a.language == b.language or fold(a.name) == fold(b.name) and a.kind == b.kind:
                continue
            score, reasons = link_score(a, b)
            if score < threshold:
                continue
            pair = LinkSuggestion(a, b, round(score, 3), reasons)
            for key in ((a, b.language), (b, a.language)):
                if key not in best or best[key].score < pair.score:
                    best[key] = pair
    kept = {s for s in best.values() if best[(s.left, s.right.language)] is s
            and best[(s.right, s.left.language)] is s}
    return sorted(kept, key=lambda s: (-s.score, s.left.name, s.right.name))


def refs_from_mentions(article: str, language: str, mentions: Sequence) -> list[ActorRef]:
    """One ActorRef per actor of an article's mentions (`Mention` objects)."""
    seen: dict[str, ActorRef] = {}
    for m in mentions:
        seen.setdefault(m.actor, ActorRef(m.actor, m.kind, language, article=article))
    return list(seen.values())
