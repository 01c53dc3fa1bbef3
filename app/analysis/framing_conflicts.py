"""Framing contradictions: one event labelled with opposed stances by different sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from app.analysis.analysed_article import AnalysedArticle, Hit, Vocabulary, source_of
from app.analysis.lexicon import tokenize
from app.analysis.suggestion import Passage, Suggestion, score

_MIN_USES = 2  # one passing word is no framing
_NEGATION_REACH = 2  # words before a label that may refuse it ("not", "pas des")


def framing_suggestions(cluster: Sequence[AnalysedArticle], vocab: Vocabulary
                        ) -> list[Suggestion]:
    """Sources that only use labels of one stance, against sources that only use the opposed
    stance's, for the same events: one suggestion for the cluster, naming every opposed pair of
    stances found, with the table of every source's labels."""
    uses: dict[str, list[tuple[AnalysedArticle, Hit, str]]] = defaultdict(list)
    for art in cluster:
        negations = vocab.stance.words(art.language).negations
        for h in art.frames:
            if label_refused(art.paragraphs[h.paragraph], h.start, negations):
                continue  # "pas des émeutiers": the label refused, not used
            for key in sorted(h.keys):
                uses[source_of(art, h.paragraph, h.start, h.end, words=True)].append((art, h, key))
    stances = {src: {vocab.frame(k).get("stance") for _, _, k in u} for src, u in uses.items()}

    def labels(srcs: list[str], stance: str) -> str:
        return " / ".join(sorted({vocab.frame(k).get("label", k) for s in srcs
                                  for _, _, k in uses[s]
                                  if vocab.frame(k).get("stance") == stance}))

    def who(srcs: list[str]) -> str:
        return ", ".join(srcs[:4]) + (f" and {len(srcs) - 4} more" if len(srcs) > 4 else "")

    clauses, passages, topics = [], [], []
    for x, y in vocab.framing.get("framing", {}).get("opposed", []):
        side_x = sorted(s for s, st in stances.items() if x in st and y not in st)
        side_y = sorted(s for s, st in stances.items() if y in st and x not in st)
        if min(sum(1 for s in side for _, _, k in uses[s] if vocab.frame(k).get("stance") in (x, y))
               for side in (side_x, side_y)) < _MIN_USES:
            continue
        clauses.append(f"{labels(side_x, x)} by {who(side_x)}, but {labels(side_y, y)} by "
                       f"{who(side_y)}")
        topics.append(f"{x}|{y}")
        for s in side_x + side_y:
            stance = x if s in side_x else y
            a, h = next((a, h) for a, h, k in uses[s] if vocab.frame(k).get("stance") == stance)
            passages.append(Passage(a.id, h.paragraph, h.start, h.end, h.text))
    if not clauses:
        return []
    table = tuple((s, tuple(sorted({vocab.frame(k).get("label", k) for _, _, k in u})))
                  for s, u in sorted(uses.items()))
    reason = "the same events are called " + "; and ".join(clauses)
    sources = len({s for s, _ in table})
    return [Suggestion("framing", reason, tuple(dict.fromkeys(passages)), table, strength="strong",
                       score=score("strong", sources / 100), topic="frames")]


def label_refused(text: str, start: int, negations: frozenset[str]) -> bool:
    """A label with a negation just before it ("pas des émeutiers"): refused, not used."""
    before = tokenize(text[:start])[-_NEGATION_REACH:]
    return any(k in negations for t in before for k in t.keys)
