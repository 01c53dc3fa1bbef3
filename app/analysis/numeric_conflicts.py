"""Numeric contradictions: figures of one metric, story and scope that cannot both be true."""

# Two figures are compared only when they count the same thing (metric, unit, population), for
# the same place and day, in related articles (or, in one article, when two named sources give
# them). A part ("dont 40 000 à Lyon", a city's count) is never compared with its whole unless it
# is larger. Then, when their ranges do not overlap:
#   soft    an update: a new count ("rose to") or a later article's count from the same kind of
#           source, shown as a timeline;
#   minor   a rounding-level gap (no more than one unit of the coarser figure and 10%: 5.9 / 6);
#   strong  anything else: different counters (organisers / police) or one count told two ways.
# The same value in two formats or languages is an agreement: never suggested.

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from app.analysis.analysed_article import AnalysedArticle, Vocabulary, source_of
from app.analysis.counters import (
    counter_kind,
    different_counters,
    is_increment,
    is_part,
    is_whole,
    stamped,
)
from app.analysis.figure_scopes import (
    of_a_whole,
    other_year,
    per_unit,
    place_of,
    running_total,
    story_setting,
)
from app.analysis.figures import Figure, period_key
from app.analysis.relatedness import connected_groups
from app.analysis.suggestion import Passage, Suggestion, score

_HEDGE = {"about": "about ", "at_least": "at least ", "at_most": "at most ",
          "more_than": "more than ", "less_than": "less than "}
_UPDATE_GAP = timedelta(hours=1)  # later articles' counts are updates from this gap on
_MINOR = 0.1  # a rounding-level gap is at most this share of the larger figure
_BEYOND = 1.25  # a count this far past an open lower bound may be a later count
_LIST = 3  # values of one metric in one sentence that make a breakdown
_STOP = re.compile(r"[.!?;؟؛](?:\s|$)")  # a sentence's end, not a decimal point ("7.3")


def _interval(f: Figure) -> tuple[float, float]:
    low = float(f.value)
    high = float(f.value_high if f.value_high is not None else f.value)
    if f.approximate and f.value_high is None:
        high = low * 10  # "des centaines": the order of magnitude
    if f.qualifier == "about":
        return (low - max(2.0, 0.2 * low), high + max(2.0, 0.2 * high))
    if f.qualifier in ("at_least", "more_than"):
        return (low, float("inf"))
    if f.qualifier in ("at_most", "less_than"):
        return (0.0, high)
    return (low, high)


def _unit_of(value: float) -> float:
    """The last significant digit's unit: 40 -> 10, 2 450 000 -> 10 000, 5.9 -> 0.1."""
    if value == 0:
        return 1.0
    if value != int(value):
        return 10.0 ** -len(repr(float(value)).split(".")[1].rstrip("0"))
    n, unit = int(abs(value)), 1.0
    while n and n % 10 == 0:
        n, unit = n // 10, unit * 10
    return unit


def _gap(f: Figure, g: Figure) -> float:
    """How far apart, as a share of the larger: 0.9 for 40 vs 4."""
    (lf, hf), (lg, hg) = _interval(f), _interval(g)
    d = max(lg - hf, lf - hg, 0.0)
    top = max(abs(x) for x in (lf, hf, lg, hg) if not math.isinf(x)) or 1.0
    return min(d / top, 1.0)


def _relation(x: str | None, y: str | None) -> str:
    """same | first (x names a part of what y leaves whole) | second | apart."""
    if x == y:
        return "same"
    if x is None or y is None:
        return "second" if x is None else "first"
    return "apart"


