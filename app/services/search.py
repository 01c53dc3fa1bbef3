"""Full-text search over paragraphs (furniture left out), with highlighted snippets; a query
that names an actor also finds every other spelling of it (its aliases, in every script)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import func, text
from sqlmodel import Session, col, select

from app.analysis.normalize import fold, index_keys, key_variants, query_terms, word_spans
from app.analysis.spans import split_by_spans
from app.models import Actor, ActorAlias, Article, CurationAction, Paragraph
from app.schemas import SearchActor, SearchHit, SearchPage

MAX_QUERY_CHARS = 500
SNIPPET_CHARS = 240


Term = tuple[str, ...]  # one query word's key variants


def fts_match(query: str) -> str | None:
    """The FTS5 MATCH expression for a query: each word (any of its variants) must occur.
    Words are quoted, so FTS operators typed by users are taken as plain words."""
    return _match_of([[[t]] for t in query_terms(query[:MAX_QUERY_CHARS])])


def name_aware_match(session: Session, query: str) -> str | None:
    """fts_match, with a name standing for every spelling of its actor (as search does)."""
    return _match_of(expand_query(session, query)[0])


def _match_of(groups: list[list[list[Term]]]) -> str | None:
    """AND over groups; a group is OR over alternatives; an alternative is AND over words."""
    def word(term: Term) -> str:
        return "(" + " OR ".join(f'"{v}"' for v in term) + ")"
    parts = ["(" + " OR ".join("(" + " AND ".join(word(t) for t in alt) + ")" for alt in alts) + ")" for alts in groups if alts]
    return " AND ".join(parts) or None


@dataclass(frozen=True)
class _Spellings:
    by_key: dict[tuple[str, ...], set[int]]  # a folded spelling -> the actors it names
    actors: dict[int, SearchActor]


_CACHE: dict[tuple, _Spellings] = {}


def _spellings(session: Session) -> _Spellings:
    """Every actor's names and aliases, folded; rebuilt only when curation or analysis changed them."""
    version = (session.exec(select(func.count(), func.max(ActorAlias.id), func.sum(ActorAlias.removed))).one(),
               session.exec(select(func.count(), func.max(Actor.modified))).one(),
               session.exec(select(func.count(), func.max(CurationAction.undone))).one())
    if version in _CACHE:
        return _CACHE[version]
    rows = session.exec(select(Actor, ActorAlias.text).join(ActorAlias, isouter=True)
                        .where(col(Actor.merged_into).is_(None), col(ActorAlias.removed).is_not(True))).all()
    names: dict[int, list[str]] = {}
    info: dict[int, Actor] = {}
    for actor, alias in rows:
        info[actor.id] = actor
        for spelling in (actor.name, alias):
            if spelling and spelling not in names.setdefault(actor.id, []):
                names[actor.id].append(spelling)
    by_key: dict[tuple[str, ...], set[int]] = {}
    for actor_id, spellings in names.items():
        for spelling in spellings:
            by_key.setdefault(_key(spelling), set()).add(actor_id)
    actors = {i: SearchActor(slug=a.slug, name=a.name, kind=a.kind, spellings=names[i]) for i, a in info.items()}
    _CACHE.clear()
    _CACHE[version] = _Spellings(by_key, actors)
    return _CACHE[version]


def _key(spelling: str) -> tuple[str, ...]:
    return tuple(fold(spelling[s:e]) for s, e in word_spans(spelling))


def expand_query(session: Session, q: str) -> tuple[list[list[list[Term]]], list[SearchActor]]:
    """The query's words as match groups, where the longest run of words that spells an actor's
    name becomes "any spelling of that actor"; and those actors."""
    q = q[:MAX_QUERY_CHARS]
    spans = word_spans(q)
    words = [fold(q[s:e]) for s, e in spans]
    known = _spellings(session) if words else None
    groups: list[list[list[Term]]] = []
    found: list[SearchActor] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            actor_ids = known.by_key.get(tuple(words[i:j])) if known else None
            if actor_ids:
                named = [known.actors[a] for a in sorted(actor_ids, key=lambda a: known.actors[a].name)]
                found += [a for a in named if a not in found]
                groups.append([query_terms(s) for a in named for s in a.spellings])
                i = j
                break
        else:
            groups.append([[query_terms(q[spans[i][0]:spans[i][1]])[0]]])
            i += 1
    return groups, found


def index_paragraphs(session: Session, paragraphs: list[Paragraph]) -> None:
    """(Re)index the paragraphs' search keys, in one statement each way (a long article has thousands)."""
    unindex_paragraphs(session, [p.id for p in paragraphs if p.id is not None])
    rows = [{"id": p.id, "keys": index_keys(p.text)} for p in paragraphs if not p.furniture]
    if rows:
        session.execute(text("INSERT INTO paragraph_fts(rowid, keys) VALUES (:id, :keys)"), rows)


def unindex_paragraphs(session: Session, paragraph_ids: list[int]) -> None:
    if paragraph_ids:
        session.execute(text("DELETE FROM paragraph_fts WHERE rowid = :id"), [{"id": pid} for pid in paragraph_ids])


def search(*, session: Session, q: str, limit: int | None = 50, offset: int = 0) -> SearchPage:
    groups, actors = expand_query(session, q)
    match = _match_of(groups)
    if match is None:
        return SearchPage(items=[], total=0, limit=limit, offset=offset)
    total = session.exec(text("SELECT count(*) FROM paragraph_fts WHERE paragraph_fts MATCH :m").bindparams(m=match)).one()[0]
    page_ids = [row[0] for row in session.exec(
        text("SELECT rowid FROM paragraph_fts WHERE paragraph_fts MATCH :m ORDER BY rank LIMIT :limit OFFSET :offset")
        .bindparams(m=match, limit=-1 if limit is None else limit, offset=offset)
    ).all()]
    rows = session.exec(select(Paragraph, Article).join(Article).where(col(Paragraph.id).in_(page_ids))).all()
    by_id = {p.id: (p, a) for p, a in rows}
    terms = list(dict.fromkeys(t for alts in groups for alt in alts for t in alt))
    items = [
        SearchHit(article=a.slug, title=a.title, paragraph=p.index, snippet=str(snippet(p.text, terms)), language=a.language, direction=a.direction)
        for p, a in (by_id[i] for i in page_ids if i in by_id)
    ]
    return SearchPage(items=items, total=total, limit=limit, offset=offset, actors=actors)


def snippet(text_: str, terms: list[tuple[str, ...]], width: int = SNIPPET_CHARS) -> Markup:
    """The paragraph around its first match, HTML-escaped, matched words in <mark>."""
    wanted = {v for t in terms for v in t}  # each word's variants computed once, not once per term
    hits = [(s, e, "m") for s, e in word_spans(text_) if not wanted.isdisjoint(key_variants(text_[s:e]))]
    first = hits[0][0] if hits else 0
    start = max(0, first - width // 3)
    if start:
        start = text_.rfind(" ", 0, start) + 1
    end = min(len(text_), start + width)
    if end < len(text_):
        end = max(text_.rfind(" ", start, end), first + 1)
    pieces = [Markup("<mark>%s</mark>") % seg.text if seg.marks else escape(seg.text) for seg in split_by_spans(text_[start:end], [(s - start, e - start, k) for s, e, k in hits])]
    return Markup("…" if start else "") + Markup("").join(pieces) + Markup("…" if end < len(text_) else "")
