"""Which story an article belongs to. Articles about one event share actors (by name skeleton, so
one name in Latin, Arabic and Cyrillic letters counts once), distinctive numbers and days; a
translation shares nearly all its numbers. A new article is compared only with the articles that
share one of its rarer keys (an index, not a scan) and joins the story of those it relates to."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.analysis.analysed_article import AnalysedArticle
from app.analysis.relatedness import (
    RELATED,
    SHARED_NUMBERS,
    actor_keys,
    dice,
    distinctive_numbers,
    numbers_of,
    place_names,
)

WINDOW_DAYS = 10  # articles published further apart than this tell different events...
MIN_SHARED = 2  # one shared actor (a ministry, a country) is no story, whatever the overlap
STRONG = 0.3  # ... unless this many of their actors (Dice), and at least MIN_SHARED_FAR of them, or a
MIN_SHARED_FAR = 4  # version says otherwise (a misread date); a country and its ministry are not enough
VERSION_NUMBERS = 0.6  # share (Dice) of numbers from which two articles are versions of one text
MIN_VERSION_NUMBERS = 4  # ... when they share at least this many
CANDIDATES = 60  # articles compared with a new one: those sharing the most rare keys with it
COMMON_KEY = 0.02  # a key in more than this share of the articles finds no candidates by itself...
COMMON_FLOOR = 50  # ... once it is in more than this many


@dataclass(frozen=True)
class Features:
    """What story assignment needs from one analysed article, small enough to store as JSON."""

    article: str
    actors: frozenset[str]  # skeletons (or names) of the actors named, media left out
    places: frozenset[str]
    distinctive: frozenset[str]  # numbers unlikely to recur by chance (see relatedness)
    numbers: frozenset[str]  # every number of the body: translations keep them
    day: date | None = None

    def index_keys(self) -> set[str]:
        """The index keys: actors and distinctive numbers (places are actors too)."""
        return {f"a:{a}" for a in self.actors} | {f"n:{n}" for n in self.distinctive}

    def to_json(self) -> dict:
        return {"article": self.article, "actors": sorted(self.actors), "places": sorted(self.places),
                "distinctive": sorted(self.distinctive), "numbers": sorted(self.numbers),
                "day": self.day.isoformat() if self.day else None}

    @classmethod
    def from_json(cls, data: Mapping) -> Features:
        return cls(data["article"], frozenset(data.get("actors", ())), frozenset(data.get("places", ())),
                   frozenset(data.get("distinctive", ())), frozenset(data.get("numbers", ())),
                   _day(data.get("day")))


def features_of(art: AnalysedArticle) -> Features:
    return Features(art.id, frozenset(actor_keys(art)), frozenset(place_names(art)),
                    frozenset(_number(v) for v in distinctive_numbers(art)), frozenset(numbers_of(art)),
                    _day(art.published))


def relatedness(a: Features, b: Features) -> float:
    """How surely two articles tell one event, 0 when they do not: the Dice of their actors when
    it reaches `RELATED` and they share at least two; a place named by both with distinctive
    numbers in common; or a version (most numbers shared). Articles more than `WINDOW_DAYS`
    apart relate on strong evidence only. (Weighing actors by rarity, inverse document
    frequency, was tried: no better on the generated corpus, worse on the test articles.)"""
    far = bool(a.day and b.day and abs((a.day - b.day).days) > WINDOW_DAYS)
    actors = dice(a.actors, b.actors) if len(a.actors & b.actors) >= (MIN_SHARED_FAR if far else MIN_SHARED) else 0.0
    score = actors if actors >= (STRONG if far else RELATED) else 0.0
    if not far and a.places & b.places and len(a.distinctive & b.distinctive) >= SHARED_NUMBERS:
        score = max(score, RELATED + 0.01 * len(a.distinctive & b.distinctive))
    if len(a.numbers & b.numbers) >= MIN_VERSION_NUMBERS and dice(a.numbers, b.numbers) >= VERSION_NUMBERS:
        score = max(score, dice(a.numbers, b.numbers))
    return score


def candidate_keys(article: Features, key_counts: Mapping[str, int], total: int) -> list[str]:
    """The article's keys that are rare enough to look candidates up by, rarest first: a key
    most articles carry (a country in every story) would bring the whole corpus."""
    limit = max(COMMON_FLOOR, COMMON_KEY * total)
    return sorted((k for k in article.index_keys() if key_counts.get(k, 0) <= limit), key=lambda k: (key_counts.get(k, 0), k))


def pick_candidates(shared: Mapping[str, int], limit: int = CANDIDATES) -> list[str]:
    """The articles sharing the most rare keys (`shared`: article -> keys in common)."""
    return [a for a, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


@dataclass(frozen=True)
class Choice:
    story: str | int | None  # None: start a new story
    support: int = 0  # how many of its articles the new one relates to
    score: float = 0.0
    others: tuple = ()  # the other stories it also relates to, best first


def choose_story(article: Features, candidates: Iterable[tuple[Features, str | int]],
                 *, current: str | int | None = None) -> Choice:
    """The story the article joins: the one with the most articles it relates to, then the
    strongest link; its `current` story when it still relates to one of its articles."""
    support: Counter = Counter()
    best: dict = defaultdict(float)
    for other, story in candidates:
        if other.article == article.article:
            continue
        s = relatedness(article, other)
        if s > 0:
            support[story] += 1
            best[story] = max(best[story], s)
    if not support:
        return Choice(None)
    ranked = sorted(support, key=lambda k: (-support[k], -best[k], str(k)))
    top = current if current in support else ranked[0]
    return Choice(top, support[top], best[top], tuple(k for k in ranked if k != top))


def assign_all(articles: Sequence[Features]) -> dict[str, int]:
    """Every article in order through `choose_story` against the ones before it, stories it
    bridges merged (what the service does one article at a time): article -> story number.
    For measuring and tests."""
    index: dict[str, list[Features]] = defaultdict(list)
    story_of: dict[str, int] = {}
    counts: Counter = Counter()
    for n, art in enumerate(articles):
        counts.update(art.index_keys())  # the article is in the collection it is weighed in
        keys = candidate_keys(art, counts, n + 1)
        shared: Counter = Counter(o.article for k in keys for o in index[k])
        chosen = set(pick_candidates(shared))
        by_id = {o.article: o for k in keys for o in index[k] if o.article in chosen}
        choice = choose_story(art, [(o, story_of[o.article]) for o in by_id.values()])
        story_of[art.article] = choice.story if choice.story is not None else n
        for other in choice.others:  # the article bridges two stories: they were one
            story_of.update({a: choice.story for a, s in story_of.items() if s == other})
        for k in art.index_keys():
            index[k].append(art)
    return story_of


def purity_completeness(found: Mapping[str, object], truth: Mapping[str, object]) -> tuple[float, float]:
    """Purity: the share of articles whose found story's majority event is theirs; completeness:
    the share whose event's majority story is theirs (both 1.0 when the grouping is the truth)."""
    def majority(groups: Mapping[str, object], labels: Mapping[str, object]) -> int:
        by: dict = defaultdict(Counter)
        for a, g in groups.items():
            by[g][labels[a]] += 1
        return sum(c.most_common(1)[0][1] for c in by.values())

    items = [a for a in found if a in truth]
    f, t = {a: found[a] for a in items}, {a: truth[a] for a in items}
    return majority(f, t) / len(items), majority(t, f) / len(items)


def _number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _day(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
