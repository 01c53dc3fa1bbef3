"""Figures in one paragraph — how many were killed, injured, arrested, deployed… — with exact spans."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.analysis.normalize import fold, key_variants

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
QUALIFIERS = ("exact", "about", "at_least", "at_most", "more_than", "less_than",
              "tens_of", "hundreds_of", "thousands_of", "millions_of")
_WORD = re.compile(r"\d+|[^\W\d_][^\W\d]*(?:[\u0610-\u061a\u064b-\u065f\u0670]+[^\W\d]*)*|%")
_GAP = re.compile(r"[\s'’ʼ\-‐‑–«»\"“”]{0,4}")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?(?:[\s.-]\d{2,4}){2,}")
_DATE = re.compile(r"\d{1,4}/\d{1,2}(?:/\d{2,4})?|\d{1,2}[.-]\s?\d{1,2}[.-]\s?\d{2,4}|\d{1,2}\s?[hH:]\s?\d{2}")
_BOUNDARY = re.compile(r"[.!?;:؟؛]")
_CLAUSE = re.compile(r"[.!?;:؟؛,،()—–]|\s-\s")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    keys: tuple[str, ...]  # folded, and for Arabic also without attached article/conjunction


def tokenize(text: str) -> tuple[Token, ...]:
    """Words (digits apart from letters, so "و36" is two tokens) with their match keys."""
    return _tokenize(text)


@functools.lru_cache(maxsize=8192)
def _tokenize(text: str) -> tuple[Token, ...]:
    text = text.translate(_DIGITS)
    return tuple(Token(m.start(), m.end(), m.group(), _keys(m.group()))
                 for m in _WORD.finditer(text))


@functools.lru_cache(maxsize=65536)
def _keys(word: str) -> tuple[str, ...]:
    return key_variants(word)


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """A vocabulary phrase as folded words; a trailing '*' (any ending) is kept."""
    return tuple(fold(w) + ("*" if phrase[m.end():m.end() + 1] == "*" else "")
                 for m in [*re.finditer(r"[\w\u0610-\u061a\u064b-\u065f\u0670]+|%", phrase)]
                 for w in [m.group()])


class Lexicon:
    """Phrases (word sequences, '*' for any ending) to payloads; longest match at a token."""

    def __init__(self, phrases: Iterable[tuple[str, Any]]) -> None:
        self._first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self._wild: list[tuple[tuple[str, ...], Any]] = []
        for phrase, payload in phrases:
            keys = phrase_keys(phrase)
            if keys:
                bucket = self._wild if keys[0].endswith("*") else self._first.setdefault(keys[0], [])
                bucket.append((keys, payload))
        for bucket in [*self._first.values(), self._wild]:
            bucket.sort(key=lambda e: -len(e[0]))

    def match(self, text: str, tokens: Sequence[Token], k: int) -> tuple[int, Any] | None:
        """(index after the match, payload) of the longest phrase starting at token k."""
        if k < 0 or k >= len(tokens):
            return None
        cands = [e for key in tokens[k].keys for e in self._first.get(key, ())] + self._wild
        best: tuple[int, Any] | None = None
        for keys, payload in cands:
            end = k + len(keys)
            if end > len(tokens) or (best and end <= best[0]):
                continue
            if all(_fits(p, tokens[k + i]) and (i == 0 or _joined(text, tokens[k + i - 1], tokens[k + i]))
                   for i, p in enumerate(keys)):
                best = (end, payload)
        return best

    def scan(self, text: str, tokens: Sequence[Token], lo: int = 0, hi: int | None = None
             ) -> list[tuple[int, int, Any]]:
        """Non-overlapping longest matches (first, end, payload) inside tokens[lo:hi]."""
        out, k, hi = [], lo, len(tokens) if hi is None else hi
        while k < hi:
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


def _joined(text: str, a: Token, b: Token) -> bool:
    return _GAP.fullmatch(text[a.end:b.start]) is not None


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    text: str
    value: int | float
    value_high: int | float | None
    qualifier: str
    first: int  # token indexes of the number words (inclusive)
    last: int
    kind: str = "count"  # count | year | date | unit | name ; weak: an article-like "un"/"one"


@dataclass(frozen=True)
class Figure:
    paragraph: int
    start: int
    end: int
    text: str
    metric: str
    value: int | float
    value_high: int | float | None
    qualifier: str
    population: str | None
    period: str | None
    update: bool = False  # introduced as a new count ("rose to", "passé à"): may replace older ones


@dataclass(frozen=True)
class FigureVocabulary:
    """The figure vocabulary (seeds/figures.toml); `lang(code)` compiles one language lazily."""

    data: dict[str, Any]
    _compiled: dict[str, _Lang] = field(default_factory=dict, compare=False, repr=False)

    def lang(self, code: str) -> _Lang:
        code = (code or "").split("-")[0].split("_")[0].lower()
        if code not in self._compiled:
            known = self.data.get("numbers", {})
            self._compiled[code] = _Lang(self.data, [code] if code in known else sorted(known))
        return self._compiled[code]

    def metrics(self) -> dict[str, dict[str, Any]]:
        return self.data.get("metrics", {})


def load_figure_vocabulary(path: Path | None = None) -> FigureVocabulary:
    with open(path or SEEDS_DIR / "figures.toml", "rb") as fh:
        return FigureVocabulary(tomllib.load(fh))


class _Lang:
    """One language's word lists compiled to lexicons (several languages merged if unknown)."""

    def __init__(self, data: dict[str, Any], codes: list[str]) -> None:
        nums = [data["numbers"][c] for c in codes]
        ctx = [data.get("context", {}).get(c, {}) for c in codes]

        def lex(pairs: Iterable[tuple[str, Any]]) -> Lexicon:
            return Lexicon(pairs)

        def words(tables: list[dict[str, Any]], key: str) -> list[str]:
            return [w for t in tables for w in t.get(key, [])]

        self.scales = lex((w, ("scale", v)) for n in nums for w, v in n.get("scales", {}).items())
        self.numbers = lex([(w, ("coll", v)) for n in nums for w, v in n.get("collectives", {}).items()]
                           + [(w, ("word", v)) for n in nums for w, v in n.get("words", {}).items()]
                           + [(w, ("scale", v)) for n in nums for w, v in n.get("scales", {}).items()])
        self.weak = {fold(w) for w in words(nums, "weak")}
        self.between = lex((w, 1) for w in words(nums, "between"))
        self.between_and = lex((w, 1) for w in words(nums, "between_and"))
        self.range = lex((w, 1) for w in words(nums, "range"))
        seps = {s for n in nums for s in [*n.get("thousands", []), *n.get("decimal", [])]}
        self.thousands = {s for n in nums for s in n.get("thousands", [])}
        spaces = "".join(re.escape(s) for s in seps if s.isspace())
        marks = "".join(re.escape(s) for s in seps if not s.isspace())
        alt = [f"[{marks}]"] if marks else []
        alt += [f"[{spaces}](?=\\d{{3}}(?!\\d))"] if spaces else []
        self.digits = re.compile(r"\d+" + (f"(?:(?:{'|'.join(alt)})\\d+)*" if alt else ""))
        quals = data.get("qualifiers", {})
        self.qual_before = lex((w, q) for q, t in quals.items() for c in codes for w in t.get("before", {}).get(c, []))
        self.qual_after = lex((w, q) for q, t in quals.items() for c in codes for w in t.get("after", {}).get(c, []))
        metrics = data.get("metrics", {})
        self.nouns, self.verbs, self.lead = (
            lex((w, m) for m, t in metrics.items() for c in codes for w in t.get(part, {}).get(c, []))
            for part in ("nouns", "verbs", "lead"))
        self.populations = lex((w, t.get("label", key)) for key, t in data.get("populations", {}).items()
                               for c in codes for w in t.get(c, []))
        self.units = lex((w, 1) for w in words(ctx, "units"))
        self.months = lex((w, i) for c in ctx for i, ws in enumerate(c.get("months", [])) for w in ws)
        self.periods = lex([(w, f"day:{i}") for c in ctx for i, w in enumerate(c.get("weekdays", []))]
                           + [(w, "span") for w in words(ctx, "periods")])
        self.fillers = lex((w, 1) for w in words(ctx, "fillers"))
        self.auxiliaries = lex((w, 1) for w in words(ctx, "auxiliaries"))
        self.coordinators = lex((w, 1) for w in words(ctx, "coordinators"))
        self.updates = lex((w, 1) for w in words(ctx, "updates"))


