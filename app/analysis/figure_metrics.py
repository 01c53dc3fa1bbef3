"""What a number counts when its unit or a noun outside the metric vocabulary says it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.analysis.figure_context import counted_noun
from app.analysis.figure_vocabulary import LanguageLists
from app.analysis.lemmas import is_modifier, noun_lemma
from app.analysis.lexicon import Token
from app.analysis.numerals import NumberSpan

CLAUSE = re.compile(r"[.!?;:؟؛,،()—–]|\s-\s")


@dataclass
class Reading:
    """What a number was found to count, and how (noun, verb, lead, shared)."""

    n: NumberSpan
    metric: str | None
    via: str
    mfirst: int  # the metric's tokens
    mend: int
    qstart: int  # first token of the figure, its qualifier included
    qualifier: str
    unit: str | None = None  # a measure or a currency code; else the metric's unit


def unlisted(text: str, tokens: Sequence[Token], L: LanguageLists, row: Reading, j: int, lo: int,
             sent_end: int, code: str) -> Reading:
    """A counted noun outside the vocabulary is its own metric: "12 navires" → navire (count),
    "300 enseignants" → enseignant (people when a population word)."""
    n = row.n
    if j < sent_end - 1 and tokens[j].text[:1].isupper() and n.first and (  # "two Canadair
            not tokens[j + 1].text[:1].isupper()):  # planes": a name before the counted noun
        j += 1
    named_before = n.first and n.first - 1 > lo and tokens[n.first - 1].text[:1].isupper()
    noun = counted_noun(tokens[j].text, code) if j < sent_end and j < len(tokens) \
        and not named_before and not CLAUSE.search(text[tokens[j - 1].end:tokens[j].start]) \
        else None  # "Sfax 2 constituency" is a name
    j0 = j
    if noun and code == "en":  # the head ends an English noun phrase: "port workers",
        k = j  # "water-bombing aircraft", "masked individuals" (a Russian one opens it: "восьми
        # шахтах компании" counts mines, its adjectives come before: see below)
        while k + 1 < min(sent_end, j + 3) and tokens[k + 1].text.isalpha() \
                and not tokens[k + 1].text[:1].isupper() \
                and not CLAUSE.search(text[tokens[k].end:tokens[k + 1].start]) \
                and counted_noun(tokens[k + 1].text, code) \
                and not any(lex.match(text, tokens, k + 1) for lex in (L.verbs, L.auxiliaries)):
            k += 1
        j, noun = k, counted_noun(tokens[k].text, code)
    if noun and code == "ru":  # "140 жилых домов": the noun after its adjectives
        while j + 1 < sent_end and is_modifier(tokens[j].text, code) \
                and not noun_lemma(tokens[j].text, code):
            j += 1
    if noun and code in ("fr", "ru", "ar"):  # English says "300 quarantined": a participle
        noun = noun_lemma(tokens[j].text, code)  # right after a number counts
    if noun and not any(lex.match(text, tokens, j) for lex in (
            L.auxiliaries, L.coordinators, L.months, L.periods, L.parts, L.sources)):
        person = L.populations.match(text, tokens, j)
        row.metric, row.via, row.mfirst, row.mend = compound(text, tokens, j0, j, noun, code), \
            "noun", j, j + 1
        row.unit = "people" if person else "count"  # "12 navires" → navire
    return row


def compound(text: str, tokens: Sequence[Token], j0: int, j: int, noun: str, code: str) -> str:
    """A compound noun is the metric, as the reader names the thing: English nouns before the
    head, joined by spaces ("polling stations" → "polling station"; "water-bombing aircraft" and
    "masked individuals" keep their head); French "N de N" without an article ("bureaux de vote"
    → "bureau de vote")."""
    if code == "en" and j > j0 and all(text[tokens[i].end:tokens[i + 1].start] == " "
                                       for i in range(j0, j)) \
            and not any(tokens[i].text.lower().endswith("ed") for i in range(j0, j)):
        return " ".join([t.text.lower() for t in tokens[j0:j]] + [noun])
    if code == "fr" and j + 2 < len(tokens) and tokens[j + 1].text.lower() == "de" \
            and text[tokens[j].end:tokens[j + 1].start] == " " \
            and text[tokens[j + 1].end:tokens[j + 2].start] == " " \
            and tokens[j + 2].text.isalpha() and tokens[j + 2].text.islower() \
            and counted_noun(tokens[j + 2].text, code):
        return f"{noun} de {tokens[j + 2].text}"
    return noun


def topic_fits(L: LanguageLists, metric: str, n: NumberSpan) -> bool:
    """A number without a unit is counted by people or things; a measure named in its sentence
    only takes one written with decimals within the measure's bounds (a magnitude of 6.0, not a
    toll of 88)."""
    bounds = L.metric_bounds.get(metric)
    if L.metric_unit.get(metric) in ("people", "count"):
        return True
    return bool(bounds) and bounds[0] <= n.value <= bounds[1] and bool(re.search(r"\d\D\d", n.text))


def fits_unit(L: LanguageLists, metric: str, kind: str | None) -> bool:
    """Whether a figure in this kind of unit can be of this concept: money only of a concept
    counted in money ("20 000 livres à chaque blessé" is no count of the injured); another
    unit, of a concept stated in it or a count of people or things ("120 tonnes d'aide")."""
    units = L.metric_units.get(metric, set())
    if kind == "money":
        return "money" in units
    return bool(units & {kind, "people", "count"})


def percent_of(L: LanguageLists, key: str) -> str:
    """What a percentage of a concept is: its own percent concept ("11 % des électeurs" ->
    turnout), else the concept ("30 % des vols annulés")."""
    return L.metric_percent.get(key, key)


def measured(text: str, tokens: Sequence[Token], L: LanguageLists, row: Reading,
              sent_start: int, sent_end: int, code: str) -> Reading:
    """A number with a unit: the concept of the noun after its unit ("de blé", "d'aide"), else a
    concept of that unit named in its sentence ("profondeur", "chômage"), else the unit's own."""
    n, money = row.n, (row.unit or "").isupper()
    kind = "money" if money else row.unit
    after = max(n.unit_end, n.last + 1)
    j = after + (1 if L.fillers.match(text, tokens, after) else 0)
    m = L.nouns.match(text, tokens, j) if j < sent_end else None
    if m and fits_unit(L, m[1], kind):
        row.metric, row.via = m[1], "noun"
        if kind == "percent":  # "28 % des cas" says not what share of the cases it counts
            row.metric = "share" if L.generic.match(text, tokens, j) else percent_of(L, m[1])
        return row
    if kind == "percent":  # "28,7 % des enseignants étaient en grève"
        clause_end = next((k for k in range(after, sent_end)
                           if CLAUSE.search(text[tokens[k - 1].end:tokens[k].start])), sent_end)
        for _, _, key in L.verbs.scan(text, tokens, after, clause_end):
            row.metric, row.via = percent_of(L, key), "verb"
            return row
    if j > after and j < sent_end and kind != "money":  # "5,000 tonnes of rice", "40 tonnes
        here = L.topics.match(text, tokens, j)  # d'aide": what the unit measures, named after it
        if here and kind in L.metric_units.get(here[1], ()):
            row.metric, row.via = here[1], "noun"
            return row
        goods = noun_lemma(tokens[j].text, code) if not L.sources.match(text, tokens, j) \
            and counted_noun(tokens[j].text, code) else None
        if goods and not L.unit_metric.get(row.unit or ""):
            row.metric, row.via = goods, "unit"
            return row
    c0 = max([k for k in range(sent_start + 1, n.first + 1)
              if CLAUSE.search(text[tokens[k - 1].end:tokens[k].start])] + [sent_start])
    c1 = next((k for k in range(after, sent_end)
               if CLAUSE.search(text[tokens[k - 1].end:tokens[k].start])), sent_end)
    near = sorted((abs(f - n.first) + (0 if f < n.first else 0.5), key)  # the nearest in its
                  for f, _, key in L.topics.scan(text, tokens, c0, c1)  # clause, before first
                  if kind in L.metric_units.get(key, ()))
    if not near and kind in ("money", "percent"):  # "Ущерб, по оценкам страховщиков,
        near = sorted((n.first - f, key) for f, _, key in L.topics.scan(  # составит десятки
            text, tokens, sent_start, n.first) if kind in L.metric_units.get(key, ()))  # миллионов
        # евро", "Явка, по данным ISIE, составила 30,08%": money or a percentage names what it
        # measures anywhere earlier in its sentence
    if near:
        row.metric, row.via = near[0][1], "topic"
        return row
    for k in range(max(sent_start, row.qstart - 3), row.qstart if kind == "percent" else 0):
        m = L.verbs.match(text, tokens, k) or L.lead.match(text, tokens, k)  # "бастовали 28,7%
        if m and m[0] == row.qstart:  # учителей": the verb first
            row.metric, row.via = percent_of(L, m[1]), "lead"
            return row
    noun = noun_lemma(tokens[j].text, code) if j < sent_end and not L.sources.match(
        text, tokens, j) and not L.source_verbs.match(text, tokens, j) \
        and counted_noun(tokens[j].text, code) else None
    row.metric = L.unit_metric.get(row.unit or "") or noun or ("amount" if money else row.unit)
    row.via = "unit"
    return row
