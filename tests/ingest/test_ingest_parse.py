"""Tests for app.ingest.parse on the project seeds and on fixture articles in other outlets' styles."""

import codecs
from pathlib import Path

import pytest

from app.ingest import ParsedArticle, RejectedFile, decode_bytes, parse_article

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed(prefix: str) -> ParsedArticle:
    (path,) = sorted((ROOT / "seeds").glob(f"{prefix}_*.txt"))
    return parse_article(decode_bytes(path.read_bytes()))


def fixture(name: str, **meta: object) -> ParsedArticle:
    return parse_article(decode_bytes((FIXTURES / name).read_bytes()), meta=meta or None)


def kinds(article: ParsedArticle) -> dict[str, str]:
    """First 40 characters of each non-body paragraph -> its kind."""
    return {p.text[:40]: p.kind for p in article.paragraphs if p.kind != "body"}


def assert_nothing_dropped(article: ParsedArticle, text: str) -> None:
    joined = " ".join(p.text for p in article.paragraphs)
    for line in text.splitlines():
        assert line.strip() in joined
    assert [p.index for p in article.paragraphs] == list(range(len(article.paragraphs)))


# --- seeds ---------------------------------------------------------------------------------

def test_seed_000_title_case_headline_then_one_paragraph_per_line() -> None:
    article = seed("000")
    assert article.title.startswith("Soutenant Le Kazakhstan Pour Assurer La Stabilité")
    assert article.paragraphs[0].kind == "title"
    assert all(p.kind == "body" for p in article.paragraphs[1:])
    assert len(article.paragraphs) == 13
    assert (article.outlet, article.published) == (None, None)
    assert (article.language, article.direction) == ("fr", "ltr")


def test_seed_001_header_stamp_follow_and_source() -> None:
    article = seed("001")
    assert article.title == "Xi Jinping déclare que la Chine soutient pleinement le gouvernement kazakh"
    assert article.outlet in ("french.china.org.cn", "French.china.org.cn")
    assert article.published == "2022-01-08"
    furniture = [p.text for p in article.paragraphs if p.furniture]
    assert furniture == [
        "Envoyer [A A]",
        "French.china.org.cn | Mis à jour le 08. 01. 2022 | Mots clés : Xi Jinping",
        "Suivez China.org.cn sur Twitter et Facebook pour rejoindre la conversation.",
        "Source:french.china.org.cn",
    ]
    assert article.paragraphs[1].kind == "title"
    assert sum(p.kind == "body" for p in article.paragraphs) == 13


def test_seed_002_update_stamp_without_year_and_derived_title() -> None:
    article = seed("002")
    first = article.paragraphs[0]
    assert (first.kind, first.text) == ("update_stamp", "Dernière mise à jour à 08h53 le 11/01")
    assert article.published is None  # no year anywhere in the file
    assert article.title.startswith("En tant que partenaire stratégique global permanent du Kazakhstan")
    assert article.title.endswith("…") and len(article.title) <= 91
    assert all(p.kind == "body" for p in article.paragraphs[1:])
    assert article.language == "fr"


def test_seed_003_arabic_dateline_stays_body_and_caption_is_credit() -> None:
    article = seed("003")
    assert (article.language, article.direction) == ("ar", "rtl")
    assert article.title.startswith("دعم كازاخستان لضمان الاستقرار")
    assert article.paragraphs[0].kind == "title"
    assert article.paragraphs[1].kind == "body" and article.paragraphs[1].text.startswith("جاكرتا - قال")
    credits = [p for p in article.paragraphs if p.kind == "credit"]
    assert len(credits) == 1 and credits[0].text.endswith("(ويكيميديا كومنز/إيستوك)")
    assert sum(p.furniture for p in article.paragraphs) == 1


def test_seed_004_breadcrumb_counters_read_also_prev_next() -> None:
    article = seed("004")
    found = [(p.index, p.kind) for p in article.paragraphs if p.kind != "body"]
    assert found == [(0, "breadcrumb"), (1, "title"), (2, "counter"), (3, "counter"), (7, "read_also"),
                     (13, "read_also"), (17, "prev_next"), (18, "prev_next")]
    assert article.title.startswith("Vladimir Poutine a clarifié les questions relatives")
    assert article.language == "fr"


