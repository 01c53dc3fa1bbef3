"""The W3C web-annotation-tests' MUST assertions (tests/web/w3c_assertions.py) hold on every
annotation, page and collection the app serves; and each assertion does fail on a document that
breaks it, so passing means something."""

from __future__ import annotations

import copy

import pytest
from fastapi.testclient import TestClient

from tests.web import w3c_assertions as w3c

FR = "000_4a82fcdd0388497e"
LD = {"Accept": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'}
IRIS = {"Prefer": 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"'}
MINIMAL = {"Prefer": 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"'}


def _notes_of_every_shape(client: TestClient) -> None:
    """A quote, a paragraph, the whole article, tags only, one posted by a W3C client, one edited,
    one deleted (not served), one in Arabic."""
    texts = [p["text"] for p in client.get(f"/api/articles/{FR}").json()["paragraphs"]]
    ar = next(a["slug"] for a in client.get("/api/articles?language=ar").json()["items"])
    ar_text = client.get(f"/api/articles/{ar}").json()["paragraphs"][1]["text"]
    drafts = [{"article": FR, "paragraph": 1, "body": "a quote", "tags": ["toll"], "selector": {"exact": texts[1][:25]}},
              {"article": FR, "paragraph": 2, "body": "a paragraph"},
              {"article": FR, "body": "the whole article", "tags": ["framing", "à vérifier"]},
              {"article": FR, "paragraph": 3, "tags": ["only-a-tag"]},
              {"article": ar, "paragraph": 1, "body": "ملاحظة", "selector": {"exact": ar_text[:12]}}]
    ids = [client.post("/api/annotations", json=d).json()["id"] for d in drafts]
    client.patch(f"/api/annotations/{ids[1]}", json={"body": "edited"})
    gone = client.post("/api/annotations", json={"article": FR, "paragraph": 4, "body": "deleted"}).json()["id"]
    client.delete(f"/api/annotations/{gone}")
    posted = client.post("/annotations/", json={
        "@context": w3c.ANNO_CONTEXT, "type": "Annotation", "bodyValue": "posted by a W3C client",
        "target": {"source": f"http://testserver/articles/{FR}", "selector": {"type": "TextQuoteSelector", "exact": texts[2][:40]}}})
    assert posted.status_code == 201, posted.text


def _served(client: TestClient) -> tuple[list[dict], list[dict], list[dict]]:
    """Everything the app serves as Web Annotation JSON-LD: (collections, pages, annotations)."""
    collections, pages, annotations = [], [], []
    for url, headers in [("/annotations/", LD), ("/annotations/", IRIS), ("/annotations/", MINIMAL),
                         ("/annotations/?limit=2", LD), ("/annotations/?limit=2", IRIS), (f"/annotations/?article={FR}&limit=3", LD),
                         ("/annotations/?tag=nothing-tagged-so", LD), ("/api/annotations.jsonld", {}),
                         ("/api/annotations.jsonld?tag=toll", {})]:
        doc = client.get(url, headers=headers).json()
        collections.append(doc)
        first = doc.get("first")
        next_page = first if isinstance(first, str) else (first or {}).get("id")
        while next_page:  # walk every page of it, by `next`
            page = client.get(next_page.removeprefix("http://testserver"), headers=LD).json()
            pages.append(page)
            next_page = page.get("next")
    ids = {item if isinstance(item, str) else item["id"] for page in pages for item in page["items"]}
    for iri in sorted(ids):
        r = client.get(iri.removeprefix("http://testserver"), headers=LD)
        assert r.status_code == 200, (iri, r.text)
        annotations.append(r.json())
    return collections, pages, annotations


def test_every_collection_page_and_annotation_passes_the_w3c_musts(seeded_client):
    _notes_of_every_shape(seeded_client)
    collections, pages, annotations = _served(seeded_client)
    assert len(annotations) == 6 and len(pages) >= 12 and len(collections) == 9
    failures = ([f for c in collections for f in w3c.collection_failures(c)]
                + [f for p in pages for f in w3c.page_failures(p)]
                + [f for a in annotations for f in w3c.annotation_failures(a)])
    assert failures == []


# --- each assertion fails on a document that breaks it ------------------------------------------

ANNOTATION = {
    "@context": w3c.ANNO_CONTEXT, "id": "http://example.org/anno1", "type": "Annotation",
    "created": "2026-12-03T10:00:00Z", "body": {"type": "TextualBody", "value": "note"},
    "target": {"source": "http://example.org/page1", "selector": [
        {"type": "FragmentSelector", "value": "p-1", "refinedBy": {"type": "TextQuoteSelector", "exact": "x"}},
        {"type": "TextPositionSelector", "start": 0, "end": 1}]},
}
BROKEN_ANNOTATIONS = {
    "3.1-annotationContextValidated": {"@context": "http://example.org/other.jsonld"},
    "3.1-annotationIdValidated": {"id": "not an iri"},
    "3.1-annotationTypeValidated": {"type": "Note"},
    "3.1-targetKeyFound": {"target": None},
    "3.2-targetObjectsRecognized": {"target": {"source": "http://example.org/p"}},  # a source, and nothing specific
    "3.2-bodyObjectsRecognized": {"body": {"type": "TextualBody", "value": 3}},
    "3.2.5-notBodyBodyValue": {"bodyValue": "also"},
    "3.3.1-annotationCreatedValidated": {"created": "2026-12-03 10:00"},
    "3.3.1-annotationModifiedValidated": {"modified": ["2026-12-03T10:00:00Z", "2026-12-04T10:00:00Z"]},
    "3.3.1-annotationGeneratedValidated": {"generated": "yesterday"},
    "3.3.6-annotationRightsValidated": {"rights": "CC BY"},
    "3.3.7-annotationCanonicalValidated": {"canonical": ["urn:a:1", "urn:a:2"]},
    "3.3.7-annotationViaValidated": {"via": ["urn:a:1", "no iri"]},
}


def test_the_reference_annotation_passes():
    assert w3c.annotation_failures(ANNOTATION) == []


@pytest.mark.parametrize("assertion", sorted(BROKEN_ANNOTATIONS))
def test_each_annotation_assertion_fails_when_broken(assertion):
    broken = {**copy.deepcopy(ANNOTATION), **BROKEN_ANNOTATIONS[assertion]}
    assert [f.split(":")[0] for f in w3c.annotation_failures(broken)] == [assertion]


@pytest.mark.parametrize("selector, problem", [
    ({"type": "TextQuoteSelector"}, "exact"),
    ({"type": "TextPositionSelector", "start": -1, "end": 3}, "start"),
    ({"type": "TextPositionSelector", "start": 0, "end": 3.0}, "start"),
    ({"type": "FragmentSelector", "value": "p-1", "refinedBy": [{"type": "TextQuoteSelector", "exact": "x"}]}, "refinedBy"),
    ({"type": "MagicSelector", "value": "x"}, "not one of"),
])
def test_a_malformed_selector_fails_the_target_assertion(selector, problem):
    broken = {**ANNOTATION, "target": {"source": "http://example.org/p", "selector": selector}}
    found = w3c.annotation_failures(broken)
    assert len(found) == 1 and found[0].startswith("3.2-targetObjectsRecognized") and problem in found[0]


COLLECTION = {"@context": [w3c.ANNO_CONTEXT, "http://www.w3.org/ns/ldp.jsonld"], "id": "http://example.org/c/",
              "type": ["BasicContainer", "AnnotationCollection"], "label": "notes", "total": 1,
              "first": {"id": "http://example.org/c/?page=0", "type": "AnnotationPage", "startIndex": 0,
                        "partOf": {"id": "http://example.org/c/"}, "items": [ANNOTATION]},
              "last": "http://example.org/c/?page=0"}
BROKEN_COLLECTIONS = {
    "5.1-collectionContextValidated": {"@context": ["http://www.w3.org/ns/ldp.jsonld"]},
    "5.1-collectionIdValidated": {"id": None},  # the export before issue 16
    "5.1-collectionTypeValidated": {"type": "OrderedCollection"},
    "5.1-collectionLabelValidated": {"label": 7},
    "5.1-collectionTotalValidated": {"total": -1},
    "5.1-collectionFirstValidated": {"first": None},  # the items were in the collection itself
    "5.1-collectionLastValidated": {"last": {"id": "http://example.org/c/?page=0"}},
    "3.3.1-collectionCreatedValidated": {"created": "3 Dec 2026"},
    "3.3.1-collectionModifiedValidated": {"modified": 2026},
    "3.3.6-collectionRightsValidated": {"rights": ["not an iri"]},
}


def test_the_reference_collection_passes():
    assert w3c.collection_failures(COLLECTION) == []


@pytest.mark.parametrize("assertion", sorted(BROKEN_COLLECTIONS))
def test_each_collection_assertion_fails_when_broken(assertion):
    broken = {k: v for k, v in {**copy.deepcopy(COLLECTION), **BROKEN_COLLECTIONS[assertion]}.items() if v is not None}
    assert [f.split(":")[0] for f in w3c.collection_failures(broken)] == [assertion]


BROKEN_PAGES = {
    "5.2-pageIdValidated": {"id": "page 0"},
    "5.2-pageTypeValidated": {"type": "OrderedCollectionPage"},
    "5.2-pageItemsFound": {"items": None},
    "5.2-pagePartOfValidated": {"partOf": {"label": "no id"}},
    "5.2-pageStartIndexValidated": {"startIndex": "0"},
    "5.2-pageNextValidated": {"next": 1},
    "5.2-pagePrevValidated": {"prev": ["http://example.org/c/?page=0", "http://example.org/c/?page=1"]},
}


@pytest.mark.parametrize("assertion", sorted(BROKEN_PAGES))
def test_each_page_assertion_fails_when_broken(assertion):
    page = {"@context": w3c.ANNO_CONTEXT, **COLLECTION["first"]}
    assert w3c.page_failures(page) == []
    broken = {k: v for k, v in {**page, **BROKEN_PAGES[assertion]}.items() if v is not None}
    assert [f.split(":")[0] for f in w3c.page_failures(broken)] == [assertion]


def test_a_page_checks_the_annotations_it_embeds():
    page = {"@context": w3c.ANNO_CONTEXT, **COLLECTION["first"], "items": [{**ANNOTATION, "id": "nope"}]}
    assert [f.split(":")[0] for f in w3c.page_failures(page)] == ["3.1-annotationIdValidated"]


def test_contradictions_served_as_multi_target_annotations_pass_the_w3c_musts(analysed_client):
    """The contradictions' own container (read-only): every collection, page and annotation."""
    collection = analysed_client.get("/contradictions/annotations/?limit=2", headers=LD).json()
    pages, next_page = [], collection["first"]["id"]
    while next_page:
        pages.append(analysed_client.get(next_page.removeprefix("http://testserver"), headers=LD).json())
        next_page = pages[-1].get("next")
    annotations = [analysed_client.get(a["id"].removeprefix("http://testserver"), headers=LD).json()
                   for page in pages for a in page["items"]]
    assert len(annotations) == collection["total"] > 0 and len(pages) == -(-collection["total"] // 2)
    assert all(len(a["target"]) >= 2 and a["motivation"] == "assessing" for a in annotations)
    failures = (w3c.collection_failures(collection) + [f for p in pages for f in w3c.page_failures(p)]
                + [f for a in annotations for f in w3c.annotation_failures(a)])
    assert failures == []
