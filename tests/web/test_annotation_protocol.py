"""The W3C Web Annotation Protocol's conformance points, as a client with an API token meets them:
the container (LDP headers, Prefer, paging), content negotiation on a note's IRI, ETag / If-Match,
and create / update / delete with the same roles, ownership and anchoring as the rest of the app."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.services import accounts
from tests.conftest import make_user

FR = "000_4a82fcdd0388497e"
BASE = "http://testserver"
PROFILE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
LD = {"Accept": PROFILE}
PREFER = 'return=representation;include="http://www.w3.org/ns/oa#Prefer{}"'


def _token_client(client: TestClient, name: str, role: str) -> TestClient:
    """A script's client: no cookie, only `Authorization: Bearer` with a fresh token."""
    with Session(client.app.state.engine) as session:
        make_user(session, name, role)
        token = accounts.create_token(session=session, name=name, label="w3c")
    return TestClient(client.app, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def script(seeded_client: TestClient) -> TestClient:
    return _token_client(seeded_client, "scribe", "analyst")


def _texts(client: TestClient, slug: str = FR) -> list[str]:
    return [p["text"] for p in client.get(f"/api/articles/{slug}").json()["paragraphs"]]


def _annotation(target: object, body: str = "posted", **extra: object) -> dict:
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
            "body": [{"type": "TextualBody", "value": body, "purpose": "commenting"},
                     {"type": "TextualBody", "value": "w3c", "purpose": "tagging"}], "target": target, **extra}


def _quote(exact: str, **selector: object) -> dict:
    return {"source": f"{BASE}/articles/{FR}", "selector": {"type": "TextQuoteSelector", "exact": exact, **selector}}


# --- the container -------------------------------------------------------------------------------

def test_the_container_is_an_ldp_basic_container_and_annotation_collection(seeded_client):
    seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": "one"})
    r = seeded_client.get("/annotations/", headers=LD)
    assert r.status_code == 200 and r.headers["content-type"] == PROFILE
    assert '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"' in r.headers["link"]
    assert {"GET", "POST", "HEAD", "OPTIONS"} <= {m.strip() for m in r.headers["allow"].split(",")}
    assert "Accept" in r.headers["vary"] and r.headers["etag"].startswith('"')
    assert r.headers["accept-post"] == PROFILE
    doc = r.json()
    assert doc["@context"] == ["http://www.w3.org/ns/anno.jsonld", "http://www.w3.org/ns/ldp.jsonld"]
    assert doc["id"] == f"{BASE}/annotations/" and set(doc["type"]) == {"BasicContainer", "AnnotationCollection"}
    assert doc["total"] == 1 and doc["first"]["items"][0]["type"] == "Annotation"
    # the same representation has the same ETag; a client holding it gets 304
    again = seeded_client.get("/annotations/", headers={**LD, "If-None-Match": r.headers["etag"]})
    assert again.status_code == 304 and again.headers["etag"] == r.headers["etag"]
    head = seeded_client.head("/annotations/", headers=LD)
    assert head.status_code == 200 and head.headers["etag"] == r.headers["etag"] and not head.content
    assert seeded_client.options("/annotations/").headers["accept-post"] == PROFILE


