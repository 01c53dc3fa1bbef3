"""A long article comes in pages of paragraphs, in the API and the reader, so that one request costs
what a page costs whatever the article's size; every paragraph stays reachable."""

from __future__ import annotations

from sqlmodel import Session

from app.services.ingest import ingest_paths

PARAS = 450


def _long_article(client, tmp_path) -> str:
    body = "\n\n".join(f"Paragraph {i}: the mayor of Valmer said the river rose again overnight." for i in range(PARAS))
    (tmp_path / "long.txt").write_text("A very long report\n\n" + body, encoding="utf-8")
    with Session(client.app.state.engine) as session:
        outcome = ingest_paths(session=session, paths=[tmp_path / "long.txt"], max_bytes=5_000_000).outcomes[0]
    return outcome.slug


def test_the_api_pages_paragraphs_and_what_is_anchored_in_them(client, tmp_path):
    slug = _long_article(client, tmp_path)
    first = client.get(f"/api/articles/{slug}").json()
    assert first["paragraph_count"] == PARAS + 1
    assert (first["paragraphs_from"], first["paragraphs_to"], len(first["paragraphs"])) == (0, 200, 200)
    note = client.post("/api/annotations", json={"article": slug, "paragraph": 300, "body": "far down"}).json()
    loose = client.post("/api/annotations", json={"article": slug, "body": "on the whole article"}).json()
    last = client.get(f"/api/articles/{slug}", params={"from": 400}).json()
    assert [p["index"] for p in last["paragraphs"]] == list(range(400, PARAS + 1))
    assert last["paragraphs_to"] == PARAS + 1
    middle = client.get(f"/api/articles/{slug}", params={"from": 250, "to": 320}).json()
    assert {n["id"] for n in middle["annotations"]} == {note["id"], loose["id"]}
    assert {n["id"] for n in first["annotations"] + client.get(f"/api/articles/{slug}").json()["annotations"]} == {loose["id"]}
    huge = client.get(f"/api/articles/{slug}", params={"from": 0, "to": 100_000}).json()
    assert len(huge["paragraphs"]) == PARAS + 1  # capped at 1000 a request
    assert client.get(f"/api/articles/{slug}", params={"from": 50, "to": 10}).status_code == 422


def test_the_reader_pages_and_a_permalink_opens_the_right_page(client, tmp_path):
    slug = _long_article(client, tmp_path)
    page = client.get(f"/articles/{slug}").text
    assert 'id="p-199"' in page and 'id="p-200"' not in page and 'href="?from=200"' in page
    second = client.get(f"/articles/{slug}", params={"from": 230}).text  # any paragraph: its page
    assert 'id="p-200"' in second and 'id="p-399"' in second and 'href="?from=0"' in second
    note = client.post("/api/annotations", json={"article": slug, "paragraph": 300, "body": "far down"}).json()
    r = client.get(f"/annotations/{note['id']}", headers={"Accept": "text/html"}, follow_redirects=False)
    assert r.headers["location"] == f"/articles/{slug}?from=200&note={note['id']}#note-{note['id']}"


def test_a_short_article_has_no_page_links(seeded_client):
    page = seeded_client.get("/articles/000_4a82fcdd0388497e").text
    assert "paragraph-pages" not in page


def _many_notes(client, slug, count):
    return [client.post("/api/annotations", json={"article": slug, "paragraph": 1 + i % 3, "body": f"note {i}"}).json()["id"]
            for i in range(count)]


def test_a_much_annotated_page_carries_its_notes_a_page_at_a_time(seeded_client):
    """800 notes on a passage would make every read of it cost 800 notes: a read carries 100."""
    slug = "000_4a82fcdd0388497e"
    ids = _many_notes(seeded_client, slug, 230)
    first = seeded_client.get(f"/api/articles/{slug}").json()
    assert (len(first["annotations"]), first["annotations_from"], first["annotations_total"]) == (100, 0, 230)
    pages = [first] + [seeded_client.get(f"/api/articles/{slug}", params={"notes": k}).json() for k in (100, 200)]
    seen = [n for page in pages for n in page["annotations"]]
    assert sorted(n["id"] for n in seen) == sorted(ids)  # every note once, on some page
    assert [n["paragraph"] for n in seen] == sorted(n["paragraph"] for n in seen)  # in reading order
    assert seeded_client.get(f"/api/articles/{slug}", params={"notes": 5000}).json()["annotations"] == []
    assert seeded_client.get(f"/api/articles/{slug}", params={"notes": -1}).status_code == 422


def test_the_reader_links_the_pages_of_notes_and_a_note_link_opens_its_page(seeded_client):
    slug = "000_4a82fcdd0388497e"
    ids = _many_notes(seeded_client, slug, 150)
    page = seeded_client.get(f"/articles/{slug}").text
    assert "notes 1–100 of 150" in page and 'href="?from=0&amp;notes=100"' in page
    later = seeded_client.get(f"/articles/{slug}", params={"notes": 100}).text
    assert "notes 101–150 of 150" in later and 'href="?from=0&amp;notes=0"' in later
    last = ids[-1]  # on paragraph 3, so after every note on paragraphs 1 and 2: on the second page
    r = seeded_client.get(f"/annotations/{last}", headers={"Accept": "text/html"}, follow_redirects=False)
    assert r.headers["location"] == f"/articles/{slug}?notes=100&note={last}#note-{last}"
    assert f'id="note-{last}"' in seeded_client.get(r.headers["location"]).text
