"""Attributed statements of an article — who says what, citing whom — with exact character spans."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from app.analysis.figures import SEEDS_DIR
from app.analysis.lexicon import Lexicon, Token, tokenize

_RANK = {"person": 0, "media": 1, "organisation": 2, "group": 3, "country": 4, "place": 5}
_PUNCT = re.compile(r"[,;:()—،؛«»\"“”]")
_COMMA = re.compile(r"[,،]")
_OPEN, _CLOSE = "«“", "»”"
_TRIM_END = " .»\"”"


class MentionLike(Protocol):
    paragraph: int
    start: int
    end: int
    actor: str
    kind: str


@dataclass(frozen=True)
class Source:
    name: str  # the actor's name when `actor`, else the words of the text
    start: int
    end: int
    role: str  # reporter | speaker | cited
    actor: bool


@dataclass(frozen=True)
class Statement:
    paragraph: int
    start: int  # the sentence holding the statement
    end: int
    speaker: str
    speaker_start: int
    speaker_end: int
    verb: str  # the reporting verb or marker ("déclaré", "selon", "said", "قال")
    verb_start: int
    verb_end: int
    content_start: int
    content_end: int
    content: str
    sources: tuple[Source, ...]  # outermost reporter first, then the speaker, then whom it cites
    form: str = "indirect"  # direct (quoted) | indirect ("que …", "selon X") | paraphrase

    @property
    def origin(self) -> Source:
        """The deepest source: whom the speaker cites, else the speaker."""
        return self.sources[-1]


@dataclass(frozen=True)
class AttributionRules:
    """The [attribution] word lists of seeds/framing.toml, compiled per language when first used."""

    data: dict[str, Any]
    _compiled: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    def lang(self, code: str) -> dict[str, Any]:
        code = (code or "").split("-")[0].split("_")[0].lower()
        if code not in self._compiled:
            tables = [self.data[code]] if code in self.data else list(self.data.values())
            keys = {k for t in tables for k in t}
            out: dict[str, Any] = {k: Lexicon((w, k) for t in tables for w in t.get(k, []))
                                   for k in keys}
            out["abbr"] = {w for t in tables for w in t.get("abbreviations", [])}
            self._compiled[code] = out
        return self._compiled[code]


_DEFAULT: list[AttributionRules] = []


def load_attribution(path: Path | None = None) -> AttributionRules:
    """The attribution rules of a framing vocabulary (the seeds' one, loaded once, by default)."""
    if path is None and _DEFAULT:
        return _DEFAULT[0]
    with open(path or SEEDS_DIR / "framing.toml", "rb") as fh:
        rules = AttributionRules(tomllib.load(fh).get("attribution", {}))
    if path is None:
        _DEFAULT.append(rules)
    return rules


def find_statements(paragraphs: Sequence[str], *, language: str, mentions: Sequence[MentionLike],
                    rules: AttributionRules | None = None) -> list[Statement]:
    """Statements of every paragraph, in order; a nested one carries its reporters' chain."""
    R = (rules or load_attribution()).lang(language)
    memory = _Memory()
    out: list[Statement] = []
    for index, text in enumerate(paragraphs):
        ms = sorted((m for m in mentions if m.paragraph == index), key=lambda m: (m.start, -m.end))
        tokens = tokenize(text)
        found: list[Statement] = []
        for cs, ce in sentence_spans(text, R["abbr"]):
            inside = [k for k, t in enumerate(tokens) if cs <= t.start < ce]
            if inside:
                found += _Sentence(index, text, tokens, inside[0], inside[-1] + 1, cs, ce, ms, R,
                                   (language or "").lower().startswith("ar"), memory).statements()
        out += _nest(found)
        memory.persons += [m for m in ms if m.kind == "person"]
    return out


@dataclass
class _Memory:
    """What pronouns may refer to: the persons named and the persons who spoke so far."""

    persons: list[Any] = field(default_factory=list)
    speakers: list[Source] = field(default_factory=list)


def sentence_spans(text: str, abbr: set[str]) -> list[tuple[int, int]]:
    """Sentence spans; a stop inside quotes, after an abbreviation or inside a word ends none."""
    alt = "|".join(map(re.escape, abbr)) or "(?!)"
    out, start, depth, straight = [], 0, 0, False
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
        elif ch in ".!?؟" and not depth and not straight:
            if text[i + 1:i + 2].strip():  # "U.S.", "1.5", "news.example.org"
                continue
            if ch == "." and re.search(rf"(?:^|[\s(])(?:[A-Z]|{alt})$", text[start:i]):
                continue
            out.append((start, i + 1))
            start = i + 1 + len(text[i + 1:]) - len(text[i + 1:].lstrip())
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


class _Sentence:
    """One sentence: its markers, clauses, and the statements they make."""

    def __init__(self, index: int, text: str, tokens: Sequence[Token], lo: int, hi: int, cs: int,
                 ce: int, ms: Sequence[Any], R: dict[str, Any], arabic: bool, memory: _Memory):
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
        return _pick(self.ms, lo, hi, self.R, self.text, self.memory, **kw)

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
                              for m in _reporters(self.ms, tk[e - 1].end, stop))
            for s in prior:
                rep = reporters or (replace(src, role="reporter"),)
                self.out[self.out.index(s)] = _with(s, rep + s.sources)
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
            self.out[self.out.index(s)] = _with(s, chain)

    def make(self, f: int, e: int, c0: int, c1: int, sources: tuple[Source, ...], form: str
             ) -> Statement:
        text, tk = self.text, self.tokens
        quoted = (text[max(0, c0 - 3):c0 + 3].strip()[:1] in _OPEN + '"'
                  or text[c0:c1].lstrip()[:1] in _OPEN + '"')
        c0 += len(text[c0:c1]) - len(text[c0:c1].lstrip(" «“\"'’:,"))
        c1 = max(c0, c0 + len(text[c0:c1].rstrip(" »”\"'.,،")))
        if quoted and not _PUNCT.search(_COMMA.sub("", text[c0:c1])):
            form = "direct"
        spk = sources[-1]
        vs, ve = tk[f].start, tk[e - 1].end
        return Statement(self.index, self.cs, self.ce, spk.name, spk.start, spk.end, text[vs:ve],
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


def _pick(ms: Sequence[Any], lo: int, hi: int, R: dict[str, Any], text: str, memory: _Memory, *,
          inverted: bool = False, near: bool = False, persons_only: bool = False,
          surface_words: int = 6) -> Source | None:
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
    return Source(text[a:b], a, b, "speaker", False)


def _reporters(ms: Sequence[Any], lo: int, hi: int) -> list[Any]:
    """The outermost media, organisations and persons named in text[lo:hi], one per actor."""
    inside = [m for m in ms if lo <= m.start and m.end <= hi + 1
              and m.kind in ("media", "organisation", "person")]
    outer = [m for m in inside
             if not any(o is not m and o.start <= m.start and m.end <= o.end for o in inside)]
    return list({m.actor: m for m in outer}.values())


def _with(s: Statement, sources: tuple[Source, ...]) -> Statement:
    speaker = next(x for x in sources if x.role == "speaker")
    return replace(s, speaker=speaker.name, speaker_start=speaker.start,
                   speaker_end=speaker.end, sources=sources)


def _nest(found: list[Statement]) -> list[Statement]:
    """A statement inside another's content is reported by the outer statement's sources."""
    done: list[Statement] = []
    for s in sorted(found, key=lambda s: s.content_start - s.content_end):
        outer = [o for o in done if o.content_start <= s.verb_start < o.content_end]
        if outer:
            o = min(outer, key=lambda x: x.content_end - x.content_start)
            chain = tuple(replace(x, role="reporter") for x in o.sources if x.name != s.speaker)
            s = _with(s, chain + s.sources)
        done.append(s)
    return sorted(done, key=lambda s: (s.paragraph, s.verb_start))