def compare(f: Figure, g: Figure, sf: str | None = None, sg: str | None = None,
            policy: str = "total", kf: str | None = None, kg: str | None = None
            ) -> str | None:
    """Can both figures be true? None when they can; else "clash", "part" (a part larger than
    its whole) or "minor". sf, sg: their scopes (a place, "part"); kf, kg: their period keys."""
    if (kf and kg and kf != kg) or any((kf or "").startswith(p) != (kg or "").startswith(p)
                                       for p in ("year:", "since:")):
        return None  # stated for different days, one for another year, or a running total
    if f.unit and g.unit and f.unit != g.unit:
        return None  # different measures
    if policy == "same_population" and (f.population is None or f.population != g.population):
        return None
    (lf, hf), (lg, hg) = _interval(f), _interval(g)
    rel_pop, rel_scope = _relation(f.population, g.population), _relation(sf, sg)
    if not (hf < lg or hg < lf):  # the ranges overlap: they agree, or may
        if rel_pop == rel_scope == "same" and _rounded(f, g):
            return "minor"
        return "beyond" if rel_pop == rel_scope == "same" and _beyond(f, g) else None
    if "apart" in (rel_pop, rel_scope):
        return None  # two different groups or places: nothing to compare
    if rel_pop == rel_scope == "same":
        precise = all(x.qualifier == "exact" and not x.approximate for x in (f, g))
        d, unit = max(lg - hf, lf - hg), max(_unit_of(f.value), _unit_of(g.value))
        if precise and d <= unit and d <= _MINOR * max(abs(float(f.value)), abs(float(g.value))):
            return "minor"
        return "clash"
    narrower = {r for r in (rel_pop, rel_scope) if r != "same"}
    if len(narrower) > 1:
        return None  # each is narrower in one way: incomparable
    first = narrower == {"first"}
    part, whole = ((lf, hf), (lg, hg)) if first else ((lg, hg), (lf, hf))
    if part[0] <= whole[1]:
        return None
    by_place = rel_pop == "same" and (sf if first else sg) != "part"
    return "clash" if by_place else "part"  # a place named on one side only may be the same


def _rounded(f: Figure, g: Figure) -> bool:
    """A hedged round figure and another value it rounds ("about 3,000" / 2,800, "près de
    10 000" / 9 820, "environ 40 km" / 42 km): both may hold, yet they are two values, a gap at
    the level of rounding (minor). The same value hedged or not is an agreement."""
    hedged = [x for x in (f, g) if x.qualifier == "about" and x.value_high is None
              and not x.approximate]
    if not hedged or any(x.value_high is not None or x.approximate or x.qualifier not in
                         ("about", "exact") for x in (f, g)):
        return False
    a, b = float(f.value), float(g.value)
    d = abs(a - b)
    return 0 < d <= max(_unit_of(x.value) for x in hedged) and d <= _MINOR * max(abs(a), abs(b))


def _beyond(f: Figure, g: Figure) -> bool:
    """One is an open lower bound ("more than 30,000") the other passes well (45,000): both hold,
    unless the story moved on between them (an update)."""
    for low, other in ((f, g), (g, f)):
        if low.qualifier in ("at_least", "more_than") and other.qualifier == "exact" \
                and float(other.value) > (1.0 if other.update else _BEYOND) * float(low.value):
            return True  # "at least 14", then "the toll rose to 16": a new count all the same
    return False


def _describe(f: Figure) -> str:
    if f.qualifier.endswith("_of"):
        words = f.qualifier.replace("_", " ")
    elif f.value_high is not None:
        words = f"{_num(f.value)}–{_num(f.value_high)}"
    else:
        words = _HEDGE.get(f.qualifier, "") + _num(f.value)
    return words + (f" {f.population}" if f.population else "")


