"""Align the paragraphs of two articles (e.g. a text and its translation) on anchors they share."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.analysis.figure_vocabulary import FigureVocabulary, load_figure_vocabulary
from app.analysis.numerals import find_numbers
from app.analysis.paragraph_mentions import mentions_by_paragraph

_QUOTE = re.compile(r"«[^»]{3,}»|“[^”]{3,}”|\"[^\"]{3,}\"")
_GC_VARIANCE = 6.8  # Gale & Church (1993): variance of target length per source character
_GAP_COST = 0.4  # a pair must score above this to be worth aligning rather than leaving a gap
_MATCHED = 0.5  # pairs at or above this count as the same passage


@dataclass(frozen=True, slots=True)  # slots: a long article holds tens of thousands
class Anchors:
    """What a paragraph's translation keeps: numbers, actors in order, quotes, length."""

    numbers: frozenset[str]
    actors: tuple[str, ...]
    quotes: int
    length: int  # characters, spaces left out


@dataclass(frozen=True)
class ArticleText:
    id: str
    language: str
    paragraphs: tuple[str, ...]
    anchors: tuple[Anchors, ...]


def article_text(id: str, paragraphs: Sequence[str], *, language: str, mentions: Sequence[Any] = (),
                 vocab: FigureVocabulary | None = None) -> ArticleText:
    """An article with the anchors of each paragraph (`mentions`: actor mentions with .paragraph,
    .start and .actor)."""
    vocab = vocab or load_figure_vocabulary()
    anchors = []
    grouped = mentions_by_paragraph(mentions)
    for i, text in enumerate(paragraphs):
        nums = frozenset(_num(n.value) for n in find_numbers(text, language=language, vocab=vocab)
                         if n.kind != "weak")
        names = [m.actor for m in sorted(grouped.get(i, ()), key=lambda m: m.start)]
        ordered = tuple(a for k, a in enumerate(names) if not k or names[k - 1] != a)
        quotes, length = len(_QUOTE.findall(text)), len("".join(text.split()))
        anchors.append(Anchors(nums, ordered, quotes, length))
    return ArticleText(id, language, tuple(paragraphs), tuple(anchors))


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def pair_score(a: Anchors, b: Anchors, ratio: float, pos_a: float, pos_b: float) -> float:
    """How likely paragraph a and paragraph b are one passage, in [0, 1]."""
    parts = [(2.0, _length_prob(a.length, b.length, ratio)),
             (1.0, max(0.0, 1.0 - abs(pos_a - pos_b) / 0.3))]
    if a.actors and b.actors:
        parts.append((3.0, _dice(set(a.actors), set(b.actors))))
    elif a.actors or b.actors:  # actor extraction is uneven across languages: a mild doubt
        parts.append((1.0, 0.0))
    if a.numbers or b.numbers:
        parts.append((2.0, _dice(a.numbers, b.numbers)))
    if a.quotes or b.quotes:
        parts.append((0.5, 1.0 if a.quotes and b.quotes else 0.0))
    return sum(w * s for w, s in parts) / sum(w for w, _ in parts)


def _dice(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _length_prob(la: int, lb: int, ratio: float) -> float:
    """Gale–Church: the probability of lengths this far apart for a true 1-1 pair."""
    if not la or not lb:
        return 1.0 if la == lb else 0.0
    delta = (lb - la * ratio) / math.sqrt(max(la, 1) * _GC_VARIANCE * max(ratio, 0.1))
    return 2 * (1 - 0.5 * (1 + math.erf(abs(delta) / math.sqrt(2))))


def align_paragraphs(a: ArticleText, b: ArticleText) -> list[tuple[int | None, int | None, float]]:
    """Paragraph pairs (i, j, score) in order, with (i, None, 0.0) / (None, j, 0.0) for gaps."""
    n, m = len(a.anchors), len(b.anchors)
    if not n or not m:
        return [(i, None, 0.0) for i in range(n)] + [(None, j, 0.0) for j in range(m)]
    ratio = (sum(x.length for x in b.anchors) or 1) / (sum(x.length for x in a.anchors) or 1)
    score = [[pair_score(a.anchors[i], b.anchors[j], ratio, i / max(n - 1, 1), j / max(m - 1, 1))
              for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            options = []
            if i and j:
                options.append((best[i - 1][j - 1] + score[i - 1][j - 1] - _GAP_COST, "d"))
            if i:
                options.append((best[i - 1][j], "a"))
            if j:
                options.append((best[i][j - 1], "b"))
            if options:
                best[i][j], move[i][j] = max(options)
    out: list[tuple[int | None, int | None, float]] = []
    i, j = n, m
    while i or j:
        step = move[i][j]
        if step == "d":
            i, j = i - 1, j - 1
            out.append((i, j, round(score[i][j], 3)))
        elif step == "a":
            i -= 1
            out.append((i, None, 0.0))
        else:
            j -= 1
            out.append((None, j, 0.0))
    return out[::-1]


def version_bound(a: ArticleText, b: ArticleText) -> float:
    """An upper bound of version_score without the alignment: cheap enough to rule out most
    pairs of a large corpus before the dynamic programming runs."""
    if not a.anchors or not b.anchors:
        return 0.0
    nums_a = frozenset().union(*(p.numbers for p in a.anchors))
    nums_b = frozenset().union(*(p.numbers for p in b.anchors))
    numbers = _dice(nums_a, nums_b) if nums_a or nums_b else 0.5
    count = min(len(a.anchors), len(b.anchors)) / max(len(a.anchors), len(b.anchors))
    bound = 0.45 / 0.8 + 0.3 + 0.15 * numbers + 0.1 * count
    if len(nums_a) >= 2 and len(nums_b) >= 2:
        bound *= 0.5 + 0.5 * numbers
    return min(bound, 1.0)


def version_score(a: ArticleText, b: ArticleText) -> float:
    """How likely two articles are versions (a copy, an edit, a translation) of one text, 0–1."""
    if not a.anchors or not b.anchors:
        return 0.0
    pairs = [(i, j, s) for i, j, s in align_paragraphs(a, b) if i is not None and j is not None
             and s >= _MATCHED]
    total = sum(x.length for x in a.anchors) + sum(x.length for x in b.anchors)
    covered = sum(a.anchors[i].length + b.anchors[j].length for i, j, _ in pairs) / (total or 1)
    quality = sum(s for _, _, s in pairs) / len(pairs) if pairs else 0.0
    seq_a = [x for p in a.anchors for x in p.actors]
    seq_b = [x for p in b.anchors for x in p.actors]
    order = _lcs(seq_a, seq_b) / max(len(seq_a), len(seq_b)) if seq_a and seq_b else 0.0
    nums_a = frozenset().union(*(p.numbers for p in a.anchors))
    nums_b = frozenset().union(*(p.numbers for p in b.anchors))
    numbers = _dice(nums_a, nums_b) if nums_a or nums_b else 0.5
    count = min(len(a.anchors), len(b.anchors)) / max(len(a.anchors), len(b.anchors))
    score = 0.45 * covered * quality / 0.8 + 0.3 * order + 0.15 * numbers + 0.1 * count
    if len(nums_a) >= 2 and len(nums_b) >= 2:
        score *= 0.5 + 0.5 * numbers  # a version keeps its numbers: few shared, no version
    return round(min(score, 1.0), 3) if covered else 0.0


def _lcs(x: Sequence[str], y: Sequence[str]) -> int:
    prev = [0] * (len(y) + 1)
    for a in x:
        cur = [0]
        for j, b in enumerate(y):
            cur.append(prev[j] + 1 if a == b else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]
