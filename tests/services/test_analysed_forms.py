"""Each article's analysed form is stored once: analysis in another process (or after a restart)
compares articles with their story without analysing them again, and a change of text or
metadata computes it afresh."""

import pickle
import zlib

import pytest
from sqlmodel import select

from app.models import AnalysedForm, Article
from app.services import claim_analysis


def test_forms_are_stored_then_reused_by_a_fresh_process_until_an_input_changes(seeded, monkeypatch):
    articles = seeded.exec(select(Article).order_by(Article.id)).all()
    claim_analysis.analyse_claims(session=seeded, articles=articles)
    forms = seeded.exec(select(AnalysedForm)).all()
    assert len(forms) == len(articles) == 5
    first = pickle.loads(zlib.decompress(forms[0].data))
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
