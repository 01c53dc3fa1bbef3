"""Where and when a figure holds: a part named by its whole, another year's event, the place
its sentence names (numeric_conflicts compares figures of one scope only)."""

from __future__ import annotations

import re
from datetime import datetime

from app.analysis.analysed_article import AnalysedArticle
from app.analysis.figure_vocabulary import LanguageLists
from app.analysis.figures import Figure
from app.analysis.lexicon import DIGITS, tokenize
from app.analysis.relatedness import place_key

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def of_a_whole(text: str, end: int, L: LanguageLists) -> bool:
    """"62 of the 161 seats", "3,150 of the suspected cases": a part, named by its whole."""
    tail = text[end:end + 40]
    return bool(L.out_of.match(tail, tokenize(tail), 0)) and not re.match(r"\s*[.,;:]", tail)


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
    return next((key for m in art.mentions if m.paragraph == f.paragraph and m.kind == "place"
                 and (key := place_key(m.actor)) not in setting and a <= m.start < b), None)
