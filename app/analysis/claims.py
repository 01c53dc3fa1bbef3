"""Attributed statements of an article — who says what, citing whom — with exact character spans."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from app.analysis.attribution import (
    AttributionRules,
    MentionLike,
    Source,
    Statement,
    load_attribution,
)
from app.analysis.lexicon import Token, tokenize
from app.analysis.paragraph_mentions import mentions_by_paragraph
from app.analysis.sentences import OPENING_QUOTES, sentence_spans
from app.analysis.source_chains import (
    SpeakerMemory,
    nest_statements,
    pick_speaker,
    reporters_in,
    with_sources,
)

__all__ = [  # the statement types and sentence splitting are re-exported for callers
    "AttributionRules", "MentionLike", "Source", "Statement", "find_statements",
    "load_attribution", "sentence_spans",
]

_PUNCT = re.compile(r"[,;:()—،؛«»\"“”]")
_COMMA = re.compile(r"[,،]")
_TRIM_END = " .»\"”"


def find_statements(paragraphs: Sequence[str], *, language: str, mentions: Sequence[MentionLike],
                    rules: AttributionRules | None = None) -> list[Statement]:
    """Statements of every paragraph, in order; a nested one carries its reporters' chain."""
    R = (rules or load_attribution()).lang(language)
    memory = SpeakerMemory()
    out: list[Statement] = []
    grouped = mentions_by_paragraph(mentions)
    for index, text in enumerate(paragraphs):
        ms = sorted(grouped.get(index, ()), key=lambda m: (m.start, -m.end))
        tokens = tokenize(text)
        found: list[Statement] = []
        for cs, ce in sentence_spans(text, R["abbr"]):
            inside = [k for k, t in enumerate(tokens) if cs <= t.start < ce]
            if inside:
                found += _Sentence(index, text, tokens, inside[0], inside[-1] + 1, cs, ce, ms, R,
                                   (language or "").lower().startswith("ar"), memory).statements()
        out += nest_statements(found)
        memory.persons += [m for m in ms if m.kind == "person"]
    return out


