"""HTML pages and form posts through TestClient: forms round-trip, bad input gets a 4xx page."""

from __future__ import annotations

import re

FR, AR = "000_4a82fcdd0388497e", "003_68131c3598d7dd27"


def test_library_lists_the_seeds_and_advertises_its_json_twin(seeded_client):
    html = seeded_client.get("/").text
    api = seeded_client.get("/api/articles").json()
    for a in api["items"]:
        assert f'href="/articles/{a["slug"]}"' in html  # same ids in HTML and JSON
    assert 'rel="alternate" type="application/json" href="/api/articles"' in html


def test_library_filters_by_language_and_words(seeded_client):
    html = seeded_client.get("/?language=ar").text
    assert AR in html and FR not in html
    assert "1 article." in html


def test_reader_collapses_furniture_and_sets_direction(seeded_client):
    html = seeded_client.get("/articles/004_16cb77ffac9a1c94").text
    assert '<details class="furniture">' in html and 'id="p-0"' in html
    ar = seeded_client.get(f"/articles/{AR}").text
    assert 'lang="ar" dir="rtl"' in ar


def test_compare_view_columns_in_their_own_direction(seeded_client):
    r = seeded_client.get(f"/compare?articles={FR},{AR}")
    assert r.status_code == 200
    assert re.search(r'<section class="column" lang="fr" dir="ltr"', r.text)
    assert re.search(r'<section class="column" lang="ar" dir="rtl"', r.text)


def test_compare_picker_form_redirects_to_the_short_url(seeded_client):
    r = seeded_client.get(f"/compare?articles={FR}&articles={AR}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/compare?articles={FR},{AR}"


def test_compare_with_one_or_ten_articles_is_a_clear_4xx(seeded_client):
    one = seeded_client.get(f"/compare?articles={FR}")
    assert one.status_code == 422 and "2 to 4" in one.text and "Add a column" in one.text
    ten = seeded_client.get("/compare?articles=" + ",".join(f"a{i}" for i in range(10)))
    assert ten.status_code == 422
    assert seeded_client.get(f"/compare?articles={FR},missing").status_code == 404


def _paragraph_with(client, slug, words):
    return next(p["index"] for p in client.get(f"/api/articles/{slug}").json()["paragraphs"] if words in p["text"])


def test_note_form_round_trip_edit_delete_undo(seeded_client):
    r = seeded_client.post(f"/articles/{FR}/annotations", data={
        "paragraph": str(_paragraph_with(seeded_client, FR, "164 personnes")), "exact": "164 personnes", "body": "<script>alert(1)</script> figure",
        "tags": "Death toll, Figures"}, follow_redirects=False)
    assert r.status_code == 303
    page = seeded_client.get(r.headers["location"])
    assert "Note saved." in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; figure" in page.text and "<script>alert(1)" not in page.text
    assert '<mark class="note-mark"' in page.text
    assert '<span class="author">ana</span>' in page.text  # the author is the logged-in user
    note_id = seeded_client.get("/api/annotations").json()["items"][0]["id"]

    seeded_client.post(f"/annotations/{note_id}/edit", data={"body": "edited body", "tags": "framing"})
    assert "edited body" in seeded_client.get(f"/articles/{FR}").text

    r = seeded_client.post(f"/annotations/{note_id}/delete", follow_redirects=True)
    assert "Note deleted." in r.text and f'action="/annotations/{note_id}/restore"' in r.text
    assert seeded_client.get("/api/annotations").json()["total"] == 0
    seeded_client.post(f"/annotations/{note_id}/restore")
    assert seeded_client.get("/api/annotations").json()["total"] == 1
    browser = {"Accept": "text/html"}  # a note's IRI sends browsers to the passage, and clients its JSON-LD
    assert seeded_client.get(f"/annotations/{note_id}", headers=browser, follow_redirects=False).headers["location"].endswith(f"#note-{note_id}")


def test_note_form_errors_keep_what_was_typed(seeded_client):
    r = seeded_client.post(f"/articles/{FR}/annotations", data={"paragraph": "3", "exact": "not in the text", "body": "my long thought"})
    assert r.status_code == 422 and "not found" in r.text and "my long thought" in r.text
    assert seeded_client.post(f"/articles/{FR}/annotations", data={"body": ""}).status_code == 422
    assert seeded_client.post(f"/articles/{FR}/annotations", data={"body": "x" * 100_000}).status_code == 422
    assert seeded_client.post(f"/articles/{FR}/annotations", data={"paragraph": "abc", "body": "x"}).status_code == 422


def test_metadata_form_correction(seeded_client):
    r = seeded_client.post(f"/articles/{FR}/metadata", data={"title": "A better title", "outlet": "", "published": "2022-01-10", "language": ""}, follow_redirects=True)
    assert "A better title" in r.text and "2022-01-10" in r.text
    bad = seeded_client.post(f"/articles/{FR}/metadata", data={"published": "yesterday"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text


def test_tags_and_search_pages(seeded_client):
    seeded_client.post(f"/articles/{AR}/annotations", data={"paragraph": "", "body": "twin of 000", "tags": "Translation"})
    assert "translation (1)" in seeded_client.get("/tags").text
    tag_page = seeded_client.get("/tags/translation").text
    assert "twin of 000" in tag_page and AR in tag_page
    assert "<mark>" in seeded_client.get("/search?q=essence").text
    assert seeded_client.get("/search").status_code == 200


def test_bad_input_never_500(seeded_client):
    for url in ["/articles/nope", "/annotations/999999", "/tags/%3Cscript%3E", "/?offset=-1", "/?offset=abc",
                "/search?q=" + "x" * 600, "/search?offset=zz&q=a", "/nowhere", "/compare", "/compare?articles=",
                "/?language=%27%20OR%201%3D1--", "/articles/..%2F..%2Fetc%2Fpasswd", "/api/articles?limit=0",
                "/api/articles?limit=abc", "/api/articles/..%2Fetc"]:
        r = seeded_client.get(url)
        assert 400 <= r.status_code < 500 or r.status_code == 200, (url, r.status_code)
        assert "Traceback" not in r.text
    assert seeded_client.get("/nowhere").status_code == 404
    assert seeded_client.post("/annotations/abc/delete").status_code in (400, 422)


def test_a_tag_with_a_slash_has_a_working_page(seeded_client):
    seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": "x", "tags": ["left/right"]})
    page = seeded_client.get("/tags/left%2Fright")
    assert page.status_code == 200 and "Tag “left/right”" in page.text and "x" in page.text
