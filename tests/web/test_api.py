"""The JSON API over the seeds: listing, reading, annotating, searching, errors."""

from __future__ import annotations

import json

FR, AR = "000_4a82fcdd0388497e", "003_68131c3598d7dd27"


def test_articles_list_has_the_five_seeds_with_metadata(seeded_client):
    data = seeded_client.get("/api/articles").json()
    assert data["total"] == 5
    by_file = {a["source_file"]: a for a in data["items"]}
    assert set(data["items"][0]) >= {"id", "slug", "title", "outlet", "language", "direction", "published", "source_file", "paragraph_count", "url"}
    assert by_file[f"{AR}.txt"]["language"] == "ar" and by_file[f"{AR}.txt"]["direction"] == "rtl"
    assert by_file[f"{FR}.txt"]["language"] == "fr" and by_file[f"{FR}.txt"]["direction"] == "ltr"
    assert by_file["001_34c4f48a28539114.txt"]["published"] == "2022-01-08"


def test_filters_and_pagination(seeded_client):
    assert seeded_client.get("/api/articles?language=ar").json()["total"] == 1
    page = seeded_client.get("/api/articles?limit=2&offset=2").json()
    assert page["total"] == 5 and len(page["items"]) == 2
    assert seeded_client.get("/api/articles?q=Poutine").json()["total"] >= 1


def test_article_detail_marks_furniture(seeded_client):
    data = seeded_client.get("/api/articles/004_16cb77ffac9a1c94").json()
    kinds = {p["index"]: p for p in data["paragraphs"]}
    assert any(p["furniture"] for p in data["paragraphs"])
    assert all({"index", "text", "furniture"} <= set(p) for p in kinds.values())
    assert data["annotations"] == []


def test_annotation_round_trip_with_only_exact(seeded_client):
    article = seeded_client.get(f"/api/articles/{FR}").json()
    para = next(p for p in article["paragraphs"] if "164" in p["text"])
    created = seeded_client.post("/api/annotations", json={
        "article": FR, "paragraph": para["index"], "selector": {"exact": "164 personnes"},
        "body": "Health ministry figure", "tags": ["Death Toll", "  figures "],
    })
    assert created.status_code == 201, created.text
    note = created.json()
    sel = note["selector"]
    assert para["text"][sel["start"]:sel["end"]] == "164 personnes"
    assert sel["prefix"] and sel["suffix"] is not None
    assert note["tags"] == ["death toll", "figures"]
    assert seeded_client.get(f"/api/annotations?tag=death%20toll").json()["total"] == 1
    assert {"tag": "death toll", "count": 1} in seeded_client.get("/api/tags").json()["items"]

    patched = seeded_client.patch(f"/api/annotations/{note['id']}", json={"body": "edited", "tags": ["x"]}).json()
    assert patched["body"] == "edited" and patched["tags"] == ["x"]
    assert seeded_client.delete(f"/api/annotations/{note['id']}").status_code == 200
    assert seeded_client.get(f"/api/annotations/{note['id']}").status_code == 404
    assert seeded_client.get(f"/api/articles/{FR}").json()["annotations"] == []
    restored = seeded_client.post(f"/api/annotations/{note['id']}/restore").json()
    assert restored["deleted"] is None
    assert len(seeded_client.get(f"/api/articles/{FR}").json()["annotations"]) == 1


def test_quote_not_in_text_is_422(seeded_client):
    r = seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 2, "selector": {"exact": "no such words here"}, "body": "x"})
    assert r.status_code == 422 and "not found" in r.json()["detail"]


