"""One JSON style across the API (issue 16): whole numbers are integers, vague amounts are marked
approximate with their honest range, every list has the same default and maximum `limit`, and
contradictions link to paragraphs instead of embedding them (unless `?expand=paragraphs`)."""

from __future__ import annotations

from types import SimpleNamespace

from app.services.claims import approximate, claim_out
from app.web.params import DEFAULT_LIMIT, MAX_LIMIT


def test_every_list_has_one_default_and_one_maximum_limit(client):
    schema = client.get("/openapi.json").json()
    limits = {f"{method.upper()} {path}": p["schema"] for path, ops in schema["paths"].items() for method, op in ops.items()
              for p in op.get("parameters", []) if p["name"] == "limit"}
    assert len(limits) >= 10 and {"GET /api/articles", "GET /api/search", "GET /annotations/"} <= set(limits)
    odd = {op: (s.get("default"), s.get("maximum")) for op, s in limits.items() if (s.get("default"), s.get("maximum")) != (DEFAULT_LIMIT, MAX_LIMIT)}
    assert odd == {}
    page = client.get("/api/articles").json()
    assert page["limit"] == DEFAULT_LIMIT
    assert client.get(f"/api/articles?limit={MAX_LIMIT + 1}").status_code == 422
    assert "One JSON style" in schema["info"]["description"]  # the conventions are in /docs


def _claim(**fields):  # type: ignore[no-untyped-def]
    defaults = {"id": 1, "kind": "figure", "paragraph": 0, "start": 0, "end": 3, "text": "457", "speaker": None, "verb": None,
                "source_chain": [], "metric": "deaths", "value": 457.0, "value_high": None, "qualifier": "exact",
                "population": None, "period": None, "approximate": False, "unit": "people", "source": None}
    article = SimpleNamespace(slug="a", outlet="Le Monde", published="2024-01-01", language="fr", title="T")
    return claim_out(SimpleNamespace(**{**defaults, **fields}), article)


def test_whole_values_are_integers_and_vague_amounts_are_marked():
    exact = _claim().model_dump(mode="json")
    assert exact["value"] == 457 and isinstance(exact["value"], int) and exact["approximate"] is False
    assert isinstance(_claim(value=2.5).model_dump(mode="json")["value"], float)
    thousands = _claim(value=1000.0, value_high=10000.0, qualifier="thousands_of", approximate=True).model_dump(mode="json")
    assert (thousands["value"], thousands["value_high"], thousands["approximate"]) == (1000, 10000, True)
    about = _claim(value=300.0, qualifier="about").model_dump(mode="json")
    assert (about["value"], about["value_high"], about["approximate"]) == (300, None, True)
    assert not approximate("at_least", False) and approximate("hundreds_of", False)


def test_served_figures_follow_the_style(analysed_client):
    figures = analysed_client.get("/api/claims?kind=figure&limit=500").json()["items"]
    assert figures
    for f in figures:
        for key in ("value", "value_high"):
            assert not (isinstance(f[key], float) and f[key].is_integer()), f
        if f["qualifier"] == "about" or (f["qualifier"] or "").endswith("_of"):
            assert f["approximate"], f


def test_contradictions_link_to_paragraphs_and_expand_embeds_them(analysed_client):
    board = analysed_client.get("/api/contradictions").json()["items"]
    assert board
    for contradiction in board:
        for passage in contradiction["claims"]:
            assert passage["paragraph_text"] is None
            linked = analysed_client.get(passage["paragraph_url"]).json()["paragraphs"]
            assert [p["index"] for p in linked] == [passage["paragraph"]]
            assert linked[0]["text"][passage["start"]:passage["end"]] == passage["text"]
    one = board[0]["id"]
    assert all(p["paragraph_text"] is None for p in analysed_client.get(f"/api/contradictions/{one}").json()["claims"])
    expanded = analysed_client.get(f"/api/contradictions/{one}?expand=paragraphs").json()["claims"]
    assert all(p["paragraph_text"] and p["text"] in p["paragraph_text"] for p in expanded)
    assert analysed_client.get("/api/contradictions?expand=everything").status_code == 422


def test_tags_and_a_notes_versions_are_pages_like_every_list(seeded_client):
    c = seeded_client
    note = c.post("/api/annotations", json={"article": "000_4a82fcdd0388497e", "body": "v1", "tags": ["a", "b", "c"]}).json()
    c.patch(f"/api/annotations/{note['id']}", json={"body": "v2"})
    tags = c.get("/api/tags", params={"limit": 2}).json()
    assert (tags["total"], tags["limit"], len(tags["items"])) == (3, 2, 2)
    assert c.get("/api/tags", params={"limit": 2, "offset": 2}).json()["items"] == [{"tag": "c", "count": 1}]
    versions = c.get(f"/api/annotations/{note['id']}/history").json()
    assert (versions["total"], versions["limit"], [v["action"] for v in versions["items"]]) == (2, 100, ["edit", "create"])
    assert c.get("/api/tags", params={"limit": 501}).status_code == 422
