"""Suggest contradictions between articles: figures that disagree, events framed apart, drifting translations."""

from __future__ import annotations

import itertools
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.analysis.align import ArticleText, align_paragraphs, article_text, version_score
from app.analysis.claims import AttributionRules, Statement, find_statements, load_attribution
from app.analysis.figures import (SEEDS_DIR, Figure, FigureVocabulary, Lexicon, find_figures,
                                  find_numbers, load_figure_vocabulary, period_key, tokenize)

VERSION = 0.65  # version_score above which two articles are versions of one text
RELATED = 0.2  # actor overlap (Dice) above which two articles tell the same events
MATCHED = 0.5  # aligned paragraphs scoring this are one passage
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
_PREFIX = {"exact": "", "about": "about ", "at_least": "at least ", "at_most": "at most ",
           "more_than": "more than ", "less_than": "less than ", "tens_of": "tens of ",
           "hundreds_of": "hundreds of ", "thousands_of": "thousands of ",
           "millions_of": "millions of "}
_ACTOR_KINDS = ("person", "organisation", "media")


@dataclass(frozen=True)
class Passage:
    article: str
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Suggestion:
    kind: str  # numeric | framing | translation
    reason: str  # one line
    passages: tuple[Passage, ...]
    table: tuple[tuple[str, tuple[str, ...]], ...] = ()  # framing: source -> labels it uses


@dataclass(frozen=True)
class Hit:
    """One occurrence of a frame label or a key term; `keys`: the frames or concepts it names."""

    paragraph: int
    start: int
    end: int
    text: str
    keys: frozenset[str]


@dataclass(frozen=True)
class Vocabulary:
    figures: FigureVocabulary
    attribution: AttributionRules
    framing: dict[str, Any]  # seeds/framing.toml
    terms: dict[str, Any]  # seeds/terms.toml
    _lex: dict[tuple[str, str], Lexicon] = field(default_factory=dict, compare=False, repr=False)

    def lexicon(self, what: str, language: str) -> Lexicon:
        """'frames' or 'concepts' of one language (all languages when it has no list)."""
        code = (language or "").split("-")[0].lower()
        if (what, code) not in self._lex:
            entries = (self.framing.get("frames", {}).items() if what == "frames"
                       else ((c["key"], c) for c in self.terms.get("concept", [])))
            entries = list(entries)
            known = any(code in e for _, e in entries)
            words: dict[str, set[str]] = defaultdict(set)
            for key, e in entries:
                for lang, ws in e.items():
                    if isinstance(ws, list) and (lang == code or not known):
                        for w in ws:
                            words[w].add(key)
            self._lex[(what, code)] = Lexicon((w, frozenset(k)) for w, k in words.items())
        return self._lex[(what, code)]

    def concept(self, key: str) -> dict[str, Any]:
        return next((c for c in self.terms.get("concept", []) if c["key"] == key), {})


def load_vocabulary(seeds_dir: Path | None = None) -> Vocabulary:
    """Figures, attribution, framing and key-term vocabularies from the seeds folder."""
    d = seeds_dir or SEEDS_DIR
    with open(d / "framing.toml", "rb") as fh:
        framing = tomllib.load(fh)
    with open(d / "terms.toml", "rb") as fh:
        terms = tomllib.load(fh)
    return Vocabulary(load_figure_vocabulary(d / "figures.toml"),
                      load_attribution(d / "framing.toml") if seeds_dir else load_attribution(),
                      framing, terms)


@dataclass(frozen=True)
class AnalysedArticle:
    id: str
    language: str
    paragraphs: tuple[str, ...]
    mentions: tuple[Any, ...]  # actor mentions (.paragraph, .start, .end, .actor, .kind)
    figures: tuple[Figure, ...]
    statements: tuple[Statement, ...]
    frames: tuple[Hit, ...]
    concepts: tuple[Hit, ...]
    text: ArticleText


def analyse_article(id: str, paragraphs: Sequence[str], *, language: str, mentions: Sequence[Any],
                    vocab: Vocabulary, furniture: Iterable[int] = ()) -> AnalysedArticle:
    """Everything the suggestions need from one article; `furniture` paragraphs are left out."""
    skip = set(furniture)
    body = [("" if i in skip else p) for i, p in enumerate(paragraphs)]
    ms = tuple(m for m in mentions if m.paragraph not in skip)
    figs = tuple(f for i, p in enumerate(body) for f in find_figures(i, p, language=language,
                                                                     vocab=vocab.figures))
    statements = tuple(find_statements(body, language=language, mentions=ms,
                                       rules=vocab.attribution))

    def hits(what: str) -> tuple[Hit, ...]:
        lex = vocab.lexicon(what, language)
        out = []
        for i, p in enumerate(body):
            toks = tokenize(p)
            for f, e, keys in lex.scan(p, toks):
                out.append(Hit(i, toks[f].start, toks[e - 1].end, p[toks[f].start:toks[e - 1].end],
                               keys))
        return tuple(out)

    text = article_text(id, body, language=language, mentions=ms, vocab=vocab.figures)
    return AnalysedArticle(id, language, tuple(paragraphs), ms, figs, statements, hits("frames"),
                           hits("concepts"), text)


