"""Actors through pages and JSON: highlights, lists, one actor's page, curation round trips."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.analysis.actors import load_french_model
from app.services.actor_analysis import analyse_articles

FR, AR = "000_4a82fcdd0388497e", "003_68131c3598d7dd27"


@pytest.fixture
def client(seeded_client):
    with Session(seeded_client.app.state.engine) as session:
        analyse_articles(session=session, nlp_factory=load_french_model)
    return seeded_client


def actor_slug(client, name):
    return next(a["slug"] for a in client.get("/api/actors?limit=500").json()["items"] if a["name"] == name)


def test_api_actors_shape_and_filters(client):
    data = client.get("/api/actors").json()
    assert data["total"] > 10
    item = data["items"][0]
    assert {"id", "slug", "name", "kind", "aliases", "mention_count", "article_count"} <= set(item)
    people = client.get("/api/actors?kind=person").json()["items"]
    assert people and all(a["kind"] == "person" for a in people)
    arabic = client.get("/api/actors?language=ar").json()["items"]
    assert arabic and all("ar" in a["languages"] for a in arabic)
    in_one = client.get(f"/api/actors?article={AR}").json()["total"]
    assert 0 < in_one < data["total"]


def test_article_mentions_in_api_and_pages(client):
    article = client.get(f"/api/articles/{FR}").json()
    assert article["mentions"] and {"article", "paragraph", "start", "end", "text", "method", "confirmed", "actor"} <= set(article["mentions"][0])
    for m in article["mentions"]:
        assert article["paragraphs"][m["paragraph"]]["text"][m["start"]:m["end"]] == m["text"]
    html = client.get(f"/compare?articles={FR},{AR}").text
    assert 'class="actor kind-person' in html and "hide actors" in html
    off = client.get(f"/compare?articles={FR},{AR}&actors=off").text
    assert 'class="actor kind-person' not in off and "show actors" in off


def test_same_actor_linked_across_french_and_arabic(client):
    fr = {m["actor"] for m in client.get(f"/api/articles/{FR}").json()["mentions"]}
    ar = {m["actor"] for m in client.get(f"/api/articles/{AR}").json()["mentions"]}
    assert len(fr & ar) >= 5
    slug = next(iter(fr & ar))
    html = client.get(f"/compare?articles={FR},{AR}&actor={slug}").text
    assert html.count(f'selected" data-actor="{slug}"') >= 2


def test_actor_page_lists_mentions_with_links(client):
    slug = client.get("/api/actors?kind=person&sort=mentions").json()["items"][0]["slug"]
    detail = client.get(f"/api/actors/{slug}").json()
    assert detail["articles"] and detail["co_actors"]
    mentions = client.get(f"/api/actors/{slug}/mentions").json()
    assert mentions["total"] == detail["mention_count"]
    assert all(m["text"] in m["sentence"] for m in mentions["items"])
    page = client.get(f"/actors/{slug}").text
    assert f"?actor={slug}#p-" in page and "<svg" in page
    assert client.get("/actors?sort=name&kind=country").status_code == 200
    assert client.get("/actors/nobody").status_code == 404
    assert client.get("/actors?sort=evil").status_code == 400


def test_curation_round_trip_with_undo(client):
    slug = client.get("/api/actors?kind=person&sort=mentions").json()["items"][0]["slug"]
    before = client.get(f"/api/actors/{slug}").json()

    r = client.post(f"/actors/{slug}/rename", data={"name": "Renamed Person"}, follow_redirects=True)
    assert r.status_code == 200 and "Renamed Person" in r.text
    detail = client.get(f"/api/actors/{slug}").json()
    assert detail["name"] == "Renamed Person" and detail["history"][0]["author"] == "ana"

    client.post(f"/curation/{detail['history'][0]['id']}/undo")
    assert client.get(f"/api/actors/{slug}").json()["name"] == before["name"]

    mention = client.get(f"/api/actors/{slug}/mentions").json()["items"][0]
    client.post(f"/mentions/{mention['id']}/reject")
    assert client.get(f"/api/actors/{slug}").json()["mention_count"] == before["mention_count"] - 1
    with Session(client.app.state.engine) as session:  # a re-run keeps the rejection
        from sqlmodel import select

        from app.models import Article
        analyse_articles(session=session, articles=session.exec(select(Article)).all())
    assert client.get(f"/api/actors/{slug}").json()["mention_count"] == before["mention_count"] - 1
    reject_action = client.get(f"/api/actors/{slug}").json()["history"][0]
    client.post(f"/curation/{reject_action['id']}/undo")
    assert client.get(f"/api/actors/{slug}").json()["mention_count"] == before["mention_count"]


def test_alias_add_rematches_and_merge_moves_mentions(client):
    # An analyst teaches a new spelling: every article is re-matched at once.
    country = actor_slug(client, "Kazakhstan")
    before = client.get(f"/api/actors/{country}").json()["mention_count"]
    r = client.post(f"/api/actors/{country}/add_alias", json={"alias": "Almaty", "language": "fr"})
    assert r.status_code == 200 and r.json()["mention_count"] > before
    # Merge a second actor into the first: its mentions move; undo brings them back.
    other = actor_slug(client, "Russia")
    moved = client.get(f"/api/actors/{other}").json()["mention_count"]
    merged = client.post(f"/api/actors/{other}/merge", json={"into": country}).json()
    assert merged["mention_count"] >= before + moved
    assert "Russia" not in {a["name"] for a in client.get("/api/actors?limit=500").json()["items"]}
    assert client.get(f"/api/actors/{other}").json()["merged_into"] == country  # hidden, not deleted
    client.post(f"/api/curation/{merged['history'][0]['id']}/undo")
    assert client.get(f"/api/actors/{other}").json()["mention_count"] == moved


def test_curation_bad_input_is_4xx(client):
    slug = client.get("/api/actors").json()["items"][0]["slug"]
    assert client.post(f"/actors/{slug}/rename", data={"name": "   "}).status_code == 422
    assert client.post(f"/actors/{slug}/kind", data={"kind": "wizard"}).status_code == 422
    assert client.post(f"/actors/{slug}/explode", data={}).status_code == 404
    assert client.post(f"/api/actors/{slug}/explode", json={}).status_code == 404  # no such action: no such resource
    assert client.post(f"/actors/{slug}/merge", data={"into": slug}).status_code == 422
    assert client.post("/mentions/999999/reject").status_code == 404
    assert client.post("/curation/999999/undo").status_code == 404
    assert client.post(f"/actors/{slug}/add_alias", data={"alias": "<script>x</script>", "language": "fr"}, follow_redirects=False).status_code == 303
    assert "<script>x</script>" not in client.get(f"/actors/{slug}").text
