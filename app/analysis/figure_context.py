"""What an unlisted counted noun is called (its lemma) and whom a sentence attributes figures to."""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Sequence

from app.analysis.figure_vocabulary import LanguageLists
from app.analysis.lemmas import ARABIC_PREFIX, lemma
from app.analysis.lexicon import Token

_PUNCT = re.compile(r"[.!?;:,،؛؟()«»\"“”—–]")


@functools.lru_cache(maxsize=8)
def _stop_words(language: str) -> frozenset[str]:
    """spaCy's function words of the language (data only, no model), or none."""
    if not re.fullmatch(r"[a-z]{2}", language or ""):
        return frozenset()
    try:
        return frozenset(importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS)
    except ImportError:
        return frozenset()


@functools.lru_cache(maxsize=16384)
def counted_noun(word: str, language: str) -> str | None:
    """The lemma of a word that can be a counted noun ("navires" → "navire", "طنا" → "طن"), or
    None for a function word, a name or a mark."""
    w = word.lower()
    if not w.isalpha() or len(w) < 3 or w in _stop_words(language) or word[:1].isupper() \
            and language in ("fr", "en", "ru"):
        return None
    if language == "ar":  # simplemma knows plurals and case endings ("عربات" → "عربة")
        w = ARABIC_PREFIX.sub("", w)
        found = lemma(w, language)
        if found != w:
            return found
        return w[:-1] if len(w) > 3 and w.endswith("ا") and not w.endswith("اا") else w
    if language in ("fr", "en", "ru"):
        return lemma(w, language)
    return w


def bare_article(word: str) -> bool:
    """The Arabic article standing alone before digits ("المسيّرات الـ٢٦")."""
    return bool(re.fullmatch(r"[وفب]?الـ*", word))


def sentence_sources(text: str, tokens: Sequence[Token], lo: int, hi: int, L: LanguageLists,
                     language: str) -> list[tuple[int, str]]:
    """Whom the sentence tokens[lo:hi] attributes figures to, with the token where each is said:
    the words after "selon", "according to", "по данным", "وفق"; the subject of a reporting verb
    ("the ministry said", "la CGT revendique"), else the words after it (", a annoncé jeudi le
    ministère", "قالت الوزارة")."""
    out = []
    for f, e, verb in L.source_markers.scan(text, tokens, lo, hi):
        who = (verb and _subject(text, tokens, lo, f, L, language)) \
            or _phrase(text, tokens, e, hi, L, language)
        if who:
            out.append((f, who))
    return out


def source_for(sources: list[tuple[int, str]], k: int, figures: Sequence[int]) -> str | None:
    """The source said nearest before token k in its sentence, else the first one after it that
    ends the figures' run (", the ministry said"), not one that opens another figure's clause
    ("…, and the Red Crescent says more than 1,500")."""
    before = [who for f, who in sources if f <= k]
    if before:
        return before[-1]
    after = next(((f, who) for f, who in sources if f > k), None)
    if after and any(x > after[0] for x in figures):
        return None
    return after[1] if after else None


def agent(text: str, tokens: Sequence[Token], c0: int, q: int, L: LanguageLists,
          language: str) -> str | None:
    """Who does what the figure counts, when no one is cited: the named subject opening its
    clause right before its verb ("Police arrested three", "Qatar pledged $10 million", "The
    Iranian army has sent 3,000"). Latin and Cyrillic only: the capital marks the name."""
    v = q - 1
    if language not in ("fr", "en", "ru") or v <= c0 or not tokens[v].text.isalpha() \
            or tokens[v].text[:1].isupper():
        return None
    end = v
    while end > c0 and L.auxiliaries.match(text, tokens, end - 1):
        end -= 1
    k = c0
    while k < end and (L.coordinators.match(text, tokens, k) or L.determiners.match(text, tokens, k)):
        k += 1
    words, stops = tokens[k:end], _stop_words(language)
    if not 0 < len(words) <= 5 or not words[0].text[:1].isupper() \
            or tokens[v].text.lower() in stops \
            or any(t.text[0].isdigit() for t in words) \
            or any(t.text.lower() in stops and not L.fillers.match(text, tokens, i + k)
                   and not L.determiners.match(text, tokens, i + k)
                   for i, t in enumerate(words)):
        return None  # no named subject: "Chaque Canadair peut", "С огнём", "Italy and France"
    return text[words[0].start:words[-1].end]


