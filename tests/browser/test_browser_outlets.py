"""In a real browser: from an article to naming its outlet, then from the reader's outlet line to
the outlet's page, marking it as state media and reading that in its history."""

from __future__ import annotations

from playwright.sync_api import expect

ARTICLE = "001_34c4f48a28539114"  # the seed article whose outlet line names a web host


def test_walk_from_the_reader_to_the_outlet_and_mark_it_state_media(page, live_server, screenshot):
    page.goto(f"{live_server}/articles/{ARTICLE}")
    line = page.locator("p.outlet-line")
    expect(line).to_contain_text("not a known outlet yet")
    with page.expect_navigation():
        line.get_by_role("link", name="name it").click()
    form = page.locator("ul.unknown-outlets li", has_text="french.china.org.cn").locator("form[action='/outlets']")
    form.locator("input[name=name]").fill("China.org.cn")
    form.locator("input[name=country]").fill("CN")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("China.org.cn")
    expect(page.locator("ul.outlet-articles li")).to_have_count(1)

    page.goto(f"{live_server}/articles/{ARTICLE}")
    with page.expect_navigation():
        page.locator("p.outlet-line a", has_text="China.org.cn").click()
    expect(page).to_have_url(f"{live_server}/outlets/china-org-cn")
    expect(page.locator("p.outlet-facts")).to_contain_text("not marked as state media")
    edit = page.locator("form.outlet-edit")
    edit.locator("input[name=state_media]").check()
    edit.locator("input[name=state_media_note]").fill("Run by a state information office.")
    with page.expect_navigation():
        edit.locator("button[type=submit]").click()
    expect(page.locator("p.outlet-facts .state-media")).to_have_text("state media")
    expect(page.locator("p.state-media-note")).to_have_text("Run by a state information office.")
    expect(page.locator("ul.history li").first).to_contain_text("marked as state media")
    expect(page.locator("ul.history li").first).to_contain_text("ana")
    screenshot(page, "outlet")

    page.goto(f"{live_server}/articles/{ARTICLE}")
    expect(page.locator("p.outlet-line .state-media")).to_have_text("state media")


def test_outlet_pages_do_not_scroll_sideways_on_a_390px_phone(new_page, live_server, screenshot):
    from tests.browser.conftest import log_in
    phone = new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    log_in(phone, live_server, "ana")
    phone.goto(f"{live_server}/outlets")
    with phone.expect_navigation():  # an outlet with an article, its speakers, labels and figures
        phone.locator("ul.unknown-outlets form[action='/outlets'] button[type=submit]").first.click()
    outlet = phone.url.removeprefix(live_server)
    for name, path in {"outlets": "/outlets", "outlet": outlet, "reader-outlet": f"/articles/{ARTICLE}"}.items():
        phone.goto(live_server + path)
        width = phone.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{name} is {width[0]} px wide on a {width[1]} px screen"
        screenshot(phone, f"phone-{name}")
