"""In a real browser: from a suggested contradiction to the compare view, then dismiss it with a note."""

from __future__ import annotations


def test_walk_from_contradiction_to_compare_and_dismiss(page, live_server, screenshot):
    page.goto(f"{live_server}/contradictions?kind=translation")
    page.locator("article.contradiction h2 a").first.click()
    page.wait_for_load_state()
    detail_url = page.url
    assert page.locator("mark.differs").count() >= 2
    screenshot(page, "contradiction")

    page.click("a.open-compare")
    page.wait_for_load_state()
    assert "/compare?" in page.url and "align=1" in page.url
    assert page.locator(".aligned-row").count() > 5
    directions = page.locator(".aligned-row.head section.column").evaluate_all("els => els.map(e => getComputedStyle(e).direction)")
    assert directions == ["ltr", "rtl"]
    screenshot(page, "compare-aligned")

    page.goto(detail_url)
    page.check("input[name=status][value=dismissed]")
    page.fill("textarea[name=note]", "Different words for one fuel")
    page.click(".decision button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".meta strong").inner_text() == "dismissed"
    assert "Different words for one fuel" in page.locator(".decision").inner_text()
