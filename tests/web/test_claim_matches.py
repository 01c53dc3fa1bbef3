"""Agreement on the analysed seeds: one statement or figure matched across articles (translations
count), its page and JSON twin; contradictions as W3C Web Annotations, alone and in the export."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from app.analysis.actors import load_french_model
from app.models import Article, ClaimMatch
from app.services.actor_analysis import analyse_articles
from app.services.claim_analysis import analyse_claims
from app.services.export import export_all
from tests.web import w3c_assertions as w3c

FR, CN, AR, RU = "000_4a82fcdd0388497e", "001_34c4f48a28539114", "003_68131c3598d7dd27", "004_16cb77ffac9a1c94"


def _support_statement(client) -> dict:  # type: ignore[no-untyped-def]
    """The Chinese head of state's statement that China opposes any force destabilising the country, in 000."""
    items = client.get(f"/api/claims?kind=statement&article={FR}&speaker=Xi").json()["items"]
    return next(c for c in items if "fermement" in c["text"] and "force" in c["text"])


def test_the_chinese_support_statement_is_matched_across_seeds_000_001_and_003(analysed_client):
    claim = _support_statement(analysed_client)
    assert claim["reported_by"] == 3
    detail = analysed_client.get(f"/api/claims/{claim['id']}").json()
    matches = {m["article"]: m for m in detail["matches"]}
    assert set(matches) == {CN, AR} and detail["reported_by"] == 3
    assert matches[AR]["how"] == "version" and matches[AR]["language"] == "ar"  # the translation counts
    assert matches[CN]["how"] == "wording" and "fermement opposée" in matches[CN]["text"]
    for m in detail["matches"]:
        assert m["url"] == f"/articles/{m['article']}#p-{m['paragraph']}" and m["claim_url"] == f"/claims/{m['id']}"
        other = analysed_client.get(m["claim_url"].replace("/claims/", "/api/claims/")).json()
        assert claim["id"] in {x["id"] for x in other["matches"]} and other["reported_by"] == 3  # each links to the others


def test_the_foreign_ministers_offer_of_support_is_matched_across_000_002_and_003(analysed_client):
    items = analysed_client.get(f"/api/claims?kind=statement&article={FR}&speaker=Wang+Yi").json()["items"]
    offer = next(c for c in items if "partenaire stratégique" in c["text"])
    detail = analysed_client.get(f"/api/claims/{offer['id']}").json()
    assert {(m["article"], m["how"]) for m in detail["matches"]} == {(AR, "version"), ("002_ef6b029c43e1317c", "wording")}


def test_the_health_ministry_toll_is_one_figure_in_the_article_and_its_translation(analysed_client):
    figures = analysed_client.get("/api/claims?kind=figure&metric=killed").json()["items"]
    toll = next(f for f in figures if f["article"] == FR and f["value"] == 164)
    detail = analysed_client.get(f"/api/claims/{toll['id']}").json()
    assert [(m["article"], m["how"]) for m in detail["matches"]] == [(AR, "figure")]
    assert toll["reported_by"] == 2
    assert all(f["reported_by"] == 1 for f in figures if f["article"] == RU)  # 18 and 36 are nobody else's


def test_claims_page_says_reported_by_n_sources_and_the_claim_page_links_every_report(analysed_client):
    claim = _support_statement(analysed_client)
    listing = analysed_client.get(f"/claims?kind=statement&article={FR}").text
    assert re.search(rf'<a href="/claims/{claim["id"]}">reported by 3 sources</a>', listing)
    page = analysed_client.get(f"/claims/{claim['id']}")
    assert page.status_code == 200 and "Reported by 3 sources" in page.text
    assert f'href="/articles/{AR}#p-' in page.text and f'href="/articles/{CN}#p-' in page.text
    assert f'type="application/json" href="/api/claims/{claim["id"]}"' in page.text


def test_page_and_json_list_the_same_reports(analysed_client):
    claim = _support_statement(analysed_client)
    page = analysed_client.get(f"/claims/{claim['id']}").text
    shown = set(re.findall(r'<a href="/claims/(\d+)">', page.split("Other reports")[1]))
    assert shown == {str(m["id"]) for m in analysed_client.get(f"/api/claims/{claim['id']}").json()["matches"]}


def test_an_unknown_claim_is_a_clear_404_and_a_bad_id_a_422(analysed_client):
    assert analysed_client.get("/api/claims/999999").json() == {"detail": "No claim 999999."}
    assert analysed_client.get("/claims/999999").status_code == 404
    assert analysed_client.get("/api/claims/abc").status_code == 422


