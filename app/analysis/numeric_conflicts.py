"""Numeric contradictions: figures of one metric in related articles that cannot both be true."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

from app.analysis.analysed_article import AnalysedArticle, Vocabulary, source_of
from app.analysis.figures import Figure, period_key
from app.analysis.relatedness import connected_groups
from app.analysis.suggestion import Passage, Suggestion

_HEDGE = {"about": "about ", "at_least": "at least ", "at_most": "at most ",
          "more_than": "more than ", "less_than": "less than "}


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


def numeric_suggestions(arts: Sequence[AnalysedArticle], related: set[tuple[str, str]],
                        versions: set[tuple[str, str]], vocab: Vocabulary) -> list[Suggestion]:
    """Figures of one metric in related articles (not versions: see translation_drift.py) that
    cannot both be true; one suggestion per connected group, with the metric's other figures
    beside."""
    policy = {m: t.get("compare", "total") for m, t in vocab.figures.metrics().items()}
    items = [(a, f, _scope(a, f), period_key(f.period, language=a.language, vocab=vocab.figures))
             for a in arts for f in a.figures]
    links = [(id(f), id(g)) for (a, f, sf, kf), (b, g, sg, kg) in itertools.combinations(items, 2)
             if a.id != b.id and f.metric == g.metric and (a.id, b.id) in related
             and (a.id, b.id) not in versions
             and _conflict(f, g, sf, sg, policy.get(f.metric, "total"), kf, kg)]
    clashing = {x for link in links for x in link}
    out = []
    for group in connected_groups(clashing, links).values():
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
