"""Tests for app.ingest.language: detection on body text and writing direction."""

import pytest

from app.ingest.language import detect_language, direction_for

SAMPLES = {
    "fr": "Le président chinois a salué les mesures énergiques prises par le chef de l'État kazakh.",
    "en": "Shops and banks reopened along the main avenues, and public transport ran on a reduced timetable.",
    "ar": "وأكد الوزير الصيني أن بلاده مستعدة لتقديم الدعم اللازم لكازاخستان من أجل الحفاظ على الاستقرار.",
    "de": "Die Regierung hat am Dienstag neue Maßnahmen gegen die steigenden Energiepreise angekündigt.",
    "pt": "O Ministério da Saúde apresentou nesta terça-feira um plano para reduzir o tempo de espera.",
    "ru": "Президент Казахстана заявил, что порядок в стране в основном восстановлен после беспорядков.",
    "fa": "رئیس جمهور قزاقستان گفت که نظم در کشور پس از چند روز ناآرامی تا حد زیادی برقرار شده است.",
    "tr": "Kazakistan Cumhurbaşkanı, ülkedeki düzenin büyük ölçüde yeniden sağlandığını açıkladı.",
}


@pytest.mark.parametrize(("language", "text"), SAMPLES.items())
def test_detects_listed_and_unlisted_languages(language: str, text: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "   ", "12 34 56", "OK", "----"])
def test_too_little_text_is_und(text: str) -> None:
    assert detect_language(text) == "und"


@pytest.mark.parametrize(
    ("language", "direction"),
    [("ar", "rtl"), ("fa", "rtl"), ("he", "rtl"), ("ur", "rtl"), ("ps", "rtl"), ("arz", "rtl"),
     ("AR", "rtl"), ("ar-EG", "rtl"), ("fr", "ltr"), ("en", "ltr"), ("und", "ltr"), ("", "ltr"),
     ("ku-Arab", "rtl"), ("ku", "ltr")],
)
def test_direction_for(language: str, direction: str) -> None:
    assert direction_for(language) == direction
