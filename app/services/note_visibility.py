"""Who may see a note: the one condition every query on notes applies (lists, counts, tags,
articles by tag, exports, W3C container and IRIs, history, activity, briefing).

A note is `team` (everyone who may read) or `private` (its author only). A reply is seen by
whoever sees the note it answers, so a private note's thread stays private too. `viewer` is the
requester's user name, or None for someone without an account (anonymous reading): None sees
team notes only."""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from app.models import Annotation, Revision

TEAM, PRIVATE = "team", "private"
# An alias, so the subquery is not correlated with the outer note. Made once: building an alias sets
# up proxies for all its columns, which cost more than the rest of a note query.
_ROOT = aliased(Annotation)


def visible_to(viewer: str | None) -> ColumnElement[bool]:
    """A where-clause on Annotation: the notes and replies `viewer` may see."""
    hidden = select(_ROOT.id).where(_ROOT.visibility == PRIVATE)
    if viewer is not None:
        hidden = hidden.where(_ROOT.author != viewer)
    return func.coalesce(Annotation.reply_to, Annotation.id).not_in(hidden)


def visible_revisions(viewer: str | None) -> ColumnElement[bool]:
    """A where-clause on Revision: every revision except those of notes `viewer` may not see."""
    seen = select(Annotation.id).where(visible_to(viewer))
    return (Revision.item_kind != "annotation") | col(Revision.item_id).in_(seen)