def _num(value: float) -> str:
    """2450000 -> "2,450,000"; 5.9 -> "5.9"."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


class _Item:
    """A figure with what comparing it needs: its article, scope, day, source and time."""

    def __init__(self, art: AnalysedArticle, f: Figure, setting: set[str], vocab: Vocabulary):
        self.art, self.f = art, f
        text = art.paragraphs[f.paragraph]
        self.scope = "part" if is_part(text, f.start, art.language) \
            or is_increment(text, f.start, f.end, art.language) \
            or of_a_whole(text, f.end, vocab.figures.lang(art.language)) \
            else place_of(art, f, setting)
        if per_unit(text, f.end, vocab.figures.lang(art.language)):
            self.scope = "per"  # an amount for each: compared with such amounts only
        self.whole = is_whole(text, f.start, f.end, art.language)
        self.time, self.timed = stamped(art.published, art.paragraphs)
        opening = text[max((m.end() for m in _STOP.finditer(text, 0, f.start)), default=0):f.start]
        closing = text[f.end:min([m.start() for m in _STOP.finditer(text, f.end)] + [len(text)])]
        self.period = other_year(f.period, self.time) or other_year(opening, self.time) \
            or running_total(opening + text[f.start:f.end] + closing, vocab.figures.lang(art.language)) \
            or period_key(f.period, language=art.language, vocab=vocab.figures)
        # a year its sentence names before it ("That 2017 quake … left some 70,000 homeless")
        said = source_of(art, f.paragraph, f.start, f.end)
        self.source = f.source or (None if said.endswith("(narration)") else said)

    def where(self) -> str:
        return f"{self.art.id} ¶{self.f.paragraph}"  # the service shows ids as labels


def _weigh(x: _Item, y: _Item, verdict: str, together: bool = False) -> tuple[str, str] | None:
    """(strength, why) of a clash between two figures; None for a count past an open bound that
    is no later count. `together`: one article gives both values from two sources, so they
    stand side by side (two counters), neither updates the other."""
    if verdict == "minor":
        return "minor", "a rounding-level gap"
    if verdict == "part":
        return "strong", "a part larger than its whole"
    counters = together or different_counters(x.source, y.source, x.art.language,
                                              y.art.language)
    if verdict == "beyond":
        return ("soft", "an update") if not counters and _later(x, y) else None
    if counters:
        return "strong", "different counters"
    if _later(x, y):
        return "soft", "an update"
    return "strong", "one count told two ways"


def _later(x: _Item, y: _Item) -> bool:
    """One count moved on from the other: a "rose to" marker, or articles an hour or a day apart
    (for counts; a measure taken another day is another measure)."""
    if x.f.update or y.f.update:
        return True
    if x.time and y.time and x.art.id != y.art.id and _counted(x.f) and _counted(y.f):
        kind = counter_kind(x.source, x.art.language)  # hours apart, one kind of counter (the
        same = kind is not None and kind == counter_kind(y.source, y.art.language)  # ministry's
        # morning and evening tolls); else only another day's count is a later one
        return abs(x.time - y.time) >= _UPDATE_GAP if x.timed and y.timed and same \
            else x.time.date() != y.time.date()
    return False


def _counted(f: Figure) -> bool:
    """A count (of people or things), which later reports update; a measure (a temperature, a
    depth) taken on another day is another measure."""
    return f.unit in (None, "people", "count")


def numeric_suggestions(arts: Sequence[AnalysedArticle], related: set[tuple[str, str]],
                        versions: set[tuple[str, str]], vocab: Vocabulary) -> list[Suggestion]:
    """Figures of one metric in related articles (not versions: see translation_drift.py) that
    cannot both be true; one suggestion per strength and connected group of clashes."""
    policy = {m: t.get("compare", "total") for m, t in vocab.figures.metrics().items()}
    setting = story_setting(arts)
    items = [_Item(a, f, setting, vocab) for a in arts for f in a.figures]
    _breakdowns(items)
    concepts = set(policy)
    kin = {(m, o) for m, t in vocab.figures.metrics().items() for o in t.get("counted_with", [])}
    same = metric_classes(items, concepts, related, kin)
    together = _side_by_side(items, same)
    links: list[tuple[str, str, int, int]] = []  # strength, why, and the two items
    for x, y in itertools.combinations(items, 2):
        if same[x.f.metric] != same[y.f.metric] or not _comparable(x, y, related, versions) \
                or _anyone(x, concepts) \
                or x.art is y.art and policy.get(x.f.metric) == "across_articles":
            continue
        if x.f.metric != y.f.metric and not (_telling(x, concepts) and _telling(y, concepts)) \
                and (x.f.metric, y.f.metric) not in kin and (y.f.metric, x.f.metric) not in kin:
            continue  # "two planes" each from two countries are no count of the 28 planes
        verdict = compare(x.f, y.f, *_scopes(x, y), policy.get(x.f.metric, "total"),
                          x.period, y.period)
        weighed = _weigh(x, y, verdict, (same[x.f.metric], float(x.f.value),
                                         float(y.f.value)) in together) if verdict else None
        if weighed:
            links.append((*weighed, id(x), id(y)))
    links = _timelines(links)
    out = []
    for strength in {s for s, *_ in links}:
        mine = [(x, y) for s, _, x, y in links if s == strength]
        for group in connected_groups({i for p in mine for i in p}, mine).values():
            members = [it for it in items if id(it) in group]
            reasons = sorted({w for s, w, x, _ in links if s == strength and x in group})
            out.append(_suggestion(strength, members, reasons))
    return out


def _side_by_side(items: Sequence[_Item], same: dict[str, str]) -> set[tuple[str, float, float]]:
    """(class, value, value) of two values one article gives for one metric from two sources
    ("the ministry counts seven villages, the district head twelve"): told side by side, they
    are two counters' counts wherever they are repeated, not one count moving on."""
    out = set()
    for x, y in itertools.combinations(items, 2):
        if x.art is y.art and same[x.f.metric] == same[y.f.metric] and x.f.value != y.f.value \
                and x.source and y.source and x.source != y.source:
            out |= {(same[x.f.metric], float(x.f.value), float(y.f.value)),
                    (same[x.f.metric], float(y.f.value), float(x.f.value))}
    return out


