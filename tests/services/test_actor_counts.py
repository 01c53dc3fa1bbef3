"""The actors' kept counts (actor_stats) equal the counts of their mention rows after every kind of
change: analysis, re-analysis of a changed file, merge and its undo, split and its undo, a
rejected mention and its undo, an article's language corrected or re-ingested, two writers at
once; migration 0018 fills them on a database with data; the actors list shows what counting the
mentions showed; an actor's page reads its latest articles only."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.db import make_engine, migrate
from app.models import Actor, ActorAlias, ActorStats, Article, CurationAction, Mention
from app.schemas import MetadataCorrection
from app.services.actor_analysis import analyse_articles
from app.services.actor_counts import refresh_actor_counts
from app.services.actors import list_actors
from app.services.articles import correct_metadata
from app.services.curation import merge_actors, reject_mention, split_alias, undo_action
from app.services.ingest import ingest_paths
from tests.conftest import SEEDS


def kept(session: Session) -> list[tuple]:
    return sorted(tuple(r) for r in session.exec(
        select(ActorStats.actor_id, ActorStats.language, ActorStats.mention_count, ActorStats.article_count)).all())


def counted(session: Session) -> list[tuple]:
    return sorted(tuple(r) for r in session.exec(
        select(Mention.actor_id, Article.language, func.count(), func.count(func.distinct(Mention.article_id)))
        .join(Article, col(Article.id) == Mention.article_id).group_by(Mention.actor_id, Article.language)).all())


def assert_kept(session: Session) -> None:
    session.expire_all()
    assert kept(session) == counted(session) != []


@pytest.fixture
def analysed(seeded: Session) -> Session:
    analyse_articles(session=seeded)
    assert_kept(seeded)
    return seeded


def most_mentioned(session: Session, kind: str | None = None) -> list[Actor]:
    slugs = [a.slug for a in list_actors(session=session, kind=kind, limit=10).items]
    return [session.exec(select(Actor).where(Actor.slug == s)).one() for s in slugs]


def test_reanalysis_of_a_changed_file_keeps_counts(session, settings, tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("00*.txt"))[:2]:
        shutil.copy(seed, folder / seed.name)
    ingest_paths(session=session, paths=[folder], max_bytes=settings.max_file_bytes)
    analyse_articles(session=session)
    assert_kept(session)
    before = kept(session)
    changed = sorted(folder.glob("*.txt"))[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text[: len(text) // 3], encoding="utf-8")  # most of its mentions go
    ingest_paths(session=session, paths=[folder], max_bytes=settings.max_file_bytes)
    analyse_articles(session=session)
    assert_kept(session)
    assert kept(session) != before


def test_a_reingested_file_whose_language_changed_moves_its_actors_counts(session, settings, tmp_path):
    """Its sidecar says another language: the counts move at ingest, before any re-analysis."""
    folder = tmp_path / "files"
    folder.mkdir()
    seed = sorted(SEEDS.glob("00*.txt"))[0]
    shutil.copy(seed, folder / seed.name)
    ingest_paths(session=session, paths=[folder], max_bytes=settings.max_file_bytes)
    analyse_articles(session=session)
    (folder / (seed.stem + ".meta.json")).write_text('{"language": "eo"}', encoding="utf-8")
    ingest_paths(session=session, paths=[folder], max_bytes=settings.max_file_bytes)
    assert_kept(session)
    assert {language for _, language, _, _ in kept(session)} == {"eo"}


def test_merge_and_its_undo_keep_counts(analysed):
    first, second = most_mentioned(analysed)[:2]
    merged = merge_actors(session=analysed, slug=second.slug, into=first.slug, author="ana")
    assert_kept(analysed)
    assert analysed.exec(select(func.count()).where(Mention.actor_id == second.id)).one() == 0
    action = analysed.exec(select(CurationAction).where(CurationAction.actor_id == merged.id, CurationAction.action == "merge")).one()
    undo_action(session=analysed, action_id=action.id, author="ana")
    assert_kept(analysed)
    assert analysed.exec(select(func.count()).where(Mention.actor_id == second.id)).one() > 0


def test_split_and_its_undo_keep_counts(analysed):
    actor, alias = next((a, al) for a in most_mentioned(analysed) for al in analysed.exec(
        select(ActorAlias).where(ActorAlias.actor_id == a.id, ActorAlias.removed == False)).all()  # noqa: E712
        if al.text != a.name and analysed.exec(select(func.count()).where(Mention.actor_id == a.id, Mention.text == al.text)).one())
    new = split_alias(session=analysed, slug=actor.slug, alias=alias.text, language=alias.language, name="", kind="", author="ana")
    assert_kept(analysed)
    assert analysed.exec(select(func.sum(ActorStats.mention_count)).where(ActorStats.actor_id == new.id)).one()
    action = analysed.exec(select(CurationAction).where(CurationAction.actor_id == new.id, CurationAction.action == "split")).one()
    undo_action(session=analysed, action_id=action.id, author="ana")
    assert_kept(analysed)


def test_a_rejected_mention_and_its_undo_keep_counts(analysed):
    actor = most_mentioned(analysed)[0]
    before = kept(analysed)
    mention = analysed.exec(select(Mention).where(Mention.actor_id == actor.id)).first()
    reject_mention(session=analysed, mention_id=mention.id, author="ana")
    assert_kept(analysed)
    assert kept(analysed) != before
    action = analysed.exec(select(CurationAction).where(CurationAction.action == "reject")).one()
    undo_action(session=analysed, action_id=action.id, author="ana")
    assert_kept(analysed)
    assert kept(analysed) == before


def test_an_article_whose_language_is_corrected_moves_its_actors_counts(analysed):
    article = analysed.exec(select(Article).where(col(Article.id).in_(select(Mention.article_id)))).first()
    correct_metadata(session=analysed, slug=article.slug, correction=MetadataCorrection(language="eo"))
    assert_kept(analysed)
    assert analysed.exec(select(func.count()).select_from(ActorStats).where(ActorStats.language == "eo")).one() > 0


def test_the_list_shows_what_counting_the_mentions_showed(analysed):
    """The list before kept counts, as a query over the mentions, against the list now: the same
    actors in the same order with the same numbers, for each sort and for a language."""
    for sort in ("mentions", "articles", "name", "kind"):
        for language in (None, "ar", "fr"):
            now = list_actors(session=analysed, sort=sort, language=language, limit=500)
            then = _counted_list(analysed, sort, language)
            assert [(a.slug, a.mention_count, a.article_count) for a in now.items] == then
            assert now.total == len(then) > 0


def test_migration_fills_counts_of_a_database_with_data(analysed, settings):
    """Down to 0017 (no kept counts) and up again: the upgrade counts every actor's mentions."""
    from alembic import command
    from alembic.config import Config

    from app.db import MIGRATIONS_DIR

    expected = counted(analysed)
    analysed.close()
    engine = make_engine(settings)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0017")
    migrate(engine)
    with Session(engine) as session:
        assert kept(session) == expected != []
    engine.dispose()


