"""In a real browser: clicking an actor in one column marks it in the other, and the URL keeps it."""

from __future__ import annotations

FR, AR = "000_4a82fcdd0388497e", "003_68131c3598d7dd27"


def test_click_actor_in_french_marks_it_in_arabic(page, live_server, screenshot):
    page.goto(f"{live_server}/compare?articles={FR},{AR}")
    french, arabic = page.locator("section.column").nth(0), page.locator("section.column").nth(1)
    shared = page.evaluate(
        """() => {
            const cols = document.querySelectorAll('section.column');
            const ar = new Set([...cols[1].querySelectorAll('a.actor')].map(a => a.dataset.actor));
            const fr = [...cols[0].querySelectorAll('a.actor.kind-person')].find(a => ar.has(a.dataset.actor));
            return fr && fr.dataset.actor;
        }"""
    )
    assert shared, "some person should be highlighted in both columns"
    assert arabic.locator("a.actor.selected").count() == 0
    french.locator(f'a.actor[data-actor="{shared}"]').first.click()
    assert arabic.locator(f'a.actor.selected[data-actor="{shared}"]').count() >= 1
    assert french.locator("a.actor.selected").count() >= 1
    assert f"actor={shared}" in page.url
    screenshot(page, "compare-actor")
    page.reload()  # the shared URL shows the same selection, server-side
    assert arabic.locator(f'a.actor.selected[data-actor="{shared}"]').count() >= 1


def test_actor_page_and_legend(page, live_server, screenshot):
    page.goto(f"{live_server}/actors")
    page.locator("table.actors a.actor").first.click()
    page.wait_for_load_state()
    assert page.locator("svg.graph").count() == 1
    screenshot(page, "actor")
