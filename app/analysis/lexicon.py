"""Words and their match keys, and a phrase lexicon that finds listed phrases in tokenized text
(shared by figures, statements and contradiction vocabularies)."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.analysis.normalize import fold, key_variants

_WORD = re.compile(r"\d+|[^\W\d_][^\W\d]*(?:[\u0610-\u061a\u064b-\u065f\u0670]+[^\W\d]*)*|%")
_GAP = re.compile(r"[\s'’ʼ\-‐‑–«»\"“”]{0,4}")
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


@dataclass(frozen=True, slots=True)  # slots: a long article's tokens are millions
class Token:
    start: int
    end: int
    text: str
    keys: tuple[str, ...]  # folded; for Arabic also without an attached article or conjunction


def tokenize(text: str) -> tuple[Token, ...]:
    """Words, digits apart from letters ("و36" is two tokens), with their match keys."""
    return _tokenize(text)


@functools.lru_cache(maxsize=2048)  # the finders read an article's paragraphs again; a long one's would fill any size
def _tokenize(text: str) -> tuple[Token, ...]:
    return tuple(Token(m.start(), m.end(), word := sys.intern(m.group()), _keys(word))  # one string per distinct word
                 for m in _WORD.finditer(text.translate(DIGITS)))


@functools.lru_cache(maxsize=65536)
def _keys(word: str) -> tuple[str, ...]:
    return key_variants(word)


class Lexicon:
    """Vocabulary phrases ('*' ends a word with any ending) to payloads; longest match first."""

    def __init__(self, phrases: Iterable[tuple[str, Any]]) -> None:
        self._first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self._wild: list[tuple[tuple[str, ...], Any]] = []  # "*" after fewer than two letters
        self._wild_by: dict[str, list[tuple[tuple[str, ...], Any]]] = {}  # by the first two
        for phrase, payload in phrases:
            keys = tuple(fold(m.group()) + ("*" if phrase[m.end():m.end() + 1] == "*" else "")
                         for m in _WORD.finditer(phrase))
            if keys:
                wild = keys[0].endswith("*")
                bucket = (self._first.setdefault(keys[0], []) if not wild else self._wild
                          if len(keys[0]) < 3 else self._wild_by.setdefault(keys[0][:2], []))
                bucket.append((keys, payload))
        for bucket in [*self._first.values(), *self._wild_by.values(), self._wild]:
            bucket.sort(key=lambda e: -len(e[0]))
        self._memo: dict[tuple[str, ...], list[tuple[tuple[str, ...], Any]]] = {}

    def _candidates(self, keys: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
        """The phrases that may start at a token with these keys (kept per keys: words repeat)."""
        found = self._memo.get(keys)
        if found is None:
            found = [e for key in keys for e in self._first.get(key, ())] + \
                [e for key in keys for e in self._wild_by.get(key[:2], ())]
            found = found + self._wild if found else self._wild  # most words: one shared list
            if len(self._memo) < 20_000:  # a long article's numbers and names would fill any size
                self._memo[keys] = found
        return found

    def may_start(self, token: Token) -> bool:
        """Whether a phrase may start at this token: a cheap test before `match`."""
        return bool(self._wild) or any(key in self._first or key[:2] in self._wild_by
                                       for key in token.keys)

    def match(self, text: str, tokens: Sequence[Token], k: int) -> tuple[int, Any] | None:
        """(index after the match, payload) of the longest phrase starting at token k."""
        if not 0 <= k < len(tokens):
            return None
        best: tuple[int, Any] | None = None
        for keys, payload in self._candidates(tokens[k].keys):
            end = k + len(keys)
            if end > len(tokens) or (best and end <= best[0]):
                continue
            if all(_fits(p, tokens[k + i]) and (not i or joined(text, tokens[k + i - 1],
                                                                 tokens[k + i]))
                   for i, p in enumerate(keys)):
                best = (end, payload)
        return best

    def scan(self, text: str, tokens: Sequence[Token], lo: int = 0, hi: int | None = None
             ) -> list[tuple[int, int, Any]]:
        """Non-overlapping longest matches (first, end, payload) inside tokens[lo:hi]."""
        out, k, hi = [], lo, len(tokens) if hi is None else hi
        while k < hi:
            if not self._candidates(tokens[k].keys):  # most words start no phrase
                k += 1
                continue
            m = self.match(text, tokens, k)
            if m and m[0] <= hi:
                out.append((k, m[0], m[1]))
                k = m[0]
            else:
                k += 1
        return out


def _fits(pattern: str, token: Token) -> bool:
    if pattern.endswith("*"):
        return any(key.startswith(pattern[:-1]) for key in token.keys)
    return pattern in token.keys


def joined(text: str, a: Token, b: Token) -> bool:
    return _GAP.fullmatch(text[a.end:b.start]) is not None