def test_seeds_keep_every_line() -> None:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = decode_bytes(path.read_bytes())
        assert_nothing_dropped(parse_article(text), text)


# --- fixtures in other outlets' styles ------------------------------------------------------

def test_english_outlet_with_its_furniture() -> None:
    article = fixture("en_ledger.txt")
    assert article.title == "Kazakhstan lifts curfew in Almaty as calm returns after a week of unrest"
    assert (article.outlet, article.published, article.language) == ("The Northern Ledger", "2022-01-12", "en")
    assert kinds(article) == {
        "Home › World › Asia": "breadcrumb",
        "Kazakhstan lifts curfew in Almaty as cal": "title",
        "By Jane Holloway and Marc Riedel": "byline",
        "Published 12 January 2022, 09:41 GMT | U": "update_stamp",
        "Share  Tweet  Email  Print": "share",
        "A man walks past a burned-out car in cen": "credit",
        "Read more: Russia-led troops begin to le": "read_also",
        "Advertisement": "ad",
        "Tags: Kazakhstan, Almaty, Central Asia": "keywords",
        "© 2022 The Northern Ledger. All rights r": "copyright",
        "Follow The Northern Ledger on Twitter an": "follow",
    }
    # body paragraphs that mention Twitter, a date, "a source", "Follow-up" stay body
    body = [p.text for p in article.paragraphs if p.kind == "body"]
    assert any("on Twitter on 11 January 2022" in t for t in body)
    assert any(t.startswith("Follow-up talks") for t in body)


def test_french_outlet_one_paragraph_per_line() -> None:
    article = fixture("fr_quotidien.txt")
    assert article.title == "Au Kazakhstan, le président Tokaïev nomme un nouveau gouvernement"
    assert (article.outlet, article.published, article.language) == ("lequotidien-exemple.fr", "2022-01-11", "fr")
    assert set(kinds(article).values()) == {
        "breadcrumb", "title", "byline", "update_stamp", "share", "read_also", "credit", "newsletter",
        "counter", "comments", "keywords", "source",
    }
    assert sum(p.kind == "body" for p in article.paragraphs) == 4


def test_arabic_outlet_with_its_furniture() -> None:
    article = fixture("ar_sharq.txt")
    assert (article.language, article.direction) == ("ar", "rtl")
    assert article.title == "الصين وكازاخستان تبحثان تعزيز التعاون الأمني بعد أسبوع من الاضطرابات"
    assert article.outlet == "وكالة أنباء الشرق اليوم"
    assert article.published == "2022-01-11"  # "نشر في" wins over the later update and the body date
    assert [p.kind for p in article.paragraphs] == [
        "breadcrumb", "title", "update_stamp", "update_stamp", "share", "body", "body", "read_also",
        "body", "body", "counter", "keywords", "source", "follow",
    ]


def test_language_nobody_listed() -> None:
    article = fixture("pt_diario.txt")
    assert (article.language, article.direction) == ("pt", "ltr")
    assert article.title.startswith("Governo anuncia novo plano")


def test_hard_wrapped_blocks_are_joined() -> None:
    text = (FIXTURES / "en_wrapped.txt").read_text()
    article = parse_article(text)
    assert [p.kind for p in article.paragraphs] == ["title", "body", "body", "body", "body"]
    second = article.paragraphs[2].text
    assert "while European prices" in second and "fade once Australian grain" in second
    assert article.paragraphs[4].text.endswith("compiled by the broker.")
    assert "\n" not in "".join(p.text for p in article.paragraphs)
    assert_nothing_dropped(article, text)


def test_hard_wrap_without_blank_lines_and_hyphenation() -> None:
    text = (
        "Ministers agree on a new budget\n"
        "Le gouvernement a présenté mardi un budget qui prévoit une hausse\n"
        "des dépenses de santé et une baisse des impôts pour les ménages les plus\n"
        "modestes, a annoncé le ministre des finances lors d'une conférence de presse.\n"
        "L'opposition a dénoncé un budget « électoraliste » et promis de déposer des amende-\n"
        "ments dès la semaine prochaine au Parlement.\n"
    )
    article = parse_article(text)
    assert [p.kind for p in article.paragraphs] == ["title", "body", "body"]
    assert article.paragraphs[1].text.endswith("conférence de presse.")
    assert "des amende-ments dès" in article.paragraphs[2].text