def test_bad_annotations_get_clear_4xx(seeded_client):
    assert seeded_client.post("/api/annotations", json={"article": FR, "body": "   "}).status_code == 422
    assert seeded_client.post("/api/annotations", json={"article": FR, "body": "x" * 100_000}).status_code == 422
    assert seeded_client.post("/api/annotations", json={"article": "nope", "body": "x"}).status_code == 404
    assert seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 999, "body": "x"}).status_code == 422
    assert seeded_client.post("/api/annotations", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422
    assert seeded_client.get("/api/annotations/abc").status_code == 422
    assert seeded_client.get("/api/annotations/99999").json() == {"detail": seeded_client.get("/api/annotations/99999").json()["detail"]}


def test_search_folds_arabic_and_french_spellings(seeded_client):
    hits = seeded_client.get("/api/search", params={"q": "غاز"}).json()
    assert hits["total"] >= 1 and "<mark>" in hits["items"][0]["snippet"]
    assert seeded_client.get("/api/search", params={"q": "tokaiev"}).json()["total"] >= 3  # Tokaïev
    assert seeded_client.get("/api/search", params={"q": "TOKAYEV"}).json()["total"] >= 3


def test_search_hostile_queries_are_plain_words(seeded_client):
    for q in ['" OR 1=1 --', "NEAR(a b)", "*", "'; DROP TABLE article; --", "<script>alert(1)</script>"]:
        r = seeded_client.get("/api/search", params={"q": q})
        assert r.status_code == 200, q
    assert seeded_client.get("/api/articles").json()["total"] == 5
    assert seeded_client.get("/api/search?q=").status_code == 422
    assert seeded_client.get("/api/search", params={"q": "x" * 600}).status_code == 422


def test_snippet_escapes_article_html(seeded_client, settings, tmp_path):
    from sqlmodel import Session

    from app.services.ingest import ingest_bytes

    text = ("Headline about tests\n\n<script>alert('x')</script> the zebra crossed the road today in the city, "
            "witnesses said, and traffic stopped for an hour while officers looked on.\n\n"
            "A second paragraph with enough words to count as the body of an article, as the parser expects "
            "of anything it accepts as news rather than a fragment.")
    with Session(seeded_client.app.state.engine) as s:
        assert ingest_bytes(session=s, name="xss.txt", data=text.encode(), max_bytes=10**6).status == "added"
    snippet = seeded_client.get("/api/search?q=zebra").json()["items"][0]["snippet"]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_metadata_correction_via_api(seeded_client):
    r = seeded_client.patch("/api/articles/002_ef6b029c43e1317c", json={"published": "2022-01-11", "outlet": "Xinhua"})
    assert r.status_code == 200 and r.json()["published"] == "2022-01-11" and set(r.json()["corrected"]) == {"published", "outlet"}
    assert seeded_client.patch("/api/articles/002_ef6b029c43e1317c", json={"published": "11 janvier"}).status_code == 422
    assert seeded_client.patch("/api/articles/002_ef6b029c43e1317c", json={"language": "french!"}).status_code == 422


def test_compare_api_and_bounds(seeded_client):
    assert len(seeded_client.get(f"/api/compare?articles={FR},{AR}").json()) == 2
    assert seeded_client.get(f"/api/compare?articles={FR}").status_code == 422
    ten = ",".join([FR, AR] * 5 + [f"x{i}" for i in range(10)])
    assert seeded_client.get(f"/api/compare?articles={ten}").status_code == 422
    assert seeded_client.get(f"/api/compare?articles={FR},nope").status_code == 404


def test_jsonld_export_is_web_annotation(seeded_client):
    seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": "b", "tags": ["t"]})
    r = seeded_client.get("/api/annotations.jsonld")
    doc = json.loads(r.text)
    assert r.headers["content-type"].startswith("application/ld+json")
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["id"] == "http://testserver/api/annotations.jsonld"
    item = doc["first"]["items"][0]
    assert item["type"] == "Annotation" and item["target"]["selector"]["value"] == "p-1"
    assert {"type": "TextualBody", "value": "t", "purpose": "tagging"} in item["body"]


def test_ingest_events_report_rejections(seeded_client):
    from sqlmodel import Session

    from app.services.ingest import ingest_bytes

    with Session(seeded_client.app.state.engine) as s:
        ingest_bytes(session=s, name="empty.txt", data=b"", max_bytes=10**6)
    events = seeded_client.get("/api/ingest/events?status=rejected").json()["items"]
    assert events[0]["source_file"] == "empty.txt" and events[0]["reason"]


def test_openapi_docs_served(client):
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/docs").status_code == 200
