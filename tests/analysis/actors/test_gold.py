"""Quality against the hand-made gold (tests/gold), measured like bench.score_actors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from app.analysis.actors import Registry, load_french_model, load_registry

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for bench/
from bench.score_actors import FRENCH_SEEDS, GOLD_FILES, ROOT, Tally, paragraphs, run_article  # noqa: E402


@pytest.fixture(scope="module")
def scored():
    registry = load_registry()
    nlp = load_french_model()
    out = {}
    for gold_file in GOLD_FILES:
        for art in json.loads(gold_file.read_text(encoding="utf-8"))["articles"]:
            out[art["file"]] = (art, *run_article(art, registry, registry, nlp, False))
    return registry, out


def _total(rows) -> Tally:
    total = Tally()
    for _, tally, _ in rows:
        total.add(tally)
    return total


def test_gold_spans_match_the_article_text():
    for gold_file in GOLD_FILES:
        for art in json.loads(gold_file.read_text(encoding="utf-8"))["articles"]:
            paras = paragraphs(ROOT / art["file"])
            for g in art["mentions"]:
                assert g["paragraph"] in art["scored_paragraphs"]
                assert paras[g["paragraph"]][g["start"] : g["end"]] == g["text"], g


def test_french_seeds_reach_90_percent_recall_and_precision(scored):
    _, arts = scored
    t = _total(v for k, v in arts.items() if k.split("/")[-1][:3] in FRENCH_SEEDS)
    assert t.lenient >= 0.9 * t.gold, (t.lenient, t.gold)
    assert t.lenient >= 0.9 * t.pred, (t.lenient, t.pred)


def test_other_event_articles_reach_85_percent(scored):
    _, arts = scored
    t = _total(v for k, v in arts.items() if "other_event" in k)
    assert t.lenient >= 0.85 * t.gold and t.lenient >= 0.9 * t.pred, (t.lenient, t.gold, t.pred)


def test_every_actor_of_the_french_article_found_in_its_arabic_twin(scored):
    registry: Registry = scored[0]
    arts = scored[1]
    (fr, _, _), (ar, _, ar_pred) = (
        arts["seeds/000_4a82fcdd0388497e.txt"],
        arts["seeds/003_68131c3598d7dd27.txt"],
    )
    target = {g["actor"] for g in fr["mentions"]} & {g["actor"] for g in ar["mentions"]}
    found = {registry.resolve(m.actor) or m.actor for m in ar_pred}
    assert target <= found, target - found
