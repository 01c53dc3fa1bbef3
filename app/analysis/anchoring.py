"""Find a quoted passage again (W3C TextQuote + TextPosition selectors), as Hypothesis does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Anchor:
    paragraph: int
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def context_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix selectors around text[start:end]."""
    return text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]


def locate_quote(
    paragraphs: Sequence[str],
    exact: str,
    *,
    prefix: str = "",
    suffix: str = "",
    paragraph: int | None = None,
    start: int | None = None,
) -> Anchor | None:
    """Best occurrence of `exact`: the most context matched, then the hinted paragraph, then
    the nearest to the old position. None when the quote is nowhere (the note is orphaned)."""
    if not exact:
        return None
    best: tuple[tuple[int, int, int], Anchor] | None = None
    for index, text in enumerate(paragraphs):
        pos = text.find(exact)
        while pos != -1:
            end = pos + len(exact)
            before, after = context_of(text, pos, end)
            context_score = _common_suffix(before, prefix) + _common_prefix(after, suffix)
            same_paragraph = int(index == paragraph)
            distance = abs(pos - start) if start is not None and same_paragraph else 10**9
            score = (context_score, same_paragraph, -distance)
            if best is None or score > best[0]:
                best = (score, Anchor(index, pos, end, exact, before, after))
            pos = text.find(exact, pos + 1)
    return best[1] if best else None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
