"""The round of 2026-12-04: what a number counts, on sentences written for this test about no
event of the development sets: the words of a release or an exchange in four languages, bodies
found, a kind of people that is part of a toll, a lead that ends before a coordinated count."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.analysis.contradictions import analyse_article, load_vocabulary
from app.analysis.counters import different_counters
from app.analysis.figure_scopes import per_unit, place_name, place_of, running_total, story_setting
from app.analysis.figures import Figure, find_figures
from app.analysis.numeric_conflicts import compare, numeric_suggestions
from app.analysis.relatedness import place_key


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return load_vocabulary()


READINGS = [  # (language, sentence, the metric of each figure in order)
    # a release, a handover, an exchange, a return home, a repatriation
    ("en", "The rebels handed over 40 hostages to the Red Crescent on Monday.", ["released"]),
    ("en", "Twelve fishermen were repatriated after the court's ruling.", ["released"]),
    ("en", "The deal brought home 57 sailors held since March.", ["released"]),
    ("fr", "Le groupe armé a libéré 40 otages lundi.", ["released"]),
    ("fr", "Douze pêcheurs rapatriés sont arrivés à l'aéroport.", ["released"]),
    ("fr", "Le gouvernement affirme avoir récupéré 57 marins.", ["released"]),
    ("ar", "أعلنت الحكومة عودة ٥٧ بحارا إلى البلاد.", ["released"]),
    ("ar", "جرى تبادل ٤٠ محتجزا بين الطرفين.", ["released"]),
    ("ru", "На родину возвращены 57 моряков.", ["released"]),
    ("ru", "Боевики освободили 40 заложников.", ["released"]),
    # bodies found: the dead
    ("fr", "Trois randonneurs ont été retrouvés sans vie dans le ravin.", ["killed"]),
    ("en", "Three climbers were found dead near the summit.", ["killed"]),
    ("ru", "Три альпиниста найдены мертвыми у вершины.", ["killed"]),
    # a kind of people named as part of a toll is counted as the toll counts
    ("fr", "L'incendie a fait 12 morts, dont deux policiers.", ["killed", "killed"]),
    ("en", "The attack killed 12 people, including two soldiers.", ["killed", "killed"]),
    # a lead ends at its own count: the next, coordinated, has its own verb
    ("en", "Police said 30 people had been arrested and 12 officers injured.",
     ["arrested", "injured"]),
    # a part of a kind of people counts what happened to it, said last in its clause
    ("en", "Officials said 12 of the miners they rescued were in hospital.", ["rescued"]),
    ("fr", "Trois des cinq marins portés disparus ont été retrouvés sans vie.", ["killed", "missing"]),
    # a part marker after a count introduces the next count, a part of that one
    ("en", "Organisers counted 800,000 marchers in 120 towns; police put the turnout at 400,000, "
           "including 50,000 in the capital.", ["protesters", "villages", "protesters", "protesters"]),
    # a percentage names what it measures anywhere earlier in its sentence, as money does
    ("ru", "Безработица, по данным статистического ведомства, составила 7,2%.", ["unemployment"]),
    ("fr", "L'inflation, selon l'institut national, a atteint 9,4 % sur un an.", ["inflation"]),
    # cases the hospitals received are the hospitalised
    ("ar", "سجلت السلطات ٣٠٠ حالة تسمم استقبلتها مستشفيات المدينة.", ["hospitalised"]),
    # an electoral adjective is no voter: the noun after it is counted
    ("ru", "Нарушения выявлены на 37 избирательных участках.", ["участок"]),
    ("ru", "Проголосовали 120 тысяч избирателей.", ["voters"]),
    # prisoners of war are no soldiers deployed: "военнопленных" is not a form of "военные"
    ("ru", "В плену остаются 300 военнопленных.", ["prisoners"]),
    ("ru", "В регион направлены 300 военных.", ["troops_deployed"]),
    # those a workplace employs are its jobs
    ("en", "The mill, which employs about 900 people, will close in June.", ["jobs"]),
    ("fr", "L'usine, qui emploie quelque 900 personnes, fermera en juin.", ["jobs"]),
    ("ru", "На заводе работают около 900 человек.", ["jobs"]),
]


@pytest.mark.parametrize("language, text, expected", READINGS)
def test_what_a_number_counts(language, text, expected, vocab) -> None:  # type: ignore[no-untyped-def]
    got = [f.metric for f in find_figures(0, text, language=language, vocab=vocab.figures)]
    assert got == expected


def _toll(value, qualifier="exact", update=False) -> Figure:  # type: ignore[no-untyped-def]
    return Figure(0, 0, 1, "x", "killed", value, None, qualifier, None, None, update, False,
                  "people", None)


def test_an_open_bound_passed_by_a_new_count_is_an_update() -> None:
    # "at least 14" then "the toll rose to 16": past the bound, but said to be a new count
    assert compare(_toll(14, "at_least"), _toll(16, update=True)) == "beyond"
    assert compare(_toll(14, "at_least"), _toll(16)) is None  # 16 is "at least 14"
    assert compare(_toll(14, "at_least"), _toll(14, update=True)) is None


@pytest.mark.parametrize("language, text", [
    ("fr", "Le bilan s'est alourdi à 16 morts."),
    ("en", "The death toll increased to 16."),
])
def test_a_toll_that_grew_is_a_new_count(language, text, vocab) -> None:  # type: ignore[no-untyped-def]
    assert [f.update for f in find_figures(0, text, language=language, vocab=vocab.figures)] == [True]


@dataclass(frozen=True)
class _Mention:
    paragraph: int
    start: int
    end: int
    actor: str
    kind: str


def _article(id: str, text: str, language: str, place: str, actor: str, vocab):  # type: ignore[no-untyped-def]
    at = text.index(place)
    return analyse_article(id, [text], language=language, vocab=vocab,
                           mentions=[_Mention(0, at, at + len(place), actor, "place")])


def test_a_place_is_one_place_in_every_script_the_gazetteer_knows(vocab) -> None:  # type: ignore[no-untyped-def]
    # the skeletons of Athens and Афины differ, and the two mentions' actors stayed apart
    en = _article("en", "More than 30,000 people were evacuated north of Athens on Tuesday.", "en",
                  "Athens", "Athens", vocab)
    ru = _article("ru", "В среду к северу от Афин эвакуированы 45 тысяч человек.", "ru",
                  "Афин", "Афины", vocab)
    assert place_name(ru, ru.mentions[0]) == ("Athens", "place")
    assert story_setting([en, ru]) == {place_key("Athens")}
    assert place_of(ru, ru.figures[0], set()) == place_of(en, en.figures[0], set())


def test_a_name_joined_to_an_adjective_scopes_no_count(vocab) -> None:  # type: ignore[no-untyped-def]
    art = _article("a", "A Lyon-based charity estimated that 4,000 families had lost their homes.",
                   "en", "Lyon", "Lyon", vocab)
    assert place_of(art, art.figures[0], set()) is None


@pytest.mark.parametrize("language, text", [
    ("en", "Up to 5,000 people were homeless, aid groups said."),
    ("en", "As many as 5,000 people were homeless."),
    ("fr", "Jusqu'à 5 000 personnes sont sans abri."),
])
def test_up_to_is_an_estimate_near_its_number(language, text, vocab) -> None:  # type: ignore[no-untyped-def]
    # "up to 40,000 homeless" is set against "10,000 to 15,000": no bound all lower counts meet
    (f,) = find_figures(0, text, language=language, vocab=vocab.figures)
    assert f.qualifier == "about"


@pytest.mark.parametrize("language, text, per", [
    ("fr", "Le gouvernement versera 50 000 dinars à chaque famille de victime.", True),
    ("en", "Miners earn about 300,000 tenge a month.", True),
    ("ar", "ستصرف الحكومة ٥٠ ألف جنيه لكل أسرة.", True),
    ("ru", "Власти выплатят по 50 тысяч рублей каждой семье погибших.", True),
    ("en", "The government will pay 50 million dollars to the families.", False),
    ("en", "Each side handed over 150 prisoners.", False),
])
def test_an_amount_for_each_is_a_rate(language, text, per, vocab) -> None:  # type: ignore[no-untyped-def]
    (f,) = find_figures(0, text, language=language, vocab=vocab.figures)
    assert per_unit(text, f.end, vocab.figures.lang(language)) is per


def test_a_rate_is_never_set_against_a_total(vocab) -> None:  # type: ignore[no-untyped-def]
    a = analyse_article("a", ["The state pledged 2 million dollars in aid to the region."],
                        language="en", mentions=[], vocab=vocab)
    b = analyse_article("b", ["L'État versera 5 000 dollars d'aide à chaque famille sinistrée."],
                        language="fr", mentions=[], vocab=vocab)
    c = analyse_article("c", ["The state pledged 5,000 dollars in aid to each family."],
                        language="en", mentions=[], vocab=vocab)
    assert [f.metric for f in a.figures + b.figures + c.figures] == ["aid", "aid", "aid"]
    d = analyse_article("d", ["The state pledged 9 million dollars in aid to the region."],
                        language="en", mentions=[], vocab=vocab)
    assert numeric_suggestions([a, b], {("a", "b")}, set(), vocab) == []
    assert numeric_suggestions([a, c], {("a", "c")}, set(), vocab) == []
    assert len(numeric_suggestions([a, d], {("a", "d")}, set(), vocab)) == 1  # two totals clash


def test_a_company_and_a_union_are_two_counters() -> None:
    assert different_counters("the company", "the miners' union", "en", "en")
    assert different_counters("руководство предприятия", "профсоюз", "ru", "ru")
    assert not different_counters("the company", "a company spokesman", "en", "en")


@pytest.mark.parametrize("language, sentence, total", [
    ("en", "The agency said 4,000 people had been freed since the start of the war.", True),
    ("ru", "С начала года в регионе погибли 1200 человек.", True),
    ("ar", "أفرج عن ٤٠٠٠ شخص منذ بداية الأزمة.", True),
    ("fr", "Plus de 3 000 personnes ont été libérées depuis 2022.", True),
    ("en", "Cases reached 9,000 since the outbreak was declared on 28 July.", False),
    ("en", "The company offered a 15% raise from January.", False),
])
def test_a_count_since_a_long_span_is_a_running_total(language, sentence, total, vocab) -> None:  # type: ignore[no-untyped-def]
    assert (running_total(sentence, vocab.figures.lang(language)) == "since:span") is total


@pytest.mark.parametrize("language, text", [
    ("en", "The blast hit at 0415 GMT, killing 12 people."),
    ("ru", "Толчки начались в 0342 мск, погибли 12 человек."),
])
def test_a_clock_time_with_its_time_zone_is_no_figure(language, text, vocab) -> None:  # type: ignore[no-untyped-def]
    assert [f.text for f in find_figures(0, text, language=language, vocab=vocab.figures)] == ["12"]
