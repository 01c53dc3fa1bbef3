"""Two people in two browsers: an analyst writes, a viewer reads without edit controls, a
logged-out visitor is sent to log in; a deleted note comes back from its history; a private note
stays out of a colleague's view, and a colleague replies under a team note."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from tests.browser.conftest import log_in, seeded_app, serving
from tests.conftest import make_user

FR = "000_4a82fcdd0388497e"


def _write_note(page, server: str, body: str) -> str:
    page.goto(f"{server}/articles/{FR}")
    page.select_option("#note-form select[name=paragraph]", index=2)
    page.fill("#note-form textarea[name=body]", body)
    page.fill("#note-form input[name=tags]", "team")
    with page.expect_navigation():  # the form posts, then redirects
        page.click("#note-form button[type=submit]")
    written = page.locator(".note", has_text=body).first
    expect(written).to_be_visible()  # retried: the wait above may end on the #fragment, before the page
    return written.get_attribute("id").removeprefix("note-")


def test_analyst_writes_viewer_reads_stranger_is_refused(page, new_page, live_server, screenshot):
    note = _write_note(page, live_server, "Casualty figures differ by source")

    viewer = new_page()
    log_in(viewer, live_server, "vic")
    viewer.goto(f"{live_server}/annotations/{note}")  # the permalink a colleague sent
    card = viewer.locator(f"#note-{note}")
    assert "current" in card.get_attribute("class")
    assert card.locator(".author").inner_text() == "ana"
    assert card.locator("details.edit, button.danger").count() == 0  # no edit or delete for a viewer
    assert viewer.locator("#note-form").count() == 0
    assert "(viewer)" in viewer.locator(".account").inner_text()
    screenshot(viewer, "viewer-reader")

    stranger = new_page()
    response = stranger.goto(f"{live_server}/articles/{FR}")
    assert stranger.url.startswith(f"{live_server}/login?next=") and response.ok
    assert "Casualty figures" not in stranger.content()
    api = stranger.request.get(f"{live_server}/api/annotations")
    assert api.status == 401


def test_deleted_note_restored_from_its_history(page, live_server, screenshot):
    note = _write_note(page, live_server, "First reading")
    page.locator(f"#note-{note} details.edit summary").click()
    page.fill(f"#note-{note} textarea[name=body]", "Second reading")
    with page.expect_navigation():  # the form posts, then redirects
        page.click(f"#note-{note} details.edit button[type=submit]")
    with page.expect_navigation():  # the form posts, then redirects
        page.click(f"#note-{note} button.danger")
    assert page.locator(f"#note-{note}").count() == 0

    page.goto(f"{live_server}/activity?author=ana")
    assert page.locator("table.activity tbody tr").count() == 3  # wrote, edited, deleted
    page.click("table.activity tbody tr >> nth=0 >> text=history")
    page.wait_for_load_state()
    assert "Deleted" in page.locator("main").inner_text()
    screenshot(page, "note-history")
    # the oldest version ("First reading") is the last in the list
    with page.expect_navigation():  # the form posts, then redirects
        page.locator(".revisions li").last.locator("button", has_text="Restore this version").click()
    assert page.locator(f"#note-{note} .body").inner_text() == "First reading"
    assert "current" in page.locator(f"#note-{note}").get_attribute("class")


@pytest.fixture
def team_server(tmp_path):  # type: ignore[no-untyped-def]
    """The seeds served, with ana, vic and a second analyst, bob."""
    app = seeded_app(tmp_path)
    with Session(app.state.engine) as session:
        make_user(session, "bob", "analyst")
    with serving(app) as url:
        yield url


def test_private_note_unseen_by_a_colleague_and_a_reply_thread(new_page, team_server, screenshot):
    ana = new_page()
    log_in(ana, team_server, "ana")
    ana.goto(f"{team_server}/articles/{FR}")
    ana.select_option("#note-form select[name=paragraph]", index=2)
    ana.fill("#note-form textarea[name=body]", "My own hunch, not for the team yet")
    ana.check("#note-form input[name=private]")
    with ana.expect_navigation():  # the form posts, then redirects
        ana.click("#note-form button[type=submit]")
    expect(ana.locator(".note.private")).to_have_count(1)
    private = ana.locator(".note.private").first.get_attribute("id").removeprefix("note-")
    assert "only you see" in ana.locator(f"#note-{private} .visibility").inner_text()
    _write_note(ana, team_server, "Casualty figures differ by source")
    team = ana.locator(".note", has_text="Casualty figures").get_attribute("id").removeprefix("note-")

    bob = new_page()
    log_in(bob, team_server, "bob")
    bob.goto(f"{team_server}/articles/{FR}")
    assert "My own hunch" not in bob.content() and bob.locator(f"#note-{private}").count() == 0
    assert bob.goto(f"{team_server}/annotations/{private}").status == 404
    bob.goto(f"{team_server}/articles/{FR}")
    bob.locator(f"#thread-{team} .reply-box summary").click()  # the reply form opens under the note
    bob.fill(f"#thread-{team} textarea[name=body]", "001 gives a lower toll")
    with bob.expect_navigation():  # the form posts, then redirects
        bob.click(f"#thread-{team} .reply-form button[type=submit]")
    expect(bob.locator(f"#thread-{team} .reply")).to_have_count(1)
    assert bob.locator(f"#thread-{team} .reply .body").inner_text() == "001 gives a lower toll"

    ana.goto(f"{team_server}/articles/{FR}")
    reply = ana.locator(f"#thread-{team} .reply")
    assert reply.locator(".author").inner_text() == "bob" and reply.locator("details.edit").count() == 0  # not ana's
    screenshot(ana, "reply-thread")
