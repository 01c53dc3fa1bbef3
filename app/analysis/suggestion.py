"""Suggestions and their Passages, what every contradiction finder returns, grouped by point."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

STRENGTHS = ("strong", "soft", "minor")  # strongest first
WEIGHT = {"strong": 3.0, "soft": 2.0, "minor": 1.0}  # the integer part of a score


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
    strength: str = "soft"  # strong | soft | minor
    score: float = 2.0  # orders the board: WEIGHT[strength] plus a fraction the reason states
    topic: str = ""  # what the point is about (a metric, two opposed labels): groups suggestions


def score(strength: str, fraction: float = 0.0) -> float:
    """WEIGHT of the strength plus a fraction in [0, 1) (how far apart, how many passages)."""
    return round(WEIGHT.get(strength, 2.0) + min(max(fraction, 0.0), 0.99), 3)


def group_suggestions(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """One suggestion per point made: suggestions of one kind and topic whose articles overlap
    are merged into one listing all their passages (the reason, strength and score of the
    strongest, so the reason still explains the score; every table's labels). Suggestions without a topic stay apart.
    Sorted strongest first."""
    items = list(suggestions)
    groups: list[list[Suggestion]] = []
    for s in items:
        if not s.topic:
            groups.append([s])
            continue
        arts = {p.article for p in s.passages}
        hits = [g for g in groups if g[0].topic and g[0].kind == s.kind and g[0].topic == s.topic
                and arts & {p.article for x in g for p in x.passages}]
        merged = [s] + [x for g in hits for x in g]
        groups = [g for g in groups if not any(g is h for h in hits)] + [merged]
    out = [merge(g) for g in groups]
    return sorted(out, key=lambda s: -s.score)


def merge(group: Sequence[Suggestion]) -> Suggestion:
    """One suggestion for a group making one point: the strongest's reason, every passage."""
    if len(group) == 1:
        return group[0]
    main = max(group, key=lambda s: (s.score, len(s.passages)))
    passages = tuple(dict.fromkeys(p for s in [main, *group] for p in s.passages))
    table: dict[str, set[str]] = {}
    for s in group:
        for src, labels in s.table:
            table.setdefault(src, set()).update(labels)
    return replace(main, passages=passages, table=tuple((src, tuple(sorted(ls))) for src, ls in sorted(table.items())))
