"""Rules that make figures' metrics and their comparison hold on articles about new events: what
happened to those counted is said closest to them, a kind of people yields to what happened to
them, hedged round figures against the values they round, places in any script, and concepts
reporters use for one count. Sentences written for this test, about no event of the corpus."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.analysis.contradictions import analyse_article, load_vocabulary
from app.analysis.counters import is_increment, stamped
from app.analysis.figures import Figure, find_figures, period_key, settings
from app.analysis.numeric_conflicts import compare, numeric_suggestions
from app.analysis.relatedness import place_key


@dataclass(frozen=True)
class _Place:
    paragraph: int
    start: int
    end: int
    actor: str
    kind: str


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return load_vocabulary()


def metrics(text: str, language: str, vocab) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f.text, f.metric) for f in find_figures(0, text, language=language,
                                                     vocab=vocab.figures)]


def fig(value, qualifier="exact", unit=None) -> Figure:  # type: ignore[no-untyped-def]
    return Figure(0, 0, 1, "x", "distance", value, None, qualifier, None, None, False, False,
                  unit, None)


READINGS = [  # (language, sentence, the metric of each figure in order)
    # what happened to those counted is said closest to them
    # a verb in the number's own clause says more than a topic earlier in the sentence
    ("fr", "Selon le dernier bilan, 30 personnes sont toujours portées disparues.", ["missing"]),
    ("en", "According to the latest toll, 30 people are still missing.", ["missing"]),
    ("ar", "وبحسب الحصيلة الأخيرة، لا يزال ٣٠ شخصا في عداد المفقودين.", ["missing"]),
    ("ru", "По последним данным о числе погибших, 30 человек пропали без вести.", ["missing"]),
    # but not a verb of another clause ("as", "alors que", "когда")
    ("en", "The death toll climbed to nine as rescuers searched for the missing.", ["killed"]),
    ("fr", "Le bilan s'élève à neuf alors que les secours cherchent les disparus.", ["killed"]),
    # a kind of people yields to what happened to them
    ("fr", "Au moins 1 412 migrants sont morts en mer depuis janvier.", ["killed"]),
    ("ru", "С начала года погибли 1412 мигрантов.", ["killed"]),
    ("en", "The navy rescued more than 2,000 migrants last month.", ["rescued"]),
    ("ru", "Задержаны 17 участников акции.", ["arrested"]),
    ("en", "About 300 students were evacuated from the campus.", ["evacuated"]),
    # a kind of people doing what its kind does stays itself; a word for anyone does not
    ("fr", "Entre 12 000 et 15 000 grévistes se sont rassemblés.", ["strikers"]),
    ("en", "Thousands of workers walked off the job.", ["strikers"]),
    ("fr", "Quelque 800 migrants attendent à la frontière.", ["migrants"]),
    # general vocabulary, and generic words that count what their sentence says
    # bodies recovered are the dead
    ("fr", "Les plongeurs ont repêché neuf corps.", ["killed"]),
    ("en", "Divers recovered 12 bodies from the river.", ["killed"]),
    ("ar", "تم انتشال خمس جثث من البحر.", ["killed"]),
    # what was done to those counted, said before them
    ("fr", "Les secours ont pu sauver 22 personnes.", ["rescued"]),
    ("ru", "Спасти удалось 22 человека.", ["rescued"]),
    ("en", "Hundreds of patients had been admitted to the wards.", ["hospitalised"]),
    ("fr", "Entre 300 et 400 patients sont admis chaque jour.", ["hospitalised"]),
    ("fr", "La guerre a chassé de chez eux plus de 11 millions de personnes.", ["displaced"]),
    ("ar", "نحو ثلاثة ملايين شخص بحاجة إلى مياه شرب آمنة.", ["affected"]),
    ("en", "About 3 million people are in need of clean water.", ["affected"]),
    ("ru", "Продукты за год подорожали на 12,5%.", ["inflation"]),
    ("en", "The vaccination campaign aims to reach about 2 million people.", ["vaccinated"]),
    # doses are things, not people vaccinated
    ("en", "The ministry received 1.2 million doses of vaccine.", ["dose"]),
    # a generic word ("cases", "حالة") counts what its sentence says
    ("ar", "ارتفع عدد الوفيات إلى ٣٣١ حالة.", ["killed"]),
    ("fr", "Le nombre de décès est passé à 40 cas.", ["killed"]),
    ("fr", "On compte 9 000 cas suspects.", ["infected"]),
    ("en", "Children under five made up 28% of suspected cases.", ["share"]),
    ("fr", "Près de 30 % des vols ont été annulés.", ["flights_cancelled"]),
    # a count told again by another source, or after its verb
    ("ru", "По данным министерства, бастовали 28,7% учителей.", ["strikers"]),  # the verb first
    ("en", ("In schools, 28.7% of teachers were on strike, according to the ministry, while the "
            "union put the figure at 60%."), ["strikers", "strikers"]),  # another source's value
    ("fr", "La préfecture a compté 12 000 manifestants ; le syndicat évalue leur nombre à 40 000.",
     ["protesters", "protesters"]),
    ("en", "The company said only about 1,200 workers were taking part.", ["protesters"]),
    # leaving home, compensation, money's concept, Russian heads, the next number's verb
    ("fr", "L'incendie a contraint plus de 30 000 personnes à quitter leur domicile.", ["displaced"]),
    ("ar", "أجبر الحريق أكثر من 30 ألف شخص على مغادرة منازلهم.", ["displaced"]),
    ("ru", "Наводнение вынудило покинуть дома более 70 тысяч человек.", ["displaced"]),
    ("ru", "Семьи погибших получат компенсацию в размере 100 тысяч фунтов.", ["aid"]),
    ("en", "Each family will receive compensation of 5,000 dollars.", ["aid"]),
    ("en", "The region sent 75 ambulances.", ["vehicles"]),
    # money names what it is worth anywhere earlier in its sentence
    ("ru", "Ущерб, по предварительным оценкам страховщиков, составит десятки миллионов евро.",
     ["damage_cost"]),
    ("fr", "Les dégâts, selon les assureurs, atteindraient 40 millions d'euros.", ["damage_cost"]),
    # a Russian noun phrase opens with its head: the genitive after it is another noun
    ("ru", "Горняки бастуют на восьми шахтах компании.", ["шахта"]),
    ("ru", "Мы получаем сотни сигналов бедствия каждый месяц.", ["сигнал"]),
    # the verb right before the next number is that number's
    ("ru", "Несколько десятков человек пытались прорваться в здание, задержаны 17 участников.",
     ["человек", "arrested"]),
    # parts and phrases of what happened
    ("ru", "Власти считают пропавшими без вести 25 человек.", ["missing"]),
    ("en", "Some 4,500 coal miners stayed off work for a fourth day.", ["strikers"]),
    # a part named by a kind of people outside the vocabulary counts what its whole counts
    ("fr", "Les secours ont pu sauver 22 personnes, dont quatre mineurs non accompagnés.",
     ["rescued", "rescued"]),
    ("en", "At least 30 people were killed, including six teachers.", ["killed", "killed"]),
    # a period after an abbreviation ends no sentence
    ("ru", "В 2024 году Италия приняла более 66 тыс. мигрантов, прибывших морем.", ["migrants"]),
    ("ru", "Правительство выделило 50 млн. рублей помощи.", ["aid"]),
    # a part named by its whole
    ("en", "Kassala accounted for 3,150 of the suspected cases, and Gedaref for 2,040.",
     ["infected", "infected"]),
    ("en", "Twelve of the injured remain in a critical condition.", ["injured"]),
    # an Arabic verb before its subject
    ("ar", "اعتقلت قوات الأمن ١٥٤ شخصا في أنحاء البلاد.", ["arrested"]),  # the verb before its subject
    ("ar", "أجلت السلطات المحلية نحو ٣٠٠٠ شخص من القرى.", ["evacuated"]),
    ("ar", "ضرب زلزال بقوة ٦٫١ درجة المنطقة.", ["magnitude"]),
]


@pytest.mark.parametrize("language, text, expected", READINGS)
def test_what_a_number_counts(language, text, expected, vocab) -> None:  # type: ignore[no-untyped-def]
    assert [m for _, m in metrics(text, language, vocab)] == expected


def test_a_hedged_round_figure_against_a_value_it_rounds_is_minor() -> None:
    assert compare(fig(40, "about", "km"), fig(42, unit="km")) == "minor"
    assert compare(fig(3000, "about"), fig(2800)) == "minor"
    assert compare(fig(10_000, "about"), fig(9820)) == "minor"
    assert compare(fig(1200, "about"), fig(1200)) is None  # the same value: an agreement
    assert compare(fig(2_000_000, "about"), fig(2_400_000)) is None  # within the hedge, not rounding
    assert compare(fig(164, "about"), fig(150, "about")) is None


def test_places_compare_in_any_script() -> None:
    assert place_key("Zouara") == place_key("زوارة") == place_key("Зуара")
    assert place_key("Lampedusa") == place_key("Лампедузы")
    assert place_key("Kassala") != place_key("Gedaref")


def test_concepts_reporters_use_for_one_count_are_compared(vocab) -> None:  # type: ignore[no-untyped-def]
    a = analyse_article("a", ["По данным полиции, задержаны 17 человек."], language="ru",
                        mentions=[], vocab=vocab)
    b = analyse_article("b", ["The union said more than 40 people were detained."],
                        language="en", mentions=[], vocab=vocab)
    assert {f.metric for f in a.figures + b.figures} == {"arrested", "detained"}
    found = numeric_suggestions([a, b], {("a", "b")}, set(), vocab)
    assert [sorted(p.text for p in s.passages) for s in found] == [["17", "more than 40"]]


def test_an_outbreak_makes_an_ambiguous_word_a_case_of_infection(vocab) -> None:  # type: ignore[no-untyped-def]
    blast = ["أسفر الانفجار عن ٤٠ إصابة في صفوف العمال."]
    outbreak = ["أعلنت الوزارة تفشي الكوليرا في الولاية.", "سجلت الوزارة ٩٬٨٢٠ إصابة."]
    assert settings(blast, language="ar", vocab=vocab.figures) == frozenset()
    assert [f.metric for f in analyse_article("b", blast, language="ar", mentions=[],
                                              vocab=vocab).figures] == ["injured"]
    assert [f.metric for f in analyse_article("o", outbreak, language="ar", mentions=[],
                                              vocab=vocab).figures] == ["infected"]
    fr = ["L'épidémie progresse.", "Le ministère compte 120 malades."]
    assert settings(fr, language="fr", vocab=vocab.figures) == {"infected"}


def test_evacuated_and_forced_from_their_homes_are_one_count(vocab) -> None:  # type: ignore[no-untyped-def]
    a = analyse_article("a", ["Selon la préfecture, 3 000 personnes ont été évacuées."],
                        language="fr", mentions=[], vocab=vocab)
    b = analyse_article("b", ["The Red Cross said about 5,000 people were forced from their homes."],
                        language="en", mentions=[], vocab=vocab)
    assert "displaced" in {f.metric for f in b.figures}
    assert numeric_suggestions([a, b], {("a", "b")}, set(), vocab)


@pytest.mark.parametrize("language, text", [
    ("ar", "سجلت الوزارة ٩٬٨٢٠ إصابة منذ إعلان تفشي الوباء في ٢٨ يوليو."),
    ("en", "It recorded 9,480 cases since the outbreak was declared on 28 July."),
    ("fr", "Le ministère recense 331 décès depuis la déclaration de l'épidémie le 28 juillet."),
])
def test_a_date_since_which_a_count_runs_is_no_day_of_the_count(language, text, vocab) -> None:  # type: ignore[no-untyped-def]
    (f,) = find_figures(0, text, language=language, vocab=vocab.figures)
    assert f.period and period_key(f.period, language=language, vocab=vocab.figures) is None
    (g,) = find_figures(0, "Le ministère a recensé 40 morts mardi 3 mars.", language="fr",
                        vocab=vocab.figures)
    assert period_key(g.period, language="fr", vocab=vocab.figures) is not None


def test_a_total_is_the_whole_a_place_is_part_of(vocab) -> None:  # type: ignore[no-untyped-def]
    a = analyse_article("a", ["بلغ إجمالي الإصابات ٩٬٨٠٠ إصابة بالكوليرا."], language="ar",
                        mentions=[], vocab=vocab)
    b = analyse_article("b", ["Kassala state accounted for 3,150 cholera cases."], language="en",
                        mentions=[_Place(0, 0, 7, "Kassala", "place")], vocab=vocab)
    assert {f.metric for f in a.figures + b.figures} == {"infected"}
    assert numeric_suggestions([a, b], {("a", "b")}, set(), vocab) == []


def test_two_shares_of_one_article_are_shares_of_two_wholes(vocab) -> None:  # type: ignore[no-untyped-def]
    one = analyse_article("a", [("UNICEF said children made up 28% of suspected cases. The "
                                 "fatality rate stood at 3.3%, the WHO said.")], language="en",
                          mentions=[], vocab=vocab)
    assert [f.metric for f in one.figures] == ["share", "share"]
    assert numeric_suggestions([one], set(), set(), vocab) == []
    other = analyse_article("b", ["Selon l'Unicef, 35 % des cas suspects concernent des enfants."],
                            language="fr", mentions=[], vocab=vocab)
    assert numeric_suggestions([one, other], {("a", "b")}, set(), vocab)  # across articles: yes


def test_an_adjective_before_the_counted_noun_names_no_group(vocab) -> None:  # type: ignore[no-untyped-def]
    (f,) = find_figures(0, "The ministry recorded 9,480 suspected cases nationwide.", language="en",
                        vocab=vocab.figures)
    assert (f.metric, f.population) == ("infected", None)
    (g,) = find_figures(0, "Selon la police, 26 criminels armés ont été tués.", language="fr",
                        vocab=vocab.figures)
    assert (g.metric, g.population) == ("killed", "armed criminals")


def test_counts_of_people_no_concept_names_are_compared_with_nothing(vocab) -> None:  # type: ignore[no-untyped-def]
    a = analyse_article("a", ["По данным профсоюза, около 1 800 человек остаются под землёй."],
                        language="ru", mentions=[], vocab=vocab)
    b = analyse_article("b", ["По данным полиции, несколько десятков человек пытались прорваться."],
                        language="ru", mentions=[], vocab=vocab)
    assert {f.metric for f in a.figures + b.figures} == {"человек"}
    assert numeric_suggestions([a, b], {("a", "b")}, set(), vocab) == []


@pytest.mark.parametrize("published, lines, expected", [
    ("2026-09-13", ["Title", ("Published 13 September 2026, 09:20 GMT | Updated 13 September "
                              "2026, 11:45 GMT")], (9, 20)),
    ("2026-09-13", ["نُشر في: ١٣ سبتمبر ٢٠٢٦ - ٢٠:١٠ بتوقيت غرينتش"], (20, 10)),
    ("2026-11-19", ["November 19, 2026 8:15 PM GMT+5"], (20, 15)),
    ("2026-09-14", ["Publié le 14 septembre 2026 à 07h30, mis à jour à 08h05"], (7, 30)),
    ("2026-10-04", ["04.10.2026, 09:00 (обновлено 09:35)"], (9, 0)),
])
def test_the_stamp_line_gives_the_hour_of_publication(published, lines, expected) -> None:  # type: ignore[no-untyped-def]
    t, timed = stamped(published, lines)
    assert timed and (t.hour, t.minute) == expected
    assert stamped(published, ["Lecture : 3 min."])[1] is False


def _toll(aid, text, published, vocab, language="en"):  # type: ignore[no-untyped-def]
    return analyse_article(aid, [f"Published {published}", text], language=language, mentions=[],
                           vocab=vocab, published=published[:10])


def test_hours_apart_one_kind_of_counter_updates_two_counters_side_by_side_clash(vocab) -> None:  # type: ignore[no-untyped-def]
    morning = _toll("a", "The health ministry said 312 people had died.", "2026-09-13 09:20", vocab)
    evening = _toll("b", "The health ministry said 331 people had died.", "2026-09-13 20:10", vocab)
    (s,) = numeric_suggestions([morning, evening], {("a", "b")}, set(), vocab)
    assert s.strength == "soft"  # the ministry's toll moved on
    # the same hours apart, but an article gives both values from two sources: two counters
    both = _toll("c", "The ministry counted seven flooded villages, the governor said 12 "
                      "villages were flooded.", "2026-10-06 07:45", vocab)
    later = _toll("d", "Twelve villages were flooded, the ministry said.", "2026-10-06 19:30",
                  vocab)
    found = numeric_suggestions([both, later], {("c", "d")}, set(), vocab)
    assert found and {s.strength for s in found} == {"strong"}


def test_a_union_is_a_counter_apart_from_the_police(vocab) -> None:  # type: ignore[no-untyped-def]
    a = _toll("a", "Police said 17 people were detained. The union put the number at more than "
                   "40.", "2026-11-19 08:15", vocab)
    (s,) = numeric_suggestions([a], set(), set(), vocab)
    assert s.strength == "strong" and "different counters" in s.reason


def test_an_increment_is_no_total(vocab) -> None:  # type: ignore[no-untyped-def]
    a = analyse_article("a", ["ارتفعت الحصيلة بعد انتشال خمس جثث جديدة."], language="ar",
                        mentions=[], vocab=vocab)
    b = analyse_article("b", ["Береговая охрана сообщила о 14 погибших."], language="ru",
                        mentions=[], vocab=vocab)
    c = analyse_article("c", ["The coast guard said 5 people were killed."], language="en",
                        mentions=[], vocab=vocab)
    assert {f.metric for f in a.figures + b.figures + c.figures} == {"killed"}
    assert numeric_suggestions([a, b], {("a", "b")}, set(), vocab) == []  # five more of the 14
    assert numeric_suggestions([c, b], {("c", "b")}, set(), vocab)  # five in all: a clash
    assert not is_increment("300 or more people were killed", 0, 3, "en")


def test_a_part_named_by_its_whole_is_not_set_against_it(vocab) -> None:  # type: ignore[no-untyped-def]
    a = analyse_article("a", ["Five of the dead were children, the ministry said."], language="en",
                        mentions=[], vocab=vocab)
    b = analyse_article("b", ["Selon le ministère, 14 personnes ont été tuées."], language="fr",
                        mentions=[], vocab=vocab)
    assert {f.metric for f in a.figures + b.figures} == {"killed"}
    assert numeric_suggestions([a, b], {("a", "b")}, set(), vocab) == []