def test_contradictions_jsonld_is_a_w3c_collection_of_multi_target_annotations(analysed_client):
    response = analysed_client.get("/api/contradictions.jsonld?limit=2")
    assert response.headers["content-type"].startswith("application/ld+json")
    doc = response.json()
    assert doc["@context"] == w3c.ANNO_CONTEXT and doc["type"] == "AnnotationCollection" and doc["total"] >= 3
    pages = [doc["first"]]
    while "next" in pages[-1]:
        pages.append(analysed_client.get(pages[-1]["next"].removeprefix("http://testserver")).json())
    annotations = [a for p in pages for a in p["items"]]
    assert len(annotations) == doc["total"]
    assert w3c.collection_failures(doc) == [] and all(w3c.page_failures(p) == [] for p in pages[1:])
    for a in annotations:
        assert w3c.annotation_failures({"@context": w3c.ANNO_CONTEXT, **a}) == []
        assert a["motivation"] == "assessing" and len(a["target"]) >= 2
        kinds = {s["refinedBy"]["type"] for t in a["target"] for s in t["selector"]}
        assert kinds == {"TextQuoteSelector", "TextPositionSelector"}
        assert {b["value"] for b in a["body"] if b["purpose"] == "tagging"} & {"numeric contradiction", "framing contradiction",
                                                                                "translation contradiction", "stance contradiction"}
    assert analysed_client.get("/api/contradictions.jsonld?page=99").status_code == 404
    assert analysed_client.get("/api/contradictions.jsonld?limit=501").status_code == 422


def test_the_full_export_holds_the_contradictions_as_web_annotations(analysed_client):
    with Session(analysed_client.app.state.engine) as session:
        export = export_all(session=session, base="http://rr.example")
    collection = export["contradictions"]
    assert collection["@context"] == w3c.ANNO_CONTEXT and w3c.collection_failures(collection) == []
    items = collection["first"]["items"]
    assert len(items) == collection["total"] >= 3
    assert all(w3c.annotation_failures({"@context": w3c.ANNO_CONTEXT, **a}) == [] for a in items)
    assert all(t["source"].startswith("http://rr.example/articles/") for a in items for t in a["target"])


def test_matches_are_kept_when_an_article_is_analysed_again_and_dropped_when_it_leaves_the_story(seeded_client):
    with Session(seeded_client.app.state.engine) as session:
        analyse_claims(session=session, articles=analyse_articles(session=session, nlp_factory=load_french_model))
        before = len(session.exec(select(ClaimMatch)).all())
        again = session.exec(select(Article).where(Article.slug == CN)).all()
        analyse_claims(session=session, articles=again)  # new claim rows for 001: its pairs are made again
        assert len(session.exec(select(ClaimMatch)).all()) == before > 0
    claim = _support_statement(seeded_client)
    assert claim["reported_by"] == 3
    assert seeded_client.post(f"/api/articles/{CN}/story", json={"story": "new"}).status_code == 200
    assert _support_statement(seeded_client)["reported_by"] == 2  # 001 is in a story of its own now


def test_contradictions_jsonld_keeps_its_terms_and_triples_under_the_w3c_context(analysed_client):
    from pyld import jsonld

    from tests.web.test_jsonld import OPTIONS, _defined, _terms, _triples

    with Session(analysed_client.app.state.engine) as session:
        exported = export_all(session=session)["contradictions"]
    for doc in (analysed_client.get("/api/contradictions.jsonld").json(), exported):
        assert _terms(doc) - _defined(doc) == set()  # nothing vanishes in RDF
        compacted = jsonld.compact(jsonld.expand(doc, OPTIONS), doc["@context"], OPTIONS)
        assert _triples(compacted) == _triples(doc)
        assert "<http://www.w3.org/ns/oa#assessing>" in _triples(doc)


def test_the_article_and_its_story_say_the_same_counts_as_the_claims_list(analysed_client):
    claim = _support_statement(analysed_client)
    in_article = {c["id"]: c for c in analysed_client.get(f"/api/articles/{FR}").json()["claims"]}
    assert in_article[claim["id"]]["reported_by"] == 3
    story = analysed_client.get("/api/stories").json()["items"][0]["slug"]
    killed = next(m for m in analysed_client.get(f"/api/stories/{story}").json()["metrics"] if m["metric"] == "killed")
    assert {(f["article"], f["value"], f["reported_by"]) for f in killed["figures"]} >= {(FR, 164, 2), (AR, 164, 2), (RU, 18, 1)}
