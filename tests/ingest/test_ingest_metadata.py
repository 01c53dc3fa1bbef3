"""Tests for app.ingest.metadata: dates, outlet, titles."""

import pytest

from app.ingest.metadata import (
    FoundDate,
    derive_title,
    find_dates,
    find_outlet,
    find_published,
    looks_like_headline,
    normalise_outlet,
    parse_iso_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mis à jour le 08. 01. 2022", FoundDate(2022, 1, 8)),
        ("le 08/01/2022 à 10h53", FoundDate(2022, 1, 8)),
        ("08.01.2022", FoundDate(2022, 1, 8)),
        ("2022-01-08T10:53:00Z", FoundDate(2022, 1, 8)),
        ("01/28/2022", FoundDate(2022, 1, 28)),  # month first when the day cannot be a month
        ("samedi 8 janvier 2022", FoundDate(2022, 1, 8)),
        ("1er février 2022", FoundDate(2022, 2, 1)),
        ("8 January 2022", FoundDate(2022, 1, 8)),
        ("January 8, 2022", FoundDate(2022, 1, 8)),
        ("Jan. 8, 2022", FoundDate(2022, 1, 8)),
        ("8 يناير 2022", FoundDate(2022, 1, 8)),
        ("٨ كانون الثاني ٢٠٢٢", FoundDate(2022, 1, 8)),
        ("7 يناير/كانون الثاني 2022", FoundDate(2022, 1, 7)),
        ("١١ أغسطس ٢٠٢١", FoundDate(2021, 8, 11)),
        ("8 de enero de 2022", FoundDate(2022, 1, 8)),
        ("18 ноября 2026, 12:04", FoundDate(2026, 11, 18)),  # Russian months, genitive
        ("вторник, 3 марта 2026", FoundDate(2026, 3, 3)),
        ("le 11/01", FoundDate(None, 1, 11)),
        ("le 7 janvier", FoundDate(None, 1, 7)),
    ],
)
def test_find_dates(text: str, expected: FoundDate) -> None:
    assert find_dates(text) == [expected]


@pytest.mark.parametrize("text", ["31/02/2022", "2 500 soldats", "1.2K", "Habar-24", "en 2022", "3,5 %"])
def test_no_date(text: str) -> None:
    assert find_dates(text) == []


def test_parse_iso_date() -> None:
    assert parse_iso_date("2022-01-08") == "2022-01-08"
    assert parse_iso_date("2022-01-08T23:10:00+06:00") == "2022-01-08"
    assert parse_iso_date("2022-01-08T10:53:00Z") == "2022-01-08"
    for bad in ("08/01/2022", "yesterday", "", 20220108, None, ["2022-01-08"]):
        assert parse_iso_date(bad) is None


def test_published_prefers_stamps_over_body() -> None:
    paragraphs = [
        ("Title of the piece", "title"),
        ("Le 5 janvier 2022, des manifestants ont incendié la mairie.", "body"),
        ("Publié le 8 janvier 2022 - Mis à jour le 10 janvier 2022", "update_stamp"),
    ]
    assert find_published(paragraphs) == "2022-01-08"


def test_yearless_stamp_takes_a_single_stated_year() -> None:
    stamp = ("Dernière mise à jour à 08h53 le 11/01", "update_stamp")
    one_year = [stamp, ("Les élections de 2022 auront lieu en mars.", "body")]
    two_years = [stamp, ("Entre 2021 et 2022, les prix ont doublé.", "body")]
    assert find_published(one_year) == "2022-01-11"
    assert find_published(two_years) is None
    assert find_published([stamp, ("Aucune année ici.", "body")]) is None
    leap = [("Mis à jour le 29/02", "update_stamp"), ("Le budget 2023 est voté.", "body")]
    assert find_published(leap) is None


def test_dateline_date_in_first_body_paragraph() -> None:
    paragraphs = [("PARIS, 8 janvier 2022 (AFP) - Le gouvernement a annoncé mardi ...", "body")]
    assert find_published(paragraphs) == "2022-01-08"
    late = [("Le gouvernement a annoncé mardi, après de longues négociations avec les syndicats "
             "et le patronat, un accord signé le 8 janvier 2022.", "body")]
    assert find_published(late) is None


def test_outlet_order_and_body_sources_ignored() -> None:
    body = ("According to Reuters and BBC News, the talks failed. Source: the ministry.", "body")
    assert find_outlet([body]) is None
    assert find_outlet([body, ("Source : Agence Exemple", "source")]) == "Agence Exemple"
    assert find_outlet([body, ("WWW.Example.com | 8 January 2022", "dateline_stamp")]) == "example.com"
    assert find_outlet([body], url="https://www.ledger.example.org/world/1") == "ledger.example.org"
    assert find_outlet([body, ("© 2022 The Ledger. All rights reserved.", "copyright")]) == "The Ledger"
    assert find_outlet([body, ("Follow China.org.cn on Twitter", "follow")]) == "china.org.cn"
    assert find_outlet([body, ("https://www.example.com/world/1", "source")]) == "example.com"
    assert find_outlet([body, ("Source: https://news.example.com/a", "source")]) == "news.example.com"
    assert find_outlet([body, ("Follow us on Twitter", "follow")]) is None
    assert find_outlet([body, ("Partager sur news.example.net", "share")]) == "news.example.net"


def test_normalise_outlet() -> None:
    assert normalise_outlet("www.French.China.org.cn") == "french.china.org.cn"
    assert normalise_outlet("https://www.example.com/a/b?c=1") == "example.com"
    assert normalise_outlet(" Le Monde. ") == "Le Monde"
    assert normalise_outlet("   ") is None


def test_headline_shape() -> None:
    assert looks_like_headline("Xi Jinping déclare que la Chine soutient pleinement le gouvernement kazakh")
    assert looks_like_headline("Is the worst over for Kazakhstan?")
    assert not looks_like_headline("The talks resumed on Monday after a week of unrest in the country.")
    assert not looks_like_headline(
        "جاكرتا - قال وزير الخارجية الصيني وانغ يي لوزير الخارجية الروسي سيرغي لافروف مساء الاثنين إن الصين تدعم"
    )


def test_derive_title() -> None:
    short = "M. Wang a appelé M. Tleuberdi. Il a ensuite parlé à la presse."
    assert derive_title(short) == "M. Wang a appelé M. Tleuberdi"
    long = ("En tant que partenaire stratégique global permanent du Kazakhstan, la Chine est prête à "
            "soutenir fermement le Kazakhstan dans le maintien de la stabilité.")
    title = derive_title(long)
    assert title.endswith("…") and len(title) <= 91
    assert long.startswith(title[:-1])
    assert not title[:-1].endswith(" ")
    assert derive_title("ALMATY (Reuters) - Shops reopened on Wednesday as the curfew was lifted in the "
                        "country's largest city.").startswith("Shops reopened")
