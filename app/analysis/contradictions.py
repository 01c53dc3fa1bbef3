"""Suggest contradictions between articles: clashing figures, opposed frames, drifting versions."""

from __future__ import annotations

import itertools
import re
import tomllib
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.analysis.align import ArticleText, align_paragraphs, article_text, version_bound, version_score
from app.analysis.claims import AttributionRules, Statement, find_statements, load_attribution
from app.analysis.figures import (
    SEEDS_DIR,
    Figure,
    FigureVocabulary,
    find_figures,
    find_numbers,
    load_figure_vocabulary,
    period_key,
)
from app.analysis.lexicon import Lexicon, tokenize
from app.analysis.stance import Position, StanceVocabulary, find_positions, load_stance_vocabulary, stance_pairs, story_setting

VERSION = 0.65  # version_score from which two articles are versions of one text
RELATED = 0.2  # overlap (Dice) of actors from which two articles tell the same events
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
_HEDGE = {"about": "about ", "at_least": "at least ", "at_most": "at most ",
          "more_than": "more than ", "less_than": "less than "}
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
    kind: str  # numeric | framing | translation | stance
    reason: str  # one line
    passages: tuple[Passage, ...]
    table: tuple[tuple[str, tuple[str, ...]], ...] = ()  # framing: each source and its labels


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
    stance: StanceVocabulary = field(default_factory=lambda: StanceVocabulary({}))  # seeds/stance.toml
    _lex: dict[tuple[str, str], Lexicon] = field(default_factory=dict, compare=False, repr=False)

    def lexicon(self, what: str, language: str) -> Lexicon:
        """The 'frames' or 'concepts' of one language (of all, for a language without words)."""
        code = (language or "").split("-")[0].split("_")[0].lower()
        if (what, code) not in self._lex:
            entries = (list(self.framing.get("frames", {}).items()) if what == "frames"
                       else [(c["key"], c) for c in self.terms.get("concept", [])])
            known = any(code in e for _, e in entries)
            words: dict[str, set[str]] = defaultdict(set)  # a word of two concepts names both
            for key, e in entries:
                for lang, ws in e.items():
                    if isinstance(ws, list) and (lang == code or not known):
                        for w in ws:
                            words[w].add(key)
            self._lex[(what, code)] = Lexicon((w, frozenset(k)) for w, k in words.items())
        return self._lex[(what, code)]

    def frame(self, key: str) -> dict[str, Any]:
        return self.framing.get("frames", {}).get(key, {})

    def concept(self, key: str) -> dict[str, Any]:
        return next((c for c in self.terms.get("concept", []) if c["key"] == key), {})


def load_vocabulary(seeds_dir: Path | None = None) -> Vocabulary:
    """The figure, attribution, framing and key-term vocabularies of a seeds folder."""
    folder = seeds_dir or SEEDS_DIR
    with open(folder / "framing.toml", "rb") as fh:
        framing = tomllib.load(fh)
    with open(folder / "terms.toml", "rb") as fh:
        terms = tomllib.load(fh)
    attribution = load_attribution(folder / "framing.toml" if seeds_dir else None)
    return Vocabulary(load_figure_vocabulary(folder / "figures.toml"), attribution, framing, terms,
                      load_stance_vocabulary(folder / "stance.toml"))


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
    outlet: str | None = None  # whose voice the narration is (the id when unknown)
    positions: tuple[Position, ...] = ()  # who supports or opposes whom, sentence by sentence


def analyse_article(id: str, paragraphs: Sequence[str], *, language: str, mentions: Sequence[Any],
                    vocab: Vocabulary, furniture: Iterable[int] = (), outlet: str | None = None
                    ) -> AnalysedArticle:
    """Everything the suggestions need from one article; `furniture` paragraphs are left out."""
    skip = set(furniture)
    body = ["" if i in skip else p for i, p in enumerate(paragraphs)]
    ms = tuple(m for m in mentions if m.paragraph not in skip)
    figures = tuple(f for i, p in enumerate(body)
                    for f in find_figures(i, p, language=language, vocab=vocab.figures))
    statements = find_statements(body, language=language, mentions=ms, rules=vocab.attribution)

    def hits(what: str) -> tuple[Hit, ...]:
        lex, out = vocab.lexicon(what, language), []
        for i, p in enumerate(body):
            toks = tokenize(p)
            for f, e, keys in lex.scan(p, toks):
                a, b = toks[f].start, toks[e - 1].end
                out.append(Hit(i, a, b, p[a:b], keys))
        return tuple(out)

    text = article_text(id, body, language=language, mentions=ms, vocab=vocab.figures)
    positions = find_positions(id, body, ms, language=language, vocab=vocab.stance,
                               abbreviations=vocab.attribution.lang(language)["abbr"])
    return AnalysedArticle(id, language, tuple(paragraphs), ms, figures, tuple(statements),
                           hits("frames"), hits("concepts"), text, outlet, tuple(positions))