def source_of(art: AnalysedArticle, paragraph: int, start: int, end: int, *, words: bool = False
              ) -> str:
    """Who says what is at this span: the origin of the innermost statement holding it, else the
    outlet; with `words`, words outside the quotes of a partly quoted statement are the outlet's."""
    inner = sorted((s for s in art.statements if s.paragraph == paragraph
                    and s.content_start <= start and end <= s.content_end),
                   key=lambda s: s.content_end - s.content_start)
    for s in inner:
        quotes = [(s.content_start + m.start(), s.content_start + m.end()) for m in
                  _QUOTED.finditer(art.paragraphs[paragraph][s.content_start:s.content_end])]
        quoted = any(a <= start < b for a, b in quotes)
        if words and s.form == "paraphrase" and not quoted:
            continue  # "impute les manifestations aux « terroristes »": the outlet's own words
        if words and quotes and not quoted:
            break
        return s.origin.name
    return f"{art.id} (narration)"


def suggest_contradictions(articles: Sequence[AnalysedArticle], *, vocab: Vocabulary
                           ) -> list[Suggestion]:
    """Numeric, framing and translation suggestions for a set of analysed articles."""
    pairs = list(itertools.combinations(articles, 2))
    dice = {(a.id, b.id): (_actor_dice(a, b), _number_dice(a, b)) for a, b in pairs}
    is_version = {(a.id, b.id) for a, b in pairs if max(dice[a.id, b.id]) >= RELATED
                  and version_score(a.text, b.text) >= VERSION}
    related = {(a.id, b.id) for a, b in pairs
               if (a.id, b.id) in is_version or dice[a.id, b.id][0] >= RELATED}
    out = _numeric(articles, related, is_version, vocab)
    for cluster in _clusters(articles, related):
        out += _framing(cluster, vocab)
    for a, b in itertools.combinations(articles, 2):
        if (a.id, b.id) in is_version:
            out += _translation(a, b, vocab)
    return out


def _actor_dice(a: AnalysedArticle, b: AnalysedArticle) -> float:
    x = {m.actor for m in a.mentions if m.kind != "media"}
    y = {m.actor for m in b.mentions if m.kind != "media"}
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _number_dice(a: AnalysedArticle, b: AnalysedArticle) -> float:
    x = frozenset().union(*(p.numbers for p in a.text.anchors))
    y = frozenset().union(*(p.numbers for p in b.text.anchors))
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _clusters(arts: Sequence[AnalysedArticle], related: set[tuple[str, str]]
              ) -> list[list[AnalysedArticle]]:
    parent = {a.id: a.id for a in arts}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for x, y in related:
        parent[root(x)] = root(y)
    groups: dict[str, list[AnalysedArticle]] = defaultdict(list)
    for a in arts:
        groups[root(a.id)].append(a)
    return list(groups.values())


# ---------------------------------------------------------------- numeric


def _interval(f: Figure) -> tuple[float, float]:
    v, hi = float(f.value), float(f.value_high if f.value_high is not None else f.value)
    if f.qualifier == "about":
        return (v - max(2.0, 0.2 * v), hi + max(2.0, 0.2 * hi))
    if f.qualifier in ("at_least", "more_than"):
        return (v, float("inf"))
    if f.qualifier in ("at_most", "less_than"):
        return (0.0, hi)
    return (v, hi)


def _scope(art: AnalysedArticle, f: Figure) -> str | None:
    text = art.paragraphs[f.paragraph]
    a = max(text.rfind(c, 0, f.start) for c in ".;!?") + 1
    b = min([i for i in (text.find(c, f.end) for c in ".;!?") if i >= 0] + [len(text)])
    return next((m.actor for m in art.mentions if m.paragraph == f.paragraph and m.kind == "place"
                 and a <= m.start < b), None)


