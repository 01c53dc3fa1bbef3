"""Attributed statements of an article — who says what, citing whom — with exact character spans."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from app.analysis.figures import SEEDS_DIR, Lexicon, Token, tokenize

_RANK = {"person": 0, "media": 1, "organisation": 2, "group": 3, "country": 4, "place": 5}
_PUNCT = re.compile(r"[,;:()—،؛«»\"“”]")
_OPEN = "«“"
_CLOSE = "»”"


class MentionLike(Protocol):
    paragraph: int
    start: int
    end: int
    actor: str
    kind: str


@dataclass(frozen=True)
class Source:
    name: str  # actor name when `actor`, else the surface phrase
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
    verb: str
    verb_start: int
    verb_end: int
    content_start: int
    content_end: int
    content: str
    sources: tuple[Source, ...]  # outermost reporter first, then the speaker, then whom it cites
    form: str = "indirect"  # direct (quoted) | indirect ("que …", "selon X") | paraphrase (no clause)

    @property
    def origin(self) -> Source:
        """The deepest source: whom the speaker cites, else the speaker."""
        return self.sources[-1]


@dataclass(frozen=True)
class AttributionRules:
    """Attribution word lists (the [attribution] part of seeds/framing.toml), compiled lazily."""

    data: dict[str, Any]
    _compiled: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    def lang(self, code: str) -> dict[str, Any]:
        code = (code or "").split("-")[0].split("_")[0].lower()
        if code not in self._compiled:
            tables = self.data.get(code) and [self.data[code]] or list(self.data.values())
            lists = {k for t in tables for k in t}
            out: dict[str, Any] = {k: Lexicon((w, k) for t in tables for w in t.get(k, []))
                                   for k in lists}
            out["abbr"] = {w for t in tables for w in t.get("abbreviations", [])}
            self._compiled[code] = out
        return self._compiled[code]


_DEFAULT: list[AttributionRules] = []


def load_attribution(path: Path | None = None) -> AttributionRules:
    if path is None and _DEFAULT:
        return _DEFAULT[0]
    with open(path or SEEDS_DIR / "framing.toml", "rb") as fh:
        rules = AttributionRules(tomllib.load(fh).get("attribution", {}))
    if path is None:
        _DEFAULT.append(rules)
    return rules


def find_statements(paragraphs: Sequence[str], *, language: str, mentions: Sequence[MentionLike],
                    rules: AttributionRules | None = None) -> list[Statement]:
    """Statements of every paragraph, in order; nested ones carry their reporters' chain."""
    R = (rules or load_attribution()).lang(language)
    arabic = (language or "").lower().startswith("ar")
    ctx = _Context()
    out: list[Statement] = []
    for index, text in enumerate(paragraphs):
        ms = sorted((m for m in mentions if m.paragraph == index), key=lambda m: (m.start, -m.end))
        found: list[Statement] = []
        tokens = tokenize(text)
        for cs, ce in _sentences(text, R["abbr"]):
            toks = [k for k, t in enumerate(tokens) if cs <= t.start < ce]
            if toks:
                found += _sentence(index, text, tokens, toks[0], toks[-1] + 1, cs, ce, ms, R,
                                   arabic, ctx)
        out += _nest(found)
        ctx.persons += [m for m in ms if m.kind == "person"]
    return out


@dataclass
class _Context:
    persons: list[Any] = field(default_factory=list)  # person mentions of earlier paragraphs
    speakers: list[Source] = field(default_factory=list)  # person speakers so far


def _sentences(text: str, abbr: set[str]) -> list[tuple[int, int]]:
    out, start, depth, straight = [], 0, 0, False
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
        elif ch in ".!?؟" and not depth and not straight:
            if text[i + 1:i + 2].strip():  # "U.S.", "1.5", "china.org.cn"
                continue
            alt = "|".join(map(re.escape, abbr)) or "(?!)"
            if ch == "." and re.search(rf"(?:^|[\s(])(?:[A-Z]|{alt})$", text[start:i]):
                continue
            out.append((start, i + 1))
            start = i + 1 + len(text[i + 1:]) - len(text[i + 1:].lstrip())
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


def _hits(R: dict[str, Any], key: str, text: str, tokens: Sequence[Token], lo: int, hi: int
          ) -> list[tuple[int, int]]:
    lex = R.get(key)
    return [(f, e) for f, e, _ in lex.scan(text, tokens, lo, hi)] if lex else []


def _gap(text: str, tokens: Sequence[Token], k: int, cs: int) -> str:
    """The characters just before token k (from the previous token or the sentence start)."""
    return text[(tokens[k - 1].end if k and tokens[k - 1].end > cs else cs):tokens[k].start]