def _segment(text: str, tokens: Sequence[Token], lo: int, f: int) -> int:
    """The first token of the comma-free run ending before token f (at most seven back)."""
    k = f
    while k > lo and f - k < 7 and not _PUNCT.search(text[tokens[k - 1].end:tokens[k].start]):
        k -= 1
    return k


def _phrase(text: str, tokens: Sequence[Token], e: int, hi: int, L: LanguageLists,
            language: str) -> str | None:
    """At most six words from token e to the next punctuation, number or date, days and
    determiners before them skipped; None when they open with a function word ("que", "إن")."""
    k = e
    while k < hi and (L.determiners.match(text, tokens, k) or L.periods.match(text, tokens, k)
                      or L.source_verbs.match(text, tokens, k)):  # "حسبما أفادت X"
        k += 1
    # function words end an Arabic or Russian source ("وزارة الداخلية في …") and cannot open one
    inner_stops = _stop_words(language) if language in ("ar", "ru") else frozenset()
    end = k
    while end < hi and end - k < 6 and not tokens[end].text[0].isdigit() \
            and not (end > k and _PUNCT.search(text[tokens[end - 1].end:tokens[end].start])) \
            and not (end > k and tokens[end].text.lower() in inner_stops) \
            and not L.periods.match(text, tokens, end) and not L.months.match(text, tokens, end):
        end += 1
    ended = end >= hi or _PUNCT.search(text[tokens[end - 1].end:tokens[end].start]) \
        or L.periods.match(text, tokens, end) or L.months.match(text, tokens, end)
    if end == k or tokens[k].text.lower() in inner_stops or not (ended or inner_stops):
        return None  # no phrase, or one running on into the figure ("said Ukraine had launched")
    appos = end  # "…, a précisé le porte-parole des pompiers, Yannis Kotsakis.": with the name
    while appos < min(hi, end + 4) and tokens[appos].text[:1].isupper() \
            and tokens[appos].text.isalpha():
        appos += 1
    if appos > end and re.fullmatch(r"\s*,\s*", text[tokens[end - 1].end:tokens[end].start]) \
            and (appos >= hi or _PUNCT.search(text[tokens[appos - 1].end:tokens[appos].start])):
        end = appos
    words = text[tokens[k].start:tokens[end - 1].end].strip(" '’")
    return re.sub(r"^ل(?:ـ)?\s*(?=\w)", "", words) or None


def _subject(text: str, tokens: Sequence[Token], lo: int, f: int, L: LanguageLists,
             language: str) -> str | None:
    """The words opening the clause that ends at token f (a verb), determiners and clitics out."""
    k = _segment(text, tokens, lo, f)
    if k == f and f > lo and re.fullmatch(r"\s*,\s*", text[tokens[f - 1].end:tokens[f].start]):
        # "…, Oleksiy Marchenko, said" / "Sami Ben Romdhane, who leads New Tunisia, said": the
        # named words of a parenthesis before the verb (a clause of its own names no one)
        end = f
        for _ in range(2):
            k = _segment(text, tokens, lo, end - 1)
            content = [t for i, t in enumerate(tokens[k:end], k)
                       if not L.determiners.match(text, tokens, i)
                       and not L.fillers.match(text, tokens, i)]
            if content and len(content) <= 5 and content[0].text[:1].isupper() \
                    and sum(not t.text[:1].isupper() for t in content) <= 1:
                f = end
                break
            end = k
        else:
            return None
    while k < f and (L.determiners.match(text, tokens, k) or L.coordinators.match(text, tokens, k)):
        k += 1
    end = f
    while end > k and (L.auxiliaries.match(text, tokens, end - 1)
                       or L.clitics.match(text, tokens, end - 1)):
        end -= 1
    if end <= k or f - k >= 7 or any(t.text[0].isdigit() for t in tokens[k:end]) \
            or all(t.text.lower() in _stop_words(language) for t in tokens[k:end]):
        return None  # no subject, a long one, or a pronoun ("he said")
    return text[tokens[k].start:tokens[end - 1].end]
