"""Agreement: the claims of two articles that report one statement or one figure.

A statement matches when the same speaker says it in both: in two versions of one text (a copy,
an edit, a translation) the statements of aligned paragraphs; otherwise, in one language, the
statement whose words are the closest (words all the story's statements use weigh little). A
figure matches one of the same metric, unit, amount, population and period, whose source is
not another actor."""

from __future__ import annotations

import functools
import importlib
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import snowballstemmer

from app.analysis.align import ArticleText, align_paragraphs, version_bound, version_score
from app.analysis.lemmas import lemma
from app.analysis.lexicon import tokenize
from app.analysis.relatedness import VERSION, skeleton

VERSION_FOR_CLAIMS = VERSION - 0.15  # aligned paragraphs (each pair scored too) carry statements
WORDING = 0.45  # weighted word overlap from which two statements of one speaker are one statement
_TOLERANCE = 1e-6  # one amount written two ways (1.2 million, 1 200 000); 1,412 is not "1.4 thousand"
_ALIGNED = 0.5  # a paragraph pair scored this well is one passage (align's own threshold)
_BONE = 5  # consonants from which one skeleton in two scripts is one name, not a coincidence
_TELLING = 10  # an amount from which one value in two articles is rarely a coincidence
_MIN_WORDS = 3  # a statement of fewer content words says too little to be recognised elsewhere
_SNOWBALL = {"fr": "french", "en": "english", "ar": "arabic", "ru": "russian", "de": "german",
             "es": "spanish", "it": "italian", "pt": "portuguese"}


@dataclass(frozen=True)
class ClaimView:
    """A stored claim as matching reads it."""

    id: int
    kind: str  # statement | figure
    paragraph: int
    text: str
    speaker: str | None = None  # a statement's speaker; a figure's source (who gives it)
    metric: str | None = None
    qualifier: str | None = None
    value: float | None = None
    value_high: float | None = None
    unit: str | None = None
    population: str | None = None
    period: str | None = None
    approximate: bool = False


@dataclass(frozen=True)
class Side:
    """One article: its claims, its text's anchors (for versions) and the actors it names."""

    id: str
    language: str
    claims: tuple[ClaimView, ...]
    text: ArticleText
    actors: frozenset[str]


@dataclass(frozen=True)
class Match:
    a: int  # claim ids
    b: int
    how: str  # version | wording | figure
    score: float


def match_sides(a: Side, b: Side, weights: dict[str, float], concepts: frozenset[str] = frozenset()) -> list[Match]:
    """The claims of a and b that report one statement or figure, each claim matched at most once
    per other article. `weights`: word_weights of the statements compared; `concepts`: the
    metric vocabulary's keys (a metric outside it is a noun of the article's language)."""
    if a.id == b.id:
        return []
    out = match_figures(a, b, concepts)
    if is_version(a.text, b.text):
        out += match_versions(a, b)
    elif _language(a.language) == _language(b.language):
        out += match_wording(a, b, weights)
    return out


def is_version(a: ArticleText, b: ArticleText) -> bool:
    """Versions of one text, or near enough that statements of one speaker in aligned paragraphs
    are one statement (a translation that also edits: a paragraph dropped, a number changed)."""
    return version_bound(a, b) >= VERSION_FOR_CLAIMS and version_score(a, b) >= VERSION_FOR_CLAIMS


def match_versions(a: Side, b: Side) -> list[Match]:
    """Statements of one speaker in aligned paragraphs of two versions, in their order."""
    out = []
    for i, j, score in align_paragraphs(a.text, b.text):
        if i is None or j is None or score < _ALIGNED:
            continue
        left = [c for c in a.claims if c.kind == "statement" and c.paragraph == i and c.speaker]
        right = [c for c in b.claims if c.kind == "statement" and c.paragraph == j and c.speaker]
        for first in left:
            xs = [c for c in left if same_speaker(c.speaker, first.speaker)]
            ys = [c for c in right if same_speaker(c.speaker, first.speaker)]
            out += [Match(x.id, y.id, "version", round(score, 3)) for x, y in zip(xs, ys)]
    return sorted(set(out), key=lambda m: (m.a, m.b))


def same_speaker(x: str | None, y: str | None) -> bool:
    """One speaker: one actor's name, or one name in two scripts the actor registry does not link
    ("Yelena Gordeeva", "يلينا غوردييفا": one consonant skeleton)."""
    if not x or not y:
        return False
    if _fold(x) == _fold(y):
        return True
    bones = skeleton(x), skeleton(y)
    return bones[0] == bones[1] and len(bones[0]) >= _BONE


def match_wording(a: Side, b: Side, weights: dict[str, float]) -> list[Match]:
    """Statements of one speaker in one language whose words are each other's closest."""
    pairs: dict[tuple[int, int], tuple[float, float]] = {}
    seen: dict[int, frozenset[str]] = {}  # b's words, once each for this call: `words` keeps few
    for x in (c for c in a.claims if c.kind == "statement" and c.speaker):
        wx = None
        for y in (c for c in b.claims if c.kind == "statement" and c.speaker):
            if same_speaker(x.speaker, y.speaker):
                wx = words(x.text, a.language) if wx is None else wx
                if y.id not in seen:
                    seen[y.id] = words(y.text, b.language)
                wy = seen[y.id]
                score = wording_score(wx, wy, weights)
                if score >= WORDING:  # ties (one speaker says much the same twice): the closer whole
                    pairs[x.id, y.id] = (score, _dice(wx, wy, weights))
    best_a, best_b = _best(pairs, 0), _best(pairs, 1)
    return [Match(x, y, "wording", round(s[0], 3)) for (x, y), s in sorted(pairs.items())
            if best_a[x] == (x, y) and best_b[y] == (x, y)]  # each the other's closest