class _Sentence:
    """One sentence: its markers, clauses, and the statements they make."""

    def __init__(self, index: int, text: str, tokens: Sequence[Token], lo: int, hi: int, cs: int,
                 ce: int, ms: Sequence[Any], R: dict[str, Any], arabic: bool,
                 memory: SpeakerMemory):
        self.index, self.text, self.tokens, self.lo, self.hi = index, text, tokens, lo, hi
        self.cs, self.ce, self.ms, self.R, self.arabic, self.memory = cs, ce, ms, R, arabic, memory
        m = {key: self.hits(key) for key in ("relative", "according_to", "citing", "reported_by",
                                             "complementisers")}
        relative = {k for f, e in m["relative"] for k in range(f, e)}
        m["according_to"] = [(f, e) for f, e in m["according_to"] if f not in relative]
        taken = relative | {k for key in ("according_to", "citing", "reported_by")
                            for f, e in m[key] for k in range(f, e)}
        self.markers = m
        self.verbs = sorted((f, e, key) for key in ("verbs", "participles")
                            for f, e in self.hits(key) if f not in taken)
        self.commas = [tokens[k].start for k in range(lo + 1, hi) if _COMMA.search(self.gap(k))]
        self.trailing = [(f, e) for f, e in m["according_to"] if f > lo and self.punct_before(f)]
        subordinate = [f for f, _ in self.hits("subordinators") if self.punct_before(f)]
        self.cuts = sorted([_comma(text, tokens[f].start) for f, _ in self.trailing + m["citing"]]
                           + [_comma(text, tokens[f].start) for f in subordinate]
                           + [_comma(text, tokens[self.left(f) + 1].start)
                              for f, e, key in self.verbs
                              if key == "verbs" and self.left(f) >= lo and self.inverted(f, e)])
        self.out: list[Statement] = []

    # ------------------------------------------------------------ positions
    def hits(self, key: str) -> list[tuple[int, int]]:
        lex = self.R.get(key)
        found = lex.scan(self.text, self.tokens, self.lo, self.hi) if lex else []
        return [(f, e) for f, e, _ in found]

    def gap(self, k: int) -> str:
        """The characters just before token k (from the previous token or the sentence start)."""
        prev = self.tokens[k - 1].end if k and self.tokens[k - 1].end > self.cs else self.cs
        return self.text[prev:self.tokens[k].start]

    def punct_before(self, k: int) -> bool:
        return bool(_PUNCT.search(self.gap(k)))

    def clause_end(self, pos: int) -> int:
        return min([e for e in self.commas if e > pos] + [self.ce])

    def comma_before(self, pos: int) -> int:
        return max([e for e in self.commas if e <= pos] + [self.cs])

    def cap(self, c0: int) -> int:
        """Where content starting at c0 ends: a trailing source, a subordinate clause, an incise."""
        return min([c for c in self.cuts if c > c0] + [self.ce])

    def left(self, f: int) -> int:
        """The token before the auxiliaries and adverbs that precede the verb at f."""
        k = f - 1
        while k >= self.lo and (self.R["auxiliaries"].match(self.text, self.tokens, k)
                                or self.R["skip"].match(self.text, self.tokens, k)):
            k -= 1
        return k

    def complementiser(self, e: int) -> tuple[int, int] | None:
        end = self.clause_end(self.tokens[e - 1].end)
        return next(((a, b) for a, b in self.markers["complementisers"]
                     if a >= e and self.tokens[a].start < end), None)

    def inverted(self, f: int, e: int) -> bool:
        """"…, a déclaré X": the verb opens its clause and no "que" follows it."""
        k = self.left(f)
        return not self.arabic and (k < self.lo or self.punct_before(k + 1)) \
            and self.complementiser(e) is None

    def pick(self, lo: int, hi: int, **kw: Any) -> Source | None:
        return pick_speaker(self.ms, lo, hi, self.R, self.text, self.memory, **kw)

    def speaker_stop(self, e: int) -> int:
        return _speaker_stop(self.text, self.tokens, e, self.hi, self.markers, self.ce, self.ms)

    # ------------------------------------------------------------ statements
    def statements(self) -> list[Statement]:
        for f, e, key in self.verbs:
            self.verb(f, e, key)
        tk = self.tokens
        for f, e in self.markers["citing"]:  # "…, a déclaré X, citant Y"
            self.attach(f, self.pick(tk[e - 1].end, self.speaker_stop(e)), "cited")
        for f, e in self.markers["according_to"] + self.markers["relative"]:
            self.according(f, e, (f, e) in self.markers["relative"])
        for f, e in self.markers["reported_by"]:  # "des témoins cités par Y"
            self.attach(f, self.pick(tk[e - 1].end, self.speaker_stop(e)), "reporter")
        return self.out

    def verb(self, f: int, e: int, key: str) -> None:
        tk, text, lo = self.tokens, self.text, self.lo
        k, form = self.left(f), "indirect"
        vs, ve = tk[f].start, tk[e - 1].end
        compl = self.complementiser(e)
        after_compl = tk[compl[1] - 1].end if compl else None
        quote = re.match(r"\s*:?\s*[«“\"]", text[ve:]) if not compl else None
        if key == "participles":  # "…, ajoutant que …": the speaker of the main clause
            spk = self.out[-1].sources[-1] if self.out else self.pick(self.cs, self.ce,
                                                                      persons_only=True)
            c0 = after_compl or ve
            c1 = self.cap(c0) if compl else self.clause_end(ve)
        elif self.arabic:
            spk = self.arabic_speaker(f, e, compl)
            c0 = after_compl or max(spk.end if spk else ve, ve)
            c1 = self.cap(c0) if compl else self.clause_end(ve)
            form = "indirect" if compl else "paraphrase"
        elif self.inverted(f, e):  # "…, a déclaré X" / "…, said X"
            stop = self.speaker_stop(e)
            spk = self.pick(ve, stop, inverted=True)
            if k < lo:  # the verb opens the sentence: "Said X: …"
                c0, c1 = (after_compl, self.cap(ve)) if compl else (spk.end if spk else ve,
                                                                    self.clause_end(ve))
            else:
                c0, c1 = self.cs, _comma(text, tk[k + 1].start)
                if k + 1 - lo <= 4 and text[stop:self.ce].strip(_TRIM_END) \
                        and not _marker_at(self.markers, tk, stop):
                    c1 = self.ce  # an incise: "La Chine, a souligné Xi Jinping, est …"
        else:  # "X a déclaré que …", "the ministry said"
            start = self.comma_before(tk[k].start if k >= lo else vs)
            subject_end = tk[k].end if k >= lo else vs
            shared = [x for x in self.out if start <= x.verb_start < subject_end]
            spk = (next(x for x in shared[-1].sources if x.role == "speaker") if shared  # "et a …"
                   else self.pick(start, subject_end) or self.pick(self.cs, subject_end, near=True))
            heard = {k for f0, e0 in self.hits("audiences") for k in range(f0, e0)}
            rest = [t for t in range(e, self.hi) if tk[t].start < self.clause_end(ve)
                    and t not in heard and not self.R["skip"].match(text, tk, t)]
            if compl or quote:
                c0 = after_compl or quote.end() - 1
                c1 = self.cap(c0)
            elif rest:  # "a déclaré l'état d'urgence": the outlet's paraphrase
                c0, c1, form = ve, self.clause_end(ve), "paraphrase"
            else:  # "…, the ministry said on Thursday."
                c0, c1 = self.cs, _comma(text, start)
        if spk is None:
            return
        speaker = Source(spk.name, spk.start, spk.end, "speaker", spk.actor)
        self.out.append(self.make(f, e, c0, c1, (speaker,), form))
        persons = [*self.ms, *self.memory.persons]
        if spk.actor and any(m.actor == spk.name and m.kind == "person" for m in persons):
            self.memory.speakers.append(speaker)

    def arabic_speaker(self, f: int, e: int, compl: tuple[int, int] | None) -> Source | None:
        """Verb first ("قال الوزير … إن"), else a short subject before it ("ان الوزير قال في")."""
        tk, text = self.tokens, self.text
        vs, ve = tk[f].start, tk[e - 1].end
        stop = tk[compl[0]].start if compl else self.clause_end(ve)
        spk = self.pick(ve, stop, surface_words=5 if compl else 0)
        opened = max([tk[b - 1].end for _, b in self.markers["complementisers"] if b <= f]
                     + [self.comma_before(vs)])
        after = tokenize(text[ve:stop])
        prep = not after or bool(self.R["prepositions"].match(text[ve:stop], after, 0))
        if not (spk and spk.actor) and prep and 0 < len(text[opened:vs].split()) <= 4:
            spk = self.pick(opened, vs) or spk
        return spk or (self.out[-1].sources[-1] if self.out else None)  # "…، وقالت إن …"

    def according(self, f: int, e: int, relative: bool) -> None:
        """"selon X, …", "…, selon X", "according to X", "وفقا لـ X"; "selon laquelle …"."""
        tk, text = self.tokens, self.text
        stop = self.speaker_stop(e)
        src = (self.pick(self.cs, tk[f].start, near=True, persons_only=True) if relative
               else self.pick(tk[e - 1].end, stop))
        if src is None:
            return
        prior = [s for s in self.out if s.verb_start < tk[f].start
                 and max(s.speaker_end, s.content_end) <= tk[f].start + 1]
        if (f, e) in self.trailing and prior:  # "…, a déclaré le Kremlin, selon l'AFP"
            reporters = tuple(Source(m.actor, m.start, m.end, "reporter", True)
                              for m in reporters_in(self.ms, tk[e - 1].end, stop))
            for s in prior:
                rep = reporters or (replace(src, role="reporter"),)
                self.out[self.out.index(s)] = with_sources(s, rep + s.sources)
            return
        if relative:
            c0, c1 = tk[e - 1].end, self.cap(tk[e - 1].end)
        elif (f, e) in self.trailing and not re.match(r"\s*[,،]\s*\w", text[stop:self.ce]):
            c0, c1 = self.cs, _comma(text, tk[f].start)
        else:
            c0, c1 = stop, self.cap(stop)
        self.out.append(self.make(f, e, c0, c1, (replace(src, role="speaker"),), "indirect"))
        if src.actor and any(m.actor == src.name and m.kind == "person" for m in self.ms):
            self.memory.speakers.append(replace(src, role="speaker"))

    def attach(self, f: int, src: Source | None, role: str) -> None:
        """Add a cited source or a reporter to the statement whose speaker comes just before."""
        near = [s for s in self.out if s.speaker_end <= self.tokens[f].start]
        if near and src:
            s, added = near[-1], (replace(src, role=role),)
            chain = s.sources + added if role == "cited" else added + s.sources
            self.out[self.out.index(s)] = with_sources(s, chain)

    def make(self, f: int, e: int, c0: int, c1: int, sources: tuple[Source, ...], form: str
             ) -> Statement:
        text, tk = self.text, self.tokens
        quoted = (text[max(0, c0 - 3):c0 + 3].strip()[:1] in OPENING_QUOTES + '"'
                  or text[c0:c1].lstrip()[:1] in OPENING_QUOTES + '"')
        c0 += len(text[c0:c1]) - len(text[c0:c1].lstrip(" «“\"'’:,"))
        c1 = max(c0, c0 + len(text[c0:c1].rstrip(" »”\"'.,،")))
        if quoted and not _PUNCT.search(_COMMA.sub("", text[c0:c1])):
            form = "direct"
        spk = sources[-1]
        vs, ve = tk[f].start, tk[e - 1].end
        return Statement(self.index, self.cs, self.ce, spk.name, spk.start, spk.end, sys.intern(text[vs:ve]),
                         vs, ve, c0, c1, text[c0:c1], sources, form)


