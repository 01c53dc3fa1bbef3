"""In Chromium: disagreements shown where analysts read (reader, aligned compare), and the
reading pages on a 390 px phone screen."""

from __future__ import annotations

FR, AR, RU = "000_4a82fcdd0388497e", "003_68131c3598d7dd27", "004_16cb77ffac9a1c94"


def translation_id(page, server):  # type: ignore[no-untyped-def]
    items = page.request.get(f"{server}/api/contradictions?kind=translation").json()["items"]
    return next(c["id"] for c in items if {p["article"] for p in c["claims"]} == {FR, AR})


def marked_text(page, slug, contradiction):  # type: ignore[no-untyped-def]
    cells = page.locator(f'.cell[data-slug="{slug}"] .contra.selected[data-contradictions~="{contradiction}"]')
    return "".join(cells.all_inner_texts())


def test_petrol_and_gas_marked_in_both_aligned_columns(page, live_server, screenshot):
    cid = translation_id(page, live_server)
    page.goto(f"{live_server}/compare?articles={FR},{AR}&align=1&contradiction={cid}")
    fr, ar = marked_text(page, FR, cid), marked_text(page, AR, cid)
    assert fr and fr in "prix de l’essence", fr
    assert ar and ar in "أسعار الغاز", ar
    # Both sides sit in one aligned row, each with a marker linking to the contradiction.
    row = page.locator(".aligned-row", has=page.locator(f'.contra[data-contradictions~="{cid}"]'))
    assert row.count() == 1 and row.locator(f'a[href="/contradictions/{cid}"]').count() == 2
    screenshot(page, "compare-contradiction")

    # Without the URL parameter, clicking one side marks the other and puts it in the URL.
    page.goto(f"{live_server}/compare?articles={FR},{AR}&align=1")
    assert marked_text(page, AR, cid) == ""
    page.locator(f'.cell[data-slug="{FR}"] .contra[data-contradictions~="{cid}"]').first.click()
    assert marked_text(page, AR, cid) in "أسعار الغاز" and marked_text(page, AR, cid)
    assert f"contradiction={cid}" in page.url


def test_death_tolls_marked_in_the_french_readers(page, live_server):
    for slug, toll in ((FR, "164"), (RU, "dizaines")):  # "about 164 killed" against "tens"
        page.goto(f"{live_server}/articles/{slug}")
        numeric = page.locator(".reader .ptext .contra-numeric")
        assert toll in " ".join(numeric.all_inner_texts()), slug
        assert page.locator(".contra-marker.contra-numeric a[href^='/contradictions/']").count() >= 1
    page.goto(f"{live_server}/articles/{FR}?contradictions=off")
    assert page.locator(".reader .ptext .contra").count() == 0


def test_no_sideways_scroll_on_a_390px_phone(new_page, live_server, screenshot):
    from tests.browser.conftest import log_in
    context_page = new_page()
    context_page.set_viewport_size({"width": 390, "height": 844})
    log_in(context_page, live_server, "ana")
    pages = {"library": "/", "reader": f"/articles/{FR}", "compare": f"/compare?articles={FR},{AR}",
             "aligned": f"/compare?articles={FR},{AR}&align=1", "actors": "/actors", "claims": "/claims?metric=killed",
             "board": "/contradictions", "search": "/search?q=Tokaev"}
    for name, path in pages.items():
        context_page.goto(live_server + path)
        width = context_page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{name} is {width[0]} px wide on a {width[1]} px screen"
        sizes = context_page.evaluate("() => [...document.querySelectorAll('.ptext')].slice(0, 5).map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert all(s >= 16 for s in sizes), (name, sizes)
        screenshot(context_page, f"phone-{name}")


def test_shared_aligned_compare_link_opens_at_the_same_passage(page, live_server):
    page.goto(f"{live_server}/compare?articles={FR},{AR}&align=1")
    target = page.locator(".aligned-row[id]").nth(8)
    target.scroll_into_view_if_needed()
    page.evaluate("row => window.scrollTo(0, row.getBoundingClientRect().top + window.scrollY - 10)", target.element_handle())
    page.wait_for_function("id => window.location.hash === '#' + id", arg=target.get_attribute("id"), timeout=3000)
    shared = page.url
    assert "align=1" in shared and "#p-" in shared

    other = page.context.new_page()
    other.goto(shared)
    other.evaluate("() => document.fonts.ready")
    # The passage at the top of the screen is the one shared (the web font may nudge it a little).
    top = other.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target.get_attribute("id"))
    assert -20 < top < 120, top
    other.close()
