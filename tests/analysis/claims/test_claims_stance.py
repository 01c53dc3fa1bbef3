"""Stance: opposite positions on one target, and attacks on someone quoted, found in texts written
for this test (registry actors only, no model); clause breaks, negations and the setting respected."""

from __future__ import annotations

import pytest

from app.analysis.actors import extract_actors, load_registry
from app.analysis.contradictions import analyse_article, load_vocabulary, suggest_contradictions


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return load_vocabulary()


def stance(texts: dict[str, tuple[str, list[str]]], vocab) -> list:  # type: ignore[no-untyped-def]
    registry = load_registry()
    arts = [analyse_article(aid, paras, language=lang, vocab=vocab,
                            mentions=extract_actors(paras, language=lang, registry=registry))
            for aid, (lang, paras) in texts.items()]
    return [s for s in suggest_contradictions(arts, vocab=vocab) if s.kind == "stance"]


def test_support_against_opposition_on_one_target(vocab):
    found = stance({"wire": ("en", [
        "Talks on the Horn of Africa stall",
        "Egypt welcomed the African Union mission on Monday, its foreign ministry said in a statement.",
        "Ethiopia condemned the African Union mission on Tuesday, calling it a breach of sovereignty.",
    ])}, vocab)
    assert len(found) == 1
    assert "Egypt supports African Union" in found[0].reason and "Ethiopia opposes it" in found[0].reason
    assert [p.paragraph for p in found[0].passages] == [1, 2]


def test_clause_breaks_negations_and_one_side_are_not_stances(vocab):
    assert stance({"wire": ("en", [
        "A tense week in the region",
        "Kenya welcomed the African Union mission in a statement on Monday evening.",
        "Kenya opposes any group that attacks the African Union, the president said.",  # no target: a clause break
        "Qatar did not condemn the African Union mission, officials in Doha said.",  # negated
        "Kenya's foreign ministry also condemned the African Union delay.",  # Kenya's own two sides
    ])}, vocab) == []


def test_an_attack_is_shown_beside_the_words_attacked(vocab):
    found = stance({"depeche": ("fr", [
        "Passe d'armes entre Moscou et Paris",
        "Le ministère russe des Affaires étrangères a dénoncé les propos d'Emmanuel Macron sur l'Ukraine.",
        "Emmanuel Macron a déclaré mardi que « la Russie ne doit pas gagner cette guerre ».",
    ])}, vocab)
    assert len(found) == 1 and "attacks Emmanuel Macron" in found[0].reason
    assert [p.paragraph for p in found[0].passages] == [1, 2]


def test_the_country_every_article_names_is_no_target(vocab):
    found = stance({
        "a": ("en", ["Unrest in Sudan", "Egypt supports Sudan and its army, the foreign minister said on Monday."]),
        "b": ("en", ["Sudan talks", "Ethiopia condemned Sudan for closing the border crossing on Monday."]),
    }, vocab)
    assert found == []


def test_a_mixed_story_gives_the_two_real_stances_and_nothing_else(vocab):
    """Written for this test: two tellings, two real stances, and distractors (concern for a place,
    a negated condemnation, a welcome with no actor target, support nobody opposes)."""
    texts = {
     "redsea_en": ("en", [
      "Red Sea mission splits capitals",
      "Norway welcomed the European Union naval mission in the Red Sea on Monday, saying shipping lanes had to stay open.",
      "Russia condemned the European Union naval mission, its foreign ministry said, calling it a provocation.",
      "China's foreign ministry criticised remarks by Antony Blinken on the mission during a briefing in Beijing.",
      "Antony Blinken said on Sunday that \"freedom of navigation is not negotiable\".",
      "Turkey expressed concern about the humanitarian situation in Yemen, where the fighting has displaced thousands.",
      "Egypt did not condemn the European Union mission, but asked for guarantees for the Suez Canal.",
      "The United Nations welcomed the ceasefire talks and said aid convoys would resume.",
     ]),
     "redsea_fr": ("fr", [
      "La mission en mer Rouge divise",
      "La Norvège a salué la mission navale de l'Union européenne en mer Rouge, estimant que les routes maritimes devaient rester ouvertes.",
      "La Russie a condamné la mission navale de l'Union européenne, a indiqué son ministère des Affaires étrangères.",
      "Le Qatar soutient les efforts de médiation de l'Égypte, selon un communiqué publié mardi.",
      "L'Iran a dénoncé la présence de navires américains, qui menacent selon lui la stabilité de la région.",
     ]),
    }
    found = stance(texts, vocab)
    assert sorted(s.reason.split(" (")[0] for s in found) == ["China attacks Antony Blinken", "Norway supports European Union"]
