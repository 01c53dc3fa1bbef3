"""Story assignment as pure functions: which articles relate, which story a new one joins."""

from __future__ import annotations

from datetime import date

from app.analysis.stories import (
    Features,
    assign_all,
    candidate_keys,
    choose_story,
    purity_completeness,
    relatedness,
)


def art(name: str, actors: str, *, numbers: str = "", day: str | None = None, places: str = "") -> Features:
    nums = frozenset(numbers.split())
    return Features(name, frozenset(actors.split()), frozenset(places.split()), frozenset(n for n in nums if len(n) >= 3),
                    nums, date.fromisoformat(day) if day else None)


QUAKE = "trks adn krsl afd"
STRIKE = "ktp mrn drstk kt"


def test_articles_sharing_actors_relate_and_others_do_not() -> None:
    a, b = art("a", QUAKE + " x1"), art("b", QUAKE + " y1")
    assert relatedness(a, b) > 0
    assert relatedness(a, art("c", STRIKE)) == 0


def test_one_shared_actor_is_no_story() -> None:
    assert relatedness(art("a", "intr tns"), art("b", "intr mrk")) == 0  # a ministry alone, Dice 0.5
    assert relatedness(art("a", "intr tns p"), art("b", "intr tns q")) > 0


def test_far_dates_need_strong_evidence() -> None:
    a = art("a", "trks adn p q r s t u v", day="2026-02-17")
    b = art("b", "trks adn w x y z i j k", day="2026-02-18")
    assert relatedness(a, b) > 0  # Dice 0.22
    assert relatedness(a, art("b", "trks adn w x y z i j k", day="2026-06-18")) == 0
    assert relatedness(art("a", QUAKE, day="2026-02-17"), art("b", QUAKE, day="2030-02-17")) > 0  # all actors: a misread date


def test_far_apart_a_country_and_its_ministry_are_not_enough() -> None:
    a = art("a", "tns intr tns", day="2024-01-01")
    assert relatedness(a, art("b", "tns intr", day="2024-02-06")) == 0  # Dice 1.0, two actors
    assert relatedness(a, art("b", "tns intr", day="2024-01-03")) > 0


def test_a_few_numbers_in_common_make_no_version() -> None:
    a, b = art("a", "x", numbers="12 45 300 7 9"), art("b", "y", numbers="12 45 300 8 10")
    assert relatedness(a, b) == 0  # three shared of five: Dice 0.6, but chance
    assert relatedness(a, art("b", "y", numbers="12 45 300 7 10")) > 0


def test_a_translation_relates_by_its_numbers_even_when_names_differ() -> None:
    a = art("a", "dastg", numbers="2450000 1100000 13 49.3 75")
    b = art("b", "دستغ", numbers="2450000 1100000 13 49.3 64")
    assert relatedness(a, b) >= 0.6


def test_a_new_article_joins_the_story_with_most_related_articles() -> None:
    new = art("n", QUAKE)
    candidates = [(art("q1", QUAKE), "quake"), (art("q2", QUAKE + " z"), "quake"), (art("s1", STRIKE + " z"), "strike")]
    choice = choose_story(new, candidates)
    assert choice.story == "quake" and choice.support == 2 and choice.others == ()
    assert choose_story(art("lone", "abc def"), candidates).story is None


def test_an_article_keeps_its_story_while_it_still_relates_to_it() -> None:
    new = art("n", QUAKE)
    candidates = [(art("q1", QUAKE), "quake"), (art("q2", QUAKE), "quake"), (art("x", QUAKE), "other")]
    assert choose_story(new, candidates, current="other").story == "other"
    assert choose_story(new, candidates, current="gone").story == "quake"


def test_common_keys_find_no_candidates() -> None:
    a = art("a", "rs krml")
    counts = {"a:rs": 900, "a:krml": 40}
    assert candidate_keys(a, counts, total=1000) == ["a:krml"]


def test_incremental_assignment_groups_events_in_any_order_and_merges_bridged_stories() -> None:
    arts = [art("q1", "trks adn krsl"), art("s1", STRIKE), art("q3", "afd wrld bnk"), art("s2", STRIKE + " y"),
            art("q2", "trks adn krsl afd wrld bnk")]  # q2 bridges q1 and q3
    truth = {"q1": "quake", "q2": "quake", "q3": "quake", "s1": "strike", "s2": "strike"}
    for order in (arts, arts[::-1]):
        found = assign_all(order)
        assert purity_completeness(found, truth) == (1.0, 1.0), found


def test_purity_and_completeness_measure_both_errors() -> None:
    truth = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert purity_completeness({"a": 1, "b": 1, "c": 1, "d": 1}, truth) == (0.5, 1.0)
    assert purity_completeness({"a": 1, "b": 2, "c": 3, "d": 4}, truth) == (1.0, 0.5)
