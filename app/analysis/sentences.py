"""Sentence spans that cut no quote or abbreviation; shared by claims.py and stance.py."""

from __future__ import annotations

import re

OPENING_QUOTES, CLOSING_QUOTES = "«“", "»”"


def sentence_spans(text: str, abbr: set[str]) -> list[tuple[int, int]]:
    """Sentence spans; a stop inside quotes, after an abbreviation or inside a word ends none."""
    alt = "|".join(map(re.escape, abbr)) or "(?!)"
    out, start, depth, straight = [], 0, 0, False
    for i, ch in enumerate(text):
        if ch in OPENING_QUOTES:
            depth += 1
        elif ch in CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
        elif ch in ".!?؟" and not depth and not straight:
            if text[i + 1:i + 2].strip():  # "U.S.", "1.5", "news.example.org"
                continue
            if ch == "." and re.search(rf"(?:^|[\s(])(?:[A-Z]|{alt})$", text[start:i]):
                continue
            out.append((start, i + 1))
            start = i + 1 + len(text[i + 1:]) - len(text[i + 1:].lstrip())
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out