def _sentence(index: int, text: str, tokens: Sequence[Token], lo: int, hi: int, cs: int, ce: int,
              ms: Sequence[Any], R: dict[str, Any], arabic: bool, ctx: _Context) -> list[Statement]:
    markers = {key: _hits(R, key, text, tokens, lo, hi)
               for key in ("relative", "according_to", "citing", "reported_by", "complementisers")}
    rel = {k for f, e in markers["relative"] for k in range(f, e)}
    markers["according_to"] = [(f, e) for f, e in markers["according_to"] if f not in rel]
    taken = rel | {k for key in ("according_to", "citing", "reported_by") for f, e in markers[key]
                   for k in range(f, e)}
    verbs = sorted((f, e, key) for key in ("verbs", "participles")
                   for f, e in _hits(R, key, text, tokens, lo, hi) if f not in taken)
    ends = [tokens[k].start for k in range(lo + 1, hi) if re.search("[,،]", _gap(text, tokens, k, cs))]

    def clause_end(pos: int) -> int:
        return min([e for e in ends if e > pos] + [ce])

    def comma_before(pos: int) -> int:
        return max([e for e in ends if e <= pos] + [cs])

    def left(f: int) -> int:
        k = f - 1
        while k >= lo and (R["auxiliaries"].match(text, tokens, k) or R["skip"].match(text, tokens, k)):
            k -= 1
        return k

    def complementiser(e: int) -> tuple[int, int] | None:
        end = clause_end(tokens[e - 1].end)
        return next(((a, b) for a, b in markers["complementisers"] if a >= e and tokens[a].start < end),
                    None)

    def inverted(f: int, e: int) -> bool:
        k = left(f)
        return not arabic and (k < lo or bool(_PUNCT.search(_gap(text, tokens, k + 1, cs)))) \
            and complementiser(e) is None

    trailing = [(f, e) for f, e in markers["according_to"] if f > lo
                and _PUNCT.search(_gap(text, tokens, f, cs))]
    subordinate = [f for f, _ in _hits(R, "subordinators", text, tokens, lo, hi)
                   if _PUNCT.search(_gap(text, tokens, f, cs))]
    cuts = sorted([_comma(text, tokens[f].start) for f, _ in trailing + markers["citing"]]
                  + [_comma(text, tokens[f].start) for f in subordinate]
                  + [_comma(text, tokens[left(f) + 1].start) for f, e, key in verbs
                     if key == "verbs" and left(f) >= lo and inverted(f, e)])

    def cap(c0: int) -> int:
        return min([c for c in cuts if c > c0] + [ce])

    out: list[Statement] = []
    for f, e, key in verbs:
        k, form = left(f), "indirect"
        vs, ve = tokens[f].start, tokens[e - 1].end
        compl = complementiser(e)
        quote = re.match(r"\s*:?\s*[«“\"]", text[ve:]) if not compl else None
        if key == "participles":
            spk = out[-1].sources[-1] if out else _pick(ms, cs, ce, R, text, ctx, persons_only=True)
            if spk is None:
                continue
            c0 = tokens[compl[1]].start if compl else ve
            c1 = cap(c0) if compl else clause_end(ve)
        elif arabic:
            stop = tokens[compl[0]].start if compl else clause_end(ve)
            spk = _pick(ms, ve, stop, R, text, ctx, surface_words=5 if compl else 0)
            back = _pick(ms, comma_before(vs), vs, R, text, ctx)
            if back and back.actor and len(text[back.end:vs].split()) <= 1 and not (spk and spk.actor):
                spk = back  # "ان الوزير وانغ قال …"
            spk = spk or (out[-1].sources[-1] if out else None)  # "…، وقالت إن …": the same speaker
            if spk is None:
                continue
            c0 = tokens[compl[1]].start if compl else max(spk.end, ve)
            c1 = cap(c0) if compl else clause_end(ve)
            form = "indirect" if compl else "paraphrase"
        elif inverted(f, e):  # "…, a déclaré X" / "…, said X"
            stop = _speaker_stop(text, tokens, e, hi, markers, ce, ms)
            spk = _pick(ms, ve, stop, R, text, ctx, inverted=True)
            if spk is None:
                continue
            if k < lo:  # "Said X: …" / verb first
                c0, c1 = (tokens[compl[1]].start, cap(ve)) if compl else (spk.end, clause_end(ve))
            else:
                c0, c1 = cs, _comma(text, tokens[k + 1].start)
                if k + 1 - lo <= 4 and text[stop:ce].strip(" .»\"”") and not _marker_at(markers, tokens, stop):
                    c1 = ce  # an incise: "La Chine, a souligné Xi Jinping, est …"
        else:  # "X a déclaré que …", "the ministry said"
            start = comma_before(tokens[k].start if k >= lo else vs)
            subject_end = tokens[k].end if k >= lo else vs
            shared = [x for x in out if start <= x.verb_start < subject_end]  # "… a déclaré … et a imputé"
            spk = next(x for x in shared[-1].sources if x.role == "speaker") if shared else \
                _pick(ms, start, subject_end, R, text, ctx)
            spk = spk or _pick(ms, cs, subject_end, R, text, ctx, near=True)
            if spk is None:
                continue
            rest = [t for t in range(e, hi) if tokens[t].start < clause_end(ve)
                    and not R["skip"].match(text, tokens, t)]
            if compl or quote:
                c0 = tokens[compl[1]].start if compl else quote.end() - 1
                c1 = cap(c0)
            elif rest:
                c0, c1, form = ve, clause_end(ve), "paraphrase"
            else:  # "…, the ministry said on Thursday."
                c0, c1 = cs, _comma(text, start)
        out.append(_make(index, text, cs, ce, tokens, f, e, c0, c1,
                         [Source(spk.name, spk.start, spk.end, "speaker", spk.actor)], form))
        if spk.actor and any(m.actor == spk.name for m in [*ms, *ctx.persons] if m.kind == "person"):
            ctx.speakers.append(spk)
    for f, e in markers["citing"]:
        near = [s for s in out if s.speaker_end <= tokens[f].start]
        stop = _speaker_stop(text, tokens, e, hi, markers, ce, ms)
        cited = _pick(ms, tokens[e - 1].end, stop, R, text, ctx)
        if near and cited:
            s = near[-1]
            out[out.index(s)] = _with(s, s.sources + (Source(cited.name, cited.start, cited.end,
                                                              "cited", cited.actor),))
    for f, e in markers["according_to"] + markers["relative"]:
        relative = (f, e) in markers["relative"]
        stop = _speaker_stop(text, tokens, e, hi, markers, ce, ms)
        src = (_pick(ms, cs, tokens[f].start, R, text, ctx, near=True, persons_only=True)
               if relative else _pick(ms, tokens[e - 1].end, stop, R, text, ctx))
        if src is None:
            continue
        prior = [s for s in out if s.verb_start < tokens[f].start
                 and max(s.speaker_end, s.content_end) <= tokens[f].start + 1]
        if (f, e) in trailing and prior:
            for s in prior:
                rep = tuple(Source(m.actor, m.start, m.end, "reporter", True)
                            for m in _reporters(ms, tokens[e - 1].end, stop)) or (
                    Source(src.name, src.start, src.end, "reporter", src.actor),)
                out[out.index(s)] = _with(s, rep + s.sources)
            continue
        if relative:
            c0, c1 = tokens[e - 1].end, cap(tokens[e - 1].end)
        elif (f, e) in trailing and not re.match(r"\s*[,،]\s*\w", text[stop:ce]):
            c0, c1 = cs, _comma(text, tokens[f].start)
        else:
            c0, c1 = stop, cap(stop)
        out.append(_make(index, text, cs, ce, tokens, f, e, c0, c1,
                         [Source(src.name, src.start, src.end, "speaker", src.actor)]))
    for f, e in markers["reported_by"]:  # "des témoins cités par le CICR"
        near = [s for s in out if s.speaker_end <= tokens[f].start]
        rep = _pick(ms, tokens[e - 1].end, _speaker_stop(text, tokens, e, hi, markers, ce, ms),
                    R, text, ctx)
        if near and rep:
            s = near[-1]
            out[out.index(s)] = _with(s, (Source(rep.name, rep.start, rep.end, "reporter",
                                                 rep.actor),) + s.sources)
    return out


