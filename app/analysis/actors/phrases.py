"""Find role and institution phrases ("le président égyptien") with their nationality slot."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.analysis.actors.index import Indexes
from app.analysis.actors.matching import Token, arabic_firsts, joined
from app.analysis.actors.registry import LanguageRules, Phrase


@dataclass(frozen=True)
class PhraseMatch:
    first: int  # token range [first, end) of the whole phrase, nationality included
    end: int
    phrase: Phrase
    of: str | None  # the country or organisation in the slot, None for a bare phrase
    slot: str  # "adjective", "name" or "" (bare)
    slot_first: int = 0  # token range of the slot
    slot_end: int = 0
    lead: int = 0  # Arabic prefix letters attached to the first word, outside the phrase


def find_phrases(
    text: str, tokens: Sequence[Token], idx: Indexes, rules: LanguageRules
) -> list[PhraseMatch]:
    """Longest phrase matches, left to right, not overlapping."""
    out: list[PhraseMatch] = []
    i = 0
    while i < len(tokens):
        cands = _candidates(text, tokens, i, idx, rules)
        if cands:
            best = max(cands, key=lambda c: (c.end - c.first, c.slot != ""))
            out.append(best)
            i = best.end
        else:
            i += 1
    return out


def _candidates(
    text: str, tokens: Sequence[Token], i: int, idx: Indexes, rules: LanguageRules
) -> list[PhraseMatch]:
    cands: list[PhraseMatch] = []
    positions = rules.adjective_positions
    if "prefix" in positions:  # "Indian Foreign Minister", "Ukraine's foreign ministry"
        for f in idx.adjectives.match(text, tokens, i):
            cands += _after_prefix(text, tokens, f.end, idx, f.entry.payload, "adjective", i)
        for f in idx.slot_names.match(text, tokens, i):
            j, entry = f.end, f.entry
            k = j
            if (
                k < len(tokens)
                and tokens[k].key in rules.possessive
                and _joined_at(text, tokens, k)
            ):
                k += 1
            name, kind = entry.payload
            cands += _after_prefix(text, tokens, k, idx, name, "name", i, slot_end=j, kind=kind)
    for f in idx.phrases.match(text, tokens, i):
        phrase: Phrase = f.entry.payload
        cands.append(PhraseMatch(i, f.end, phrase, None, "", lead=f.lead))
        slot = _slot_after(text, tokens, f.end, idx, rules, phrase)
        if slot:
            of, kind, slot_first, end = slot
            cands.append(PhraseMatch(i, end, phrase, of, kind, slot_first, end, f.lead))
    if "infix" in positions and i + 1 < len(tokens) and _joined_at(text, tokens, i + 1):
        # "ministre indien des Affaires étrangères", "التلفزيون المصري الرسمي"
        first = tokens[i]
        keys = arabic_firsts(first.text) if first.arabic else ((first.key, 0),)
        for key, lead in keys:
            for rest, phrase in idx.heads.get(key, ()):
                for f in idx.adjectives.match(text, tokens, i + 1):
                    j, end = f.end, f.end + len(rest)
                    if end <= len(tokens) and all(
                        tokens[j + n].key == rest[n] and _joined_at(text, tokens, j + n)
                        for n in range(len(rest))
                    ):
                        cands.append(
                            PhraseMatch(
                                i, end, phrase, f.entry.payload, "adjective", i + 1, j, lead
                            )
                        )
    return cands


def _after_prefix(
    text: str,
    tokens: Sequence[Token],
    j: int,
    idx: Indexes,
    of: str,
    slot: str,
    first: int,
    *,
    slot_end: int | None = None,
    kind: str = "country",
) -> list[PhraseMatch]:
    if j >= len(tokens) or not _joined_at(text, tokens, j):
        return []
    out = []
    for f in idx.phrases.match(text, tokens, j):
        phrase: Phrase = f.entry.payload
        if phrase.category == "institution" and kind != "country":
            continue
        out.append(PhraseMatch(first, f.end, phrase, of, slot, first, slot_end or j))
    return out


def _slot_after(
    text: str, tokens: Sequence[Token], j: int, idx: Indexes, rules: LanguageRules, phrase: Phrase
) -> tuple[str, str, int, int] | None:
    """(of, "adjective"|"name", slot start, slot end) for a nationality right after the phrase."""
    if j >= len(tokens) or not _joined_at(text, tokens, j):
        return None
    for f in idx.adjectives.match(text, tokens, j):
        return f.entry.payload, "adjective", j, f.end
    starts = [j] if "" in rules.connectors else []
    starts += [f.end for f in idx.connectors.match(text, tokens, j)]
    for k in starts:
        if k >= len(tokens) or not _joined_at(text, tokens, k):
            continue
        for f in idx.slot_names.match(text, tokens, k):
            name, kind = f.entry.payload
            if phrase.category == "institution" and kind != "country":
                continue
            return name, "name", k, f.end
    return None


def _joined_at(text: str, tokens: Sequence[Token], k: int) -> bool:
    return k > 0 and joined(text, tokens[k - 1], tokens[k])
