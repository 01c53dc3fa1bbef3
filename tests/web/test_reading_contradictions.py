"""Contradictions where analysts read: marked in the reader and the compare view, in the article's
JSON, with a layer switch, and nested safely with notes, actors and claims in one paragraph."""

from __future__ import annotations

import re
from html.parser import HTMLParser

FR, AR, RU = "000_4a82fcdd0388497e", "003_68131c3598d7dd27", "004_16cb77ffac9a1c94"


def paragraph_with(client, slug, words):
    return next(p for p in client.get(f"/api/articles/{slug}").json()["paragraphs"] if words in p["text"])


def make_contradiction(client, kind="numeric", status=None):
    fr, ru = paragraph_with(client, FR, "164"), paragraph_with(client, RU, "au moins 18")
    body = {"kind": kind, "reason": "Death toll: about 164 against at least 18",
            "passages": [{"article": FR, "paragraph": fr["index"], "exact": "Environ 164 personnes"},
                         {"article": RU, "paragraph": ru["index"], "exact": "au moins 18"}]}
    item = client.post("/api/contradictions", json=body).json()
    if status:
        client.patch(f"/api/contradictions/{item['id']}", json={"status": status})
    return item, fr, ru


class _Checker(HTMLParser):
    """Checks that tags close in the order they opened, and collects the text of one element."""

    VOID = {"br", "img", "input", "meta", "link", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def ptext(html: str, index: int) -> str:
    match = re.search(rf'data-paragraph="{index}">.*?<span class="ptext">(.*?)</span>\s*(?:<span class="contra-markers|</p>)', html, re.S)
    assert match, f"paragraph {index} not found"
    return match.group(1)


def test_article_json_and_reader_mark_the_disputed_words(seeded_client):
    c = seeded_client
    item, fr, _ = make_contradiction(c)
    marks = c.get(f"/api/articles/{FR}").json()["contradictions"]
    mark = next(m for m in marks if m["id"] == item["id"])
    assert {k: mark[k] for k in ("kind", "status", "paragraph")} == {"kind": "numeric", "status": "confirmed", "paragraph": fr["index"]}
    assert fr["text"][mark["start"]:mark["end"]] == "Environ 164 personnes"

    page = c.get(f"/articles/{FR}").text
    assert f'data-contradictions="{item["id"]}"' in page
    assert f'href="/contradictions/{item["id"]}"' in page
    assert "contra-numeric" in page and "hide contradictions" in page  # the legend and its switch

    off = c.get(f"/articles/{FR}?contradictions=off").text
    assert f'data-contradictions="{item["id"]}"' not in off and "show contradictions" in off


def test_dismissed_contradictions_are_not_marked(seeded_client):
    c = seeded_client
    item, _, _ = make_contradiction(c, status="dismissed")
    assert all(m["id"] != item["id"] for m in c.get(f"/api/articles/{FR}").json()["contradictions"])
    assert f'data-contradictions="{item["id"]}"' not in c.get(f"/articles/{FR}").text


def test_compare_marks_both_sides_of_the_chosen_contradiction_without_javascript(seeded_client):
    c = seeded_client
    item, _, _ = make_contradiction(c)
    page = c.get(f"/compare?articles={FR},{RU}&align=1&contradiction={item['id']}").text
    chosen = re.findall(rf'<span class="contra contra-numeric selected" data-contradictions="{item["id"]}"', page)
    assert len(chosen) >= 2  # one per side
    plain = c.get(f"/compare?articles={FR},{RU}").text
    assert "mark all sides" in plain and "contra-numeric selected" not in plain


def test_overlapping_note_actor_claim_and_contradiction_nest_and_keep_the_text(seeded_client):
    c = seeded_client
    item, fr, _ = make_contradiction(c)
    # A note that starts inside the disputed words and runs past them, with markup-like text in its body.
    r = c.post("/api/annotations", json={"article": FR, "paragraph": fr["index"], "selector": {"exact": "164 personnes ont perdu"},
                                         "body": "<b>not bold</b>"})
    assert r.status_code == 201, r.text
    page = c.get(f"/articles/{FR}").text
    checker = _Checker()
    checker.feed(page)
    assert not checker.errors, checker.errors[:3]
    inner = ptext(page, fr["index"])
    assert re.sub(r"<[^>]+>", "", inner).replace("&#39;", "'").replace("&amp;", "&") == fr["text"].replace("’", "’")
    assert "<b>not bold</b>" not in page
