"""Stance contradictions: actors taking opposite positions on the same target."""

# A *position* is read from one sentence: a polarity word (seeds/stance.toml: support or oppose),
# its *holder* (the actor named last before the word in the sentence) and its *target* (the first
# actor named after it, before the clause ends: "opposes any force THAT destabilises X" targets
# no one). Two positions oppose each other when different holders support and oppose one target,
# or when one holder attacks another who is quoted in the story (a rebuttal: the attack and the
# words attacked are shown side by side). Actors every article names (the story's setting, such
# as the country where it happens) are not targets: everyone "supports" or "worries about" them.

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.analysis.lexicon import Lexicon, Token, tokenize
from app.analysis.paragraph_mentions import mentions_by_paragraph
from app.analysis.sentences import sentence_spans

POLARITY = {"support": 1, "oppose": -1}
_SETTING_KINDS = ("country", "place")


@dataclass(frozen=True, slots=True)  # slots: a long article holds tens of thousands
class Position:
    article: str
    paragraph: int
    start: int  # the sentence
    end: int
    holder: str  # actor names
    target: str
    polarity: int  # +1 support, -1 oppose
    word: str  # the polarity word as written


@dataclass(frozen=True)
class StanceWords:
    """The stance vocabulary of one language (all languages' words for one it does not list)."""

    polarity: Lexicon
    breaks: frozenset[str]
    negations: frozenset[str]


class StanceVocabulary:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._cache: dict[str, StanceWords] = {}

    def words(self, language: str) -> StanceWords:
        code = (language or "").split("-")[0].lower()
        if code not in self._cache:
            def listed(section: str) -> list[str]:
                table = self.data.get(section, {})
                return table[code] if code in table else [w for ws in table.values() for w in ws]
            lexicon = Lexicon((w, POLARITY[s]) for s in POLARITY for w in listed(s))
            keys = lambda section: frozenset(k for w in listed(section) for t in tokenize(w) for k in t.keys)  # noqa: E731
            self._cache[code] = StanceWords(lexicon, keys("breaks"), keys("negations"))
        return self._cache[code]


def load_stance_vocabulary(path: Path) -> StanceVocabulary:
    if not path.exists():
        return StanceVocabulary({})
    with open(path, "rb") as fh:
        return StanceVocabulary(tomllib.load(fh))


def find_positions(article: str, paragraphs: Sequence[str], mentions: Sequence[Any], *, language: str,
                   vocab: StanceVocabulary, abbreviations: set[str] = frozenset()) -> list[Position]:  # type: ignore[assignment]
    """Every (holder, polarity, target) sentence of one article; `mentions` are its actor mentions."""
    words = vocab.words(language)
    out = []
    grouped = mentions_by_paragraph(mentions)
    for i, text in enumerate(paragraphs):
        in_paragraph = sorted(grouped.get(i, ()), key=lambda m: m.start)
        if not in_paragraph or not text:
            continue
        tokens = tokenize(text)
        for s, e in sentence_spans(text, abbreviations):
            sentence_mentions = [m for m in in_paragraph if s <= m.start and m.end <= e]
            if len(sentence_mentions) < 2:
                continue
            for first, last, polarity in words.polarity.scan(text, tokens):
                a, b = tokens[first].start, tokens[last - 1].end
                if not s <= a < e or _negated(tokens, first, last, words.negations):
                    continue
                holder = next((m for m in reversed(sentence_mentions) if m.end <= a), None)
                target = _target(text, tokens, b, e, sentence_mentions, words.breaks)
                if holder and target and holder.actor != target.actor:
                    out.append(Position(article, i, s, e, holder.actor, target.actor, polarity, text[a:b]))
    return out


def stance_pairs(positions: Sequence[Position], statements: Sequence[tuple[str, Any]], *,
                 setting: set[str]) -> Iterator[tuple[str, Position, Position | tuple[str, Any], str, str]]:
    """(reason, one side, other side, strength, topic): opposite positions on one target (soft:
    both can hold), then rebuttals (strong: an attack on an actor paired with that actor's own
    statement in the same article). `statements` are (article, Statement); `setting` the actors
    that are no one's target."""
    seen: set[tuple] = set()
    useful = [p for p in positions if p.target not in setting]
    for p, q in itertools.combinations(useful, 2):
        if p.target == q.target and p.polarity != q.polarity and not _same_side(p.holder, q.holder):
            key = ("opposed", p.target, frozenset((p.holder, q.holder)))
            if key not in seen:
                seen.add(key)
                pro, con = (p, q) if p.polarity > 0 else (q, p)
                yield (f"{pro.holder} supports {pro.target} (“{pro.word}”) where {con.holder} opposes it (“{con.word}”)",
                       pro, con, "soft", f"target:{p.target}")
    for p in useful:
        if p.polarity > 0:
            continue
        said = [(art, st) for art, st in statements if art == p.article and st.speaker == p.target
                and (st.paragraph, st.start) != (p.paragraph, p.start)]
        if said and ("rebuttal", p.holder, p.target) not in seen:
            seen.add(("rebuttal", p.holder, p.target))
            nearest = min(said, key=lambda x: abs(x[1].paragraph - p.paragraph))
            yield (f"{p.holder} attacks {p.target} (“{p.word}”), who is quoted in the same article", p, nearest,
                   "strong", f"rebuttal:{p.holder}|{p.target}")


def story_setting(mentions_by_article: Sequence[Sequence[Any]]) -> set[str]:
    """Countries and places every article of the group names: where the story happens."""
    if len(mentions_by_article) < 2:
        return set()
    named = [{m.actor for m in ms if m.kind in _SETTING_KINDS} for ms in mentions_by_article]
    return set.intersection(*named)


def _target(text: str, tokens: Sequence[Token], after: int, end: int, mentions: Sequence[Any],
            breaks: frozenset[str]) -> Any:
    """The first actor named after the polarity word, unless the clause ends first."""
    for m in mentions:
        if m.start < after:
            continue
        between = text[after:m.start]
        if any(ch in between for ch in ",;:.()«»\"“”"):
            return None
        if any(k in breaks for t in tokens if after <= t.start and t.end <= m.start for k in t.keys):
            return None
        return m if m.start < end else None
    return None


def _negated(tokens: Sequence[Token], first: int, last: int, negations: frozenset[str]) -> bool:
    near = tokens[max(0, first - 2):first] + tokens[last:last + 1]
    return any(k in negations for t in near for k in t.keys)


def _same_side(x: str, y: str) -> bool:
    """One actor named two ways ("Norland", "Ministry of Foreign Affairs of Norland") is one side."""
    return x == y or x in y or y in x
