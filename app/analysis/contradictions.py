"""Suggest contradictions between articles: clashing figures, opposed frames, drifting versions."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from app.analysis.analysed_article import (
    AnalysedArticle,
    Hit,
    Vocabulary,
    analyse_article,
    load_vocabulary,
    source_of,
)
from app.analysis.attribution import Statement
from app.analysis.framing_conflicts import framing_suggestions
from app.analysis.numeric_conflicts import numeric_suggestions
from app.analysis.relatedness import connected_groups, relate
from app.analysis.speech_acts import find_replies
from app.analysis.stance import Position, stance_pairs, story_setting
from app.analysis.suggestion import Passage, Suggestion, group_suggestions, merge, score
from app.analysis.translation_drift import translation_suggestions

__all__ = [  # the analysed article and the suggestion types are re-exported for callers
    "AnalysedArticle", "Hit", "Passage", "Suggestion", "Vocabulary", "analyse_article",
    "load_vocabulary", "source_of", "suggest_contradictions",
]


def suggest_contradictions(articles: Sequence[AnalysedArticle], *, vocab: Vocabulary
                           ) -> list[Suggestion]:
    """Numeric, framing, stance and translation suggestions for a set of analysed articles, those
    making the same point grouped into one, strongest first."""
    related, versions = relate(articles)
    out = numeric_suggestions(articles, related, versions, vocab)
    out += _retold([(a, s) for a in articles for s in _replies(a, vocab)], related)
    for cluster in connected_groups([a.id for a in articles], related).values():
        out += framing_suggestions([a for a in articles if a.id in cluster], vocab)
        out += _stance([a for a in articles if a.id in cluster])
    for a, b in itertools.combinations(articles, 2):
        if (a.id, b.id) in versions:
            out += translation_suggestions(a, b, vocab)
    return group_suggestions(out)


def _stance(cluster: Sequence[AnalysedArticle]) -> list[Suggestion]:
    by_id = {a.id: a for a in cluster}

    def passage(side: Position | tuple[str, Statement]) -> Passage:
        art, (p, s, e) = (side.article, (side.paragraph, side.start, side.end)) if isinstance(side, Position) \
            else (side[0], (side[1].paragraph, side[1].start, side[1].end))
        return Passage(art, p, s, e, by_id[art].paragraphs[p][s:e])

    pairs = stance_pairs([p for a in cluster for p in a.positions], [(a.id, s) for a in cluster for s in a.statements],
                         setting=story_setting([a.mentions for a in cluster]))
    return [Suggestion("stance", reason, (passage(x), passage(y)), strength=strength,
                       score=score(strength), topic=topic)
            for reason, x, y, strength, topic in pairs]


def _replies(art: AnalysedArticle, vocab: Vocabulary) -> list[Suggestion]:
    """A demand and its refusal (soft: both hold), an assertion and its denial (strong)."""
    out = []
    for r in find_replies(art.paragraphs, language=art.language, vocab=vocab.stance,
                          abbreviations=vocab.attribution.lang(art.language)["abbr"]):
        (p, s, e), (q, t, u) = r.said, r.reply
        said, reply = art.paragraphs[p][s:e], art.paragraphs[q][t:u]
        what, answer, strength = (("a demand", "its refusal", "soft") if r.kind == "demand"
                                  else ("an assertion", "its denial", "strong"))
        reason = f"{what} (“{_cut(said)}”, {art.id} ¶{p}) and {answer} (“{_cut(reply)}”, ¶{q})"
        out.append(Suggestion("stance", reason, (Passage(art.id, p, s, e, said),
                                                 Passage(art.id, q, t, u, reply)),
                              strength=strength, score=score(strength)))
    return out


def _retold(replies: list[tuple[AnalysedArticle, Suggestion]], related: set[tuple[str, str]]
            ) -> list[Suggestion]:
    """One reply told by several related articles (in any language) is one point: replies of one
    strength whose paragraphs name a common actor are merged."""
    def actors(a: AnalysedArticle, s: Suggestion) -> set[str]:
        where = {p.paragraph for p in s.passages}
        return {m.actor for m in a.mentions if m.paragraph in where and m.kind != "media"}

    named = [actors(a, s) for a, s in replies]
    links = [(i, j) for i, j in itertools.combinations(range(len(replies)), 2)
             if replies[i][1].strength == replies[j][1].strength and named[i] & named[j]
             and (replies[i][0].id, replies[j][0].id) in related]
    groups = connected_groups(range(len(replies)), links).values()
    return [merge([replies[i][1] for i in sorted(g)]) for g in groups]


def _cut(text: str, limit: int = 70) -> str:
    """At most `limit` characters, cut after a word, with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
