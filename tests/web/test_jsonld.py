"""The annotation export is valid W3C Web Annotation JSON-LD: expanded with the W3C context
(a local copy of http://www.w3.org/ns/anno.jsonld, since tests never fetch), no term is dropped."""

from __future__ import annotations

import json
from pathlib import Path

from pyld import jsonld

CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
CONTEXT = json.loads((Path(__file__).parent / "data" / "anno.jsonld").read_text(encoding="utf-8"))
OA, AS, DCT = "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/activitystreams#", "http://purl.org/dc/terms/"
FR = "000_4a82fcdd0388497e"


def _load(url, options=None):  # type: ignore[no-untyped-def]
    assert url == CONTEXT_URL, f"the export refers to an unexpected context {url}"
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def _terms(node) -> set[str]:  # type: ignore[no-untyped-def]
    if isinstance(node, dict):
        return {k for k in node if not k.startswith("@")} | {t for v in node.values() for t in _terms(v)}
    if isinstance(node, list):
        return {t for v in node for t in _terms(v)}
    return set()


def test_export_expands_with_the_w3c_context(seeded_client):
    quote = seeded_client.get(f"/api/articles/{FR}").json()["paragraphs"][1]["text"][:20]
    assert seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": "figure", "tags": ["toll"],
                                                        "selector": {"exact": quote}}).status_code == 201
    assert seeded_client.post("/api/annotations", json={"article": FR, "body": "whole article"}).status_code == 201
    doc = seeded_client.get("/api/annotations.jsonld").json()
    assert doc["@context"] == CONTEXT_URL
    unknown = _terms(doc) - set(CONTEXT["@context"])
    assert not unknown, f"terms the W3C context does not define (they vanish in RDF): {unknown}"

    expanded = jsonld.expand(doc, {"documentLoader": _load})
    collection = expanded[0]
    assert collection["@type"] == [AS + "OrderedCollection"]
    items = collection[AS + "items"][0]["@list"]
    assert len(items) == 2
    quoted = next(a for a in items if OA + "hasTarget" in a and OA + "hasSelector" in a[OA + "hasTarget"][0])
    assert quoted["@type"] == [OA + "Annotation"]
    assert {b[OA + "hasPurpose"][0]["@id"] for b in quoted[OA + "hasBody"]} == {OA + "commenting", OA + "tagging"}
    refined = quoted[OA + "hasTarget"][0][OA + "hasSelector"][0][OA + "refinedBy"]
    assert {r["@type"][0] for r in refined} == {OA + "TextQuoteSelector", OA + "TextPositionSelector"}
    assert quoted[DCT + "creator"][0]["http://xmlns.com/foaf/0.1/name"][0]["@value"] == "ana"
    # and it round-trips to RDF (N-Quads) without error
    assert OA + "Annotation" in jsonld.to_rdf(doc, {"documentLoader": _load, "format": "application/n-quads"})
