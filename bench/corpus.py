"""Write a synthetic corpus of news stories: groups of 3-12 articles about one invented event (a
flood or a protest in a real country, an invented town and invented people), in French, English
and Arabic, with figures that disagree (officials / Red Crescent, organisers / police, a toll
that rises day by day), reported speech, a demand and its refusal, opposed labels, translations
of one another, and page furniture; plus unrelated filler articles. Which event each file tells
is written beside the folder (`<out>.events.json`), to score how stories are grouped.

python -m bench.corpus --articles 10000 --out bench/out/corpus
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.analysis.relatedness import skeleton
from bench.story_text import (
    BACKGROUND,
    COUNTRIES,
    FACTS,
    FIRST_NAMES,
    FURNITURE,
    MONTHS_EN,
    STAMPS,
    SYLLABLES,
    TITLES,
    WEEKDAYS,
)

LANGUAGES = ("fr", "en", "ar")
FIRST_DAY = date(2024, 1, 1)
DAYS_APART = 3  # between two events; a country comes back every 36 days
FR_WORDS = ["le", "la", "les", "un", "une", "des", "du", "de", "et", "à", "en", "pour", "avec", "sur", "dans", "par", "au", "aux", "que", "qui", "ne", "pas", "plus", "gouvernement", "président", "ministre", "pays", "ville", "région", "autorités", "forces", "sécurité", "accord", "réunion", "sommet", "économie", "prix", "énergie", "élection", "parlement", "opposition", "déclaré", "annoncé", "affirmé", "selon", "rapporté", "indiqué", "souligné", "estimé", "soutenu", "semaine", "mois", "année", "hier", "crise", "stabilité", "réforme", "enquête", "tribunal", "frontière", "voisin", "international", "national", "local", "officiel", "public", "privé", "nouveau", "grand", "important"]
AR_WORDS = ["في", "من", "على", "إلى", "عن", "مع", "أن", "التي", "الذي", "هذا", "هذه", "بين", "بعد", "قبل", "خلال", "حول", "الحكومة", "الرئيس", "الوزير", "البلاد", "المدينة", "المنطقة", "السلطات", "اتفاق", "اجتماع", "قمة", "الاقتصاد", "الأسعار", "الطاقة", "الانتخابات", "البرلمان", "المعارضة", "قال", "أعلن", "أكد", "ذكر", "أشار", "أوضح", "أضاف", "الأسبوع", "الشهر", "العام", "أمس", "الأزمة", "الاستقرار", "الإصلاح", "التحقيق", "المحكمة", "الحدود", "الدولي", "الوطني"]


@dataclass
class Event:
    number: int
    kind: str
    day: date
    country: tuple[str, ...]
    names: dict[str, tuple[str, str]]  # role -> (Latin, Arabic)
    figures: dict[str, int]


_USED: set[str] = set()  # skeletons of the names given so far: two events never share a person or town


def _name(rng: random.Random, parts: int) -> tuple[str, str]:
    while True:
        syl = [rng.choice(SYLLABLES) for _ in range(parts)]
        latin = "".join(s[0] for s in syl).capitalize()
        if skeleton(latin) not in _USED:
            _USED.add(skeleton(latin))
            return latin, "".join(s[1] for s in syl)


def _person(rng: random.Random) -> tuple[str, str]:
    first = rng.choice(FIRST_NAMES)
    last = _name(rng, 3)
    return f"{first[0]} {last[0]}", f"{first[1]} {last[1]}"


def make_event(rng: random.Random, number: int) -> Event:
    kind = rng.choice(sorted(FACTS))
    names = {"city": _name(rng, 3), "minister": _person(rng), "governor": _person(rng), "resident": _person(rng),
             "leader": _person(rng)}
    if kind == "flood":
        killed = rng.randint(5, 80)
        figures = {"killed": killed, "killed_ngo": killed + rng.randint(5, 40), "missing": rng.randint(3, 60),
                   "evacuated": rng.randint(2, 90) * 100}
    else:
        org = rng.randint(10, 200) * 1000
        figures = {"protesters_org": org, "protesters_police": round(org * rng.uniform(0.2, 0.5), -2),
                   "arrested": rng.randint(10, 300), "injured": rng.randint(5, 80)}
    return Event(number, kind, FIRST_DAY + timedelta(days=DAYS_APART * number), COUNTRIES[number % len(COUNTRIES)], names,
                 {k: int(v) for k, v in figures.items()})


def _number(value: int, language: str, rng: random.Random) -> str:
    if language == "fr":
        return f"{value:,}".replace(",", " ")
    if language == "en":
        return f"{value:,}"
    return str(value).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) if rng.random() < 0.3 else str(value)


def render(event: Event, language: str, offset: int, facts: list[str], rng: random.Random) -> str:
    """One article of the event: headline, furniture, the paragraphs of facts, as of `offset` days on."""
    day = event.day + timedelta(days=offset)
    figures = dict(event.figures)
    if "killed" in figures:  # the official toll rises day by day: an update, not a contradiction
        figures["killed"] += 3 * offset
    name, fr_country, ar_country, fr_adj, en_adj, ar_adj = event.country
    slots = {"country": {"fr": fr_country.split(" ", 1)[1], "en": name, "ar": ar_country}[language],
             "adj": {"fr": fr_adj, "en": en_adj, "ar": ar_adj}[language], "day": WEEKDAYS[language][event.day.weekday()],
             **{role: pair[1] if language == "ar" else pair[0] for role, pair in event.names.items()},
             **{k: _number(v, language, rng) for k, v in figures.items()}}
    if language == "fr":
        slots["country"] = fr_country  # "en Tunisie", "au Maroc"
    title = TITLES[event.kind][language].format(**slots)
    stamp = STAMPS[language].format(d=day.day, m=day.month, y=day.year, month=MONTHS_EN[day.month - 1])
    lines = [title, rng.choice(FURNITURE[language][:1] + [stamp]), stamp]
    for paragraph in facts:
        lines.append(" ".join(_sentence(event, fact, language, slots) for fact in paragraph.split()))
        if rng.random() < 0.15:
            lines.append(rng.choice(FURNITURE[language]).format(title=_filler_title(rng, language), n=rng.randint(0, 300)))
    lines.append(FURNITURE[language][2])
    return "\n\n".join(dict.fromkeys(lines)) + "\n"


def _sentence(event: Event, fact: str, language: str, slots: dict[str, str]) -> str:
    kind, _, n = fact.partition(":")
    return BACKGROUND[language][int(n)] if kind == "background" else FACTS[event.kind][fact][language].format(**slots)


def story_articles(rng: random.Random, event: Event, count: int) -> list[tuple[str, int, list[str]]]:
    """count articles: each a language, a day and its paragraphs (fact ids separated by spaces);
    some translate an earlier one."""
    others = [f for f in FACTS[event.kind] if f != "lead"]
    out: list[tuple[str, int, list[str]]] = []
    for _ in range(count):
        if out and rng.random() < 0.25:
            language, offset, facts = rng.choice(out)
            out.append((rng.choice([lang for lang in LANGUAGES if lang != language]), offset, facts))
        else:
            facts = ["lead", *rng.sample(others, rng.randint(3, len(others)))]
            for _ in range(rng.randint(1, 3)):  # a background sentence of its own
                facts.insert(rng.randint(1, len(facts)), f"background:{rng.randrange(len(BACKGROUND['fr']))}")
            # Paragraphs of one to three sentences: each outlet cuts the text its own way (a
            # translation keeps the cut, so only translations look like versions of one text).
            paragraphs, rest = [], facts[:]
            while rest:
                take = rng.choice((1, 1, 2, 3))
                paragraphs.append(" ".join(rest[:take]))
                rest = rest[take:]
            out.append((rng.choice(LANGUAGES), rng.randint(0, 3), paragraphs))
    return out


def _filler_title(rng: random.Random, language: str) -> str:
    return _words(rng, AR_WORDS if language == "ar" else FR_WORDS, 4, 8)


def _words(rng: random.Random, words: list[str], lo: int, hi: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(rng.randint(lo, hi)))
    return text[0].upper() + text[1:]


def filler(rng: random.Random, language: str) -> str:
    """An article about nothing in particular (French or Arabic words at random)."""
    words = AR_WORDS if language == "ar" else FR_WORDS
    lines = [_words(rng, words, 6, 12)]
    for _ in range(rng.randint(6, 20)):
        text = _words(rng, words, 8, 28) + (f" {rng.randint(2, 5000)}" if rng.random() < 0.3 else "") + "."
        lines.append(text)
    return "\n\n".join(lines) + "\n"


def write_corpus(out: Path, articles: int, seed: int = 7, filler_share: float = 0.2) -> dict[str, str]:
    """Write the corpus; returns (and writes to `<out>.events.json`) each file's event."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    _USED.clear()
    events: dict[str, str] = {}
    i = number = 0
    size = 7.5  # articles in a story, on average: fillers are drawn so they make `filler_share` of the files
    odds = size * filler_share / (1 - filler_share + size * filler_share) if filler_share < 1 else 1.0
    while i < articles:
        if rng.random() < odds:
            language = rng.choice(("fr", "ar"))
            name = f"synthetic_{i:05d}_{language}"
            (out / f"{name}.txt").write_text(filler(rng, language), encoding="utf-8")
            events[name], i = f"filler-{i}", i + 1
            continue
        event = make_event(rng, number)
        number += 1
        for language, offset, facts in story_articles(rng, event, min(rng.randint(3, 12), articles - i)):
            name = f"synthetic_{i:05d}_{language}"
            (out / f"{name}.txt").write_text(render(event, language, offset, facts, rng), encoding="utf-8")
            events[name], i = f"event-{event.number}", i + 1
    out.with_name(out.name + ".events.json").write_text(json.dumps(events, indent=0), encoding="utf-8")
    return events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=Path("bench/out/corpus"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--filler", type=float, default=0.2, help="share of articles about no event")
    args = parser.parse_args()
    events = write_corpus(args.out, args.articles, args.seed, args.filler)
    stories = len({e for e in events.values() if e.startswith("event-")})
    print(f"wrote {args.articles} articles ({stories} stories) to {args.out}")


if __name__ == "__main__":
    main()
