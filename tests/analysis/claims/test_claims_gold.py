"""Quality against the hand-made gold (tests/gold/claims_*), measured like bench.score_claims."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from app.analysis.contradictions import load_vocabulary, suggest_contradictions

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for bench/
from bench.score_claims import (  # noqa: E402
    GOLD_FILES,
    ROOT,
    _event,
    alignment_accuracy,
    analyse_gold,
    expected_found,
    paragraphs,
    score_figures,
    score_statements,
)


@pytest.fixture(scope="module", params=GOLD_FILES, ids=lambda p: p.stem)
def scored(request):
    gold = json.loads(request.param.read_text(encoding="utf-8"))
    vocab = load_vocabulary()
    arts = analyse_gold(gold, vocab)
    return gold, arts, suggest_contradictions(list(arts.values()), vocab=vocab)


def test_gold_spans_match_the_article_text(scored):
    gold, _, _ = scored
    for art in gold["articles"]:
        paras = paragraphs(ROOT / art["file"])
        for g in art["figures"]:
            assert paras[g["paragraph"]][g["start"]:g["end"]] == g["text"], g


def test_figures_reach_90_percent_precision_and_recall(scored):
    gold, arts, _ = scored
    s = score_figures(gold, arts)
    precision, recall = s.pr()
    assert precision >= 0.9 and recall >= 0.9, (s.matched, s.gold, s.predicted)
    assert s.population_ok >= 0.8 * s.matched


def test_statements_name_the_right_speaker_and_chain(scored):
    gold, arts, _ = scored
    ok, n = score_statements(gold, arts)
    assert ok >= 0.8 * n


def test_every_expected_suggestion_is_found_and_the_board_is_not_flooded(scored):
    gold, _, suggestions = scored
    found = [expected_found(e, suggestions) for e in gold["expected_suggestions"]]
    assert all(found), [e["name"] for e, f in zip(gold["expected_suggestions"], found) if not f]
    assert len({id(f) for f in found}) >= 0.75 * len(suggestions)


def test_the_versions_align(scored):
    gold, arts, _ = scored
    accuracy = alignment_accuracy(gold, arts)
    assert accuracy is None or accuracy >= 0.9


def test_two_events_together_are_kept_apart():
    vocab = load_vocabulary()
    arts = {}
    for path in GOLD_FILES:
        arts.update(analyse_gold(json.loads(path.read_text(encoding="utf-8")), vocab))
    for s in suggest_contradictions(list(arts.values()), vocab=vocab):
        assert len({_event(p.article) for p in s.passages}) == 1, s.reason