def find_numbers(text: str, *, language: str, vocab: FigureVocabulary,
                 tokens: Sequence[Token] | None = None) -> list[NumberSpan]:
    """Every number in the text (digits, words, vague quantities), with its kind and qualifier."""
    L = vocab.lang(language)
    tokens = tokenize(text) if tokens is None else tokens
    plain = text.translate(_DIGITS)
    masked = [m.span() for rx in (_DATE, _PHONE) for m in rx.finditer(plain)
              if rx is _DATE or not _grouped(m.group(), L)]
    at = {t.start: i for i, t in enumerate(tokens)}
    out: list[NumberSpan] = []
    k = 0
    while k < len(tokens):
        n = _number_at(text, plain, tokens, k, at, L, masked)
        if n is None:
            k += 1
            continue
        out.append(n)
        k = n.last + 1
    return out


def _grouped(s: str, L: _Lang) -> bool:
    groups = re.split(r"[\s.,-]", s)
    return len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and any(c in L.thousands for c in s)


def _number_at(text: str, plain: str, tokens: Sequence[Token], k: int, at: dict[int, int],
               L: _Lang, masked: list[tuple[int, int]]) -> NumberSpan | None:
    tok = tokens[k]
    kind, high, qual = "count", None, "exact"
    if tok.text[0].isdigit():
        m = L.digits.match(plain, tok.start)
        if not m or not tok.text.isdigit():
            return None
        start, end = m.span()
        last = max(i for i in range(k, len(tokens)) if tokens[i].start < end)
        value = _parse_digits(m.group(), L)
        pad = f"  {plain} "
        before2, before, after = pad[start:start + 1], pad[start + 1], pad[end + 2]
        attached = before in "وفبلك" and not before2.strip()  # و36
        if (before.isalnum() and not attached) or after.isalpha() or (before in "-‐‑" and before2.isalpha()):
            kind = "name"
        elif any(a <= start < b for a, b in masked):
            kind = "date"
        elif re.fullmatch(r"\d{4}", m.group()) and 1800 <= value <= 2100:
            kind = "year"
        sc = L.scales.match(text, tokens, last + 1)
        if kind == "count" and sc and sc[1][1] >= 1000:
            value, last, end = value * sc[1][1], sc[0] - 1, tokens[sc[0] - 1].end
    else:
        hit = L.numbers.match(text, tokens, k)
        if hit is None or hit[1][0] == "scale" and hit[1][1] < 1000 or L.periods.match(text, tokens, k):
            return None
        start = tok.start
        if hit[1][0] == "coll":
            qual, value, high, base = hit[1][1]
            last = hit[0] - 1
            nxt = hit[0] + (1 if L.fillers.match(text, tokens, hit[0]) else 0)
            more = L.numbers.match(text, tokens, nxt)
            gap = text[tokens[last].end:tokens[nxt].start] if nxt < len(tokens) else "."
            if more and more[1][0] in ("coll", "scale") and re.fullmatch(r"[\s'’]*(?:\w+[\s'’]*)?", gap):
                mult = more[1][1][3] if more[1][0] == "coll" else more[1][1]
                value, high, last = value * mult, high * mult, more[0] - 1
        else:
            value, last = _parse_words(text, tokens, k, L)
            if value == 1 and (fold(tok.text) in L.weak):
                kind = "weak"
        end = tokens[last].end
    # ranges: "entre 10 et 20", "10 à 20", "10-20"
    b = L.between.match(text, tokens, k - 1) if k else None
    conn = (L.between_and if b else L.range).match(text, tokens, last + 1)
    nxt = conn[0] if conn else last + 1 if re.fullmatch(r"\s*[-–]\s*", plain[end:tokens[last + 1].start] if last + 1 < len(tokens) else "x") else None
    if nxt is not None and nxt < len(tokens) and kind == "count":
        other = _number_at(text, plain, tokens, nxt, at, L, masked)
        if other and other.kind == "count" and other.value > value:
            high, last, end = other.value, other.last, other.end
            if b:
                start = tokens[k - 1].start
    if kind == "count" and L.months.match(text, tokens, last + 1) or (k and L.months.match(text, tokens, k - 1) and L.months.match(text, tokens, k - 1)[0] == k):
        kind = "date"
    unit_at = last + 1 + (1 if L.fillers.match(text, tokens, last + 1) else 0)
    if kind == "count" and L.units.match(text, tokens, unit_at):
        kind = "unit"
    return NumberSpan(start, end, text[start:end], _clean(value), _clean(high) if high is not None else None,
                      qual, k, last, kind)


