"""Cut a text into segments where highlight spans begin and end, for rendering marks."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text: str
    start: int
    marks: frozenset  # the ids of the spans that cover this segment


def split_by_spans(text: str, spans: Sequence[tuple[int, int, Hashable]]) -> list[Segment]:
    """Overlapping spans are allowed; out-of-range offsets are clipped."""
    n = len(text)
    clean = [(max(0, s), min(n, e), k) for s, e, k in spans if min(n, e) > max(0, s)]
    cuts = sorted({0, n, *(s for s, _, _ in clean), *(e for _, e, _ in clean)})
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        covering = frozenset(k for s, e, k in clean if s <= a and b <= e)
        segments.append(Segment(text[a:b], a, covering))
    return segments
