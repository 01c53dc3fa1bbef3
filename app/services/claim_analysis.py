"""Claims and contradiction suggestions for stored articles: figures and statements per article,
then suggestions across related articles, keeping analysts' decisions across re-runs."""

from __future__ import annotations

import functools
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from app.analysis.contradictions import (
    AnalysedArticle,
    analyse_article,
    load_vocabulary,
    suggest_contradictions,
)
from app.analysis.figure_vocabulary import VOCAB_DIR
from app.analysis.speakers import parsed_subjects, with_parsed_speakers
from app.analysis.suggestion import Suggestion, group_suggestions
from app.config import PROJECT_ROOT
from app.db import insert_on_conflict
from app.models import (
    TEXT_KINDS,
    AnalysedForm,
    Article,
    Claim,
    Contradiction,
    ContradictionPassage,
    Paragraph,
)
from app.services.analysed_forms import pack, unpack
from app.services.claim_matches import store_matches
from app.services.contradictions import store_suggestion
from app.services.mentions import stored_mentions
from app.services.row_slices import insert_in_slices
from app.services.story_assignment import assign_stories, story_neighbours

SEEDS_DIR = PROJECT_ROOT / "seeds"
PARSED_LANGUAGES = ("fr",)  # languages with a dependency parser installed
NEIGHBOURS = 20  # articles of its story compared with each analysed one (in a large story, the closest)

ANALYSED_KEPT = 500  # analysed articles kept per process (an article's story neighbours, mostly)
PARAGRAPHS_KEPT = 20_000  # and at most this many paragraphs among them: a long article is not kept for the process's life
_ANALYSED: OrderedDict[tuple, AnalysedArticle] = OrderedDict()
_VOCABULARY: dict[str, Any] = {}

Progress = Callable[[list[Article]], Iterable[Article]]



def analyse_claims(*, session: Session, articles: Sequence[Article] | None = None, progress: Progress = lambda a: a,
                   parser_factory: Callable[[], Any] | None = None) -> int:
    """Re-extract the claims of the given articles (all by default), then suggest contradictions
    among them and the other articles of their stories (each joins its story first). With a French parser, the speakers of
    French statements are checked against the dependency parse."""
    vocab = _vocabulary()
    todo = list(articles) if articles is not None else list(session.exec(select(Article).order_by(Article.id)).all())
    analysed: dict[int, AnalysedArticle] = {}
    for article in progress(todo):
        analysed[article.id] = _analyse(session, article, vocab)
        if parser_factory is not None and article.language in PARSED_LANGUAGES and analysed[article.id].statements:
            analysed[article.id] = _parsed(analysed[article.id], parser_factory())
        _store_claims(session, article, analysed[article.id])
    session.commit()
    assign_stories(session=session, analysed=[(a, analysed[a.id]) for a in todo])
    _store_suggestions(session, todo, analysed, vocab)
    session.commit()
    store_matches(session=session, articles=todo, neighbours=NEIGHBOURS, concepts=frozenset(vocab.figures.metrics()),
                  form=lambda a: analysed[a.id] if a.id in analysed else _analyse(session, a, vocab))
    return len(todo)


def _analyse(session: Session, article: Article, vocab) -> AnalysedArticle:  # type: ignore[no-untyped-def]
    """The article's analysed form: kept in this process, and stored once for every process,
    while its text, metadata, mentions, the vocabulary and the analysis code stay the same (an
    article is compared again each time one joins its story)."""
    mentions = stored_mentions(session=session, article_id=article.id)
    digest = hashlib.sha256(repr((article.slug, article.content_hash, article.language, article.outlet, article.published,
                                  mentions, _VOCABULARY.get("digest"), _analysis_code())).encode()).hexdigest()
    key = (article.id, digest, id(vocab))
    if key in _ANALYSED:
        _ANALYSED.move_to_end(key)
        return _ANALYSED[key]
    stored = session.exec(select(AnalysedForm.key, AnalysedForm.data).where(AnalysedForm.article_id == article.id)).first()
    found = _stored_form(stored[1]) if stored is not None and stored[0] == digest else None
    if found is None:
        rows = session.exec(select(Paragraph.index, Paragraph.text, Paragraph.kind)  # values: thousands in a long article
                            .where(Paragraph.article_id == article.id).order_by(col(Paragraph.index))).all()
        found = analyse_article(article.slug, [text for _, text, _ in rows], language=article.language, mentions=mentions,
                                vocab=vocab, furniture=[i for i, _, kind in rows if kind not in TEXT_KINDS], outlet=article.outlet,
                                published=article.published)
        del rows
        data = pack(found)
        session.execute(insert_on_conflict(session, AnalysedForm).values(article_id=article.id, key=digest, data=data)
                        .on_conflict_do_update(index_elements=["article_id"], set_={"key": digest, "data": data}))
    _ANALYSED[key] = found
    while len(_ANALYSED) > ANALYSED_KEPT or (len(_ANALYSED) > 1 and _kept_paragraphs() > PARAGRAPHS_KEPT):
        _ANALYSED.popitem(last=False)
    return found


def _kept_paragraphs() -> int:
    return sum(len(form.paragraphs) for form in _ANALYSED.values())


def _stored_form(data: bytes) -> AnalysedArticle | None:
    """Our own rows, written by this code (the digest names it), so safe to unpickle; one that
    another Python cannot read is computed again."""
    try:
        return unpack(data)
    except Exception:  # noqa: BLE001 — any failure only means analysing the article again
        return None


