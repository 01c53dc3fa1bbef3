"""Quotes found again whatever apostrophes, quotation marks, dashes and spaces they were typed with."""

from __future__ import annotations

from app.analysis.anchoring import find_quote, locate_quote

NBSP = "\u00a0"


def test_find_quote_tolerates_typed_quotes_dashes_and_spaces_and_keeps_the_texts_characters():
    paras = ["Il a dit « l’une des leçons » — puis\u202fest parti, à Habar-24.", "Rien ici."]
    for typed, own in [("dit \"l'une des leçons\"", "dit « l’une des leçons »"),
                       ("leçons » - puis est", "leçons » — puis\u202fest"),
                       ("Habar–24", "Habar-24"),
                       (f"  a{NBSP}dit  ", "a dit")]:
        found = find_quote(paras, typed)
        assert [(a.paragraph, a.exact) for a in found] == [(0, own)], typed
        assert paras[0][found[0].start:found[0].end] == own
    assert find_quote(paras, "l'une des lessons") == [] and find_quote(paras, "  ") == []
    assert locate_quote(paras, "Rien").paragraph == 1
