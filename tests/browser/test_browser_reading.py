"""In a real browser: the library, the compare view's directions, and a note's whole life."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import select_text

FR, AR = "000_4a82fcdd0388497e", "003_68131c3598d7dd27"


def test_library_lists_the_seeds(page, live_server, screenshot):
    page.goto(live_server + "/")
    assert page.locator("table.articles tbody tr").count() == 5
    screenshot(page, "library")


def test_compare_view_arabic_column_is_right_to_left(page, live_server, screenshot):
    page.goto(f"{live_server}/compare?articles={FR},{AR}")
    columns = page.locator("section.column")
    assert columns.count() == 2
    directions = [columns.nth(i).evaluate("el => getComputedStyle(el).direction") for i in range(2)]
    assert directions == ["ltr", "rtl"]
    screenshot(page, "compare")


def test_compare_picker_adds_a_column(page, live_server):
    page.goto(f"{live_server}/compare?articles={FR},{AR}")
    page.select_option("select[name=articles]", "004_16cb77ffac9a1c94")
    page.click("form.picker button")
    page.wait_for_url(f"**/compare?articles={FR},{AR},004_16cb77ffac9a1c94")
    assert page.locator("section.column").count() == 3


def test_select_passage_note_with_tags_reload_delete_undo(page, live_server, screenshot):
    page.goto(f"{live_server}/articles/{FR}")
    quote = "164 personnes"
    select_text(page, ".reader", quote)  # as a reader would with the mouse
    assert page.input_value("#note-form input[name=exact]") == quote
    assert page.input_value("#note-form input[name=start]") != ""
    page.fill("#note-form textarea[name=body]", "Health ministry toll")
    page.fill("#note-form input[name=tags]", "Death toll, figures")
    with page.expect_navigation():  # the form posts, then redirects
        page.click("#note-form button[type=submit]")
    # Retrying assertions: a same-page navigation (the #fragment) may end the wait above before
    # the redirected page has loaded.
    expect(page.locator(".note .tag")).to_have_text(["death toll", "figures"])
    mark = page.locator("mark.note-mark")
    assert "".join(mark.all_inner_texts()) == quote  # one passage, maybe cut by nested highlights
    assert page.locator(".note .tag").all_inner_texts() == ["death toll", "figures"]
    screenshot(page, "reader")

    page.reload()
    assert "".join(page.locator("mark.note-mark").all_inner_texts()) == quote

    with page.expect_navigation():  # the form posts, then redirects
        page.click(".note button.danger")
    expect(page.locator("mark.note-mark")).to_have_count(0)
    with page.expect_navigation():  # the form posts, then redirects
        page.click(".flash button")  # Undo
    expect(page.locator(".note .tag")).to_have_count(2)
    assert "".join(page.locator("mark.note-mark").all_inner_texts()) == quote