def _comma(text: str, pos: int) -> int:
    """The end of the clause before `pos` (its commas and spaces left out)."""
    k = pos
    while k > 0 and (text[k - 1].isspace() or text[k - 1] in ",،"):
        k -= 1
    return k


def _marker_at(markers: dict[str, list[tuple[int, int]]], tokens: Sequence[Token], pos: int
               ) -> bool:
    return any(abs(tokens[f].start - pos) <= 3 for key in ("citing", "according_to")
               for f, _ in markers[key])


def _speaker_stop(text: str, tokens: Sequence[Token], e: int, hi: int,
                  markers: dict[str, list[tuple[int, int]]], ce: int, ms: Sequence[Any]) -> int:
    """Where a speaker phrase after token e ends: punctuation, a marker, a complementiser."""
    starts = {tokens[f].start for key in markers for f, _ in markers[key]}
    for k in range(e, hi):
        gap = text[tokens[k - 1].end:tokens[k].start]
        if k > e and (_PUNCT.search(gap) or tokens[k].start in starts):
            appos = next((m for m in ms if m.start == tokens[k].start and m.kind == "person"), None)
            if appos and "," in gap and not text[appos.end:ce].strip(" .,»\"”"):
                return appos.end  # "…, a déclaré le porte-parole du département d'État, Ned Price."
            return tokens[k - 1].end
        if k == e and tokens[k].start in starts:
            return tokens[k].start
    return min(ce, tokens[hi - 1].end) if hi else ce

