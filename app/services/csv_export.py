"""CSV text for notes, claims and contradictions: one row per item, safe to open in a spreadsheet.

The text is plain UTF-8 without a byte-order mark (RFC 4180 rows, CRLF line ends); spreadsheets
that guess another encoding should be told UTF-8 on import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from app.schemas import AnnotationOut, ClaimOut, ContradictionOut

T = TypeVar("T")
LIST_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's CSV-injection list

ANNOTATION_COLUMNS = ("id", "article", "paragraph", "quote", "body", "tags", "author", "created", "modified", "orphaned",
                      "visibility", "reply_to")
CLAIM_COLUMNS = ("id", "kind", "article", "outlet", "published", "language", "paragraph", "start", "end", "text",
                 "speaker", "verb", "source_chain", "metric", "value", "value_high", "qualifier", "population", "period")
CONTRADICTION_COLUMNS = ("id", "kind", "status", "origin", "reason", "current", "articles", "passages")


def safe_cell(value: Any) -> str:
    """A cell as text; text that a spreadsheet would run as a formula gets a leading apostrophe.
    Numbers are ours, not user text, so a negative figure stays a number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, (list, tuple)):
        text = LIST_SEPARATOR.join(str(v) for v in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def annotations_csv(items: Iterable[AnnotationOut]) -> str:
    return _csv(ANNOTATION_COLUMNS, items, lambda n: (
        n.id, n.article, n.paragraph, n.selector.exact if n.selector else None, n.body, n.tags, n.author,
        n.created, n.modified, n.orphaned, n.visibility, n.reply_to))


def claims_csv(items: Iterable[ClaimOut]) -> str:
    return _csv(CLAIM_COLUMNS, items, lambda c: (
        c.id, c.kind, c.article, c.outlet, c.published, c.language, c.paragraph, c.start, c.end, c.text,
        c.speaker, c.verb, c.source_chain, c.metric, c.value, c.value_high, c.qualifier, c.population, c.period))


def contradictions_csv(items: Iterable[ContradictionOut]) -> str:
    return _csv(CONTRADICTION_COLUMNS, items, lambda c: (
        c.id, c.kind, c.status, c.origin, c.reason, c.current,
        list(dict.fromkeys(p.article for p in c.claims)),
        [f"{p.article} ¶{p.paragraph}: {p.text}" for p in c.claims]))


def _csv(columns: Sequence[str], items: Iterable[T], row: Callable[[T], Sequence[Any]]) -> str:
    # The header row is written even with no items, so an empty export still says what it holds.
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([safe_cell(v) for v in row(item)] for item in items)
    return out.getvalue()
