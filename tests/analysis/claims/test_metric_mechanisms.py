"""What makes a figure's metric hold on new articles: lemmas (any form of a listed word), the
topic anywhere earlier in its sentence, units a concept can be stated in, a thing counted by its
own noun, and one class for unlisted nouns that related articles give the same figure. Sentences
written for this test, about no event of the corpus."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.analysis.contradictions import analyse_article, load_vocabulary
from app.analysis.figures import Figure, find_figures
from app.analysis.lemmas import MARK, lemma, lemma_phrase, noun_lemma, with_lemmas
from app.analysis.lexicon import tokenize
from app.analysis.numeric_conflicts import numeric_suggestions


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return load_vocabulary()


def metrics(text: str, language: str, vocab) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(f.text, f.metric, f.unit) for f in find_figures(0, text, language=language,
                                                            vocab=vocab.figures)]


def test_lemmas_in_four_languages() -> None:
    assert lemma("قتلى", "ar") == lemma("قتيلا", "ar")  # a broken plural and its singular
    assert lemma("المصابين", "ar") == "مصاب"  # the article and the plural ending go
    assert lemma("задержала", "ru") == lemma("задержали", "ru")
    assert lemma("évacuées", "fr") == lemma("évacués", "fr")
    assert lemma("passengers", "en") == "passenger"


@pytest.mark.parametrize("word, language, expected", [
    ("tentes", "fr", "tente"),  # not the verb "tenter"
    ("stockées", "fr", None),  # a participle
    ("voyageurs", "fr", "voyageur"),
    ("stored", "en", None),
    ("passengers", "en", "passenger"),
    ("подтоплены", "ru", None),
    ("самолётов", "ru", "самолёт"),
    ("منقذ", "ar", "منقذ"),  # a rescuer, not the verb "أنقذ"
    ("عربات", "ar", "عربة"),
    ("أحزاب", "ar", "حزب"),
    ("لأسرة", "ar", "أسرة"),
])
def test_a_counted_noun_is_a_noun(word, language, expected) -> None:  # type: ignore[no-untyped-def]
    assert noun_lemma(word, language) == expected


def test_a_token_carries_its_marked_lemma_only_when_it_is_another_form() -> None:
    plural, singular = with_lemmas(tokenize("attaques attaque"), "fr")
    assert MARK + "attaque" in plural.keys
    assert singular.keys == tokenize("attaque")[0].keys  # "une attaque" is matched as written
    assert lemma_phrase("ont été évacués", "fr") == f"{MARK}avoir {MARK}être {MARK}évacué"
    assert lemma_phrase("погибш*", "ru") == "погибш*"


@pytest.mark.parametrize("language, text, expected", [
    # a form of a listed verb the list does not hold
    ("ru", "Полиция задержала 5 человек.", ("5", "arrested", "people")),
    # a Russian verb phrase with its verb last
    ("ru", "После наводнения без крова остались 300 человек.", ("300", "homeless", "people")),
    # the topic far before the number, nothing counted between
    ("ru", "Число погибших в результате обрушения моста в пригороде Сплита выросло до 14 человек.",
     ("14", "killed", "people")),
    ("en", ("The death toll from the collapse of the footbridge over the river in the old town "
            "rose on Sunday evening to 14 people."), ("14", "killed", "people")),
])
def test_metric_from_other_forms_and_far_topics(language, text, expected, vocab) -> None:  # type: ignore[no-untyped-def]
    assert expected in metrics(text, language, vocab)


def test_money_is_never_a_count_of_people_and_aid_may_come_in_tonnes(vocab) -> None:  # type: ignore[no-untyped-def]
    found = metrics("Chaque famille recevra 5 000 livres égyptiennes par blessé.", "fr", vocab)
    assert [(m, u) for t, m, u in found if t == "5 000"] != [("injured", "people")]
    assert found[0][2] == "EGP"
    assert ("35", "aid", "tonnes") in metrics(
        "Un avion a apporté 35 tonnes d'aide humanitaire.", "fr", vocab)


def test_things_are_counted_by_their_own_noun_not_by_the_verb_of_buildings(vocab) -> None:  # type: ignore[no-untyped-def]
    assert ("Three", "barge", "count") in metrics("Three barges were damaged by the flood.", "en", vocab)
    assert ("3 400", "buildings_damaged", "count") in metrics(
        "3 400 maisons ont été endommagées.", "fr", vocab)


def _article(aid, lang, para, quote, metric, value, vocab, unit="count"):  # type: ignore[no-untyped-def]
    a = analyse_article(aid, [para], language=lang, mentions=[], vocab=vocab, published=None)
    start = para.index(quote)
    f = Figure(0, start, start + len(quote), quote, metric, value, None, "exact", None, None,
               False, False, unit, None)
    return replace(a, figures=(f,))


def _both(arts, vocab):  # type: ignore[no-untyped-def]
    related = {(a.id, b.id) for i, a in enumerate(arts) for b in arts[i + 1:]}
    return numeric_suggestions(arts, related, set(), vocab)


def test_unlisted_nouns_one_story_gives_one_figure_are_compared_across_languages(vocab) -> None:  # type: ignore[no-untyped-def]
    arts = [
        _article("a", "en", "The ferry carried 240 passengers.", "240", "passenger", 240, vocab),
        _article("b", "fr", "Le ferry transportait 240 voyageurs.", "240", "voyageur", 240, vocab),
        _article("c", "ru", "На борту было не меньше 410 пассажиров.", "410", "пассажир", 410, vocab),
        _article("d", "ru", "Паром вёз 240 пассажиров.", "240", "пассажир", 240, vocab),
    ]
    found = _both(arts, vocab)
    assert len(found) == 1 and {p.article for p in found[0].passages} >= {"a", "b", "c"}
    # without a figure in common, two unlisted nouns stay two things
    assert _both(arts[1:3], vocab) == []


def test_generic_people_and_small_numbers_make_no_class(vocab) -> None:  # type: ignore[no-untyped-def]
    arts = [
        _article("a", "fr", "Quelque 300 personnes ont manifesté.", "300", "personne", 300, vocab, "people"),
        _article("b", "en", "300 people were evacuated.", "300", "people", 300, vocab, "people"),
        _article("c", "en", "Some 500 people gathered.", "500", "people", 500, vocab, "people"),
        _article("d", "fr", "Deux bateaux.", "Deux", "bateau", 2, vocab),
        _article("e", "en", "Two boats.", "Two", "boat", 2, vocab),
        _article("f", "en", "Five boats.", "Five", "boat", 5, vocab),
    ]
    involved = {p.article for s in _both(arts, vocab) for p in s.passages}
    # each word against itself only; a count of "people" no concept names, against nothing
    assert involved == {"e", "f"}


def test_relation_is_transitive_within_the_set(vocab) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from app.analysis.relatedness import relate

    def named(aid, text, *actors):  # type: ignore[no-untyped-def]
        a = analyse_article(aid, [text], language="en", mentions=[], vocab=vocab)
        return replace(a, mentions=tuple(SimpleNamespace(paragraph=0, start=0, end=1, actor=x,
                                                         kind="person") for x in actors))

    a = named("a", "One.", "Amal Haddad", "Yusuf Karimov")
    b = named("b", "Two.", "Amal Haddad", "Yusuf Karimov", "Leila Nasser", "Omar Tarek")
    c = named("c", "Three.", "Leila Nasser", "Omar Tarek")
    d = named("d", "Four.", "Pierre Lemaire", "Jonas Berg")
    related, _ = relate([a, b, c, d])
    assert ("a", "c") in related  # through b
    assert not any("d" in pair for pair in related)


def test_a_year_its_sentence_names_makes_a_figure_another_events(vocab) -> None:  # type: ignore[no-untyped-def]
    now = "The flood has left up to 9,000 people homeless, the charity said."
    then = "That 2019 flood, of magnitude 2.5 on the river scale, left some 30,000 homeless."
    arts = [_article("a", "en", now, "9,000", "homeless", 9000, vocab, "people"),
            _article("b", "en", then, "30,000", "homeless", 30000, vocab, "people")]
    arts = [replace(x, published="2026-05-02") for x in arts]
    assert _both(arts, vocab) == []


@pytest.mark.parametrize("language, text, expected", [
    ("en", "Observers visited 214 polling stations.", ("214", "polling station", "count")),
    ("en", "It was fought by 28 water-bombing aircraft.", ("28", "aircraft", "count")),
    ("fr", "Les observateurs ont visité 214 bureaux de vote.", ("214", "bureau de vote", "count")),
    ("fr", "Il y avait 12 navires de la marine.", ("12", "navire", "count")),
])
def test_a_compound_noun_is_the_metric(language, text, expected, vocab) -> None:  # type: ignore[no-untyped-def]
    assert expected in metrics(text, language, vocab)
