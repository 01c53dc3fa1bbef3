"""Contradictions an analyst creates and judges, through forms and JSON; the board and its errors."""

from __future__ import annotations

FR, AR, RU = "000_4a82fcdd0388497e", "003_68131c3598d7dd27", "004_16cb77ffac9a1c94"


def paragraph_with(client, slug, words):
    return next(p["index"] for p in client.get(f"/api/articles/{slug}").json()["paragraphs"] if words in p["text"])


def test_create_decide_and_board_round_trip(seeded_client):
    c = seeded_client
    body = {"kind": "numeric", "reason": "Death toll: about 164 against at least 18 and 36",
            "passages": [{"article": FR, "paragraph": paragraph_with(c, FR, "164"), "exact": "Environ 164 personnes"},
                         {"article": RU, "paragraph": paragraph_with(c, RU, "au moins 18"), "exact": "au moins 18 membres"}]}
    r = c.post("/api/contradictions", json=body)
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["origin"] == "analyst" and item["status"] == "confirmed" and len(item["claims"]) == 2
    assert item["claims"][0]["text"] == "Environ 164 personnes"

    page = c.get(f"/contradictions/{item['id']}").text
    assert '<mark class="differs">Environ 164 personnes</mark>' in page
    assert f"/compare?articles={FR}%2C{RU}&amp;align=1" in page or f"/compare?articles={FR},{RU}" in page

    r = c.post(f"/contradictions/{item['id']}/decision", data={"status": "dismissed", "note": "same event, different dates"}, follow_redirects=True)
    assert r.status_code == 200 and "same event, different dates" in r.text
    assert c.get("/api/contradictions?status=dismissed").json()["total"] == 1
    assert c.get("/api/contradictions?status=confirmed").json()["total"] == 0
    patched = c.patch(f"/api/contradictions/{item['id']}", json={"status": "confirmed", "note": "re-read"}).json()
    assert patched["status"] == "confirmed" and [d["status"] for d in patched["decisions"]][:2] == ["confirmed", "dismissed"]
    board = c.get("/contradictions?kind=numeric").text
    assert "Death toll: about 164" in board


def test_form_creation_keeps_input_on_error(seeded_client):
    r = seeded_client.post("/contradictions", data={"kind": "framing", "reason": "Terrorism or protests",
                                                   "article_a": FR, "paragraph_a": "2", "exact_a": "not in the text"})
    assert r.status_code == 422 and "Terrorism or protests" in r.text
    r = seeded_client.post("/contradictions", data={"kind": "framing", "reason": "Terrorism or protests",
                                                   "article_a": FR, "paragraph_a": "9", "article_b": AR, "paragraph_b": "3"}, follow_redirects=False)
    assert r.status_code == 303


def test_contradiction_bad_input_is_4xx(seeded_client):
    c = seeded_client
    assert c.post("/api/contradictions", json={"kind": "vibes", "reason": "x", "passages": []}).status_code == 422
    assert c.post("/api/contradictions", json={"kind": "numeric", "reason": "", "passages": []}).status_code == 422
    assert c.post("/api/contradictions", json={"kind": "numeric", "reason": "one", "passages": [{"article": FR, "paragraph": 1}]}).status_code == 422
    assert c.post("/api/contradictions", json={"kind": "numeric", "reason": "x", "claims": [99999, 99998]}).status_code == 404
    assert c.get("/api/contradictions/12345").status_code == 404
    assert c.get("/contradictions/12345").status_code == 404
    assert c.get("/contradictions?status=maybe").status_code == 400
    assert c.get("/api/claims?kind=gossip").status_code == 422
    assert c.patch("/api/contradictions/1", json={"status": "x"}).status_code in (404, 422)
    assert c.get("/claims").status_code == 200 and c.get("/contradictions").status_code == 200


def test_the_board_weighs_groups_and_counts_the_suggestions(seeded_client):
    from sqlmodel import Session

    from app.services.actor_analysis import analyse_articles
    from app.services.claim_analysis import analyse_claims

    c = seeded_client
    with Session(c.app.state.engine) as session:  # actors (registry only), then claims, as ingest does
        analyse_claims(session=session, articles=analyse_articles(session=session))
    items = c.get("/api/contradictions?status=suggested").json()["items"]
    assert items and all(i["strength"] in ("strong", "soft", "minor") for i in items)
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True)  # strongest first
    framing = [i for i in items if i["kind"] == "framing"]
    assert len(framing) == 1 and len({p["article"] for p in framing[0]["claims"]}) >= 3  # one point, one item
    assert all(p["sentence"] and p["text"] in p["sentence"] for p in framing[0]["claims"])
    board = c.get("/contradictions").text
    assert 'class="board-counts"' in board and "strength-strong" in board
    assert f"framing</a> {len(framing)}" in board
    detail = c.get(f"/contradictions/{framing[0]['id']}").text
    assert "strength-strong" in detail





def test_a_later_run_with_more_evidence_supersedes_the_earlier_view(seeded_client):
    from sqlmodel import Session, select

    from app.models import Article, ContradictionPassage
    from app.services.claim_analysis import _supersede
    from app.services.contradictions import store_suggestion

    def passages(ids):  # type: ignore[no-untyped-def]
        return [ContradictionPassage(contradiction_id=0, article_id=i, paragraph=1, start=0, end=4, text="word")
                for i in ids]

    with Session(seeded_client.app.state.engine) as session:
        ids = [a.id for a in session.exec(select(Article).order_by(Article.id)).all()][:3]
        small = store_suggestion(session, kind="framing", reason="two sources", passages=passages(ids[:2]))
        other = store_suggestion(session, kind="numeric", reason="two sources", passages=passages(ids[:2]))
        big = store_suggestion(session, kind="framing", reason="three sources", passages=passages(ids))
        _supersede(session, big)
        session.commit()
        assert not small.current and other.current and big.current
