"""Framing: one event labelled two opposed ways by different sources is a strong suggestion, in
French, English, Arabic and Russian; sources that agree are not flagged (articles written for
this test)."""

from __future__ import annotations

import pytest

from app.analysis.actors import extract_actors, load_registry
from app.analysis.contradictions import analyse_article, load_vocabulary
from app.analysis.framing_conflicts import framing_suggestions
from app.analysis.translation_drift import translation_suggestions


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return load_vocabulary()


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    return load_registry()


def analyse(texts, vocab, registry):  # type: ignore[no-untyped-def]
    return [analyse_article(aid, paras, language=lang, vocab=vocab,
                            mentions=extract_actors(paras, language=lang, registry=registry))
            for aid, (lang, paras) in texts.items()]


def framing(texts, vocab, registry):  # type: ignore[no-untyped-def]
    return framing_suggestions(analyse(texts, vocab, registry), vocab)


def test_terrorism_against_protests_across_languages(vocab, registry):
    (s,) = framing({
        "gov": ("ru", ["Власти назвали события в городе террористической атакой.",
                       "По словам властей, террористы захватили здание администрации."]),
        "ngo": ("en", ["Thousands joined the protests in the city centre on Sunday.",
                       "The protesters demanded new elections."]),
    }, vocab, registry)
    assert s.kind == "framing" and s.strength == "strong" and s.score >= 3
    assert "terrorism" in s.reason and "protests" in s.reason
    assert {p.article for p in s.passages} == {"gov", "ngo"}


def test_a_riot_against_a_peaceful_march(vocab, registry):
    (s,) = framing({
        "tv": ("ar", ["وصف التلفزيون الرسمي ما جرى بأنه أعمال شغب في وسط العاصمة.",
                      "وقال إن مثيري الشغب أحرقوا سيارات."]),
        "daily": ("fr", ["Le cortège est resté pacifique du début à la fin.",
                         "Les organisateurs ont salué une journée pacifique."]),
    }, vocab, registry)
    assert "riots" in s.reason and "peaceful" in s.reason


def test_a_terrorist_attack_against_a_strike_on_a_military_target(vocab, registry):
    (s,) = framing({
        "a": ("fr", ["Le gouvernement dénonce une attaque terroriste contre le dépôt.",
                     "Cette attaque terroriste a fait trois morts, selon la mairie."]),
        "b": ("fr", ["L'armée affirme avoir mené une frappe contre une cible militaire légitime.",
                     "Le dépôt était une cible militaire, selon l'état-major."]),
    }, vocab, registry)
    assert "terrorism" in s.reason and "military target" in s.reason


def test_sources_that_agree_or_use_a_word_once_are_not_flagged(vocab, registry):
    assert framing({
        "a": ("en", ["The protests spread to three more cities on Monday.",
                     "Protesters gathered outside parliament."]),
        "b": ("fr", ["Les manifestations se sont étendues à trois autres villes lundi.",
                     "Des manifestants se sont rassemblés devant le parlement."]),
        "c": ("ru", ["Протесты распространились ещё на три города в понедельник."]),
    }, vocab, registry) == []
    assert framing({
        "a": ("en", ["The protests spread to three more cities on Monday.",
                     "Protesters gathered outside parliament."]),
        "b": ("en", ["A minister called it terrorism once, then spoke of the economy."]),
    }, vocab, registry) == []


def test_one_suggestion_per_story_naming_every_opposed_pair(vocab, registry):
    out = framing({
        "gov": ("en", ["Officials described the riots as terrorism.",
                       "Terrorists and rioters burned cars, officials said."]),
        "wire": ("en", ["Witnesses said the march was peaceful until police fired tear gas.",
                        "The peaceful protesters dispersed after dark."]),
    }, vocab, registry)
    assert len(out) == 1 and "riots" in out[0].reason and "peaceful" in out[0].reason


def test_a_number_changed_in_a_russian_translation_is_a_divergence(vocab, registry):
    en, ru = analyse({
        "en": ("en", ["Floods in the north: 300 people evacuated",
                      "Rescuers evacuated 300 people from the village of Zarechye on Monday.",
                      "The regional governor said 12 houses were destroyed."]),
        "ru": ("ru", ["Наводнение на севере: эвакуированы 3000 человек",
                      "В понедельник спасатели эвакуировали 3000 человек из деревни Заречье.",
                      "По словам губернатора области, разрушены 12 домов."]),
    }, vocab, registry)
    out = [s for s in translation_suggestions(en, ru, vocab) if "number" in s.reason]
    assert out and all(s.strength == "strong" for s in out)
    assert {p.text for s in out for p in s.passages} == {"300", "3000"}


def test_a_key_term_changed_in_a_russian_translation_is_a_divergence(vocab, registry):
    en, ru = analyse({
        "en": ("en", ["Fuel protests in the north",
                      "Drivers blocked 12 roads near Zarechye after the price of petrol rose by 30 percent.",
                      "The regional governor said 40 people were detained on Monday."]),
        "ru": ("ru", ["Топливные протесты на севере",
                      "Водители перекрыли 12 дорог у Заречья после того, как цена на газ выросла на 30 процентов.",
                      "По словам губернатора области, в понедельник задержаны 40 человек."]),
    }, vocab, registry)
    out = [s for s in translation_suggestions(en, ru, vocab) if "petrol" in s.reason]
    assert out and "газ" in out[0].reason and out[0].strength == "strong"
