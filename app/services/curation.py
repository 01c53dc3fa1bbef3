"""Analysts' corrections of actors — rename, kind, Wikidata item, aliases, merge, split, reject,
confirm — each recorded with who and when, undoable, and re-matched across the corpus at once."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.analysis.actors.registry import KINDS, WIKIDATA_ID
from app.models import Actor, ActorAlias, Article, CurationAction, Mention, MentionRejection, Paragraph, utcnow
from app.schemas import CurationOut, CurationRequest
from app.services.actor_analysis import analyse_articles, free_slug
from app.services.actor_counts import refresh_actor_counts
from app.services.actors import actor_by_slug, history
from app.services.history import record
from app.services.errors import InvalidInput, NotFound
from app.services import fulltext
from app.services.search import fts_match

MAX_NAME = 200
MAX_WIKIDATA = 20  # "Q" and the item's number: today's are 9 digits at most


def rename_actor(*, session: Session, slug: str, name: str, author: str) -> Actor:
    actor = actor_by_slug(session, slug)
    name = _name(name)
    _record(session, actor, author, "rename", f"renamed “{actor.name}” to “{name}”", before=actor.name, after=name)
    actor.name = name
    return _save(session, actor, [])


def set_kind(*, session: Session, slug: str, kind: str, author: str) -> Actor:
    actor = actor_by_slug(session, slug)
    if kind not in KINDS:
        raise InvalidInput(f"The kind {kind!r} is not one of: {', '.join(sorted(KINDS))}.")
    _record(session, actor, author, "kind", f"kind {actor.kind} → {kind}", before=actor.kind, after=kind)
    actor.kind = kind
    return _save(session, actor, [actor.id])


def set_wikidata(*, session: Session, slug: str, item: str, author: str) -> Actor:
    """Set (or, with an empty id, clear) the actor's Wikidata item; re-analysis keeps it."""
    actor = actor_by_slug(session, slug)
    after = (item or "").strip() or None
    if after is not None and len(after) > MAX_WIKIDATA:
        raise InvalidInput(f"The Wikidata item id is {len(after)} characters long; {MAX_WIKIDATA} at most.")
    if after is not None and not WIKIDATA_ID.fullmatch(after):
        raise InvalidInput(f"{after[:40]!r} is not a Wikidata item id: it is Q and a number, like Q142 (France).")
    if after == actor.wikidata:
        raise InvalidInput(f"{actor.name}'s Wikidata item is already {after or 'empty'}.")
    summary = f"Wikidata item {actor.wikidata or 'none'} → {after or 'none'}"
    _record(session, actor, author, "wikidata", summary, before=actor.wikidata, after=after)
    actor.wikidata = after
    return _save(session, actor, [])  # names and mentions are unchanged: nothing to re-match


def add_alias(*, session: Session, slug: str, alias: str, language: str, author: str) -> Actor:
    actor = actor_by_slug(session, slug)
    alias, language = _name(alias), _language(language)
    row = session.exec(select(ActorAlias).where(ActorAlias.actor_id == actor.id, ActorAlias.text == alias, ActorAlias.language == language)).first()
    if row is not None and not row.removed:
        raise InvalidInput(f"“{alias}” is already an alias of {actor.name}.")
    row = row or ActorAlias(actor_id=actor.id, text=alias, language=language, origin="analyst")
    row.removed = False
    session.add(row)
    session.flush()
    _record(session, actor, author, "add_alias", f"added alias “{alias}” ({language or 'any language'})", alias_id=row.id)
    return _save(session, actor, [actor.id], words=alias)


def remove_alias(*, session: Session, slug: str, alias: str, language: str, author: str) -> Actor:
    actor = actor_by_slug(session, slug)
    row = session.exec(select(ActorAlias).where(ActorAlias.actor_id == actor.id, ActorAlias.text == alias, ActorAlias.language == _language(language), ActorAlias.removed == False)).first()  # noqa: E712
    if row is None:
        raise NotFound(f"{actor.name} has no alias “{alias}” in {language or 'any language'}.")
    row.removed = True
    session.add(row)
    _record(session, actor, author, "remove_alias", f"removed alias “{alias}”", alias_id=row.id)
    return _save(session, actor, [actor.id])


