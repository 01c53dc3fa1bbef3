"""Where and when a figure holds: a part named by its whole, another year's event, the place
its sentence names (numeric_conflicts compares figures of one scope only)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from app.analysis.actors.gazetteer import LANGUAGES as GAZETTEER_LANGUAGES
from app.analysis.actors.gazetteer import gazetteer
from app.analysis.actors.matching import tokenize as name_tokens
from app.analysis.actors.russian import lemma_tokens
from app.analysis.analysed_article import AnalysedArticle
from app.analysis.figure_vocabulary import LanguageLists
from app.analysis.figures import Figure
from app.analysis.lexicon import DIGITS, tokenize
from app.analysis.relatedness import place_key

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ATTRIBUTE = re.compile(r"-[^\W\d_A-ZА-ЯЁ]")  # a name joined to a word after it: "Geneva-based"


def of_a_whole(text: str, end: int, L: LanguageLists) -> bool:
    """"62 of the 161 seats", "3,150 of the suspected cases": a part, named by its whole."""
    tail = text[end:end + 40]
    return bool(L.out_of.match(tail, tokenize(tail), 0)) and not re.match(r"\s*[.,;:]", tail)


def per_unit(text: str, end: int, L: LanguageLists) -> bool:
    """An amount for each person, family or span of time ("5 millions de dinars à chaque
    famille", "480,000 tenge a month", "١٠٠ ألف جنيه لكل أسرة"): a rate, no total. Its marker
    follows the number within its clause, a few words on."""
    tail = re.split(r"[.;:!?؟؛()]|,\s", text[end:end + 60])[0]
    tokens = tokenize(tail)
    return any(L.per.match(tail, tokens, k) for k in range(min(len(tokens), 6)))


def running_total(sentence: str, L: LanguageLists) -> str | None:
    """'since:span' for a count its sentence says runs since a year or a span longer than one
    event ("since the start of the war", "с начала года", "depuis 2022", "منذ بداية الأزمة"): a
    running total, compared with such totals only, never with one event's count. A date the
    event began ("since the outbreak was declared on 28 July") is no span."""
    tokens = tokenize(sentence)
    for k in range(len(tokens)):
        if not L.since.match(sentence, tokens, k):
            continue
        if any(L.long_spans.match(sentence, tokens, j) or _YEAR.fullmatch(tokens[j].text.translate(DIGITS))
               for j in range(k + 1, min(k + 6, len(tokens)))):
            return "since:span"  # a month is no such span: "a 15% raise from January"
    return None


def other_year(period: str | None, now: datetime | None) -> str | None:
    """'year:2017' for a period naming a year other than the article's ("en novembre 2017"): a
    figure of another event, compared only with figures of that year."""
    years = [int(y) for y in _YEAR.findall((period or "").translate(DIGITS))]
    return f"year:{years[0]}" if years and (now is None or years[0] != now.year) else None


def place_of(art: AnalysedArticle, f: Figure, setting: set[str]) -> str | None:
    """The place named in the figure's sentence, if any and not where the whole story happens:
    the count may be for it alone."""
    text = art.paragraphs[f.paragraph]
    a = max(text.rfind(c, 0, f.start) for c in ".;!?") + 1
    b = min([i for i in (text.find(c, f.end) for c in ".;!?") if i >= 0] + [len(text)])
    return next((key for m in art.mentions if m.paragraph == f.paragraph and a <= m.start < b
                 and not _ATTRIBUTE.match(text, m.end)  # "a Geneva-based charity" is no scope
                 for name, kind in [place_name(art, m)] if kind == "place"
                 and (key := place_key(name)) not in setting), None)


def place_name(art: AnalysedArticle, m) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(name, kind) of a mention as the gazetteer (GeoNames, CLDR) names the place in every
    script: "Athènes", "Афин", "أثينا" -> "Athens"; else its actor and kind. The actors of two
    scripts may stay apart, and a skeleton does not bridge every spelling (Athens / Афины)."""
    surface = art.paragraphs[m.paragraph][m.start:m.end]
    if m.kind not in ("place", "country") or art.language not in GAZETTEER_LANGUAGES:
        return m.actor, m.kind
    tokens = name_tokens(surface)
    tokens = lemma_tokens(tokens) if art.language == "ru" else tokens
    hit = gazetteer(art.language).match(surface, tokens, 0) if tokens else None
    if hit and hit[0] == len(tokens) and hit[2].kind in ("place", "country"):
        return hit[2].name, hit[2].kind
    return m.actor, m.kind


def story_setting(arts: Sequence[AnalysedArticle]) -> set[str]:
    """The places and countries every article names, in any script: where the story happens."""
    if len(arts) < 2:
        return set()
    return set.intersection(*({place_key(place_name(a, m)[0]) for m in a.mentions
                               if m.kind in ("place", "country")} for a in arts))