def source_of(art: AnalysedArticle, paragraph: int, start: int, end: int, *, words: bool = False
              ) -> str:
    """Who says what is at this span: the origin of the innermost statement holding it, else the
    outlet. With `words` (labels), what a statement does not quote where it quotes something, or
    paraphrases, is the outlet's wording."""
    inner = sorted((s for s in art.statements if s.paragraph == paragraph
                    and s.content_start <= start and end <= s.content_end),
                   key=lambda s: s.content_end - s.content_start)
    for s in inner:
        content = art.paragraphs[paragraph][s.content_start:s.content_end]
        quotes = [(s.content_start + m.start(), s.content_start + m.end())
                  for m in _QUOTED.finditer(content)]
        quoted = any(a <= start < b for a, b in quotes)
        if words and s.form == "paraphrase" and not quoted:
            continue  # "impute les manifestations aux « terroristes »": the outlet's word
        if words and quotes and not quoted:
            break
        return s.origin.name
    return f"{art.outlet or art.id} (narration)"


def suggest_contradictions(articles: Sequence[AnalysedArticle], *, vocab: Vocabulary
                           ) -> list[Suggestion]:
    """Numeric, framing, stance and translation suggestions for a set of analysed articles."""
    pairs = list(itertools.combinations(articles, 2))
    overlap = {(a.id, b.id): (_dice(_actors(a), _actors(b)), _dice(_numbers(a), _numbers(b)))
               for a, b in pairs}
    versions = {(a.id, b.id) for a, b in pairs if max(overlap[a.id, b.id]) >= RELATED
                and version_bound(a.text, b.text) >= VERSION and version_score(a.text, b.text) >= VERSION}
    related = versions | {k for k, (actors, _) in overlap.items() if actors >= RELATED}
    out = _numeric(articles, related, versions, vocab)
    for cluster in _groups([a.id for a in articles], related).values():
        out += _framing([a for a in articles if a.id in cluster], vocab)
        out += _stance([a for a in articles if a.id in cluster])
    for a, b in pairs:
        if (a.id, b.id) in versions:
            out += _translation(a, b, vocab)
    return out


def _stance(cluster: Sequence[AnalysedArticle]) -> list[Suggestion]:
    by_id = {a.id: a for a in cluster}

    def passage(side: Position | tuple[str, Statement]) -> Passage:
        art, (p, s, e) = (side.article, (side.paragraph, side.start, side.end)) if isinstance(side, Position) \
            else (side[0], (side[1].paragraph, side[1].start, side[1].end))
        return Passage(art, p, s, e, by_id[art].paragraphs[p][s:e])

    pairs = stance_pairs([p for a in cluster for p in a.positions], [(a.id, s) for a in cluster for s in a.statements],
                         setting=story_setting([a.mentions for a in cluster]))
    return [Suggestion("stance", reason, (passage(x), passage(y))) for reason, x, y in pairs]


def _actors(a: AnalysedArticle) -> set[str]:
    return {m.actor for m in a.mentions if m.kind != "media"}


def _numbers(a: AnalysedArticle) -> frozenset[str]:
    return frozenset().union(*(p.numbers for p in a.text.anchors))


