"""In a real browser: from the list of stories to a story, compare two of its articles, rename it."""

from __future__ import annotations


def test_walk_from_stories_to_compare_and_rename(page, live_server, screenshot):
    page.goto(f"{live_server}/stories")
    assert page.locator("table.stories tbody tr").count() == 1  # the seeds tell one story
    page.locator("table.stories tbody a").first.click()
    page.wait_for_load_state()
    story_url = page.url
    assert page.locator("ol.timeline li").count() == 5
    assert page.locator("#contradictions ~ ul.contradictions li a").count() >= 4
    screenshot(page, "story")

    page.locator("ol.timeline").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "/compare?" in page.url and page.locator("section.column").count() == 2

    page.goto(story_url)
    page.fill("form[action$='/rename'] input[name=title]", "Kazakhstan, January: China and Russia")
    page.click("form[action$='/rename'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Kazakhstan, January: China and Russia"
    assert "rename" in page.locator("ul.history").inner_text()
    page.goto(f"{live_server}/?group=story")
    assert page.locator("tr.story-group").inner_text().startswith("Kazakhstan, January")


def test_story_pages_do_not_scroll_sideways_on_a_390px_phone(new_page, live_server, screenshot):
    from tests.browser.conftest import log_in
    phone = new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    log_in(phone, live_server, "ana")
    phone.goto(f"{live_server}/stories")
    story = phone.locator("table.stories tbody a").first.get_attribute("href")
    for name, path in {"stories": "/stories", "story": story, "library-by-story": "/?group=story"}.items():
        phone.goto(live_server + path)
        width = phone.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{name} is {width[0]} px wide on a {width[1]} px screen"
        screenshot(phone, f"phone-{name}")