def _conflict(f: Figure, g: Figure, sf: str | None, sg: str | None, policy: str,
              kf: str | None = None, kg: str | None = None) -> bool:
    if kf and kg and kf != kg:
        return False  # stated for different days
    if policy == "same_population" and (f.population is None or f.population != g.population):
        return False
    (lf, hf), (lg, hg) = _interval(f), _interval(g)
    rel_pop, rel_scope = _relation(f.population, g.population), _relation(sf, sg)
    if "apart" in (rel_pop, rel_scope):
        return False  # two different groups or places: nothing to compare
    if rel_pop == rel_scope == "same":
        if f.update != g.update:  # a count that "rose to" more than another is news, not a clash
            return (lf if f.update else lg) < (lg if f.update else lf) and (hf < lg or hg < lf)
        return hf < lg or hg < lf
    narrower = {r for r in (rel_pop, rel_scope) if r != "same"}
    if len(narrower) > 1:
        return False  # each is narrower in one way: incomparable
    part, whole = ((lf, hf), (lg, hg)) if narrower == {"first"} else ((lg, hg), (lf, hf))
    return part[0] > whole[1]  # a part larger than the whole


def _relation(x: str | None, y: str | None) -> str:
    """same | first (x names a part of what y leaves whole) | second | apart."""
    if x == y:
        return "same"
    if x is None or y is None:
        return "second" if x is None else "first"
    return "apart"


def _describe(f: Figure) -> str:
    value = f"{f.value}–{f.value_high}" if f.value_high is not None and f.qualifier == "exact" \
        else str(f.value)
    if f.qualifier.endswith("_of"):
        value = ""
    return (_PREFIX.get(f.qualifier, "") + value).strip() + (f" {f.population}" if f.population else "")