def metric_classes(items: Sequence[_Item], concepts: set[str], related: set[tuple[str, str]],
                   kin: set[tuple[str, str]] = frozenset()) -> dict[str, str]:
    """Each metric's class: a concept is its own, with the concepts it is `counted_with`
    (arrested / detained); nouns outside the vocabulary ("passenger",
    "voyageur", "راكب", "пассажир") are one class when related articles give them the same
    telling figure (one value of 10 or more, or with decimals, in one unit): the story says
    they count one thing, in whatever language. Counts of people named by a generic word
    ("personnes", "человек") are left apart: the same number does not make them one thing."""
    by_value: dict[tuple, list[_Item]] = defaultdict(list)
    for it in items:
        if _telling(it, concepts):
            by_value[(float(it.f.value), it.f.value_high, it.f.unit)].append(it)
    links = [(x.f.metric, y.f.metric) for group in by_value.values()
             for x, y in itertools.combinations(group, 2)
             if x.f.metric != y.f.metric and ((x.art.id, y.art.id) in related
                                              or (y.art.id, x.art.id) in related)]
    metrics = {it.f.metric for it in items}
    links += [(x, y) for x, y in kin if x in metrics and y in metrics]
    out = {m: m for m in metrics}
    for group in connected_groups(metrics, links).values():
        name = min(group)
        out.update({m: name for m in group})
    return out


def _anyone(it: _Item, concepts: set[str]) -> bool:
    """A count of people no concept names ("несколько десятков человек пытались прорваться"):
    it says not what it counts, so it is set against no other count of people."""
    return it.f.metric not in concepts and it.f.unit == "people"


def _telling(it: _Item, concepts: set[str]) -> bool:
    """A figure of an unlisted noun (not a generic word for people) that rarely recurs by
    chance: 10 or more, or with decimals, and no vague amount."""
    v = float(it.f.value)
    return it.f.metric not in concepts and it.f.unit != "people" \
        and (v >= 10 or v != int(v)) and not it.f.approximate


