"""Who speaks, through whom: the speaker named in a span, its reporters, nested sources."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from app.analysis.attribution import Source, Statement
from app.analysis.lexicon import tokenize

_RANK = {"person": 0, "media": 1, "organisation": 2, "group": 3, "country": 4, "place": 5}


@dataclass
class SpeakerMemory:
    """What pronouns may refer to: the persons named and the persons who spoke so far."""

    persons: list[Any] = field(default_factory=list)
    speakers: list[Source] = field(default_factory=list)


def pick_speaker(ms: Sequence[Any], lo: int, hi: int, R: dict[str, Any], text: str,
                 memory: SpeakerMemory, *, inverted: bool = False, near: bool = False,
                 persons_only: bool = False, surface_words: int = 6) -> Source | None:
    """The speaker named in text[lo:hi]: the best-ranked mention, a resolved pronoun, or words
    (surface_words=0: an Arabic noun and its definite complements, "وزارة الداخلية")."""
    inside = [m for m in ms if lo <= m.start and m.end <= hi + 1]
    toks = tokenize(text[lo:hi])
    if inverted:  # "a déclaré X au ministre Y": X, not Y
        to = next((t for t in toks if R["addressees"].match(text[lo:hi], [t], 0)), None)
        if to and any(m.start < lo + to.start for m in inside):
            inside = [m for m in inside if m.start < lo + to.start]
    if persons_only:
        inside = [m for m in inside if m.kind == "person"]
    if inside:
        best = min(_RANK.get(m.kind, 9) for m in inside)
        pool = [m for m in inside if _RANK.get(m.kind, 9) == best]
        m = pool[-1] if near else pool[0]
        return Source(m.actor, m.start, m.end, "speaker", True)
    for t in toks:
        if R["pronouns"].match(text[lo:hi], [t], 0):
            ref = memory.speakers[-1].name if memory.speakers else (
                memory.persons[-1].actor if memory.persons else None)
            if ref:
                return Source(ref, lo + t.start, lo + t.end, "speaker", True)
    words = [t for t in toks if not R["skip"].match(text[lo:hi], [t], 0)
             and not R["auxiliaries"].match(text[lo:hi], [t], 0)]
    if surface_words == 0 and words:
        k = 1
        while k < min(len(words), 4) and words[k].text.startswith("ال"):
            k += 1
        words = words[:k]
    words = words[:surface_words or len(words)]
    if not words or persons_only:
        return None
    a, b = lo + words[0].start, lo + words[-1].end
    return Source(sys.intern(text[a:b]), a, b, "speaker", False)  # one string per name in a long article


def reporters_in(ms: Sequence[Any], lo: int, hi: int) -> list[Any]:
    """The outermost media, organisations and persons named in text[lo:hi], one per actor."""
    inside = [m for m in ms if lo <= m.start and m.end <= hi + 1
              and m.kind in ("media", "organisation", "person")]
    outer = [m for m in inside
             if not any(o is not m and o.start <= m.start and m.end <= o.end for o in inside)]
    return list({m.actor: m for m in outer}.values())


def with_sources(s: Statement, sources: tuple[Source, ...]) -> Statement:
    speaker = next(x for x in sources if x.role == "speaker")
    return replace(s, speaker=speaker.name, speaker_start=speaker.start,
                   speaker_end=speaker.end, sources=sources)


def nest_statements(found: list[Statement]) -> list[Statement]:
    """A statement inside another's content is reported by the outer statement's sources."""
    done: list[Statement] = []
    for s in sorted(found, key=lambda s: s.content_start - s.content_end):
        outer = [o for o in done if o.content_start <= s.verb_start < o.content_end]
        if outer:
            o = min(outer, key=lambda x: x.content_end - x.content_start)
            chain = tuple(replace(x, role="reporter") for x in o.sources if x.name != s.speaker)
            s = with_sources(s, chain + s.sources)
        done.append(s)
    return sorted(done, key=lambda s: (s.paragraph, s.verb_start))
