"""Paragraph alignment of two versions of one text, and telling versions from other articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.analysis.actors import extract_actors, load_registry
from app.analysis.align import Anchors, ArticleText, align_paragraphs, article_text, version_score

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.fixture(scope="module")
def seeds() -> dict[str, ArticleText]:
    registry = load_registry()
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        paras = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        lang = "ar" if path.name.startswith("003") else "fr"
        mentions = extract_actors(paras, language=lang, registry=registry)
        out[path.name[:3]] = article_text(path.name[:3], paras, language=lang, mentions=mentions)
    return out


def test_anchors_are_numbers_actors_in_order_quotes_and_length(seeds):
    a = seeds["000"].anchors[10]
    assert isinstance(a, Anchors) and "164" in a.numbers and "24" in a.numbers
    assert a.actors[:2] == ("Khabar 24", "Ministry of Health of Kazakhstan")
    assert seeds["000"].anchors[3].quotes == 1 and a.length > 200


def test_the_french_text_and_its_arabic_version_align_with_a_gap_for_the_caption(seeds):
    pairs = align_paragraphs(seeds["000"], seeds["003"])
    assert [(i, j) for i, j, _ in pairs] == [(k, k) for k in range(6)] + [(None, 6)] + [
        (k, k + 1) for k in range(6, 13)]
    assert all(s >= 0.6 for i, j, s in pairs if i is not None and j is not None)


def test_versions_score_high_and_other_articles_low(seeds):
    assert version_score(seeds["000"], seeds["003"]) > 0.9
    others = [version_score(seeds[a], seeds[b]) for a in seeds for b in seeds
              if a < b and (a, b) != ("000", "003")]
    assert max(others) < 0.45


def test_empty_and_one_sided_articles():
    empty = article_text("e", [], language="fr")
    one = article_text("o", ["Un seul paragraphe sans rien."], language="fr")
    assert align_paragraphs(empty, one) == [(None, 0, 0.0)]
    assert version_score(empty, one) == 0.0
    assert version_score(one, one) > 0.5


def test_version_bound_never_below_the_score():
    from app.analysis.align import article_text, version_bound, version_score

    texts = [
        ["Le bilan est de 12 morts et 40 blessés.", "La police a arrêté 3 personnes."],
        ["The toll is 12 dead and 40 injured.", "Police arrested 3 people."],
        ["Le marché a ouvert à 9 heures avec 250 exposants.", "Il fermera dimanche."],
    ]
    arts = [article_text(str(i), t, language="fr" if i != 1 else "en") for i, t in enumerate(texts)]
    for a in arts:
        for b in arts:
            if a is not b:
                assert version_bound(a, b) >= version_score(a, b)
