"""Attributed statements: speaker, verb, content and the chain of sources, in three languages."""

from __future__ import annotations

import dataclasses

import pytest

from app.analysis.actors import Registry, extract_actors, load_registry
from app.analysis.claims import Statement, find_statements


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def statements(paragraphs: list[str], language: str, registry: Registry) -> list[Statement]:
    mentions = extract_actors(paragraphs, language=language, registry=registry)
    out = find_statements(paragraphs, language=language, mentions=mentions)
    for s in out:
        text = paragraphs[s.paragraph]
        assert text[s.content_start:s.content_end] == s.content
        assert text[s.verb_start:s.verb_end] == s.verb
        assert s.start <= s.verb_start < s.end <= len(text)
    return out


def chain(s: Statement) -> list[tuple[str, str]]:
    return [(x.role, x.name) for x in s.sources]


def test_inverted_speaker_with_an_addressee_and_a_cited_source(registry):
    text = ("Environ 164 personnes ont perdu la vie, a déclaré la chaîne kazakhe Habar-24, citant "
            "le ministère kazakh de la Santé, après que les manifestations ont dégénéré.")
    (s,) = statements([text], "fr", registry)
    assert isinstance(s, Statement) and s.verb == "déclaré"
    assert s.content == "Environ 164 personnes ont perdu la vie"
    assert chain(s) == [("speaker", "Khabar 24"), ("cited", "Ministry of Health of Kazakhstan")]
    assert s.origin.name == "Ministry of Health of Kazakhstan"
    assert text[s.speaker_start:s.speaker_end] == "Habar-24"
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.speaker = "x"  # type: ignore[misc]
    text = ("La Chine soutient les troupes, a déclaré lundi soir le ministre chinois des Affaires "
            "étrangères Wang Yi au ministre russe des Affaires étrangères Sergueï Lavrov.")
    (s,) = statements([text], "fr", registry)
    assert s.speaker == "Wang Yi" and s.content == "La Chine soutient les troupes"


def test_subject_first_reported_by_and_nested(registry):
    text = ("Le président chinois Xi Jinping a déclaré vendredi au président Tokayev que la Chine "
            "s’opposait à toute force, a annoncé la télévision d’Etat chinoise.")
    inner, outer = statements([text], "fr", registry)
    assert outer.speaker == "China Central Television" and outer.verb == "annoncé"
    assert inner.speaker == "Xi Jinping" and inner.content == "la Chine s’opposait à toute force"
    assert chain(inner) == [("reporter", "China Central Television"), ("speaker", "Xi Jinping")]


def test_selon_before_and_after_and_relative(registry):
    a = "Selon le ministère de l’Intérieur du Kazakhstan, les violences ont fait 36 morts."
    b = "« Il faut s’opposer aux forces extérieures », selon le ministre Wang Yi."
    c = ("Le ministre Wang Yi a déclaré que la Chine soutenait l’évaluation du président "
         "Kassym-Jomart Tokayev selon laquelle la source des troubles était une activité "
         "terroriste.")
    (sa,), (sb,) = statements([a], "fr", registry), statements([b], "fr", registry)
    assert (sa.speaker, sa.content) == ("Ministry of Interior of Kazakhstan",
                                        "les violences ont fait 36 morts")
    assert (sb.speaker, sb.form) == ("Wang Yi", "direct")
    assert sb.content == "Il faut s’opposer aux forces extérieures"
    wang, tokayev = statements([c], "fr", registry)
    assert wang.speaker == "Wang Yi"
    assert tokayev.content == "la source des troubles était une activité terroriste"
    assert chain(tokayev) == [("reporter", "Wang Yi"), ("speaker", "Kassym-Jomart Tokayev")]


def test_pronouns_follow_the_last_speaker(registry):
    paras = ["Selon Xi Jinping, la Chine sera un ami digne de confiance.",
             "La Chine est prête à apporter son soutien, a-t-il ajouté.",
             "Il a souligné que la coopération continuerait."]
    out = statements(paras, "fr", registry)
    assert [s.speaker for s in out] == ["Xi Jinping"] * 3
    assert out[1].content == "La Chine est prête à apporter son soutien"


def test_arabic_verb_first_citing_and_hasabama(registry):
    a = ("ذكرت قناة هابار-24 الإخبارية الكازاخستانية نقلا عن وزارة الصحة الكازاخستانية أن حوالي "
         "164 شخصا لقوا حتفهم في جميع أنحاء البلاد، بعد أن تحولت الاحتجاجات إلى أعمال شغب.")
    (s,) = statements([a], "ar", registry)
    assert chain(s) == [("speaker", "Khabar 24"), ("cited", "Ministry of Health of Kazakhstan")]
    assert s.content == "حوالي 164 شخصا لقوا حتفهم في جميع أنحاء البلاد"
    b = ("قال الرئيس الصيني شي جين بينغ اليوم الجمعة للرئيس توكاييف إن الصين تعارض أي قوة تزعزع "
         "استقرار كازاخستان، حسبما ذكر التلفزيون الصيني الرسمي.")
    (s,) = statements([b], "ar", registry)
    assert chain(s) == [("reporter", "China Central Television"), ("speaker", "Xi Jinping")]
    c = "وذكر بيان لوزارة الخارجية الصينية ان الوزير وانغ قال فى مكالمة هاتفية ان الصين مستعدة."
    outer, inner = statements([c], "ar", registry)
    assert outer.speaker == "Ministry of Foreign Affairs of China"
    assert chain(inner) == [("reporter", "Ministry of Foreign Affairs of China"),
                            ("speaker", "الوزير وانغ")]
    (s,) = statements(["طلبت السلطات ارسال قوات قالت الحكومة انها نشرت لحراسة المواقع."], "ar",
                      registry)
    assert (s.speaker, s.origin.actor) == ("الحكومة", False)


def test_english_said_according_to_and_quoted_by(registry):
    paras = ["At least 12 people were killed, the health ministry said on Thursday.",
             "Police fired tear gas, according to witnesses quoted by the ICRC.",
             "Amnesty International said the police had used live ammunition."]
    a, b, c = statements(paras, "en", registry)
    assert (a.speaker, a.content) == ("health ministry", "At least 12 people were killed")
    assert chain(b) == [("reporter", "International Committee of the Red Cross"),
                        ("speaker", "witnesses")] and b.content == "Police fired tear gas"
    assert c.speaker == "Amnesty International"
    assert c.content == "the police had used live ammunition"


def test_paraphrase_is_marked(registry):
    text = ("Le président Kassym-Jomart Tokayev a déclaré l’état d’urgence à Almaty, où les "
            "manifestations se sont propagées.")
    (s,) = statements([text], "fr", registry)
    assert s.form == "paraphrase" and s.content == "l’état d’urgence à Almaty"
