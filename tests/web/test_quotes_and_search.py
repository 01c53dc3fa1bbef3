"""Quotes and names as people type them: quote matching that ignores which apostrophes, quotation
marks, dashes and spaces were typed; ambiguous quotes answered with their paragraphs; a name's
every spelling found by search."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

FR, RU = "000_4a82fcdd0388497e", "004_16cb77ffac9a1c94"
NBSP = "\u00a0"


def paragraph_with(client, slug, words):
    return next(p for p in client.get(f"/api/articles/{slug}").json()["paragraphs"] if words in p["text"])


@pytest.mark.parametrize("typed, own", [
    ("prix de l'essence", "prix de l’essence"),
    (f"Environ{NBSP}164  personnes", "Environ 164 personnes"),
    ("Habar–24", "Habar-24"),
])
def test_api_note_quote_typed_differently_is_stored_as_the_text_has_it(seeded_client, typed, own):
    r = seeded_client.post("/api/annotations", json={"article": FR, "selector": {"exact": typed}, "body": "typed"})
    assert r.status_code == 201, r.text
    note = r.json()
    paragraph = paragraph_with(seeded_client, FR, own)
    assert note["paragraph"] == paragraph["index"] and note["selector"]["exact"] == own
    assert paragraph["text"][note["selector"]["start"]:note["selector"]["end"]] == own


def test_quote_in_the_title_and_one_body_paragraph_goes_to_the_body(seeded_client):
    r = seeded_client.post("/api/annotations", json={"article": RU, "selector": {"exact": "Vladimir Poutine a"}, "body": "x"})
    assert r.status_code == 201, r.text
    kinds = {p["index"]: p["kind"] for p in seeded_client.get(f"/api/articles/{RU}").json()["paragraphs"]}
    assert kinds[r.json()["paragraph"]] == "body"


def test_quote_in_several_body_paragraphs_is_422_listing_them_and_the_form_offers_them(seeded_client):
    c = seeded_client
    r = c.post("/api/annotations", json={"article": FR, "selector": {"exact": "Kazakhstan"}, "body": "where?"})
    assert r.status_code == 422
    places = r.json()["paragraphs"]
    texts = {p["index"]: p["text"] for p in c.get(f"/api/articles/{FR}").json()["paragraphs"]}
    assert len(places) > 1 and all("Kazakhstan" in texts[i] for i in places)
    assert all(str(i) in r.json()["detail"] for i in places)

    page = c.post(f"/articles/{FR}/annotations", data={"exact": "Kazakhstan", "body": "where?"})
    assert page.status_code == 422
    for i in places:
        assert f'<input type="radio" name="paragraph" value="{i}">' in page.text
    # Choosing one (the radio comes after the menu, so it wins) saves the note there.
    form = urlencode([("paragraph", ""), ("exact", "Kazakhstan"), ("body", "here"), ("paragraph", str(places[1]))])
    r = c.post(f"/articles/{FR}/annotations", content=form, headers={"Content-Type": "application/x-www-form-urlencoded"}, follow_redirects=False)
    assert r.status_code == 303
    assert any(n["paragraph"] == places[1] and n["body"] == "here" for n in c.get(f"/api/annotations?article={FR}").json()["items"])


SPELLINGS = ["Tokaev", "Tokayev", "Tokaïev", "توكاييف"]


def test_every_spelling_of_a_name_finds_the_same_paragraphs(analysed_client):
    c = analysed_client
    found = []
    for spelling in SPELLINGS:
        r = c.get("/api/search", params={"q": spelling, "limit": 500}).json()
        assert r["actors"] and r["actors"][0]["slug"] == "kassym-jomart-tokayev", spelling
        found.append({(h["article"], h["paragraph"]) for h in r["items"]})
    assert all(f == found[0] for f in found)
    assert len({a for a, _ in found[0]}) == 5  # every seed article names him
    assert any(a.startswith("003") for a, _ in found[0])  # the Arabic article, from a Latin spelling


def test_search_page_says_it_looked_for_every_spelling_with_the_actor_link_first(analysed_client):
    page = analysed_client.get("/search", params={"q": "Tokaev"}).text
    assert 'href="/actors/kassym-jomart-tokayev"' in page and "every spelling" in page
    assert page.index("/actors/kassym-jomart-tokayev") < page.index('class="hits"')
    assert "<mark>توكاييف</mark>" in page or "<mark>Tokayev</mark>" in page


def test_library_word_filter_finds_every_spelling_too(analysed_client):
    for spelling in SPELLINGS:
        assert analysed_client.get("/api/articles", params={"q": spelling}).json()["total"] == 5, spelling


def test_a_transliteration_no_alias_lists_still_finds_the_actor_but_not_a_word_of_like_consonants(analysed_client):
    """'Tokaiev' and 'Токаев' are in no alias list: they sound and read like the family name
    'Tokayev', so they stand for him; 'takeoff' has the same consonants, not the same letters."""
    c = analysed_client
    listed = {(h["article"], h["paragraph"]) for h in c.get("/api/search", params={"q": "Tokayev", "limit": 500}).json()["items"]}
    for spelling in ("Tokaiev", "Токаев", "TOKAIEFF"):
        r = c.get("/api/search", params={"q": spelling, "limit": 500}).json()
        assert [a["slug"] for a in r["actors"]] == ["kassym-jomart-tokayev"], spelling
        assert {(h["article"], h["paragraph"]) for h in r["items"]} == listed, spelling
    for unrelated in ("takeoff", "Tokar", "tk"):
        assert c.get("/api/search", params={"q": unrelated}).json()["actors"] == [], unrelated
