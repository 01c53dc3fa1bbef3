"""Actor analysis of stored articles: run the extractor in batches, store mentions, keep
analysts' curation (renames, aliases, merges, rejections) across re-runs."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from importlib.metadata import version
from itertools import islice
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.analysis.actors import Actor as RegistryActor
from app.analysis.actors import Registry, extract_actors, load_registry
from app.analysis.actors.ner import model_spans
from app.analysis.normalize import fold
from app.config import PROJECT_ROOT
from app.models import (
    TEXT_KINDS,
    Actor,
    ActorAlias,
    AnalysisState,
    Article,
    CurationAction,
    Mention,
    MentionRejection,
    Paragraph,
    utcnow,
)
from app.services.actor_counts import refresh_actor_counts
from app.services.naming import unique_slug
from app.services.row_slices import insert_in_slices

REGISTRY_FILE = PROJECT_ROOT / "seeds" / "actors.toml"
MODEL_LANGUAGES = ("fr",)  # languages with a statistical NER model installed
BATCH = 16
DISCOVERY_METHODS = ("model", "candidate", "title", "attribution", "head", "place")  # mention methods that find unlisted actors

Progress = Callable[[list[Article]], Iterable[Article]]


def registry_version(session: Session, path: Path = REGISTRY_FILE) -> str:
    """Changes when the registry file, the CLDR data its country names come from (Babel's
    version) or any curation changes, so stale analyses re-run."""
    last = session.exec(select(func.max(CurationAction.id))).one() or 0
    undone = session.exec(select(func.count()).where(col(CurationAction.undone).is_not(None))).one()
    digest = hashlib.sha256(path.read_bytes() + version("babel").encode()).hexdigest()[:16]
    return digest + f"-{last}-{undone}"


def analyse_articles(
    *, session: Session, nlp_factory: Callable[[], Any] | None = None, progress: Progress = lambda a: a,
    articles: Sequence[Article] | None = None, registry_path: Path = REGISTRY_FILE,
) -> list[Article]:
    """Analyse the given articles, or every article whose text or registry changed; returns them. The model
    runs only on articles whose text changed; re-matching reuses its stored spans."""
    base = load_registry(registry_path)
    sync_registry(session=session, registry=base)
    version = registry_version(session, registry_path)
    if articles is None:
        states = {s.article_id: s for s in session.exec(select(AnalysisState)).all()}
        articles = [a for a in session.exec(select(Article).order_by(Article.id)).all()
                    if a.id not in states or (states[a.id].content_hash, states[a.id].registry_version) != (a.content_hash, version)]
    registry = overlay_registry(session=session, base=base)
    resolver = _Resolver(session)
    nlp = None
    done: list[Article] = []
    pending = iter(progress(list(articles)))
    while batch := list(islice(pending, BATCH)):
        touched: set[int] = set()  # actors whose mentions changed: counted again before the commit
        texts = {a.id: _analysable_texts(session, a.id) for a in batch}
        states = {a.id: session.get(AnalysisState, a.id) for a in batch}
        fresh = [a for a in batch if a.language in MODEL_LANGUAGES and nlp_factory is not None
                 and (states[a.id] is None or states[a.id].content_hash != a.content_hash or states[a.id].model_spans is None)]
        if fresh:  # one model call for the batch: nlp.pipe is much faster on many texts at once
            nlp = nlp or nlp_factory()
            flat = [t for a in fresh for t in texts[a.id]]
            spans = model_spans(flat, nlp)
            offset = 0
            for a in fresh:
                n = len(texts[a.id])
                states[a.id] = _state(session, a, [list(map(list, s)) for s in spans[offset:offset + n]])
                offset += n
        for a in batch:
            state = states[a.id] or _state(session, a, None)
            cached = state.model_spans if state.content_hash == a.content_hash else None
            found = extract_actors(texts[a.id], language=a.language, registry=registry,
                                   spans=[[tuple(s) for s in p] for p in cached] if cached is not None else None)
            touched |= _store_mentions(session, a, found, resolver)
            state.content_hash, state.registry_version, state.at = a.content_hash, version, utcnow()
            session.add(state)
            done.append(a)
        refresh_actor_counts(session, touched)
        session.commit()
    return done


def sync_registry(*, session: Session, registry: Registry) -> None:
    """Create database actors for new registry entries and add new registry spellings and
    Wikidata ids, keeping what analysts changed (names, kinds, removed aliases, Wikidata ids)."""
    existing = {a.registry_key: a for a in session.exec(select(Actor).where(col(Actor.registry_key).is_not(None))).all()}
    aliases = {(al.actor_id, al.text, al.language) for al in session.exec(select(ActorAlias)).all()}
    curated = set(session.exec(select(CurationAction.actor_id).where(
        CurationAction.action == "wikidata", col(CurationAction.undone).is_(None))).all())
    for entry in registry.actors.values():
        actor = existing.get(entry.name)
        if actor is None:
            actor = Actor(slug=free_slug(session, entry.name), name=entry.name, kind=entry.kind, registry_key=entry.name)
            session.add(actor)
            session.flush()
        if actor.id not in curated and actor.wikidata != entry.wikidata:  # the file corrects its ids too
            actor.wikidata = entry.wikidata
            session.add(actor)
        for language, names in (("", (entry.name, *entry.abbreviations)), *entry.aliases):
            for text in names:
                if (actor.id, text, language) not in aliases:
                    session.add(ActorAlias(actor_id=actor.id, text=text, language=language))
                    aliases.add((actor.id, text, language))
    session.commit()


def overlay_registry(*, session: Session, base: Registry) -> Registry:
    """The registry file with analysts' edits on top: added and removed aliases, merges, and
    actors that analysts created or confirmed."""
    actors = {a.id: a for a in session.exec(select(Actor)).all()}
    spellings: dict[int, dict[str, list[str]]] = {}
    for alias in session.exec(select(ActorAlias).where(ActorAlias.removed == False)).all():  # noqa: E712
        target = canonical(actors, alias.actor_id)
        spellings.setdefault(target.id, {}).setdefault(alias.language, []).append(alias.text)
    entries = dict(base.actors)
    for actor in actors.values():
        if actor.merged_into is not None:
            entries.pop(actor.registry_key or "", None)
            continue
        if actor.registry_key is None and actor.origin != "analyst" and not _confirmed_by_analyst(session, actor):
            continue  # machine discoveries stay what the machine found until an analyst vouches
        key = actor.registry_key or actor.name
        template = entries.get(key) or RegistryActor(name=key, kind=actor.kind)
        names = spellings.get(actor.id, {})
        entries[key] = replace(template, kind=actor.kind, abbreviations=(),
                               aliases=tuple(sorted((lang, tuple(v)) for lang, v in names.items() if lang)),
                               same_as=tuple(names.get("", [])))
    return replace(base, actors=MappingProxyType(entries), cache={})


def canonical(actors: dict[int, Actor], actor_id: int) -> Actor:
    actor = actors[actor_id]
    seen = set()
    while actor.merged_into is not None and actor.id not in seen:
        seen.add(actor.id)
        actor = actors[actor.merged_into]
    return actor


def free_slug(session: Session, name: str) -> str:
    return unique_slug(session, Actor.slug, fold(name), fallback="actor", limit=60)


def _confirmed_by_analyst(session: Session, actor: Actor) -> bool:
    return session.exec(select(CurationAction.id).where(CurationAction.actor_id == actor.id, CurationAction.action.in_(("confirm", "split", "add_alias")), col(CurationAction.undone).is_(None))).first() is not None  # type: ignore[attr-defined]


def _analysable_texts(session: Session, article_id: int | None) -> list[str]:
    """Paragraph texts by index, furniture blanked so indexes stay aligned but it is not analysed."""
    rows = session.exec(select(Paragraph.text, Paragraph.kind).where(Paragraph.article_id == article_id)
                        .order_by(col(Paragraph.index))).all()  # values, not objects: a long article has thousands
    return [text if kind in TEXT_KINDS else "" for text, kind in rows]


def _state(session: Session, article: Article, spans: list | None) -> AnalysisState:
    state = session.get(AnalysisState, article.id) or AnalysisState(article_id=article.id, content_hash=article.content_hash, registry_version="")
    state.content_hash = article.content_hash
    if spans is not None:
        state.model_spans = spans
    session.add(state)
    return state


class _Resolver:
    """Maps a found mention to its database actor, creating actors for new names; built once per
    run because loading every actor and alias per article would dominate the run."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.actors = {a.id: a for a in session.exec(select(Actor)).all()}
        self.by_key = {a.registry_key: a for a in self.actors.values() if a.registry_key}
        self.by_name = {fold(a.name): a for a in self.actors.values()}
        aliases = session.exec(select(ActorAlias).where(ActorAlias.removed == False)).all()  # noqa: E712
        self.by_alias = {fold(al.text): al.actor_id for al in aliases}

    def actor_for(self, m: Any, language: str) -> Actor:
        actor = (self.by_key.get(m.actor) or self.by_name.get(fold(m.actor)) or self.actors.get(self.by_alias.get(fold(m.actor), -1))
                 or self._made_elsewhere(m.actor) or self._create(m, language))
        return canonical(self.actors, actor.id)

    def _made_elsewhere(self, name: str) -> Actor | None:
        """The actor another worker made since this run began: used, not made a second time."""
        actor = self.session.exec(select(Actor).where(Actor.name == name).order_by(Actor.id)).first()
        if actor is not None:
            self.actors[actor.id] = actor
            self.by_name[fold(name)] = actor
        return actor

    def _create(self, m: Any, language: str) -> Actor:
        # In a savepoint: when another worker is inserting the same actor at this moment, its
        # insert wins and ours is undone alone (not the whole batch), and theirs is used.
        for _ in range(3):
            slug = free_slug(self.session, m.actor)  # read before the savepoint: on SQLite it opens the transaction
            try:
                with self.session.begin_nested():
                    actor = Actor(slug=slug, name=m.actor, kind=m.kind or "group",
                                  origin=m.method if m.method in DISCOVERY_METHODS else "registry", confirmed=m.confirmed)
                    self.session.add(actor)
                    self.session.flush()
                break
            except IntegrityError:
                if (theirs := self._made_elsewhere(m.actor)) is not None:
                    return theirs
        else:
            raise RuntimeError(f"no free slug for a new actor named {m.actor!r}")
        self.session.add(ActorAlias(actor_id=actor.id, text=m.text, language=language, origin="discovered"))
        self.actors[actor.id] = actor
        self.by_name[fold(m.actor)] = actor
        return actor