def _numeric(arts: Sequence[AnalysedArticle], related: set[tuple[str, str]],
             versions: set[tuple[str, str]], vocab: Vocabulary) -> list[Suggestion]:
    policy = {m: t.get("compare", "total") for m, t in vocab.figures.metrics().items()}
    items = [(a, f, _scope(a, f)) for a in arts for f in a.figures]
    keys = {id(f): period_key(f.period, language=a.language, vocab=vocab.figures) for a, f, _ in items}
    parent = {id(f): id(f) for _, f, _ in items}

    def root(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    hit: set[int] = set()
    for (a, f, sf), (b, g, sg) in itertools.combinations(items, 2):
        if a.id == b.id or f.metric != g.metric or (a.id, b.id) not in related \
                or (a.id, b.id) in versions or (b.id, a.id) in versions:
            continue
        if _conflict(f, g, sf, sg, policy.get(f.metric, "total"), keys[id(f)], keys[id(g)]):
            parent[root(id(f))] = root(id(g))
            hit |= {id(f), id(g)}
    groups: dict[int, list[tuple[AnalysedArticle, Figure]]] = defaultdict(list)
    for a, f, _ in items:
        if id(f) in hit:
            groups[root(id(f))].append((a, f))
    out = []
    for members in groups.values():
        metric = members[0][1].metric
        ids = {a.id for a, _ in members}
        cluster = {x for pair in related for x in pair if ids & set(pair)} | ids
        others = [(a, f) for a, f, _ in items if a.id in cluster and f.metric == metric
                  and id(f) not in hit]
        sides = _sides(members)
        reason = f"{metric}: " + " vs ".join(sides)
        if others:
            reason += "; also " + "; ".join(_sides(others))
        out.append(Suggestion("numeric", reason, tuple(
            Passage(a.id, f.paragraph, f.start, f.end, f.text) for a, f in members + others)))
    return out


def _sides(members: list[tuple[AnalysedArticle, Figure]]) -> list[str]:
    by: dict[str, list[str]] = defaultdict(list)
    sources: dict[str, set[str]] = defaultdict(set)
    for a, f in sorted(members, key=lambda x: (-_interval(x[1])[0], x[0].id)):
        by[_describe(f)].append(f"{a.id} ¶{f.paragraph}")
        src = source_of(a, f.paragraph, f.start, f.end)
        if not src.endswith("(narration)"):
            sources[_describe(f)].add(src)
    return [f"{d} ({', '.join(w)}{'; ' + ', '.join(sorted(sources[d])) if sources[d] else ''})"
            for d, w in by.items()]


# ---------------------------------------------------------------- framing


def _framing(cluster: Sequence[AnalysedArticle], vocab: Vocabulary) -> list[Suggestion]:
    frames = vocab.framing.get("frames", {})
    uses: dict[str, list[tuple[AnalysedArticle, Hit, str]]] = defaultdict(list)
    for art in cluster:
        for h in art.frames:
            for key in sorted(h.keys):
                uses[source_of(art, h.paragraph, h.start, h.end, words=True)].append((art, h, key))
    stances = {src: {frames[k].get("stance", "") for _, _, k in u} for src, u in uses.items()}
    out = []
    for x, y in vocab.framing.get("framing", {}).get("opposed", []):
        side_x = sorted(s for s, st in stances.items() if x in st and y not in st)
        side_y = sorted(s for s, st in stances.items() if y in st and x not in st)
        if not side_x or not side_y:
            continue

        def labels(srcs: list[str], stance: str) -> list[str]:
            return sorted({frames[k].get("label", k) for s in srcs for _, _, k in uses[s]
                           if frames[k].get("stance") == stance})

        def who(srcs: list[str]) -> str:
            return ", ".join(srcs[:4]) + (f" and {len(srcs) - 4} more" if len(srcs) > 4 else "")

        reason = (f"the same events are called {' / '.join(labels(side_x, x))} by {who(side_x)}, "
                  f"but {' / '.join(labels(side_y, y))} by {who(side_y)}")
        table = tuple((s, tuple(sorted({frames[k].get("label", k) for _, _, k in u})))
                      for s, u in sorted(uses.items()))
        passages = []
        for s in side_x + side_y:
            stance = x if s in side_x else y
            first = next(((a, h) for a, h, k in uses[s] if frames[k].get("stance") == stance))
            passages.append(Passage(first[0].id, first[1].paragraph, first[1].start, first[1].end,
                                    first[1].text))
        out.append(Suggestion("framing", reason, tuple(passages), table))
    return out


# ---------------------------------------------------------------- translation


def _translation(a: AnalysedArticle, b: AnalysedArticle, vocab: Vocabulary) -> list[Suggestion]:
    out = []
    frames = vocab.framing.get("frames", {})
    for i, j, score in align_paragraphs(a.text, b.text):
        if i is None or j is None:
            continue
        ha = [h for h in a.concepts if h.paragraph == i]
        hb = [h for h in b.concepts if h.paragraph == j]
        groups = {vocab.concept(k).get("group") for h in ha + hb for k in h.keys}
        for group in sorted(g for g in groups if g):
            xa = [h for h in ha if _narrow(h, group, vocab)]
            xb = [h for h in hb if _narrow(h, group, vocab)]
            if xa and xb and not any(p.keys & q.keys for p in xa for q in xb):
                out.append(_pair(a, b, xa[0], xb[0], lambda h: "/".join(sorted(h.keys))))
        na = _digit_numbers(a, i, vocab)
        nb = _digit_numbers(b, j, vocab)
        if set(na) - set(nb) and set(nb) - set(na):
            p = next(h for v, h in na.items() if v not in nb)
            q = next(h for v, h in nb.items() if v not in na)
            out.append(_pair(a, b, p, q, lambda h: "a different number"))
        for kind in _ACTOR_KINDS:
            xa = {m.actor: m for m in a.mentions if m.paragraph == i and m.kind == kind}
            xb = {m.actor: m for m in b.mentions if m.paragraph == j and m.kind == kind}
            if set(xa) - set(xb) and set(xb) - set(xa):
                m = next(v for k, v in xa.items() if k not in xb)
                n = next(v for k, v in xb.items() if k not in xa)
                out.append(_pair(a, b, _as_hit(a, m), _as_hit(b, n), lambda h: next(iter(h.keys))))
        sa = {frames[k].get("stance") for h in a.frames if h.paragraph == i for k in h.keys} - {"neutral"}
        sb = {frames[k].get("stance") for h in b.frames if h.paragraph == j for k in h.keys} - {"neutral"}
        if sa and sb and not sa & sb:
            p = next(h for h in a.frames if h.paragraph == i)
            q = next(h for h in b.frames if h.paragraph == j)
            out.append(_pair(a, b, p, q, lambda h: "/".join(frames[k].get("label", k) for k in h.keys)))
    return out


def _narrow(h: Hit, group: str, vocab: Vocabulary) -> bool:
    return any(vocab.concept(k).get("group") == group and not vocab.concept(k).get("broader")
               for k in h.keys)


def _digit_numbers(art: AnalysedArticle, i: int, vocab: Vocabulary) -> dict[str, Hit]:
    text = art.text.paragraphs[i]
    return {str(n.value): Hit(i, n.start, n.end, n.text, frozenset({str(n.value)}))
            for n in find_numbers(text, language=art.language, vocab=vocab.figures)
            if n.text[:1].isdigit() or n.text[:1] in "٠١٢٣٤٥٦٧٨٩"}


def _as_hit(art: AnalysedArticle, m: Any) -> Hit:
    return Hit(m.paragraph, m.start, m.end, art.paragraphs[m.paragraph][m.start:m.end],
               frozenset({m.actor}))


def _pair(a: AnalysedArticle, b: AnalysedArticle, p: Hit, q: Hit, name: Any) -> Suggestion:
    reason = (f"{a.id} ¶{p.paragraph} says “{p.text}” ({name(p)}) where {b.id} ¶{q.paragraph} "
              f"says “{q.text}” ({name(q)})")
    return Suggestion("translation", reason, (Passage(a.id, p.paragraph, p.start, p.end, p.text),
                                              Passage(b.id, q.paragraph, q.start, q.end, q.text)))