def merge_actors(*, session: Session, slug: str, into: str, author: str) -> Actor:
    """`slug` becomes part of `into`: its mentions and spellings go there; it is hidden, not deleted."""
    actor, target = actor_by_slug(session, slug), actor_by_slug(session, into)
    if actor.id == target.id:
        raise InvalidInput("An actor cannot be merged into itself; pick another actor.")
    actor.merged_into = target.id
    _record(session, target, author, "merge", f"merged “{actor.name}” into “{target.name}”", merged=actor.id)
    return _save(session, target, [actor.id, target.id], extra=actor)


def split_alias(*, session: Session, slug: str, alias: str, language: str, name: str, kind: str, author: str) -> Actor:
    """Move one spelling off an actor into a new actor of its own."""
    actor = actor_by_slug(session, slug)
    row = session.exec(select(ActorAlias).where(ActorAlias.actor_id == actor.id, ActorAlias.text == alias, ActorAlias.language == _language(language), ActorAlias.removed == False)).first()  # noqa: E712
    if row is None:
        raise NotFound(f"{actor.name} has no alias “{alias}” to split off.")
    kind = kind or actor.kind
    if kind not in KINDS:
        raise InvalidInput(f"The kind {kind!r} is not one of: {', '.join(sorted(KINDS))}.")
    name = _name(name or alias)
    new = Actor(slug=free_slug(session, name), name=name, kind=kind, origin="analyst")
    session.add(new)
    session.flush()
    moved = ActorAlias(actor_id=new.id, text=row.text, language=row.language, origin="analyst")
    row.removed = True
    session.add_all([row, moved])
    session.flush()
    _record(session, new, author, "split", f"split “{alias}” off “{actor.name}”", source=actor.id, alias_id=row.id, new_alias_id=moved.id)
    return _save(session, new, [actor.id])


def reject_mention(*, session: Session, mention_id: int, author: str) -> Actor:
    mention = session.get(Mention, mention_id)
    if mention is None:
        raise NotFound(f"No mention {mention_id}; it may already be rejected.")
    actor = session.get(Actor, mention.actor_id)
    assert actor is not None
    rejection = MentionRejection(article_id=mention.article_id, actor_id=actor.id, paragraph=mention.paragraph, text=mention.text, author=author)
    session.add(rejection)
    session.flush()
    _record(session, actor, author, "reject", f"rejected “{mention.text}” in paragraph {mention.paragraph}", rejection_id=rejection.id, article=mention.article_id)
    session.delete(mention)
    refresh_actor_counts(session, [actor.id])
    return _save(session, actor, [])


def confirm_actor(*, session: Session, slug: str, author: str) -> Actor:
    actor = actor_by_slug(session, slug)
    if actor.confirmed and actor.origin != "candidate":
        raise InvalidInput(f"{actor.name} is already confirmed.")
    _record(session, actor, author, "confirm", f"confirmed “{actor.name}” as a {actor.kind}", before_origin=actor.origin, before=actor.confirmed)
    actor.confirmed, actor.origin = True, "analyst"
    return _save(session, actor, [actor.id])


def undo_action(*, session: Session, action_id: int, author: str) -> Actor:
    action = session.get(CurationAction, action_id)
    if action is None or action.undone is not None:
        raise NotFound(f"No action {action_id} to undo; it may be undone already.")
    actor = session.get(Actor, action.actor_id)
    assert actor is not None
    d, touched = action.detail, [actor.id]
    if action.action in ("rename", "kind", "wikidata"):
        setattr(actor, {"rename": "name"}.get(action.action, action.action), d["before"])
    elif action.action in ("add_alias", "remove_alias"):
        alias = session.get(ActorAlias, d["alias_id"])
        alias.removed = action.action == "add_alias"  # type: ignore[union-attr]
        session.add(alias)
    elif action.action == "merge":
        merged = session.get(Actor, d["merged"])
        merged.merged_into = None  # type: ignore[union-attr]
        session.add(merged)
        touched.append(d["merged"])
    elif action.action == "split":
        old, new = session.get(ActorAlias, d["alias_id"]), session.get(ActorAlias, d["new_alias_id"])
        old.removed, new.removed = False, True  # type: ignore[union-attr]
        actor.merged_into = d["source"]
        session.add_all([old, new])
        touched.append(d["source"])
    elif action.action == "reject":
        rejection = session.get(MentionRejection, d["rejection_id"])
        rejection.undone = True  # type: ignore[union-attr]
        session.add(rejection)
        touched = []
        _rematch(session, [d["article"]])
    elif action.action == "confirm":
        actor.confirmed, actor.origin = d["before"], d["before_origin"]
    action.undone = utcnow()
    session.add(action)
    _record(session, actor, author, "undo", f"undid: {d.get('summary', action.action)}", undid=action.id)
    return _save(session, actor, touched)


