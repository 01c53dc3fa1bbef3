"""Tokens, Arabic prefixes and the phrase lexicon's case and punctuation rules."""

from __future__ import annotations

from app.analysis.actors.matching import (
    Lexicon,
    arabic_forms,
    arabic_prefixed,
    joined,
    scan,
    skip_letters,
    tokenize,
    word_key,
)
from app.analysis.normalize import fold


def test_word_keys_fold_case_accents_and_arabic_article():
    assert word_key("Tokaïev") == word_key("TOKAIEV") == "tokaiev"
    assert word_key("الصين") == "صين"
    assert word_key("الكازاخستانى") == word_key("الكازاخستاني")


def test_arabic_prefixes_give_stem_forms_with_their_length():
    assert "بكين" in arabic_forms("وبكين")
    assert ("صين", 1) in arabic_prefixed("للصين")
    assert ("رييس", 1) in arabic_prefixed(fold("بالرئيس"))
    assert arabic_forms("لافروف")[0] == "لافروف"  # a name starting with ل stays whole first


def test_skip_letters_steps_over_marks():
    text = "وَبكين"
    assert text[skip_letters(text, 0, 1) :] == "بكين"


def test_joined_allows_spaces_hyphens_apostrophes_and_abbreviation_dots():
    text = "Kassym-Jomart Tokayev, U.S. Chine. Russie"
    t = tokenize(text)
    assert joined(text, t[0], t[1]) and joined(text, t[1], t[2])
    assert not joined(text, t[2], t[3])  # comma
    assert joined(text, t[3], t[4])  # U.S
    assert not joined(text, t[5], t[6])  # sentence end


def _lexicon() -> Lexicon:
    lex = Lexicon()
    for name in ("UN", "Poutine", "Organisation du traité de sécurité collective", "بكين"):
        lex.add(name, name)
    return lex


def test_case_rules_short_abbreviations_and_capitalised_names():
    lex = _lexicon()
    for text, expected in [
        ("Un soldat et le UN", ["UN"]),
        ("une poutine au fromage, dit Poutine", ["Poutine"]),
        (
            "L'ORGANISATION DU TRAITÉ DE SÉCURITÉ COLLECTIVE",
            ["Organisation du traité de sécurité collective"],
        ),
        (
            "l'Organisation du traité de sécurité collective",
            ["Organisation du traité de sécurité collective"],
        ),
    ]:
        tokens = tokenize(text)
        assert [f.entry.payload for _, f in scan(text, tokens, lex)] == expected, text


def test_arabic_match_reports_the_attached_prefix():
    lex = _lexicon()
    for text, lead in [("بكين", 0), ("وبكين", 1), ("ببكين", 1)]:
        ((first, found),) = scan(text, tokenize(text), lex)
        assert found.lead == lead