def _dice(x: Iterable[Hashable], y: Iterable[Hashable]) -> float:
    x, y = set(x), set(y)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _groups(items: Iterable[Hashable], links: Iterable[tuple[Hashable, Hashable]]
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


# ---------------------------------------------------------------- numeric


def _interval(f: Figure) -> tuple[float, float]:
    low = float(f.value)
    high = float(f.value_high if f.value_high is not None else f.value)
    if f.qualifier == "about":
        return (low - max(2.0, 0.2 * low), high + max(2.0, 0.2 * high))
    if f.qualifier in ("at_least", "more_than"):
        return (low, float("inf"))
    if f.qualifier in ("at_most", "less_than"):
        return (0.0, high)
    return (low, high)


def _scope(art: AnalysedArticle, f: Figure) -> str | None:
    """The place named in the figure's sentence, if any: the count may be for it alone."""
    text = art.paragraphs[f.paragraph]
    a = max(text.rfind(c, 0, f.start) for c in ".;!?") + 1
    b = min([i for i in (text.find(c, f.end) for c in ".;!?") if i >= 0] + [len(text)])
    return next((m.actor for m in art.mentions if m.paragraph == f.paragraph
                 and m.kind == "place" and a <= m.start < b), None)


def _conflict(f: Figure, g: Figure, sf: str | None, sg: str | None, policy: str,
              kf: str | None = None, kg: str | None = None) -> bool:
    """Can both figures be true? sf, sg: their places; kf, kg: their period keys."""
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
    if f.qualifier.endswith("_of"):
        words = f.qualifier.replace("_", " ")
    elif f.value_high is not None:
        words = f"{f.value}–{f.value_high}"
    else:
        words = _HEDGE.get(f.qualifier, "") + str(f.value)
    return words + (f" {f.population}" if f.population else "")


def _numeric(arts: Sequence[AnalysedArticle], related: set[tuple[str, str]],
             versions: set[tuple[str, str]], vocab: Vocabulary) -> list[Suggestion]:
    """Figures of one metric in related articles (not versions: see _translation) that cannot
    both be true; one suggestion per connected group, with the metric's other figures beside."""
    policy = {m: t.get("compare", "total") for m, t in vocab.figures.metrics().items()}
    items = [(a, f, _scope(a, f), period_key(f.period, language=a.language, vocab=vocab.figures))
             for a in arts for f in a.figures]
    links = [(id(f), id(g)) for (a, f, sf, kf), (b, g, sg, kg) in itertools.combinations(items, 2)
             if a.id != b.id and f.metric == g.metric and (a.id, b.id) in related
             and (a.id, b.id) not in versions
             and _conflict(f, g, sf, sg, policy.get(f.metric, "total"), kf, kg)]
    clashing = {x for link in links for x in link}
    out = []
    for group in _groups(clashing, links).values():
        members = [(a, f) for a, f, _, _ in items if id(f) in group]
        metric, ids = members[0][1].metric, {a.id for a, _ in members}
        cluster = ids | {x for pair in related for x in pair if ids & set(pair)}
        others = [(a, f) for a, f, _, _ in items if a.id in cluster and f.metric == metric
                  and id(f) not in clashing]
        reason = f"{metric}: " + " vs ".join(_sides(members))
        reason += "; also " + "; ".join(_sides(others)) if others else ""
        out.append(Suggestion("numeric", reason, tuple(
            Passage(a.id, f.paragraph, f.start, f.end, f.text) for a, f in members + others)))
    return out


def _sides(members: list[tuple[AnalysedArticle, Figure]]) -> list[str]:
    """"about 164 (000 ¶10, 003 ¶11; Ministry of Health)": each distinct figure, where, whose."""
    where: dict[str, list[str]] = defaultdict(list)
    whose: dict[str, set[str]] = defaultdict(set)
    for a, f in sorted(members, key=lambda x: (-_interval(x[1])[0], x[0].id)):
        where[_describe(f)].append(f"{a.id} ¶{f.paragraph}")
        src = source_of(a, f.paragraph, f.start, f.end)
        if not src.endswith("(narration)"):
            whose[_describe(f)].add(src)
    return [f"{d} ({', '.join(w)}{'; ' + ', '.join(sorted(whose[d])) if whose[d] else ''})"
            for d, w in where.items()]


# ---------------------------------------------------------------- framing


def _framing(cluster: Sequence[AnalysedArticle], vocab: Vocabulary) -> list[Suggestion]:
    """Sources that only use labels of one stance, against sources that only use the opposed
    stance's, for the same events; with the table of every source's labels."""
    uses: dict[str, list[tuple[AnalysedArticle, Hit, str]]] = defaultdict(list)
    for art in cluster:
        for h in art.frames:
            for key in sorted(h.keys):
                uses[source_of(art, h.paragraph, h.start, h.end, words=True)].append((art, h, key))
    stances = {src: {vocab.frame(k).get("stance") for _, _, k in u} for src, u in uses.items()}

    def labels(srcs: list[str], stance: str) -> str:
        return " / ".join(sorted({vocab.frame(k).get("label", k) for s in srcs
                                  for _, _, k in uses[s]
                                  if vocab.frame(k).get("stance") == stance}))

    def who(srcs: list[str]) -> str:
        return ", ".join(srcs[:4]) + (f" and {len(srcs) - 4} more" if len(srcs) > 4 else "")

    out = []
    for x, y in vocab.framing.get("framing", {}).get("opposed", []):
        side_x = sorted(s for s, st in stances.items() if x in st and y not in st)
        side_y = sorted(s for s, st in stances.items() if y in st and x not in st)
        if min(sum(len(uses[s]) for s in side) for side in (side_x, side_y)) < 2:
            continue  # one passing word is no framing
        reason = (f"the same events are called {labels(side_x, x)} by {who(side_x)}, "
                  f"but {labels(side_y, y)} by {who(side_y)}")
        table = tuple((s, tuple(sorted({vocab.frame(k).get("label", k) for _, _, k in u})))
                      for s, u in sorted(uses.items()))
        passages = []
        for s in side_x + side_y:
            stance = x if s in side_x else y
            a, h = next((a, h) for a, h, k in uses[s] if vocab.frame(k).get("stance") == stance)
            passages.append(Passage(a.id, h.paragraph, h.start, h.end, h.text))
        out.append(Suggestion("framing", reason, tuple(passages), table))
    return out


# ---------------------------------------------------------------- translation


def _translation(a: AnalysedArticle, b: AnalysedArticle, vocab: Vocabulary) -> list[Suggestion]:
    """Aligned passages of two versions that swap a key term for another of its group, a number
    for another, an actor for another of its kind, or a frame for one of another stance."""
    out = []
    for i, j, _ in align_paragraphs(a.text, b.text):
        if i is None or j is None:
            continue
        ha = [h for h in a.concepts if h.paragraph == i]
        hb = [h for h in b.concepts if h.paragraph == j]
        for group in sorted({g for h in ha + hb for k in h.keys if (g := vocab.concept(k).get(
                "group"))}):
            xa = [h for h in ha if _narrow(h, group, vocab)]
            xb = [h for h in hb if _narrow(h, group, vocab)]
            if xa and xb and not any(p.keys & q.keys for p in xa for q in xb):
                out.append(_pair(a, b, xa[0], xb[0], lambda h: "/".join(sorted(h.keys))))
        na, nb = _digit_numbers(a, i, vocab), _digit_numbers(b, j, vocab)
        if set(na) - set(nb) and set(nb) - set(na):
            p = next(h for v, h in na.items() if v not in nb)
            q = next(h for v, h in nb.items() if v not in na)
            out.append(_pair(a, b, p, q, lambda h: "a different number"))
        for kind in _ACTOR_KINDS:
            xa = {m.actor: m for m in a.mentions if m.paragraph == i and m.kind == kind}
            xb = {m.actor: m for m in b.mentions if m.paragraph == j and m.kind == kind}
            only_a = [v for k, v in xa.items() if not any(_same_name(k, o) for o in xb)]
            only_b = [v for k, v in xb.items() if not any(_same_name(k, o) for o in xa)]
            if only_a and only_b:  # "Interior Minister X Y" and "X Y" are one person
                out.append(_pair(a, b, _as_hit(a, only_a[0]), _as_hit(b, only_b[0]),
                                 lambda h: min(h.keys)))
        fa = [h for h in a.frames if h.paragraph == i]
        fb = [h for h in b.frames if h.paragraph == j]
        sa, sb = (_stances(fs, vocab) - {"neutral"} for fs in (fa, fb))
        if sa and sb and not sa & sb:
            out.append(_pair(a, b, fa[0], fb[0], lambda h: "/".join(
                vocab.frame(k).get("label", k) for k in sorted(h.keys))))
    return out


def _same_name(x: str, y: str) -> bool:
    """One name shares a word with the other: possibly one actor, named two ways."""
    return bool({t.keys[0] for t in tokenize(x)} & {t.keys[0] for t in tokenize(y)})


def _stances(hits: list[Hit], vocab: Vocabulary) -> set[str]:
    return {vocab.frame(k).get("stance", "") for h in hits for k in h.keys}


def _narrow(h: Hit, group: str, vocab: Vocabulary) -> bool:
    return any(vocab.concept(k).get("group") == group and not vocab.concept(k).get("broader")
               for k in h.keys)


def _digit_numbers(art: AnalysedArticle, i: int, vocab: Vocabulary) -> dict[str, Hit]:
    """Numbers written in digits (words are read less surely across languages)."""
    text = art.text.paragraphs[i]
    return {str(n.value): Hit(i, n.start, n.end, n.text, frozenset({str(n.value)}))
            for n in find_numbers(text, language=art.language, vocab=vocab.figures)
            if n.text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))[:1].isdigit()}


def _as_hit(art: AnalysedArticle, m: Any) -> Hit:
    return Hit(m.paragraph, m.start, m.end, art.paragraphs[m.paragraph][m.start:m.end],
               frozenset({m.actor}))


def _pair(a: AnalysedArticle, b: AnalysedArticle, p: Hit, q: Hit, name: Callable[[Hit], str]
          ) -> Suggestion:
    reason = (f"{a.id} ¶{p.paragraph} says “{p.text}” ({name(p)}) where {b.id} ¶{q.paragraph} "
              f"says “{q.text}” ({name(q)})")
    return Suggestion("translation", reason, (Passage(a.id, p.paragraph, p.start, p.end, p.text),
                                              Passage(b.id, q.paragraph, q.start, q.end, q.text)))
