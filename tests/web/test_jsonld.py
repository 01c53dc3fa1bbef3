"""Every Web Annotation document the app serves is JSON-LD that keeps its meaning: expanded with the
W3C context (local copies, since tests never fetch: data/anno.jsonld is http://www.w3.org/ns/anno.jsonld,
data/ldp.jsonld the terms of http://www.w3.org/ns/ldp.jsonld the container uses), no term is
dropped, and compacting then expanding again (pyld) gives the same triples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyld import jsonld

DATA = Path(__file__).parent / "data"
CONTEXTS = {"http://www.w3.org/ns/anno.jsonld": json.loads((DATA / "anno.jsonld").read_text(encoding="utf-8")),
            "http://www.w3.org/ns/ldp.jsonld": json.loads((DATA / "ldp.jsonld").read_text(encoding="utf-8"))}
OA, AS, DCT = "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/activitystreams#", "http://purl.org/dc/terms/"
FR = "000_4a82fcdd0388497e"
LD = {"Accept": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'}
OPTIONS = {"documentLoader": lambda url, options=None: _load(url)}


def _load(url: str) -> dict:
    assert url in CONTEXTS, f"a document refers to an unexpected context {url}"
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXTS[url]}


def _terms(node) -> set[str]:  # type: ignore[no-untyped-def]
    if isinstance(node, dict):
        return {k for k in node if not k.startswith("@")} | {t for v in node.values() for t in _terms(v)}
    if isinstance(node, list):
        return {t for v in node for t in _terms(v)}
    return set()


def _defined(doc: dict) -> set[str]:
    contexts = doc["@context"] if isinstance(doc["@context"], list) else [doc["@context"]]
    return {term for c in contexts for term in CONTEXTS[c]["@context"]}


def _triples(doc: dict) -> str:
    return jsonld.normalize(doc, {**OPTIONS, "algorithm": "URDNA2015", "format": "application/n-quads"})


@pytest.fixture
def served(seeded_client) -> dict[str, dict]:
    quote = seeded_client.get(f"/api/articles/{FR}").json()["paragraphs"][1]["text"][:20]
    quoted = seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": "figure", "tags": ["toll"],
                                                          "selector": {"exact": quote}}).json()["id"]
    seeded_client.post("/api/annotations", json={"article": FR, "body": "whole article"})
    seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 2, "tags": ["only-tags"]})
    get = lambda url, headers=LD: seeded_client.get(url, headers=headers).json()
    return {"export": get("/api/annotations.jsonld"), "export page": get("/api/annotations.jsonld?page=0"),
            "container": get("/annotations/"), "container, IRIs": get("/annotations/", {
                "Prefer": 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"'}),
            "page": get("/annotations/?page=0&limit=2"), "second page": get("/annotations/?page=1&limit=2"),
            "annotation": get(f"/annotations/{quoted}")}


def test_every_document_keeps_its_terms_and_its_triples_through_compaction(served):
    for name, doc in served.items():
        unknown = _terms(doc) - _defined(doc)
        assert not unknown, f"{name}: terms its context does not define (they vanish in RDF): {unknown}"
        compacted = jsonld.compact(jsonld.expand(doc, OPTIONS), doc["@context"], OPTIONS)
        assert _triples(compacted) == _triples(doc), name
        assert _triples(doc).count("\n") > 5, name


def test_the_export_expands_to_a_collection_whose_first_page_holds_the_annotations(served):
    collection = jsonld.expand(served["export"], OPTIONS)[0]
    assert collection["@id"] == "http://testserver/api/annotations.jsonld"
    assert collection["@type"] == [AS + "OrderedCollection"]  # what anno.jsonld maps AnnotationCollection to
    page = collection[AS + "first"][0]
    assert page["@type"] == [AS + "OrderedCollectionPage"] and page[AS + "startIndex"][0]["@value"] == 0
    items = page[AS + "items"][0]["@list"]
    assert len(items) == 3
    quoted = next(a for a in items if isinstance(a[OA + "hasTarget"][0].get(OA + "hasSelector"), list)
                  and len(a[OA + "hasTarget"][0][OA + "hasSelector"]) == 2)
    assert quoted["@type"] == [OA + "Annotation"]
    assert {b[OA + "hasPurpose"][0]["@id"] for b in quoted[OA + "hasBody"]} == {OA + "commenting", OA + "tagging"}
    refined = [s[OA + "refinedBy"][0]["@type"][0] for s in quoted[OA + "hasTarget"][0][OA + "hasSelector"]]
    assert sorted(refined) == [OA + "TextPositionSelector", OA + "TextQuoteSelector"]
    assert quoted[DCT + "creator"][0]["http://xmlns.com/foaf/0.1/name"][0]["@value"] == "ana"
    assert quoted[DCT + "created"][0]["@type"] == "http://www.w3.org/2001/XMLSchema#dateTime"


def test_the_container_is_an_ldp_basic_container_in_rdf(served):
    container = jsonld.expand(served["container"], OPTIONS)[0]
    assert set(container["@type"]) == {"http://www.w3.org/ns/ldp#BasicContainer", AS + "OrderedCollection"}
    page = jsonld.expand(served["second page"], OPTIONS)[0]
    assert page[AS + "partOf"][0]["@id"] == "http://testserver/annotations/?limit=2"
    assert page[AS + "prev"][0]["@id"] == "http://testserver/annotations/?limit=2&page=0"


def test_contradictions_keep_their_triples_with_every_passage_a_target(analysed_client):
    container = analysed_client.get("/contradictions/annotations/", headers=LD).json()
    one = analysed_client.get(container["first"]["items"][0]["id"].removeprefix("http://testserver"), headers=LD).json()
    for doc in (container, one):
        assert not _terms(doc) - _defined(doc)
        assert _triples(jsonld.compact(jsonld.expand(doc, OPTIONS), doc["@context"], OPTIONS)) == _triples(doc)
    expanded = jsonld.expand(one, OPTIONS)[0]
    assert len(expanded[OA + "hasTarget"]) == len(one["target"]) >= 2
    assert expanded[OA + "motivatedBy"][0]["@id"] == OA + "assessing"
