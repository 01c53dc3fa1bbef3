"""Writing an article's many analysis rows (claims, mentions) a slice at a time: a long article's
rows never all sit in the session at once."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from sqlalchemy import insert
from sqlmodel import Session, SQLModel

SLICE = 500  # rows per INSERT


def insert_in_slices(session: Session, rows: Iterable[SQLModel], size: int = SLICE) -> None:
    """Insert these new rows (of one table) in slices of plain values. Unlike `session.add`,
    neither the objects nor the session's record of them outlive their slice."""
    pending = iter(rows)
    while chunk := list(islice(pending, size)):
        session.execute(insert(type(chunk[0])), [row.model_dump(exclude={"id"}) for row in chunk])
