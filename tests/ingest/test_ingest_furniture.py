"""Tests for app.ingest.furniture: structural rules and the multilingual vocabulary."""

import pytest

from app.ingest.furniture import classify_line, classify_lines, fold, phrases, vocabulary

FURNITURE = [
    # counters
    ("69", "counter"), ("0", "counter"), ("1.2K", "counter"), ("12 comments", "counter"),
    ("٣ تعليقات", "counter"), ("Commentaires (4)", "counter"), ("5 min read", "counter"),
    # share / font-size controls
    ("Envoyer [A A]", "share"), ("A+ A-", "share"), ("[A A]", "share"), ("Share", "share"),
    ("Tweet", "share"), ("Partager", "share"), ("شارك", "share"), ("WhatsApp", "share"),
    ("Share on Facebook  Share on Twitter", "share"), ("Facebook | X | LinkedIn | Email", "share"),
    ("طباعة  مشاركة  واتساب", "share"),
    # breadcrumbs
    ("Home › World › Asia", "breadcrumb"), ("Accueil > International > Asie", "breadcrumb"),
    ("الرئيسية » أخبار » آسيا", "breadcrumb"), ("News / World / Europe", "breadcrumb"),
    ("Accueil Internationales Un titre tronqué dont on ne voit que le...", "breadcrumb"),
    # read also / related
    ("Lire aussi :\u00a0Le différend entre Poutine et l'OTAN", "read_also"),
    ("Read more: Russia-led troops begin to leave", "read_also"),
    ("Related: Oil prices fall", "read_also"), ("اقرأ أيضاً: روسيا تسحب قواتها", "read_also"),
    ("Sur le même sujet", "read_also"), ("À lire également", "read_also"),
    # previous / next, also glued
    ("Article précédentCertificat vert, obligatoire dans le bus !", "prev_next"),
    ("Article suivantDIP, BUY et BEAR", "prev_next"), ("Next articleWhy markets fell", "prev_next"),
    ("Previous article: Oil prices fall", "prev_next"), ("المقال السابق", "prev_next"),
    ("Suivant", "prev_next"), ("Next »", "prev_next"),
    # follow
    ("Suivez China.org.cn sur Twitter et Facebook pour rejoindre la conversation.", "follow"),
    ("Follow The Ledger on Twitter and Facebook", "follow"), ("Follow us", "follow"),
    ("تابعونا على تويتر وفيسبوك", "follow"), ("Suivez-nous sur Instagram", "follow"),
    # publish / update stamps
    ("Dernière mise à jour à 08h53 le 11/01", "update_stamp"),
    ("Mis à jour le 08. 01. 2022", "update_stamp"), ("Published 12 January 2022, 09:41 GMT", "update_stamp"),
    ("Updated: Jan. 12, 2022 2:05 pm", "update_stamp"), ("نشر في: ١١ يناير ٢٠٢٢", "update_stamp"),
    ("آخر تحديث: 12 كانون الثاني 2022 - 10:30", "update_stamp"),
    ("Publié le mardi 11 janvier 2022 à 18h32", "update_stamp"),
    ("French.china.org.cn | Mis à jour le 08. 01. 2022 | Mots clés : Xi Jinping", "update_stamp"),
    ("The Ledger | 8 January 2022 | World", "dateline_stamp"),
    ("Saturday 8 January 2022, 10:53", "dateline_stamp"), ("08/01/2022 10:53", "dateline_stamp"),
    ("الجمعة 7 يناير/كانون الثاني 2022", "dateline_stamp"),
    # credits
    ("(Photo: AFP)", "credit"), ("(Getty Images)", "credit"), ("Crédit photo : AFP", "credit"),
    ("أضرم المتظاهرون النار في شوارع كازاخستان. (ويكيميديا كومنز/إيستوك)", "credit"),
    ("Protesters gather in Almaty on Thursday (Wikimedia Commons/iStock)", "credit"),
    ("A burned-out car in central Almaty. (Photo: Pavel Mikheyev/Reuters)", "credit"),
    ("Riot police in Almaty on Wednesday (AFP)", "credit"), ("الصورة: رويترز", "credit"),
    # keywords / tags
    ("Mots clés : Xi Jinping", "keywords"), ("Tags: Kazakhstan, Almaty", "keywords"),
    ("كلمات مفتاحية: الصين، كازاخستان", "keywords"), ("Mots-clés : Asie centrale", "keywords"),
    # source
    ("Source:french.china.org.cn", "source"), ("Source : AFP", "source"),
    ("المصدر: وكالة الأنباء", "source"), ("www.example-news.com", "source"),
    # byline
    ("By Jane Holloway and Marc Riedel", "byline"), ("Par Claire Delmas, envoyée spéciale à Almaty", "byline"),
    ("Reporting by Olzhas Auyezov; Editing by Nick Macfie", "byline"), ("بقلم: أحمد علي", "byline"),
    # copyright, newsletter, ads, comments
    ("© 2022 The Northern Ledger. All rights reserved.", "copyright"),
    ("Copyright 2022 Le Quotidien", "copyright"), ("جميع الحقوق محفوظة © 2022", "copyright"),
    ("Tous droits réservés", "copyright"),
    ("Abonnez-vous à notre newsletter", "newsletter"), ("Sign up for our daily briefing", "newsletter"),
    ("Advertisement", "ad"), ("Publicité", "ad"), ("- Advertisement -", "ad"), ("إعلان", "ad"),
    ("Leave a comment", "comments"), ("Réagir", "comments"), ("أضف تعليقك", "comments"),
]

