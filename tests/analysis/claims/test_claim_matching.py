"""Claim matching, pure: one statement or figure across articles (no database, invented texts)."""

from __future__ import annotations

from types import SimpleNamespace

from app.analysis.align import article_text
from app.analysis.claim_matching import (
    WORDING,
    ClaimView,
    Side,
    match_sides,
    same_amount,
    same_figure,
    same_speaker,
    word_weights,
    wording_score,
    words,
)

CONCEPTS = frozenset({"killed", "injured", "evacuated"})


def fig(id: int, metric: str, value: float, **kw) -> ClaimView:  # type: ignore[no-untyped-def]
    return ClaimView(id=id, kind="figure", paragraph=kw.pop("paragraph", 0), text=str(value), metric=metric, value=value,
                     unit=kw.pop("unit", "people"), **kw)


def said(id: int, speaker: str, text: str, paragraph: int = 0) -> ClaimView:
    return ClaimView(id=id, kind="statement", paragraph=paragraph, text=text, speaker=speaker)


def side(id: str, language: str, paragraphs: list[str], claims: list[ClaimView], actors: frozenset[str] = frozenset(),
         mentions: tuple = ()) -> Side:
    return Side(id, language, tuple(claims), article_text(id, paragraphs, language=language, mentions=mentions), actors)


def test_one_amount_however_written_and_only_that_amount():
    assert same_amount(1_200_000, 1.2e6)
    assert not same_amount(1412, 1400)  # "1 412" is not "1,4 thousand"
    assert same_figure(fig(1, "killed", 164, qualifier="about"), fig(2, "killed", 164, qualifier="exact"), CONCEPTS)
    assert not same_figure(fig(1, "killed", 164), fig(2, "injured", 164), CONCEPTS)  # two concepts
    assert not same_figure(fig(1, "killed", 164), fig(2, "killed", 164, unit="count"), CONCEPTS)
    assert not same_figure(fig(1, "killed", 10, value_high=100, approximate=True), fig(2, "killed", 10), CONCEPTS)
    assert same_figure(fig(1, "killed", 10, value_high=100, approximate=True),
                       fig(2, "killed", 10, value_high=100, approximate=True), CONCEPTS)


def test_a_noun_of_its_own_language_matches_a_concept_on_a_telling_amount_with_the_same_hedge():
    assert same_figure(fig(1, "evacuated", 30000, qualifier="more_than"), fig(2, "personne", 30000, qualifier="more_than"),
                       CONCEPTS, same_language=False)
    assert not same_figure(fig(1, "evacuated", 30000, qualifier="more_than"), fig(2, "personne", 30000, qualifier="about"),
                           CONCEPTS, same_language=False)
    assert not same_figure(fig(1, "partie", 2, unit="count"), fig(2, "partie", 2, unit="count"), CONCEPTS)  # "les deux parties"


def test_population_and_period_in_one_language_must_agree_across_languages_they_are_other_words():
    a, b = fig(1, "killed", 12, population="soldats"), fig(2, "killed", 12, population="civils")
    assert not same_figure(a, b, CONCEPTS, same_language=True)
    assert same_figure(a, fig(2, "killed", 12, population="soldiers"), CONCEPTS, same_language=False)
    assert same_figure(a, fig(2, "killed", 12), CONCEPTS, same_language=True)  # one side leaves it unsaid


def test_figures_match_across_articles_unless_two_named_actors_give_them():
    a = side("a", "en", ["The ministry said 40 people died."], [fig(1, "killed", 40, speaker="Health Ministry")],
             frozenset({"Health Ministry", "Red Cross"}))
    b = side("b", "en", ["The Red Cross counted 40 dead."], [fig(2, "killed", 40, speaker="Red Cross")],
             frozenset({"Health Ministry", "Red Cross"}))
    c = side("c", "en", ["Forty people died, officials said."], [fig(3, "killed", 40, speaker="officials")])
    assert match_sides(a, b, {}, CONCEPTS) == []
    assert [(m.a, m.b, m.how) for m in match_sides(a, c, {}, CONCEPTS)] == [(1, 3, "figure")]
    assert match_sides(a, a, {}, CONCEPTS) == []  # never within one article


def test_words_are_stems_without_stop_words():
    assert words("la Chine s'opposait fermement", "fr") == words("la Chine est fermement opposée", "fr")
    assert "la" not in words("la Chine", "fr") and words("12 000 morts", "fr") == words("morts", "fr")


def test_wording_weighs_the_words_that_tell_statements_apart():
    texts = [("the country rejects foreign interference in the region", "en"),
             ("the country welcomes the new envoy to the region", "en"),
             ("the country rejects all foreign interference", "en")]
    weights = word_weights(texts)
    first, second, third = (words(t, lang) for t, lang in texts)
    assert weights["countri"] < weights["interfer"]  # every statement names the country
    assert wording_score(first, third, weights) > 0.9 and wording_score(first, second, weights) < WORDING
    assert wording_score(words("it rejects", "en"), first, weights) == 0.0  # too short to recognise


def test_one_speaker_same_words_across_two_articles_and_the_closest_of_two_similar_ones():
    a = side("a", "en", ["x"], [said(1, "Jane Roe", "the government firmly opposes any force destabilising the country")])
    b = side("b", "en", ["y", "z"], [
        said(2, "Jane Roe", "the government is firmly opposed to any force seeking to undermine the stability of the country and its people"),
        said(3, "Jane Roe", "the government is firmly opposed to foreign forces stirring trouble"),
        said(4, "John Doe", "the government firmly opposes any force destabilising the country")])
    weights = word_weights((c.text, "en") for s in (a, b) for c in s.claims)
    found = [(m.a, m.b, m.how) for m in match_sides(a, b, weights)]
    assert found == [(1, 2, "wording")]  # not John Doe's identical words, not Jane Roe's second statement


def test_versions_match_the_statements_of_one_speaker_in_aligned_paragraphs_in_any_script():
    mention = lambda p, actor: SimpleNamespace(paragraph=p, start=0, end=3, actor=actor, kind="person")
    fr = ["Le ministre Jean Dupont a déclaré que 1 250 familles avaient reçu une aide de 3 400 tonnes.",
          "Paul Martin a affirmé que la situation était sous contrôle depuis 2 300 heures."]
    ar = ["قال الوزير جان دوبون إن 1250 عائلة تلقت مساعدة قدرها 3400 طن.",
          "وأكد بول مارتان أن الوضع تحت السيطرة منذ 2300 ساعة."]
    a = side("fr", "fr", fr, [said(1, "Jean Dupont", "1 250 familles avaient reçu une aide"),
                              said(2, "Paul Martin", "la situation était sous contrôle", 1)],
             mentions=(mention(0, "Jean Dupont"), mention(1, "Paul Martin")))
    b = side("ar", "ar", ar, [said(3, "Jean Dupont", "1250 عائلة تلقت مساعدة"),
                              said(4, "Paul Martin", "الوضع تحت السيطرة", 1)],
             mentions=(mention(0, "Jean Dupont"), mention(1, "Paul Martin")))
    assert sorted((m.a, m.b, m.how) for m in match_sides(a, b, {})) == [(1, 3, "version"), (2, 4, "version")]


def test_one_speaker_in_two_scripts_when_the_registry_does_not_link_the_names():
    assert same_speaker("Yelena Gordeeva", "يلينا غوردييفا") and same_speaker("Sergei Laptev", "Сергей Лаптев")
    assert not same_speaker("John Ellery", "جون إليري")  # four consonants: too few to be sure
    assert not same_speaker("Jane Roe", "John Doe") and not same_speaker(None, "Jane Roe")
