"""The French model adds unlisted actors; registry names win over overlapping model spans."""

from __future__ import annotations

import pytest

from app.analysis.actors import Registry, extract_actors, load_french_model, load_registry


@pytest.fixture(scope="session")
def nlp():
    return load_french_model()


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_model_is_loaded_once_with_only_the_entity_recogniser(nlp):
    assert load_french_model() is nlp
    assert nlp.pipe_names == ["ner"]


def test_model_finds_unlisted_people_places_and_organisations(nlp, registry: Registry):
    mentions = extract_actors(
        [
            "Le maire de Lyon, Grégory Doucet, a reçu les dirigeants du Comité olympique marocain.",
            "M. Doucet a ensuite rencontré la ministre Rachida Dati à Marseille.",
        ],
        language="fr",
        registry=registry,
        nlp=nlp,
    )
    got = {(m.text, m.actor, m.kind, m.method) for m in mentions}
    assert ("Grégory Doucet", "Grégory Doucet", "person", "model") in got
    assert ("Lyon", "Lyon", "place", "model") in got
    assert ("Doucet", "Grégory Doucet", "person", "coreference") in got
    assert ("Marseille", "Marseille", "place", "model") in got
    assert all(m.confirmed for m in mentions)


def test_registry_names_take_priority_over_model_spans(nlp, registry: Registry):
    # the model tags "La Chine", "ministre chinois des Affaires" (ORG), "Le Premier ministre…"
    text = (
        "La Chine et le ministre chinois des Affaires étrangères Wang Yi "
        "ont reçu Le Premier ministre arménien."
    )
    mentions = extract_actors([text], language="fr", registry=registry, nlp=nlp)
    assert [(m.text, m.actor, m.method) for m in mentions] == [
        ("Chine", "China", "registry"),
        ("Wang Yi", "Wang Yi", "registry"),
    ]


def test_media_named_after_a_media_noun(nlp, registry: Registry):
    mentions = extract_actors(
        ["Selon la chaîne de télévision Mir-24, des affrontements ont eu lieu."],
        language="fr",
        registry=registry,
        nlp=nlp,
    )
    assert [(m.text, m.kind) for m in mentions] == [("Mir-24", "media")]


def test_headline_capitals_are_ignored(nlp, registry: Registry):
    mentions = extract_actors(
        ["Soutenant Le Brésil Pour Assurer La Stabilité, Le Ministre Des Affaires Parle"],
        language="fr",
        registry=registry,
        nlp=nlp,
    )
    assert [m.actor for m in mentions] == ["Brazil"]