def _counted_list(session: Session, sort: str, language: str | None) -> list[tuple[str, int, int]]:
    """What list_actors returned before counts were kept (its query, verbatim but for the columns)."""
    counts = select(Mention.actor_id, func.count().label("mentions"), func.count(func.distinct(Mention.article_id)).label("articles")).join(Article)
    if language:
        counts = counts.where(Article.language == language)
    counts = counts.group_by(Mention.actor_id).subquery()
    query = select(Actor.slug, counts.c.mentions, counts.c.articles).join(counts, counts.c.actor_id == Actor.id).where(col(Actor.merged_into).is_(None))
    order = {"mentions": counts.c.mentions.desc(), "articles": counts.c.articles.desc(), "name": Actor.name, "kind": Actor.kind}[sort]
    return [tuple(r) for r in session.exec(query.order_by(order, Actor.name).limit(500)).all()]


def test_an_actors_page_shows_its_latest_articles_and_their_co_actors(analysed, monkeypatch):
    from app.services import actors

    actor = next(a for a in most_mentioned(analysed) if a.id is not None and
                 analysed.exec(select(func.count(func.distinct(Mention.article_id))).where(Mention.actor_id == a.id)).one() > 1)
    monkeypatch.setattr(actors, "LATEST_ARTICLES", 1)
    latest = analysed.exec(select(func.max(Mention.article_id)).where(Mention.actor_id == actor.id)).one()
    others = set(analysed.exec(select(Mention.actor_id).where(Mention.article_id == latest, Mention.actor_id != actor.id)).all())
    detail = actors.get_actor(session=analysed, slug=actor.slug)
    assert detail.co_actors_within == 1 < detail.article_count
    assert [a.id for a in detail.articles] == [latest]  # the page lists the articles its co-actors are of
    assert {c.actor.id for c in detail.co_actors} <= others and all(c.articles == 1 for c in detail.co_actors)
    assert len(detail.co_actors) == min(len(others), 12)


def test_an_actors_mentions_latest_articles_first_with_the_kept_total(analysed):
    from app.services.actors import actor_mentions

    actor = most_mentioned(analysed)[0]
    page = actor_mentions(session=analysed, slug=actor.slug, limit=500)
    assert page.total == len(page.items) == analysed.exec(select(func.count()).where(Mention.actor_id == actor.id)).one()
    order = [(-analysed.get(Mention, m.id).article_id, m.paragraph, m.start) for m in page.items]
    assert order == sorted(order) and len({o[0] for o in order}) > 1


def test_two_writers_at_once_lose_no_count(session):
    """Two workers write mentions of one actor at once, each recounting it before its commit: the
    second waits for the first's commit and counts both (on PostgreSQL, behind the lock on the
    actor's row; SQLite lets one writer in at a time)."""
    import threading

    article = Article(slug="a", source_file="a.txt", content_hash="h", title="A", language="fr")
    actor = Actor(slug="x", name="X", kind="person")
    session.add_all([article, actor])
    session.commit()
    engine, ids = session.get_bind(), (article.id, actor.id)

    def write(other: Session, paragraph: int) -> None:
        other.add(Mention(article_id=ids[0], actor_id=ids[1], paragraph=paragraph, start=0, end=1, text="X", method="registry"))
        refresh_actor_counts(other, [ids[1]])

    first = Session(engine)
    write(first, 0)  # counted, not committed yet
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with Session(engine) as other:
                write(other, 1)
                other.commit()
        except BaseException as exc:  # noqa: BLE001 (reported by the test)
            errors.append(exc)

    worker = threading.Thread(target=second)
    worker.start()
    worker.join(1)
    assert worker.is_alive(), "the second writer did not wait for the first"
    first.commit()
    first.close()
    worker.join(20)
    assert not errors
    assert_kept(session)
    assert kept(session) == [(ids[1], "fr", 2, 1)]