def _comma(text: str, pos: int) -> int:
    """The position of the punctuation just before `pos` (the end of the preceding clause)."""
    k = pos
    while k > 0 and (text[k - 1].isspace() or text[k - 1] in ",،"):
        k -= 1
    return k


def _marker_at(markers: dict[str, list[tuple[int, int]]], tokens: Sequence[Token], pos: int) -> bool:
    return any(abs(tokens[f].start - pos) <= 3 for key in ("citing", "according_to")
               for f, _ in markers[key])


def _speaker_stop(text: str, tokens: Sequence[Token], e: int, hi: int,
                  markers: dict[str, list[tuple[int, int]]], ce: int, ms: Sequence[Any]) -> int:
    """Where a speaker phrase after token e ends: punctuation, a marker, a complementiser."""
    starts = {tokens[f].start for key in markers for f, _ in markers[key]}
    for k in range(e, hi):
        if k > e and (_PUNCT.search(_gap(text, tokens, k, 0)) or tokens[k].start in starts):
            stop = tokens[k - 1].end
            appos = next((m for m in ms if m.start == tokens[k].start and m.kind == "person"), None)
            if appos and "," in _gap(text, tokens, k, 0) and not text[appos.end:ce].strip(" .,»\"”"):
                return appos.end  # "…, a déclaré le porte-parole du département d'État, Ned Price."
            return stop
        if k == e and tokens[k].start in starts:
            return tokens[k].start
    return min(ce, tokens[hi - 1].end) if hi else ce


