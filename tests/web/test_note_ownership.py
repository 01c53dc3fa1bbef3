"""Whose note is it: an analyst edits and deletes their own notes only; an admin may hide anyone's,
saying why, and history records it (as Hypothesis: authors edit, moderators hide)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import log_in


def _second(client: TestClient, name: str, role: str) -> TestClient:
    return log_in(TestClient(client.app), name, role)


def _note(client: TestClient) -> dict:
    r = client.post("/api/annotations", json={"article": "000_4a82fcdd0388497e", "paragraph": 1,
                                              "body": "ana's reading"})
    assert r.status_code == 201, r.text
    return r.json()


def test_another_analyst_cannot_edit_or_delete_a_note(seeded_client):
    note = _note(seeded_client)
    bob = _second(seeded_client, "bob", "analyst")
    edit = bob.patch(f"/api/annotations/{note['id']}", json={"body": "bob was here"})
    delete = bob.delete(f"/api/annotations/{note['id']}")
    assert edit.status_code == delete.status_code == 403 and "Only ana" in edit.json()["detail"]
    form = bob.post(f"/annotations/{note['id']}/delete", follow_redirects=False)
    assert form.status_code == 403
    kept = seeded_client.get(f"/api/annotations/{note['id']}").json()
    assert kept["body"] == "ana's reading" and kept["author"] == "ana"
    # The author still may.
    assert seeded_client.patch(f"/api/annotations/{note['id']}", json={"body": "ana, revised"}).status_code == 200
    assert seeded_client.delete(f"/api/annotations/{note['id']}").status_code == 200


def test_an_admin_hides_anyones_note_with_a_reason_that_history_keeps(seeded_client):
    note = _note(seeded_client)
    root = _second(seeded_client, "root", "admin")
    assert root.patch(f"/api/annotations/{note['id']}", json={"body": "rewritten"}).status_code == 403
    silent = root.delete(f"/api/annotations/{note['id']}")
    assert silent.status_code == 422 and "Say why" in silent.json()["detail"]
    hidden = root.delete(f"/api/annotations/{note['id']}", params={"reason": "names a private source"})
    assert hidden.status_code == 200 and hidden.json()["deleted"]
    history = root.get(f"/api/annotations/{note['id']}/history").json()["items"]
    assert history[0]["author"] == "root" and "names a private source" in history[0]["summary"]
    assert seeded_client.get(f"/api/annotations/{note['id']}").status_code == 404


def test_the_reader_offers_edit_to_the_author_and_hide_to_an_admin_only(seeded_client):
    note = _note(seeded_client)
    page = f"/articles/000_4a82fcdd0388497e?note={note['id']}"
    assert f'action="/annotations/{note["id"]}/edit"' in seeded_client.get(page).text
    bob = _second(seeded_client, "bob", "analyst").get(page).text
    assert f'action="/annotations/{note["id"]}/edit"' not in bob and f'action="/annotations/{note["id"]}/delete"' not in bob
    root = _second(seeded_client, "root", "admin").get(page).text
    assert f'action="/annotations/{note["id"]}/edit"' not in root and 'name="reason"' in root
