"""An actor's Wikidata item: from the registry, shown and linked on its page, in the JSON, and
set or cleared by curation (form and JSON), recorded, undoable, kept across re-analysis."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from app.models import Article, CurationAction
from app.services.actor_analysis import analyse_articles
from app.web.auth import CSRF_HEADER


@pytest.fixture
def client(seeded_client):
    with Session(seeded_client.app.state.engine) as session:
        analyse_articles(session=session)  # the registry's rules, no model: enough for ids
    return seeded_client


def actor(client, name):
    return next(a for a in client.get("/api/actors?limit=500").json()["items"] if a["name"] == name)


def reanalyse(client):
    with Session(client.app.state.engine) as session:
        analyse_articles(session=session, articles=session.exec(select(Article)).all())


def test_registry_ids_reach_the_api_and_the_page(client):
    kazakhstan = actor(client, "Kazakhstan")
    assert kazakhstan["wikidata"] == "Q232"
    assert kazakhstan["wikidata_url"] == "https://www.wikidata.org/wiki/Q232"
    detail = client.get(f"/api/actors/{kazakhstan['slug']}").json()
    assert (detail["wikidata"], detail["wikidata_url"]) == ("Q232", "https://www.wikidata.org/wiki/Q232")
    page = client.get(f"/actors/{kazakhstan['slug']}").text
    assert 'href="https://www.wikidata.org/wiki/Q232"' in page and 'name="wikidata"' in page
    unlisted = [a for a in client.get("/api/actors?limit=500").json()["items"] if a["origin"] != "registry"]
    assert unlisted and all(a["wikidata"] is None and a["wikidata_url"] is None for a in unlisted)


def test_curation_sets_and_clears_the_id_with_history_and_undo(client):
    slug = actor(client, "Kazakhstan")["slug"]
    r = client.post(f"/actors/{slug}/wikidata", data={"wikidata": " Q999999 "}, follow_redirects=True)
    assert r.status_code == 200 and 'href="https://www.wikidata.org/wiki/Q999999"' in r.text
    detail = client.get(f"/api/actors/{slug}").json()
    assert detail["wikidata"] == "Q999999"
    assert detail["history"][0]["action"] == "wikidata" and detail["history"][0]["author"] == "ana"
    assert "Q232" in detail["history"][0]["summary"] and "Q999999" in detail["history"][0]["summary"]

    cleared = client.post(f"/api/actors/{slug}/wikidata", json={"wikidata": ""})
    assert cleared.status_code == 200 and cleared.json()["wikidata"] is None
    reanalyse(client)  # the analyst's choice, even an empty one, wins over the registry's id
    assert client.get(f"/api/actors/{slug}").json()["wikidata"] is None

    undo = client.get(f"/api/actors/{slug}").json()["history"][0]["id"]
    assert client.post(f"/api/curation/{undo}/undo").json()["wikidata"] == "Q999999"


def test_an_undone_choice_gives_the_registry_its_say_again(client):
    slug = actor(client, "Russia")["slug"]
    set_ = client.post(f"/api/actors/{slug}/wikidata", json={"wikidata": "Q123"}).json()
    reanalyse(client)
    assert client.get(f"/api/actors/{slug}").json()["wikidata"] == "Q123"
    client.post(f"/api/curation/{set_['history'][0]['id']}/undo")
    reanalyse(client)
    assert client.get(f"/api/actors/{slug}").json()["wikidata"] == "Q159"


@pytest.mark.parametrize("bad", ["142", "q142", "Q0142", "Q", "Q14 2", "https://www.wikidata.org/wiki/Q142", "Q" + "1" * 50])
def test_a_malformed_id_is_422_and_changes_nothing(client, bad):
    slug = actor(client, "Kazakhstan")["slug"]
    before = client.get(f"/api/actors/{slug}").json()
    assert client.post(f"/api/actors/{slug}/wikidata", json={"wikidata": bad}).status_code == 422
    assert client.post(f"/actors/{slug}/wikidata", data={"wikidata": bad}).status_code in (400, 422)
    after = client.get(f"/api/actors/{slug}").json()
    assert (after["wikidata"], len(after["history"])) == (before["wikidata"], len(before["history"]))


def test_the_form_needs_the_csrf_token(client):
    slug = actor(client, "Kazakhstan")["slug"]
    client.headers.pop(CSRF_HEADER)
    assert client.post(f"/actors/{slug}/wikidata", data={"wikidata": "Q1"}).status_code == 403
    with Session(client.app.state.engine) as session:
        assert session.exec(select(CurationAction).where(CurationAction.action == "wikidata")).first() is None


def test_setting_the_same_id_again_is_422(client):
    slug = actor(client, "Kazakhstan")["slug"]
    assert client.post(f"/api/actors/{slug}/wikidata", json={"wikidata": "Q232"}).status_code == 422
