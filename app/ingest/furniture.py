"""Classify a line of an article as page furniture (and which kind) using furniture.toml."""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

VOCABULARY_FILE = Path(__file__).with_name("furniture.toml")
_SETTINGS = {"match", "max_chars", "loose", "words", "agencies", "home", "name_connectors"}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]+")
# Every non-spacing mark (Unicode category Mn) of the Basic Multilingual Plane, as one character class.
_MARKS = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x10000)
                                  if unicodedata.category(chr(c)) == "Mn") + "]")
_TERMINAL = ".!?؟。…:;,"
_ELLIPSIS = re.compile(r"(?:\.{3}|…)$")
_BARE_LINK = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,24}(?:/\S*)?")


def fold(text: str, *, casefold: bool = True) -> str:
    """Fold for matching: NFKD without marks (accents, harakat), ASCII digits, single spaces."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text.replace("’", "'").replace("ـ", "")))
    text = _SPACES.sub(" ", text.translate(_DIGITS).replace("：", ":")).strip()
    text = text.replace(" :", ":")
    return text.casefold() if casefold else text


def _alternation(phrases: Sequence[str]) -> str:
    ordered = sorted({fold(p) for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p) for p in ordered)


@functools.cache
def vocabulary() -> dict[str, Any]:
    """The parsed furniture.toml (loaded once)."""
    with VOCABULARY_FILE.open("rb") as handle:
        return tomllib.load(handle)


def phrases(kind: str, key: str | None = None) -> list[str]:
    """All phrases of a kind: every language list, or only the list under `key`."""
    table = vocabulary().get(kind, {})
    if key is not None:
        return list(table.get(key, []))
    return [p for k, v in table.items() if k not in _SETTINGS and isinstance(v, list) for p in v]


@functools.cache
def month_numbers() -> dict[str, int]:
    """Folded month name (any language, any variant) -> month number 1..12."""
    table: dict[str, int] = {}
    for names in vocabulary()["months"].values():
        for number, variants in enumerate(names, start=1):
            for name in variants.split("|"):
                table[fold(name)] = number
    return table


@functools.cache
def date_regex() -> re.Pattern[str]:
    """Dates in folded text; named groups per form (iso, numeric, day-month, month-day)."""
    month = f"(?:{_alternation(list(month_numbers()))})"
    return re.compile(
        r"(?<![\d\w])(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d)"
        r"|(?<![\d.,\w])(?P<nd>\d{1,2}) ?(?P<sep>[./-]) ?(?P<nm>\d{1,2})"
        r"(?: ?(?P=sep) ?(?P<ny>\d{4}))?(?![\d\w]|[.,]\d)"
        rf"|(?<![\d\w])(?P<td>\d{{1,2}})(?:er|st|nd|rd|th)?\.? (?:de )?(?P<tm>{month})\.?"
        rf"(?: ?/ ?{month})?(?!\w)(?:,? (?:de )?(?P<ty>\d{{4}})(?!\d))?"
        rf"|(?<!\w)(?P<um>{month})\.? (?P<ud>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
        r"(?:,? (?P<uy>\d{4})(?!\d))?"
    )


_TIME = re.compile(r"(?<![\d\w])\d{1,2} ?[:h] ?\d{2}(?!\d)|(?<![\d\w])\d{1,2} ?(?:am|pm)(?!\w)")


@functools.cache
def _kind_rules() -> dict[str, tuple[tuple[str, ...], str, int, bool]]:
    """kind -> (folded phrases longest first, match mode, max_chars, loose)."""
    rules = {}
    for kind, table in vocabulary().items():
        listed = sorted({fold(p) for p in phrases(kind)}, key=len, reverse=True)
        if listed and kind not in {"months", "weekdays", "networks"}:
            mode, limit = table.get("match", "prefix"), int(table.get("max_chars", 300))
            rules[kind] = (tuple(listed), mode, limit, bool(table.get("loose", False)))
    return rules


@functools.cache
def _word_regex(kind: str, key: str | None = None) -> re.Pattern[str]:
    """Any phrase of a kind (or of one list of it) as a whole word or words."""
    return re.compile(rf"(?<!\w)(?:{_alternation(phrases(kind, key))})(?!\w)")


def _match(kind: str, folded: str) -> str | None:
    """The rest of the line after a phrase of `kind`, or None when the kind's phrases do not fit."""
    listed, mode, max_chars, loose = _kind_rules()[kind]
    if len(folded) > max_chars:
        return None
    if mode == "whole":
        return "" if re.sub(r"[^\w©]+", " ", folded).strip() in listed else None
    if mode == "contains":
        return "" if any(p in folded for p in listed) else None
    for phrase in listed:
        if not folded.startswith(phrase):
            continue
        rest = folded[len(phrase):]
        if not rest or not phrase[-1].isalnum():
            return rest
        if rest[0].isalnum() or rest[0] == "_" or (rest[0] in "-'" and rest[1:2].isalnum()):
            continue  # the phrase is only the start of a longer word ("follow-up")
        one_word = re.fullmatch(r"\w+", phrase) is not None
        if loose or not one_word or rest.lstrip()[:1] in (":", "-", "–", "|"):
            return rest
    return None


