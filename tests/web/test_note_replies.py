"""Replies under a note (forms and JSON, ownership, history), a private note's thread, and both as
W3C Web Annotations (motivation `replying` targeting the note; `audience` for a private note)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from pyld import jsonld

from tests.conftest import log_in
from tests.web import w3c_assertions as w3c
from tests.web.test_jsonld import OPTIONS, _defined, _terms, _triples

FR = "000_4a82fcdd0388497e"
LD = {"Accept": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'}


def _note(client: TestClient, visibility: str = "team") -> dict:
    r = client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": "Which coalition?", "tags": ["to-check"],
                                              "visibility": visibility})
    assert r.status_code == 201, r.text
    return r.json()


def _other(client: TestClient, name: str = "bob", role: str = "analyst") -> TestClient:
    return log_in(TestClient(client.app), name, role)


def test_replies_in_json_thread_under_the_note_with_their_authors(seeded_client):
    note = _note(seeded_client)
    bob = _other(seeded_client)
    first = seeded_client.post(f"/api/annotations/{note['id']}/replies", json={"body": "The CSTO, says 001."})
    second = bob.post(f"/api/annotations/{note['id']}/replies", json={"body": "Agreed."})
    assert first.status_code == second.status_code == 201
    assert first.json()["reply_to"] == note["id"] and first.json()["author"] == "ana" and second.json()["author"] == "bob"
    thread = bob.get(f"/api/annotations/{note['id']}").json()["replies"]
    assert [(r["author"], r["body"]) for r in thread] == [("ana", "The CSTO, says 001."), ("bob", "Agreed.")]
    # a reply to a reply joins the note's thread; replies are not notes of the article nor counted as such
    third = seeded_client.post(f"/api/annotations/{second.json()['id']}/replies", json={"body": "Thanks."}).json()
    assert third["reply_to"] == note["id"]
    listed = seeded_client.get("/api/annotations", params={"article": FR}).json()
    assert [n["id"] for n in listed["items"]] == [note["id"]] and len(listed["items"][0]["replies"]) == 3
    assert seeded_client.get(f"/api/articles/{FR}").json()["note_count"] == 1


def test_only_its_author_edits_or_deletes_a_reply_and_history_keeps_it(seeded_client):
    note = _note(seeded_client)
    bob = _other(seeded_client)
    reply = bob.post(f"/api/annotations/{note['id']}/replies", json={"body": "First draft"}).json()
    assert seeded_client.patch(f"/api/annotations/{reply['id']}", json={"body": "ana's words"}).status_code == 403
    assert seeded_client.delete(f"/api/annotations/{reply['id']}").status_code == 403
    assert bob.patch(f"/api/annotations/{reply['id']}", json={"body": "Second draft"}).json()["body"] == "Second draft"
    assert bob.patch(f"/api/annotations/{reply['id']}", json={"tags": ["x"]}).status_code == 422
    assert bob.delete(f"/api/annotations/{reply['id']}").status_code == 200
    assert seeded_client.get(f"/api/annotations/{note['id']}").json()["replies"] == []
    history = bob.get(f"/api/annotations/{reply['id']}/history").json()["items"]
    assert [r["action"] for r in history] == ["delete", "edit", "reply"]
    assert history[1]["before"]["body"] == "First draft" and history[2]["summary"].startswith("replied to")
    assert bob.post(f"/api/annotations/{reply['id']}/restore").status_code == 200
    assert [r["body"] for r in bob.get(f"/api/annotations/{note['id']}").json()["replies"]] == ["Second draft"]


def test_bad_replies_get_clear_4xx(seeded_client):
    note = _note(seeded_client)
    assert seeded_client.post(f"/api/annotations/{note['id']}/replies", json={"body": "  "}).status_code == 422
    assert seeded_client.post("/api/annotations/999999/replies", json={"body": "x"}).status_code == 404
    viewer = _other(seeded_client, "vera", "viewer")
    assert viewer.post(f"/api/annotations/{note['id']}/replies", json={"body": "x"}).status_code == 403
    seeded_client.delete(f"/api/annotations/{note['id']}")
    assert seeded_client.post(f"/api/annotations/{note['id']}/replies", json={"body": "x"}).status_code == 404


def test_reply_forms_work_without_javascript(seeded_client):
    note = _note(seeded_client)
    page = seeded_client.get(f"/articles/{FR}").text
    form = re.search(rf'<form method="post" action="/annotations/{note["id"]}/replies"[^>]*>(.*?)</form>', page, re.DOTALL)
    assert form and 'name="csrftoken"' in form.group(1) and 'name="body"' in form.group(1)
    token = re.search(r'name="csrftoken" value="([^"]+)"', form.group(1)).group(1)
    plain = TestClient(seeded_client.app, cookies=seeded_client.cookies)  # a browser: the CSRF token in the form only
    r = plain.post(f"/annotations/{note['id']}/replies", data={"body": "A reply <b>typed</b>", "csrftoken": token},
                   follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(f"/articles/{FR}?note={note['id']}#note-")
    assert plain.post(f"/annotations/{note['id']}/replies", data={"body": "forged"}, follow_redirects=False).status_code == 403
    reply = seeded_client.get(f"/api/annotations/{note['id']}").json()["replies"][0]
    page = seeded_client.get(f"/articles/{FR}").text
    assert "A reply &lt;b&gt;typed&lt;/b&gt;" in page and f'id="note-{reply["id"]}"' in page
    assert f'action="/annotations/{reply["id"]}/edit"' in page and f'action="/annotations/{reply["id"]}/delete"' in page
    edited = plain.post(f"/annotations/{reply['id']}/edit", data={"body": "Edited reply", "reply": "1", "csrftoken": token},
                        follow_redirects=False)
    assert edited.status_code == 303
    assert seeded_client.get(f"/api/annotations/{reply['id']}").json()["body"] == "Edited reply"
    bob_page = _other(seeded_client).get(f"/articles/{FR}").text
    assert "Edited reply" in bob_page and f'action="/annotations/{reply["id"]}/edit"' not in bob_page  # not bob's to edit
    assert plain.post(f"/annotations/{reply['id']}/delete", data={"csrftoken": token}, follow_redirects=False).status_code == 303
    assert "Edited reply" not in seeded_client.get(f"/articles/{FR}").text


def test_private_checkbox_on_the_note_forms(seeded_client):
    page = seeded_client.get(f"/articles/{FR}").text
    assert 'name="private"' in page and "Private (only me)" in page
    seeded_client.post(f"/articles/{FR}/annotations", data={"paragraph": "1", "body": "mine alone", "private": "1"})
    note = seeded_client.get("/api/annotations").json()["items"][0]
    assert note["visibility"] == "private" and "mine alone" in seeded_client.get(f"/articles/{FR}").text
    assert "mine alone" not in _other(seeded_client).get(f"/articles/{FR}").text
    seeded_client.post(f"/annotations/{note['id']}/edit", data={"body": "now shared", "tags": ""})  # box unticked
    assert seeded_client.get(f"/api/annotations/{note['id']}").json()["visibility"] == "team"
    assert "now shared" in _other(seeded_client, "carl").get(f"/articles/{FR}").text


def test_a_private_thread_is_its_authors_alone(seeded_client):
    note = _note(seeded_client, "private")
    reply = seeded_client.post(f"/api/annotations/{note['id']}/replies", json={"body": "note to self"}).json()
    assert reply["visibility"] == "private"
    bob = _other(seeded_client)
    assert bob.post(f"/api/annotations/{note['id']}/replies", json={"body": "hello?"}).status_code == 404
    assert bob.get(f"/api/annotations/{reply['id']}").status_code == 404
    # made team, the thread follows; made private again once bob replied: refused, his reply would vanish for him
    assert seeded_client.patch(f"/api/annotations/{note['id']}", json={"visibility": "team"}).json()["visibility"] == "team"
    assert bob.get(f"/api/annotations/{reply['id']}").json()["visibility"] == "team"
    bob.post(f"/api/annotations/{note['id']}/replies", json={"body": "now I can"}).raise_for_status()
    refused = seeded_client.patch(f"/api/annotations/{note['id']}", json={"visibility": "private"})
    assert refused.status_code == 422 and "replied" in refused.json()["detail"]
    assert seeded_client.patch(f"/api/annotations/{note['id']}", json={"visibility": "secret"}).status_code == 422


def test_replies_and_private_notes_as_web_annotations(seeded_client):
    note = _note(seeded_client)
    reply = seeded_client.post(f"/api/annotations/{note['id']}/replies", json={"body": "The CSTO."}).json()
    private = _note(seeded_client, "private")
    base = "http://testserver"
    served = seeded_client.get(f"/annotations/{reply['id']}", headers=LD).json()
    assert served["motivation"] == "replying" and served["target"] == f"{base}/annotations/{note['id']}"
    assert served["body"][0]["value"] == "The CSTO." and "audience" not in served
    assert seeded_client.get(f"/annotations/{private['id']}", headers=LD).json()["audience"] == {"type": "Audience", "name": "private"}
    container = seeded_client.get("/annotations/?page=0", headers=LD).json()
    assert {a["id"] for a in container["items"]} == {f"{base}/annotations/{i}" for i in (note["id"], reply["id"], private["id"])}
    documents = [served, seeded_client.get(f"/annotations/{private['id']}", headers=LD).json(), container,
                 seeded_client.get("/api/annotations.jsonld", headers=LD).json()]
    assert [f for d in documents[:2] for f in w3c.annotation_failures(d)] == []
    assert w3c.page_failures(container) == [] and w3c.collection_failures(documents[3]) == []
    for doc in documents:  # no term the context does not define: every triple survives JSON-LD processing
        assert not _terms(doc) - _defined(doc)
        assert _triples(jsonld.compact(jsonld.expand(doc, OPTIONS), doc["@context"], OPTIONS)) == _triples(doc)
    assert seeded_client.put(f"/annotations/{reply['id']}", json=served,
                             headers={"If-Match": seeded_client.head(f"/annotations/{reply['id']}").headers["etag"]}).status_code == 422
    csv = seeded_client.get("/api/annotations.csv").text.splitlines()
    assert csv[0].endswith(",visibility,reply_to") and any(line.endswith(f",team,{note['id']}") for line in csv)


def test_a_w3c_client_posts_a_private_note_with_its_audience(seeded_client):
    document = {"@context": w3c.ANNO_CONTEXT, "type": "Annotation", "audience": {"type": "Audience", "name": "private"},
                "body": {"type": "TextualBody", "value": "draft thought"},
                "target": {"source": f"http://testserver/articles/{FR}#p-1", "selector": {"type": "TextQuoteSelector",
                                                                                      "exact": "Kazakhstan"}}}
    r = seeded_client.post("/annotations/", json=document, headers={"Content-Type": LD["Accept"]})
    assert r.status_code == 201, r.text
    assert r.json()["audience"] == {"type": "Audience", "name": "private"}
    assert _other(seeded_client).get(r.headers["location"], headers=LD).status_code == 404


def test_a_deleted_note_takes_its_thread_out_of_the_exports(seeded_client):
    note = _note(seeded_client)
    reply = seeded_client.post(f"/api/annotations/{note['id']}/replies", json={"body": "Orphan to be"}).json()
    assert f"/annotations/{reply['id']}" in seeded_client.get("/annotations/?page=0", headers=LD).text
    seeded_client.delete(f"/api/annotations/{note['id']}")
    assert f"/annotations/{reply['id']}" not in seeded_client.get("/annotations/?page=0", headers=LD).text
    assert "Orphan to be" not in seeded_client.get("/api/annotations.csv").text
    seeded_client.post(f"/api/annotations/{note['id']}/restore")
    assert "Orphan to be" in seeded_client.get("/api/annotations.csv").text
