"""The briefing view model: key passages from notes, contradictions and figures; wrong sets refused."""

from __future__ import annotations

import pytest

from app.schemas import AnnotationDraft, ContradictionDraft, DecisionDraft, PassageRef
from app.services.annotations import create_annotation
from app.services.articles import get_article
from app.services.briefing import briefing_view
from app.services.claim_analysis import analyse_claims
from app.services.contradictions import create_contradiction, decide
from app.services.errors import InvalidInput, NotFound

FR, CN, AR, RU = "000_4a82fcdd0388497e", "001_34c4f48a28539114", "003_68131c3598d7dd27", "004_16cb77ffac9a1c94"


def paragraph_with(session, slug, words):
    return next(p.index for p in get_article(session=session, slug=slug).paragraphs if words in p.text)


@pytest.fixture
def marked(seeded):
    """Seeds with claims, one note on each of FR and RU, and an analyst's numeric contradiction."""
    analyse_claims(session=seeded)
    fr_p, ru_p = paragraph_with(seeded, FR, "Environ 164 personnes"), paragraph_with(seeded, RU, "au moins 18 membres")
    create_annotation(session=seeded, draft=AnnotationDraft(article=FR, paragraph=0, body="Headline framing", tags=["framing"]), author="Ana")
    create_annotation(session=seeded, draft=AnnotationDraft(article=RU, body="Whole-article note"), author="Bo")
    made = create_contradiction(session=seeded, draft=ContradictionDraft(
        kind="numeric", reason="Death toll differs",
        passages=[PassageRef(article=FR, paragraph=fr_p, exact="Environ 164 personnes"),
                  PassageRef(article=RU, paragraph=ru_p, exact="au moins 18 membres")]), author="Ana")
    return seeded, made, fr_p, ru_p


def test_articles_in_order_with_facts_notes_and_passages(marked):
    session, made, fr_p, ru_p = marked
    view = briefing_view(session=session, slugs=[FR, RU])
    assert [a.slug for a in view.articles] == [FR, RU]
    fr, ru = view.articles
    assert fr.title and fr.language == "fr"
    passages = {p.paragraph: p for p in fr.passages}
    assert "note" in passages[0].reasons
    assert "contradiction" in passages[fr_p].reasons and made.id in passages[fr_p].contradictions
    assert "figure" in passages[fr_p].reasons and any(c.kind == "figure" for c in passages[fr_p].claims)
    assert [p.paragraph for p in fr.passages] == sorted(passages)
    assert ru_p in {p.paragraph for p in ru.passages}
    assert [n.body for n in ru.notes] == ["Whole-article note"]  # a whole-article note is listed, not a passage
    assert made.id in {c.id for c in view.contradictions}


def test_only_figures_and_marked_paragraphs_are_key(marked):
    session, *_ = marked
    article = get_article(session=session, slug=FR)
    key = {p.paragraph for p in briefing_view(session=session, slugs=[FR, RU]).articles[0].passages}
    figures = {c.paragraph for c in article.claims if c.kind == "figure"}
    statements_only = {c.paragraph for c in article.claims if c.kind == "statement"} - figures - key
    assert figures <= key and len(key) < len(article.paragraphs)
    assert not statements_only & key


def test_dismissed_contradictions_are_left_out(marked):
    session, made, *_ = marked
    decide(session=session, contradiction_id=made.id, decision=DecisionDraft(status="dismissed", note="same event"), author="Bo")
    view = briefing_view(session=session, slugs=[FR, RU])
    assert made.id not in {c.id for c in view.contradictions}
    assert all(made.id not in p.contradictions for a in view.articles for p in a.passages)


def test_contradictions_of_other_articles_are_left_out(marked):
    session, made, *_ = marked
    assert made.id not in {c.id for c in briefing_view(session=session, slugs=[CN, AR]).contradictions}


@pytest.mark.parametrize("slugs", [[], [FR], [FR, CN, AR, RU, "002_ef6b029c43e1317c"]])
def test_wrong_sized_sets_are_refused(seeded, slugs):
    with pytest.raises(InvalidInput, match="2 to 4 articles"):
        briefing_view(session=seeded, slugs=slugs)


def test_unknown_slug_is_not_found(seeded):
    with pytest.raises(NotFound, match="no-such-article"):
        briefing_view(session=seeded, slugs=[FR, "no-such-article"])


def test_only_contradictions_between_articles_of_the_set(marked):
    session, made, fr_p, ru_p = marked
    for pair in ([FR, RU], [FR, CN], [CN, AR]):
        view = briefing_view(session=session, slugs=pair)
        for c in view.contradictions:
            assert {p.article for p in c.claims} <= set(pair) and len({p.article for p in c.claims}) == 2, (pair, c.reason)
    assert made.id in {c.id for c in briefing_view(session=session, slugs=[FR, RU]).contradictions}
    assert made.id not in {c.id for c in briefing_view(session=session, slugs=[FR, CN]).contradictions}


def test_contradictions_link_their_paragraphs_unless_asked_to_embed_them(marked):
    """The JSON's default (one style with /api/contradictions): a link per passage, no paragraph text."""
    session, made, fr_p, ru_p = marked
    linked = briefing_view(session=session, slugs=[FR, RU], paragraph_texts=False).contradictions
    embedded = briefing_view(session=session, slugs=[FR, RU]).contradictions
    assert linked and all(p.paragraph_text is None and p.paragraph_url for c in linked for p in c.claims)
    assert all(p.paragraph_text and p.text in p.paragraph_text for c in embedded for p in c.claims)
