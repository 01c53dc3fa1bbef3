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