def _timelines(links: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """A count that moves over the story (an update among its clashes, no counters apart) is one
    timeline: its undated clashes are steps of it too (soft), not a count told two ways."""
    told = "one count told two ways"
    steps = [(x, y) for s, w, x, y in links if s == "soft" or w == told]
    groups = connected_groups({i for p in steps for i in p}, steps)
    moving = {i for g in groups.values()
              if any(s == "soft" and x in g for s, _, x, _ in links) for i in g}
    return [("soft", "an update", x, y) if w == told and x in moving else (s, w, x, y)
            for s, w, x, y in links]


def _breakdowns(items: list[_Item]) -> None:
    """Figures of one metric listed with two or more other values in one sentence, from one
    source ("62 seats, 58, 41") each count a part (a party, a town) the text may not name: scoped
    apart. Two values ("15 aerial drones and 4 sea drones") may still be told against a total."""
    for it in items:
        text = it.art.paragraphs[it.f.paragraph]
        a = max(text.rfind(c, 0, it.f.start) for c in ".;!?") + 1
        b = min([i for i in (text.find(c, it.f.end) for c in ".;!?") if i >= 0] + [len(text)])
        others = {o.f.value for o in items if o.art is it.art and o.f.paragraph == it.f.paragraph
                  and o.f.metric == it.f.metric and o.f.value != it.f.value
                  and o.f.population == it.f.population and a <= o.f.start < b
                  and o.f.source == it.f.source}  # else two counters' counts
        if it.scope is None and len(others) >= _LIST - 1:
            it.scope = f"listed:{it.art.id}:{it.f.start}"


def _scopes(x: _Item, y: _Item) -> tuple[str | None, str | None]:
    """A place named beside one count only is part of the other's whole when that one says it
    is the country's ("nationwide"); else it is taken for the story's own place."""
    sx, sy = x.scope, y.scope
    if _is_place(sx) and sy is None and not y.whole:
        sx = None
    if _is_place(sy) and sx is None and not x.whole:
        sy = None
    if (sx == "per") != (sy == "per"):
        return "listed:x", "listed:y"  # a rate and a total: never compared
    if (sx or "").startswith("listed:") or (sy or "").startswith("listed:"):
        return "listed:x", "listed:y"  # never compared: each is a part the text may not name
    return sx, sy


def _is_place(scope: str | None) -> bool:
    return scope is not None and scope not in ("part", "per") and not scope.startswith("listed:")


def _comparable(x: _Item, y: _Item, related: set[tuple[str, str]],
                versions: set[tuple[str, str]]) -> bool:
    if x.art.id == y.art.id:  # one article giving two named sources' counts
        return bool(x.f.source and y.f.source and x.f.source != y.f.source)
    pair = (x.art.id, y.art.id)
    return pair in related and pair not in versions


def _suggestion(strength: str, members: list[_Item], reasons: list[str]) -> Suggestion:
    metric = members[0].f.metric
    fs = [it.f for it in members]
    gap = max(_gap(f, g) for f, g in itertools.combinations(fs, 2))
    if strength == "soft":
        ordered = sorted(members, key=lambda it: (it.time or datetime.min, float(it.f.value)))
        steps: dict[tuple[str, str], list[str]] = {}  # one step per figure and time, its places
        for it in ordered:
            steps.setdefault((_describe(it.f), _stamp(it)), []).append(it.where())
        story = " → ".join(f"{d} ({'; '.join(filter(None, [t, ', '.join(w)]))})"
                           for (d, t), w in steps.items())
        reason = f"{metric}: {story} — successive counts, {gap:.0%} apart"
    else:
        reason = f"{metric}: " + " vs ".join(_sides(members)) + \
            f" — {', '.join(reasons)}, {gap:.0%} apart"
    passages = tuple(Passage(it.art.id, it.f.paragraph, it.f.start, it.f.end, it.f.text)
                     for it in members)
    return Suggestion("numeric", reason, passages, strength=strength, score=score(strength, gap),
                      topic=f"metric:{metric}")


def _stamp(it: _Item) -> str:
    """When a count was given: "Tue 10:00", "Tue 7 Mar", "a new count", or ""."""
    if it.time and it.timed:
        return f"{it.time:%a %H:%M}"
    if it.time:
        return f"{it.time:%a} {it.time.day} {it.time:%b}"
    return "a new count" if it.f.update else ""


def _sides(members: list[_Item]) -> list[str]:
    """"about 164 (000 ¶10, 003 ¶11; Ministry of Health)": each distinct figure, where, whose."""
    where: dict[str, list[str]] = defaultdict(list)
    whose: dict[str, set[str]] = defaultdict(set)
    for it in sorted(members, key=lambda it: (-_interval(it.f)[0], it.art.id)):
        where[_describe(it.f)].append(it.where())
        if it.source:
            whose[_describe(it.f)].add(it.source)
    return [f"{d} ({', '.join(w)}{'; ' + ', '.join(sorted(whose[d])) if whose[d] else ''})"
            for d, w in where.items()]
