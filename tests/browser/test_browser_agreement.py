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


def test_claims_and_a_claims_reports_do_not_scroll_sideways_on_a_390px_phone(new_page, live_server):
    from tests.browser.conftest import log_in

    phone = new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    log_in(phone, live_server, "ana")
    phone.goto(f"{live_server}/claims?kind=statement")
    first = phone.get_by_role("link", name=re.compile("reported by")).first.get_attribute("href")
    for path in ("/claims?kind=statement", first):
        phone.goto(live_server + path)
        width = phone.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path} is {width[0]} px wide on a {width[1]} px screen"
