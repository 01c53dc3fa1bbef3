"""Figures in one paragraph — how many were killed, injured, arrested, sent… — with exact spans."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.analysis.lexicon import DIGITS, Lexicon, Token, joined, tokenize
from app.analysis.normalize import fold, key_variants

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
QUALIFIERS = ("exact", "about", "at_least", "at_most", "more_than", "less_than", "tens_of",
              "hundreds_of", "thousands_of", "millions_of")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?(?:[\s.-]\d{2,4}){2,}")
_DATE = re.compile(r"\d{1,4}/\d{1,2}(?:/\d{2,4})?|\d{1,2}[.-]\s?\d{1,2}[.-]\s?\d{2,4}"
                   r"|\d{1,2}\s?[hH:]\s?\d{2}")
_SENTENCE = re.compile(r"[.!?;:؟؛]")
_CLAUSE = re.compile(r"[.!?;:؟؛,،()—–]|\s-\s")
_WINDOW = 18  # how far after a number its verb may come, in words


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    text: str
    value: int | float
    value_high: int | float | None
    qualifier: str  # exact, or the vague quantity's (tens_of…)
    first: int  # its tokens, first to last
    last: int
    kind: str = "count"  # count | weak (an article: "un", "a") | year | date | unit | name


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
    population: str | None  # a label of the vocabulary, the words of the text, or None: everyone
    period: str | None
    update: bool = False  # a new count ("rose to", "passé à"), which may replace an older one


@dataclass(frozen=True)
class FigureVocabulary:
    """seeds/figures.toml; `lang(code)` compiles one language's lists when first asked."""

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
    """One language's lists as lexicons (every language merged for one without lists)."""

    def __init__(self, data: dict[str, Any], codes: list[str]) -> None:
        nums = [data["numbers"][c] for c in codes]
        ctx = [data.get("context", {}).get(c, {}) for c in codes]

        def listed(tables: list[dict[str, Any]], key: str) -> list[str]:
            return [w for t in tables for w in t.get(key, [])]

        def per_lang(table: dict[str, Any], part: str) -> list[tuple[str, str]]:
            return [(w, k) for k, t in table.items() for c in codes
                    for w in t.get(part, {}).get(c, [])]

        def flag(key: str) -> Lexicon:
            return Lexicon((w, 1) for w in listed(ctx, key))

        def entries(kind: str, key: str) -> list[tuple[str, Any]]:
            return [(w, (kind, v)) for n in nums for w, v in n.get(key, {}).items()]

        self.scales = Lexicon(entries("scale", "scales"))
        self.numbers = Lexicon(entries("coll", "collectives") + entries("word", "words")
                               + entries("scale", "scales"))
        self.weak = {fold(w) for w in listed(nums, "weak")}
        self.between, self.between_and, self.range = (
            Lexicon((w, 1) for w in listed(nums, k)) for k in ("between", "between_and", "range"))
        self.thousands = set(listed(nums, "thousands"))
        seps = self.thousands | set(listed(nums, "decimal"))
        marks = "".join(re.escape(s) for s in seps if not s.isspace())
        spaces = "".join(re.escape(s) for s in seps if s.isspace())
        alt = [f"[{marks}]"] if marks else []
        alt += [rf"[{spaces}](?=\d{{3}}(?!\d))"] if spaces else []  # "4 400", not "18 36"
        self.digits = re.compile(r"\d+" + (f"(?:(?:{'|'.join(alt)})\\d+)*" if alt else ""))
        quals = data.get("qualifiers", {})
        self.qual_before = Lexicon((w, q) for w, q in per_lang(quals, "before"))
        self.qual_after = Lexicon((w, q) for w, q in per_lang(quals, "after"))
        metrics = data.get("metrics", {})
        self.nouns, self.verbs, self.lead = (Lexicon(per_lang(metrics, part))
                                             for part in ("nouns", "verbs", "lead"))
        self.populations = Lexicon((w, t.get("label", key))
                                   for key, t in data.get("populations", {}).items()
                                   for c in codes for w in t.get(c, []))
        self.months = Lexicon((w, i) for c in ctx for i, ws in enumerate(c.get("months", []))
                              for w in ws)
        self.periods = Lexicon([(w, f"day:{i}") for c in ctx
                                for i, w in enumerate(c.get("weekdays", []))]
                               + [(w, "span") for w in listed(ctx, "periods")])
        self.topics = Lexicon(per_lang(metrics, "topics"))
        flags = ("units", "fillers", "auxiliaries", "coordinators", "updates", "since")
        self.units, self.fillers, self.auxiliaries, self.coordinators, self.updates, self.since = (
            flag(k) for k in flags)