def _has_date(folded: str) -> bool:
    return date_regex().search(folded) is not None or _TIME.search(folded) is not None


@functools.cache
def _stamp_noise() -> re.Pattern[str]:
    words = phrases("weekdays") + phrases("dateline_stamp", "words") + phrases("update_stamp")
    return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)")


def _residue(folded: str) -> int:
    """Letters left once dates, times, weekdays, stamp phrases and short words are removed."""
    text = _TIME.sub(" ", date_regex().sub(" ", folded))
    text = _stamp_noise().sub(" ", text)
    return sum(len(w) for w in re.findall(r"[^\W\d_]{3,}", text))


@functools.cache
def _counter_regex() -> re.Pattern[str]:
    words = f"(?:{_alternation(phrases('counter', 'words'))})"
    number = r"\d[\d.,]*(?: ?[km])?"
    return re.compile(
        rf"[+\-]?\d[\d .,]*(?: ?[km%])?|{number} ?{words}|{words} ?:? ?\(?{number}\)?(?: ?min\w*)?"
    )


def _is_counter(folded: str) -> bool:
    return len(folded) <= 40 and _counter_regex().fullmatch(folded) is not None


def _is_share(folded: str) -> bool:
    if len(folded) > _kind_rules()["share"][2]:
        return False
    text, hits = folded, 0
    fonts = re.compile(r"(?<!\w)(?:a ?[+\-]|[+\-] ?a|a)(?!\w)")
    for pattern in (_word_regex("share"), _word_regex("networks"), fonts):
        text, count = pattern.subn(" ", text)
        hits += count
    return hits > 0 and not re.sub(r"[\W\d_]+", "", text)


def _is_prev_next(line: str) -> bool:
    plain = fold(line, casefold=False)
    if len(plain) > _kind_rules()["prev_next"][2]:
        return False
    for phrase in _kind_rules()["prev_next"][0]:
        if plain[: len(phrase)].casefold() != phrase:
            continue
        rest = plain[len(phrase):]
        glued = rest[:1].isupper() or rest[:1].isdigit()
        if not rest or glued or rest.lstrip()[:1] in (":", "»", ">", "›", "|", "-", "–"):
            return True
        if " " in phrase and not rest[0].isalpha():
            return True
    return False


def _is_breadcrumb(folded: str, context: Sequence[str]) -> bool:
    truncated = _ELLIPSIS.search(folded) is not None
    has_separators = re.search(r"[›»>]| [/|] ", folded) is not None and "«" not in folded
    if _word_regex("breadcrumb", "home").match(folded) and (truncated or has_separators):
        return len(folded) <= 250
    if has_separators and len(folded) <= 150:
        parts = [p.strip() for p in re.split(r"[›»>]| [/|] ", folded)]
        if len(parts) >= 2 and all(
            0 < len(p) <= 40 and len(p.split()) <= 5 and p[-1] not in _TERMINAL for p in parts
        ):
            return True
    if truncated and context:
        core = _ELLIPSIS.sub("", folded).strip()
        starts = [0] + [m.end() for m in re.finditer(r" ", core)]
        others = [c for c in context if c != folded]
        for start in starts:
            tail = core[start:]
            if len(tail) < 20:
                break
            if any(len(o) > len(tail) and o.startswith(tail) for o in others):
                return True
    return False


def _is_header(folded: str) -> str | None:
    parts = [p.strip() for p in re.split(r" ?\| ?| [•·] ", folded)]
    if len(parts) < 2 or len(folded) > 250 or any(len(p) > 100 for p in parts):
        return None
    if any(_match("update_stamp", p) is not None and _has_date(p) for p in parts):
        return "update_stamp"
    return "dateline_stamp" if any(_has_date(p) for p in parts) else None