def test_cp1252_file() -> None:
    text = (FIXTURES / "fr_quotidien.txt").read_text().replace("’", "'")
    article = parse_article(decode_bytes(text.encode("cp1252")))
    assert article.title == "Au Kazakhstan, le président Tokaïev nomme un nouveau gouvernement"
    assert article.published == "2022-01-11"


def test_windows_1256_file() -> None:
    # windows-1256 has no Arabic-Indic digits: legacy files write dates with 0-9
    text = (FIXTURES / "ar_sharq.txt").read_text().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    article = parse_article(decode_bytes(text.encode("cp1256")))
    assert (article.language, article.direction, article.published) == ("ar", "rtl", "2022-01-11")


def test_utf8_bom_and_crlf_file() -> None:
    text = (FIXTURES / "en_ledger.txt").read_text()
    data = codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode()
    article = parse_article(decode_bytes(data))
    assert article == fixture("en_ledger.txt")
    assert not any("\r" in p.text or "\ufeff" in p.text for p in article.paragraphs)


# --- sidecar metadata ------------------------------------------------------------------------

def test_sidecar_keys_win() -> None:
    article = fixture("fr_quotidien.txt", title="Titre choisi", outlet="Le Quotidien",
                      url="https://lequotidien-exemple.fr/monde/1", published="2022-01-09T08:00:00+01:00",
                      language="FR")
    assert (article.title, article.outlet, article.published, article.language) == (
        "Titre choisi", "Le Quotidien", "2022-01-09", "fr")
    assert article.url == "https://lequotidien-exemple.fr/monde/1"
    assert article.paragraphs[1].kind == "title"  # the headline line is still marked


def test_invalid_sidecar_values_are_ignored() -> None:
    plain = fixture("ar_sharq.txt")
    article = fixture("ar_sharq.txt", title="  ", outlet=42, published="next week", language="arabic",
                      url=["x"])
    assert article == plain
    assert parse_article((FIXTURES / "pt_diario.txt").read_text(), meta="not a dict").language == "pt"  # type: ignore[arg-type]


def test_sidecar_language_sets_direction() -> None:
    article = fixture("en_wrapped.txt", language="he")
    assert (article.language, article.direction) == ("he", "rtl")


def test_sidecar_url_gives_outlet_when_the_text_has_none() -> None:
    article = fixture("pt_diario.txt", url="https://www.diario.example.pt/saude/123")
    assert article.outlet == "diario.example.pt"


# --- not articles ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "A single line that could be anything at all, even quite a long one, but still a single line.",
        "Headline\n\nOne short paragraph.\n\nAnother.",
        "Share\nTweet\n69\n0\nAdvertisement\n© 2022 Someone\n",
    ],
)
def test_too_little_body_is_rejected(text: str) -> None:
    with pytest.raises(RejectedFile) as caught:
        parse_article(text)
    assert caught.value.reason.startswith("not an article: ")
    assert "at least 2 body paragraphs and 200 characters" in caught.value.reason


def test_section_label_above_the_headline_is_furniture() -> None:
    text = (FIXTURES / "en_wrapped.txt").read_text()
    article = parse_article("COMMODITIES\n\n" + text)
    assert [p.kind for p in article.paragraphs[:2]] == ["breadcrumb", "title"]
    assert article.title == "Wheat prices climb as Black Sea shipments slow"


def test_headless_file_takes_its_title_from_the_first_real_sentence() -> None:
    text = "Updated 10:53 GMT\nThe government fell on Monday. " + "It was a long day for everyone. " * 5 + \
        "\nMinisters met again on Tuesday to discuss the next steps and the budget.\n"
    article = parse_article(text)
    assert article.paragraphs[0].kind == "update_stamp"
    assert article.title == "The government fell on Monday"


def test_sidecar_url_must_be_a_web_address():
    body = ("Headline of the day\n\nThe council met on Monday and voted the new budget after a long debate, "
            "members said, and the mayor welcomed the result.\n\nThe opposition walked out before the vote and promised to appeal the decision in court next month.\n")
    assert parse_article(body, meta={"url": "javascript:alert(1)"}).url is None
    assert parse_article(body, meta={"url": "https://example.org/a?b=1"}).url == "https://example.org/a?b=1"
