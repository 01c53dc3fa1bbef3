"""Replies: a demand and its refusal (soft), an assertion and its denial (strong), in one article,
in French, English, Arabic and Russian (articles written for this test); refusals that answer
nothing said before are not replies."""

from __future__ import annotations

import pytest

from app.analysis.contradictions import analyse_article, load_vocabulary, suggest_contradictions
from app.analysis.speech_acts import find_replies


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return load_vocabulary()


def replies(lang, paras, vocab):  # type: ignore[no-untyped-def]
    return [(r.kind, paras[r.said[0]][r.said[1]:r.said[2]], paras[r.reply[0]][r.reply[1]:r.reply[2]])
            for r in find_replies(paras, language=lang, vocab=vocab.stance)]


def test_a_demand_and_its_refusal_in_four_languages(vocab):
    cases = {
        "en": ["The farmers' union called for a freeze on fuel taxes until the spring.",
               "The finance minister rejected the request on Tuesday."],
        "fr": ["Les maires de la vallée ont réclamé la réouverture de la ligne ferroviaire, une "
               "demande rejetée par la région."],
        "ar": ["وطالب أهالي القرية بإعادة فتح المستشفى المحلي.", "لكن وزارة الصحة رفضت هذا الطلب."],
        "ru": ["Жители посёлка потребовали построить новую школу.",
               "Администрация района отклонила это требование."],
    }
    for lang, paras in cases.items():
        (found,) = replies(lang, paras, vocab)
        assert found[0] == "demand", lang
    assert replies("fr", cases["fr"], vocab)[0][1].startswith("réclamé la réouverture")


def test_an_assertion_and_its_denial(vocab):
    en = ["The opposition leader said the count had been \"rigged from the start\".",
          "The electoral board rejected the claim. \"Every ballot was counted twice,\" its chair said."]
    ((kind, said, reply),) = replies("en", en, vocab)
    assert kind == "assertion" and said == "\"rigged from the start\""
    assert "Every ballot was counted twice" in reply
    ru = ["Профсоюз заявил, что завод «тайно сокращает рабочих».",
          "Руководство завода опровергло эти обвинения."]
    assert [k for k, _, _ in replies("ru", ru, vocab)] == ["assertion"]


def test_refusals_that_answer_nothing_said_are_not_replies(vocab):
    assert replies("en", ["Voters rejected the new constitution by a wide margin.",
                          "The court refused bail for the two suspects."], vocab) == []
    assert replies("fr", ["Le tribunal a rejeté la demande de mise en liberté."], vocab) == []


def test_replies_are_stance_suggestions_weighed_by_kind(vocab):
    art = analyse_article("wire", [
        "The nurses' union demanded a 10 percent pay rise for night shifts.",
        "The health ministry refused the demand, citing the budget.",
        "Union leaders said hospitals were \"close to collapse\".",
        "The ministry disputed that: \"No hospital has closed a ward this winter.\"",
    ], language="en", mentions=[], vocab=vocab)
    out = [s for s in suggest_contradictions([art], vocab=vocab) if s.kind == "stance"]
    assert sorted(s.strength for s in out) == ["soft", "strong"]
    strong = next(s for s in out if s.strength == "strong")
    assert "an assertion" in strong.reason and "its denial" in strong.reason
    assert [p.paragraph for p in strong.passages] == [2, 3]
