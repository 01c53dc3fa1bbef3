"""The registry data file loads, is consistent, and links spellings, abbreviations and languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.analysis.actors import DEFAULT_PATH, Registry, load_registry
from app.analysis.actors.registry import KINDS


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_default_file_is_the_seeds_registry(registry: Registry):
    assert DEFAULT_PATH.name == "actors.toml" and DEFAULT_PATH.parent.name == "seeds"
    assert len(registry.actors) > 300
    assert {"fr", "en", "ar"} <= set(registry.languages)


def test_every_actor_is_well_formed(registry: Registry):
    for actor in registry.actors.values():
        assert actor.kind in KINDS
        assert actor.names()[0] == actor.name
        for link in actor.roles:
            assert link.of in registry.actors, (actor.name, link.of)
            assert any(p.key == link.role for p in registry.phrases), (actor.name, link.role)
        if actor.capital_of:
            assert actor.capital_of in registry.actors, actor.name


def test_every_major_actor_has_french_english_and_arabic_names(registry: Registry):
    for name in (
        "China",
        "Russia",
        "United States",
        "United Nations",
        "European Union",
        "NATO",
        "Collective Security Treaty Organization",
        "World Health Organization",
        "Reuters",
        "Agence France-Presse",
        "Xinhua",
        "TASS",
        "Al Jazeera",
        "Vladimir Putin",
    ):
        actor = registry.actors[name]
        assert actor.names("ar"), name
        assert actor.names("fr") or actor.names("en"), name


@pytest.mark.parametrize(
    "spelling, canonical",
    [
        ("Tokaïev", "Kassym-Jomart Tokayev"),
        ("tokayev", "Kassym-Jomart Tokayev"),
        ("OTSC", "Collective Security Treaty Organization"),
        ("CSTO", "Collective Security Treaty Organization"),
        (
            "Organisation du traité de sécurité collective",
            "Collective Security Treaty Organization",
        ),
        ("منظمة معاهدة الأمن الجماعي", "Collective Security Treaty Organization"),
        ("Pékin", "Beijing"),
        ("Ministry of Foreign Affairs of United States", "United States Department of State"),
    ],
)
def test_resolve_any_spelling(registry: Registry, spelling: str, canonical: str):
    assert registry.resolve(spelling) == canonical


def test_french_and_arabic_adjectives_are_inflected(registry: Registry):
    kazakh = registry.actors["Kazakhstan"]
    assert {"kazakh", "kazakhe", "kazakhs", "kazakhes"} <= set(kazakh.adjective_forms("fr"))
    assert {"الكازاخستاني", "الكازاخستانية"} <= set(kazakh.adjective_forms("ar"))
    assert "égyptienne" in registry.actors["Egypt"].adjective_forms("fr")


def test_sources_filter_keeps_only_general_entries(registry: Registry):
    general = load_registry(sources=["general"])
    curated = set(registry.actors) - set(general.actors)
    assert curated and all(registry.actors[n].source.startswith("event:") for n in curated)


def test_a_bad_kind_is_refused(tmp_path: Path):
    path = tmp_path / "actors.toml"
    path.write_text('[[actor]]\nname = "X Corp"\nkind = "company"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="kind"):
        load_registry(path)


def test_a_duplicate_name_is_refused(tmp_path: Path):
    path = tmp_path / "actors.toml"
    path.write_text(
        '[[actor]]\nname = "A"\nkind = "group"\n[[actor]]\nname = "A"\nkind = "group"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="twice"):
        load_registry(path)