# ---------------------------------------------------------------- numbers


def find_numbers(text: str, *, language: str, vocab: FigureVocabulary,
                 tokens: Sequence[Token] | None = None) -> list[NumberSpan]:
    """Every number of the text — digits, words, vague quantities — with its kind."""
    L = vocab.lang(language)
    tokens = tokenize(text) if tokens is None else tokens
    plain = text.translate(DIGITS)
    masked = [m.span() for rx in (_DATE, _PHONE) for m in rx.finditer(plain)
              if rx is _DATE or not _grouped(m.group(), L)]
    out: list[NumberSpan] = []
    k = 0
    while k < len(tokens):
        n = _number_at(text, plain, tokens, k, L, masked)
        out += [n] if n else []
        k = n.last + 1 if n else k + 1
    return out


def _grouped(s: str, L: _Lang) -> bool:
    """Digit groups of three after a thousands separator: a number, not a phone number."""
    groups = re.split(r"[\s.,-]", s)
    return len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) \
        and any(c in L.thousands for c in s)


def _number_at(text: str, plain: str, tokens: Sequence[Token], k: int, L: _Lang,
               masked: list[tuple[int, int]]) -> NumberSpan | None:
    tok, kind, high, qual = tokens[k], "count", None, "exact"
    if tok.text[0].isdigit():
        m = L.digits.match(plain, tok.start)
        if not m:
            return None
        start, end = m.span()
        last = max(i for i in range(k, len(tokens)) if tokens[i].start < end)
        value = _parse_digits(m.group(), L)
        pad = f"  {plain} "
        before2, before, after = pad[start], pad[start + 1], pad[end + 2]
        attached = before in "وفبلك" and not before2.strip()  # "و36": and 36
        if (before.isalnum() and not attached) or after.isalpha() \
                or (before in "-‐‑" and before2.isalpha()):
            kind = "name"  # G20, Channel-24, 1er
        elif any(a <= start < b for a, b in masked):
            kind = "date"
        elif re.fullmatch(r"\d{4}", m.group()) and 1800 <= value <= 2100:
            kind = "year"
        scale = L.scales.match(text, tokens, last + 1)
        if kind == "count" and scale and scale[1][1] >= 1000:  # "1,5 million"
            value, last = value * scale[1][1], scale[0] - 1
            end = tokens[last].end
    else:
        hit = L.numbers.match(text, tokens, k)
        if hit is None or (hit[1][0] == "scale" and hit[1][1] < 1000) \
                or L.periods.match(text, tokens, k):
            return None
        start = tok.start
        if hit[1][0] == "coll":  # "des dizaines", "centaines de milliers"
            qual, value, high, _ = hit[1][1]
            last = hit[0] - 1
            nxt = hit[0] + (1 if L.fillers.match(text, tokens, hit[0]) else 0)
            more = L.numbers.match(text, tokens, nxt)
            gap = text[tokens[last].end:tokens[nxt].start] if nxt < len(tokens) else "."
            if more and more[1][0] != "word" and re.fullmatch(r"[\s'’]*(?:\w+[\s'’]*)?", gap):
                mult = more[1][1][3] if more[1][0] == "coll" else more[1][1]
                value, high, last = value * mult, high * mult, more[0] - 1
        else:
            value, last = _parse_words(text, tokens, k, L)
            kind = "weak" if value == 1 and fold(tok.text) in L.weak else kind
        end = tokens[last].end
    if kind == "count":  # a range: "entre 10 et 20", "10 à 20", "10-20"
        between = L.between.match(text, tokens, k - 1) if k else None
        conn = (L.between_and if between else L.range).match(text, tokens, last + 1)
        dash = last + 1 < len(tokens) and re.fullmatch(r"\s*[-–]\s*",
                                                       plain[end:tokens[last + 1].start])
        nxt = conn[0] if conn else last + 1 if dash else None
        other = _number_at(text, plain, tokens, nxt, L, masked) \
            if nxt is not None and nxt < len(tokens) else None
        if other and other.kind == "count" and other.value > value:
            high, last, end = other.value, other.last, other.end
            start = tokens[k - 1].start if between else start
    month_before = L.months.match(text, tokens, k - 1) if k else None
    if kind in ("count", "year") and (L.months.match(text, tokens, last + 1)
                                      or (month_before and month_before[0] == k)):
        kind = "date"
    unit_at = last + 1 + (1 if L.fillers.match(text, tokens, last + 1) else 0)
    if kind == "count" and L.units.match(text, tokens, unit_at):
        kind = "unit"  # "trois jours", "54 %", "71 millions de dollars"
    return NumberSpan(start, end, text[start:end], _clean(value),
                      None if high is None else _clean(high), qual, k, last, kind)