def _parse_digits(s: str, L: _Lang) -> float:
    parts = re.split(r"([^\d])", s)
    digits, seps = parts[0::2], parts[1::2]
    if not seps:
        return float(s)
    last_sep, tail = seps[-1], digits[-1]
    decimal = not (last_sep in L.thousands and len(tail) == 3)
    whole = "".join(digits[:-1] if decimal else digits)
    return float(f"{whole}.{tail}") if decimal else float(whole)


def _parse_words(text: str, tokens: Sequence[Token], k: int, L: _Lang) -> tuple[float, int]:
    total, cur, last, j = 0.0, 0.0, k, k
    while j < len(tokens):
        if j > k and not _joined(text, tokens[j - 1], tokens[j]):
            break
        hit = L.scales.match(text, tokens, j) if j > k else None
        hit = hit or L.numbers.match(text, tokens, j)
        if hit is None or hit[1][0] == "coll":
            joiner = L.between_and.match(text, tokens, j) or L.coordinators.match(text, tokens, j)
            follow = L.numbers.match(text, tokens, joiner[0]) if joiner and j > k else None
            if follow and follow[1][0] == "word" and follow[1][1] < 10 and cur % 10 == 0 and cur:
                j = joiner[0]
                continue
            break
        what, v = hit[1]
        if what == "word":
            if cur and not (cur % 10 == 0 and v < 10 and cur >= 20 or cur % 100 == 0):
                break
            cur += v
        elif v == 100:
            cur = (cur or 1) * 100
        else:
            total, cur = total + (cur or 1) * v, 0.0
        last, j = hit[0] - 1, hit[0]
    return total + cur, last


