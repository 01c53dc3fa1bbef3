"""Sources are named as people read them (outlet, else a short title, and the date), never by
file name or hash; shortened text ends at a word with an ellipsis."""

from __future__ import annotations

import re

from app.services.labels import readable, shorten, source_label

FILE_LABEL = re.compile(r"\b\d{3}_[0-9a-f]{16}\b")  # how ingest names the seed files: NNN_hexhash
FR, AR, RU = "000_4a82fcdd0388497e", "003_68131c3598d7dd27", "004_16cb77ffac9a1c94"


def test_shorten_cuts_after_a_word_with_an_ellipsis():
    assert shorten("la police militaire est arrivée", 20) == "la police…"
    assert shorten("court", 20) == "court"
    assert shorten("  spaces\u00a0and\nlines  ", 40) == "spaces and lines"
    assert len(shorten("x" * 50, 10)) == 10 and shorten("x" * 50, 10).endswith("…")
    assert shorten(None, 5) == ""
    assert shorten("Soutenant le Kazakhstan, pour assurer", 26) == "Soutenant le Kazakhstan…"  # no dangling comma


def test_source_label_prefers_the_outlet_then_the_title_never_the_file():
    assert source_label(outlet="french.china.org.cn", title="Xi", published="2022-01-08") == "french.china.org.cn, 2022-01-08"
    assert source_label(outlet=None, title="Xi Jinping déclare que la Chine soutient pleinement le gouvernement kazakh",
                        published=None) == "Xi Jinping déclare que la Chine soutient…"
    assert source_label(outlet=None, title=FR, published=None, slug=FR) == "untitled article"


def test_readable_replaces_whole_ids_only():
    labels = {"a": "Le Monde", "a-2": "Le Figaro"}
    assert readable("a ¶1 vs a-2 ¶3 (data)", labels) == "Le Monde ¶1 vs Le Figaro ¶3 (data)"


def visible(html: str) -> str:
    """What a person reads: the text between tags, and the tooltips and labels in attributes."""
    shown = re.findall(r'\s(?:title|aria-label|placeholder|alt)="([^"]*)"', html)
    text = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text) + " ".join(shown)


def test_no_page_names_a_source_by_its_file(analysed_client):
    c = analysed_client
    contradictions = [i["id"] for i in c.get("/api/contradictions").json()["items"]]
    assert contradictions, "the seeds give contradiction suggestions"
    actors = [a["slug"] for a in c.get("/api/actors?limit=5").json()["items"]][:3]
    c.patch(f"/api/contradictions/{contradictions[0]}", json={"status": "confirmed", "note": "checked"})  # feeds /activity
    pages = ["/", "/tags", "/search?q=Kazakhstan", "/actors", "/claims", "/claims?metric=killed", "/claims?kind=figure",
             "/contradictions", "/contradictions/new", "/activity", "/account",
             f"/compare?articles={FR},{AR}", f"/compare?articles={FR},{AR}&align=1", f"/compare?articles={FR},{AR},{RU}",
             f"/briefing?articles={FR},{AR},{RU}"]
    pages += [f"/articles/{a['slug']}" for a in c.get("/api/articles").json()["items"]]
    pages += [f"/contradictions/{i}" for i in contradictions] + [f"/actors/{s}" for s in actors]
    # (The ingest log, /ingest, is about files: it names them on purpose.)
    for path in pages:
        r = c.get(path)
        assert r.status_code == 200, path
        found = FILE_LABEL.findall(visible(r.text))
        assert not found, f"{path} shows {found[:3]}"
    for item in c.get("/api/contradictions").json()["items"]:
        assert not FILE_LABEL.search(item["reason"]), item["reason"]
        assert all(p["source"] and not FILE_LABEL.search(p["source"]) for p in item["claims"])
    for mark in c.get(f"/api/articles/{FR}").json()["contradictions"]:
        assert not FILE_LABEL.search(mark["reason"])
