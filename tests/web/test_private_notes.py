"""A private note never leaks: its author's marker text (in its body, tag and thread) is requested
through EVERY GET route of the app (enumerated from the app, path parameters filled with real ids
and slugs, filters set to the note's article, tag and author) and every export, by another
analyst, a viewer, an admin and an anonymous reader; none of them gets it, while its author does.
Someone else's private note is 404, exactly as a note that does not exist."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import quote, urlencode

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import load_settings
from app.main import create_app
from app.services.export import export_all
from tests.conftest import SEEDS, log_in
from tests.databases import new_database
from tests.web.test_security import endpoints, parameters

FR, OTHER = "000_4a82fcdd0388497e", "001_34c4f48a28539114"
BODY = "zqxbodysecret7731"  # in the private note's body, its reply and a deleted private note
TAG = "zqxtagsecret7731"  # the private note's only tag: no team note carries it
TEAM = "zqxteamvisible4410"  # a team note by the same author, which everyone sees


@dataclass
class World:
    app: object
    anonymous_app: object
    private: int
    reply: int
    deleted: int
    team: int
    revision: int
    ids: dict[str, str]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The seeds, analysed (actors, claims, contradictions, stories: every route has something to
    show), with alice's private and team notes, and an app in anonymous-read mode on the same database."""
    from app.analysis.actors import load_french_model
    from app.services.actor_analysis import analyse_articles
    from app.services.claim_analysis import analyse_claims
    from app.services.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("private-notes")
    settings = replace(load_settings(), database_url=new_database(folder), data_dir=folder)
    app = create_app(settings)
    with Session(app.state.engine) as session:
        ingest_paths(session=session, paths=[SEEDS], max_bytes=settings.max_file_bytes)
        analyse_claims(session=session, articles=analyse_articles(session=session, nlp_factory=load_french_model))
    alice = log_in(TestClient(app), "alice", "analyst")
    post = lambda body, tags, visibility, paragraph=1: alice.post(
        "/api/annotations", json={"article": FR, "paragraph": paragraph, "body": body, "tags": tags, "visibility": visibility})
    private = post(f"Only mine: {BODY}", [TAG], "private").json()
    assert private["visibility"] == "private"
    alice.patch(f"/api/annotations/{private['id']}", json={"body": f"Only mine, edited: {BODY}"}).raise_for_status()
    reply = alice.post(f"/api/annotations/{private['id']}/replies", json={"body": f"A thought on it: {BODY}"})
    assert reply.status_code == 201, reply.text
    deleted = post(f"Deleted and private: {BODY}", [TAG], "private", paragraph=2).json()
    alice.delete(f"/api/annotations/{deleted['id']}").raise_for_status()
    team = post(f"For everyone: {TEAM}", ["figures"], "team").json()
    revision = alice.get(f"/api/annotations/{private['id']}/history").json()["items"][0]["id"]
    ids = {}
    with TestClient(app) as api:
        reader = log_in(api, "seer", "viewer")
        ids["actor"] = reader.get("/api/actors", params={"limit": 1}).json()["items"][0]["slug"]
        ids["story"] = reader.get("/api/stories", params={"limit": 1}).json()["items"][0]["slug"]
        ids["contradiction"] = str(reader.get("/api/contradictions", params={"limit": 1}).json()["items"][0]["id"])
    anonymous_app = create_app(replace(settings, anonymous_read=True))
    yield World(app, anonymous_app, private["id"], reply.json()["id"], deleted["id"], team["id"], revision, ids)
    app.state.engine.dispose()
    anonymous_app.state.engine.dispose()


def fill(path: str, world: World, note: int) -> str:
    """The path with real values: the private note's ids (or `note`), its article, tag and revision."""
    values = {"slug": world.ids["actor"] if "/actors/" in path else world.ids["story"] if "/stories/" in path else FR,
              "tag": TAG, "annotation_id": note, "annotation": note, "revision_id": world.revision,
              "contradiction_id": world.ids["contradiction"]}
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: quote(str(values.get(m.group(1), 1)), safe=""), path)


# Query values a route needs to show anything, and the filters aimed at the private note.
REQUIRED = {"articles": f"{FR},{OTHER}", "a": FR, "b": OTHER, "q": "Kazakhstan"}
AIMED = {"article": FR, "tag": TAG, "author": "alice", "q": BODY, "articles": f"{FR},{OTHER}", "kind": "annotation"}


def every_get(world: World) -> list[str]:
    """Every GET route, for each note id (the private note, its reply, the deleted one), plain, with
    its required values, and with each filter aimed at the private note."""
    urls: list[str] = []
    for method, path, route in endpoints(world.app):
        if method != "GET" or path in ("/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"):
            continue
        names = {p.name for p in parameters(route, "query_params")} | {p.alias for p in parameters(route, "query_params")}
        notes = (world.private, world.reply, world.deleted) if "{annotation" in path else (world.private,)
        for note in notes:
            base = fill(path, world, note)
            required = {k: v for k, v in REQUIRED.items() if k in names}
            urls.append(base + ("?" + urlencode(required) if required else ""))
            for name, value in AIMED.items():
                if name in names:
                    urls.append(base + "?" + urlencode({**required, name: value}))
    extra = ["/annotations/?page=0", "/annotations/?iris=1&page=0", f"/annotations/?tag={TAG}&page=0",
             "/api/annotations.jsonld?page=0", "/api/activity?kind=annotation&limit=500", "/api/annotations?limit=500",
             f"/articles/{FR}?note={world.private}", "/?group=story"]
    return urls + extra