def _clean(v: float) -> int | float:
    return int(v) if float(v).is_integer() else round(v, 3)


def find_figures(paragraph_index: int, text: str, *, language: str, vocab: FigureVocabulary) -> list[Figure]:
    """Counted figures of one paragraph: a number, what it counts, of whom, when, how hedged."""
    L = vocab.lang(language)
    tokens = tokenize(text)
    plain = text.translate(_DIGITS)
    nums = find_numbers(text, language=language, vocab=vocab, tokens=tokens)
    stops = [0] + [j for j in range(1, len(tokens)) if _BOUNDARY.search(plain[tokens[j - 1].end:tokens[j].start])]
    clauses = [0] + [j for j in range(1, len(tokens)) if _CLAUSE.search(plain[tokens[j - 1].end:tokens[j].start])]
    prev: tuple[NumberSpan, str, str, int, str | None, int] | None = None  # num, metric, via, end, pop, qual
    out: list[Figure] = []
    rows: list[tuple[NumberSpan, str | None, str, int, int, int, str]] = []
    for i, n in enumerate(nums):
        if n.kind not in ("count", "weak", "year"):
            continue
        sent_start = max(s for s in stops if s <= n.first)
        sent_end = min([s for s in stops if s > n.last] + [len(tokens)])
        stop = min([m.first for m in nums[i + 1:]] + [sent_end, n.last + 19])
        lo = max([m.last + 1 for m in nums[:i]] + [sent_start])
        qual, qstart = n.qualifier, n.first
        for s in range(n.first - 1, max(lo, n.first - 5) - 1, -1):
            m = L.qual_before.match(text, tokens, s)
            if m and m[0] == n.first and qual == "exact":
                qual, qstart = m[1], s
        a = n.last + 1
        m = L.qual_after.match(text, tokens, a)
        if m and m[0] <= stop:
            qual, a = (m[1] if qual == "exact" else qual), m[0]
        metric, via, mfirst, mend = None, "", a, a
        j = a
        while j < min(stop, a + 2) and L.fillers.match(text, tokens, j):
            j += 1
        m = L.nouns.match(text, tokens, j)
        if m and m[0] <= sent_end:
            metric, via, mfirst, mend = m[1], "noun", j, m[0]
        elif n.kind == "count":
            for s in range(qstart - 1, max(lo, qstart - 6) - 1, -1):
                m = L.lead.match(text, tokens, s)
                if metric is None and m and qstart - 1 <= m[0] <= qstart:
                    metric, via, mfirst, mend = m[1], "lead", a, a
            for j in range(a, stop if metric is None else a):
                m = L.verbs.match(text, tokens, j)
                if m:
                    metric, via, mfirst, mend = m[1], "verb", j, m[0]
                    break
        if metric is None and prev and prev[2] == "lead" and prev[3] >= lo - 1 and _coordinated(text, tokens, L, prev[0].last + 1, n.first):
            metric, via, mfirst, mend = prev[1], "lead", a, a
            qual = prev[5] if qual == "exact" else qual
        rows.append((n, metric, via, mfirst, mend, qstart, qual))
        if metric is not None:
            prev = (n, metric, via, mend, None, qual)
    # "18 policiers et 36 manifestants ont été tués": a bare number shares the next one's verb
    for r, (n, metric, via, mfirst, mend, qstart, qual) in enumerate(rows):
        if metric is None and r + 1 < len(rows) and rows[r + 1][2] == "verb" and n.kind == "count":
            nxt = rows[r + 1]
            if _coordinated(text, tokens, L, n.last + 1, nxt[0].first):
                rows[r] = (n, nxt[1], "shared", n.last + 1, n.last + 1, qstart, qual)
    last_pop: tuple[int, str | None] | None = None
    for n, metric, via, mfirst, mend, qstart, qual in rows:
        if metric is None:
            continue
        a = n.last + 1
        hi = mfirst if via in ("noun", "verb") else min(a + 6, len(tokens))
        pop = _population(text, tokens, L, a, hi, [m.first for m in nums if m.first > n.last],
                          surface=via in ("noun", "verb"))
        if pop == "" and via == "noun" and last_pop and _coordinated(text, tokens, L, last_pop[0], n.first):
            pop = last_pop[1] or ""
        last_pop = (mend, pop or None)
        c0 = max(c for c in clauses if c <= n.first)
        c1 = min([c for c in clauses if c > n.last] + [len(tokens)])
        start = min(n.start, tokens[qstart].start)
        s0 = max(s for s in stops if s <= n.first)
        update = any(L.updates.match(text, tokens, k) for k in range(max(s0, qstart - 6), qstart))
        out.append(Figure(paragraph_index, start, n.end, text[start:n.end], metric, n.value, n.value_high,
                          qual, pop or None, _period(text, tokens, L, nums, c0, c1), update))
    return out


