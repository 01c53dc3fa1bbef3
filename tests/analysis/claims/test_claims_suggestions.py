"""Suggestions: numeric clashes, framing divergences and translation drift, and nothing more."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.analysis.actors import extract_actors, load_registry
from app.analysis.contradictions import (
    AnalysedArticle,
    Passage,
    Suggestion,
    Vocabulary,
    analyse_article,
    load_vocabulary,
    suggest_contradictions,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


def analyse(texts: dict[str, tuple[str, list[str]]], vocab: Vocabulary) -> list[AnalysedArticle]:
    registry = load_registry()
    return [analyse_article(aid, paras, language=lang, vocab=vocab,
                            mentions=extract_actors(paras, language=lang, registry=registry))
            for aid, (lang, paras) in texts.items()]


def test_a_set_without_disagreement_gets_no_suggestion(vocab):
    texts = {
        "a": ("fr", [("Au moins 12 personnes ont été tuées lors des manifestations, selon "
                      "la police.")]),
        "b": ("en", ["At least 12 people were killed during the protests, police said."]),
    }
    assert suggest_contradictions(analyse(texts, vocab), vocab=vocab) == []


def test_suggestions_carry_passages_with_exact_spans(vocab):
    texts = {
        "wire": ("en", [("Police in Lagos said 40 protesters were killed on Monday in clashes "
                         "near the port."),
                        ("Governor Ade Bello imposed a curfew and said the army would patrol the "
                         "city."),
                        "The Red Cross said its volunteers had treated dozens of wounded people."]),
        "daily": ("fr", [("Le gouverneur Ade Bello a décrété un couvre-feu à Lagos après une "
                          "journée d'affrontements."),
                         "Selon un hôpital de la ville, 4 manifestants ont été tués lundi.",
                         "Des commerçants du port disent avoir perdu leurs marchandises.",
                         "L'opposition réclame une enquête indépendante."]),
    }
    arts = analyse(texts, vocab)
    out = suggest_contradictions(arts, vocab=vocab)
    assert [s.kind for s in out] == ["numeric"]
    (s,) = out
    assert isinstance(s, Suggestion) and s.reason.startswith("killed: 40 protesters")
    by_id = {a.id: a for a in arts}
    for p in s.passages:
        assert isinstance(p, Passage)
        assert by_id[p.article].paragraphs[p.paragraph][p.start:p.end] == p.text


def test_new_key_terms_are_data(tmp_path, vocab):
    for name in ("figures.toml", "framing.toml"):
        shutil.copy(ROOT / "seeds" / name, tmp_path / name)
    (tmp_path / "terms.toml").write_text(
        '[[concept]]\nkey = "wheat"\ngroup = "grain"\nfr = ["blé"]\nen = ["wheat"]\n\n'
        '[[concept]]\nkey = "maize"\ngroup = "grain"\nfr = ["maïs"]\nen = ["maize", "corn"]\n',
        encoding="utf-8")
    mine = load_vocabulary(tmp_path)
    text = {"en": [("Bread riots in Tarsen: the price of wheat rose by 40 percent, Minister "
                    "Ana Varga said on Monday."),
                   "Farmers led by Joel Mares blocked 12 roads around Tarsen for a second day."],
            "fr": [("Émeutes du pain à Tarsen : le prix du maïs a augmenté de 40 %, a déclaré "
                    "lundi la ministre Ana Varga."),
                   ("Des agriculteurs menés par Joel Mares ont bloqué 12 routes autour de Tarsen "
                    "pour la deuxième journée.")]}
    arts = analyse({k: (k, v) for k, v in text.items()}, mine)
    (s,) = suggest_contradictions(arts, vocab=mine)
    assert s.kind == "translation" and "wheat" in s.reason and "maïs" in s.reason
    assert suggest_contradictions(analyse({k: (k, v) for k, v in text.items()}, vocab),
                                  vocab=vocab) == []
