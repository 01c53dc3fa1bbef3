"""Find a quoted passage again (W3C TextQuote + TextPosition selectors), as Hypothesis does,
also when the quote was typed with other apostrophes, quotation marks, dashes or spaces."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

CONTEXT_CHARS = 32
# Characters people type for one another: every apostrophe and quotation mark is one quote
# (' ’ ‘ ‛ ʼ ′ « » ‹ › " “ ” „ ‟ ″), every dash one hyphen, every space (no-break ones too) one space.
_QUOTES = frozenset("'\u2019\u2018\u201b\u02bc\u2032\u00ab\u00bb\u2039\u203a\"\u201c\u201d\u201e\u201f\u2033`\u00b4")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")


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
    best: tuple[tuple[int, int, int, int], Anchor] | None = None
    for anchor in find_quote(paragraphs, exact):
        context_score = _common_suffix(anchor.prefix, prefix) + _common_prefix(anchor.suffix, suffix)
        same_paragraph = int(anchor.paragraph == paragraph)
        distance = abs(anchor.start - start) if start is not None and same_paragraph else 10**9
        score = (context_score, same_paragraph, int(anchor.exact == exact), -distance)
        if best is None or score > best[0]:
            best = (score, anchor)
    return best[1] if best else None


def find_quote(paragraphs: Sequence[str], exact: str) -> list[Anchor]:
    """Every occurrence of `exact` in the paragraphs, matched the way people type quotes (see
    _QUOTES, _DASHES, spaces); each anchor keeps the text's own characters."""
    wanted, _ = _typed(exact)
    if not wanted.strip():
        return []
    found = []
    for index, text in enumerate(paragraphs):
        folded, where = _typed(text)
        pos = folded.find(wanted)
        while pos != -1:
            start, end = where[pos][0], where[pos + len(wanted) - 1][1]
            before, after = context_of(text, start, end)
            found.append(Anchor(index, start, end, text[start:end], before, after))
            pos = folded.find(wanted, pos + 1)
    return found


def _typed(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with quotes, dashes and spaces folded as described above (spaces next to a quote
    dropped: « non » is "non"), and for each character kept the original span it stands for."""
    out: list[str] = []
    where: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch in _QUOTES:
            ch = "'"
        elif ch in _DASHES:
            ch = "-"
        elif ch.isspace() or unicodedata.category(ch) == "Zs":
            if out and out[-1] in " '":
                if out[-1] == " ":
                    where[-1] = (where[-1][0], i + 1)
                continue
            ch = " "
        if ch == "'" and out and out[-1] == " ":
            out.pop()
            where.pop()
        out.append(ch)
        where.append((i, i + 1))
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    while out and out[0] == " ":
        out.pop(0)
        where.pop(0)
    return "".join(out), where


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
