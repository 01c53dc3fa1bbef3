"""Number words read by maintained parsers: text2num (fr, en), pyarabic (ar), number-parser (ru)."""

from __future__ import annotations

import functools
import re

from number_parser import parse_number
from number_parser.data import ru as _ru_data
from pyarabic import number as _arabic
from text_to_num import text2num

_RU_WORDS = frozenset(w for table in ("UNIT_NUMBERS", "DIRECT_NUMBERS", "TENS", "HUNDREDS",
                                      "BIG_POWERS_OF_TEN")
                      for w in _ru_data.info[table])
LANGUAGES = ("fr", "en", "ar", "ru")
_ARTICLE = re.compile(r"^(?:وال|بال|فال|لل|ال)(?=\w{3,})")  # "الثلاثة": the three


@functools.lru_cache(maxsize=65536)
def is_number_word(word: str, language: str) -> bool:
    """Whether one word is a number word of the language ("vingt", "twenty", "تسعة", "двадцать")."""
    w = word.lower().replace("ё", "е")
    if language in ("fr", "en"):
        return _text2num(w, language) is not None
    if language == "ru":
        return w in _RU_WORDS
    if language == "ar":
        return _arabic.text2number(_ARTICLE.sub("", w)) > 0
    return False


@functools.lru_cache(maxsize=16384)
def words_value(phrase: str, language: str) -> float | None:
    """The value of a phrase of number words, or None when the parser does not read all of it."""
    p = phrase.lower().replace("ё", "е")
    if language in ("fr", "en"):
        return _text2num(p, language)
    if language == "ru":
        v = parse_number(p, language="ru")
        return None if v is None else float(v)
    if language == "ar":
        v = _arabic.text2number(_ARTICLE.sub("", p))
        return float(v) if v > 0 else None
    return None


def _text2num(s: str, language: str) -> float | None:
    try:
        return float(text2num(s, language))
    except (ValueError, IndexError, KeyError):
        return None
