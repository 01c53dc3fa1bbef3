"""The CSV builders on their own: header rows, quoting round-trips and formula neutralising."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import pytest

from app.schemas import AnnotationOut, ClaimOut, ContradictionOut, PassageOut, Selector
from app.services.csv_export import (
    ANNOTATION_COLUMNS,
    CLAIM_COLUMNS,
    CONTRADICTION_COLUMNS,
    annotations_csv,
    claims_csv,
    contradictions_csv,
    safe_cell,
)

WHEN = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)


def rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def note(body: str, tags: list[str] | None = None, exact: str | None = None) -> AnnotationOut:
    return AnnotationOut(id=7, article="some-article", paragraph=3, selector=Selector(exact=exact) if exact else None,
                         body=body, tags=tags or [], author="Ana", created=WHEN, modified=WHEN)


@pytest.mark.parametrize("build, columns", [(annotations_csv, ANNOTATION_COLUMNS), (claims_csv, CLAIM_COLUMNS),
                                            (contradictions_csv, CONTRADICTION_COLUMNS)])
def test_header_row_even_without_items(build, columns):
    text = build([])
    header, items = rows(text)
    assert header == list(columns) and items == []
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("value", ["=1+1", "+33 1 23", "-2 dead", "@SUM(A1)", "\tcmd", "\rcmd", "=HYPERLINK(\"http://x\")"])
def test_formula_starts_get_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value, expected", [(None, ""), ("plain", "plain"), (-3.0, "-3"), (164.0, "164"), (2.5, "2.5"),
                                             (12, "12"), (True, "true"), (["a", "b"], "a | b"), (["-a", "b"], "'-a | b"),
                                             ("a=b", "a=b"), (WHEN, "2024-05-01T12:30:00+00:00")])
def test_cells_as_text(value, expected):
    assert safe_cell(value) == expected


def test_note_text_round_trips():
    body = 'Two counts, "164" and 18;\nsecond line\r\nthird — قال الوزير إن الوضع مستقر'
    header, items = rows(annotations_csv([note(body, ["framing", "death toll"], exact="Environ 164 personnes")]))
    assert header == list(ANNOTATION_COLUMNS)
    assert len(items) == 1
    row = items[0]
    assert row["body"] == body and row["quote"] == "Environ 164 personnes"
    assert row["tags"] == "framing | death toll" and row["paragraph"] == "3" and row["orphaned"] == "false"
    assert row["created"] == "2024-05-01T12:30:00+00:00"


def test_injection_in_note_body_and_tags_is_neutralised():
    _, items = rows(annotations_csv([note("=cmd|' /C calc'!A0", ["@risk"])]))
    assert items[0]["body"] == "'=cmd|' /C calc'!A0"
    assert items[0]["tags"] == "'@risk"


def test_claims_rows():
    claim = ClaimOut(id=1, kind="figure", article="a", paragraph=2, start=0, end=9, text="=164 dead", metric="killed",
                     value=164, qualifier="about", source_chain=["x", "y"], language="fr")
    _, items = rows(claims_csv([claim]))
    assert items[0]["text"] == "'=164 dead" and items[0]["value"] == "164" and items[0]["source_chain"] == "x | y"
    assert items[0]["speaker"] == "" and items[0]["value_high"] == ""


def test_contradiction_rows_join_articles_and_passages():
    passages = [PassageOut(article="a", paragraph=1, start=0, end=3, text="164"),
                PassageOut(article="b", paragraph=4, start=0, end=2, text="18"),
                PassageOut(article="a", paragraph=5, start=0, end=2, text="36")]
    item = ContradictionOut(id=3, kind="numeric", status="confirmed", origin="analyst", reason="Death toll, \"differs\"", claims=passages)
    _, items = rows(contradictions_csv([item]))
    assert items[0]["articles"] == "a | b"
    assert items[0]["passages"] == "a ¶1: 164 | b ¶4: 18 | a ¶5: 36"
    assert items[0]["reason"] == 'Death toll, "differs"' and items[0]["current"] == "true"
