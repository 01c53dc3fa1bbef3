"""Cross-language actor links: one actor spelt in Arabic, Russian, English and French."""

from __future__ import annotations

from app.analysis.actors import extract_actors, load_registry
from app.analysis.actors.crosslink import (
    ActorRef,
    name_similarity,
    refs_from_mentions,
    suggest_links,
)


def test_names_alike_across_scripts():
    assert name_similarity("Халида Бенали", "Khalida Benali") >= 0.9
    assert name_similarity("خالدة بن علي", "Khalida Benali") >= 0.8
    assert name_similarity("Жан-Пьер Лами", "Jean-Pierre Lamy") >= 0.8
    assert name_similarity("سفاقس", "Sfax") >= 0.8
    assert name_similarity("Jean-Pierre Lamy", "Jean-Pierre Morel") < 0.8
    assert name_similarity("Khalida Benali", "Khalida Mansour") < 0.8


def test_suggestions_pair_each_actor_with_its_best_match_in_each_language():
    refs = [
        ActorRef("Khalida Benali", "person", "en", article="a"),
        ActorRef("Samir Toumi", "person", "en", article="a"),
        ActorRef("خالدة بن علي", "person", "ar", article="b"),
        ActorRef("سمير التومي", "person", "ar", article="b"),
        ActorRef("Халида Бенали", "person", "ru", article="c"),
        ActorRef("Benali", "organisation", "fr", article="d"),  # another kind: never linked
    ]
    pairs = {(s.left.name, s.right.name) for s in suggest_links(refs)}
    assert ("Khalida Benali", "خالدة بن علي") in pairs
    assert ("Samir Toumi", "سمير التومي") in pairs
    assert ("Khalida Benali", "Халида Бенали") in pairs
    assert not any("Benali" in (a, b) for a, b in pairs)
    assert not any({"Samir Toumi", "خالدة بن علي"} <= {a, b} for a, b in pairs)


def test_a_shared_role_helps_and_a_different_role_hurts():
    a = ActorRef("Youssef Amrani", "person", "en", role="interior_minister")
    b = ActorRef("يوسف العمراني", "person", "ar", role="interior_minister")
    c = ActorRef("يوسف العمراني", "person", "ar", role="king")
    (same,) = suggest_links([a, b])
    assert "same role" in " ".join(same.reasons)
    assert suggest_links([a, c], threshold=0.95) == []


def test_from_extracted_mentions_of_one_story():
    registry = load_registry()
    en = extract_actors(["Governor Olena Marchuk visited the flooded town of Kalush."], language="en", registry=registry)
    ru = extract_actors(["Губернатор Олена Марчук посетила город Калуш."], language="ru", registry=registry)
    refs = refs_from_mentions("en1", "en", en) + refs_from_mentions("ru1", "ru", ru)
    pairs = {(s.left.name, s.right.name) for s in suggest_links(refs)}
    assert ("Olena Marchuk", "Олена Марчук") in pairs
