"""Replies in one article: a demand and its refusal, an assertion and its denial, side by side."""

# A *reply* is a sentence with a refusal word (seeds/stance.toml [refusals]: "rejected", "réfute",
# "رفضت", "опроверг"). What it answers is read from the words around it: a demand noun ("the
# request", "une demande") makes it a refusal of the nearest earlier demand (a [demands] word:
# "called for", "a réclamé"); a claim noun ("the claim", "ces accusations"), a colon or a quote
# after it makes it a denial of the nearest earlier quoted assertion. Only the reply's own
# paragraph and the two before are searched: a reply follows what it answers. A demand and its
# refusal can both hold (soft); an assertion and its denial cannot (strong).

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.analysis.lexicon import Lexicon, tokenize
from app.analysis.sentences import sentence_spans
from app.analysis.stance import StanceVocabulary

_REACH = 2  # paragraphs before the reply searched for what it answers
_AROUND = 4  # words either side of the refusal word that say what is refused
_QUOTE = re.compile(r"«[^»]+»|“[^”]+”|\"[^\"]+\"")
_CLAUSE_END = re.compile(r"[,;:.!?،؛]")


@dataclass(frozen=True)
class Reply:
    kind: str  # demand | assertion
    said: tuple[int, int, int]  # paragraph, start, end: the demand or the assertion
    reply: tuple[int, int, int]  # the refusal or the denial
    word: str  # the refusal word as written


def _lexicon(vocab: StanceVocabulary, section: str, language: str) -> Lexicon:
    table = vocab.data.get(section, {})
    code = (language or "").split("-")[0].lower()
    words = table[code] if code in table else [w for ws in table.values() for w in ws]
    return Lexicon((w, section) for w in words)


def find_replies(paragraphs: Sequence[str], *, language: str, vocab: StanceVocabulary,
                 abbreviations: set[str] = frozenset()) -> list[Reply]:  # type: ignore[assignment]
    """Every demand refused and assertion denied in one article's paragraphs."""
    refusals, demands = (_lexicon(vocab, s, language) for s in ("refusals", "demands"))
    demand_nouns, claim_nouns = (_lexicon(vocab, s, language) for s in ("demand_nouns", "claim_nouns"))
    out = []
    for i, text in enumerate(paragraphs):
        tokens = tokenize(text)
        for first, end, _ in refusals.scan(text, tokens):
            a, b = tokens[first].start, tokens[end - 1].end
            near = range(max(0, first - _AROUND), min(len(tokens), end + _AROUND))
            if any(demand_nouns.match(text, tokens, k) for k in near):
                kind = "demand"
            elif any(claim_nouns.match(text, tokens, k) for k in near) or re.match(r"\s*[:«“\"]", text[b:]):
                kind = "assertion"
            else:
                continue
            start = _clause_start(text, a)
            said = _antecedent(paragraphs, i, start, kind, demands)
            if said:
                out.append(Reply(kind, said, (i, start, _reply_end(text, b, abbreviations)), text[a:b]))
    return out


def _antecedent(paragraphs: Sequence[str], i: int, before: int, kind: str, demands: Lexicon
                ) -> tuple[int, int, int] | None:
    """The nearest demand (its clause), or the nearest quoted words (from the paragraph's first
    quote to its last: what the other side said), before the reply's clause."""
    for j in range(i, max(-1, i - _REACH - 1), -1):
        text = paragraphs[j][:before] if j == i else paragraphs[j]
        if kind == "assertion":
            quotes = list(_QUOTE.finditer(text))
            if quotes:
                return (j, quotes[0].start(), quotes[-1].end())
            continue
        tokens = tokenize(text)
        found = demands.scan(text, tokens)
        if found:
            a = tokens[found[-1][0]].start
            m = _CLAUSE_END.search(text, tokens[found[-1][1] - 1].end)
            return (j, a, m.start() if m else len(text.rstrip()))
    return None


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding `at` starts: "…, une demande rejetée par …" starts at "une"."""
    cut = max(text.rfind(c, 0, at) for c in ",;.!?،؛")
    return cut + 1 + (len(text[cut + 1:at]) - len(text[cut + 1:at].lstrip()))


def _reply_end(text: str, after: int, abbreviations: set[str]) -> int:
    """The reply's sentence end, or the next sentence's when that one is the reply's own quote
    ("Mansouri rejected the claim. "There was no fraud."")."""
    spans = sentence_spans(text, abbreviations)
    k = next((n for n, (s, e) in enumerate(spans) if s <= after <= e), None)
    if k is None:
        return len(text)
    if k + 1 < len(spans) and text[spans[k + 1][0]:spans[k + 1][0] + 1] in "«“\"":
        return spans[k + 1][1]
    return spans[k][1]