def test_prefer_asks_for_iris_descriptions_or_a_minimal_container(seeded_client):
    ids = [seeded_client.post("/api/annotations", json={"article": FR, "paragraph": i, "body": f"n{i}"}).json()["id"] for i in (1, 2)]
    iris = seeded_client.get("/annotations/", headers={"Prefer": PREFER.format("ContainedIRIs")})
    assert iris.headers["preference-applied"] == "return=representation"
    assert sorted(iris.json()["first"]["items"]) == [f"{BASE}/annotations/{i}" for i in ids]
    assert "iris=1" in iris.json()["first"]["id"] and "iris=1" in iris.json()["last"]
    described = seeded_client.get("/annotations/", headers={"Prefer": PREFER.format("ContainedDescriptions")}).json()
    assert {a["id"] for a in described["first"]["items"]} == {f"{BASE}/annotations/{i}" for i in ids}
    minimal = seeded_client.get("/annotations/", headers={
        "Prefer": 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"'}).json()
    assert minimal["first"] == f"{BASE}/annotations/?page=0" and minimal["total"] == 2
    # the ETag differs between representations
    assert iris.headers["etag"] != seeded_client.get("/annotations/").headers["etag"]


def test_paging_walks_every_note_once_with_next_prev_and_start_index(seeded_client):
    made = {seeded_client.post("/api/annotations", json={"article": FR, "paragraph": i % 10, "body": f"n{i}"}).json()["id"]
            for i in range(7)}
    collection = seeded_client.get("/annotations/?limit=3").json()
    assert collection["last"] == f"{BASE}/annotations/?limit=3&page=2"
    seen, page, starts = [], collection["first"], []
    while True:
        assert page["partOf"]["id"] == f"{BASE}/annotations/?limit=3" and page["partOf"]["total"] == 7
        seen += [a["id"] for a in page["items"]]
        starts.append(page["startIndex"])
        if "next" not in page:
            break
        following = seeded_client.get(page["next"].removeprefix(BASE)).json()
        assert following["prev"] == page["id"]
        page = following
    assert starts == [0, 3, 6] and sorted(seen) == sorted(f"{BASE}/annotations/{i}" for i in made)
    assert "prev" not in collection["first"]
    assert seeded_client.get("/annotations/?limit=3&page=3").status_code == 404
    assert seeded_client.get("/annotations/?limit=501").status_code == 422
    assert seeded_client.get(f"/annotations/?article={FR}&tag=none").json()["total"] == 0


# --- content negotiation on a note's IRI ----------------------------------------------------------

def test_a_notes_iri_serves_json_ld_to_clients_and_the_passage_to_browsers(seeded_client):
    note = seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": "hello"}).json()["id"]
    ld = seeded_client.get(f"/annotations/{note}", headers=LD)
    assert ld.status_code == 200 and ld.headers["content-type"] == PROFILE
    assert ld.json()["@context"] == "http://www.w3.org/ns/anno.jsonld" and ld.json()["id"] == f"{BASE}/annotations/{note}"
    assert ld.headers["etag"] and '<http://www.w3.org/ns/ldp#Resource>; rel="type"' in ld.headers["link"]
    assert "Accept" in ld.headers["vary"]
    plain = seeded_client.get(f"/annotations/{note}", headers={"Accept": "application/json"})
    assert plain.headers["content-type"] == "application/json" and plain.json() == ld.json()
    assert plain.headers["etag"] == ld.headers["etag"]
    anything = seeded_client.get(f"/annotations/{note}", headers={"Accept": "*/*"})  # curl's default: JSON-LD
    assert anything.headers["content-type"] == PROFILE
    ldp_profile = seeded_client.get(f"/annotations/{note}", headers={"Accept": 'application/ld+json; profile="http://www.w3.org/ns/ldp.jsonld"'})
    assert ldp_profile.status_code == 200
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    r = seeded_client.get(f"/annotations/{note}", headers=browser, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/articles/{FR}?note={note}#note-{note}"
    assert r.headers["vary"] == "Accept"
    assert seeded_client.get(f"/annotations/{note}", headers={"Accept": "text/turtle"}).status_code == 406
    assert seeded_client.get(f"/annotations/{note}", headers={**LD, "If-None-Match": ld.headers["etag"]}).status_code == 304
    missing = seeded_client.get("/annotations/999999", headers=LD)
    assert missing.status_code == 404 and "detail" in missing.json()


def test_a_deleted_note_is_gone_for_clients_and_its_history_for_browsers(seeded_client):
    note = seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": "bye"}).json()["id"]
    seeded_client.delete(f"/api/annotations/{note}")
    gone = seeded_client.get(f"/annotations/{note}", headers=LD)
    assert gone.status_code == 410 and f"/annotations/{note}/history" in gone.json()["detail"]
    html = seeded_client.get(f"/annotations/{note}", headers={"Accept": "text/html"}, follow_redirects=False)
    assert html.headers["location"] == f"/annotations/{note}/history"


def test_without_a_login_the_protocol_answers_401_in_json(anonymous):
    for r in (anonymous.get("/annotations/", headers=LD), anonymous.get("/annotations/1", headers=LD),
              anonymous.post("/annotations/", json=_annotation(_quote("x")))):
        assert r.status_code == 401 and "detail" in r.json()
    assert anonymous.get("/annotations/1", headers={"Accept": "text/html"}, follow_redirects=False).status_code == 303


# --- create, update, delete -----------------------------------------------------------------------

def test_a_posted_annotation_anchors_like_a_note_made_in_the_reader(script, seeded_client):
    text = _texts(script)[1]
    typed = text[10:40].replace("’", "'")  # typed with a straight apostrophe, as clients often do
    r = script.post("/annotations/", json=_annotation(_quote(typed), id="http://elsewhere.example/a/1",
                                                      creator={"name": "someone else"}),
                    headers={"Content-Type": PROFILE})
    assert r.status_code == 201, r.text
    note_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert r.headers["location"] == f"{BASE}/annotations/{note_id}" and r.json()["id"] == r.headers["location"]
    assert r.headers["etag"] == script.get(r.headers["location"], headers=LD).headers["etag"]
    stored = script.get(f"/api/annotations/{note_id}").json()
    reader = seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": "reader",
                                                          "selector": {"exact": typed}}).json()
    assert stored["selector"] == reader["selector"] and stored["paragraph"] == reader["paragraph"] == 1
    assert stored["selector"]["exact"] == text[10:40]  # the text's own characters, not the typed ones
    assert (stored["author"], stored["body"], stored["tags"]) == ("scribe", "posted", ["w3c"])


@pytest.mark.parametrize("shape", ["fragment in the IRI", "fragment selector", "article-wide positions", "quote and position",
                                   "quote and a wrong position"])
def test_position_and_fragment_selectors_anchor(script, shape):
    texts = _texts(script)
    article = f"{BASE}/articles/{FR}"
    position = {"type": "TextPositionSelector", "start": 5, "end": 25}
    at = len(texts[0]) + 2 + len(texts[1]) + 2  # without a fragment, positions count over paragraphs joined by a blank line
    wide = {**position, "start": at + 5, "end": at + 25}
    quote = {"type": "TextQuoteSelector", "exact": texts[2][5:25], "prefix": texts[2][:5]}
    if shape == "fragment in the IRI":
        target = {"source": f"{article}#p-2", "selector": position}
    elif shape == "fragment selector":
        target = {"source": article, "selector": {"type": "FragmentSelector", "value": "p-2", "refinedBy": position}}
    elif shape == "article-wide positions":
        target = {"source": article, "selector": wide}
    elif shape == "quote and position":
        target = {"source": article, "selector": [quote, wide]}
    else:  # the quote is what counts, as in the reader
        target = {"source": article, "selector": [quote, position]}
    r = script.post("/annotations/", json=_annotation(target))
    assert r.status_code == 201, r.text
    note = script.get(f"/api/annotations/{r.headers['location'].rsplit('/', 1)[1]}").json()
    assert (note["paragraph"], note["selector"]["start"], note["selector"]["end"]) == (2, 5, 25)
    assert note["selector"]["exact"] == texts[2][5:25]


def test_a_paragraph_or_whole_article_target_and_body_value(script):
    r = script.post("/annotations/", json={"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
                                           "bodyValue": "on the article", "target": f"{BASE}/articles/{FR}"})
    note = script.get(f"/api/annotations/{r.headers['location'].rsplit('/', 1)[1]}").json()
    assert (note["paragraph"], note["selector"], note["body"]) == (None, None, "on the article")
    r = script.post("/annotations/", json=_annotation(f"{BASE}/articles/{FR}#p-3", motivation="tagging"))
    assert script.get(f"/api/annotations/{r.headers['location'].rsplit('/', 1)[1]}").json()["paragraph"] == 3


@pytest.mark.parametrize("document, said", [
    (_annotation(_quote("words that are in no article of the seeds")), "not found"),
    (_annotation(f"{BASE}/articles/{FR}#p-999"), "does not exist"),
    (_annotation(f"{BASE}/articles/nope"), "No article"),
    (_annotation("http://elsewhere.example/articles/x"), "not an article of this reading room"),
    (_annotation(f"{BASE}/compare"), "not an article"),
    (_annotation([f"{BASE}/articles/{FR}", f"{BASE}/articles/{FR}#p-1"]), "exactly one target"),
    (_annotation(None), "exactly one target"),
    ({**_annotation(f"{BASE}/articles/{FR}"), "type": "Note"}, '"type" must be "Annotation"'),
    ({**_annotation(f"{BASE}/articles/{FR}"), "body": "http://example.org/an-image.png"}, "Only textual bodies"),
    ({**_annotation(f"{BASE}/articles/{FR}"), "body": []}, "empty"),
    (_annotation({"source": f"{BASE}/articles/{FR}", "selector": {"type": "TextPositionSelector", "start": 9, "end": 2}}), "start"),
    (_annotation({"source": f"{BASE}/articles/{FR}", "selector": {"type": "TextPositionSelector", "start": 0, "end": 10**8}}), "one paragraph"),
    (_annotation({"source": f"{BASE}/articles/{FR}", "selector": {"type": "TextQuoteSelector"}}), "exact"),
    (_annotation(f"{BASE}/articles/{FR}#chapter-2"), "names no paragraph"),
    ([1, 2], "valid dictionary"),
])
def test_an_annotation_that_cannot_anchor_is_refused_with_a_reason(script, document, said):
    r = script.post("/annotations/", json=document)
    assert r.status_code == 422 and said in str(r.json()["detail"]), r.text
    assert script.get("/annotations/").json()["total"] == 0


def test_roles_a_viewer_cannot_post(seeded_client):
    viewer = _token_client(seeded_client, "vera", "viewer")
    assert viewer.get("/annotations/").status_code == 200
    assert viewer.post("/annotations/", json=_annotation(f"{BASE}/articles/{FR}")).status_code == 403


def test_put_needs_the_current_etag_and_replaces_the_note(script):
    texts = _texts(script)
    created = script.post("/annotations/", json=_annotation(_quote(texts[1][:30])))
    iri, etag = created.headers["location"].removeprefix(BASE), created.headers["etag"]
    changed = _annotation({"source": f"{BASE}/articles/{FR}#p-2", "selector": {"type": "TextQuoteSelector", "exact": texts[2][:20]}},
                          body="revised")
    missing = script.put(iri, json=changed)
    assert missing.status_code == 428 and etag in missing.json()["detail"]
    assert script.put(iri, json=changed, headers={"If-Match": '"not-the-etag"'}).status_code == 412
    assert script.put(iri, json=changed, headers={"If-Match": f"W/{etag}"}).status_code == 412  # weak never matches
    r = script.put(iri, json=changed, headers={"If-Match": etag})
    assert r.status_code == 200 and r.headers["etag"] != etag
    assert r.json()["body"][0]["value"] == "revised"
    note = script.get(f"/api/annotations/{iri.rsplit('/', 1)[1]}").json()
    assert (note["paragraph"], note["selector"]["exact"], note["body"]) == (2, texts[2][:20], "revised")
    history = script.get(f"/api/annotations/{note['id']}/history").json()["items"]
    assert history[0]["action"] == "edit" and "moved it from" in history[0]["summary"]
    assert script.put(iri, json=changed, headers={"If-Match": etag}).status_code == 412  # now stale
    other = _annotation(f"{BASE}/articles/{_other_article(script)}")
    assert script.put(iri, json=other, headers={"If-Match": r.headers["etag"]}).status_code == 422


def _other_article(client: TestClient) -> str:
    return next(a["slug"] for a in client.get("/api/articles").json()["items"] if a["slug"] != FR)


def test_only_the_author_may_put_or_delete(script, seeded_client):
    created = script.post("/annotations/", json=_annotation(f"{BASE}/articles/{FR}#p-1"))
    iri, etag = created.headers["location"].removeprefix(BASE), created.headers["etag"]
    other = _token_client(seeded_client, "otto", "analyst")
    assert other.put(iri, json=_annotation(f"{BASE}/articles/{FR}#p-1", body="mine now"), headers={"If-Match": etag}).status_code == 403
    assert other.delete(iri).status_code == 403
    admin = _token_client(seeded_client, "root", "admin")
    assert admin.delete(iri).status_code == 422  # an admin says why
    assert admin.delete(iri, params={"reason": "spam"}).status_code == 204


def test_delete_hides_and_history_keeps_it(script):
    created = script.post("/annotations/", json=_annotation(f"{BASE}/articles/{FR}#p-1"))
    iri, etag = created.headers["location"].removeprefix(BASE), created.headers["etag"]
    assert script.delete(iri, headers={"If-Match": '"stale"'}).status_code == 412
    r = script.delete(iri, headers={"If-Match": etag})
    assert r.status_code == 204 and not r.content
    assert script.get(iri, headers=LD).status_code == 410
    put = script.put(iri, json=_annotation(f"{BASE}/articles/{FR}#p-1"), headers={"If-Match": etag})
    assert put.status_code == 410 and "restore" in put.json()["detail"]  # gone, not missing: it can come back
    note_id = iri.rsplit("/", 1)[1]
    assert [h["action"] for h in script.get(f"/api/annotations/{note_id}/history").json()["items"]] == ["delete", "create"]
    assert script.post(f"/api/annotations/{note_id}/restore").status_code == 200
    assert script.get(iri, headers=LD).status_code == 200


def test_the_round_trip_with_a_token(script):
    """POST → GET by IRI → PUT with If-Match → DELETE, as the README's curl session."""
    posted = script.post("/annotations/", json=_annotation(_quote(_texts(script)[1][:30])), headers={"Content-Type": PROFILE})
    iri = posted.headers["location"]
    got = script.get(iri, headers=LD)
    assert got.json() == posted.json()
    document = {**got.json(), "body": {"type": "TextualBody", "value": "checked against two sources"}}
    put = script.put(iri, json=document, headers={"If-Match": got.headers["etag"], "Content-Type": PROFILE})
    assert put.status_code == 200 and put.json()["body"][0]["value"] == "checked against two sources"
    assert put.json()["target"] == got.json()["target"]  # the served target posts back to the same passage
    assert script.delete(iri, headers={"If-Match": put.headers["etag"]}).status_code == 204
    assert script.get(iri, headers=LD).status_code == 410


def test_a_sensible_slug_names_the_notes_iri(script):
    target = f"{BASE}/articles/{FR}#p-1"
    first = script.post("/annotations/", json=_annotation(target), headers={"Slug": "Coalition%C2%A0: qui dirig%C3%A9e ?"})
    assert first.status_code == 201 and first.headers["location"] == f"{BASE}/annotations/coalition-qui-dirigee"
    assert first.json()["id"] == first.headers["location"]
    again = script.post("/annotations/", json=_annotation(target), headers={"Slug": "coalition qui dirigee"})
    assert again.headers["location"] == f"{BASE}/annotations/coalition-qui-dirigee-2"  # taken: numbered
    for nonsense in ("42", "%C2%BF%3F", "   "):  # a number would read as another note's; nothing left is no name
        r = script.post("/annotations/", json=_annotation(target), headers={"Slug": nonsense})
        assert r.headers["location"].rsplit("/", 1)[1].isdigit(), nonsense
    iri = "/annotations/coalition-qui-dirigee"
    got = script.get(iri, headers=LD)
    assert got.status_code == 200 and got.json()["id"] == f"{BASE}{iri}"
    number = script.get("/api/annotations").json()["items"][0]["id"]
    listed = script.get("/annotations/", headers={"Prefer": PREFER.format("ContainedIRIs")}).json()["first"]["items"]
    assert f"{BASE}{iri}" in listed and f"{BASE}/annotations/{number}" not in listed
    put = script.put(iri, json=_annotation(target, body="renamed?"), headers={"If-Match": got.headers["etag"]})
    assert put.status_code == 200 and put.json()["id"] == f"{BASE}{iri}"
    assert script.delete(iri).status_code == 204 and script.get(iri, headers=LD).status_code == 410
    assert script.get("/annotations/no-such-note", headers=LD).status_code == 404


def test_contradictions_have_their_own_read_only_container(analysed_client):
    board = analysed_client.get("/api/contradictions").json()
    r = analysed_client.get("/contradictions/annotations/", headers=LD)
    assert r.status_code == 200 and r.headers["content-type"] == PROFILE and r.headers["allow"] == "GET, HEAD, OPTIONS"
    assert '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"' in r.headers["link"] and r.headers["etag"]
    doc = r.json()
    assert doc["total"] == board["total"] and doc["id"] == f"{BASE}/contradictions/annotations/"
    first = board["items"][0]
    served = doc["first"]["items"][0]
    assert served["id"] == f"{BASE}/contradictions/annotations/{first['id']}"  # strongest first, as the board
    quotes = [t["selector"][0]["refinedBy"]["exact"] for t in served["target"]]
    assert quotes == [p["text"] for p in first["claims"]]
    assert {"contradiction", first["status"]} <= {b["value"] for b in served["body"] if b["purpose"] == "tagging"}
    one = analysed_client.get(f"/contradictions/annotations/{first['id']}", headers=LD)
    assert one.json() == {"@context": "http://www.w3.org/ns/anno.jsonld", **served} and one.headers["etag"]
    page = analysed_client.get(f"/contradictions/annotations/{first['id']}", headers={"Accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == f"/contradictions/{first['id']}"
    assert analysed_client.post("/contradictions/annotations/", json={}).status_code == 405
    assert analysed_client.get("/contradictions/annotations/999999", headers=LD).status_code == 404
    only = analysed_client.get("/contradictions/annotations/?status=dismissed", headers=LD).json()
    assert only["total"] == analysed_client.get("/api/contradictions?status=dismissed").json()["total"]
