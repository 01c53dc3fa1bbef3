"""Figures in one paragraph — any quantity stated about the world, with its unit and source."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.analysis.figure_context import (
    agent,
    bare_article,
    counted_noun,
    sentence_sources,
    source_for,
)
from app.analysis.figure_metrics import CLAUSE as _CLAUSE
from app.analysis.figure_metrics import Reading as _Reading
from app.analysis.figure_metrics import measured as _measured
from app.analysis.figure_metrics import topic_fits as _topic_fits
from app.analysis.figure_metrics import unlisted
from app.analysis.figure_vocabulary import FigureVocabulary, LanguageLists, load_figure_vocabulary
from app.analysis.lemmas import noun_lemma, with_lemmas
from app.analysis.lexicon import DIGITS, Token, tokenize
from app.analysis.numerals import NumberSpan, find_numbers
from app.analysis.seeds import SEEDS_DIR

__all__ = [  # the vocabulary, the seeds folder and number reading are re-exported for callers
    "QUALIFIERS", "SEEDS_DIR", "Figure", "FigureVocabulary", "NumberSpan", "find_figures",
    "find_numbers", "load_figure_vocabulary", "period_key",
]

QUALIFIERS = ("exact", "about", "at_least", "at_most", "more_than", "less_than", "tens_of",
              "hundreds_of", "thousands_of", "millions_of")
_SENTENCE = re.compile(r"[.!?;:؟؛]")
_WINDOW = 18  # how far after a number its verb may come, in words
# a period after a short word and before a lower-case one closes an abbreviation, no sentence
_ABBREVIATION = re.compile(r"(?<![^\W\d_])([^\W\d_]{1,6})\.(?=\s+[^\W\d_])(?=\s+(?-i:[^\W\d_A-ZА-ЯЁ]))")
_SINCE = 8  # how far before a day or date "since" may open its span, in words


@dataclass(frozen=True, slots=True)  # slots: a long article holds tens of thousands
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
    approximate: bool = False  # a vague amount: value..value_high is its order of magnitude
    unit: str | None = None  # people, tonnes, km, magnitude, a currency code, percent...
    source: str | None = None  # who it is attributed to: "le ministère de la santé"


def find_figures(paragraph_index: int, text: str, *, language: str, vocab: FigureVocabulary,
                 contexts: frozenset[str] = frozenset()) -> list[Figure]:
    """Counted figures of one paragraph: a number, what it counts, of whom, when, how hedged.
    `contexts`: the concepts whose setting the article names (an outbreak: see `settings`)."""
    text = _ABBREVIATION.sub(lambda m: m[1] + " ", text)  # "66 тыс. мигрантов" is one sentence
    L, tokens = vocab.lang(language), tokenize(text)
    nums = find_numbers(text, language=language, vocab=vocab, tokens=tokens)
    code = L.codes[0] if len(L.codes) == 1 else ""
    surface, tokens = tokens, with_lemmas(tokens, code)  # each token also matching its lemma
    plain = text.translate(DIGITS)
    gaps = [""] + [plain[tokens[j - 1].end:tokens[j].start] for j in range(1, len(tokens))]
    stops = [j for j, g in enumerate(gaps) if not j or _SENTENCE.search(g)]
    clauses = [j for j, g in enumerate(gaps) if not j or _CLAUSE.search(g)]
    rows: list[_Reading] = []
    for i, n in enumerate(nums):
        if n.kind in ("count", "weak", "year") and not (
                n.first and L.identifiers.match(text, tokens, n.first - 1)) and not any(
                L.not_counts.match(text, tokens, k) for k in range(max(0, n.first - 4), n.first)
                if not any(_CLAUSE.search(gaps[x]) for x in range(k + 1, n.first + 1))):
            # "article 49", "l'âge de 64 ans", "the retirement age from 64 to 65"
            # "une attaque" is no count of attacks: a word like "un" counts only by a listed
            # form, not by any form of a listed word
            rows.append(_read(text, tokens if n.kind == "count" else surface, L, nums, i, stops,
                              rows, code, contexts))
    for r, row in enumerate(rows):  # "154 interpellées, dont 63 à Paris": a part of the one before
        before = [k for k in range(max(0, row.qstart - 3), row.qstart)
                  if (m := L.parts.match(text, tokens, k)) and m[0] == row.qstart]
        after = L.parts.match(text, tokens, row.n.last + 1)  # "63 of them", "один из них"
        if after and r + 1 < len(rows) and rows[r + 1].qstart - after[0] <= 1:
            after = None  # "1,120,000, including 87,000": the part is the next number
        prev = next((p for p in reversed(rows[:r]) if p.metric), None)
        if before and r and rows[r - 1].metric is None:
            prev = None  # the part of a count not read yet: the count of like size, below
        kind = row.via == "noun" and prev and prev.metric in L.metric_unit and (
            row.metric not in L.metric_unit  # "22 rescued, dont quatre mineurs": a kind of
            or row.metric in L.who and prev.metric not in L.who)  # the rescued; "16 morts,
        if (row.metric is None or kind) and prev and (before or after):  # dont trois pompiers"
            row.metric, row.via, row.unit = prev.metric, "part", prev.unit
    for r, row in enumerate(rows):  # "18 policiers et 36 manifestants ont été tués"
        nxt = rows[r + 1] if r + 1 < len(rows) else None
        if row.metric is None and row.n.kind == "count" and nxt and nxt.via == "verb" \
                and _coordinated(text, tokens, L, row.n.last + 1, nxt.n.first):
            row.metric, row.via, row.mfirst = nxt.metric, "shared", row.n.last + 1
            row.mend = row.mfirst
    for r, row in enumerate(rows):  # "62 of the 161 seats", "26 des 161 élus": the whole's noun
        nxt = rows[r + 1] if r + 1 < len(rows) else None
        out_of = L.out_of.match(text, tokens, row.n.last + 1)
        if row.metric is None and nxt and nxt.metric and out_of and out_of[0] == nxt.qstart:
            row.metric, row.via, row.unit = nxt.metric, "part", nxt.unit
            end = min([c for c in clauses if c > nxt.mend] + [len(tokens)])
            said = [v for j in range(nxt.mend, end) if (v := L.verbs.match(text, tokens, j))]
            if said and L.metric_unit.get(nxt.metric) == "people" == L.metric_unit.get(said[-1][1]):
                row.metric, row.via, row.unit = said[-1][1], "verb", None  # "trois des cinq
                # marins portés disparus ont été retrouvés sans vie": what happened to the part
    for r, row in enumerate(rows):  # "1 120 000, dont 87 000 à Paris": the count before's metric
        same = [(abs(math.log10(max(abs(p.n.value), 1)) - math.log10(max(abs(row.n.value), 1))),
                 -k, p) for k, p in enumerate(rows[:r]) if p.metric and p.unit == row.unit]
        prev = min(same, key=lambda e: e[:2])[2] if same else None  # the count of like size
        if row.metric is None and row.n.kind == "count" and prev:
            row.metric, row.via, row.unit = prev.metric, "part", prev.unit
    for r, row in enumerate(rows):  # "… 28.7% of teachers were on strike, while the union put
        prev = next((p for p in reversed(rows[:r]) if p.metric), None)  # the figure at 60%"
        told = [k for k in range(max(0, row.qstart - 6), row.qstart)
                if (m := L.restates.match(text, tokens, k)) and m[0] == row.qstart]
        if told and prev and (prev.unit or "people") == (row.unit or "people"):
            row.metric, row.via = prev.metric, "part"
    sources: dict[int, list[tuple[int, str]]] = {}
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
        s1 = min([s for s in stops if s > n.last] + [len(tokens)])
        if s0 not in sources:
            sources[s0] = sentence_sources(text, tokens, s0, s1, L, code)
        unit = row.unit or L.metric_unit.get(row.metric) or "count"
        out.append(Figure(paragraph_index, start, n.end, text[start:n.end], row.metric, n.value,
                          n.value_high, row.qualifier, pop or None,
                          _period(text, tokens, L, nums, c0, c1), update,
                          row.qualifier.endswith("_of") and n.value_high is not None, unit,
                          source_for(sources[s0], n.first, [r.n.first for r in rows
                                                            if r.metric and s0 <= r.n.first < s1])
                          or agent(text, tokens, c0, row.qstart, L, code)))
    return out


def settings(paragraphs: Sequence[str], *, language: str, vocab: FigureVocabulary
             ) -> frozenset[str]:
    """The concepts whose setting an article names ("épidémie", "outbreak", "تفشي": infected):
    in such an article their context nouns count them ("٩٬٨٢٠ إصابة" are cases, not injuries)."""
    L = vocab.lang(language)
    return frozenset(k for p in paragraphs for _, _, k in L.contexts.scan(p, tokenize(p)))


def _read(text: str, tokens: Sequence[Token], L: LanguageLists, nums: Sequence[NumberSpan], i: int,
          stops: list[int], rows: list[_Reading], code: str,
          contexts: frozenset[str] = frozenset()) -> _Reading:
    """The metric of number i: a noun right after it, a lead phrase right before, a verb later in
    its clause, or the lead of the number it is coordinated with ("la mort de 18 … et de 36")."""
    n = nums[i]
    sent_start = max(s for s in stops if s <= n.first)
    sent_end = min([s for s in stops if s > n.last] + [len(tokens)])
    stop = min([m.first for m in nums[i + 1:] if m.kind != "weak"]  # "Four members of one
               + [sent_end, n.last + 1 + _WINDOW])  # family died"
    lo = max([m.last + 1 for m in nums[:i]] + [sent_start])
    row = _Reading(n, None, "", n.last + 1, n.last + 1, n.first, n.qualifier, n.unit)
    for s in range(n.first - 1, max(lo, n.first - 5) - 1, -1):
        m = L.qual_before.match(text, tokens, s)
        if m and m[0] == n.first and (row.qualifier == "exact" or row.qstart < n.first):
            row.qualifier, row.qstart = m[1], s  # the longest: "ما لا يقل عن", "не менее"
    if row.qstart < n.first and any(  # "handed over 40": the word is the lead's, no hedge
            (m := L.lead.match(text, tokens, s)) and m[0] == n.first
            for s in range(max(lo, row.qstart - 3), row.qstart)):
        row.qualifier, row.qstart = n.qualifier, n.first
    a = n.last + 1
    m = L.qual_after.match(text, tokens, a)
    if m and m[0] <= stop:
        row.qualifier, a = (m[1] if row.qualifier == "exact" else row.qualifier), m[0]
    row.mfirst = row.mend = a
    if n.unit:
        return _measured(text, tokens, L, row, sent_start, sent_end, code)
    j = a
    while j < min(stop, a + 2) and L.fillers.match(text, tokens, j):
        j += 1
    m = L.nouns.match(text, tokens, j) if j < len(tokens) and not _CLAUSE.search(
        text[tokens[j - 1].end:tokens[j].start]) else None
    if contexts and j < len(tokens):
        here = L.context_nouns.match(text, tokens, j)
        m = here if here and here[1] in contexts and (not m or here[0] >= m[0]) else m
    if not m and code == "ar" and n.first:
        at = n.first - 1 if bare_article(tokens[n.first - 1].text) else n.first  # "الـ٢٦"
        before = next((e for e in L.nouns.scan(text, tokens, max(lo, at - 3), at)
                       if e[1] == at), None)  # "المقاعد الـ٥٨": the noun before its number
        if before:
            row.metric, row.via = before[2], "noun"
            return row
    for extra in (1, 2):  # "15 aerial drones": a concept after an adjective or two (en, ru)
        if m or code not in ("en", "ru") or j + extra >= sent_end or any(
                _CLAUSE.search(text[tokens[k - 1].end:tokens[k].start])
                or not tokens[k].text.isalpha() or tokens[k].text[:1].isupper()
                or counted_noun(tokens[k].text, code) is None  # "hundreds as homes": no
                or any(lex.match(text, tokens, k) for lex in (L.verbs, L.auxiliaries,
                                                              L.coordinators, L.fillers))
                for k in range(j, j + extra + 1)):
            break
        m = L.nouns.match(text, tokens, j + extra)
        j = j + extra if m else j
    whole = L.out_of.match(text, tokens, a) if not m and a < sent_end else None
    for k in range(whole[0], min(whole[0] + 3, sent_end)) if whole else ():
        m = L.nouns.match(text, tokens, k)  # "3,150 of the suspected cases": a part of the
        if m:  # cases, counted as they are (never set against their whole: numeric_conflicts)
            row.metric, row.via = m[1], "part"
            if m[1] in L.who:  # "23 of the prisoners it released", "deux des six ouvriers
                end = next((j for j in range(m[0], sent_end)  # portés disparus ont été
                            if _CLAUSE.search(text[tokens[j - 1].end:tokens[j].start])), sent_end)
                said = [v for j in range(m[0], end) if (v := L.verbs.match(text, tokens, j))]
                row.metric = said[-1][1] if said else row.metric  # retrouvés sans vie": the
            return row  # kind of people yields to what happened to them, said last
    named = m if m and m[0] <= sent_end else None
    generic = bool(named) and bool(L.populations.match(text, tokens, j)
                                   or L.generic.match(text, tokens, j))
    if named and not generic and named[1] not in L.who:
        row.metric, row.via, row.mfirst, row.mend = named[1], "noun", j, named[0]
        return row
    if n.kind != "count" or named:  # "un", a year: only with a noun right after; "36
        clause = next((k for k in range(a + 1, stop)  # a comma going on with a list goes on
                       if _CLAUSE.search(text[tokens[k - 1].end:tokens[k].start])
                       and not L.fillers.match(text, tokens, k)), stop)
        found = _verb_or_lead(text, tokens, L, rows, row, lo, clause, a,
                              topics=named[1] not in L.who) if named else row
        # "36 manifestants" counts protesters unless a verb or a lead says what happened to
        # them ("ont été blessés"); a kind of people named by its own word stays itself doing
        # what its kind does ("12 000 grévistes se sont rassemblés"), not a word for anyone
        # ("millions of workers walked off the job")
        if named and (found.metric in (None, named[1]) or named[1] in L.who
                      and found.metric in L.who and not generic):
            row.metric, row.via, row.mfirst, row.mend = named[1], "noun", j, named[0]
        return row
    blank = replace(row)
    row = _verb_or_lead(text, tokens, L, rows, row, lo, stop, a)
    guess = unlisted(text, tokens, L, replace(blank), j, lo, sent_end, code)
    if row.via in ("verb", "lead") and L.metric_unit.get(row.metric) == "count" \
            and guess.metric and guess.unit == "count":
        return guess  # "two ships were damaged", "détruit sept embarcations" count ships and
        # boats, not the buildings of the verb
    if row.metric and row.metric not in L.verbs_count_things:
        return row
    if guess.metric and guess.unit == "people":
        said = _predicate(text, tokens, L, guess.mend, sent_end)
        if said:  # "40,000 people were homeless": the concept the predicate names
            row.metric, row.via = said, "verb"
            return row
    if row.metric and guess.unit != "count":
        return row
    return guess if guess.metric else row  # "deployed 28 aircraft" counts aircraft


def _verb_or_lead(text: str, tokens: Sequence[Token], L: LanguageLists, rows: list[_Reading],
                  row: _Reading, lo: int, stop: int, a: int, topics: bool = True) -> _Reading:
    """The metric a lead before the number, a verb later in its clause, a topic earlier in the
    sentence, a verb further on or the lead of the number it is coordinated with names: what
    happened to those counted is said closest to them ("Selon le bilan, 30 personnes sont
    portées disparues" counts the missing)."""
    n = row.n
    subject = 3 if L.codes == ["ar"] else 1  # Arabic puts the verb before its subject: "أنقذ
    for s in range(row.qstart - 1, max(lo, row.qstart - 6) - 1, -1):  # خفر السواحل أكثر من ألفي"
        m = L.lead.match(text, tokens, s)
        if m and row.qstart - subject <= m[0] <= row.qstart and not any(
                _CLAUSE.search(text[tokens[k - 1].end:tokens[k].start])
                or L.coordinators.match(text, tokens, k)  # "detained and 22 officers injured":
                for k in range(m[0], row.qstart)) and (m[0] == row.qstart  # the lead's own count
                                                       or _topic_fits(L, m[1], n)):
            row.metric, row.via = m[1], "lead"
            return row
    clause = next((k for k in range(a, stop) if _CLAUSE.search(
        text[tokens[k - 1].end:tokens[k].start]) or L.subordinators.match(text, tokens, k)), stop)
    for j in range(a, clause):
        m = L.verbs.match(text, tokens, j)
        if m:
            row.metric, row.via, row.mfirst, row.mend = m[1], "verb", j, m[0]
            return row
    for s in range(row.qstart - 1, lo - 1 if topics else row.qstart - 1, -1):  # "the death
        # toll … 19": from the sentence or the number before on ("Число погибших в результате
        # столкновения … выросло до 29")
        m = L.topics.match(text, tokens, s)
        if m and m[0] <= row.qstart and _topic_fits(L, m[1], n):
            row.metric, row.via = m[1], "topic"
            return row
    for j in range(a, stop):
        m = L.verbs.match(text, tokens, j)
        if m and m[0] == stop < len(tokens) and not _CLAUSE.search(
                text[tokens[stop - 1].end:tokens[stop].start]):
            break  # the verb of the next number ("… пытались прорваться, задержаны 17")
        if m:
            row.metric, row.via, row.mfirst, row.mend = m[1], "verb", j, m[0]
            return row
    for j in range(row.qstart - 1, max(lo, row.qstart - 3) - 1, -1):  # "fled by the thousands"
        m = L.verbs.match(text, tokens, j)
        if m and m[0] == row.qstart:
            row.metric, row.via = m[1], "lead"
            return row
    prev = next((r for r in reversed(rows) if r.metric), None)
    if prev and prev.via == "lead" and prev.mend >= lo - 1 \
            and _coordinated(text, tokens, L, prev.n.last + 1, n.first):
        row.metric, row.via = prev.metric, "lead"
        row.qualifier = prev.qualifier if row.qualifier == "exact" else row.qualifier
        return row
    return row


def _predicate(text: str, tokens: Sequence[Token], L: LanguageLists, k: int, end: int
               ) -> str | None:
    """The concept a noun names after the auxiliaries that follow a word for people ("people
    were homeless", "personnes sont sans abri"), or None."""
    start = k
    while k < end and k - start < 3 and L.auxiliaries.match(text, tokens, k):
        k += 1
    m = L.nouns.match(text, tokens, k) if start < k < end else None
    return m[1] if m and L.metric_unit.get(m[1]) == "people" else None


def _coordinated(text: str, tokens: Sequence[Token], L: LanguageLists, lo: int, hi: int) -> bool:
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


def _population(text: str, tokens: Sequence[Token], L: LanguageLists, lo: int, hi: int,
                surface: bool) -> str:
    """Whom the number counts, named between it and its metric: a label, the words, or ''."""
    for f, _, label in L.populations.scan(text, tokens, lo, hi):
        if all(L.fillers.match(text, tokens, k) for k in range(lo, f)):  # not "… as rescuers"
            return label
        break
    words: list[int] = []
    for k in range(lo, hi if surface else lo):
        if not words and L.fillers.match(text, tokens, k):
            continue
        if any(lex.match(text, tokens, k) for lex in (L.auxiliaries, L.coordinators, L.nouns,
                                                       L.verbs, L.units)) \
                or (k > lo and _CLAUSE.search(text[tokens[k - 1].end:tokens[k].start])):
            break
        words.append(k)
    code = L.codes[0] if len(L.codes) == 1 else ""
    if not any(noun_lemma(tokens[k].text, code) for k in words):
        return ""  # "9,480 suspected cases", "15 aerial drones": a kind of case, no group
    return text[tokens[words[0]].start:tokens[words[-1]].end] if 0 < len(words) <= 4 else ""


def _period(text: str, tokens: Sequence[Token], L: LanguageLists, nums: Sequence[NumberSpan],
            lo: int, hi: int) -> str | None:
    """The first day, date or period named in the figure's clause."""
    spans = []

    def since(f: int) -> int:
        """Where a span opened by "depuis", "since", "منذ" starts, when one opens shortly before
        token f ("since the outbreak was declared on 28 July" is no one day), else f."""
        return next((s for s in range(max(lo, f - _SINCE), f) if L.since.match(text, tokens, s)
                     and not any(lo <= m.first and s < m.first < f for m in nums)), f)

    for f, e, _ in L.periods.scan(text, tokens, lo, hi):
        spans.append((tokens[since(f)].start, tokens[e - 1].end))
    for n in nums:
        if n.kind == "date" and lo <= n.first < hi:
            after = L.months.match(text, tokens, n.last + 1)
            before = L.months.match(text, tokens, n.first - 1) if n.first else None
            first = n.first - 1 if before and before[0] == n.first else n.first
            spans.append((tokens[since(first)].start if since(first) < first else
                          tokens[first].start if first < n.first else n.start,
                          tokens[after[0] - 1].end if after else n.end))
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
