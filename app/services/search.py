"""Full-text search over paragraphs (furniture left out), with highlighted snippets; a query
that names an actor also finds every other spelling of it (its aliases, in every script)."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from markupsafe import Markup, escape
from unidecode import unidecode
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.analysis.actors.crosslink import skeleton
from app.analysis.normalize import fold, index_keys, key_variants, query_terms, word_spans
from app.analysis.spans import split_by_spans
from app.models import Actor, ActorAlias, Article, CurationAction, Paragraph
from app.schemas import SearchActor, SearchHit, SearchPage
from app.services import fulltext
from app.services.fulltext import Term

MAX_QUERY_CHARS = 500
SNIPPET_CHARS = 240


def fts_match(session: Session, query: str) -> str | None:
    """The full-text expression for a query: each word (any of its variants) must occur."""
    return fulltext.expression(session, [[[t]] for t in query_terms(query[:MAX_QUERY_CHARS])])


def name_aware_match(session: Session, query: str) -> str | None:
    """fts_match, with a name standing for every spelling of its actor (as search does)."""
    return fulltext.expression(session, expand_query(session, query)[0])


@dataclass(frozen=True)
class _Spellings:
    by_key: dict[tuple[str, ...], set[int]]  # a folded spelling -> the actors it names
    actors: dict[int, SearchActor]
    by_sound: dict[str, set[tuple[str, int]]]  # a name word's skeleton -> (the word in Latin letters, actor)


SOUNDED_KINDS = ("person", "country", "place")  # names, not organisations' ordinary words
MIN_SKELETON = 3  # consonants: shorter skeletons collide by chance
MIN_LIKENESS = 0.75  # and the letters must agree this much: "takeoff" has the skeleton of "Tikhov", not its letters


_CACHE: dict[tuple, _Spellings] = {}


def _spellings(session: Session) -> _Spellings:
    """Every actor's names and aliases, folded; rebuilt only when curation or analysis changed them."""
    version = (session.exec(select(func.count(), func.max(ActorAlias.id), func.count().filter(col(ActorAlias.removed).is_(True)))).one(),
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
    by_sound: dict[str, set[tuple[str, int]]] = {}
    for actor_id, spellings in names.items():
        for spelling in spellings:
            by_key.setdefault(_key(spelling), set()).add(actor_id)
            if info[actor_id].kind in SOUNDED_KINDS:
                for word in spelling.split():  # "Petrenco" finds "Ivan Petrenko" by his family name
                    if len(sound := "".join(skeleton(word))) >= MIN_SKELETON:
                        by_sound.setdefault(sound, set()).add((_latin(word), actor_id))
    actors = {i: SearchActor(slug=a.slug, name=a.name, kind=a.kind, spellings=names[i]) for i, a in info.items()}
    _CACHE.clear()
    _CACHE[version] = _Spellings(by_key, actors, by_sound)
    return _CACHE[version]


def _latin(word: str) -> str:
    return unidecode(fold(word)).lower()


def _sounding(known: _Spellings, word: str) -> set[int]:
    """Actors with a name word that sounds like `word` in any script (same consonant skeleton)
    and is spelled alike in Latin letters: a transliteration no alias lists ("Petrenco" for "Petrenko")."""
    sound = "".join(skeleton(word))
    if len(sound) < MIN_SKELETON:
        return set()
    latin = _latin(word)
    return {actor for spelled, actor in known.by_sound.get(sound, ())
            if SequenceMatcher(None, latin, spelled).ratio() >= MIN_LIKENESS}


def _key(spelling: str) -> tuple[str, ...]:
    return tuple(fold(spelling[s:e]) for s, e in word_spans(spelling))


def expand_query(session: Session, q: str) -> tuple[list[list[list[Term]]], list[SearchActor]]:
    """The query's words as match groups, where the longest run of words that spells an actor's
    name becomes "any spelling of that actor", and a word that only sounds like a person's or a
    place's name (another transliteration) also stands for that actor; and those actors."""
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
            word = q[spans[i][0]:spans[i][1]]
            alike = _sounding(known, word) if known else set()
            named = [known.actors[a] for a in sorted(alike, key=lambda a: known.actors[a].name)] if known else []
            found += [a for a in named if a not in found]  # the word itself still counts, as typed
            groups.append([[query_terms(word)[0]], *(query_terms(s) for a in named for s in a.spellings)])
            i += 1
    return groups, found


def index_paragraphs(session: Session, paragraphs: list[Paragraph]) -> None:
    """(Re)index the paragraphs' search keys (furniture is never found)."""
    fulltext.unindex(session, [p.id for p in paragraphs if p.id is not None])
    fulltext.index(session, [(p.id, index_keys(p.text)) for p in paragraphs if not p.furniture and p.id is not None])


unindex_paragraphs = fulltext.unindex


def search(*, session: Session, q: str, limit: int | None = 50, offset: int = 0) -> SearchPage:
    groups, actors = expand_query(session, q)
    match = fulltext.expression(session, groups)
    if match is None:
        return SearchPage(items=[], total=0, limit=limit, offset=offset)
    total = fulltext.count(session, match)
    page_ids = fulltext.ranked_ids(session, match, limit=limit, offset=offset)
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