def _store_mentions(session: Session, article: Article, found: Sequence[Any], resolver: _Resolver) -> set[int]:
    """The article's machine mentions in place of its old ones, written a slice at a time; returns
    the actors of both."""
    old = (col(Mention.article_id) == article.id, col(Mention.method) != "analyst")
    touched = set(session.exec(select(Mention.actor_id).where(*old).distinct()).all())
    session.execute(delete(Mention).where(*old))
    rejected = {(r.paragraph, r.text, r.actor_id) for r in session.exec(
        select(MentionRejection).where(MentionRejection.article_id == article.id, MentionRejection.undone == False)).all()}  # noqa: E712
    insert_in_slices(session, _mentions(article, found, resolver, rejected, touched))
    return touched


def _mentions(article: Article, found: Sequence[Any], resolver: _Resolver, rejected: set, touched: set[int]) -> Iterator[Mention]:
    """The rows of the found mentions that analysts did not reject; their actors join `touched`."""
    for m in found:
        actor = resolver.actor_for(m, article.language)
        if (m.paragraph, m.text, actor.id) in rejected:
            continue
        touched.add(actor.id)  # type: ignore[arg-type]
        yield Mention(article_id=article.id, actor_id=actor.id, paragraph=m.paragraph, start=m.start, end=m.end,
                      text=m.text, method=m.method, confirmed=m.confirmed or actor.confirmed)
