"""The French dependency parse names the speaker when the patterns found no actor, and only then."""

from dataclasses import dataclass

import pytest

from app.analysis.claims import Source, Statement
from app.analysis.speakers import load_french_parser, parsed_subjects, with_parsed_speakers


@dataclass(frozen=True)
class M:
    paragraph: int
    start: int
    end: int
    actor: str
    kind: str


TEXT = "Le porte-parole du ministère, Jan Novak, a déclaré que la frontière resterait fermée."


def statement(speaker: str, start: int, end: int, actor: bool) -> Statement:
    verb = TEXT.index("déclaré")
    content = TEXT.index("que la")
    return Statement(0, 0, len(TEXT), speaker, start, end, "déclaré", verb, verb + 7, content, len(TEXT) - 1,
                     TEXT[content:-1], (Source(speaker, start, end, "speaker", actor),))


@pytest.fixture(scope="module")
def docs():
    """The subjects of both statements' verb (they share it), from one parse."""
    return parsed_subjects([TEXT], [statement("x", 0, 1, actor=False)], load_french_parser())


def test_parse_subject_with_an_actor_fills_in_a_surface_speaker(docs):
    novak = TEXT.index("Jan Novak")
    mentions = [M(0, novak, novak + 9, "Jan Novak", "person")]
    guessed = statement("ministère", TEXT.index("ministère"), TEXT.index("ministère") + 9, actor=False)
    [fixed] = with_parsed_speakers([guessed], docs, mentions)
    assert fixed.speaker == "Jan Novak" and fixed.sources[-1].actor


def test_an_actor_speaker_from_the_patterns_is_kept(docs):
    kept = statement("Someone Else", 0, 2, actor=True)
    assert with_parsed_speakers([kept], docs, []) == [kept]