def leaks(response, url: str, world: World) -> list[str]:  # type: ignore[no-untyped-def]
    """What of the private notes shows in a response (a marker the URL itself carries is not a leak)."""
    text = response.text + " " + response.headers.get("location", "")
    found = [m for m in (BODY, TAG) if m in text and m not in url]
    for note in (world.private, world.reply, world.deleted):  # its IRI or a link to it
        if re.search(rf"(?<!contradictions)/annotations/{note}(?![0-9])", text) and f"/annotations/{note}" not in url:
            found.append(f"/annotations/{note}")
    return found


def others(world: World) -> Iterator[tuple[str, TestClient]]:
    yield "another analyst", log_in(TestClient(world.app), "bob", "analyst")
    yield "a viewer", log_in(TestClient(world.app), "vic", "viewer")
    yield "an admin", log_in(TestClient(world.app), "root", "admin")
    yield "an anonymous reader", TestClient(world.anonymous_app)


def test_no_get_route_shows_a_private_note_to_anyone_else(world):
    urls = every_get(world)
    assert len(urls) > 80 and any("/tags/" + TAG in u for u in urls), "route enumeration broke"
    wrong: list[str] = []
    for who, client in others(world):
        seen_team = False
        for url in urls:
            for accept in ("*/*", "text/html"):
                r = client.get(url, headers={"Accept": accept}, follow_redirects=False)
                if r.status_code >= 500:
                    wrong.append(f"{who}: GET {url} -> {r.status_code}")
                if found := leaks(r, url, world):
                    wrong.append(f"{who}: GET {url} ({accept}) shows {found}")
                seen_team = seen_team or TEAM in r.text
        assert seen_team, f"{who} never saw the team note: the test would pass on an empty room"
    assert not wrong, "\n".join(wrong[:40])


def test_its_author_sees_it_everywhere_it_belongs(world):
    author = _session_of(TestClient(world.app), "alice")
    where = [f"/articles/{FR}", f"/api/articles/{FR}", "/api/annotations", f"/api/annotations/{world.private}",
             f"/annotations/{world.private}", "/annotations/?page=0", "/api/annotations.jsonld", "/api/annotations.csv",
             f"/tags/{TAG}", "/tags", "/api/tags", "/activity", "/activity.atom", "/api/activity",
             f"/annotations/{world.private}/history", f"/api/annotations/{world.private}/history",
             f"/briefing?articles={FR},{OTHER}", f"/api/briefing?articles={FR},{OTHER}", f"/api/compare?articles={FR},{OTHER}"]
    for url in where:
        r = author.get(url)
        assert r.status_code == 200 and leaks(r, "", world), f"{url} -> {r.status_code}"
    assert {"tag": TAG, "count": 1} in author.get("/api/tags").json()["items"]
    assert f"/articles/{FR}" in author.get(f"/?tag={TAG}").text


def test_note_counts_count_only_what_the_reader_sees(world):
    author = _session_of(TestClient(world.app), "alice")
    bob = log_in(TestClient(world.app), "bob2", "analyst")
    count = lambda client: next(a["note_count"] for a in client.get("/api/articles").json()["items"] if a["slug"] == FR)
    assert count(author) == count(bob) + 1  # the private note; its reply and the deleted one are not counted
    assert bob.get(f"/api/articles/{FR}").json()["note_count"] == count(bob)
    assert bob.get("/api/articles", params={"tag": TAG}).json()["total"] == 0
    assert author.get("/api/articles", params={"tag": TAG}).json()["total"] == 1


def test_someone_elses_private_note_is_404_like_a_note_that_does_not_exist(world):
    bob = log_in(TestClient(world.app), "bob3", "analyst")
    root = log_in(TestClient(world.app), "root3", "admin")
    missing = 10**6
    for template in ("/api/annotations/{}", "/api/annotations/{}/history", "/annotations/{}", "/annotations/{}/history"):
        private, absent = bob.get(template.format(world.private)), bob.get(template.format(missing))
        assert private.status_code == absent.status_code == 404, template
        assert re.sub(r"\d+", "N", private.text) == re.sub(r"\d+", "N", absent.text), template
    writes = [bob.patch(f"/api/annotations/{world.private}", json={"body": "mine now"}),
              bob.delete(f"/api/annotations/{world.private}"),
              root.delete(f"/api/annotations/{world.private}", params={"reason": "moderation"}),
              bob.post(f"/api/annotations/{world.private}/replies", json={"body": "let me in"}),
              bob.post(f"/api/annotations/{world.reply}/replies", json={"body": "let me in"}),
              bob.post(f"/api/annotations/{world.deleted}/restore"),
              bob.post(f"/annotations/{world.private}/replies", data={"body": "let me in"}, follow_redirects=False),
              bob.put(f"/annotations/{world.private}", json={}, headers={"If-Match": '"x"'})]
    assert [w.status_code for w in writes] == [404] * len(writes), [w.text for w in writes]


def test_exports_without_a_reader_leave_private_notes_out(world):
    """The CLI's `readingroom export` (no reader: the team's view)."""
    with Session(world.app.state.engine) as session:
        text = str(export_all(session=session))
    assert TEAM in text and BODY not in text and TAG not in text


def _session_of(client: TestClient, name: str) -> TestClient:
    """Log `client` in as an existing user (log_in makes the user: alice was made by the fixture)."""
    from sqlmodel import select

    from app.models import User
    from app.services import accounts
    from app.web.auth import CSRF_HEADER, SESSION_COOKIE, csrf_for, sign_session

    app = client.app
    with Session(app.state.engine) as session:
        user = session.exec(select(User).where(User.name == name)).one()
        raw = accounts.open_session(session=session, user=user, hours=1)
    client.cookies.set(SESSION_COOKIE, sign_session(app.state.signing_key, raw))
    client.headers[CSRF_HEADER] = csrf_for(app.state.signing_key, raw)
    return client