def _best(pairs: dict[tuple[int, int], tuple[float, float]], side: int) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for pair, _ in sorted(pairs.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0])):
        out.setdefault(pair[side], pair)
    return out


def match_figures(a: Side, b: Side, concepts: frozenset[str] = frozenset()) -> list[Match]:
    """Figures of one metric, unit, amount, population and period, from compatible sources; each
    figure with the first such figure of the other article."""
    out, taken = [], set()
    same_language = _language(a.language) == _language(b.language)
    for x in (c for c in a.claims if c.kind == "figure"):
        for y in (c for c in b.claims if c.kind == "figure" and c.id not in taken):
            if same_figure(x, y, concepts, same_language) and _same_source(x, y, a.actors | b.actors, same_language):
                out.append(Match(x.id, y.id, "figure", 1.0))
                taken.add(y.id)
                break
    return out


def same_figure(x: ClaimView, y: ClaimView, concepts: frozenset[str] = frozenset(), same_language: bool = True) -> bool:
    """One amount of one unit, and one metric: the same concept, or, where a side's metric is a
    noun of its own language ("personnes", "самолётов"), the same hedge on a telling amount (10 or
    more). Population and period are words of each language: compared within one language only,
    where one side may leave them unsaid."""
    if x.unit != y.unit or x.value is None or y.value is None:
        return False
    if x.metric in concepts and y.metric in concepts:
        if x.metric != y.metric:
            return False
    elif (x.qualifier or "exact") != (y.qualifier or "exact") or min(x.value, y.value) < _TELLING:
        return False  # "deux parties" in two articles is no shared report
    if same_language and any(p and q and p != q for p, q in ((x.population, y.population), (x.period, y.period))):
        return False
    if x.approximate != y.approximate and (x.value_high is not None or y.value_high is not None):
        return False  # "des milliers" is no count of 1,000
    return same_amount(x.value, y.value) and (
        (x.value_high is None and y.value_high is None)
        or (x.value_high is not None and y.value_high is not None and same_amount(x.value_high, y.value_high)))


def same_amount(x: float, y: float) -> bool:
    return math.isclose(float(x), float(y), rel_tol=_TOLERANCE)


def _same_source(x: ClaimView, y: ClaimView, actors: frozenset[str], same_language: bool) -> bool:
    """Two actors named in one language give two counts; a source in words, left unsaid, or in
    two languages (whose names are not always linked across scripts) may be either."""
    if not same_language or not x.speaker or not y.speaker or _fold(x.speaker) == _fold(y.speaker):
        return True
    return not (x.speaker in actors and y.speaker in actors)


def word_weights(texts: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Inverse document frequency of each content word over these (text, language) pairs: a word
    every statement of the story uses (the country, the event) tells two statements apart less."""
    docs = [words(text, language) for text, language in texts]
    counts = Counter(w for d in docs for w in d)
    return {w: math.log((1 + len(docs)) / (1 + n)) + 1.0 for w, n in counts.items()}


def wording_score(x: frozenset[str], y: frozenset[str], weights: dict[str, float]) -> float:
    """How much of the shorter statement's content words the other has, weighted (0 when either
    says too little): one statement is often reported in part, or with more around it."""
    if len(x) < _MIN_WORDS or len(y) < _MIN_WORDS:
        return 0.0
    return _weight(x & y, weights) / min(_weight(x, weights), _weight(y, weights))


def _dice(x: frozenset[str], y: frozenset[str], weights: dict[str, float]) -> float:
    return 2 * _weight(x & y, weights) / ((_weight(x, weights) + _weight(y, weights)) or 1.0)


def _weight(ws: frozenset[str], weights: dict[str, float]) -> float:
    return sum(weights.get(w, 1.0) for w in ws)


@functools.lru_cache(maxsize=1024)  # keyed by whole statements: a long article's would fill any size
def words(text: str, language: str) -> frozenset[str]:
    """The stems of a text's words (Snowball; lemmas for a language it lacks), the language's
    stop words and digits left out: "s'opposait" and "opposée" are one word."""
    code = _language(language)
    stop, stem = _stop_words(code), _stemmer(code)
    out = set()
    for t in tokenize(text):
        w = t.text.lower()
        if w.isalpha() and w not in stop and len(w) > 1:
            out.add(stem(w) if stem else lemma(w, code))
    return frozenset(out)


@functools.cache
def _stop_words(code: str) -> frozenset[str]:
    """spaCy's stop words of the language (none for a language it does not list)."""
    try:
        return frozenset(importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS)
    except (ImportError, AttributeError, ValueError):
        return frozenset()


@functools.cache
def _stemmer(code: str) -> Callable[[str], str] | None:
    name = _SNOWBALL.get(code)
    return snowballstemmer.stemmer(name).stemWord if name else None


def _language(language: str) -> str:
    return (language or "").split("-")[0].split("_")[0].lower()


def _fold(name: str | None) -> str:
    return " ".join((name or "").casefold().split())

