"""In a real browser: a statement several sources report, from the claims list to another report of it."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_from_a_claim_reported_by_several_sources_to_another_report(page, live_server, screenshot):
    page.goto(f"{live_server}/claims?kind=statement&speaker=Xi+Jinping&article=000_4a82fcdd0388497e")
    link = page.get_by_role("link", name="reported by 3 sources")
    expect(link).to_have_count(1)
    with page.expect_navigation():
        link.click()
    expect(page.locator("p.count")).to_contain_text("Reported by 3 sources")
    reports = page.locator("table.reports tbody tr")
    expect(reports).to_have_count(2)
    screenshot(page, "claim-reports")

    arabic = reports.filter(has=page.locator("td[lang=ar]"))
    with page.expect_navigation():
        arabic.locator("td[lang=ar] a").click()  # the translation's report of the same statement
    expect(page.locator("blockquote[lang=ar]")).to_be_visible()
    expect(page.locator("p.count")).to_contain_text("Reported by 3 sources")
    back = page.locator("table.reports a[href^='/articles/000_4a82fcdd0388497e#p-']")
    expect(back).to_have_count(1)
    with page.expect_navigation():
        back.click()  # to the French passage in the reader
    expect(page).to_have_url(re.compile(r"/articles/000_4a82fcdd0388497e#p-\d+$"))