def _parse_digits(s: str, L: _Lang) -> float:
    parts = re.split(r"(\D)", s)
    digits, seps = parts[0::2], parts[1::2]
    if not seps:
        return float(s)
    decimal = not (seps[-1] in L.thousands and len(digits[-1]) == 3)
    whole = "".join(digits[:-1] if decimal else digits)
    return float(f"{whole}.{digits[-1]}") if decimal else float(whole)


def _parse_words(text: str, tokens: Sequence[Token], k: int, L: _Lang) -> tuple[float, int]:
    """"quatre-vingt-dix-neuf", "vingt et un", "three hundred", "ثلاثة آلاف"."""
    total, cur, last, j = 0.0, 0.0, k, k
    while j < len(tokens) and (j == k or joined(text, tokens[j - 1], tokens[j])):
        hit = L.scales.match(text, tokens, j) if j > k else None
        hit = hit or L.numbers.match(text, tokens, j)
        if hit is None or hit[1][0] == "coll":
            joiner = L.between_and.match(text, tokens, j) or L.coordinators.match(text, tokens, j)
            follow = L.numbers.match(text, tokens, joiner[0]) if joiner and j > k else None
            if follow and follow[1][0] == "word" and follow[1][1] < 10 and cur and cur % 10 == 0:
                j = joiner[0]  # "vingt et un"
                continue
            break
        what, v = hit[1]
        if what == "word":
            if cur and not ((cur % 10 == 0 and v < 10 and cur >= 20) or cur % 100 == 0):
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


# ---------------------------------------------------------------- figures


@dataclass
class _Reading:
    """What a number was found to count, and how (noun, verb, lead, shared)."""

    n: NumberSpan
    metric: str | None
    via: str
    mfirst: int  # the metric's tokens
    mend: int
    qstart: int  # first token of the figure, its qualifier included
    qualifier: str