@functools.cache
def _analysis_code() -> str:
    """A digest of the analysis code: a form stored by other code is computed again."""
    digest = hashlib.sha256()
    for path in sorted((PROJECT_ROOT / "app" / "analysis").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _vocabulary():  # type: ignore[no-untyped-def]
    """The vocabularies, read again only when one of their files changed (the cache keys on it)."""
    files = [p for folder in (SEEDS_DIR, VOCAB_DIR) for p in sorted(folder.glob("*.toml"))]
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in files)
    if _VOCABULARY.get("stamp") != stamp:
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()  # the same on every machine
        _VOCABULARY.update(stamp=stamp, vocab=load_vocabulary(SEEDS_DIR), digest=digest)
        _ANALYSED.clear()
    return _VOCABULARY["vocab"]


def _parsed(found: AnalysedArticle, nlp: Any) -> AnalysedArticle:
    subjects = parsed_subjects(found.paragraphs, found.statements, nlp)
    return replace(found, statements=tuple(with_parsed_speakers(found.statements, subjects, found.mentions)))


def _store_claims(session: Session, article: Article, found: AnalysedArticle) -> None:
    """The article's claims in place of its earlier ones, written a slice at a time. The new rows
    go in first, then the old ones go (as the session's unit of work did): new ids never reuse old ones."""
    old_last = session.exec(select(func.max(Claim.id)).where(Claim.article_id == article.id)).one()
    insert_in_slices(session, _claims(article, found))
    if old_last is not None:
        session.execute(delete(Claim).where(col(Claim.article_id) == article.id, col(Claim.id) <= old_last))


def _claims(article: Article, found: AnalysedArticle) -> Iterator[Claim]:
    speakers = _speakers_by_paragraph(found)
    for f in found.figures:
        yield Claim(article_id=article.id, kind="figure", paragraph=f.paragraph, start=f.start, end=f.end, text=f.text,
                    metric=f.metric, value=f.value, value_high=f.value_high, qualifier=f.qualifier,
                    population=f.population, period=f.period, approximate=f.approximate, unit=f.unit, source=f.source,
                    speaker=_speaker_of(speakers.get(f.paragraph, ()), f.start, f.end) or f.source)
    for s in found.statements:
        # Who reports whom: reporters, then the speaker, then whom the speaker cites.
        chain = [src.name for src in s.sources] if len(s.sources) > 1 else []
        yield Claim(article_id=article.id, kind="statement", paragraph=s.paragraph, start=s.content_start, end=s.content_end,
                    text=s.content, speaker=s.speaker, verb=s.verb, source_chain=chain)


def _speakers_by_paragraph(found: AnalysedArticle) -> dict[int, list[Any]]:
    """The statements of each paragraph, in order (a figure looks only in its own paragraph's)."""
    out: dict[int, list[Any]] = {}
    for s in found.statements:
        out.setdefault(s.paragraph, []).append(s)
    return out


def _speaker_of(statements: Sequence[Any], start: int, end: int) -> str | None:
    for s in statements:
        if s.content_start <= start and end <= s.content_end:
            return s.origin.name
    return None


def _supersede(session: Session, row: Contradiction) -> None:
    """Undecided machine suggestions of this kind whose passages all lie in this one make the same
    point with less evidence (an earlier run's view): hidden, so the board lists the point once."""
    mine = {(p.article_id, p.paragraph, p.start, p.end) for p in session.exec(
        select(ContradictionPassage).where(ContradictionPassage.contradiction_id == row.id)).all()}
    others = session.exec(select(Contradiction).where(
        Contradiction.kind == row.kind, Contradiction.origin == "machine", Contradiction.status == "suggested",
        Contradiction.current == True, Contradiction.id != row.id)).all()  # noqa: E712
    for other in others:
        theirs = {(p.article_id, p.paragraph, p.start, p.end) for p in session.exec(
            select(ContradictionPassage).where(ContradictionPassage.contradiction_id == other.id)).all()}
        if theirs and theirs < mine:
            other.current = False
            session.add(other)


def _store_suggestions(session: Session, todo: list[Article], analysed: dict[int, AnalysedArticle], vocab) -> None:  # type: ignore[no-untyped-def]
    """Each article against the other articles of its story only: the work grows with the
    corpus, not with its square. Machine suggestions about these articles that no run finds again are hidden."""
    slugs = {a.id: a.slug for a in todo}
    ids: dict[str, int] = {}
    involved = select(ContradictionPassage.contradiction_id).where(col(ContradictionPassage.article_id).in_(list(slugs)))
    stale = {c.id: c for c in session.exec(select(Contradiction).where(Contradiction.origin == "machine", col(Contradiction.id).in_(involved))).all()}
    found: list[Suggestion] = []
    for article in todo:
        group = [analysed[article.id]]
        for neighbour in story_neighbours(session=session, article_id=article.id, limit=NEIGHBOURS):
            if neighbour.id not in analysed:
                analysed[neighbour.id] = _analyse(session, neighbour, vocab)
            group.append(analysed[neighbour.id])
            ids[neighbour.slug] = neighbour.id
        ids[article.slug] = article.id
        found += [s for s in suggest_contradictions(group, vocab=vocab)
                  if any(p.article == article.slug for p in s.passages)]  # about two neighbours only: their own run finds it
    for suggestion in group_suggestions(found):  # each run's view of one point, made one
        passages = [ContradictionPassage(contradiction_id=0, article_id=ids[p.article], paragraph=p.paragraph, start=p.start, end=p.end, text=p.text)
                    for p in suggestion.passages]
        row = store_suggestion(session, kind=suggestion.kind, reason=suggestion.reason, passages=passages,
                               table=[[source, list(labels)] for source, labels in suggestion.table],
                               strength=suggestion.strength, score=suggestion.score)
        stale.pop(row.id, None)
        _supersede(session, row)
    for row in stale.values():  # the evidence is gone: keep the row and its decisions, hide it from the board
        row.current = False
        session.add(row)
