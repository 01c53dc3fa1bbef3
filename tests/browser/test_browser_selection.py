"""In Chromium: annotating from a selection. The floating "Note" opens the form under the passage
(no trip to the page's end); "Contradiction…" keeps a passage until the other one is selected; a
drag that starts on an actor name selects text instead of following the link."""

from __future__ import annotations

from tests.browser.conftest import select_text

FR, AR = "000_4a82fcdd0388497e", "003_68131c3598d7dd27"




def select(page, scope, quote):  # type: ignore[no-untyped-def]
    select_text(page, scope, quote)
    page.wait_for_selector(".selection-actions")


def test_note_from_a_selection_opens_beside_it_and_saves(page, live_server):
    page.goto(f"{live_server}/articles/{FR}")
    quote = "prix de l’essence"
    select(page, ".reader", quote)
    before = page.evaluate("window.scrollY")
    page.click(".selection-actions >> text=Note")
    box = page.locator("#note-form textarea[name=body]")
    assert box.is_visible() and box.evaluate("el => el === document.activeElement")
    top = box.evaluate("el => el.getBoundingClientRect().top")
    assert 0 < top < page.viewport_size["height"], top  # in view, under the passage
    assert abs(page.evaluate("window.scrollY") - before) < 300
    assert page.input_value("#note-form input[name=exact]") == quote
    box.fill("Petrol here, gas in the Arabic version")
    page.click("#note-form button[type=submit]")
    page.wait_for_selector(".flash")
    assert "".join(page.locator("mark.note-mark").all_inner_texts()) == quote


def test_note_from_a_compare_column_returns_to_compare(page, live_server):
    page.goto(f"{live_server}/compare?articles={FR},{AR}&align=1")
    select(page, f'.cell[data-slug="{AR}"]', "أسعار الغاز")
    page.click(".selection-actions >> text=Note")
    form = page.locator(".floating-note form")
    assert form.locator("textarea").is_visible()
    form.locator("textarea").fill("gas, not petrol")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".flash")
    assert "/compare?" in page.url
    assert page.locator(f'.cell[data-slug="{AR}"] mark.note-mark').count() >= 1


def test_contradiction_from_two_selections(page, live_server):
    page.goto(f"{live_server}/compare?articles={FR},{AR}&align=1")
    select(page, f'.cell[data-slug="{FR}"]', "Environ 164 personnes")
    page.click(".selection-actions >> text=Contradiction…")
    assert page.locator(".kept-passage").is_visible()
    select(page, f'.cell[data-slug="{AR}"]', "حوالي 164")
    page.click(".selection-actions >> text=Contradiction with the kept passage")
    page.wait_for_url("**/contradictions/new?**")
    assert page.input_value("input[name=exact_a]") == "Environ 164 personnes"
    assert page.input_value("input[name=exact_b]") == "حوالي 164"
    page.fill("input[name=reason]", "same toll, checked")
    page.click("form.new-contradiction button[type=submit]")
    page.wait_for_url("**/contradictions/*")
    assert "Contradiction created" in page.content()


def test_dragging_from_an_actor_name_selects_text_and_stays(page, live_server):
    page.goto(f"{live_server}/articles/{FR}")
    link = page.locator(".reader .ptext a.actor").nth(3)
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    url = page.url
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] + 60, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    page.wait_for_selector(".selection-actions")
    assert page.url == url
    assert page.evaluate("window.getSelection().toString()").startswith(link.inner_text()[:3])
