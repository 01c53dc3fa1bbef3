"""French speakers from the dependency parse: when the patterns found no actor as the speaker,
the grammatical subject of the reporting verb names one.

Measured on 84 French statements (seeds and our own articles): letting the parse override the
patterns' actor speakers made 2 changes, both wrong (an incise "La Chine, a souligné Xi
Jinping, …" and a quote read as a subject), so the parse only fills in where the patterns had
no actor; on those 84 it then changes nothing, and it fixes the apposition case in the tests."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.analysis.attribution import Source, Statement
from app.analysis.paragraph_mentions import mentions_by_paragraph

if TYPE_CHECKING:
    import spacy

FRENCH_MODEL = "fr_core_news_md"
_SUBJECTS = ("nsubj", "nsubj:pass")
# The parser needs its own tok2vec and the tagger's features; entities come from the NER pass.
_NOT_NEEDED = ("ner", "lemmatizer", "attribute_ruler")


@functools.cache
def load_french_parser() -> spacy.Language:
    """fr_core_news_md with the dependency parser (loaded once per process, only when ingesting)."""
    import spacy

    return spacy.load(FRENCH_MODEL, exclude=list(_NOT_NEEDED))


Subjects = dict[tuple[int, int, int], tuple[int, int] | None]  # (paragraph, verb start, verb end) -> subject span


def parsed_subjects(paragraphs: Sequence[str], statements: Sequence[Statement], nlp: Any) -> Subjects:
    """The subject of each statement's reporting verb, from the parse of its paragraph. Only the
    paragraphs that hold statements are parsed, batched, and each parse is let go once read: a
    long article needs no more memory than one batch of parses."""
    verbs: dict[int, list[tuple[int, int]]] = {}
    for s in statements:
        if not _known_speaker(s):  # a speaker the patterns tied to an actor stays: no parse needed
            verbs.setdefault(s.paragraph, []).append((s.verb_start, s.verb_end))
    order = sorted(verbs)
    subjects: Subjects = {}
    for i, doc in zip(order, nlp.pipe((paragraphs[i] for i in order), batch_size=32)):
        for start, end in verbs[i]:
            if (span := _subject(doc, start, end)) is not None:  # none: the patterns' guess stands
                subjects[(i, start, end)] = span
    return subjects


def _known_speaker(s: Statement) -> bool:
    return any(src.role == "speaker" and src.actor for src in s.sources)


def with_parsed_speakers(statements: Sequence[Statement], subjects: Subjects, mentions: Sequence[Any]) -> list[Statement]:
    """Each statement whose speaker is no actor, and whose reporting verb has a subject in the
    parse that mentions an actor, gets that actor as its speaker."""
    out = []
    grouped = mentions_by_paragraph(mentions)
    for s in statements:
        subject = None if _known_speaker(s) else subjects.get((s.paragraph, s.verb_start, s.verb_end))
        inside = [m for m in grouped.get(s.paragraph, ()) if subject and subject[0] <= m.start and m.end <= subject[1]]
        best = max(inside, key=lambda m: m.end - m.start) if inside else None
        if best is None or _overlaps((best.start, best.end), (s.speaker_start, s.speaker_end)):
            out.append(s)  # the parse names no actor, or the one the patterns already hold
            continue
        start, end, name = best.start, best.end, best.actor
        speaker = Source(name, start, end, "speaker", True)
        sources = tuple(speaker if src.role == "speaker" else src for src in s.sources)
        if not any(src.role == "speaker" for src in s.sources):
            sources = (*sources, speaker)
        out.append(replace(s, speaker=name, speaker_start=start, speaker_end=end, sources=sources))
    return out


def _subject(doc: Any, verb_start: int, verb_end: int) -> tuple[int, int] | None:
    """The character span of the verb's subject (from an auxiliary, its verb's subject); None when
    the parse has none, or only a pronoun, and the patterns' guess stands."""
    verbs = [t for t in doc if verb_start <= t.idx < verb_end]
    for verb in verbs:
        for head in ((verb, verb.head) if verb.pos_ == "AUX" else (verb,)):
            for child in head.children:
                if child.dep_ in _SUBJECTS and child.pos_ not in ("PRON", "DET"):
                    words = list(child.subtree)
                    return words[0].idx, words[-1].idx + len(words[-1].text)
    return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
