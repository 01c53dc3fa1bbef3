"""Two people in two browsers: an analyst writes, a viewer reads without edit controls, a
logged-out visitor is sent to log in; a deleted note comes back from its history."""

from __future__ import annotations

from tests.browser.conftest import log_in

FR = "000_4a82fcdd0388497e"


def _write_note(page, server: str, body: str) -> str:
    page.goto(f"{server}/articles/{FR}")
    page.select_option("#note-form select[name=paragraph]", index=2)
    page.fill("#note-form textarea[name=body]", body)
    page.fill("#note-form input[name=tags]", "team")
    page.click("#note-form button[type=submit]")
    page.wait_for_load_state()
    return page.locator(".note").first.get_attribute("id").removeprefix("note-")


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
    page.click(f"#note-{note} details.edit button[type=submit]")
    page.wait_for_load_state()
    page.click(f"#note-{note} button.danger")
    page.wait_for_load_state()
    assert page.locator(f"#note-{note}").count() == 0

    page.goto(f"{live_server}/activity?author=ana")
    assert page.locator("table.activity tbody tr").count() == 3  # wrote, edited, deleted
    page.click("table.activity tbody tr >> nth=0 >> text=history")
    page.wait_for_load_state()
    assert "Deleted" in page.locator("main").inner_text()
    screenshot(page, "note-history")
    # the oldest version ("First reading") is the last in the list
    page.locator(".revisions li").last.locator("button", has_text="Restore this version").click()
    page.wait_for_load_state()
    assert page.locator(f"#note-{note} .body").inner_text() == "First reading"
    assert "current" in page.locator(f"#note-{note}").get_attribute("class")
