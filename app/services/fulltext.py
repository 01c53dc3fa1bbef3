"""The full-text index of paragraphs' search keys, on SQLite (FTS5) or PostgreSQL (a tsvector
with a GIN index). Both store the same already-normalised keys word for word, without a
dictionary, so both find the same paragraphs.

A query is a `Match`: AND over groups, a group is OR over alternatives, an alternative is AND
over words, a word is OR over its key variants. Each engine gets it in its own syntax with every
word quoted, so operators typed by users are taken as plain words."""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import TextClause, text
from sqlmodel import Session

Term = tuple[str, ...]  # one query word's key variants
Match = list[list[list[Term]]]

_TOKEN = re.compile(r"[^\W_]+")  # what FTS5's unicode61 tokenizer keeps: letters and digits
_MAX_POSITION = 16383  # PostgreSQL's limits: positions above are clamped, 256 kept per word,
_MAX_POSITIONS = 256  # and a tsvector is at most 1 MB
_MAX_VECTOR_BYTES = 900_000


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def expression(session: Session, match: Match) -> str | None:
    """The match in the database's own query syntax, or None when it has no words."""
    groups = [alts for alts in match if alts]
    if not groups:
        return None
    word = _tsquery_word if _postgres(session) else _fts5_word
    conj, disj = (" & ", " | ") if _postgres(session) else (" AND ", " OR ")
    return conj.join("(" + disj.join("(" + conj.join(word(t, disj) for t in alt) + ")" for alt in alts) + ")"
                     for alts in groups)


def _fts5_word(term: Term, disj: str) -> str:
    return "(" + disj.join(f'"{v}"' for v in term) + ")"


def _tsquery_word(term: Term, disj: str) -> str:
    # A variant that FTS5 would read as several tokens is a phrase there; `<->` here. One with no
    # letters or digits ("_") matches nothing in FTS5: '_' is a word no paragraph is indexed with.
    return "(" + disj.join(" <-> ".join(f"'{t}'" for t in _TOKEN.findall(v)) or "'_'" for v in term) + ")"


def _where(session: Session) -> str:
    return "keys @@ CAST(:m AS tsquery)" if _postgres(session) else "paragraph_fts MATCH :m"


def matching_ids(session: Session, expr: str) -> TextClause:
    """The ids of the paragraphs that match, as a subquery."""
    return text(f"SELECT rowid FROM paragraph_fts WHERE {_where(session)}").bindparams(m=expr)


def count(session: Session, expr: str) -> int:
    return session.exec(text(f"SELECT count(*) FROM paragraph_fts WHERE {_where(session)}").bindparams(m=expr)).one()[0]


def ranked_ids(session: Session, expr: str, *, limit: int | None, offset: int) -> list[int]:
    """Matching paragraph ids, best first (BM25 on SQLite; on PostgreSQL ts_rank over word
    frequencies, shorter paragraphs first on a tie, as BM25 would)."""
    if _postgres(session):
        order = "ts_rank(keys, CAST(:m AS tsquery), 1) DESC, length(keys), rowid"
        page = "LIMIT :limit OFFSET :offset" if limit is not None else "OFFSET :offset"
    else:
        order, page = "rank", "LIMIT :limit OFFSET :offset"
        limit = -1 if limit is None else limit
    query = text(f"SELECT rowid FROM paragraph_fts WHERE {_where(session)} ORDER BY {order} {page}")
    params = {"m": expr, "offset": offset} | ({"limit": limit} if limit is not None else {})
    return [row[0] for row in session.exec(query.bindparams(**params)).all()]


def index(session: Session, rows: list[tuple[int, str]]) -> None:
    """Store (paragraph id, keys) rows, in one statement (a long article has thousands)."""
    if not rows:
        return
    if _postgres(session):
        session.execute(text("INSERT INTO paragraph_fts (rowid, keys) VALUES (:id, CAST(:keys AS tsvector))"),
                        [{"id": pid, "keys": tsvector(keys)} for pid, keys in rows])
    else:
        session.execute(text("INSERT INTO paragraph_fts(rowid, keys) VALUES (:id, :keys)"),
                        [{"id": pid, "keys": keys} for pid, keys in rows])


def unindex(session: Session, paragraph_ids: list[int]) -> None:
    if paragraph_ids:
        session.execute(text("DELETE FROM paragraph_fts WHERE rowid = :id"), [{"id": pid} for pid in paragraph_ids])


def tsvector(keys: str) -> str:
    """The keys as a tsvector literal of exactly those words with their positions (not parsed by
    a text search configuration, which would stem or split them differently from FTS5)."""
    positions: dict[str, list[int]] = defaultdict(list)
    for n, token in enumerate(_TOKEN.findall(keys), start=1):
        if len(positions[token]) < _MAX_POSITIONS:
            positions[token].append(min(n, _MAX_POSITION))
    literal = " ".join(f"'{t}':{','.join(map(str, p))}" for t, p in positions.items())
    if len(literal.encode()) > _MAX_VECTOR_BYTES:  # a hostile paragraph: words without positions
        literal = " ".join(f"'{t}'" for t in positions)[:_MAX_VECTOR_BYTES].rsplit(" ", 1)[0]
    return literal
