"""Outlet pages and their JSON twins: the list with unknown outlet lines, naming one, an outlet's
articles, quoted speakers, frame labels and figure standings, edits with their history, and
what is refused (viewers, missing CSRF tokens, bad input, unknown outlets)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.models import Article, Claim, Outlet, Paragraph, Story, StoryArticle
from app.web.auth import CSRF_HEADER
from tests.conftest import log_in

SEED_LINE = "001_34c4f48a28539114"  # the one seed article whose outlet line names an outlet (a web host)


def _article(session: Session, slug: str, *, outlet: str | None, url: str | None = None, language: str = "en",
             paragraphs: tuple[str, ...] = (), published: str = "2024-01-05") -> Article:
    article = Article(slug=slug, source_file=f"{slug}.txt", content_hash=slug, title=f"Title {slug}", outlet=outlet,
                      url=url, language=language, published=published)
    session.add(article)
    session.flush()
    for i, text in enumerate(paragraphs):
        session.add(Paragraph(article_id=article.id, index=i, text=text))  # type: ignore[arg-type]
    return article


def _figure(article: Article, metric: str, value: float) -> Claim:
    return Claim(article_id=article.id, kind="figure", paragraph=0, start=0, end=1, text=str(value), metric=metric,  # type: ignore[arg-type]
                 unit="people", value=value)


def _statement(article: Article, speaker: str) -> Claim:
    return Claim(article_id=article.id, kind="statement", paragraph=0, start=0, end=1, text="…", speaker=speaker)  # type: ignore[arg-type]


def _story_of_three(client: TestClient) -> None:
    """Three outlets tell one story: Reuters (by its line, twice), AFP (by its web address only),
    and an outlet no one named yet."""
    with Session(client.app.state.engine) as session:
        r1 = _article(session, "r1", outlet="Reuters", paragraphs=("Police said criminals attacked.", "“They are criminals,” he said."))
        r2 = _article(session, "r2", outlet="reuters.com", paragraphs=("These were not criminals.",))
        a1 = _article(session, "a1", outlet=None, url="https://www.afp.com/en/news/1", language="fr")
        u1 = _article(session, "u1", outlet="Daily Unknown")
        story = Story(slug="the-event", title="The event")
        session.add(story)
        session.flush()
        for a in (r1, r2, a1, u1):
            session.add(StoryArticle(article_id=a.id, story_id=story.id))  # type: ignore[arg-type]
        session.add_all([_figure(r1, "dead", 10), _figure(r2, "dead", 40),  # Reuters' largest: 40
                         _figure(a1, "dead", 25), _figure(u1, "dead", 30),
                         _figure(r1, "injured", 5), _figure(a1, "injured", 9),
                         _statement(r1, "Jane Roe"), _statement(r2, "Jane Roe"), _statement(r1, "John Doe")])
        session.commit()


def test_the_list_page_and_its_json_twin_show_the_same_outlets_and_unknown_lines(seeded_client):
    page = seeded_client.get("/outlets")
    assert page.status_code == 200
    assert '<link rel="alternate" type="application/json" href="/api/outlets"' in page.text
    listed = seeded_client.get("/api/outlets").json()
    assert listed["total"] >= 15 and listed["limit"] == 100
    for o in listed["items"]:
        assert f'href="{o["url"]}"' in page.text
    unknown = seeded_client.get("/api/outlets/unknown").json()
    assert [u["text"] for u in unknown["items"]] == ["french.china.org.cn"]
    assert unknown["items"][0]["example"] == SEED_LINE
    assert "french.china.org.cn" in page.text.split('id="unknown"')[1]
    assert seeded_client.get("/api/outlets?limit=2&offset=1").json()["items"] == listed["items"][1:3]
    assert seeded_client.get("/api/outlets?limit=501").status_code == 422


def test_an_outlet_shows_its_articles_speakers_labels_and_figure_standings(client):
    _story_of_three(client)
    reuters = client.get("/api/outlets/reuters").json()
    assert reuters["article_count"] == 2 and reuters["languages"] == ["en"]
    assert {a["slug"] for a in reuters["articles"]["items"]} == {"r1", "r2"}
    assert [(q["speaker"], q["statements"], q["articles"]) for q in reuters["quoted"]] == [("Jane Roe", 2, 2), ("John Doe", 1, 1)]
    crime = next(lab for lab in reuters["labels"] if lab["stance"] == "security" and "criminals" in lab["words"])
    assert (crime["uses"], crime["quoted"], crime["articles"]) == (2, 1, 1)  # r2 only refuses the label
    figures = reuters["figures"]
    assert (figures["compared"], figures["highest"], figures["lowest"]) == (2, 1, 1)  # dead: 40 of 25–40; injured: 5 of 5–9
    assert figures["standings"][0] | {"story_title": None} == {"story": "the-event", "story_title": None, "metric": "dead",
                                                                "unit": "people", "value": 40, "low": 25, "high": 40,
                                                                "sources": 3, "verdict": "highest"}
    afp = client.get("/api/outlets/agence-france-presse").json()
    assert [a["slug"] for a in afp["articles"]["items"]] == ["a1"]  # by its web address
    assert sorted((s["metric"], s["verdict"]) for s in afp["figures"]["standings"]) == [("dead", "lowest"), ("injured", "highest")]
    page = client.get("/outlets/reuters")
    assert page.status_code == 200
    for text in ("Jane Roe", "/stories/the-event", "highest", "/articles/r2", "as “<span dir=\"auto\">reuters.com</span>”"):
        assert text in page.text
    assert "Daily Unknown" in client.get("/outlets").text.split('id="unknown"')[1]


def test_naming_an_unknown_line_creates_an_outlet_the_reader_links_to(seeded_client):
    reader = seeded_client.get(f"/articles/{SEED_LINE}").text
    assert 'href="/outlets#unknown"' in reader
    made = seeded_client.post("/outlets", data={"name": "China.org.cn", "alias": "french.china.org.cn", "country": "cn"},
                              follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/outlets/china-org-cn"
    outlet = seeded_client.get("/api/outlets/china-org-cn").json()
    assert (outlet["country"], outlet["domains"], outlet["article_count"]) == ("CN", ["french.china.org.cn"], 1)
    assert outlet["history"][0]["action"] == "create" and outlet["history"][0]["author"] == "ana"
    assert seeded_client.get("/api/outlets/unknown").json()["total"] == 0
    reader = seeded_client.get(f"/articles/{SEED_LINE}").text
    assert '<a href="/outlets/china-org-cn" dir="auto">China.org.cn</a> · China' in reader


def test_an_unknown_line_added_as_another_name_of_an_outlet(client):
    _story_of_three(client)
    done = client.post("/outlets/names", data={"outlet": "bbc", "text": "Daily Unknown"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/outlets/bbc"
    bbc = client.get("/api/outlets/bbc").json()
    assert "Daily Unknown" in bbc["aliases"] and [a["slug"] for a in bbc["articles"]["items"]] == ["u1"]
    assert bbc["edited"] == ["aliases"] and bbc["history"][0]["summary"] == "aliases: +Daily Unknown"
    assert client.post("/outlets/names", data={"outlet": "nope", "text": "x"}).status_code == 404


def test_editing_the_state_media_flag_by_form_and_by_json_keeps_a_history(client):
    form = {"name": "BBC", "country": "GB", "state_media": "1", "state_media_note": "Funded <b>by</b> the state",
            "ownership": "x", "aliases": "BBC News\nبي بي سي", "domains": "bbc.com\nhttps://www.bbc.co.uk/news"}
    done = client.post("/outlets/bbc/edit", data=form, follow_redirects=False)
    assert done.status_code == 303
    bbc = client.get("/api/outlets/bbc").json()
    assert bbc["state_media"] is True and bbc["domains"] == ["bbc.com", "bbc.co.uk"] and bbc["aliases"] == ["BBC News", "بي بي سي"]
    assert set(bbc["edited"]) == {"state_media", "state_media_note", "ownership", "aliases"}
    page = client.get("/outlets/bbc").text
    assert "Funded &lt;b&gt;by&lt;/b&gt; the state" in page and "marked as state media" in page
    patched = client.patch("/api/outlets/bbc", json={"state_media": False})
    assert patched.status_code == 200 and patched.json()["state_media"] is False
    history = patched.json()["history"]
    assert [h["action"] for h in history] == ["edit", "edit"]
    assert history[0]["before"] == {"state_media": True} and history[0]["after"] == {"state_media": False}
    assert client.patch("/api/outlets/bbc", json={"state_media": False}).json()["history"] == history  # no change, no revision
    feed = client.get("/api/activity?kind=outlet").json()["items"]
    assert [r["url"] for r in feed] == ["/outlets/bbc", "/outlets/bbc"]
    created = client.post("/api/outlets", json={"name": "Example Wire", "domains": ["examplewire.test"], "country": "de"})
    assert created.status_code == 201 and created.json()["slug"] == "example-wire" and created.json()["country"] == "DE"


def test_viewers_and_forms_without_a_csrf_token_cannot_edit(anonymous, client):
    token = client.headers.pop(CSRF_HEADER)
    assert client.post("/outlets/bbc/edit", data={"name": "BBC", "state_media": "1"}).status_code == 403
    assert client.patch("/api/outlets/bbc", json={"state_media": True}).status_code == 403
    client.headers[CSRF_HEADER] = token
    viewer = log_in(TestClient(client.app), "vic", "viewer")
    assert viewer.get("/outlets/bbc").status_code == 200
    assert 'action="/outlets/bbc/edit"' not in viewer.get("/outlets/bbc").text
    assert viewer.patch("/api/outlets/bbc", json={"state_media": True}).status_code == 403
    assert viewer.post("/outlets/bbc/edit", data={"name": "BBC", "state_media": "1"}).status_code == 403
    assert viewer.post("/api/outlets", json={"name": "X"}).status_code == 403
    assert client.get("/api/outlets/bbc").json()["state_media"] is False and not client.get("/api/outlets/bbc").json()["history"]


def test_bad_input_is_a_clear_4xx_and_unknown_outlets_404(client):
    cases = [
        ("patch", "/api/outlets/bbc", {"json": {"country": "France"}}, 422, "not a country code"),
        ("patch", "/api/outlets/bbc", {"json": {"country": "ZZ"}}, 422, "not a country code"),
        ("patch", "/api/outlets/bbc", {"json": {"domains": ["javascript:alert(1)"]}}, 422, "not a web domain"),
        ("patch", "/api/outlets/bbc", {"json": {"name": "  "}}, 422, "needs a name"),
        ("patch", "/api/outlets/bbc", {"json": {"aliases": ["Reuters"]}}, 422, "already names the outlet Reuters"),
        ("patch", "/api/outlets/bbc", {"json": {"domains": ["afp.com"]}}, 422, "already a domain of Agence France-Presse"),
        ("patch", "/api/outlets/bbc", {"json": {"aliases": ["x"] * 51}}, 422, None),
        ("patch", "/api/outlets/bbc", {"json": {"state_media_note": "x" * 2001}}, 422, None),
        ("post", "/api/outlets", {"json": {"name": "BBC"}}, 422, "already names"),
        ("post", "/outlets/bbc/edit", {"data": {"name": "BBC", "country": "Narnia"}}, 422, "not a country code"),
        ("post", "/outlets/bbc/edit", {"data": {"name": "BBC", "aliases": "\n".join(f"a{i}" for i in range(60))}}, 422, "aliases"),
        ("post", "/outlets/bbc/edit", {"data": {"name": "BBC", "ownership": "x" * 3000}}, 400, None),
        ("post", "/outlets", {"data": {"name": ""}}, 400, None),
        ("get", "/outlets/no-such-outlet", {}, 404, "No outlet"),
        ("get", "/api/outlets/no-such-outlet", {}, 404, "No outlet"),
        ("patch", "/api/outlets/no-such-outlet", {"json": {"state_media": True}}, 404, "No outlet"),
        ("post", "/outlets/no-such-outlet/edit", {"data": {"name": "X"}}, 404, "No outlet"),
    ]
    for method, url, kwargs, status, words in cases:
        answer = getattr(client, method)(url, **kwargs)
        assert answer.status_code == status, (method, url, answer.status_code, answer.text[:300])
        if words:
            assert words in answer.text, (url, answer.text[:300])
    bbc = client.get("/api/outlets/bbc").json()
    assert bbc["history"] == [] and bbc["country"] == "GB"  # nothing was changed by any of them
    shown = client.post("/api/outlets", json={"name": "<script>alert(1)</script>"}).json()
    assert "<script>alert(1)" not in client.get(shown["url"]).text and "&lt;script&gt;" in client.get(shown["url"]).text


def test_outlets_edits_survive_the_registry_and_re_ingest(seeded_client, settings):
    from app.services.ingest import ingest_paths
    from app.services.outlets import load_outlet_registry
    from tests.conftest import SEEDS
    seeded_client.patch("/api/outlets/bbc", json={"state_media": True, "name": "British Broadcasting Corp."})
    with Session(seeded_client.app.state.engine) as session:
        rt = session.exec(select(Outlet).where(Outlet.slug == "rt")).one()
        rt.country = "FR"  # a field no analyst edited: the file sets it back
        session.add(rt)
        session.commit()
        assert load_outlet_registry(session) == 1  # RT's country restored; BBC's edited name and flag left
        assert load_outlet_registry(session) == 0  # idempotent
        ingest_paths(session=session, paths=[SEEDS], max_bytes=settings.max_file_bytes)
    bbc = seeded_client.get("/api/outlets/bbc").json()
    assert (bbc["name"], bbc["state_media"], bbc["slug"]) == ("British Broadcasting Corp.", True, "bbc")
    assert seeded_client.get("/api/outlets/rt").json()["country"] == "RU"


def test_an_articles_corrected_outlet_line_moves_it_to_that_outlet(seeded_client):
    assert seeded_client.patch(f"/api/articles/{SEED_LINE}", json={"outlet": "Xinhua News Agency"}).status_code == 200
    xinhua = seeded_client.get("/api/outlets/xinhua").json()
    assert [a["slug"] for a in xinhua["articles"]["items"]] == [SEED_LINE] and xinhua["languages"] == ["fr"]
    assert seeded_client.get("/api/outlets/unknown").json()["total"] == 0
    assert 'href="/outlets/xinhua"' in seeded_client.get(f"/articles/{SEED_LINE}").text
    assert seeded_client.patch(f"/api/articles/{SEED_LINE}", json={"outlet": ""}).status_code == 200  # back to the file's line
    assert seeded_client.get("/api/outlets/xinhua").json()["article_count"] == 0
    assert [u["text"] for u in seeded_client.get("/api/outlets/unknown").json()["items"]] == ["french.china.org.cn"]