def find_figures(paragraph_index: int, text: str, *, language: str, vocab: FigureVocabulary
                 ) -> list[Figure]:
    """Counted figures of one paragraph: a number, what it counts, of whom, when, how hedged."""
    L, tokens = vocab.lang(language), tokenize(text)
    nums = find_numbers(text, language=language, vocab=vocab, tokens=tokens)
    plain = text.translate(DIGITS)
    gaps = [""] + [plain[tokens[j - 1].end:tokens[j].start] for j in range(1, len(tokens))]
    stops = [j for j, g in enumerate(gaps) if not j or _SENTENCE.search(g)]
    clauses = [j for j, g in enumerate(gaps) if not j or _CLAUSE.search(g)]
    rows: list[_Reading] = []
    for i, n in enumerate(nums):
        if n.kind in ("count", "weak", "year"):
            rows.append(_read(text, tokens, L, nums, i, stops, rows))
    for r, row in enumerate(rows):  # "18 policiers et 36 manifestants ont été tués"
        nxt = rows[r + 1] if r + 1 < len(rows) else None
        if row.metric is None and row.n.kind == "count" and nxt and nxt.via == "verb" \
                and _coordinated(text, tokens, L, row.n.last + 1, nxt.n.first):
            row.metric, row.via, row.mfirst = nxt.metric, "shared", row.n.last + 1
            row.mend = row.mfirst
    out: list[Figure] = []
    last_pop: tuple[int, str | None] | None = None
    for row in (r for r in rows if r.metric):
        n, a = row.n, row.n.last + 1
        direct = row.via in ("noun", "verb")
        hi = row.mfirst if direct else min(a + 6, len(tokens))
        pop = _population(text, tokens, L, a, min([hi] + [m.first for m in nums if m.first >= a]),
                          surface=direct)
        if not pop and row.via == "noun" and last_pop \
                and _coordinated(text, tokens, L, last_pop[0], n.first):
            pop = last_pop[1]  # "26 criminels armés ont été tués et 18 blessés"
        last_pop = (row.mend, pop or None)
        c0 = max(c for c in clauses if c <= n.first)
        c1 = min([c for c in clauses if c > n.last] + [len(tokens)])
        s0 = max(s for s in stops if s <= n.first)
        update = any(L.updates.match(text, tokens, k) for k in range(max(s0, row.qstart - 6),
                                                                      row.qstart))
        start = min(n.start, tokens[row.qstart].start)
        out.append(Figure(paragraph_index, start, n.end, text[start:n.end], row.metric, n.value,
                          n.value_high, row.qualifier, pop or None,
                          _period(text, tokens, L, nums, c0, c1), update))
    return out


def _read(text: str, tokens: Sequence[Token], L: _Lang, nums: Sequence[NumberSpan], i: int,
          stops: list[int], rows: list[_Reading]) -> _Reading:
    """The metric of number i: a noun right after it, a lead phrase right before, a verb later in
    its clause, or the lead of the number it is coordinated with ("la mort de 18 … et de 36")."""
    n = nums[i]
    sent_start = max(s for s in stops if s <= n.first)
    sent_end = min([s for s in stops if s > n.last] + [len(tokens)])
    stop = min([m.first for m in nums[i + 1:]] + [sent_end, n.last + 1 + _WINDOW])
    lo = max([m.last + 1 for m in nums[:i]] + [sent_start])
    row = _Reading(n, None, "", n.last + 1, n.last + 1, n.first, n.qualifier)
    for s in range(n.first - 1, max(lo, n.first - 5) - 1, -1):
        m = L.qual_before.match(text, tokens, s)
        if m and m[0] == n.first and row.qualifier == "exact":
            row.qualifier, row.qstart = m[1], s
    a = n.last + 1
    m = L.qual_after.match(text, tokens, a)
    if m and m[0] <= stop:
        row.qualifier, a = (m[1] if row.qualifier == "exact" else row.qualifier), m[0]
    row.mfirst = row.mend = a
    j = a
    while j < min(stop, a + 2) and L.fillers.match(text, tokens, j):
        j += 1
    m = L.nouns.match(text, tokens, j)
    if m and m[0] <= sent_end:
        row.metric, row.via, row.mfirst, row.mend = m[1], "noun", j, m[0]
        return row
    if n.kind != "count":
        return row  # "un", a year: only with a noun right after
    for s in range(row.qstart - 1, max(lo, row.qstart - 6) - 1, -1):
        m = L.lead.match(text, tokens, s)
        if m and row.qstart - 1 <= m[0] <= row.qstart:
            row.metric, row.via = m[1], "lead"
            return row
    for s in range(row.qstart - 1, max(lo, row.qstart - 12) - 1, -1):  # "the death toll … 19"
        m = L.topics.match(text, tokens, s)
        if m and m[0] <= row.qstart:
            row.metric, row.via = m[1], "topic"
            return row
    for j in range(a, stop):
        m = L.verbs.match(text, tokens, j)
        if m:
            row.metric, row.via, row.mfirst, row.mend = m[1], "verb", j, m[0]
            return row
    prev = next((r for r in reversed(rows) if r.metric), None)
    if prev and prev.via == "lead" and prev.mend >= lo - 1 \
            and _coordinated(text, tokens, L, prev.n.last + 1, n.first):
        row.metric, row.via = prev.metric, "lead"
        row.qualifier = prev.qualifier if row.qualifier == "exact" else row.qualifier
    return row


