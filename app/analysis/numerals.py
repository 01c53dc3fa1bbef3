"""Numbers as written — digits (Arabic-Indic too), words, vague amounts, units — with spans."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.analysis.figure_vocabulary import FigureVocabulary, LanguageLists
from app.analysis.lexicon import DIGITS, Token, joined, tokenize
from app.analysis.normalize import fold
from app.analysis.number_words import is_number_word, words_value

_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?(?:[\s.-]\d{2,4}){2,}")
_DATE = re.compile(r"\d{1,4}/\d{1,2}(?:/\d{2,4})?|\d{1,2}[.-]\s?\d{1,2}[.-]\s?\d{2,4}"
                   r"|\d{1,2}\s?[hH:]\s?\d{2}")


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
    unit: str | None = None  # a measure or currency: km, tonnes, percent, USD…
    unit_end: int = -1  # the token after its unit word, when it has one
    scale: int = 1  # the scale word that multiplied its digits ("15 тысяч": 1000)


def find_numbers(text: str, *, language: str, vocab: FigureVocabulary,
                 tokens: Sequence[Token] | None = None) -> list[NumberSpan]:
    """Every number of the text — digits, words, vague quantities — with its kind (read once per
    text and language: figures and alignment both ask)."""
    L = vocab.lang(language)
    if text in L.numbers_read:
        return list(L.numbers_read[text])
    if len(L.numbers_read) > 4096:
        L.numbers_read.clear()
    L.numbers_read[text] = tuple(_read_numbers(text, L, tokenize(text) if tokens is None
                                               else tokens))
    return list(L.numbers_read[text])


def _read_numbers(text: str, L: LanguageLists, tokens: Sequence[Token]) -> list[NumberSpan]:
    plain = text.translate(DIGITS)
    masked = [m.span() for rx in (_DATE, _PHONE) for m in rx.finditer(plain)
              if rx is _DATE or not _grouped(m.group(), L)]
    out: list[NumberSpan] = []
    k = 0
    while k < len(tokens):
        n = _number_at(text, plain, tokens, k, L, masked)
        if n and out and _continues(text, tokens, out[-1], n, L):
            a = out.pop()  # "مليونان و٤٥٠ ألفا", "1 млн 120 тыс.": one number
            n = replace(n, start=a.start, text=text[a.start:n.end], value=_clean(a.value + n.value),
                        first=a.first, qualifier=a.qualifier)
        out += [n] if n else []
        k = max(n.last + 1, n.unit_end) if n else k + 1
    return out


def _continues(text: str, tokens: Sequence[Token], a: NumberSpan, b: NumberSpan,
               L: LanguageLists) -> bool:
    """b adds to a round a written just before it, with at most "و"/"и"/"and" between."""
    if a.kind != "count" or b.kind != "count" or a.unit or a.value_high or b.value_high \
            or not float(a.value).is_integer() or a.value < 1000 or a.value % 1000:
        return False
    step = 1000 ** int(math.log(a.value, 1000) + 1e-9)
    between = range(a.last + 1, b.first)
    if a.value % step or b.value >= step or len(between) > 1 or any(
            not L.coordinators.match(text, tokens, i) for i in between):
        return False
    return not re.search(r"[,.;:،؛()]", text[a.end:b.start].replace(".", "", 1)
                         if a.text.endswith(("тыс", "млн", "млрд")) else text[a.end:b.start])


def _grouped(s: str, L: LanguageLists) -> bool:
    """Digit groups of three after a thousands separator: a number, not a phone number."""
    groups = re.split(r"[\s.,-]", s)
    return len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) \
        and any(c in L.thousands for c in s)


def _number_at(text: str, plain: str, tokens: Sequence[Token], k: int, L: LanguageLists,
               masked: list[tuple[int, int]]) -> NumberSpan | None:
    tok, kind, high, qual, mult = tokens[k], "count", None, "exact", 1
    if tok.text[0].isdigit():
        m = L.digits.match(plain, tok.start)
        if not m:
            return None
        start, end = m.span()
        last = max(i for i in range(k, len(tokens)) if tokens[i].start < end)
        value = _parse_digits(m.group(), L)
        pad = f"  {plain} "
        before2, before, after = pad[start], pad[start + 1], pad[end + 2]
        attached = before in "وفبلك" and not before2.strip() or before == "ـ"  # "و36", "بـ41"
        glued = after.isalpha() and (L.units.match(text, tokens, last + 1)
                                     or L.scales.match(text, tokens, last + 1))  # "12km", "5bn"
        if (before.isalnum() and not attached) or (after.isalpha() and not glued) \
                or (before in "-‐‑" and before2.isalpha()):
            kind = "name"  # G20, Channel-24, 1er
        elif any(a <= start < b for a, b in masked):
            kind = "date"
        elif re.fullmatch(r"\d{4}", m.group()) and 1800 <= value <= 2100:
            kind = "year"
        scale = L.scales.match(text, tokens, last + 1)
        if kind == "count" and scale and scale[1][1] >= 1000:  # "1,5 million"
            value, last, mult = value * scale[1][1], scale[0] - 1, scale[1][1]
            end = tokens[last].end
    else:
        hit = L.numbers.match(text, tokens, k) if L.numbers.may_start(tok) else None
        if hit is None and not (L.word_language and is_number_word(tok.text, L.word_language)) \
                or L.periods.match(text, tokens, k):
            return None  # no number word (most tokens), or a day ("الأحد")
        start = tok.start
        if hit and hit[1][0] == "coll":  # "des dizaines", "centaines de milliers"
            qual, value, high, _ = hit[1][1]
            last = hit[0] - 1
            nxt = hit[0] + (1 if L.fillers.match(text, tokens, hit[0]) else 0)
            more = L.numbers.match(text, tokens, nxt)
            gap = text[tokens[last].end:tokens[nxt].start] if nxt < len(tokens) else "."
            if more and more[1][0] != "word" and re.fullmatch(r"[\s'’]*(?:\w+[\s'’]*)?", gap):
                mult = more[1][1][3] if more[1][0] == "coll" else more[1][1]
                value, high, last = value * mult, high * mult, more[0] - 1
        else:
            read = _word_run(text, tokens, k, L)
            if read is None and hit and hit[1][0] != "scale":
                read = _parse_words(text, tokens, k, L)
            if read is None or (read[1] == k and hit and hit[1][0] == "scale"
                                and hit[1][1] < 1000):
                return None  # "cent" alone, or no number
            value, last = read
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
        if other and other.kind == "unit" and other.value > value:  # "de 64 à 65 ans"
            kind, last, end = "unit", other.last, other.end
        elif other and other.kind == "count" and other.value > value:
            if mult == 1 and other.scale > 1 and value * other.scale <= other.value:
                value = value * other.scale  # "от 10 до 15 тысяч": 10 000 to 15 000
            high, last, end = other.value, other.last, other.end
            start = tokens[k - 1].start if between else start
    month_before = L.months.match(text, tokens, k - 1) if k else None
    if kind in ("count", "year") and (L.months.match(text, tokens, last + 1)
                                      or (month_before and month_before[0] == k)):
        kind = "date"
    unit, unit_end = None, -1
    if kind == "count":
        unit, unit_end, sign_start = _unit(text, plain, tokens, start, end, last, L)
        if unit and unit[1] in ("duration", "age", "ordinal", "times"):
            kind = "unit"  # "trois jours", "45 ans", "3e": no figure
        elif unit:
            start = min(start, sign_start)
            neg = L.negative.match(text, tokens, k - 1) if k else None
            if unit[0] == "celsius" and (neg and neg[0] == k or plain[max(0, start - 2):start]
                                         in (" -", " −") or start == 1 and plain[0] in "-−"):
                value, start = -value, tokens[k - 1].start if neg else start - 1  # "minus 4C"
    return NumberSpan(start, end, text[start:end], _clean(value),
                      None if high is None else _clean(high), qual, k, last, kind,
                      unit[0] if unit and kind == "count" else None, unit_end, mult)


def _unit(text: str, plain: str, tokens: Sequence[Token], start: int, end: int, last: int,
          L: LanguageLists) -> tuple[tuple[str, str] | None, int, int]:
    """The unit of the number at start..end: a sign before it ("$5"), a sign or a unit word after
    it ("5 %", "12 km", "71 millions de dollars"); with the token after it and where a sign starts."""
    lo = max(0, start - 4)
    head = plain[lo:start].rstrip()
    for sign, unit in L.signs_before:
        if head.endswith(sign):
            return unit, last + 1, lo + len(head) - len(sign)
    tail = plain[end:end + 4]
    for sign, unit in L.signs_after:
        if tail.lstrip().startswith(sign):
            sign_end = end + len(tail) - len(tail.lstrip()) + len(sign)
            return unit, next((i for i in range(last + 1, len(tokens))
                               if tokens[i].start >= sign_end), len(tokens)), start
    for at in (last + 1, last + 2):
        if at == last + 2 and not L.fillers.match(text, tokens, last + 1):
            break
        m = L.units.match(text, tokens, at)
        if m:
            return m[1], m[0], start
    return None, -1, start


def _word_run(text: str, tokens: Sequence[Token], k: int, L: LanguageLists
              ) -> tuple[float, int] | None:
    """Number words from token k, read by the language's parser: "deux mille quatre cents",
    "vingt et un", "twenty-one", "ثلاثة آلاف", "двадцать пять"."""
    lang = L.word_language
    if lang is None or not is_number_word(tokens[k].text, lang):
        return None
    j = k
    while j + 1 < len(tokens) and joined(text, tokens[j], tokens[j + 1]):
        if is_number_word(tokens[j + 1].text, lang):
            j += 1
        elif (L.between_and.match(text, tokens, j + 1) or L.coordinators.match(text, tokens, j + 1)) \
                and j + 2 < len(tokens) and joined(text, tokens[j + 1], tokens[j + 2]) \
                and is_number_word(tokens[j + 2].text, lang):
            j += 2  # "vingt et un"
        else:
            break
    for last in range(j, k - 1, -1):
        value = words_value(text[tokens[k].start:tokens[last].end], lang)
        if value is not None:
            return value, last
    return None


def _parse_digits(s: str, L: LanguageLists) -> float:
    parts = re.split(r"(\D)", s)
    digits, seps = parts[0::2], parts[1::2]
    if not seps:
        return float(s)
    decimal = not (seps[-1] in L.thousands and len(digits[-1]) == 3)
    whole = "".join(digits[:-1] if decimal else digits)
    return float(f"{whole}.{digits[-1]}") if decimal else float(whole)


def _parse_words(text: str, tokens: Sequence[Token], k: int, L: LanguageLists) -> tuple[float, int]:
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
