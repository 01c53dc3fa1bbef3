"""Propose unlisted actors without a model: capitalised-name runs and web sites cited as sources."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from app.analysis.actors.index import Indexes
from app.analysis.actors.matching import Token, joined, sentence_start, token_index
from app.analysis.actors.ner import Proposal
from app.analysis.actors.registry import LanguageRules

_DOMAIN = re.compile(
    r"(?<![\w@/.])[A-Za-z0-9][A-Za-z0-9-]{2,}(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,6}(?![\w/@])"
)


def is_headline(text: str, tokens: Sequence[Token], rules: LanguageRules) -> bool:
    """Title Case text ("Le Brésil Et La France Pour Un Accord"): capitals say
    nothing about names there. Told by small words capitalised inside sentences."""
    small = [
        k
        for k, t in enumerate(tokens)
        if t.upper and t.key in rules.stopwords and not sentence_start(text, tokens, k)
    ]
    return len(small) >= 2


def capitalised_runs(
    text: str, tokens: Sequence[Token], idx: Indexes, rules: LanguageRules, taken: Collection[int]
) -> list[Proposal]:
    """Sequences of capitalised words (with lower-case particles inside: "Rio de Janeiro")
    that no registry entry covers; a lone capitalised word opening a sentence is skipped."""
    if not tokens or tokens[0].arabic or is_headline(text, tokens, rules):
        return []
    skip = rules.stopwords | rules.determiners | idx.titles | rules.honorifics | idx.adjective_words
    out: list[Proposal] = []
    i = 0
    while i < len(tokens):
        if not _capital(tokens[i]) or i in taken:
            i += 1
            continue
        end = i + 1
        while end < len(tokens) and end not in taken and joined(text, tokens[end - 1], tokens[end]):
            if _capital(tokens[end]):
                end += 1
                continue
            k = end  # up to two particles inside a name: "Rio de Janeiro", "Institute for the"
            while (
                k < min(end + 2, len(tokens))
                and tokens[k].key in idx.particles
                and (k == end or joined(text, tokens[k - 1], tokens[k]))
            ):
                k += 1
            if (
                k > end
                and k < len(tokens)
                and _capital(tokens[k])
                and k not in taken
                and joined(text, tokens[k - 1], tokens[k])
            ):
                end = k + 1
            else:
                break
        first, last = i, end
        while first < last and tokens[first].key in skip:
            first += 1
        while first < last and (
            tokens[last - 1].key in skip or tokens[last - 1].key in idx.particles
        ):
            last -= 1
        i = end
        words = tokens[first:last]
        if not words or all(t.key in rules.not_names for t in words):
            continue
        if last - first == 1 and (sentence_start(text, tokens, first) or len(words[0].text) < 2):
            continue
        out.append(Proposal(first, last, _kind(tokens, first, last, idx, rules), "CAND"))
    return out


def domains(text: str, tokens: Sequence[Token]) -> list[Proposal]:
    """Web sites named as sources ("selon le site example.ro")."""
    out = []
    for m in _DOMAIN.finditer(text):
        first, last = token_index(tokens, m.start(), m.end())
        if last > first:
            out.append(Proposal(first, last, "media", "DOMAIN"))
    return out


def _capital(token: Token) -> bool:
    return token.upper and not token.text.isdigit()


def _kind(
    tokens: Sequence[Token], first: int, last: int, idx: Indexes, rules: LanguageRules
) -> str:
    keys = [t.key for t in tokens[first:last]]
    before = tokens[first - 1].key if first else ""
    if any(k in rules.name_heads for k in keys):
        return "organisation"
    if before in rules.media_nouns:
        return "media"
    if before in rules.place_prepositions:
        return "place"
    if before in idx.titles or before in rules.honorifics or last - first >= 2:
        return "person"
    return "organisation"
