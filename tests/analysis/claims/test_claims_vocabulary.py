"""The analysis code holds no words of the seeds: every vocabulary is data under seeds/."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MODULES = ["figures", "claims", "align", "contradictions", "seeds", "figure_vocabulary", "numerals",
           "number_words", "figure_context", "figure_metrics",
           "attribution", "sentences", "source_chains", "suggestion", "analysed_article",
           "relatedness", "numeric_conflicts", "framing_conflicts", "translation_drift", "stance"]
SEED_WORDS = ["kazakh", "almaty", "tokay", "habar", "khabar", "wang", "tleuberdi", "otsc", "csto",
              "essence", "petrol", "gaz", "غاز", "بنزين", "terror", "manifest", "protest", "émeute",
              "criminel", "164", "4400", "2500", "selon", "citant", "déclar", "قال", "ذكر", "نقلا"]


def _literals(code: str) -> list[str]:
    """String constants of the code, docstrings left out (comments are not code)."""
    tree = ast.parse(code)
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n.value.lower() for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and id(n) not in docs]


def test_no_seed_or_language_words_in_the_code():
    for name in MODULES:
        literals = _literals((ROOT / "app" / "analysis" / f"{name}.py").read_text(encoding="utf-8"))
        for word in SEED_WORDS:
            assert not [s for s in literals if word in s], (name, word)


def test_modules_are_documented_and_import_no_web_or_database():
    for name in MODULES:
        code = (ROOT / "app" / "analysis" / f"{name}.py").read_text(encoding="utf-8")
        assert code.startswith('"""') and code.split("\n", 1)[0].endswith('."""'), name
        assert not re.search(r"^\s*(from|import) (fastapi|sqlmodel|sqlalchemy|app\.(db|models|"
                             r"services|web))", code, re.MULTILINE), name


def test_vocabularies_parse_and_cover_three_languages():
    figures = tomllib.loads((ROOT / "seeds/figures.toml").read_text(encoding="utf-8"))
    figures["metrics"] = tomllib.loads((ROOT / "vocab/metrics.toml").read_text(encoding="utf-8"))
    framing = tomllib.loads((ROOT / "seeds/framing.toml").read_text(encoding="utf-8"))
    terms = tomllib.loads((ROOT / "seeds/terms.toml").read_text(encoding="utf-8"))
    assert {"fr", "en", "ar"} <= set(figures["numbers"]) and {"fr", "en", "ar"} <= set(
        framing["attribution"])
    for metric in figures["metrics"].values():
        assert metric["compare"] in ("total", "same_population", "across_articles")
    stances = {f["stance"] for f in framing["frames"].values()}
    assert all(set(pair) <= stances for pair in framing["framing"]["opposed"])
    for concept in terms["concept"]:
        assert concept["group"] and any(concept.get(lang) for lang in ("fr", "en", "ar"))
