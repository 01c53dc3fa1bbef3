"""Claims and machine-suggested contradictions on the seeds, end to end through the database."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from app.analysis.actors import load_french_model
from app.models import Article
from app.services.actor_analysis import analyse_articles
from app.services.claim_analysis import analyse_claims

FR, AR, CN, RU = "000_4a82fcdd0388497e", "003_68131c3598d7dd27", "001_34c4f48a28539114", "004_16cb77ffac9a1c94"


def rerun(client):
    with Session(client.app.state.engine) as session:
        done = analyse_articles(session=session, nlp_factory=load_french_model)
        analyse_claims(session=session, articles=done or session.exec(select(Article)).all())


@pytest.fixture
def client(seeded_client):
    rerun(seeded_client)
    return seeded_client


def test_figures_extracted_with_metric_value_and_qualifier(client):
    figures = client.get("/api/claims?kind=figure&metric=killed").json()["items"]
    found = {(f["article"], f["value"], f["qualifier"]) for f in figures}
    assert (FR, 164, "about") in found and (AR, 164, "about") in found
    assert any(a == RU and v == 18 for a, v, _ in found) and any(a == RU and v == 36 for a, v, _ in found)
    assert {"id", "kind", "article", "paragraph", "start", "end", "text", "speaker", "source_chain", "metric", "value", "qualifier", "population", "period"} <= set(figures[0])
    statements = client.get("/api/claims?kind=statement").json()
    assert statements["total"] > 10


def test_figures_carry_unit_approximation_and_attribution_with_integral_values_as_ints(client):
    figures = client.get("/api/claims?kind=figure").json()["items"]
    assert {"approximate", "unit", "attributed_to"} <= set(figures[0])
    killed = [f for f in figures if f["metric"] == "killed"]
    assert all(isinstance(f["value"], int) and f["unit"] == "people" for f in killed)
    vague = [f for f in figures if f["qualifier"].endswith("_of")]
    assert vague and all(f["approximate"] and f["value_high"] > f["value"] for f in vague)
    assert any(f["attributed_to"] for f in figures)


def test_the_three_seed_disagreements_are_suggested(client):
    items = client.get("/api/contradictions").json()["items"]
    kinds = {c["kind"] for c in items}
    assert {"numeric", "framing", "translation"} <= kinds
    numeric = next(c for c in items if c["kind"] == "numeric" and any("164" in p["text"] for p in c["claims"]))
    assert {FR, RU} <= {p["article"] for p in numeric["claims"]}
    translation = next(c for c in items if c["kind"] == "translation")
    texts = " ".join(p["text"] for p in translation["claims"])
    assert "essence" in texts and "الغاز" in texts
    framing = next(c for c in items if c["kind"] == "framing")
    assert "terror" in framing["reason"].lower() and "protest" in framing["reason"].lower()
    assert len(items) <= 10  # the board stays readable


def test_dismissed_suggestion_stays_dismissed_after_rerun(client):
    item = client.get("/api/contradictions?kind=translation").json()["items"][0]
    client.patch(f"/api/contradictions/{item['id']}", json={"status": "dismissed", "note": "gas is the usual word"})
    rerun(client)
    again = client.get(f"/api/contradictions/{item['id']}").json()
    assert again["status"] == "dismissed" and again["current"]
    assert client.get("/api/contradictions?kind=translation&status=suggested").json()["total"] == 0


def test_versions_aligned_paragraph_by_paragraph(client):
    data = client.get(f"/api/alignments?a={FR}&b={AR}").json()
    assert data["version_score"] > 0.8
    pairs = [(p["a"], p["b"]) for p in data["pairs"] if p["a"] is not None and p["b"] is not None]
    fr = client.get(f"/api/articles/{FR}").json()["paragraphs"]
    ar = client.get(f"/api/articles/{AR}").json()["paragraphs"]
    body_fr = [p["index"] for p in fr if not p["furniture"]]
    body_ar = [p["index"] for p in ar if not p["furniture"]]
    assert pairs == list(zip(body_fr, body_ar))  # each body paragraph with its counterpart, in order
    assert client.get(f"/api/alignments?a={FR}&b={RU}").json()["version_score"] < 0.3
    html = client.get(f"/compare?articles={FR},{AR}&align=1").text
    assert html.count('class="aligned-row"') == len(pairs) + 1  # + the caption with no counterpart


def test_claims_highlighted_and_toggled(client):
    html = client.get(f"/articles/{FR}").text
    assert 'class="claim figure" data-claim=' in html and "hide claims" in html
    assert "data-claim=" not in client.get(f"/articles/{FR}?claims=off").text
    chart = client.get("/claims?metric=killed").text
    assert "<svg" in chart and "at least 18" in chart


def test_framing_shows_a_table_of_labels_per_source(client):
    framing = client.get("/api/contradictions?kind=framing").json()["items"][0]
    assert len(framing["table"]) >= 2 and all(labels for _, labels in framing["table"])
    assert '<table class="framing">' in client.get(f"/contradictions/{framing['id']}").text