BODY = [
    "The interior ministry posted the new figures on Twitter on 11 January 2022, saying 9,900 people had been detained.",
    "Dans un message publié sur Twitter, un porte-parole de l'opposition a dénoncé une « opération de façade ».",
    "Selon une source parlementaire, le vote de confiance a été acquis à une large majorité.",
    "A source close to the government said the number was likely to rise.",
    "Source of the leak was never identified, the report found after months of inquiries.",
    "Sources say the talks will resume on 8 January 2022 in Geneva.",
    "Le 7 janvier, des manifestants avaient incendié la mairie d'Almaty, selon la police.",
    "Updated figures released on 7 January show 164 dead across the country.",
    "Published in 2019, the report found that most of the country's gas was exported.",
    "Home prices rose 5% in March, the statistics office said.",
    "By Monday, the ministry said, most shops had reopened.",
    "Par ailleurs, le ministre a indiqué que la Chine était prête à aider.",
    "Suivant les recommandations de l'OMS, le gouvernement a rouvert les écoles.",
    "Next year the government plans to raise fuel prices again.",
    "Follow-up talks are planned on Twitter Spaces and in person next week in Almaty.",
    "جاكرتا - قال وزير الخارجية الصيني وانغ يي لوزير الخارجية الروسي سيرغي لافروف مساء الاثنين إن الصين تدعم قوات التحالف.",
    "وذكرت الوزارة على تويتر يوم 10 يناير 2022 أن حصيلة الضحايا ارتفعت نقلا عن مصدر في وزارة الصحة.",
    "كتب الرئيس في رسالته إلى نظيره الكازاخستاني أن الصين تقف إلى جانبه في هذه الظروف الصعبة.",
    "The talks will resume on Monday. (AFP)",
    "La Chine définit les « trois forces du mal » comme l’extrémisme religieux, la sécession territoriale et le terrorisme.",
    "Wang Yi: La Chine Et La Russie Doivent être Contre La Puissance Extérieure",
    "Tags were attached to each of the parcels before they left the depot.",
    "Copyright law in Kazakhstan was reformed in 2021.",
    "Environ 164 personnes ont perdu la vie à travers le pays.",
    "Previously, the ministry had refused to comment on the figures.",
    "Shares in the state energy company fell 4% on the news.",
    "Photo agencies were barred from the square for most of the day.",
    "Il est mort le 7 janvier 2022.",
]


@pytest.mark.parametrize(("line", "kind"), FURNITURE)
def test_furniture_kinds(line: str, kind: str) -> None:
    assert classify_line(line) == kind


@pytest.mark.parametrize("line", BODY)
def test_body_sentences_stay_body(line: str) -> None:
    assert classify_line(line) is None


def test_truncated_line_that_prefixes_another_line_is_a_breadcrumb() -> None:
    lines = [
        "World Vladimir Putin and Kassym-Jomart Tokayev discussed the unrest by...",
        "Vladimir Putin and Kassym-Jomart Tokayev discussed the unrest by phone on Saturday",
        "The two leaders agreed to stay in permanent contact, the Kremlin said.",
    ]
    assert classify_line(lines[0], context=lines) == "breadcrumb"
    assert classify_line(lines[0]) is None  # without the file, the rule cannot apply
    assert classify_lines(lines) == ["breadcrumb", None, None]


def test_truncated_body_sentence_without_a_longer_twin_stays_body() -> None:
    lines = ["He paused and said: we will see...", "Nobody answered him."]
    assert classify_lines(lines) == [None, None]


def test_empty_line_is_not_furniture() -> None:
    assert classify_line("   ") is None


def test_fold_normalises_case_accents_arabic_and_digits() -> None:
    assert fold("Mots clés :\u00a0Xi") == "mots cles: xi"
    assert fold("إقرأ أيضاً ١٢") == "اقرا ايضا 12"


def test_vocabulary_is_well_formed() -> None:
    table = vocabulary()
    for kind, settings in table.items():
        for key, value in settings.items():
            if key in ("match",):
                assert value in ("prefix", "whole", "contains"), kind
            elif key == "max_chars":
                assert isinstance(value, int) and value > 0, kind
            elif key == "loose":
                assert isinstance(value, bool), kind
            else:
                assert isinstance(value, list) and all(isinstance(p, str) and fold(p) for p in value), (kind, key)
    for language, months in table["months"].items():
        assert len(months) == 12, language
    assert "lire aussi" in phrases("read_also", "fr")