def _coordinated(text: str, tokens: Sequence[Token], L: _Lang, lo: int, hi: int) -> bool:
    """Tokens lo..hi (at most ten) end with a coordinator: "… et de 36", "and 36", "و36"."""
    if not 0 < hi - lo <= 10:
        return False
    for s in range(max(lo, hi - 3), hi):
        m = L.coordinators.match(text, tokens, s)
        if m and m[0] <= hi and all(L.fillers.match(text, tokens, k)
                                    or L.coordinators.match(text, tokens, k)
                                    for k in range(m[0], hi)):
            return True
    return False


def _population(text: str, tokens: Sequence[Token], L: _Lang, lo: int, hi: int, surface: bool
                ) -> str:
    """Whom the number counts, named between it and its metric: a label, the words, or ''."""
    for _, _, label in L.populations.scan(text, tokens, lo, hi):
        return label
    words: list[int] = []
    for k in range(lo, hi if surface else lo):
        if not words and L.fillers.match(text, tokens, k):
            continue
        if any(lex.match(text, tokens, k) for lex in (L.auxiliaries, L.coordinators, L.nouns,
                                                       L.verbs, L.units)) \
                or (k > lo and _CLAUSE.search(text[tokens[k - 1].end:tokens[k].start])):
            break
        words.append(k)
    return text[tokens[words[0]].start:tokens[words[-1]].end] if 0 < len(words) <= 4 else ""


def _period(text: str, tokens: Sequence[Token], L: _Lang, nums: Sequence[NumberSpan], lo: int,
            hi: int) -> str | None:
    """The first day, date or period named in the figure's clause."""
    spans = []
    for f, e, _ in L.periods.scan(text, tokens, lo, hi):
        since = next((s for s in range(max(lo, f - 3), f)
                      if (m := L.since.match(text, tokens, s)) and m[0] == f), f)
        spans.append((tokens[since].start, tokens[e - 1].end))  # "depuis vendredi" is no one day
    for n in nums:
        if n.kind == "date" and lo <= n.first < hi:
            after = L.months.match(text, tokens, n.last + 1)
            before = L.months.match(text, tokens, n.first - 1) if n.first else None
            start = tokens[n.first - 1].start if before and before[0] == n.first else n.start
            spans.append((start, tokens[after[0] - 1].end if after else n.end))
    return text[slice(*min(spans))] if spans else None


def period_key(period: str | None, *, language: str, vocab: FigureVocabulary) -> str | None:
    """A period comparable across languages — 'day:4' (Friday), 'date:7-0' (7 January) — or None
    for a span or nothing ("last week" overlaps any day)."""
    if not period:
        return None
    L, tokens = vocab.lang(language), tokenize(period)
    day = next((int(t.text) for t in tokens if t.text.isdigit() and len(t.text) <= 2), None)
    if any(L.since.match(period, tokens, k) for k in range(len(tokens))):
        return None
    for k in range(len(tokens)):
        m = L.periods.match(period, tokens, k)
        if m and m[1].startswith("day:"):
            return m[1]
        month = L.months.match(period, tokens, k)
        if month and day:
            return f"date:{day}-{month[1]}"
    return None
