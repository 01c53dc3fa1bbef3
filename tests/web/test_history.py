"""Versions of notes (history, restore), the activity feed and its Atom twin, note permalinks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.conftest import log_in

FR = "000_4a82fcdd0388497e"
BROWSER = {"Accept": "text/html"}  # a note's IRI sends browsers to the passage (clients get its JSON-LD)
ATOM = "{http://www.w3.org/2005/Atom}"


def _note(client, body="first", tags=("one",)):
    r = client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": body, "tags": list(tags)})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_history_shows_and_restores_a_deleted_note(seeded_client):
    note = _note(seeded_client)
    seeded_client.patch(f"/api/annotations/{note}", json={"body": "second", "tags": ["two"]})
    seeded_client.delete(f"/api/annotations/{note}")
    history = seeded_client.get(f"/api/annotations/{note}/history").json()["items"]
    assert [r["action"] for r in history] == ["delete", "edit", "create"]
    assert history[1]["before"]["body"] == "first" and history[1]["after"] == {"body": "second", "tags": ["two"], "deleted": False, "visibility": "team"}
    assert all(r["author"] == "ana" for r in history)

    page = seeded_client.get(f"/annotations/{note}/history")
    assert page.status_code == 200 and "Deleted" in page.text and "Restore this version" in page.text
    # the permalink of a deleted note opens its history
    assert seeded_client.get(f"/annotations/{note}", headers=BROWSER, follow_redirects=False).headers["location"] == f"/annotations/{note}/history"

    created = history[2]["id"]
    r = seeded_client.post(f"/annotations/{note}/revisions/{created}/restore", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith(f"?note={note}#note-{note}")
    restored = seeded_client.get(f"/api/annotations/{note}").json()
    assert (restored["body"], restored["tags"], restored["deleted"]) == ("first", ["one"], None)
    assert seeded_client.get(f"/api/annotations/{note}/history").json()["items"][0]["action"] == "revert"


def test_a_new_notes_revision_says_what_it_holds(seeded_client):
    """A new note's revision (written with it by plain inserts) summarises its text, or its tags when it has none."""
    quoted = seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": "worth checking", "tags": ["b", "a"],
                                                          "selector": {"exact": seeded_client.get(f"/api/articles/{FR}").json()["paragraphs"][1]["text"][:20]}}).json()
    tagged = _note(seeded_client, body="", tags=("zeta", "alpha"))
    first = seeded_client.get(f"/api/annotations/{quoted['id']}/history").json()["items"]
    assert [(r["action"], r["author"], r["after"]) for r in first] == [("create", "ana", {"body": "worth checking", "tags": ["a", "b"], "deleted": False, "visibility": "team"})]
    assert first[0]["summary"].startswith("wrote a note on “") and first[0]["summary"].endswith(": worth checking")
    assert seeded_client.get(f"/api/annotations/{tagged}/history").json()["items"][0]["summary"] == "wrote a note: alpha, zeta"


def test_restore_refuses_a_revision_of_another_note(seeded_client):
    a, b = _note(seeded_client, "a"), _note(seeded_client, "b")
    other = seeded_client.get(f"/api/annotations/{b}/history").json()["items"][0]["id"]
    assert seeded_client.post(f"/api/annotations/{a}/revisions/{other}/restore").status_code == 404
    assert seeded_client.get(f"/api/annotations/{a}").json()["body"] == "a"


def test_permalink_highlights_the_note(seeded_client):
    note = _note(seeded_client)
    location = seeded_client.get(f"/annotations/{note}", headers=BROWSER, follow_redirects=False).headers["location"]
    html = seeded_client.get(location).text
    assert f'class="note current" id="note-{note}"' in html


def test_activity_filters_by_person_and_kind(seeded_client, anonymous):
    _note(seeded_client, "by ana")
    bo = log_in(anonymous, "bo", "analyst")
    _note(bo, "by bo <b>bold</b>")
    everyone = bo.get("/api/activity").json()
    assert everyone["total"] == 2 and {i["author"] for i in everyone["items"]} == {"ana", "bo"}
    assert [i["author"] for i in bo.get("/api/activity?author=bo").json()["items"]] == ["bo"]
    assert bo.get("/api/activity?kind=actor").json()["total"] == 0
    assert bo.get("/api/activity?kind=nonsense").status_code == 422
    page = bo.get("/activity?author=bo")
    assert page.status_code == 200 and "by bo &lt;b&gt;bold&lt;/b&gt;" in page.text and "by ana" not in page.text


def test_activity_atom_feed_is_valid_xml_with_escaped_text(seeded_client):
    _note(seeded_client, "</title><script>x</script> & \x01control")
    r = seeded_client.get("/activity.atom")
    assert r.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(r.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1 and "<script>x</script> &" in entries[0].find(f"{ATOM}title").text
    assert entries[0].find(f"{ATOM}author/{ATOM}name").text == "ana"
    assert entries[0].find(f"{ATOM}link").get("href").startswith("http://testserver/annotations/")