def actor_history(*, session: Session, slug: str) -> list[CurationOut]:
    return history(session=session, actor_id=actor_by_slug(session, slug).id)


def _save(session: Session, actor: Actor, actor_ids: list[int | None], *, words: str | None = None, extra: Actor | None = None) -> Actor:
    """Commit, then re-match the articles that mention these actors (or contain `words`)."""
    actor.modified = utcnow()
    session.add(actor)
    if extra is not None:
        session.add(extra)
    session.commit()
    article_ids = set(session.exec(select(Mention.article_id).where(col(Mention.actor_id).in_(actor_ids)).distinct()).all())
    if words and (match := fts_match(session, words)):
        hits = session.exec(select(Paragraph.article_id).distinct().where(col(Paragraph.id).in_(fulltext.matching_ids(session, match)))).all()
        article_ids |= set(hits)
    _rematch(session, list(article_ids))
    session.refresh(actor)
    return actor


def _rematch(session: Session, article_ids: list[int]) -> None:
    if article_ids:
        analyse_articles(session=session, articles=session.exec(select(Article).where(col(Article.id).in_(article_ids))).all())


def _record(session: Session, actor: Actor, author: str, action: str, summary: str, **detail: object) -> None:
    """The curation log (what undo needs) and the team's history, in the change's transaction."""
    session.add(CurationAction(author=author, action=action, actor_id=actor.id, detail={"summary": summary, **detail}, at=utcnow()))
    record(session, author=author, kind="actor", item_id=actor.id, action=action, summary=summary,
           before={"value": detail["before"]} if "before" in detail else None, after={"value": detail["after"]} if "after" in detail else None)


def _name(value: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise InvalidInput("The name is empty: type the name or spelling.")
    if len(value) > MAX_NAME:
        raise InvalidInput(f"The name is {len(value)} characters long; {MAX_NAME} at most.")
    return value


def _language(value: str) -> str:
    value = (value or "").strip().lower()
    if value and not (2 <= len(value) <= 3 and value.isalpha() and value.isascii()):
        raise InvalidInput(f"The language {value!r} is not a language code: use fr, ar, en… or leave it empty.")
    return value



ACTIONS = ("rename", "kind", "add_alias", "remove_alias", "merge", "split", "confirm", "wikidata")


def curate(*, session: Session, slug: str, action: str, request: CurationRequest, author: str) -> Actor:
    """One entry point for every actor form and its JSON twin."""
    r = request
    if action == "rename":
        return rename_actor(session=session, slug=slug, name=r.name, author=author)
    if action == "kind":
        return set_kind(session=session, slug=slug, kind=r.kind, author=author)
    if action == "add_alias":
        return add_alias(session=session, slug=slug, alias=r.alias, language=r.language, author=author)
    if action == "remove_alias":
        return remove_alias(session=session, slug=slug, alias=r.alias, language=r.language, author=author)
    if action == "merge":
        return merge_actors(session=session, slug=slug, into=r.into.strip(), author=author)
    if action == "split":
        return split_alias(session=session, slug=slug, alias=r.alias, language=r.language, name=r.name, kind=r.kind, author=author)
    if action == "confirm":
        return confirm_actor(session=session, slug=slug, author=author)
    if action == "wikidata":
        return set_wikidata(session=session, slug=slug, item=r.wikidata, author=author)
    raise NotFound(f"No curation action {action!r}; the actions are: {', '.join(ACTIONS)}.")
