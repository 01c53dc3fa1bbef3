"""Stories on real articles: the seeds form one story that unrelated articles (the benchmark
corpus, the held-out set and other events) do not join; those group by event; the pages, JSON
twins and edit forms, and analysts' edits surviving a new analysis."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.analysis.actors import load_french_model
from app.analysis.stories import purity_completeness
from app.config import PROJECT_ROOT, load_settings
from app.main import create_app
from app.models import Article, StoryArticle
from app.services.actor_analysis import analyse_articles
from app.services.claim_analysis import analyse_claims
from app.services.ingest import ingest_paths
from tests.conftest import log_in
from tests.databases import new_database

SEEDS = [f"{n:03d}" for n in range(5)]
OTHERS = ["tests/corpus", "tests/heldout", "tests/gold/other_event", "tests/gold/claims_other"]


def _event(source_path: str) -> str:
    """The event an article tells: its folder, or for the loose files its name's first word."""
    path = Path(source_path)
    return path.stem.split("_")[0] if path.parent.name in ("other_event", "claims_other") else path.parent.name


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seeds and every unrelated test article, analysed once as ingest does; its URL."""
    folder = tmp_path_factory.mktemp("stories")
    url = new_database(folder, "stories")
    app = create_app(replace(load_settings(), database_url=url, data_dir=folder))
    with Session(app.state.engine) as session:
        ingest_paths(session=session, paths=[PROJECT_ROOT / "seeds", *(PROJECT_ROOT / p for p in OTHERS)],
                     max_bytes=5_000_000)
        analyse_claims(session=session, articles=analyse_articles(session=session, nlp_factory=load_french_model))
    app.state.engine.dispose()
    return url


def _client(database: str, folder: Path, role: str = "analyst") -> Iterator[TestClient]:
    copy = new_database(folder, "copy", like=database)  # each test edits its own copy
    app = create_app(replace(load_settings(), database_url=copy, data_dir=folder))
    with TestClient(app) as client:
        yield log_in(client, "ana", role)
    app.state.engine.dispose()


@pytest.fixture
def stories(database: str, tmp_path: Path) -> Iterator[TestClient]:
    yield from _client(database, tmp_path)


def _groups(client: TestClient) -> tuple[dict[str, int], dict[str, str]]:
    """article slug -> story id, and article slug -> event, from the database."""
    with Session(client.app.state.engine) as session:
        rows = session.exec(select(Article.slug, Article.source_path, StoryArticle.story_id)
                            .join(StoryArticle, StoryArticle.article_id == Article.id, isouter=True)).all()
    return {slug: story for slug, _, story in rows}, {slug: _event(path) for slug, path, _ in rows}


def _seed_story(client: TestClient) -> dict:
    found, _ = _groups(client)
    seed = next(s for s in found if s.startswith("000_"))
    slug = next(s["slug"] for s in client.get("/api/stories?limit=500").json()["items"]
                if s["id"] == found[seed])
    return client.get(f"/api/stories/{slug}").json()


def test_seeds_are_one_story_that_no_unrelated_article_joins(stories: TestClient) -> None:
    story = _seed_story(stories)
    assert sorted(a["slug"][:3] for a in story["articles"]) == SEEDS
    assert story["languages"] == ["ar", "fr"]


def test_the_other_articles_group_by_event(stories: TestClient) -> None:
    found, truth = _groups(stories)
    assert all(story is not None for story in found.values())
    purity, completeness = purity_completeness(found, truth)
    assert (purity, completeness) == (1.0, 1.0), (purity, completeness)  # measured: 50 articles, 16 events
    assert len(set(found.values())) == len(set(truth.values()))


def test_the_list_page_and_its_json_twin_show_the_same_stories(stories: TestClient) -> None:
    data = stories.get("/api/stories?limit=500").json()
    assert data["total"] == len(set(_groups(stories)[1].values())) and {"title", "first", "last", "languages", "outlets", "article_count",
                                    "open_contradictions"} <= set(data["items"][0])
    page = stories.get("/stories")
    assert page.status_code == 200 and 'rel="alternate"' in page.text
    for item in data["items"]:
        assert f'href="/stories/{quote(item["slug"], safe="")}"' in page.text
    seeds = _seed_story(stories)
    assert seeds["open_contradictions"] >= 4  # the seeds' four suggestions are inside their story


def test_the_story_page_has_timeline_sources_figures_contradictions_and_compare(stories: TestClient) -> None:
    story = _seed_story(stories)
    page = stories.get(f"/stories/{story['slug']}")
    assert page.status_code == 200
    for a in story["articles"]:
        assert f'/articles/{a["slug"]}' in page.text
    assert [a["published"] or "~" for a in story["articles"]] == sorted(a["published"] or "~" for a in story["articles"])
    assert story["compare"].startswith("/compare?articles=") and 'action="/compare"' in page.text
    assert stories.get(story["compare"]).status_code == 200
    assert story["contradictions"] and all(f'/contradictions/{c["id"]}' in page.text for c in story["contradictions"])
    assert story["metrics"] and story["sources"]
    assert "csrftoken" in page.text and 'action="/stories/' in page.text  # the edit forms, for an analyst
    reader = stories.get(f"/articles/{story['articles'][0]['slug']}")
    assert f'href="/stories/{quote(story["slug"], safe="")}"' in reader.text  # the reader names its story


def test_the_library_groups_by_story(stories: TestClient) -> None:
    grouped = stories.get("/?group=story")
    assert grouped.status_code == 200 and 'class="story-group"' in grouped.text and "/stories/" in grouped.text
    assert 'class="story-group"' not in stories.get("/").text
    assert stories.get("/?group=outlet").status_code == 400


def test_rename_persists_across_a_new_analysis(stories: TestClient) -> None:
    slug = _seed_story(stories)["slug"]
    r = stories.post(f"/stories/{slug}/rename", data={"title": "Kazakhstan: <b>January</b> unrest"}, follow_redirects=False)
    assert r.status_code == 303
    _reanalyse(stories)
    story = _seed_story(stories)
    assert story["title"] == "Kazakhstan: <b>January</b> unrest" and story["renamed_by"] == "ana"
    assert "Kazakhstan: &lt;b&gt;January&lt;/b&gt; unrest" in stories.get(f"/stories/{slug}").text  # text, not markup
    assert story["history"][0]["action"] == "rename"
    assert any(r["kind"] == "story" for r in stories.get("/api/activity?kind=story").json()["items"])


def test_a_moved_article_stays_where_the_analyst_put_it(stories: TestClient) -> None:
    story = _seed_story(stories)
    moved = next(a["slug"] for a in story["articles"] if a["slug"].startswith("004_"))
    r = stories.post(f"/stories/{story['slug']}/move", data={"article": moved, "to": "new"}, follow_redirects=False)
    assert r.status_code == 303
    _reanalyse(stories)
    assert sorted(a["slug"][:3] for a in _seed_story(stories)["articles"]) == SEEDS[:4]
    new = r.headers["location"].removeprefix("/stories/")
    assert [a["slug"] for a in stories.get(f"/api/stories/{new}").json()["articles"]] == [moved]
    back = stories.post(f"/api/articles/{moved}/story", json={"story": story["slug"]})
    assert back.status_code == 200 and back.json()["article_count"] == 5


def test_merge_and_split(stories: TestClient) -> None:
    items = stories.get("/api/stories?limit=500").json()["items"]
    boat = next(s for s in items if "lampedusa" in s["title"].lower() or "لامبيدوزا" in s["title"])
    cholera = next(s for s in items if "cholera" in s["title"].lower() or "الكوليرا" in s["title"])
    r = stories.post(f"/stories/{boat['slug']}/merge", data={"into": cholera["slug"]}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/stories/{quote(cholera['slug'], safe='')}"
    merged = stories.get(f"/api/stories/{cholera['slug']}").json()
    assert merged["article_count"] == boat["article_count"] + cholera["article_count"]
    assert stories.get(f"/stories/{boat['slug']}", follow_redirects=False).status_code == 303  # the old address leads on
    boats = [a["slug"] for a in merged["articles"] if a["slug"].startswith("boat_")]
    split = stories.post(f"/api/stories/{cholera['slug']}/split", json={"articles": boats, "title": "Boat off Lampedusa"})
    assert split.status_code == 201 and sorted(a["slug"] for a in split.json()["articles"]) == sorted(boats)
    _reanalyse(stories)
    again = stories.get(f"/api/stories/{split.json()['slug']}").json()
    assert again["title"] == "Boat off Lampedusa" and again["article_count"] == len(boats)
    assert stories.get(f"/api/stories/{cholera['slug']}").json()["article_count"] == cholera["article_count"]


def test_bad_input_is_a_clear_4xx(stories: TestClient) -> None:
    story = _seed_story(stories)
    slug, first = story["slug"], story["articles"][0]["slug"]
    assert stories.get("/stories/no-such-story").status_code == 404
    assert stories.get("/api/stories/no-such-story").json()["detail"].startswith("No story")
    assert stories.get("/api/stories?limit=0").status_code == 422
    assert stories.post(f"/api/stories/{slug}/rename", json={"title": ""}).status_code == 422
    assert stories.post(f"/stories/{slug}/rename", data={"title": "   "}).status_code == 422
    assert stories.post(f"/stories/{slug}/merge", data={"into": slug}).status_code == 422
    assert stories.post(f"/stories/{slug}/merge", data={"into": "nowhere"}).status_code == 404
    assert stories.post(f"/stories/{slug}/split", data={"articles": [a["slug"] for a in story["articles"]]}).status_code == 422
    assert stories.post(f"/stories/{slug}/split", data={"articles": ["cholera_en_wire"]}).status_code == 422
    assert stories.post(f"/stories/{slug}/split", data={}).status_code == 422
    assert stories.post(f"/stories/{slug}/move", data={"article": "cholera_en_wire", "to": "new"}).status_code == 422
    assert stories.post(f"/stories/{slug}/move", data={"article": first, "to": "nowhere"}).status_code == 404
    assert stories.post("/api/articles/no-such-article/story", json={"story": "new"}).status_code == 404
    del stories.headers["X-CSRF-Token"]
    assert stories.post(f"/stories/{slug}/rename", data={"title": "x"}).status_code == 403
    assert _seed_story(stories)["title"] == story["title"]


def test_viewers_read_stories_but_do_not_edit_them(database: str, tmp_path: Path) -> None:
    for viewer in _client(database, tmp_path, role="viewer"):
        slug = _seed_story(viewer)["slug"]
        page = viewer.get(f"/stories/{slug}")
        assert page.status_code == 200 and f'action="/stories/{slug}/rename"' not in page.text
        assert viewer.post(f"/stories/{slug}/rename", data={"title": "x"}).status_code == 403
        assert viewer.post(f"/api/stories/{slug}/rename", json={"title": "x"}).status_code == 403


def _reanalyse(client: TestClient) -> None:
    with Session(client.app.state.engine) as session:
        analyse_claims(session=session, articles=session.exec(select(Article).order_by(Article.id)).all())
