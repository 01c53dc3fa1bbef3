"""The registry keyed to Wikidata, and country names in every language from CLDR."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from app.analysis.actors import Registry, extract_actors, load_registry
from app.analysis.actors.country_names import NAME_LANGUAGES, country_names
from app.analysis.actors.registry import DEFAULT_PATH, WIKIDATA_ID
from app.analysis.normalize import fold


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_every_wikidata_id_is_well_formed_and_unique(registry: Registry):
    ids = [a.wikidata for a in registry.actors.values() if a.wikidata is not None]
    assert len(ids) >= 100  # countries, organisations, media, people
    assert [i for i in ids if not WIKIDATA_ID.fullmatch(i)] == []
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    known = {"France": "Q142", "Russia": "Q159", "China": "Q148", "United States": "Q30",
             "Kazakhstan": "Q232", "United Nations": "Q1065", "NATO": "Q7184"}
    assert {name: registry.actors[name].wikidata for name in known} == known


def test_every_country_has_an_iso_code_cldr_names():
    raw = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))["actor"]
    countries = [a for a in raw if a["kind"] == "country"]
    assert [a["name"] for a in countries if "iso" not in a] == []
    codes = [a["iso"] for a in countries]
    assert len(set(codes)) == len(codes)
    for code in codes:  # a code CLDR does not know raises; DR Congo's English label is left out
        assert len(country_names(code)) >= len(NAME_LANGUAGES) - 3, code


def test_a_malformed_wikidata_id_is_refused(tmp_path: Path):
    path = tmp_path / "actors.toml"
    for bad in ("142", "Q0142", "q142", "Q"):
        path.write_text(f'[[actor]]\nname = "A"\nkind = "group"\nwikidata = "{bad}"\n', encoding="utf-8")
        with pytest.raises(ValueError, match="wikidata"):
            load_registry(path)


def test_country_names_come_from_cldr_in_every_language(registry: Registry):
    germany = dict(registry.actors["Germany"].aliases)
    assert germany["de"] == ("Deutschland",) and germany["es"] == ("Alemania",)
    assert germany["ru"] == ("Германия",) and germany["fr"] == ("Allemagne",)
    # hand-written spellings CLDR lacks stay; CLDR's list labels become names people write
    assert "Britain" in dict(registry.actors["United Kingdom"].aliases)["en"]
    assert set(dict(registry.actors["Myanmar"].aliases)["en"]) == {"Myanmar", "Burma"}
    assert "Congo - Kinshasa" not in registry.actors["Democratic Republic of the Congo"].names()


def test_a_cldr_name_that_is_another_countrys_word_is_left_out(tmp_path: Path):
    path = tmp_path / "actors.toml"
    path.write_text(  # an invented registry where Austria's people are called what CLDR calls Germany
        '[[actor]]\nname = "Germany"\nkind = "country"\niso = "DE"\n'
        '[[actor]]\nname = "Austria"\nkind = "country"\niso = "AT"\npeople = { fr = ["Deutschland"] }\n',
        encoding="utf-8",
    )
    names = {fold(n) for n in load_registry(path).actors["Germany"].names()}
    assert "deutschland" not in names and "alemania" in names


@pytest.mark.parametrize(("language", "sentence", "text"), [
    ("ru", "Германия и Франция подписали соглашение о поставках газа.", "Германия"),
    ("es", "El gobierno dijo que Alemania enviará ayuda a la región.", "Alemania"),
    ("de", "Nach Angaben der Regierung wird Deutschland weitere Hilfe schicken.", "Deutschland"),
])
def test_a_country_is_found_by_its_name_in_russian_spanish_and_german(
    registry: Registry, language: str, sentence: str, text: str
):
    mentions = extract_actors([sentence], language=language, registry=registry)
    germany = [m for m in mentions if m.actor == "Germany"]
    assert [(m.text, m.kind, m.method, m.confirmed) for m in germany] == [(text, "country", "registry", True)]
