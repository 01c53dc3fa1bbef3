"""Admins ingest through the upload form: a file or pasted text with metadata, with the command line's checks."""

from __future__ import annotations

import time

import pytest


from tests.conftest import log_in

STORY = ("Storm closes the port of Valmer\n\nBy a staff reporter\n\n"
         "The port authority said on Monday that at least 12 ships were held at anchor after the storm.\n\n"
         "Officials expect the port to reopen on Wednesday if the wind drops, and fishermen were told to stay "
         "ashore until the harbour master lifts the warning for the whole coast.\n")


@pytest.fixture
def admin(anonymous):
    return log_in(anonymous, "root", "admin")


def wait_for_the_queue(client, seconds: float = 120) -> dict:
    """The analysis queue's status once nothing is queued or running (the models take seconds to load)."""
    deadline = time.monotonic() + seconds
    while (status := client.get("/api/jobs").json())["progress"] is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    return status


def test_admin_uploads_a_file_and_it_is_analysed(admin):
    r = admin.post("/ingest/upload", files={"file": ("storm.txt", STORY.encode(), "text/plain")},
                   data={"outlet": "Valmer Post", "published": "2024-03-04"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    article = admin.get("/api" + r.headers["location"]).json()
    assert (article["outlet"], article["published"]) == ("Valmer Post", "2024-03-04")
    wait_for_the_queue(admin)  # analysed by the server's own thread (inline analysis, the SQLite default)
    assert any(c["value"] == 12 for c in admin.get(f"/api/claims?article={article['slug']}").json()["items"])
    assert "Waiting for analysis" not in admin.get("/ingest/upload").text
    assert admin.get("/api/ingest/events").json()["items"][0]["source_file"] == "storm.txt"


def test_pasted_text_with_metadata_and_a_hostile_name(admin):
    r = admin.post("/ingest/upload", data={"text": STORY, "name": "../../etc/passwd", "title": "Port closed", "language": "en"},
                   follow_redirects=False)
    assert r.status_code == 303
    article = admin.get("/api" + r.headers["location"]).json()
    assert article["title"] == "Port closed" and article["source_file"] == "passwd.txt"


@pytest.mark.parametrize(("files", "data", "message"), [
    (None, {}, "Choose a file or paste"),
    ({"file": ("x.txt", b"", "text/plain")}, {}, "empty"),
    ({"file": ("x.txt", b"\x00\x01\x02\xff" * 100, "application/octet-stream")}, {}, "rejected"),
    (None, {"text": STORY, "published": "last week"}, "YYYY-MM-DD"),
    (None, {"text": STORY, "url": "javascript:alert(1)"}, "must start with http"),
])
def test_bad_uploads_say_why_and_store_nothing(admin, files, data, message):
    r = admin.post("/ingest/upload", files=files, data=data)
    assert r.status_code == 422 and message in r.text
    assert admin.get("/api/articles").json()["total"] == 0


def test_duplicate_and_oversized_uploads_are_refused(admin):
    admin.post("/ingest/upload", files={"file": ("a.txt", STORY.encode(), "text/plain")})
    twin = admin.post("/ingest/upload", files={"file": ("b.txt", STORY.encode(), "text/plain")})
    assert twin.status_code == 422 and "same content as a.txt" in twin.text
    limit = admin.app.state.settings.max_file_bytes
    huge = admin.post("/ingest/upload", files={"file": ("huge.txt", b"word " * (3 * limit // 5), "text/plain")})
    assert huge.status_code == 413 and "limit" in huge.text
    assert f"the file is {3 * limit / 1e6:.1f} MB" in huge.text  # its true size, not the limit
    assert admin.get("/api/articles").json()["total"] == 1


def test_only_admins_upload(client):
    assert client.get("/ingest/upload").status_code == 403
    assert client.post("/ingest/upload", data={"text": STORY}).status_code == 403
    assert client.get("/api/articles").json()["total"] == 0


def test_two_different_pastes_without_a_name_are_two_articles(admin):
    other = STORY.replace("12 ships", "15 ships").replace("Valmer", "Ostra")
    for text in (STORY, other, STORY):
        assert admin.post("/ingest/upload", data={"text": text}, follow_redirects=False).status_code == 303
    assert admin.get("/api/articles").json()["total"] == 2  # the repeat is recognised, not added again


def test_a_paste_larger_than_a_megabyte_is_accepted(admin, monkeypatch):
    """Up to the file limit: Starlette alone stops form fields at 1 MB."""
    admin.app.state.inline_analysis.stop()  # the form is what is tested, not the analysis of 20,000 paragraphs
    filler = "\n\n".join(f"Paragraph {i} repeats what the harbour master told reporters." for i in range(20_000))
    text = STORY + "\n\n" + filler
    assert 1_000_000 < len(text.encode()) < admin.app.state.settings.max_file_bytes
    r = admin.post("/ingest/upload", data={"text": text, "name": "long.txt", "language": "en"}, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
