"""What every contradiction finder returns: a Suggestion and the Passages it points at."""

from __future__ import annotations

from dataclasses import dataclass


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
