"""Small things a new analyst trips on: the site icon answers, and viewers are not offered forms
their role cannot use."""

from __future__ import annotations

from tests.conftest import log_in


def test_favicon_answers_without_a_login(anonymous):
    r = anonymous.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/")


def test_viewers_are_not_offered_to_create_contradictions(anonymous, settings):
    viewer = log_in(anonymous, "vic", "viewer")
    for path in ("/contradictions", "/claims"):
        page = viewer.get(path).text
        assert 'href="/contradictions/new"' not in page and "Create a contradiction from the ticked" not in page, path


def test_analysts_are(client):
    assert 'href="/contradictions/new"' in client.get("/contradictions").text
    assert 'href="/contradictions/new"' in client.get("/claims").text
