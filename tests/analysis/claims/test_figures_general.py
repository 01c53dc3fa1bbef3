"""Figures of any kind in fr, en, ar and ru: numerals every way, units, ranges, qualifiers, vague
amounts, sources, unlisted nouns; and what is no figure (dates, ages, durations, ordinals)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.analysis.figures import FigureVocabulary, find_figures, load_figure_vocabulary

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def vocab() -> FigureVocabulary:
    return load_figure_vocabulary()


def figs(text: str, language: str, vocab: FigureVocabulary) -> list[tuple]:
    out = find_figures(0, text, language=language, vocab=vocab)
    for f in out:
        assert text[f.start:f.end] == f.text
    return [(f.text, f.metric, f.value, f.value_high, f.unit) for f in out]


CASES = [  # sentences written for this test, about no event of the seeds
    ("fr", "Près de 700’000 personnes ont été évacuées.",
     [("Près de 700’000", "evacuated", 700000, None, "people")]),
    ("fr", "Entre 12 000 et 15 000 grévistes se sont rassemblés.",
     [("Entre 12 000 et 15 000", "strikers", 12000, 15000, "people")]),
    ("fr", "Le feu a détruit 3\u202f400 hectares ; le navire transportait 45\u00a0000 tonnes de blé "
           "et 12 conteneurs.",
     [("3\u202f400", "area", 3400, None, "hectares"), ("45\u00a0000", "blé", 45000, None, "tonnes"),
      ("12", "conteneur", 12, None, "count")]),
    ("fr", "Le séisme, d'une magnitude de 6,4, s'est produit à 18 km de profondeur.",
     [("6,4", "magnitude", 6.4, None, "magnitude"), ("18", "depth", 18, None, "km")]),
    ("fr", "La Banque mondiale a débloqué 250 millions d'euros d'aide d'urgence.",
     [("250 millions", "aid", 250000000, None, "EUR")]),
    ("fr", "Quatre-vingt-douze maisons ont été détruites.",
     [("Quatre-vingt-douze", "buildings_damaged", 92, None, "count")]),
    ("en", "Some 9,000 firefighters were deployed and 1.5 million acres burned.",
     [("Some 9,000", "troops_deployed", 9000, None, "people"),
      ("1.5 million", "area", 1500000, None, "acres")]),
    ("en", "From 300 to 400 vehicles were torched.",
     [("300 to 400", "vehicles", 300, 400, "count")]),
    ("en", "The central bank raised its key rate to 16 percent.",
     [("16", "interest_rate", 16, None, "percent")]),
    ("en", "The government pledged $120 million in aid and 5,000 tonnes of rice.",
     [("$120 million", "aid", 120000000, None, "USD"), ("5,000", "rice", 5000, None, "tonnes")]),
    ("en", "Twenty-three migrants drowned and three hundred were rescued.",
     [("Twenty-three", "migrants", 23, None, "people"),
      ("three hundred", "rescued", 300, None, "people")]),
    ("ar", "قتل ١٢ شخصا وأصيب ثلاثة آلاف آخرون.",
     [("١٢", "killed", 12, None, "people"), ("ثلاثة آلاف", "injured", 3000, None, "people")]),
    ("ar", "بلغت نسبة المشاركة ٤٢٫٥٪ في الانتخابات.",
     [("٤٢٫٥", "turnout", 42.5, None, "percent")]),
    ("ar", "تضرر من 30 إلى 40 منزلا.", [("من 30 إلى 40", "buildings_damaged", 30, 40, "count")]),
    ("ar", "فاز المرشح بفارق أحد عشر صوتا.", [("أحد عشر", "votes", 11, None, "count")]),
    ("ar", "قدمت الدولة مساعدات بقيمة ١٫٢ مليون دولار.",
     [("١٫٢ مليون", "aid", 1200000, None, "USD")]),
    ("ar", "ضرب زلزال بقوة ٥٫٨ درجات على مقياس ريختر.",
     [("٥٫٨", "magnitude", 5.8, None, "magnitude")]),
    ("ar", "أصيب ۱۲ شخصا.", [("۱۲", "injured", 12, None, "people")]),  # Persian digits
    ("ru", "Погибли двадцать человек, ещё 150 получили ранения.",
     [("двадцать", "killed", 20, None, "people"), ("150", "injured", 150, None, "people")]),
    ("ru", "Более 300 полицейских задействованы в операции.",
     [("Более 300", "troops_deployed", 300, None, "people")]),
    ("ru", "Ущерб составил 1,5 млрд рублей.", [("1,5 млрд", "damage_cost", 1.5e9, None, "RUB")]),
    ("ru", "От 10 до 15 домов разрушены; пожар прошёл 500 гектаров в 12 км от города.",
     [("От 10 до 15", "buildings_damaged", 10, 15, "count"), ("500", "area", 500, None, "hectares"),
      ("12", "distance", 12, None, "km")]),
]


@pytest.mark.parametrize("language,text,expected", CASES, ids=[f"{c[0]}{i}" for i, c in
                                                               enumerate(CASES)])
def test_every_quantity_is_a_figure_with_its_unit(language, text, expected, vocab):
    assert figs(text, language, vocab) == expected


@pytest.mark.parametrize("language,text,qualifier", [
    ("fr", "Plus de 40 000 personnes ont manifesté.", "more_than"),
    ("en", "At least 27 people died.", "at_least"),
    ("ar", "شارك نحو ٣٥٠٠٠ متظاهر في المسيرة.", "about"),
    ("ar", "أرسلت الحكومة ما لا يقل عن ٥٠٠ جندي.", "at_least"),
    ("ar", "اعتقل أكثر من 200 شخص.", "more_than"),
    ("ru", "Около 2 тысяч человек эвакуированы.", "about"),
    ("ru", "Задержаны не менее пятисот протестующих.", "at_least"),
    ("ru", "Свыше 80 человек госпитализированы.", "more_than"),
])
def test_qualifiers(language, text, qualifier, vocab):
    (f,) = find_figures(0, text, language=language, vocab=vocab)
    assert f.qualifier == qualifier and not f.approximate


@pytest.mark.parametrize("language,text,value,high", [
    ("fr", "Des centaines de pompiers ont été déployés.", 100, 1000),
    ("fr", "Des milliers de personnes ont été évacuées.", 1000, 10000),
    ("en", "Hundreds of people were evacuated.", 100, 1000),
    ("en", "People fled by the thousands.", 1000, 10000),
    ("en", "Tens of thousands of people were displaced.", 10000, 100000),
    ("ar", "نزح مئات الآلاف من السكان.", 100000, 1000000),
    ("ru", "Сотни людей вышли на улицы.", 100, 1000),
])
def test_vague_amounts_are_orders_of_magnitude(language, text, value, high, vocab):
    (f,) = [f for f in find_figures(0, text, language=language, vocab=vocab)]
    assert (f.value, f.value_high, f.approximate) == (value, high, True)


@pytest.mark.parametrize("language,text", [
    ("fr", "Un homme de 45 ans a été entendu pendant trois heures le 12 mars 2024 à 14h30."),
    ("fr", "Le texte sera examiné en deuxième lecture, au titre de l'article 49."),
    ("en", "A 34-year-old man was held for 48 hours; the third round is on June 5."),
    ("en", "The G20 met on Route 66 in 2019; call 01 23 45 67 89."),
    ("ar", "اعتقل رجل يبلغ من العمر 30 عاما بعد ثلاثة أيام."),
    ("ru", "Мужчине 45 лет, он провел в больнице 3 дня, 5 мая 2024 года."),
])
def test_dates_ages_durations_ordinals_and_names_are_not_figures(language, text, vocab):
    assert figs(text, language, vocab) == []


@pytest.mark.parametrize("language,text,source", [
    ("fr", "Selon le ministère de l'Intérieur, 31 200 manifestants ont défilé à Rennes.",
     "ministère de l'Intérieur"),
    ("fr", "Au moins 12 personnes ont été tuées, a annoncé jeudi le ministère de la Santé.",
     "ministère de la Santé"),
    ("en", "At least 12 people were killed, the health ministry said on Thursday.",
     "health ministry"),
    ("en", "According to the fire service, some 9,000 firefighters were deployed.", "fire service"),
    ("ar", "قتل ١٢ شخصا، وفقا لوزارة الصحة.", "وزارة الصحة"),
    ("ar", "شارك نحو ٣٥٠٠٠ متظاهر في المسيرة، بحسب المنظمين.", "المنظمين"),
    ("ru", "По данным МЧС, погибли двадцать человек.", "МЧС"),
    ("ru", "Около 2 тысяч человек эвакуированы, сообщил губернатор.", "губернатор"),
])
def test_the_source_of_the_sentence_is_bound_to_each_figure(language, text, source, vocab):
    found = find_figures(0, text, language=language, vocab=vocab)
    assert found and all(f.source == source for f in found)


def test_a_part_takes_the_metric_of_its_whole_and_a_source_its_nearest(vocab):
    text = ("Selon la CGT, 2 450 000 personnes ont manifesté. Le ministère en a compté 1 120 000, "
            "dont 87 000 à Paris, où la CGT revendique 450 000 participants.")
    assert [(f.metric, f.value, f.source) for f in find_figures(0, text, language="fr",
                                                                vocab=vocab)] == [
        ("protesters", 2450000, "CGT"), ("protesters", 1120000, "ministère"),
        ("protesters", 87000, "ministère"), ("protesters", 450000, "CGT")]


def test_the_metric_vocabulary_names_forty_concepts_in_four_languages_with_a_unit():
    metrics = tomllib.loads((ROOT / "vocab/metrics.toml").read_text(encoding="utf-8"))
    units = tomllib.loads((ROOT / "vocab/units.toml").read_text(encoding="utf-8"))
    assert len(metrics) >= 40
    for key, concept in metrics.items():
        words = {lang for part in ("nouns", "verbs", "lead", "topics")
                 for lang, ws in concept.get(part, {}).items() if ws}
        assert words == {"fr", "en", "ar", "ru"}, key
        assert concept["unit"] in {"people", "count", "money"} | set(units), key
        assert concept["compare"] in ("total", "same_population", "across_articles"), key
    for key, unit in units.items():
        assert unit["kind"] in ("measure", "currency", "duration", "age", "ordinal", "times"), key
        assert all(lang in unit for lang in ("fr", "en", "ar", "ru")), key
