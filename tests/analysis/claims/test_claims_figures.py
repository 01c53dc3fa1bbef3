"""Figures: numbers written every way, what they count, of whom, how hedged; what is no figure."""

from __future__ import annotations

import dataclasses

import pytest

from app.analysis.figures import (
    SEEDS_DIR,
    Figure,
    FigureVocabulary,
    find_figures,
    find_numbers,
    load_figure_vocabulary,
    period_key,
)


@pytest.fixture(scope="module")
def vocab() -> FigureVocabulary:
    return load_figure_vocabulary()


def figs(text: str, language: str, vocab: FigureVocabulary) -> list[tuple]:
    out = find_figures(3, text, language=language, vocab=vocab)
    for f in out:
        assert text[f.start:f.end] == f.text and f.paragraph == 3
    return [(f.text, f.metric, f.value, f.qualifier, f.population) for f in out]


def test_figures_are_frozen_with_exact_spans(vocab):
    (f,) = find_figures(0, "Environ 164 personnes ont perdu la vie.", language="fr", vocab=vocab)
    assert isinstance(f, Figure) and (f.start, f.end, f.text) == (0, 11, "Environ 164")
    assert (f.metric, f.value, f.value_high, f.qualifier, f.population) == (
        "killed", 164, None, "about", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.value = 1  # type: ignore[misc]


@pytest.mark.parametrize("sep", [" ", "\u00a0", "\u202f", "\u2009"])
def test_french_thousands_separators(sep, vocab):
    text = f"Plus de 1{sep}000 blessés et 4{sep}400 arrestations."
    assert figs(text, "fr", vocab) == [
        (f"Plus de 1{sep}000", "injured", 1000, "more_than", None),
        (f"4{sep}400", "arrested", 4400, "exact", None),
    ]


def test_decimals_scales_words_and_arabic_digits(vocab):
    assert figs("1.5 million people were evacuated; 2,946 were killed.", "en", vocab) == [
        ("1.5 million", "evacuated", 1500000, "exact", None),
        ("2,946", "killed", 2946, "exact", None),
    ]
    assert figs("Quatre-vingt-dix-neuf civils ont été tués et trois blessés.", "fr", vocab) == [
        ("Quatre-vingt-dix-neuf", "killed", 99, "exact", "civilians"),
        ("trois", "injured", 3, "exact", "civilians"),
    ]
    assert figs("Twenty-one people died and dozens were arrested.", "en", vocab) == [
        ("Twenty-one", "killed", 21, "exact", None),
        ("dozens", "arrested", 10, "tens_of", None),
    ]
    assert figs("قتل ١٢ شخصا وأصيب ٣٠ آخرون.", "ar", vocab) == [
        ("١٢", "killed", 12, "exact", None),
        ("٣٠", "injured", 30, "exact", None),
    ]
    assert figs("لقي ثلاثة آلاف شخص حتفهم ونزح مئات الآلاف.", "ar", vocab) == [
        ("ثلاثة آلاف", "killed", 3000, "exact", None),
        ("مئات الآلاف", "displaced", 100000, "hundreds_of", None),
    ]


def test_vague_quantities_carry_a_range(vocab):
    (f,) = find_figures(0, "des dizaines de morts", language="fr", vocab=vocab)
    assert (f.value, f.value_high, f.qualifier, f.approximate) == (10, 100, "tens_of", True)
    (f,) = find_figures(0, "أصيب عشرات المتظاهرين", language="ar", vocab=vocab)
    assert (f.metric, f.qualifier, f.population) == ("injured", "tens_of", "protesters")
    text = "Entre 10 et 20 manifestants ont été arrêtés."
    (f,) = find_figures(0, text, language="fr", vocab=vocab)
    assert (f.text, f.value, f.value_high, f.population) == ("Entre 10 et 20", 10, 20, "protesters")


def test_years_dates_times_phones_names_and_durations_are_not_figures(vocab):
    text = ("Le 7 janvier 2022 à 10h30, Habar-24 et le G20 ont appelé le 01 23 45 67 89 ; "
            "il y a trois jours, 54,28 % des voix et 71 millions de dollars.")
    assert figs(text, "fr", vocab) == [  # measures and money are figures, with their unit
        ("54,28", "votes", 54.28, "exact", None), ("71 millions", "amount", 71000000, "exact", None)]
    kinds = {n.text: n.kind for n in find_numbers(text, language="fr", vocab=vocab)}
    assert kinds["7"] == "date" and kinds["24"] == "name" and kinds["20"] == "name"
    assert kinds["trois"] == "unit"
    assert figs("COVID-19 a tué 3 personnes en 2021 selon Mir-24.", "fr", vocab) == [
        ("3", "killed", 3, "exact", None)]


def test_articles_are_not_ones(vocab):
    assert figs("Une forte hausse des prix a provoqué un chaos.", "fr", vocab) == []
    assert figs("Un policier a été tué.", "fr", vocab) == []
    assert figs("un mort et deux blessés", "fr", vocab) == [
        ("un", "killed", 1, "exact", None), ("deux", "injured", 2, "exact", None)]


def test_populations_coordination_and_ellipsis(vocab):
    text = ("Selon le ministère, les violences ont entraîné la mort d’au moins 18 membres des "
            "services de sécurité et de 36 manifestants.")
    assert figs(text, "fr", vocab) == [
        ("au moins 18", "killed", 18, "at_least", "security forces"),
        ("36", "killed", 36, "at_least", "protesters"),
    ]
    text = "26 « criminels armés » ont été tués et 18 blessés dans les troubles."
    assert figs(text, "fr", vocab) == [
        ("26", "killed", 26, "exact", "armed criminals"),
        ("18", "injured", 18, "exact", "armed criminals"),
    ]
    text = "أعلنت الوزارة مقتل 18 من رجال الشرطة و36 متظاهرا، واعتقال أكثر من 4400 شخص."
    assert figs(text, "ar", vocab) == [
        ("18", "killed", 18, "exact", "security forces"),
        ("36", "killed", 36, "exact", "protesters"),
        ("أكثر من 4400", "arrested", 4400, "more_than", None),
    ]
    (affected,) = figs("Des centaines de milliers de Roumains sont touchés.", "fr", vocab)
    assert affected[-1] == "Roumains"


def test_periods_and_updates(vocab):
    (f, g) = find_figures(0, "Au moins trois personnes ont été tuées et une vingtaine blessées "
                             "lundi.", language="fr", vocab=vocab)
    assert f.period == g.period == "lundi" and (g.value, g.qualifier) == (20, "about")
    (f,) = find_figures(0, "The death toll rose to 2,946 on Tuesday.", language="en", vocab=vocab)
    assert f.update and f.period == "Tuesday" and f.metric == "killed"
    assert period_key("mardi", language="fr", vocab=vocab) == period_key(
        "الثلاثاء", language="ar", vocab=vocab) == "day:1"
    assert period_key("7 janvier", language="fr", vocab=vocab) == period_key(
        "January 7", language="en", vocab=vocab)
    assert period_key("la semaine dernière", language="fr", vocab=vocab) is None


def test_an_unknown_language_uses_every_list(vocab):
    assert figs("At least 47 people were killed.", "pt", vocab) == [
        ("At least 47", "killed", 47, "at_least", None)]


def test_the_vocabulary_is_data(tmp_path, vocab):
    extra = tmp_path / "figures.toml"
    extra.write_text((SEEDS_DIR / "figures.toml").read_text(encoding="utf-8")
                     + '\n[metrics.quarantined]\ncompare = "total"\n'
                     'nouns = { en = ["quarantined"] }\n', encoding="utf-8")
    mine = load_figure_vocabulary(extra)
    assert [f.metric for f in find_figures(0, "300 quarantined", language="en", vocab=mine)] == [
        "quarantined"]  # the concept of the file, not the noun's lemma the default vocabulary gives
    assert [f.metric for f in find_figures(0, "300 quarantined", language="en", vocab=vocab)] == [
        "quarantine"]
