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
