"""Each article says its story (slug and title, or null) in the library's JSON and its own, read
in the page's one query: the number of queries does not grow with the articles listed."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event
from sqlmodel import Session, select

from app.models import Article, Story, StoryArticle


def place(client, slugs: list[str], title: str = "Séisme <b>au</b> Maroc") -> None:
    with Session(client.app.state.engine) as session:
        story = Story(slug="seisme-au-maroc", title=title, article_count=len(slugs))
        session.add(story)
        session.flush()
        for slug in slugs:
            article = session.exec(select(Article).where(Article.slug == slug)).one()
            session.add(StoryArticle(article_id=article.id, story_id=story.id))
        session.commit()


@contextmanager
def counting(engine):
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_articles_carry_their_story_or_null(seeded_client):
    items = seeded_client.get("/api/articles").json()["items"]
    assert len(items) >= 3 and all(a["story"] is None for a in items)
    placed = [a["slug"] for a in items[:2]]
    place(seeded_client, placed)
    story = {"slug": "seisme-au-maroc", "title": "Séisme <b>au</b> Maroc"}
    listed = {a["slug"]: a["story"] for a in seeded_client.get("/api/articles").json()["items"]}
    assert {s: listed[s] for s in placed} == {s: story for s in placed}
    assert all(v is None for s, v in listed.items() if s not in placed)
    assert seeded_client.get(f"/api/articles/{placed[0]}").json()["story"] == story
    assert seeded_client.get(f"/api/articles/{items[-1]['slug']}").json()["story"] is None
    # filters still count articles, not article-story rows
    assert seeded_client.get("/api/articles?limit=1").json()["total"] == len(items)


def test_listing_more_articles_costs_no_more_queries(seeded_client):
    items = seeded_client.get("/api/articles").json()["items"]
    place(seeded_client, [a["slug"] for a in items])
    engine = seeded_client.app.state.engine
    with counting(engine) as one:
        assert len(seeded_client.get("/api/articles?limit=1").json()["items"]) == 1
    with counting(engine) as all_of_them:
        page = seeded_client.get(f"/api/articles?limit={len(items)}").json()["items"]
    assert len(page) == len(items) >= 3 and all(a["story"] for a in page)
    assert len(all_of_them) == len(one)
