"""Each article's analysed form is stored once: analysis in another process (or after a restart)
compares articles with their story without analysing them again, and a change of text or
metadata computes it afresh."""

import pytest
from sqlmodel import select

from app.models import AnalysedForm, Article
from app.services import claim_analysis


def test_forms_are_stored_then_reused_by_a_fresh_process_until_an_input_changes(seeded, monkeypatch):
    articles = seeded.exec(select(Article).order_by(Article.id)).all()
    claim_analysis.analyse_claims(session=seeded, articles=articles)
    forms = seeded.exec(select(AnalysedForm)).all()
    assert len(forms) == len(articles) == 5
    first = claim_analysis._stored_form(forms[0].data)
    assert first.figures and first.id == next(a.slug for a in articles if a.id == forms[0].article_id)

    claim_analysis._ANALYSED.clear()  # as a new worker process starts

    def not_again(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("analysed again although its stored form is current")

    monkeypatch.setattr(claim_analysis, "analyse_article", not_again)
    claim_analysis.analyse_claims(session=seeded, articles=articles)

    changed = articles[0]
    changed.outlet = "Another outlet"
    seeded.add(changed)
    seeded.commit()
    with pytest.raises(AssertionError, match="analysed again"):
        claim_analysis.analyse_claims(session=seeded, articles=[changed])


def test_a_form_packed_a_slice_at_a_time_reads_back_equal_and_an_older_single_pickle_still_reads(monkeypatch):
    import pickle
    import zlib

    from app.analysis.analysed_article import analyse_article, load_vocabulary
    from app.services import analysed_forms

    paragraphs = ["Publicité", *(f"Le ministre a déclaré que {n} personnes ont été évacuées, selon la police." for n in range(7))]
    form = analyse_article("a", paragraphs, language="fr", mentions=[], vocab=load_vocabulary(), furniture=[0])
    assert len(form.statements) > 2 and form.text.paragraphs[0] == ""
    monkeypatch.setattr(analysed_forms, "SLICE", 2)  # every tuple in several slices
    back = analysed_forms.unpack(analysed_forms.pack(form))
    assert back == form and back.text.paragraphs[0] == "" and back.paragraphs[0] == "Publicité"
    assert back.text.paragraphs[1] is back.paragraphs[1]  # one string, as in the form analysed
    assert analysed_forms.unpack(zlib.compress(pickle.dumps(form))) == form