def _is_stamp(folded: str) -> str | None:
    if folded[-1] in ".!?؟":
        return None
    rest = _match("update_stamp", folded)
    if rest is not None and _residue(rest) <= 30:
        found = [m.start() for m in (date_regex().search(rest), _TIME.search(rest)) if m]
        if found and min(found) <= 18:
            return "update_stamp"
    if len(folded) <= 90 and _has_date(folded) and _residue(folded) <= 14:
        return "dateline_stamp"
    return None


def _is_byline(folded: str, line: str) -> bool:
    rest = _match("byline", folded)
    if rest is None:
        return False
    phrase = folded[: len(folded) - len(rest)].strip()
    if " " in phrase or phrase.endswith(":"):
        return len(rest) <= 120 and rest.rstrip()[-1:] not in (".", "!", "?")
    names = fold(line, casefold=False)[len(phrase):].strip(" :")
    words = re.findall(r"[^\W\d_][\w'.-]*", names)
    if not 0 < len(words) <= 8 or len(names) > 80 or names[-1] in ".!?؟":
        return False
    if not any(w[0].isupper() for w in words):  # a script without capitals: names are short
        return not any(w[0].islower() for w in words) and len(words) <= 4
    connectors = {fold(w) for w in phrases("byline", "name_connectors")}
    return all(not w[0].islower() or w.casefold() in connectors for w in words)


def _is_credit(folded: str) -> bool:
    if _match("credit", folded) is not None:
        return True
    if len(folded) <= 60 and re.fullmatch(r"[(\[][^()\[\]]{2,58}[)\]]\.?", folded):
        return True
    ending = re.search(r"\(([^()]{3,80})\)\.?$", folded)
    if ending is None or len(folded) > _kind_rules()["credit"][2]:
        return False
    inside, before = ending.group(1).strip(), folded[: ending.start()].rstrip()
    if re.search(r"[^\W\d_] ?/ ?[^\W\d_]", inside) or "©" in inside:
        return True
    if _word_regex("credit", "words").match(inside):
        return True
    agency = _word_regex("credit", "agencies").search(inside) is not None
    return agency and len(folded) <= 160 and (not before or before[-1] not in ".!?؟")


def _is_copyright(folded: str) -> bool:
    if re.match(r"(?:©|\(c\) ?\d{4}|copyright ?(?:©|\(c\)|\d{4}|:))", folded):
        return len(folded) <= _kind_rules()["copyright"][2]
    rest = _match("copyright", folded)
    return (rest is not None and not folded.startswith("copyright")) or (
        _match("copyright_anywhere", folded) is not None
    )


def classify_line(line: str, *, context: Sequence[str] = ()) -> str | None:
    """Return the furniture kind of one line ("share", "breadcrumb", ...) or None for text."""
    folded = fold(line)
    if not folded:
        return None
    return _classify(line, folded, tuple(fold(c) for c in context))


def classify_lines(lines: Sequence[str]) -> list[str | None]:
    """Classify every line of a file, each with all the file's lines as context."""
    folded = [fold(line) for line in lines]
    context = tuple(f for f in folded if f)
    return [_classify(line, f, context) if f else None for line, f in zip(lines, folded)]


def _classify(line: str, folded: str, context: Sequence[str]) -> str | None:
    if _is_counter(folded):
        return "counter"
    if _is_share(folded):
        return "share"
    if _BARE_LINK.fullmatch(folded):
        return "source"
    if _is_prev_next(line):
        return "prev_next"
    if _match("read_also", folded) is not None:
        return "read_also"
    if _match("follow", folded) is not None and (
        len(folded) <= 60 or _word_regex("networks").search(folded) is not None
    ):
        return "follow"
    stamp = _is_header(folded) or _is_stamp(folded)
    if stamp:
        return stamp
    for kind in ("keywords", "source"):
        if _match(kind, folded) is not None:
            return kind
    if _is_credit(folded):
        return "credit"
    if _is_copyright(folded):
        return "copyright"
    for kind in ("newsletter", "ad", "comments"):
        if _match(kind, folded) is not None:
            return kind
    if _is_byline(folded, line):
        return "byline"
    if _is_breadcrumb(folded, context):
        return "breadcrumb"
    return None
