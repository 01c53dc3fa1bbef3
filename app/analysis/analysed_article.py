"""One article analysed once for every contradiction finder, and whose voice a span is."""

from __future__ import annotations

import re
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.analysis.align import ArticleText, article_text
from app.analysis.attribution import AttributionRules, Statement, load_attribution
from app.analysis.claims import find_statements
from app.analysis.figure_vocabulary import FigureVocabulary, load_figure_vocabulary
from app.analysis.figures import Figure, find_figures, settings
from app.analysis.lexicon import Lexicon, tokenize
from app.analysis.seeds import SEEDS_DIR
from app.analysis.stance import (
    Position,
    StanceVocabulary,
    find_positions,
    load_stance_vocabulary,
)

_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")


@dataclass(frozen=True, slots=True)  # slots: a long article holds tens of thousands
class Hit:
    """One occurrence of a frame label or a key term; `keys`: the frames or concepts it names."""

    paragraph: int
    start: int
    end: int
    text: str
    keys: frozenset[str]


@dataclass(frozen=True)
class Vocabulary:
    figures: FigureVocabulary
    attribution: AttributionRules
    framing: dict[str, Any]  # seeds/framing.toml
    terms: dict[str, Any]  # seeds/terms.toml
    stance: StanceVocabulary = field(default_factory=lambda: StanceVocabulary({}))  # seeds/stance.toml
    _lex: dict[tuple[str, str], Lexicon] = field(default_factory=dict, compare=False, repr=False)

    def lexicon(self, what: str, language: str) -> Lexicon:
        """The 'frames' or 'concepts' of one language (of all, for a language without words)."""
        code = (language or "").split("-")[0].split("_")[0].lower()
        if (what, code) not in self._lex:
            entries = (list(self.framing.get("frames", {}).items()) if what == "frames"
                       else [(c["key"], c) for c in self.terms.get("concept", [])])
            known = any(code in e for _, e in entries)
            words: dict[str, set[str]] = defaultdict(set)  # a word of two concepts names both
            for key, e in entries:
                for lang, ws in e.items():
                    if isinstance(ws, list) and (lang == code or not known):
                        for w in ws:
                            words[w].add(key)
            self._lex[(what, code)] = Lexicon((w, frozenset(k)) for w, k in words.items())
        return self._lex[(what, code)]

    def frame(self, key: str) -> dict[str, Any]:
        return self.framing.get("frames", {}).get(key, {})

    def concept(self, key: str) -> dict[str, Any]:
        return next((c for c in self.terms.get("concept", []) if c["key"] == key), {})


def load_vocabulary(seeds_dir: Path | None = None) -> Vocabulary:
    """The figure, attribution, framing and key-term vocabularies of a seeds folder."""
    folder = seeds_dir or SEEDS_DIR
    with open(folder / "framing.toml", "rb") as fh:
        framing = tomllib.load(fh)
    with open(folder / "terms.toml", "rb") as fh:
        terms = tomllib.load(fh)
    attribution = load_attribution(folder / "framing.toml" if seeds_dir else None)
    return Vocabulary(load_figure_vocabulary(folder / "figures.toml"), attribution, framing, terms,
                      load_stance_vocabulary(folder / "stance.toml"))


@dataclass(frozen=True)
class AnalysedArticle:
    id: str
    language: str
    paragraphs: tuple[str, ...]
    mentions: tuple[Any, ...]  # actor mentions (.paragraph, .start, .end, .actor, .kind)
    figures: tuple[Figure, ...]
    statements: tuple[Statement, ...]
    frames: tuple[Hit, ...]
    concepts: tuple[Hit, ...]
    text: ArticleText
    outlet: str | None = None  # whose voice the narration is (the id when unknown)
    positions: tuple[Position, ...] = ()  # who supports or opposes whom, sentence by sentence
    published: str | None = None  # ISO date or date-time: orders successive counts


def analyse_article(id: str, paragraphs: Sequence[str], *, language: str, mentions: Sequence[Any],
                    vocab: Vocabulary, furniture: Iterable[int] = (), outlet: str | None = None,
                    published: str | None = None) -> AnalysedArticle:
    """Everything the suggestions need from one article; `furniture` paragraphs are left out."""
    skip = set(furniture)
    body = ["" if i in skip else p for i, p in enumerate(paragraphs)]
    ms = tuple(m for m in mentions if m.paragraph not in skip)
    contexts = settings(body, language=language, vocab=vocab.figures)
    figures = tuple(f for i, p in enumerate(body)
                    for f in find_figures(i, p, language=language, vocab=vocab.figures,
                                          contexts=contexts))
    statements = find_statements(body, language=language, mentions=ms, rules=vocab.attribution)

    text = article_text(id, body, language=language, mentions=ms, vocab=vocab.figures)
    positions = find_positions(id, body, ms, language=language, vocab=vocab.stance,
                               abbreviations=vocab.attribution.lang(language)["abbr"])
    frames, concepts = _label_hits(body, ("frames", "concepts"), language, vocab)
    return AnalysedArticle(id, language, tuple(paragraphs), ms, figures, tuple(statements),
                           frames, concepts, text, outlet, tuple(positions), published)


def label_hits(paragraphs: Sequence[str], what: str, language: str, vocab: Vocabulary) -> tuple[Hit, ...]:
    """Every frame label ('frames') or key term ('concepts') of the vocabulary in these paragraphs."""
    return _label_hits(paragraphs, (what,), language, vocab)[0]


def _label_hits(paragraphs: Sequence[str], whats: Sequence[str], language: str, vocab: Vocabulary
                ) -> list[tuple[Hit, ...]]:
    """`label_hits` of several vocabularies, each paragraph tokenized once for all."""
    lexicons, out = [vocab.lexicon(what, language) for what in whats], [[] for _ in whats]
    for i, p in enumerate(paragraphs):
        toks = tokenize(p)
        for lex, hits in zip(lexicons, out):
            for f, e, keys in lex.scan(p, toks):
                a, b = toks[f].start, toks[e - 1].end
                hits.append(Hit(i, a, b, sys.intern(p[a:b]), keys))  # labels repeat: one string each
    return [tuple(hits) for hits in out]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where the text is in quotation marks (« », “ ”, " "): someone else's words."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def source_of(art: AnalysedArticle, paragraph: int, start: int, end: int, *, words: bool = False
              ) -> str:
    """Who says what is at this span: the origin of the innermost statement holding it, else the
    outlet. With `words` (labels), what a statement does not quote where it quotes something, or
    paraphrases, is the outlet's wording."""
    inner = sorted((s for s in art.statements if s.paragraph == paragraph
                    and s.content_start <= start and end <= s.content_end),
                   key=lambda s: s.content_end - s.content_start)
    for s in inner:
        content = art.paragraphs[paragraph][s.content_start:s.content_end]
        quotes = [(s.content_start + a, s.content_start + b) for a, b in quoted_spans(content)]
        quoted = any(a <= start < b for a, b in quotes)
        if words and s.form == "paraphrase" and not quoted:
            continue  # "impute les manifestations aux « terroristes »": the outlet's word
        if words and quotes and not quoted:
            break
        return s.origin.name
    return f"{art.outlet or art.id} (narration)"
