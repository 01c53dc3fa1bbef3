"""Actors no registry lists, in sentences written for these tests: names after titles,
organisations by head noun, places from locale data, Russian cases; in ar, en, ru (and fr)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gold_forms import score

from app.analysis.actors import Registry, extract_actors, load_registry
from app.analysis.actors.gazetteer import countries, gazetteer
from app.analysis.actors.matching import tokenize

GOLD = json.loads((Path(__file__).parent / "data/beyond_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def found(text: str, language: str, registry: Registry) -> dict[str, tuple[str, str, str]]:
    """surface -> (actor, kind, method)"""
    out = {}
    for m in extract_actors([text], language=language, registry=registry):
        assert text[m.start : m.end] == m.text
        out[m.text] = (m.actor, m.kind, m.method)
    return out


@pytest.mark.parametrize("language", ["ar", "en", "ru"])
def test_recall_and_precision_on_paragraphs_written_for_this(language: str, registry: Registry):
    hit = gold = good = predicted = 0
    for item in GOLD[language]:
        mentions = extract_actors([item["text"]], language=language, registry=registry)
        f, p, c, _missed, _false = score(item["text"], mentions, item["actors"], item["optional"])
        hit, gold, good, predicted = hit + f, gold + len(item["actors"]), good + c, predicted + p
    assert hit / gold >= 0.8
    assert good / predicted >= 0.9


def test_arabic_title_gives_the_person_and_the_ministry(registry: Registry):
    out = found("قال وزير الزراعة سالم الهادي إن المحصول تضرر.", "ar", registry)
    assert out["سالم الهادي"] == ("سالم الهادي", "person", "title")
    assert out["الزراعة"] == ("وزارة الزراعة", "organisation", "title")
    assert "المحصول" not in " ".join(out)


def test_arabic_names_stop_at_function_words_and_keep_compound_first_names(registry: Registry):
    out = found("وأكد اللواء عبد الرحمن الطويل أن الوضع هادئ.", "ar", registry)
    assert out["عبد الرحمن الطويل"][1:] == ("person", "title")
    out = found("قال الرئيس إن الحكومة ستجتمع.", "ar", registry)
    assert not any(kind == "person" for _, kind, _ in out.values())


def test_arabic_organisations_by_head_noun(registry: Registry):
    out = found("وأعلنت نقابة الصحفيين الإضراب، وردت هيئة الرقابة الإدارية ببيان.", "ar", registry)
    assert out["نقابة الصحفيين"][1:] == ("organisation", "head")
    assert out["هيئة الرقابة الإدارية"][1:] == ("organisation", "head")
    assert not any("الإضراب" in text for text in out)


def test_arabic_places_after_prepositions_and_place_nouns(registry: Registry):
    out = found("وقع الانفجار في مدينة الزاوية ثم امتد إلى قرية أولاد علي قرب صفاقس.", "ar", registry)
    assert out["الزاوية"][1:] == ("place", "place")
    assert out["صفاقس"][1:] == ("place", "place")


def test_english_titles_do_not_swallow_the_name(registry: Registry):
    out = found("Then Agriculture Minister Petra Novak visited the flooded farms.", "en", registry)
    assert out["Petra Novak"] == ("Petra Novak", "person", "title")
    assert "Agriculture Minister Petra Novak" not in out


def test_english_lower_case_institutions(registry: Registry):
    out = found("The energy ministry said the dockworkers' union would meet on Monday.", "en", registry)
    assert out["energy ministry"][1:] == ("organisation", "head")
    assert out["dockworkers' union"][1:] == ("organisation", "head")
    out = found("A government agency said nothing.", "en", registry)
    assert out == {}


def test_english_place_names_after_prepositions_and_big_cities(registry: Registry):
    out = found("Firefighters from Karachi were sent to a village near Hyderabad.", "en", registry)
    assert out["Karachi"][1] == "place" and out["Hyderabad"][1] == "place"


def test_countries_from_locale_data_have_their_english_name(registry: Registry):
    # Paraguay and Bhutan are not in the registry: their names come from CLDR.
    assert "Paraguay" not in registry.actors and "Bhutan" not in registry.actors
    assert found("El acuerdo con Paraguay.", "en", registry)["Paraguay"] == ("Paraguay", "country", "place")
    assert found("وصل الوفد إلى بوتان.", "ar", registry)["بوتان"][:2] == ("Bhutan", "country")
    assert found("Делегация прибыла в Парагвай.", "ru", registry)["Парагвай"][:2] == ("Paraguay", "country")


def test_russian_cases_are_normalised(registry: Registry):
    out = found("Министр культуры Ольга Любимова приехала в Нижний Новгород, а затем в Калугу.", "ru", registry)
    assert out["Ольга Любимова"][:2] == ("Ольга Любимова", "person")
    assert out["культуры"][:2] == ("министерство культуры", "organisation")
    assert out["Калугу"][:2] == ("Kaluga", "place")
    out = found("Губернатор Тульской области Дмитрий Миляев встретился с главой Росавиации.", "ru", registry)
    assert out["Тульской области"][:2] == ("Тульская область", "place")
    assert out["Дмитрий Миляев"][1] == "person"


def test_russian_organisations_and_abbreviations(registry: Registry):
    out = found("Федеральная служба по надзору сообщила, что Министерство энергетики и МЧС провели проверку.", "ru", registry)
    assert out["Министерство энергетики"][1] == "organisation"
    assert out["МЧС"][1] == "organisation"


def test_french_with_the_model_is_left_to_the_model(registry: Registry):
    text = "Le ministre de l'Agriculture Paul Durand est à Rennes."
    spans = [[(text.index("Paul"), text.index("Paul") + len("Paul Durand"), "PER")]]
    out = {m.text: m.method for m in extract_actors([text], language="fr", registry=registry, spans=spans)}
    assert out == {"Paul Durand": "model"}


def test_french_without_the_model_gets_titles_and_places(registry: Registry):
    out = found("Le préfet Alain Rivière a rejoint la commune de Saint-Malo près de Rennes.", "fr", registry)
    assert out["Alain Rivière"][1:] == ("person", "title")
    assert out["Rennes"][1] == "place"


def test_bad_input_never_crashes(registry: Registry):
    for text in ["", " ", "وزير", "министр", "Minister", "في", "«»", "the union of", "وزارة ال"]:
        for language in ("ar", "en", "ru", "fr", "xx"):
            extract_actors([text, text], language=language, registry=registry)


def test_gazetteer_is_built_once_and_in_every_script():
    assert gazetteer("ar") is gazetteer("ar")
    names = countries()
    assert names["Égypte"].name == "Egypt" and names["مصر"].name == "Egypt"
    tokens = tokenize("Ливии")
    from app.analysis.actors.russian import lemma_tokens

    assert gazetteer("ru").match("Ливии", lemma_tokens(tokens), 0)[2].name == "Libya"


def test_arabic_organisation_between_title_and_name(registry: Registry):
    out = found("وقال المتحدث باسم البحرية البرتغالية جواو سيلفا إن السفينة غرقت.", "ar", registry)
    assert out["جواو سيلفا"][1:] == ("person", "title")
    assert out["البحرية البرتغالية"][1] == "organisation"


def test_arabic_mayor_of_a_town_then_a_name_starting_with_hamza(registry: Registry):
    out = found("وطالبت عمدة لارنكا إيليني جورجيو بإرسال فرق إضافية.", "ar", registry)
    assert out["إيليني جورجيو"][1:] == ("person", "title")
    assert out["لارنكا"][1] == "place"


def test_arabic_names_after_verbs_of_saying(registry: Registry):
    out = found("وقال كريم الهادي، وهو صاحب متجر، إن المياه غمرت الشارع.", "ar", registry)
    assert out["كريم الهادي"][1:] == ("person", "attribution")
    out = found("وقال إن الوضع صعب.", "ar", registry)
    assert out == {}


def test_arabic_organisation_names_through_a_noun_chain(registry: Registry):
    out = found("وأعلن مركز أبحاث المناخ الوطني أن الأمطار ستستمر.", "ar", registry)
    assert out["مركز أبحاث المناخ الوطني"][1:] == ("organisation", "head")
    out = found("ودعت الهيئة العليا للإعلام إلى التهدئة.", "ar", registry)
    assert "الهيئة العليا للإعلام" in out


def test_quoted_organisation_after_a_title_then_the_name(registry: Registry):
    out = found("Лидер «Зелёного союза» Ильдар Хабибуллин заявил о нарушениях.", "ru", registry)
    assert out["Зелёного союза"][:2] == ("Зелёный союз", "organisation")
    assert out["Ильдар Хабибуллин"][1] == "person"


def test_abbreviations_in_capitals_are_organisations(registry: Registry):
    out = found("По данным ОБСЕ, наблюдатели WFP прибыли.", "ru", registry)
    assert out["ОБСЕ"][1] == "organisation" and out["WFP"][1] == "organisation"
    out = found("وقالت منظمة الصحة العالمية WHO إن الوضع خطير.", "ar", registry)
    assert out["WHO"][1] == "organisation"
    assert all(method != "head" for _, _, method in found("THE FLOOD IS OVER NOW", "en", registry).values())


def test_english_places_before_region_nouns(registry: Registry):
    out = found("Rescuers in the Zaporizhzhia region and officials of the Kherson province met.", "en", registry)
    assert out["Zaporizhzhia"][1] == "place" and out["Kherson"][1] == "place"


def test_russian_model_name_with_its_bracketed_abbreviation(registry: Registry):
    text = "Федеральное агентство лесного хозяйства (ФАЛХ) сообщило о пожарах. Данные ФАЛХ уточняются."
    out = {m.text: m.actor for m in extract_actors([text], language="ru", registry=registry)}
    assert out.get("ФАЛХ") == out.get("Федеральное агентство лесного хозяйства") is not None


def test_a_capitalised_run_with_an_acronym_is_an_organisation(registry: Registry):
    text = ["Experts at the Coastal Flood Warning Network (CFWN) raised the alert.", "CFWN data showed it."]
    out = {(m.text, m.kind, m.actor) for m in extract_actors(text, language="en", registry=registry)}
    assert ("CFWN", "organisation", "Coastal Flood Warning Network") in out


def test_english_of_complements_are_not_verbs_or_indefinite_groups(registry: Registry):
    out = found("Activists accused the ministry of hiding data; a group of nurses agreed.", "en", registry)
    assert out == {}
    out = found("The ministry of fisheries said the agency of waterways agreed.", "en", registry)
    assert out["ministry of fisheries"][1] == "organisation"