def _coordinated(text: str, tokens: Sequence[Token], L: _Lang, lo: int, hi: int) -> bool:
    """Tokens lo..hi (at most ten) end with a coordinator: "… et de 36", "and 36", "و36"."""
    if not 0 < hi - lo <= 10:
        return False
    for s in range(max(lo, hi - 3), hi):
        m = L.coordinators.match(text, tokens, s)
        if m and m[0] <= hi and all(L.fillers.match(text, tokens, k) or L.coordinators.match(text, tokens, k)
                                    for k in range(m[0], hi)):
            return True
    return False


def _population(text: str, tokens: Sequence[Token], L: _Lang, lo: int, hi: int, numbers: list[int],
                surface: bool) -> str:
    """The population named between the number and its metric: a label, surface words, or ''."""
    hi = min([hi] + [k for k in numbers if k >= lo])
    for first, end, label in L.populations.scan(text, tokens, lo, hi):
        return label
    words: list[int] = []
    for k in range(lo, hi if surface else lo):
        if not words and L.fillers.match(text, tokens, k):
            continue
        if (L.auxiliaries.match(text, tokens, k) or L.coordinators.match(text, tokens, k)
                or L.nouns.match(text, tokens, k) or L.verbs.match(text, tokens, k)
                or L.units.match(text, tokens, k)
                or (k > lo and _CLAUSE.search(text[tokens[k - 1].end:tokens[k].start]))):
            break
        words.append(k)
    if 0 < len(words) <= 4:
        return text[tokens[words[0]].start:tokens[words[-1]].end]
    return ""


def _period(text: str, tokens: Sequence[Token], L: _Lang, nums: Sequence[NumberSpan], lo: int, hi: int) -> str | None:
    spans = [(tokens[f].start, tokens[e - 1].end) for f, e, _ in L.periods.scan(text, tokens, lo, hi)]
    for n in nums:
        if n.kind == "date" and lo <= n.first < hi:
            m = L.months.match(text, tokens, n.last + 1)
            before = n.first and L.months.match(text, tokens, n.first - 1)
            start = tokens[n.first - 1].start if before and before[0] == n.first else n.start
            spans.append((start, tokens[m[0] - 1].end if m else n.end))
    return text[slice(*min(spans))] if spans else None


def period_key(period: str | None, *, language: str, vocab: FigureVocabulary) -> str | None:
    """A period comparable across languages — 'day:4' (Friday), 'date:7-0' (7 January) — or None
    for a span or nothing ("last week" overlaps any day)."""
    if not period:
        return None
    L = vocab.lang(language)
    tokens = tokenize(period)
    day = next((int(t.text) for t in tokens if t.text.isdigit() and len(t.text) <= 2), None)
    for k in range(len(tokens)):
        m = L.periods.match(period, tokens, k)
        if m and m[1].startswith("day:"):
            return m[1]
        month = L.months.match(period, tokens, k)
        if month and day:
            return f"date:{day}-{month[1]}"
    return None