def _pick(ms: Sequence[Any], lo: int, hi: int, R: dict[str, Any], text: str, ctx: _Context, *,
          inverted: bool = False, near: bool = False, persons_only: bool = False,
          surface_words: int = 6) -> Source | None:
    """The speaker named in text[lo:hi]: the best-ranked mention, a resolved pronoun, or words."""
    inside = [m for m in ms if lo <= m.start and m.end <= hi + 1]
    if inverted:
        addressee = next((t for t in tokenize(text[lo:hi]) if R["addressees"].match(
            text[lo:hi], [t], 0)), None)
        if addressee and any(m.start < lo + addressee.start for m in inside):
            inside = [m for m in inside if m.start < lo + addressee.start]
    if persons_only:
        inside = [m for m in inside if m.kind == "person"]
    if inside:
        best = min(_RANK.get(m.kind, 9) for m in inside)
        pool = [m for m in inside if _RANK.get(m.kind, 9) == best]
        m = pool[-1] if near else pool[0]
        return Source(m.actor, m.start, m.end, "speaker", True)
    toks = tokenize(text[lo:hi])
    for t in toks:
        if R["pronouns"].match(text[lo:hi], [t], 0):
            ref = ctx.speakers[-1] if ctx.speakers else None
            if ref is None and ctx.persons:
                ref = Source(ctx.persons[-1].actor, 0, 0, "speaker", True)
            if ref:
                return Source(ref.name, lo + t.start, lo + t.end, "speaker", True)
    words = [t for t in toks if not R["skip"].match(text[lo:hi], [t], 0)
             and not R["auxiliaries"].match(text[lo:hi], [t], 0)]
    if surface_words == 0 and words:  # Arabic noun + definite complements: "وزارة الداخلية"
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
    inside = [m for m in ms if lo <= m.start and m.end <= hi + 1 and m.kind in ("media", "organisation", "person")]
    outer = [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end for o in inside)]
    return list({m.actor: m for m in outer}.values())


def _make(index: int, text: str, cs: int, ce: int, tokens: Sequence[Token], f: int, e: int,
          c0: int, c1: int, sources: list[Source], form: str = "indirect") -> Statement:
    quoted = text[max(0, c0 - 3):c0 + 3].strip()[:1] in _OPEN + '"' or text[c0:c1].lstrip()[:1] in _OPEN + '"'
    c0 = c0 + len(text[c0:c1]) - len(text[c0:c1].lstrip(" «“\"'’:,"))
    c1 = c0 + len(text[c0:c1].rstrip(" »”\"'.,،"))
    form = "direct" if quoted and not _PUNCT.search(text[c0:c1].replace(",", "").replace("،", "")) \
        else form
    spk = sources[-1]
    return Statement(index, cs, ce, spk.name, spk.start, spk.end, text[tokens[f].start:tokens[e - 1].end],
                     tokens[f].start, tokens[e - 1].end, c0, max(c0, c1), text[c0:max(c0, c1)],
                     tuple(sources), form)


def _with(s: Statement, sources: tuple[Source, ...]) -> Statement:
    speaker = next(x for x in sources if x.role == "speaker")
    return Statement(s.paragraph, s.start, s.end, speaker.name, speaker.start, speaker.end, s.verb,
                     s.verb_start, s.verb_end, s.content_start, s.content_end, s.content, sources,
                     s.form)


def _nest(found: list[Statement]) -> list[Statement]:
    """A statement inside another's content is reported by the outer statement's sources."""
    out: dict[int, Statement] = {}
    order = sorted(range(len(found)), key=lambda i: -(found[i].content_end - found[i].content_start))
    for i in order:
        s = found[i]
        outer = [out[j] for j in out if out[j].content_start <= s.verb_start < out[j].content_end]
        if outer:
            o = min(outer, key=lambda x: x.content_end - x.content_start)
            chain = tuple(Source(x.name, x.start, x.end, "reporter", x.actor) for x in o.sources
                          if x.name != s.speaker)
            s = _with(s, chain + s.sources)
        out[i] = s
    return sorted(out.values(), key=lambda s: (s.paragraph, s.verb_start))
