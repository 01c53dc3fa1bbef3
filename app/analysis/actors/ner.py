"""Run the French spaCy model (NER only) and clean its entity spans into actor proposals."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.analysis.actors.index import Indexes
from app.analysis.actors.matching import Token, sentence_start, token_index
from app.analysis.actors.registry import LanguageRules

if TYPE_CHECKING:
    import spacy

FRENCH_MODEL = "fr_core_news_md"
# Only the entity recogniser is needed. In fr_core_news_md it embeds its own tok2vec, so the
# shared tok2vec (used by the tagger and parser) is dropped too: about twice as fast.
_UNUSED = (
    "tok2vec",
    "morphologizer",
    "parser",
    "attribute_ruler",
    "lemmatizer",
    "senter",
    "tagger",
    "trainable_lemmatizer",
    "entity_ruler",
)
_LABELS = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": ""}


@dataclass(frozen=True)
class Proposal:
    first: int  # token range [first, end)
    end: int
    kind: str
    label: str


@functools.cache
def load_french_model() -> spacy.Language:
    """fr_core_news_md with only its entity recogniser (loaded once per process)."""
    import spacy

    nlp = spacy.load(FRENCH_MODEL, exclude=list(_UNUSED))
    embed = nlp.config["components"]["ner"]["model"]["tok2vec"].get("@architectures", "")
    if "Listener" in embed:  # a model version whose ner listens to the shared tok2vec
        nlp = spacy.load(FRENCH_MODEL, exclude=[c for c in _UNUSED if c != "tok2vec"])
    return nlp


def model_spans(
    paragraphs: Sequence[str], nlp: Any, batch_size: int = 64
) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) character spans of the model's entities, per paragraph."""
    return [
        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for doc in nlp.pipe(paragraphs, batch_size=batch_size)
    ]


def clean(
    text: str,
    tokens: Sequence[Token],
    span: tuple[int, int, str],
    idx: Indexes,
    rules: LanguageRules,
    *,
    headline: bool,
    registry_starts: dict[int, int],
    inside_caps: frozenset[str] = frozenset(),
) -> Proposal | None:
    """Trim determiners, titles and nationality adjectives off a model span; None if nothing
    name-like is left. `registry_starts` maps token -> end token of registry matches, so a span
    cut before its complement ("Banque centrale du") is extended over it. `inside_caps` are the
    words the article capitalises inside sentences: a lone capitalised word opening a sentence
    is only a name if the article also writes it so elsewhere."""
    start, end, label = span
    first, last = token_index(tokens, start, end)
    if first >= last or label not in _LABELS:
        return None
    if last - first >= 2 and "(" in text[tokens[last - 2].end : tokens[last - 1].start]:
        last -= 1  # "Système européen (EFFIS)": the bracketed acronym is linked on its own
    titled = False
    while first < last and _strippable(tokens[first].key, idx, rules):
        titled |= tokens[first].key in idx.titles or tokens[first].key in rules.honorifics
        first += 1
    connectors = rules.connector_words | rules.determiners
    if first < last and tokens[last - 1].key in connectors and last in registry_starts:
        last = registry_starts[last]
    while first < last and tokens[last - 1].key in connectors:
        last -= 1
    if first >= last:
        return None
    words = tokens[first:last]
    head = words[0]
    if last - first == 1 and len(head.text) < 2:
        return None
    if not head.upper and head.key not in rules.name_heads:
        return None
    filler = rules.not_names | rules.stopwords | idx.adjective_words | connectors | idx.titles
    content = [t for t in words if t.key not in connectors]
    named = head.key in rules.name_heads and len(content) >= 2  # "ministère de l'Intérieur"
    if not named and all(t.key in filler or t.text.isdigit() for t in words):
        return None
    if headline and (label != "PER" or any(t.key in filler for t in words)):
        return None  # in Title Case only the model's person names are kept
    if sentence_start(text, tokens, first) and head.key not in rules.name_heads:
        rest = [t for t in words[1:] if t.key not in connectors]
        if not rest and label != "PER" and head.key not in inside_caps:
            return None
        if rest and not any(t.upper for t in rest) and rules.code != "ru":  # Russian names
            # capitalise their first word only: "Центральная избирательная комиссия"
            return None  # "Accord stabilité énergie": a capitalised sentence opener, then words
    titled |= _after(tokens, first, idx.titles | rules.honorifics, idx, frozenset())
    media = _after(tokens, first, rules.media_nouns, idx, connectors, loose=True)
    kind = _LABELS[label]
    if media and label != "PER":
        kind = "media"
    elif titled and label in ("LOC", "MISC"):
        kind = "person"
    if not kind:
        return None
    return Proposal(first, last, kind, label)


def _strippable(key: str, idx: Indexes, rules: LanguageRules) -> bool:
    return (
        key in rules.determiners
        or key in idx.titles
        or key in rules.honorifics
        or key in idx.adjective_words
    )


def _after(
    tokens: Sequence[Token],
    first: int,
    words: frozenset[str] | set[str],
    idx: Indexes,
    small: frozenset[str] | set[str],
    *,
    loose: bool = False,
) -> bool:
    """One of `words` stands just before token `first`, skipping nationality adjectives and
    determiners (and, if loose, other lower-case words: "la chaîne d'information kényane X")."""
    for k in range(first - 1, max(-1, first - 5), -1):
        key = tokens[k].key
        if key in words:
            return True
        if not (key in idx.adjective_words or key in small or (loose and tokens[k].text.islower())):
            return False
    return False

