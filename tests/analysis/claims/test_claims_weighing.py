"""Numeric contradictions weighed by scope and source: parts, counters, updates, rounding and
restated figures, on small articles written for this test (figures given, so only the weighing is
tested), in French, English, Arabic and Russian."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.analysis.contradictions import analyse_article, load_vocabulary
from app.analysis.figures import Figure
from app.analysis.numeric_conflicts import compare, numeric_suggestions
from app.analysis.suggestion import Passage, Suggestion, group_suggestions


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return load_vocabulary()


def fig(value, qualifier="exact", population=None, period=None, update=False, high=None,
        approximate=False, unit=None, source=None) -> Figure:
    return Figure(0, 0, 1, "x", "killed", value, high, qualifier, population, period, update,
                  approximate, unit, source)


def article(aid, lang, paras, figures, vocab, published=None):  # type: ignore[no-untyped-def]
    """An analysed article whose figures are the given (paragraph, quote, metric, value, extra)."""
    a = analyse_article(aid, paras, language=lang, mentions=[], vocab=vocab, published=published)
    out = []
    for p, quote, metric, value, extra in figures:
        start = paras[p].index(quote)
        out.append(Figure(p, start, start + len(quote), quote, metric, value,
                          extra.get("high"), extra.get("qualifier", "exact"), None, None,
                          extra.get("update", False), extra.get("approximate", False),
                          extra.get("unit"), extra.get("source")))
    return replace(a, figures=tuple(out))


def suggest(arts, vocab):  # type: ignore[no-untyped-def]
    """Every pair of these articles tells one story; none is a version of another."""
    related = {(a.id, b.id) for i, a in enumerate(arts) for b in arts[i + 1:]}
    return numeric_suggestions(arts, related, set(), vocab)


def test_compare_follows_qualifiers_populations_scopes_and_days():
    assert compare(fig(164, "about"), fig(20, "tens_of", high=99)) == "clash"
    assert compare(fig(164, "about"), fig(150, "about")) is None
    assert compare(fig(164, "about"), fig(200, "at_least")) == "clash"
    assert compare(fig(164, "about"), fig(18, "at_least", "security forces")) is None  # a part
    assert compare(fig(12), fig(40, population="protesters")) == "part"  # a part above its whole
    assert compare(fig(26, population="criminals"), fig(36, population="protesters")) is None
    assert compare(fig(12), fig(4), kf="day:3", kg="day:5") is None
    assert compare(fig(600), fig(61), kf="year:2017") is None  # another year: another event
    assert compare(fig(12), fig(4), "Lyon", "Lille") is None
    assert compare(fig(40_000), fig(600_000), "Lyon", None) is None  # a city in the nation
    assert compare(fig(40_000), fig(600_000), "part", None) is None
    assert compare(fig(2500), fig(20, "tens_of", high=99), policy="same_population") is None
    assert compare(fig(12, unit="km"), fig(40, unit="percent")) is None


def test_restated_figures_and_overlapping_vague_amounts_agree():
    assert compare(fig(2_450_000), fig(2450000.0)) is None
    assert compare(fig(1_200_000), fig(1.2e6)) is None
    assert compare(fig(100, approximate=True, high=1000), fig(300)) is None
    assert compare(fig(100, approximate=True), fig(700)) is None  # "des centaines"
    assert compare(fig(10, approximate=True, high=100), fig(3000)) == "clash"


def test_rounding_level_gaps_are_minor():
    assert compare(fig(5.9, unit="magnitude"), fig(6, unit="magnitude")) == "minor"
    assert compare(fig(40, unit="km"), fig(42, unit="km")) == "minor"
    assert compare(fig(19), fig(21)) == "clash"  # two more dead is no rounding
    assert compare(fig(10), fig(20)) == "clash"


def test_a_city_is_a_part_only_of_a_count_that_says_it_is_national(vocab):
    fr = ["Selon la police, 40 000 personnes ont défilé à Marseille."]
    en = ["Police said 250,000 people marched nationwide."]
    ru = ["По данным полиции, в демонстрации приняли участие 250 000 человек."]
    place = type("M", (), {"paragraph": 0, "kind": "place", "actor": "Marseille"})
    one = article("fr", "fr", fr, [(0, "40 000", "protesters", 40_000, {})], vocab)
    one = replace(one, mentions=(replace_mention(place, fr[0].index("Marseille")),))
    assert suggest([one, article("en", "en", en, [(0, "250,000", "protesters", 250_000, {})], vocab)],
                   vocab) == []
    (s,) = suggest([one, article("ru", "ru", ru, [(0, "250 000", "protesters", 250_000, {})], vocab)],
                   vocab)  # the place is the story's: one count
    assert s.strength == "strong"


def replace_mention(kind, start):  # type: ignore[no-untyped-def]
    m = kind()
    m.start, m.end = start, start + len(m.actor)
    return m


def test_a_part_of_a_national_count_is_no_conflict(vocab):
    fr = ["Selon le ministère de l'Intérieur, 600 000 personnes ont manifesté jeudi dans tout le "
          "pays, dont 40 000 à Lyon."]
    en = ["Some 600,000 people marched across the country on Thursday, the interior ministry said."]
    ar = ["وقالت وزارة الداخلية إن 600 ألف شخص تظاهروا في أنحاء البلاد، بينهم 40 ألفا في ليون."]
    arts = [article("fr", "fr", fr, [(0, "600 000", "protesters", 600_000, {}),
                                     (0, "40 000", "protesters", 40_000, {})], vocab),
            article("en", "en", en, [(0, "600,000", "protesters", 600_000, {})], vocab),
            article("ar", "ar", ar, [(0, "600 ألف", "protesters", 600_000, {}),
                                     (0, "40 ألفا", "protesters", 40_000, {})], vocab)]
    assert suggest(arts, vocab) == []


def test_different_counters_on_one_count_are_strong(vocab):
    fr = ["Les syndicats revendiquent 1,2 million de manifestants dans toute la France mardi."]
    en = ["Police counted 450,000 protesters nationwide on Tuesday."]
    arts = [article("fr", "fr", fr, [(0, "1,2 million", "protesters", 1_200_000,
                                      {"source": "les syndicats"})], vocab),
            article("en", "en", en, [(0, "450,000", "protesters", 450_000,
                                      {"source": "Police"})], vocab)]
    (s,) = suggest(arts, vocab)
    assert s.strength == "strong" and "different counters" in s.reason
    assert "1,200,000" in s.reason and "450,000" in s.reason and "62% apart" in s.reason
    assert 3 < s.score < 4


def test_organisers_and_police_in_one_article_are_strong(vocab):
    ru = ["По данным организаторов, на митинг вышли 60 000 человек, по данным полиции — 15 000."]
    arts = [article("ru", "ru", ru, [(0, "60 000", "protesters", 60_000, {"source": "организаторов"}),
                                     (0, "15 000", "protesters", 15_000, {"source": "полиции"})],
                    vocab)]
    (s,) = suggest(arts, vocab)
    assert s.strength == "strong" and len(s.passages) == 2


def test_successive_official_tolls_are_a_soft_update_read_as_a_timeline(vocab):
    en = ["Floods killed 19 people in the north, the civil protection agency said."]
    fr = ["Le bilan des inondations s'élève à 31 morts, selon la protection civile."]
    arts = [article("en", "en", en, [(0, "19", "killed", 19, {"source": "civil protection"})],
                    vocab, published="2024-03-05T10:00"),
            article("fr", "fr", fr, [(0, "31", "killed", 31, {"source": "la protection civile"})],
                    vocab, published="2024-03-05T18:00")]
    (s,) = suggest(arts, vocab)
    assert s.strength == "soft" and "19 (Tue 10:00" in s.reason and "→ 31 (Tue 18:00" in s.reason
    assert 2 <= s.score < 3


def test_a_new_count_is_an_update_unless_another_kind_of_counter_gives_it(vocab):
    ar = ["وارتفع عدد القتلى إلى 42 شخصا، وفقا لوزارة الصحة."]
    en = ["At least 25 people were killed, the health ministry said."]
    mk = lambda src: [article("ar", "ar", ar, [(0, "42", "killed", 42, {"update": True, "source": src})], vocab),  # noqa: E731
                      article("en", "en", en, [(0, "25", "killed", 25, {"source": "the health ministry"})], vocab)]
    (s,) = suggest(mk("وزارة الصحة"), vocab)
    assert s.strength == "soft" and "a new count" in s.reason
    (s,) = suggest(mk("منظمة العفو الدولية"), vocab)  # an NGO's count against the ministry's
    assert s.strength == "strong" and "different counters" in s.reason


def test_undated_steps_of_a_moving_toll_join_its_timeline(vocab):
    texts = {"en": ["The quake killed at least 37 people, state media said."],
             "fr": ["Le bilan s'élève désormais à 61 morts, selon les autorités."],
             "ru": ["Число погибших достигло 88 человек, сообщили власти."]}
    arts = [article("en", "en", texts["en"], [(0, "37", "killed", 37, {})], vocab),
            article("fr", "fr", texts["fr"], [(0, "61", "killed", 61, {"update": True})], vocab),
            article("ru", "ru", texts["ru"], [(0, "88", "killed", 88, {})], vocab)]
    (s,) = suggest(arts, vocab)
    assert s.strength == "soft" and len(s.passages) == 3
    assert s.reason.startswith("killed: 37 (en ¶0) → 61 (a new count; fr ¶0) → 88 (ru ¶0)")


def test_rounding_gaps_between_languages_are_minor(vocab):
    en = ["The earthquake had a magnitude of 5.9 and struck 40 km from the coast."]
    ru = ["Землетрясение магнитудой 6 произошло в 42 км от побережья."]
    arts = [article("en", "en", en, [(0, "5.9", "magnitude", 5.9, {"unit": "magnitude"}),
                                     (0, "40", "distance", 40, {"unit": "km"})], vocab),
            article("ru", "ru", ru, [(0, "6", "magnitude", 6, {"unit": "magnitude"}),
                                     (0, "42", "distance", 42, {"unit": "km"})], vocab)]
    out = suggest(arts, vocab)
    assert sorted(s.topic for s in out) == ["metric:distance", "metric:magnitude"]
    assert all(s.strength == "minor" and "rounding" in s.reason and s.score < 2 for s in out)


def test_the_same_figure_restated_in_other_formats_and_languages_is_no_suggestion(vocab):
    fr = ["La CGT revendique 2 450 000 manifestants et 1,2 million de grévistes."]
    en = ["The CGT union claimed 2,450,000 protesters and 1.2 million strikers."]
    ar = ["وأعلنت النقابة مشاركة مليونان و٤٥٠ ألفا من المتظاهرين و١٫٢ مليون مضرب."]
    figs = {"fr": ("2 450 000", "1,2 million"), "en": ("2,450,000", "1.2 million"),
            "ar": ("مليونان و٤٥٠ ألفا", "١٫٢ مليون")}
    texts = {"fr": fr, "en": en, "ar": ar}
    arts = [article(k, k, texts[k], [(0, a, "protesters", 2_450_000, {"source": "CGT"}),
                                     (0, b, "strikers", 1.2e6, {})], vocab) for k, (a, b) in figs.items()]
    assert suggest(arts, vocab) == []


def test_grouping_merges_one_point_and_sorts_strong_first():
    p = lambda a, n: Passage(a, n, 0, 1, "x")  # noqa: E731
    one = Suggestion("framing", "a", (p("a", 1), p("b", 1)), strength="strong", score=3.1, topic="frames")
    two = Suggestion("framing", "b", (p("b", 1), p("c", 2)), strength="strong", score=3.2, topic="frames")
    apart = Suggestion("framing", "c", (p("x", 1), p("y", 1)), strength="strong", score=3.0, topic="frames")
    minor = Suggestion("numeric", "d", (p("a", 1), p("c", 1)), strength="minor", score=1.1, topic="metric:x")
    soft = Suggestion("stance", "e", (p("a", 3), p("b", 3)), strength="soft", score=2.0)
    out = group_suggestions([minor, one, soft, two, apart])
    assert [s.reason for s in out] == ["b", "c", "e", "d"]
    assert {(q.article, q.paragraph) for q in out[0].passages} == {("a", 1), ("b", 1), ("c", 2)}


def test_a_count_past_an_open_bound_is_an_update_only_when_the_story_moved_on(vocab):
    fr = ["Plus de 30 000 personnes ont été évacuées, selon la protection civile."]
    ru = ["По данным МЧС, эвакуированы уже 45 тысяч человек."]
    mk = lambda when_fr, when_ru: [  # noqa: E731
        article("fr", "fr", fr, [(0, "30 000", "evacuated", 30_000, {"qualifier": "more_than"})], vocab,
                published=when_fr),
        article("ru", "ru", ru, [(0, "45 тысяч", "evacuated", 45_000, {})], vocab, published=when_ru)]
    (s,) = suggest(mk("2025-07-21T09:00", "2025-07-22T08:00"), vocab)
    assert s.strength == "soft" and "more than 30,000 (Mon 09:00" in s.reason
    assert suggest(mk(None, None), vocab) == []  # both may hold
